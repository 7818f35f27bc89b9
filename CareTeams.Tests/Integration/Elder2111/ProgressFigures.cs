using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;

namespace CareTeams.Tests.Integration.Elder2111;

/// <summary>
/// 2111 完成率 on a hand-built centre (2026-11-23):
/// team A, 东村 — E1: first visit done in March (all four first items), second integrated care still open;
///                E2: first visit in October, all done (its second integrated care not applicable): complete.
/// team A, 北村 — E3: nothing done; E4: both integrated care services done, the exam declined.
/// team B, 西村 — E5: the exam done. The other centre — E6: all done (not the manager's).
/// So team A: 4 plans; integrated care E2, E4 = 2; exam, TCM, ability E1, E2 = 2 each; all four E2 = 1.
/// </summary>
public sealed class ProgressFigures : IDisposable
{
    private readonly SqlCommandCounter _sql = new();
    private readonly TestDatabase _database;
    private readonly SmallCounty _county;
    private readonly ContractCatalogue _staff;

    public ProgressFigures()
    {
        _database = new TestDatabase(TestClock.On(2026, 11, 23), _sql.AddTo);
        _county = SmallCounty.Create(_database);
        _staff = _county.AddContractCatalogue(_database);
        Village north;
        using (var db = _database.Context(UserScope.System))
        {
            north = new Village(db.Centres.Single(c => c.Id == _county.Centre.Id), "北村", VillageKind.AdministrativeVillage,
                db.Teams.Single(t => t.Id == _county.TeamA.Id));
            db.Villages.Add(north);
            db.SaveChanges();
        }
        var nurse = _staff.NurseA.Id;
        var march = new DateOnly(2026, 3, 2);
        var e1 = _database.AddPlan(_county.AddResident(_database, _county.VillageA, "甲一", new DateOnly(1950, 1, 1)), new VisitMonths(3, 6));
        foreach (var kind in PlanItemTerms.AllKinds)
            _database.Done(e1, kind, march, nurse);
        var e2 = _database.AddPlan(_county.AddResident(_database, _county.VillageA, "乙二", new DateOnly(1951, 1, 1)), new VisitMonths(10, null));
        foreach (var kind in PlanItemTerms.AllKinds)
            _database.Done(e2, kind, new DateOnly(2026, 10, 10), nurse);
        _database.AddPlan(_county.AddResident(_database, north, "丙三", new DateOnly(1952, 1, 1)), new VisitMonths(9, 12));
        var e4 = _database.AddPlan(_county.AddResident(_database, north, "丁四", new DateOnly(1953, 1, 1)), new VisitMonths(3, 6));
        _database.Done(e4, PlanItemKind.IntegratedCare, march, nurse);
        _database.Done(e4, PlanItemKind.IntegratedCare, new DateOnly(2026, 6, 10), nurse, sequence: 2);
        _database.ChangePlan(e4.Id, p => p.Decline(p.Item(PlanItemKind.PhysicalExam).Id, "本人不愿体检", march, nurse, _database.Clock.Today));
        var e5 = _database.AddPlan(_county.AddResident(_database, _county.VillageB, "戊五", new DateOnly(1954, 1, 1)), new VisitMonths(11, null));
        _database.Done(e5, PlanItemKind.PhysicalExam, new DateOnly(2026, 11, 5), _staff.NurseB.Id);
        var e6 = _database.AddPlan(_county.AddResident(_database, _county.OtherCentreVillage, "己六", new DateOnly(1955, 1, 1)), new VisitMonths(11, null));
        foreach (var kind in PlanItemTerms.AllKinds)
            _database.Done(e6, kind, new DateOnly(2026, 11, 5), nurse);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Per_team_and_village_the_elders_with_each_kind_and_with_all_four_against_the_plans()
    {
        var worklist = _database.Service<ElderCareWorklist>(_county.Manager);
        _sql.Reset();

        var progress = await worklist.ProgressAsync(2026, _county.Centre.Id);

        Assert.InRange(_sql.Count, 1, 3);
        Assert.Equal(["第一团队", "第二团队"], progress.Teams.Select(t => t.TeamName));
        var a = progress.Teams[0];
        Assert.Equal(new ProgressCounts(4, 2, 2, 2, 2, 1), a.Counts);
        Assert.Equal(0.5m, a.Counts.Rate(PlanItemKind.IntegratedCare));
        Assert.Equal(0.25m, a.Counts.AllFourRate);
        Assert.Equal(["东村", "北村"], a.Villages.Select(v => v.VillageName));
        Assert.Equal(new ProgressCounts(2, 1, 2, 2, 2, 1), a.Villages[0].Counts);
        Assert.Equal(new ProgressCounts(2, 1, 0, 0, 0, 0), a.Villages[1].Counts);
        Assert.Equal(1m, a.Villages[0].Counts.Rate(PlanItemKind.PhysicalExam));
        Assert.Equal(new ProgressCounts(1, 0, 1, 0, 0, 0), progress.Teams[1].Counts);
        Assert.Equal(new ProgressCounts(5, 2, 3, 2, 2, 1), progress.Total);
        Assert.Equal(0.6m, progress.Total.Rate(PlanItemKind.PhysicalExam));
    }

    [Fact]
    public async Task The_other_centre_s_manager_sees_only_its_own_complete_elder_and_a_nurse_only_her_team()
    {
        var other = await _database.Service<ElderCareWorklist>(_county.OtherCentreManager).ProgressAsync(2026);
        var team = Assert.Single(other.Teams);
        Assert.Equal(new ProgressCounts(1, 1, 1, 1, 1, 1), team.Counts);
        Assert.Equal(1m, team.Counts.AllFourRate);

        var nurse = await _database.Service<ElderCareWorklist>(_staff.NurseOfTeamB).ProgressAsync(2026);
        Assert.Equal(["第二团队"], nurse.Teams.Select(t => t.TeamName));
    }

    [Fact]
    public async Task The_monthly_load_counts_the_first_visit_once_and_the_second_integrated_care_against_staff_capacity()
    {
        var loads = await _database.Service<ElderCareWorklist>(_county.Manager).MonthlyLoadsAsync(2026, centreId: _county.Centre.Id);

        Assert.Equal(["第一团队", "第二团队"], loads.Select(l => l.TeamName));
        var a = loads[0].Load;
        // 甲一 3 + 6; 乙二 10 (its second not applicable); 丙三 9 + 12; 丁四 3 + 6.
        Assert.Equal([0, 0, 0, 2, 0, 0, 2, 0, 0, 1, 1, 0, 1], a.Visits);
        Assert.Equal(7, a.Total);
        Assert.Equal(2 * 40, a.Capacity); // two active staff × 40 visits a month
        Assert.Empty(a.OverloadedMonths);
        var b = await _database.Service<ElderCareWorklist>(_staff.NurseOfTeamB).MonthlyLoadAsync(2026, _county.TeamB.Id);
        Assert.Equal(1, b[11]);
        Assert.Equal(1, b.Total);
    }
}
