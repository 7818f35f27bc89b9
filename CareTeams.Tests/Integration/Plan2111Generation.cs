using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareTeams.Tests.Integration;

/// <summary>"2111" plan generation (issue 4) on a real SQLite file, on 1 January 2026 unless a test moves the clock.</summary>
public sealed class Plan2111Generation : IDisposable
{
    private const int Year = 2026;
    private readonly TestDatabase _database = new(TestClock.On(Year, 1, 1));
    private readonly SmallCounty _county;
    private int _sequence;

    public Plan2111Generation() => _county = SmallCounty.Create(_database);

    public void Dispose() => _database.Dispose();

    private int AddResident(Village village, DateOnly born, LivingArrangement living = LivingArrangement.Home)
    {
        var input = ResidentInputs.Valid("居民" + "甲乙丙丁戊己庚辛壬癸子丑寅卯辰"[++_sequence % 15], born, Sex.Female, _sequence) with { LivingArrangement = living };
        var result = _database.Service<ResidentDirectory>(UserScope.System).RegisterAsync(input, village.Id).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, result.Summary);
        return result.Id!.Value;
    }

    private void AddStaff(Team team, int count)
    {
        using var db = _database.Context(UserScope.System);
        var centre = db.Centres.Single(c => c.Id == team.CentreId);
        var tracked = db.Teams.Single(t => t.Id == team.Id);
        for (var i = 0; i < count; i++)
        {
            var member = new StaffMember(centre, $"护士{team.Id}{i}");
            member.JoinTeam(tracked, TeamRole.Nurse);
            db.Staff.Add(member);
        }
        db.SaveChanges();
    }

    private Task<Plan2111GenerationResult> GenerateAsync(UserScope? user = null, string? centre = null, int visitsPerStaff = 40)
    {
        var scope = _database.As(user ?? UserScope.System);
        var generation = ActivatorUtilities.CreateInstance<ElderPlanGeneration>(scope.ServiceProvider,
            Options.Create(new Plan2111Options { VisitsPerStaffPerMonth = visitsPerStaff }));
        return generation.GenerateAsync(Year, centre);
    }

    private List<ElderPlan2111> Plans()
    {
        using var db = _database.Context(UserScope.System);
        return db.ElderPlans.AsNoTracking().OrderBy(p => p.ResidentId).ToList();
    }

    private ElderPlan2111 PlanOf(int residentId) => Plans().Single(p => p.ResidentId == residentId);

    [Fact]
    public async Task Plans_are_made_for_active_home_dwelling_elders_aged_65_by_the_year_end_only()
    {
        var elder = AddResident(_county.VillageA, new DateOnly(1950, 3, 1));
        var lastDay = AddResident(_county.VillageA, new DateOnly(1961, 12, 31));
        AddResident(_county.VillageA, new DateOnly(1962, 1, 1)); // 65 next year
        AddResident(_county.VillageA, new DateOnly(1945, 1, 1), LivingArrangement.CareInstitution);
        var dead = AddResident(_county.VillageB, new DateOnly(1940, 1, 1));
        var residents = _database.Service<ResidentDirectory>(UserScope.System);
        var view = await residents.GetAsync(dead);
        Assert.True((await residents.RecordDeathAsync(dead, view!.Version, new DateOnly(Year, 1, 1), null)).Succeeded);

        var result = await GenerateAsync();

        Assert.Equal([elder, lastDay], Plans().Select(p => p.ResidentId));
        Assert.Equal(2, result.PlansCreated);
        Assert.Equal(10, result.ItemsCreated);
        Assert.Equal(0, result.PlansExisting);
        var plan = PlanOf(elder);
        Assert.Equal(new DateOnly(Year, 1, 1), plan.StartsOn);
        Assert.Equal(_county.TeamA.Id, plan.TeamId);
        Assert.Equal(_county.VillageA.Id, plan.VillageId);
        Assert.Equal(5, plan.Items.Count(i => i.IsOpen));
        // Turning 65 on 31 December leaves one day: the first visit in December, no second.
        var late = PlanOf(lastDay);
        Assert.Equal(new DateOnly(Year, 12, 31), late.StartsOn);
        Assert.Equal(PlanItemStatus.NotApplicable, late.Item(PlanItemKind.IntegratedCare, 2).Status);
        Assert.Equal(new DateOnly(Year, 12, 31), late.Item(PlanItemKind.PhysicalExam).WindowStart);
    }

    [Fact]
    public async Task An_elder_turning_65_mid_year_is_planned_from_the_birthday()
    {
        var turning = AddResident(_county.VillageA, new DateOnly(1961, 6, 15));

        await GenerateAsync();

        var plan = PlanOf(turning);
        Assert.Equal(new DateOnly(Year, 6, 15), plan.StartsOn);
        Assert.All(plan.Items.Where(i => i.Sequence == 1), i =>
        {
            Assert.Equal(new DateOnly(Year, 6, 15), i.Earliest);
            Assert.True(i.WindowStart >= plan.StartsOn);
        });
        var second = plan.Item(PlanItemKind.IntegratedCare, 2);
        Assert.True(second.IsOpen);
        Assert.True(second.WindowStart.Month - plan.Item(PlanItemKind.IntegratedCare).WindowStart.Month >= 3);
    }

    [Fact]
    public async Task A_second_run_creates_nothing_and_changes_nothing()
    {
        for (var i = 0; i < 5; i++)
            AddResident(i % 2 == 0 ? _county.VillageA : _county.VillageB, new DateOnly(1940 + i, 2, 1));
        var first = await GenerateAsync();
        var before = Plans().Select(p => (p.Id, p.Version, Items: string.Join(",", p.Items.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Status}:{i.WindowStart}")))).ToList();
        int auditRows;
        using (var db = _database.Context(UserScope.System))
            auditRows = db.AuditEntries.Count();

        var second = await GenerateAsync();

        Assert.Equal(5, first.PlansCreated);
        Assert.Equal(new Plan2111GenerationResult(0, 0, 0, 0, 5), second);
        Assert.True(second.ChangedNothing);
        Assert.Equal(before, Plans().Select(p => (p.Id, p.Version, Items: string.Join(",", p.Items.OrderBy(i => i.Id).Select(i => $"{i.Id}:{i.Status}:{i.WindowStart}")))).ToList());
        using (var db = _database.Context(UserScope.System))
            Assert.Equal(auditRows, db.AuditEntries.Count());
    }

    [Fact]
    public async Task Generation_closes_the_open_items_of_elders_who_died_or_moved_away_since_and_moves_plans_with_their_resident()
    {
        var dies = AddResident(_county.VillageA, new DateOnly(1945, 1, 1));
        var leaves = AddResident(_county.VillageA, new DateOnly(1946, 1, 1));
        var moves = AddResident(_county.VillageA, new DateOnly(1947, 1, 1));
        await GenerateAsync();
        // The registry changes behind the plans' back (a bulk import, say): generation catches up.
        _database.Clock.Now = _database.Clock.Now.AddMonths(2);
        using (var db = _database.Context(UserScope.System))
        {
            var today = _database.Clock.Today;
            db.Residents.Single(r => r.Id == dies).RecordDeath(new DateOnly(Year, 2, 20), null, today);
            db.Residents.Single(r => r.Id == leaves).RecordMovedAway(new DateOnly(Year, 2, 25), null, today);
            db.Residents.Single(r => r.Id == moves).MoveTo(db.Villages.Single(v => v.Id == _county.VillageB.Id));
            db.SaveChanges();
        }

        var result = await GenerateAsync();

        Assert.Equal(0, result.PlansCreated);
        Assert.Equal(10, result.ItemsClosed);
        Assert.Equal(1, result.PlansMoved);
        Assert.All(PlanOf(dies).Items, i =>
        {
            Assert.Equal(PlanItemStatus.NotApplicable, i.Status);
            Assert.Equal("居民已死亡", i.Reason);
            Assert.Equal(new DateOnly(Year, 2, 20), i.ClosedOn);
        });
        Assert.All(PlanOf(leaves).Items, i => Assert.Equal("居民已迁出", i.Reason));
        var moved = PlanOf(moves);
        Assert.Equal((_county.VillageB.Id, _county.TeamB.Id), (moved.VillageId, moved.TeamId));
        Assert.True((await GenerateAsync()).ChangedNothing);
    }

    [Fact]
    public async Task Recording_a_death_closes_the_open_plan_items_in_the_same_save()
    {
        AddStaff(_county.TeamA, 1);
        var resident = AddResident(_county.VillageA, new DateOnly(1945, 1, 1));
        await GenerateAsync();
        _database.Clock.Now = _database.Clock.Now.AddMonths(3);
        using (var db = _database.Context(UserScope.System))
        {
            var plan = db.ElderPlans.Single(p => p.ResidentId == resident);
            plan.RecordDone(plan.Item(PlanItemKind.PhysicalExam).Id, new DateOnly(Year, 2, 10), db.Staff.First().Id, _database.Clock.Today);
            db.SaveChanges();
        }
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var view = await residents.GetAsync(resident);

        var saved = await residents.RecordDeathAsync(resident, view!.Version, new DateOnly(Year, 3, 20), "病故");

        Assert.True(saved.Succeeded, saved.Summary);
        var items = PlanOf(resident).Items;
        Assert.Equal(PlanItemStatus.Done, items.Single(i => i.Kind == PlanItemKind.PhysicalExam).Status);
        Assert.All(items.Where(i => i.Kind != PlanItemKind.PhysicalExam), i =>
        {
            Assert.Equal(PlanItemStatus.NotApplicable, i.Status);
            Assert.Equal("居民已死亡", i.Reason);
            Assert.Equal(new DateOnly(Year, 3, 20), i.ClosedOn);
        });
        using (var db = _database.Context(UserScope.System))
        {
            // One save: the resident's change and the items' closing are audited together, by the nurse.
            var audit = db.AuditEntries.Where(a => a.UserName == "nurse-a").ToList();
            Assert.Contains(audit, a => a.EntityType == nameof(PlanItem));
            Assert.Contains(audit, a => a.EntityType == nameof(Resident));
        }
        Assert.True((await GenerateAsync()).ChangedNothing);
    }

    [Fact]
    public async Task Recording_a_move_away_closes_the_open_items()
    {
        var resident = AddResident(_county.VillageB, new DateOnly(1945, 1, 1));
        await GenerateAsync();
        var residents = _database.Service<ResidentDirectory>(_county.Manager);
        var view = await residents.GetAsync(resident);

        Assert.True((await residents.RecordMovedAwayAsync(resident, view!.Version, new DateOnly(Year, 1, 1), "随子女迁往杭州")).Succeeded);

        Assert.All(PlanOf(resident).Items, i => Assert.Equal((PlanItemStatus.NotApplicable, "居民已迁出"), (i.Status, i.Reason)));
    }

    [Fact]
    public async Task Moving_a_resident_to_another_village_moves_the_plan_with_them()
    {
        var resident = AddResident(_county.VillageA, new DateOnly(1945, 1, 1));
        await GenerateAsync();
        var residents = _database.Service<ResidentDirectory>(_county.Manager);
        var view = await residents.GetAsync(resident);
        var input = ResidentInputs.Valid(view!.Name, view.DateOfBirth, view.Sex, 1) with { IdNumber = view.IdNumber };

        var saved = await residents.UpdateAsync(resident, view.Version, input, _county.VillageB.Id);

        Assert.True(saved.Succeeded, saved.Summary);
        var plan = PlanOf(resident);
        Assert.Equal((_county.VillageB.Id, _county.TeamB.Id), (plan.VillageId, plan.TeamId));
        Assert.True(plan.Items.All(i => i.IsOpen));
        Assert.True((await GenerateAsync()).ChangedNothing);
    }

    [Fact]
    public async Task A_team_that_can_hold_its_elders_has_no_month_above_capacity_in_the_saved_items()
    {
        // One nurse at 2 visits a month: 24 visits a year, exactly 12 elders starting in January.
        AddStaff(_county.TeamA, 1);
        for (var i = 0; i < 12; i++)
            AddResident(_county.VillageA, new DateOnly(1940 + i, 5, 1));

        await GenerateAsync(visitsPerStaff: 2);

        var visitsPerMonth = Plans()
            .SelectMany(p => p.Items.Where(i => i.IsOpen).Select(i => (p.Id, i.WindowStart.Month)).Distinct())
            .GroupBy(v => v.Month).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(1, 12), visitsPerMonth.Keys.Order());
        Assert.All(visitsPerMonth.Values, v => Assert.Equal(2, v));
        Assert.All(Plans(), p =>
            Assert.True(p.Item(PlanItemKind.IntegratedCare, 2).WindowStart.Month - p.Item(PlanItemKind.IntegratedCare).WindowStart.Month >= 3));
    }

    [Fact]
    public async Task Elders_added_later_fill_the_months_the_earlier_plans_left_free()
    {
        AddStaff(_county.TeamA, 1);
        for (var i = 0; i < 6; i++)
            AddResident(_county.VillageA, new DateOnly(1940 + i, 5, 1));
        await GenerateAsync(visitsPerStaff: 2);
        for (var i = 0; i < 6; i++)
            AddResident(_county.VillageA, new DateOnly(1950 + i, 5, 1));

        var second = await GenerateAsync(visitsPerStaff: 2);

        Assert.Equal(6, second.PlansCreated);
        var visitsPerMonth = Plans().SelectMany(p => p.Items.Where(i => i.IsOpen).Select(i => (p.Id, i.WindowStart.Month)).Distinct())
            .GroupBy(v => v.Month).Select(g => g.Count()).ToList();
        Assert.All(visitsPerMonth, v => Assert.Equal(2, v));
    }

    [Fact]
    public async Task A_centre_manager_generates_for_their_centre_only()
    {
        var mine = AddResident(_county.VillageA, new DateOnly(1945, 1, 1));
        var other = AddResident(_county.OtherCentreVillage, new DateOnly(1945, 1, 1));

        var result = await GenerateAsync(_county.Manager);

        Assert.Equal(1, result.PlansCreated);
        Assert.Equal([mine], Plans().Select(p => p.ResidentId));
        // The job (the system) then makes the other centre's plan only.
        var job = await GenerateAsync(UserScope.System, "TEST02");
        Assert.Equal((1, 0), (job.PlansCreated, job.PlansExisting));
        Assert.Equal([mine, other], Plans().Select(p => p.ResidentId));
    }

    [Fact]
    public async Task A_centre_code_the_user_cannot_see_is_refused()
    {
        AddResident(_county.OtherCentreVillage, new DateOnly(1945, 1, 1));

        var e = await Assert.ThrowsAsync<CareTeams.Domain.SeedWork.DomainException>(() => GenerateAsync(_county.Manager, "TEST02"));

        Assert.Contains("TEST02", e.Message, StringComparison.Ordinal);
        Assert.Empty(Plans());
    }
}
