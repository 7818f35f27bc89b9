using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Not only residents: households, villages, teams, staff and centres are narrowed to the user's scope
/// too, and every figure and search goes through the same filters.
/// </summary>
public sealed class ScopeEverywhere : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;
    private readonly Resident _zhangInA;
    private readonly Resident _liInB;
    private readonly Resident _wangElsewhere;
    private readonly Household _householdOfB;
    private readonly Household _mixedHousehold;
    private readonly StaffMember _nurseOfA;
    private readonly StaffMember _doctorOfB;
    private readonly StaffMember _otherCentreDoctor;

    public ScopeEverywhere()
    {
        _county = SmallCounty.Create(_database);
        var today = _database.Clock.Today;
        _zhangInA = _county.AddResident(_database, _county.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male,
            KeyPopulation.Hypertension, phone: "13911110001");
        _liInB = _county.AddResident(_database, _county.VillageB, "李四", new DateOnly(1955, 5, 2), Sex.Female,
            KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes, phone: "13922220002");
        _wangElsewhere = _county.AddResident(_database, _county.OtherCentreVillage, "王五", new DateOnly(1948, 7, 3), Sex.Male,
            KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes, phone: "13933330003");
        _county.AddResident(_database, _county.VillageA, "赵小六", new DateOnly(2022, 1, 4), Sex.Male, phone: "13944440004");
        var deceased = _county.AddResident(_database, _county.VillageA, "钱七", new DateOnly(1930, 1, 5), Sex.Female,
            KeyPopulation.Hypertension, phone: "13955550005");

        using var db = _database.Context(UserScope.System);
        var gone = db.Residents.Single(r => r.Id == deceased.Id);
        gone.RecordDeath(new DateOnly(2026, 1, 1), null, today);

        // A household of village B with only a team-B member, and one of village A with members of both teams.
        _householdOfB = new Household(db.Villages.Single(v => v.Id == _county.VillageB.Id), "西村8号");
        _mixedHousehold = new Household(db.Villages.Single(v => v.Id == _county.VillageA.Id), "东村3号");
        db.Households.AddRange(_householdOfB, _mixedHousehold);
        db.SaveChanges();
        db.Residents.Single(r => r.Id == _liInB.Id).JoinHousehold(_householdOfB);
        var zhang = db.Residents.Single(r => r.Id == _zhangInA.Id);
        zhang.JoinHousehold(_mixedHousehold);
        var teamB = db.Teams.Single(t => t.Id == _county.TeamB.Id);
        var signedWithB = _county.AddResident(_database, _county.VillageA, "孙八", new DateOnly(1980, 8, 8), Sex.Male, phone: "13966660006");
        var sun = db.Residents.Single(r => r.Id == signedWithB.Id);
        sun.AssignTeam(teamB);
        sun.JoinHousehold(_mixedHousehold);

        var centre = db.Centres.Single(c => c.Id == _county.Centre.Id);
        var other = db.Centres.Single(c => c.Id == _county.OtherCentre.Id);
        _nurseOfA = new StaffMember(centre, "护士甲");
        _nurseOfA.JoinTeam(db.Teams.Single(t => t.Id == _county.TeamA.Id), TeamRole.Nurse);
        _doctorOfB = new StaffMember(centre, "医生乙");
        _doctorOfB.JoinTeam(teamB, TeamRole.GeneralPractitioner);
        _otherCentreDoctor = new StaffMember(other, "外镇医生");
        _otherCentreDoctor.JoinTeam(db.Teams.Single(t => t.Id == _county.OtherCentreTeam.Id), TeamRole.TeamLeader);
        db.Staff.AddRange(_nurseOfA, _doctorOfB, _otherCentreDoctor);
        db.SaveChanges();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_team_nurse_sees_the_villages_teams_staff_and_centre_of_her_centre_only()
    {
        using var db = _database.Context(_county.NurseOfTeamA);

        Assert.Equal([_county.VillageA.Id, _county.VillageB.Id], db.Villages.Select(v => v.Id).Order());
        Assert.Equal([_county.TeamA.Id, _county.TeamB.Id], db.Teams.Select(t => t.Id).Order());
        Assert.Equal([_nurseOfA.Id, _doctorOfB.Id], db.Staff.Select(s => s.Id).Order());
        Assert.Equal([_county.Centre.Id], db.Centres.Select(c => c.Id));
        Assert.False(db.Villages.Any(v => v.Id == _county.OtherCentreVillage.Id));
        Assert.Null(db.Teams.Find(_county.OtherCentreTeam.Id));
        Assert.Null(db.Staff.Find(_otherCentreDoctor.Id));
        Assert.False(db.Teams.Any(t => t.Id == _county.OtherCentreTeam.Id));
    }

    [Fact]
    public void The_other_centres_manager_sees_only_the_other_centres_reference_data()
    {
        using var db = _database.Context(_county.OtherCentreManager);

        Assert.Equal([_county.OtherCentreVillage.Id], db.Villages.Select(v => v.Id));
        Assert.Equal([_county.OtherCentreTeam.Id], db.Teams.Select(t => t.Id));
        Assert.Equal([_otherCentreDoctor.Id], db.Staff.Select(s => s.Id));
        Assert.Equal([_county.OtherCentre.Id], db.Centres.Select(c => c.Id));
        Assert.Equal([_wangElsewhere.Id], db.Residents.Select(r => r.Id));
        Assert.Empty(db.Households);
    }

    [Fact]
    public void The_county_administrator_sees_every_centre()
    {
        using var db = _database.Context(_county.Admin);

        Assert.Equal(3, db.Villages.Count());
        Assert.Equal(3, db.Teams.Count());
        Assert.Equal(3, db.Staff.Count());
        Assert.Equal(2, db.Centres.Count());
        Assert.Equal(2, db.Households.Count());
        Assert.Equal(6, db.Residents.Count());
    }

    [Fact]
    public async Task The_pickers_offer_a_nurse_her_centres_villages_and_teams_only()
    {
        var institutions = _database.Service<InstitutionDirectory>(_county.NurseOfTeamA);

        Assert.Equal(["东村", "西村"], (await institutions.VillagesAsync()).Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await institutions.VillagesAsync(_county.OtherCentre.Id));
        Assert.Equal(["第一团队", "第二团队"], (await institutions.TeamsAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await institutions.TeamsAsync(_county.OtherCentre.Id));
        Assert.Equal(["测试镇卫生院"], (await institutions.CentresAsync()).Select(c => c.Name));
    }

    [Fact]
    public async Task A_household_with_only_team_B_members_is_invisible_to_a_team_A_nurse()
    {
        using (var db = _database.Context(_county.NurseOfTeamA))
        {
            Assert.Equal([_mixedHousehold.Id], db.Households.Select(h => h.Id));
            Assert.False(db.Households.Any(h => h.Id == _householdOfB.Id));
        }
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        Assert.Null(await nurse.GetHouseholdAsync(_householdOfB.Id));

        // In a household she can see, members of the other team stay hidden.
        var mixed = (await nurse.GetHouseholdAsync(_mixedHousehold.Id))!;
        Assert.Equal(["张三"], mixed.Members.Select(m => m.Name));

        var doctor = _database.Service<ResidentDirectory>(_county.DoctorOfTeamB);
        Assert.NotNull(await doctor.GetHouseholdAsync(_householdOfB.Id));
        Assert.Equal(["孙八"], (await doctor.GetHouseholdAsync(_mixedHousehold.Id))!.Members.Select(m => m.Name));
        Assert.Equal(2, (await _database.Service<ResidentDirectory>(_county.Manager).GetHouseholdAsync(_mixedHousehold.Id))!.Members.Count);
    }

    [Fact]
    public async Task A_nurse_cannot_put_her_resident_into_a_household_she_cannot_see()
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var view = (await nurse.GetAsync(_zhangInA.Id))!;

        var result = await nurse.JoinHouseholdAsync(_zhangInA.Id, view.Version, _householdOfB.Id, null, asHead: false);

        Assert.False(result.Succeeded);
        using var db = _database.Context(UserScope.System);
        Assert.Equal(_mixedHousehold.Id, db.Residents.Single(r => r.Id == _zhangInA.Id).HouseholdId);
    }

    [Fact]
    public void Nobody_sees_nothing_in_any_scoped_set()
    {
        using var db = _database.Context(UserScope.Nobody);

        Assert.Empty(db.Residents);
        Assert.Empty(db.Households);
        Assert.Empty(db.Villages);
        Assert.Empty(db.Teams);
        Assert.Empty(db.Staff);
        Assert.Empty(db.Centres);
        Assert.Equal(0, db.Residents.Count());
        Assert.Null(db.Residents.FirstOrDefault(r => r.Id == _zhangInA.Id));
    }

    [Fact]
    public async Task Nobody_gets_no_residents_no_counts_and_no_pickers_from_the_services()
    {
        var residents = _database.Service<ResidentDirectory>(UserScope.Nobody);
        var institutions = _database.Service<InstitutionDirectory>(UserScope.Nobody);

        Assert.Empty((await residents.SearchAsync(new ResidentQuery { Status = null })).Items);
        Assert.Equal(0, await residents.CountAsync(new ResidentQuery { Status = null }));
        Assert.Null(await residents.GetAsync(_zhangInA.Id));
        Assert.Null(await residents.GetHouseholdAsync(_mixedHousehold.Id));
        Assert.Empty(await institutions.VillagesAsync());
        Assert.Empty(await institutions.TeamsAsync());
        Assert.Empty(await institutions.CentresAsync());
    }

    [Fact]
    public void Every_aggregate_has_the_named_scope_filter_and_every_part_hangs_off_a_filtered_one()
    {
        using var db = _database.Context(UserScope.System);
        // Deliberately unscoped: Identity's own tables (sign-in must find the user), the audit trail
        // (read only through AuditLog), the county itself, and the Data Protection key ring (read by the
        // framework, holds no personal data, and every instance must see all of it).
        var unscoped = new HashSet<Type>
        {
            typeof(AuditEntry), typeof(County), typeof(ApplicationUser),
            typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
        };
        var exposed = typeof(CareTeamsDbContext).GetProperties()
            .Where(p => p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(DbSet<>))
            .Select(p => p.PropertyType.GetGenericArguments()[0])
            .ToHashSet();

        bool Scoped(Microsoft.EntityFrameworkCore.Metadata.IEntityType type, int depth = 0) =>
            type.FindDeclaredQueryFilter(CareTeamsDbContext.ScopeFilter) is not null
            // A part of an aggregate (a contract's items) is scoped through the aggregate it belongs to, if
            // it is not an aggregate or a DbSet of its own that a page could query directly.
            || (depth < 5 && !exposed.Contains(type.ClrType) && !type.ClrType.IsSubclassOf(typeof(CareTeams.Domain.SeedWork.AggregateRoot))
                && type.GetForeignKeys().Any(fk => fk.PrincipalEntityType != type && Scoped(fk.PrincipalEntityType, depth + 1)));

        var missing = db.Model.GetEntityTypes()
            .Where(e => !e.IsOwned() && !unscoped.Contains(e.ClrType)
                && e.ClrType.Namespace?.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal) != true)
            .Where(e => !Scoped(e))
            .Select(e => e.ClrType.Name)
            .ToList();

        Assert.True(missing.Count == 0,
            $"No '{CareTeamsDbContext.ScopeFilter}' query filter on: {string.Join(", ", missing)}. Add one in CareTeamsDbContext.OnModelCreating, or list the type here as deliberately unscoped.");
    }

    [Fact]
    public async Task Home_page_counts_respect_the_scope()
    {
        async Task<int[]> HomeCounts(UserScope user)
        {
            var residents = _database.Service<ResidentDirectory>(user);
            return
            [
                await residents.CountAsync(new ResidentQuery()),
                await residents.CountAsync(new ResidentQuery { Tag = KeyPopulation.Elderly65 }),
                await residents.CountAsync(new ResidentQuery { Tag = KeyPopulation.Hypertension }),
                await residents.CountAsync(new ResidentQuery { Tag = KeyPopulation.Type2Diabetes }),
            ];
        }

        // Active residents / 65+ / hypertension / diabetes. The deceased 钱七 counts nowhere; 孙八 signed with team B.
        Assert.Equal(new[] { 2, 1, 1, 0 }, await HomeCounts(_county.NurseOfTeamA));
        Assert.Equal(new[] { 2, 1, 1, 1 }, await HomeCounts(_county.DoctorOfTeamB));
        Assert.Equal(new[] { 4, 2, 2, 1 }, await HomeCounts(_county.Manager));
        Assert.Equal(new[] { 1, 1, 1, 1 }, await HomeCounts(_county.OtherCentreManager));
        Assert.Equal(new[] { 5, 3, 3, 2 }, await HomeCounts(_county.Admin));
        Assert.Equal(new[] { 0, 0, 0, 0 }, await HomeCounts(UserScope.Nobody));

        // The figures agree with the list a user opens from them.
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        Assert.Equal(["张三"], (await nurse.SearchAsync(new ResidentQuery { Tag = KeyPopulation.Hypertension })).Items.Select(r => r.Name));
        Assert.Equal(["赵小六"], (await nurse.SearchAsync(new ResidentQuery { Tag = KeyPopulation.Child0To6 })).Items.Select(r => r.Name));
    }

    [Theory]
    [InlineData("LS")]
    [InlineData("ls")]
    [InlineData("L")]
    [InlineData("李")]
    [InlineData("李四")]
    [InlineData("13922220002")]
    [InlineData("139 2222 0002")]
    [InlineData("0002")]
    [InlineData("1392222")]
    public async Task A_nurse_searching_for_an_out_of_scope_resident_by_initials_name_or_phone_finds_nothing(string search)
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var doctor = _database.Service<ResidentDirectory>(_county.DoctorOfTeamB);

        Assert.Empty((await nurse.SearchAsync(new ResidentQuery { Search = search, Status = null })).Items);
        Assert.Equal(0, await nurse.CountAsync(new ResidentQuery { Search = search, Status = null }));
        // The same search finds her for the team that cares for her: the search works, the scope hides.
        Assert.Equal(["李四"], (await doctor.SearchAsync(new ResidentQuery { Search = search })).Items.Select(r => r.Name));
    }

    [Theory]
    [InlineData("WW")]
    [InlineData("王")]
    [InlineData("13933330003")]
    [InlineData("0003")]
    public async Task A_manager_searching_for_another_centres_resident_finds_nothing(string search)
    {
        var manager = _database.Service<ResidentDirectory>(_county.Manager);

        Assert.Empty((await manager.SearchAsync(new ResidentQuery { Search = search, Status = null })).Items);
        Assert.Equal(["王五"], (await _database.Service<ResidentDirectory>(_county.Admin).SearchAsync(new ResidentQuery { Search = search })).Items.Select(r => r.Name));
    }

    [Fact]
    public async Task An_ID_number_prefix_common_to_every_resident_finds_only_the_nurses_own()
    {
        var nurse = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);

        var found = await nurse.SearchAsync(new ResidentQuery { Search = "330122", Status = null });

        Assert.Equal(["张三", "赵小六", "钱七"], found.Items.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, found.TotalCount);
    }
}
