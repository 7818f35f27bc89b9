using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Referrals;
using CareTeams.Web.Services;
using CareTeams.Domain.Visits;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CareTeams.Tests.Integration;

/// <summary>The demo county seeded once into a real SQLite file with Identity, the way web start-up does it (an anonymous scope).</summary>
public sealed class DemoSeedFixture : IAsyncLifetime
{
    public IdentityTestDatabase Database { get; } = new();
    public List<string> Progress { get; } = [];

    public Task InitializeAsync() => SeedAsync(Database, Progress);

    public Task DisposeAsync()
    {
        Database.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Seeds as an anonymous scope, like PrepareForWebAsync: the seeder must still see and write everything as the system.</summary>
    public static async Task SeedAsync(IdentityTestDatabase database, List<string> progress)
    {
        using var scope = database.As(UserScope.Nobody);
        await DemoSeeder.SeedAsync(scope.ServiceProvider, database.Root.GetRequiredService<IHostEnvironment>(), progress.Add);
    }
}

public sealed class DemoSeedTests(DemoSeedFixture demo) : IClassFixture<DemoSeedFixture>
{
    private CareTeamsDbContext Db() => demo.Database.Context(UserScope.System);

    private DateOnly Today => demo.Database.Clock.Today;

    [Fact]
    public async Task About_70_percent_of_active_residents_are_signed_and_every_contract_list_has_something_to_show()
    {
        await using var db = Db();
        var centre = await db.Centres.SingleAsync(c => c.Code == "DEMO01");
        var packages = await db.ServicePackages.Where(p => p.CentreId == centre.Id).ToListAsync();
        var contracts = await db.Contracts.Where(c => c.CentreId == centre.Id).ToListAsync();
        var active = await db.Residents.CountAsync(r => r.CentreId == centre.Id && r.Status == ResidentStatus.Active);
        var inForce = contracts.Where(c => c.StatusOn(Today) == CareTeams.Domain.Contracts.ContractStatus.Signed).ToList();

        Assert.Equal(1, packages.Count(p => p.Kind == CareTeams.Domain.Contracts.PackageKind.Basic));
        Assert.Equal(4, packages.Count(p => p.Kind != CareTeams.Domain.Contracts.PackageKind.Basic));
        Assert.InRange(inForce.Select(c => c.ResidentId).Distinct().Count() / (double)active, 0.62, 0.78);
        Assert.Equal(Enumerable.Range(1, contracts.Count), contracts.Select(c => c.Sequence).Order());
        Assert.Contains(inForce, c => c.IsExpiringWithin(Today, 30));
        Assert.Contains(contracts, c => c.Status == CareTeams.Domain.Contracts.ContractStatus.Terminated && c.TerminationReason is not null);
        var renewed = contracts.Where(c => c.Status == CareTeams.Domain.Contracts.ContractStatus.Renewed).ToList();
        Assert.NotEmpty(renewed);
        Assert.All(renewed, old => Assert.Contains(contracts, c => c.PreviousContractId == old.Id));
        Assert.All(contracts.GroupBy(c => c.ResidentId), g => Assert.True(g.Count(c => c.Status == CareTeams.Domain.Contracts.ContractStatus.Signed) <= 1));
        Assert.InRange(inForce.Average(c => (double)c.FulfilmentRate), 0.2, 0.9);
    }

    [Fact]
    public async Task This_years_2111_plans_spread_over_the_months_with_items_done_due_overdue_and_declined_and_their_visit_records()
    {
        await using var db = Db();
        var plans = await db.ElderPlans.AsNoTracking().Where(p => p.Year == Today.Year).ToListAsync();
        var elders = await db.Residents.AsNoTracking().Where(r => r.Status == ResidentStatus.Active).ToListAsync();
        var items = plans.SelectMany(p => p.Items).ToList();
        var visits = await db.Visits.AsNoTracking().Where(v => v.PlanItemId != null).ToListAsync();

        // Generated as on 1 January: every elder eligible then has a plan, and first visits start in January.
        Assert.Equal(elders.Count(r => CareTeams.Domain.Elder2111.Plan2111Rules.IsEligible(r, Today.Year)), plans.Count);
        Assert.Contains(items, i => i.WindowStart.Month == 1);
        Assert.True(items.Select(i => i.WindowStart.Month).Distinct().Count() >= 10);
        var states = items.GroupBy(i => i.StateOn(Today)).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(states[CareTeams.Domain.Elder2111.PlanItemState.Done] / (double)items.Count, 0.5, 0.9);
        Assert.True(states.GetValueOrDefault(CareTeams.Domain.Elder2111.PlanItemState.Overdue) > 0);
        Assert.True(states.GetValueOrDefault(CareTeams.Domain.Elder2111.PlanItemState.Due) > 0);
        Assert.True(states.GetValueOrDefault(CareTeams.Domain.Elder2111.PlanItemState.Declined) > 0);
        Assert.All(items.Where(i => i.Status == CareTeams.Domain.Elder2111.PlanItemStatus.Declined), i => Assert.False(string.IsNullOrEmpty(i.Reason)));

        // Each done item has its one visit with the right form, on its day, by the staff member who did it.
        var done = items.Where(i => i.Status == CareTeams.Domain.Elder2111.PlanItemStatus.Done).ToList();
        Assert.Equal(done.Count, visits.Count);
        var byItem = visits.ToDictionary(v => v.PlanItemId!.Value);
        Assert.All(done, i =>
        {
            var visit = byItem[i.Id];
            Assert.Equal((i.ClosedOn, i.StaffMemberId), (visit.VisitDate, visit.StaffMemberId));
            Assert.Equal((int)i.Kind, (int)visit.FormKind);
            Assert.NotNull(visit.FormResult);
            Assert.NotNull(visit.Vitals);
        });
        Assert.Contains(visits, v => v.FormKind == CareTeams.Domain.Visits.VisitFormKind.AbilityAssessment && v.FormScore < 90);
        // Ability results set the 失能 tag of the elders found impaired.
        Assert.Contains(elders, r => (r.Tags & KeyPopulation.Disabled) != 0);
        // Done items count against contracts that include them.
        var fulfilled = await db.Contracts.AsNoTracking().SelectMany(c => c.Fulfilments).Where(f => f.Source == "2111").CountAsync();
        Assert.InRange(fulfilled, 1, done.Count);
    }

    [Fact]
    public async Task Every_team_has_an_open_an_extended_and_a_closed_home_bed_with_rounds_and_nursing_visits()
    {
        await using var db = Db();
        var beds = await db.HomeBeds.AsNoTracking().IgnoreAutoIncludes().ToListAsync();
        foreach (var team in beds.GroupBy(b => b.TeamId))
            Assert.Equal([HomeBedStatus.Open, HomeBedStatus.Extended, HomeBedStatus.Closed],
                team.Select(b => b.Status).Order());
        Assert.Equal(4, beds.Select(b => b.TeamId).Distinct().Count());
        var visitKinds = await db.Visits.Where(v => v.HomeBedId != null).Select(v => v.Kind).Distinct().ToListAsync();
        Assert.Equal([VisitKind.BedRound, VisitKind.NursingVisit], visitKinds.Order());
        Assert.True(await db.Contracts.SelectMany(c => c.Fulfilments).AnyAsync(f => f.Source == "HomeBed"));
    }

    [Fact]
    public async Task The_alliance_and_referrals_in_every_state_are_there_and_the_hospital_desk_sees_its_incoming_green_channel_first()
    {
        await using var db = Db();
        var kinds = await db.AllianceInstitutions.Select(a => a.Kind).ToListAsync();
        Assert.Equal(1, kinds.Count(k => k == AllianceInstitutionKind.LeadingHospital));
        Assert.True(kinds.Count(k => k == AllianceInstitutionKind.VillageClinic) >= 3);
        Assert.True(kinds.Count(k => k == AllianceInstitutionKind.CareInstitution) >= 2);
        var statuses = await db.Referrals.Select(r => r.Status).Distinct().ToListAsync();
        foreach (var status in new[] { ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Declined, ReferralStatus.Arrived,
                     ReferralStatus.Returned, ReferralStatus.Closed })
            Assert.Contains(status, statuses);
        var down = await db.Referrals.SingleAsync(r => r.Direction == ReferralDirection.Down);
        Assert.True(down.ProposesHomeBed);
        Assert.Equal(ReferralStatus.Returned, (await db.Referrals.SingleAsync(r => r.Id == down.AnswersReferralId)).Status);

        var users = demo.Database.Service<UserManager<ApplicationUser>>(UserScope.System);
        var desk = (await users.FindByNameAsync("hospital1"))!;
        Assert.Equal(new[] { Roles.ReferralDesk }, await users.GetRolesAsync(desk));
        var hospital = await db.AllianceInstitutions.SingleAsync(a => a.Id == desk.AllianceInstitutionId);
        Assert.Equal(AllianceInstitutionKind.LeadingHospital, hospital.Kind);
        var deskScope = new UserScope(ScopeLevel.Institution, desk.CountyId!.Value, -1, -1, "hospital1", desk.Id) { InstitutionId = hospital.Id };
        var incoming = await demo.Database.Service<ReferralService>(deskScope).ListAsync(new ReferralQuery { Box = ReferralBox.Incoming });
        Assert.Equal(ReferralUrgency.GreenChannel, incoming[0].Urgency);
        Assert.True(incoming.Count >= 4);
        Assert.Empty(await demo.Database.Context(deskScope).Residents.ToListAsync());
    }

    [Fact]
    public async Task The_centre_DEMO01_has_12_villages_and_4_teams_each_responsible_for_3()
    {
        await using var db = Db();
        var county = await db.Counties.SingleAsync(c => c.Code == DemoSeeder.CountyCode);
        var centre = await db.Centres.SingleAsync(c => c.Code == "DEMO01");
        var villages = await db.Villages.Where(v => v.CentreId == centre.Id).ToListAsync();
        var teams = await db.Teams.Where(t => t.CentreId == centre.Id).ToListAsync();

        Assert.Equal("330122", county.RegionCode);
        Assert.Equal("示范镇卫生院", centre.Name);
        Assert.Equal(12, villages.Count);
        Assert.Equal(2, villages.Count(v => v.Kind == VillageKind.Community));
        Assert.Equal(4, teams.Count);
        Assert.All(teams, t => Assert.Equal(3, villages.Count(v => v.ResponsibleTeamId == t.Id)));
        var staff = await db.Staff.Where(s => s.CentreId == centre.Id && s.TeamId != null).ToListAsync();
        Assert.All(teams, t => Assert.Equal(
            new[] { TeamRole.TeamLeader, TeamRole.GeneralPractitioner, TeamRole.Nurse, TeamRole.PublicHealth, TeamRole.VillageDoctor },
            staff.Where(s => s.TeamId == t.Id).Select(s => s.TeamRole!.Value).Order()));
    }

    [Fact]
    public async Task About_3000_residents_with_a_fifth_aged_65_or_over_on_the_clocks_date()
    {
        await using var db = Db();
        var births = await db.Residents.Select(r => r.DateOfBirth).ToListAsync();

        Assert.InRange(births.Count, 2_800, 3_200);
        var elders = births.Count(b => Age.On(b, Today) >= 65);
        Assert.InRange(100.0 * elders / births.Count, 17.0, 23.0);
        var children = births.Count(b => Age.On(b, Today) <= 6);
        Assert.InRange(100.0 * children / births.Count, 5.0, 11.0);
    }

    [Fact]
    public async Task Every_ID_number_parses_is_unique_and_agrees_with_sex_and_date_of_birth()
    {
        await using var db = Db();
        var residents = await db.Residents.AsNoTracking().ToListAsync();

        Assert.All(residents, r =>
        {
            var parsed = ResidentIdNumber.Parse(r.IdNumber, Today);
            Assert.True(parsed.Ok, $"{r.Name} {r.IdNumber}: {parsed.Error}");
            Assert.Equal("330122", parsed.Value!.RegionCode);
            Assert.Equal(parsed.Value.Sex, r.Sex);
            Assert.Equal(parsed.Value.DateOfBirth, r.DateOfBirth);
            Assert.Equal(PinyinInitials.Of(r.Name), r.NameInitials);
            Assert.Equal(r.Name.Length, r.NameInitials.Length);
        });
        Assert.Equal(residents.Count, residents.Select(r => r.IdNumber).Distinct().Count());
    }

    [Fact]
    public async Task Adults_have_a_mobile_and_tags_are_only_hand_recorded_ones_at_realistic_rates()
    {
        await using var db = Db();
        var residents = await db.Residents.AsNoTracking().ToListAsync();

        Assert.All(residents.Where(r => r.AgeOn(Today) >= 18), r => Assert.True(PhoneNumber.Parse(r.Phone).Value?.IsMobile, r.Name));
        // 失能 comes from the demo's ability assessments (DemoPlans2111), never by hand.
        Assert.All(residents, r => Assert.Equal(KeyPopulation.None, r.Tags & ~(KeyPopulations.HandRecorded | KeyPopulation.Disabled)));
        var over35 = residents.Where(r => r.AgeOn(Today) >= 35).ToList();
        Assert.InRange(100.0 * over35.Count(r => r.Tags.HasFlag(KeyPopulation.Hypertension)) / over35.Count, 20.0, 30.0);
        Assert.InRange(100.0 * over35.Count(r => r.Tags.HasFlag(KeyPopulation.Type2Diabetes)) / over35.Count, 6.0, 14.0);
        Assert.Contains(residents, r => r.Status == ResidentStatus.MovedAway && r.HouseholdId == null && r.StatusChangedOn <= Today);
        Assert.Contains(residents, r => r.Status == ResidentStatus.Deceased && r.StatusChangedOn <= Today);
        var elders = residents.Where(r => r.AgeOn(Today) >= 65).ToList();
        Assert.InRange(100.0 * elders.Count(r => r.LivingArrangement == LivingArrangement.CareInstitution) / elders.Count, 2.0, 9.0);
    }

    [Fact]
    public async Task Every_household_has_1_to_6_members_and_an_active_head_among_them()
    {
        await using var db = Db();
        var households = await db.Households.AsNoTracking().ToListAsync();
        var residents = await db.Residents.AsNoTracking().ToListAsync();
        var members = residents.Where(r => r.HouseholdId != null).ToLookup(r => r.HouseholdId!.Value);

        Assert.All(households, h =>
        {
            Assert.InRange(members[h.Id].Count(), 1, 6);
            var head = Assert.Single(members[h.Id], r => r.Id == h.HeadResidentId);
            Assert.Equal(ResidentStatus.Active, head.Status);
            Assert.Equal(h.VillageId, head.VillageId);
        });
    }

    [Fact]
    public async Task The_demo_accounts_exist_with_their_roles_places_and_the_demo_password()
    {
        await using var db = Db();
        var centre = await db.Centres.SingleAsync(c => c.Code == "DEMO01");
        var firstTeam = await db.Teams.SingleAsync(t => t.CentreId == centre.Id && t.Name == "第一家庭医生团队");
        var users = demo.Database.Service<UserManager<ApplicationUser>>(UserScope.System);

        foreach (var (userName, role) in new[] { ("admin", Roles.Admin), ("manager", Roles.CentreManager), ("doctor1", Roles.Doctor), ("nurse1", Roles.Nurse) })
        {
            var user = await users.FindByNameAsync(userName);
            Assert.NotNull(user);
            Assert.Equal(new[] { role }, await users.GetRolesAsync(user));
            Assert.True(await users.CheckPasswordAsync(user, DemoSeeder.Password), userName);
            Assert.True(user.EmailConfirmed);
            Assert.NotEqual(default, user.PasswordChangedAtUtc);
            Assert.Equal(centre.CountyId, user.CountyId);
        }
        Assert.Equal("系统管理员", (await users.FindByNameAsync("admin"))!.DisplayName);
        Assert.Equal(centre.Id, (await users.FindByNameAsync("manager"))!.CentreId);

        var doctor = (await users.FindByNameAsync("doctor1"))!;
        var nurse = (await users.FindByNameAsync("nurse1"))!;
        var doctorStaff = await db.Staff.SingleAsync(s => s.Id == doctor.StaffMemberId);
        var nurseStaff = await db.Staff.SingleAsync(s => s.Id == nurse.StaffMemberId);
        Assert.Equal((centre.Id, firstTeam.Id), (doctor.CentreId!.Value, doctor.TeamId!.Value));
        Assert.Equal((firstTeam.Id, TeamRole.GeneralPractitioner, doctorStaff.Name), (doctorStaff.TeamId!.Value, doctorStaff.TeamRole!.Value, doctor.DisplayName));
        Assert.Equal((firstTeam.Id, TeamRole.Nurse, nurseStaff.Name), (nurseStaff.TeamId!.Value, nurseStaff.TeamRole!.Value, nurse.DisplayName));
    }

    [Fact]
    public async Task Every_created_row_is_audited_as_the_system_although_the_scope_was_anonymous()
    {
        await using var db = Db();
        var residents = await db.Residents.CountAsync();
        var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(Resident) && a.Action == AuditAction.Created).CountAsync();

        Assert.Equal(residents, audited);
        Assert.Equal(new[] { "system" }, await db.AuditEntries.Select(a => a.UserName).Distinct().ToListAsync());
    }

    [Fact]
    public async Task Seeding_again_says_so_and_adds_nothing()
    {
        static async Task<(int, int, int, int, int)> Counts(CareTeamsDbContext db) => (
            await db.Counties.CountAsync(), await db.Residents.CountAsync(), await db.Households.CountAsync(),
            await db.Users.CountAsync(), await db.AuditEntries.CountAsync());
        await using var before = Db();
        var countsBefore = await Counts(before);
        var progress = new List<string>();

        await DemoSeedFixture.SeedAsync(demo.Database, progress);

        await using var after = Db();
        Assert.Equal(countsBefore, await Counts(after));
        Assert.Contains(progress, line => line.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_demo_is_refused_in_Production()
    {
        using var scope = demo.Database.As(UserScope.System);
        var production = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production };

        await Assert.ThrowsAsync<InvalidOperationException>(() => DemoSeeder.SeedAsync(scope.ServiceProvider, production, _ => { }));
    }

    [Fact]
    public async Task The_same_day_gives_the_same_people()
    {
        using var other = new IdentityTestDatabase(TestClock.On(2026, 11, 23));
        await DemoSeedFixture.SeedAsync(other, []);

        static async Task<List<string>> People(CareTeamsDbContext db) => await db.Residents.OrderBy(r => r.Id)
            .Select(r => r.Name + r.IdNumber + r.Address + r.Phone + (int)r.Tags + (int)r.Status).ToListAsync();
        await using var first = Db();
        await using var second = other.Context(UserScope.System);
        Assert.Equal(await People(first), await People(second));
    }
}

/// <summary>The scale seed's bulk insert on SQLite: rows EF reads back, updates and audits like its own.</summary>
public sealed class ScaleSeedTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private async Task<List<string>> SeedAsync(int residents)
    {
        var progress = new List<string>();
        using var scope = _database.As(UserScope.Nobody);
        await ScaleSeeder.SeedAsync(scope.ServiceProvider, residents, progress.Add);
        return progress;
    }

    [Fact]
    public async Task Bulk_inserted_residents_read_back_through_EF_with_valid_ID_numbers_and_households_with_heads()
    {
        await SeedAsync(6_000);

        await using var db = _database.Context(UserScope.System);
        var county = await db.Counties.SingleAsync(c => c.Code == "SCALE1");
        var residents = await db.Residents.AsNoTracking().Where(r => r.CountyId == county.Id).ToListAsync();
        var households = await db.Households.AsNoTracking().Where(h => h.CountyId == county.Id).ToListAsync();
        var today = _database.Clock.Today;

        Assert.Equal(6_000, residents.Count);
        Assert.Equal(3, await db.Centres.CountAsync(c => c.CountyId == county.Id));
        Assert.Equal(residents.Count, residents.Select(r => r.IdNumber).Distinct().Count());
        Assert.All(residents, r =>
        {
            var id = ResidentIdNumber.Parse(r.IdNumber, today);
            Assert.True(id.Ok, id.Error);
            Assert.Equal((id.Value!.Sex, id.Value.DateOfBirth, county.RegionCode), (r.Sex, r.DateOfBirth, id.Value.RegionCode));
            Assert.Equal(PinyinInitials.Of(r.Name), r.NameInitials);
            Assert.NotEqual(Guid.Empty, r.Version);
            Assert.NotNull(r.TeamId);
        });
        var members = residents.Where(r => r.HouseholdId != null).ToLookup(r => r.HouseholdId!.Value);
        Assert.All(households, h => Assert.Equal(ResidentStatus.Active, Assert.Single(members[h.Id], r => r.Id == h.HeadResidentId).Status));
        Assert.InRange(100.0 * residents.Count(r => r.AgeOn(today) >= 65) / residents.Count, 16.0, 24.0);

        // Dates are stored in EF's own form: a date comparison in SQL agrees with the one in memory.
        var cutoff = today.AddYears(-65);
        Assert.Equal(residents.Count(r => r.DateOfBirth <= cutoff), await db.Residents.CountAsync(r => r.CountyId == county.Id && r.DateOfBirth <= cutoff));
    }

    [Fact]
    public async Task A_bulk_inserted_resident_can_be_changed_through_EF_its_version_token_matches()
    {
        await SeedAsync(500);

        await using (var db = _database.Context(UserScope.System))
        {
            var resident = await db.Residents.FirstAsync(r => r.Status == ResidentStatus.Active && r.HouseholdId != null);
            resident.RecordMovedAway(_database.Clock.Today, "迁往杭州市", _database.Clock.Today);
            await db.SaveChangesAsync(); // a Version stored in another form would match no row: a concurrency exception
        }
        await using var check = _database.Context(UserScope.System);
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.EntityType == nameof(Resident) && a.Action == AuditAction.Modified));
    }

    [Fact]
    public async Task One_audit_row_covers_the_bulk_rows_and_a_second_run_adds_a_second_county()
    {
        var progress = await SeedAsync(2_500);
        await SeedAsync(2_500);

        await using var db = _database.Context(UserScope.System);
        Assert.Equal(new[] { "SCALE1", "SCALE2" }, await db.Counties.OrderBy(c => c.Code).Select(c => c.Code).ToListAsync());
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.EntityType == ScaleSeeder.AuditEntityType && a.UserName == "system"));
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Resident) || a.EntityType == nameof(Household)));
        Assert.Equal(5_000, await db.Residents.CountAsync());
        Assert.Contains(progress, line => line.StartsWith("  residents 2500/2500 (100%)", StringComparison.Ordinal));
        Assert.Equal(2, await db.Counties.Select(c => c.RegionCode).Distinct().CountAsync());
    }
}
