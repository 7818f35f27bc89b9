using System.Diagnostics;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data.Seeding;

/// <summary>
/// The demo county 示范县 (DEMO): one township centre DEMO01 示范镇卫生院, 12 villages (two of them
/// urban communities), four family-doctor teams of five responsible for three villages each, about
/// 3,000 residents in households, and the demo accounts (password <see cref="Password"/>). Built
/// through the domain (constructors and methods) and saved as the system in one transaction, so the
/// audit trail records every row. Deterministic: a fixed seed and the clock's today give the same data.
/// Refused in Production; does nothing when the county already exists.
/// </summary>
public static class DemoSeeder
{
    public const string CountyCode = "DEMO";
    public const string CentreCode = "DEMO01";
    public const string RegionCode = "330122";
    public const string Password = "CareTeams#2026";
    private const int Seed = 2026;

    /// <summary>Each team's three villages with their number of residents (3,000 in all).</summary>
    private static readonly (string Team, string Phone, (string Name, VillageKind Kind, int Residents)[] Villages)[] Teams =
    [
        ("第一家庭医生团队", "0571-64621101",
            [("东山村", VillageKind.AdministrativeVillage, 320), ("溪口村", VillageKind.AdministrativeVillage, 260), ("桃源村", VillageKind.AdministrativeVillage, 180)]),
        ("第二家庭医生团队", "0571-64621102",
            [("石门村", VillageKind.AdministrativeVillage, 240), ("上塘村", VillageKind.AdministrativeVillage, 210), ("下洋村", VillageKind.AdministrativeVillage, 300)]),
        ("第三家庭医生团队", "0571-64621103",
            [("竹林村", VillageKind.AdministrativeVillage, 150), ("青山村", VillageKind.AdministrativeVillage, 270), ("柳树湾村", VillageKind.AdministrativeVillage, 230)]),
        ("第四家庭医生团队", "0571-64621104",
            [("大岭村", VillageKind.AdministrativeVillage, 190), ("城南社区", VillageKind.Community, 330), ("文昌社区", VillageKind.Community, 320)]),
    ];

    /// <summary>Each team's members, in this order: the leading GP, a GP, a nurse, public-health staff, a village doctor.</summary>
    private static readonly (TeamRole Role, Sex Sex)[] TeamMembers =
    [
        (TeamRole.TeamLeader, Sex.Male), (TeamRole.GeneralPractitioner, Sex.Female), (TeamRole.Nurse, Sex.Female),
        (TeamRole.PublicHealth, Sex.Male), (TeamRole.VillageDoctor, Sex.Male),
    ];

    public static async Task SeedAsync(IServiceProvider services, IHostEnvironment environment, Action<string> progress, CancellationToken cancellationToken = default)
    {
        if (environment.IsProduction())
            throw new InvalidOperationException("The demo seed refuses to run in the Production environment. 生产环境不能写入演示数据。");

        var started = Stopwatch.StartNew();
        var clock = services.GetRequiredService<IClock>();
        var today = clock.Today;
        await using var db = await SystemContexts.CreateAsync(services, cancellationToken);
        if (await db.Counties.AnyAsync(c => c.Code == CountyCode, cancellationToken))
        {
            progress($"The demo county ({CountyCode}) already exists: nothing was added. 演示县已存在，未作改动。");
            return;
        }
        // Roles are made at migration; make sure before the transaction (RoleManager uses a context of its own).
        await DatabaseInitializer.EnsureRolesAsync(services);

        var random = new Random(Seed);
        var people = new SyntheticPeople(random, today, RegionCode);
        progress($"Seeding the demo county 示范县 ({CountyCode}) as of {today:yyyy-MM-dd} …");

        // All or nothing: a half-seeded county would make the next run skip as "already exists".
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var county = new County(CountyCode, "示范县", RegionCode);
        db.Counties.Add(county);
        await db.SaveChangesAsync(cancellationToken);
        var centre = new Centre(county, CentreCode, "示范镇卫生院", CentreKind.TownshipHealthCentre);
        centre.Rename(centre.Name, "0571-64621000");
        db.Centres.Add(centre);
        await db.SaveChangesAsync(cancellationToken);

        var teams = Teams.Select(t => new Team(centre, t.Team, t.Phone)).ToList();
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync(cancellationToken);

        var villages = new List<(Village Village, int Residents, Team Team)>();
        for (var i = 0; i < Teams.Length; i++)
        {
            foreach (var (name, kind, residents) in Teams[i].Villages)
                villages.Add((new Village(centre, name, kind, teams[i]), residents, teams[i]));
        }
        db.Villages.AddRange(villages.Select(v => v.Village));

        // The centre's director (not in a team) is the manager account's staff member.
        var director = new StaffMember(centre, people.PersonName(Sex.Male, today.Year - 52), people.Mobile());
        db.Staff.Add(director);
        var staff = new List<(Team Team, TeamRole Role, StaffMember Member)>();
        foreach (var team in teams)
        {
            foreach (var (role, sex) in TeamMembers)
            {
                var born = today.Year - (role == TeamRole.TeamLeader ? 48 : 28 + random.Next(20));
                var member = new StaffMember(centre, people.PersonName(sex, born), people.Mobile());
                member.JoinTeam(team, role);
                staff.Add((team, role, member));
            }
        }
        db.Staff.AddRange(staff.Select(s => s.Member));
        await db.SaveChangesAsync(cancellationToken);
        progress($"  centre {CentreCode} 示范镇卫生院: {teams.Count} teams, {villages.Count} villages, {staff.Count + 1} staff");

        var residentCount = 0;
        var householdCount = 0;
        foreach (var team in teams)
        {
            var teamResidents = 0;
            var planned = villages.Where(v => v.Team == team)
                .Select(v => (v.Village, Plan: people.Village(v.Village.Name, v.Village.Kind, v.Residents)))
                .ToList();

            // Households first: a resident joins a household by its id.
            var households = planned.SelectMany(p => p.Plan.Select(h => (p.Village, Plan: h, Household: new Household(p.Village, h.Address)))).ToList();
            db.Households.AddRange(households.Select(h => h.Household));
            await db.SaveChangesAsync(cancellationToken);

            var heads = new List<(Household Household, Resident Head)>();
            foreach (var (village, plan, household) in households)
            {
                foreach (var person in plan.Members)
                {
                    var resident = Register(village, household, person, today);
                    db.Residents.Add(resident);
                    if (person == plan.Head)
                        heads.Add((household, resident));
                    teamResidents++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);

            foreach (var (household, head) in heads)
                household.MakeHead(head);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();

            residentCount += teamResidents;
            householdCount += households.Count;
            progress($"  {team.Name}: {string.Join("、", planned.Select(p => p.Village.Name))} — {teamResidents} residents in {households.Count} households");
        }

        var (packageCount, contractCount) = await DemoContracts.SeedAsync(db, centre, random, today, cancellationToken);
        db.ChangeTracker.Clear();
        progress($"  {packageCount} service packages, {contractCount} contracts");
        var bedCount = await DemoHomeBeds.SeedAsync(db, centre, today, ChinaTime.LocalTimeOf(clock.Now), cancellationToken);
        db.ChangeTracker.Clear();
        progress($"  {bedCount} home beds with their rounds and nursing visits");

        var (planCount, doneCount, _) = await DemoPlans2111.SeedAsync(db, random, today, ChinaTime.LocalTimeOf(clock.Now), cancellationToken);
        db.ChangeTracker.Clear();
        progress($"  {planCount} “2111” plans for {today.Year}, {doneCount} items done with their visit records");

        var (alliance, referralCount) = await DemoReferrals.SeedAsync(db, county, centre, clock.Now, cancellationToken);
        db.ChangeTracker.Clear();
        progress($"  the medical alliance ({DemoReferrals.HospitalName} …) and {referralCount} referrals");

        var accounts = await CreateAccountsAsync(services, db, county, centre, director, staff, alliance, clock, progress);
        await transaction.CommitAsync(cancellationToken);
        progress($"Demo county ready in {started.Elapsed.TotalSeconds:F1} s: {residentCount} residents in {householdCount} households, "
            + $"{accounts} accounts (password {Password}).");
    }

    /// <summary>Registers one planned person through the resident form's own rules, in the household, with the status to record.</summary>
    private static Resident Register(Village village, Household household, SyntheticPerson person, DateOnly today)
    {
        var (details, errors) = ResidentDetails.Validate(person.ToInput(household.Address), today);
        if (details is null)
            throw new InvalidOperationException($"Generated resident {person.Name} is invalid: {string.Join("; ", errors.Select(e => e.Message))}");
        var resident = Resident.Register(village, details);
        resident.JoinHousehold(household);
        switch (person.Status)
        {
            case ResidentStatus.MovedAway:
                resident.RecordMovedAway(person.StatusChangedOn!.Value, person.StatusNote, today);
                resident.LeaveHousehold(household);
                break;
            case ResidentStatus.Deceased:
                resident.RecordDeath(person.StatusChangedOn!.Value, person.StatusNote, today);
                break;
        }
        return resident;
    }

    /// <summary>admin, manager, a doctor and a nurse for each of the first two teams, the hospital's and the care home's referral desks; existing user names are left alone.</summary>
    private static async Task<int> CreateAccountsAsync(IServiceProvider services, CareTeamsDbContext db, County county, Centre centre,
        StaffMember director, List<(Team Team, TeamRole Role, StaffMember Member)> staff, DemoReferrals.Alliance alliance, IClock clock,
        Action<string> progress)
    {
        var staffTeams = staff.Select(s => s.Team).Distinct().ToList();
        StaffMember Member(int team, TeamRole role) => staff.First(s => s.Team == staffTeams[team] && s.Role == role).Member;
        var accounts = new (string UserName, string Role, string DisplayName, int? CentreId, int? TeamId, int? StaffMemberId, int? InstitutionId)[]
        {
            ("admin", Roles.Admin, "系统管理员", null, null, null, null),
            ("manager", Roles.CentreManager, director.Name, centre.Id, null, director.Id, null),
            ("doctor1", Roles.Doctor, Member(0, TeamRole.GeneralPractitioner).Name, centre.Id, staffTeams[0].Id, Member(0, TeamRole.GeneralPractitioner).Id, null),
            ("nurse1", Roles.Nurse, Member(0, TeamRole.Nurse).Name, centre.Id, staffTeams[0].Id, Member(0, TeamRole.Nurse).Id, null),
            ("doctor2", Roles.Doctor, Member(1, TeamRole.GeneralPractitioner).Name, centre.Id, staffTeams[1].Id, Member(1, TeamRole.GeneralPractitioner).Id, null),
            ("nurse2", Roles.Nurse, Member(1, TeamRole.Nurse).Name, centre.Id, staffTeams[1].Id, Member(1, TeamRole.Nurse).Id, null),
            ("hospital1", Roles.ReferralDesk, "陈立新（县人民医院转诊办）", null, null, null, alliance.Hospital.Id),
            ("carehome1", Roles.ReferralDesk, "刘慧（社会福利中心）", null, null, null, alliance.CareHome.Id),
        };

        using var users = SystemContexts.UserManager(services, db);
        var created = 0;
        foreach (var (userName, role, displayName, centreId, teamId, staffMemberId, institutionId) in accounts)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                progress($"  account {userName} already exists: left as it is");
                continue;
            }
            var user = new ApplicationUser
            {
                UserName = userName,
                DisplayName = displayName,
                CountyId = county.Id,
                CentreId = centreId,
                TeamId = teamId,
                StaffMemberId = staffMemberId,
                AllianceInstitutionId = institutionId,
                EmailConfirmed = true,
                PasswordChangedAtUtc = clock.Now.UtcDateTime,
            };
            Check(await users.CreateAsync(user, Password), userName);
            Check(await users.AddToRoleAsync(user, role), userName);
            progress($"  account {userName} ({Roles.ChineseName(role)}, {displayName})");
            created++;
        }
        return created;
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo account {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
