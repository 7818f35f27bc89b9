using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Documents.Elder2111;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Integration.Elder2111;

/// <summary>
/// The worklist on a hand-made centre, on 2026-11-23 unless a test moves the clock:
/// team A — 东村: 李二 (visits Aug + Nov), 王三 (Sep + Dec), 张一 (Oct, exam done 10-15); 北村: 赵四 (Nov);
/// team B — 西村: 钱五 (Nov); the other centre — 外镇村: 孙六 (Nov).
/// </summary>
public sealed class WorklistQueries : IDisposable
{
    private readonly SqlCommandCounter _sql = new();
    private readonly TestDatabase _database;
    private readonly SmallCounty _county;
    private readonly ContractCatalogue _staff;
    private readonly Village _north;

    public WorklistQueries()
    {
        _database = new TestDatabase(TestClock.On(2026, 11, 23), _sql.AddTo);
        _county = SmallCounty.Create(_database);
        _staff = _county.AddContractCatalogue(_database);
        using (var db = _database.Context(UserScope.System))
        {
            _north = new Village(db.Centres.Single(c => c.Id == _county.Centre.Id), "北村", VillageKind.AdministrativeVillage,
                db.Teams.Single(t => t.Id == _county.TeamA.Id));
            db.Villages.Add(_north);
            db.SaveChanges();
        }
        var zhang = _county.AddResident(_database, _county.VillageA, "张一", new DateOnly(1950, 3, 1), Sex.Male);
        var li = _county.AddResident(_database, _county.VillageA, "李二", new DateOnly(1948, 5, 2));
        var wang = _county.AddResident(_database, _county.VillageA, "王三", new DateOnly(1955, 7, 3), Sex.Male);
        var zhao = _county.AddResident(_database, _north, "赵四", new DateOnly(1940, 1, 9));
        var qian = _county.AddResident(_database, _county.VillageB, "钱五", new DateOnly(1952, 2, 2));
        var sun = _county.AddResident(_database, _county.OtherCentreVillage, "孙六", new DateOnly(1951, 8, 8));
        var zhangPlan = _database.AddPlan(zhang, new VisitMonths(10, null));
        _database.AddPlan(li, new VisitMonths(8, 11));
        _database.AddPlan(wang, new VisitMonths(9, 12));
        _database.AddPlan(zhao, new VisitMonths(11, null));
        _database.AddPlan(qian, new VisitMonths(11, null));
        _database.AddPlan(sun, new VisitMonths(11, null));
        _database.Done(zhangPlan, PlanItemKind.PhysicalExam, new DateOnly(2026, 10, 15), _staff.NurseA.Id);
    }

    public void Dispose() => _database.Dispose();

    private Worklist List(UserScope user, WorklistState state, int? team = null, PlanItemKind? kind = null, string? search = null) =>
        _database.Service<ElderCareWorklist>(user)
            .WorklistAsync(new WorklistFilter { Year = 2026, State = state, TeamId = team, Kind = kind, Search = search })
            .GetAwaiter().GetResult();

    private static IEnumerable<string> Names(Worklist list) => list.Rows.Select(r => r.Name).Distinct();

    [Fact]
    public void A_team_B_nurse_sees_none_of_team_A_s_items_and_only_her_own()
    {
        var list = List(_staff.NurseOfTeamB, WorklistState.AllOpen);

        Assert.Equal(["钱五"], Names(list));
        Assert.Equal(4, list.Count);
        Assert.Equal(["西村"], list.Villages.Select(v => v.VillageName));
        // Asking for team A's list by its id changes nothing: the scope filter still applies.
        Assert.Equal(0, List(_staff.NurseOfTeamB, WorklistState.AllOpen, team: _county.TeamA.Id).Count);
    }

    [Fact]
    public void A_centre_manager_sees_both_teams_and_may_narrow_to_one_another_centre_sees_nothing_of_them()
    {
        var all = List(_county.Manager, WorklistState.AllOpen);
        Assert.Equal(["东村", "北村", "西村"], all.Villages.Select(v => v.VillageName));
        Assert.Equal(17 + 4, all.Count);
        Assert.DoesNotContain("孙六", Names(all));

        Assert.Equal(["钱五"], Names(List(_county.Manager, WorklistState.AllOpen, team: _county.TeamB.Id)));

        var other = List(_county.OtherCentreManager, WorklistState.AllOpen);
        Assert.Equal(["孙六"], Names(other));
    }

    [Fact]
    public void Overdue_on_23_November_is_every_open_item_whose_due_date_has_passed_by_village_then_due_date()
    {
        var list = List(_staff.NurseOfTeamA, WorklistState.Overdue);

        var village = Assert.Single(list.Villages);
        Assert.Equal("东村", village.VillageName);
        // 李二 due 08-31, 王三 09-30, 张一 10-31 (exam done): 4 + 4 + 3.
        Assert.Equal(["李二", "李二", "李二", "李二", "王三", "王三", "王三", "王三", "张一", "张一", "张一"], village.Rows.Select(r => r.Name));
        Assert.All(village.Rows, r => Assert.Equal(PlanItemState.Overdue, r.State));
        Assert.Equal(["第一次医养结合服务", "健康体检", "中医体质辨识", "失能评估"], village.Rows.Take(4).Select(r => r.Title));
        Assert.DoesNotContain(village.Rows, r => r.Name == "张一" && r.Kind == PlanItemKind.PhysicalExam);
        Assert.Equal(11, village.OverdueCount);
        var first = village.Rows[0];
        Assert.Equal((Sex.Female, 78, "13800138000", "东村1号"), (first.Sex, first.Age, first.Phone, first.Address));
        Assert.Equal(new DateOnly(2026, 8, 31), first.Due);
    }

    [Fact]
    public void Due_this_month_is_the_open_items_whose_window_has_started_and_not_passed()
    {
        var list = List(_staff.NurseOfTeamA, WorklistState.DueThisMonth);

        Assert.Equal(["东村", "北村"], list.Villages.Select(v => v.VillageName));
        // 李二's second integrated care (November); 王三's second is in December: not yet.
        Assert.Equal([("李二", "第二次医养结合服务")], list.Villages[0].Rows.Select(r => (r.Name, r.Title)));
        Assert.Equal(4, list.Villages[1].Rows.Count);
        Assert.All(list.Rows, r => Assert.Equal(PlanItemState.Due, r.State));
    }

    [Fact]
    public void Due_within_seven_days_depends_on_the_day()
    {
        // On the 23rd the November items (due the 30th) are within seven days; on the 20th they are not.
        Assert.Equal(5, List(_staff.NurseOfTeamA, WorklistState.DueWithin7Days).Count);

        _database.Clock.Now = _database.Clock.Now.AddDays(-3);
        Assert.Equal(0, List(_staff.NurseOfTeamA, WorklistState.DueWithin7Days).Count);

        // On 1 December the November items are overdue and 王三's December visit is due.
        _database.Clock.Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, ChinaTime.Offset);
        Assert.Equal(11 + 1 + 4, List(_staff.NurseOfTeamA, WorklistState.Overdue).Count);
        Assert.Equal([("王三", "第二次医养结合服务")], List(_staff.NurseOfTeamA, WorklistState.DueThisMonth).Rows.Select(r => (r.Name, r.Title)));
    }

    [Fact]
    public void Kind_and_name_or_initials_narrow_the_list()
    {
        Assert.Equal(["李二", "王三", "赵四"], Names(List(_staff.NurseOfTeamA, WorklistState.AllOpen, kind: PlanItemKind.PhysicalExam)));
        Assert.Equal(["李二"], Names(List(_staff.NurseOfTeamA, WorklistState.AllOpen, search: "李")));
        Assert.Equal(["王三"], Names(List(_staff.NurseOfTeamA, WorklistState.AllOpen, search: "ws")));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public async Task The_rows_are_one_SQL_statement_however_long_the_list(int elders)
    {
        for (var i = 0; i < elders; i++)
        {
            var elder = _county.AddResident(_database, _county.VillageB, "测" + (char)('甲' + i), new DateOnly(1950, 1, 1).AddDays(i));
            _database.AddPlan(elder, new VisitMonths(11, null));
        }
        var worklist = _database.Service<ElderCareWorklist>(_staff.NurseOfTeamB);
        _sql.Reset();

        var list = await worklist.WorklistAsync(new WorklistFilter { Year = 2026, State = WorklistState.DueThisMonth, Kind = PlanItemKind.PhysicalExam });

        Assert.Equal(elders + 1, list.Count); // and 钱五
        var statement = Assert.Single(_sql.Commands);
        Assert.Contains("JOIN", statement, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_route_sheet_reads_back_with_the_team_s_elders_by_village_and_no_one_else()
    {
        var (pdf, fileName, items) = await _database.Service<RouteSheetPdf>(_staff.NurseOfTeamA)
            .RenderAsync(new WorklistFilter { Year = 2026, State = WorklistState.AllOpen });

        Assert.Equal(17, items);
        Assert.Equal("2111路线单-第一团队-20261123.pdf", fileName);
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        foreach (var expected in new[] { "服务路线单", "第一团队", "2026-11-23", "东村", "北村", "张一", "李二", "王三", "赵四", "13800138000",
                     "第一次医养结合服务", "第二次医养结合服务", "健康体检", "中医体质辨识", "失能评估", "逾期", "应做", "待安排", "签名", "应完成日期" })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("钱五", text);
        Assert.DoesNotContain("孙六", text);
        Assert.DoesNotContain("西村", text);
        Assert.True(document.GetPage(1).Width > document.GetPage(1).Height, "landscape");

        using var db = _database.Context(UserScope.System);
        Assert.Single(db.AuditEntries.Where(a => a.Action == AuditAction.Viewed && a.EntityType == "RouteSheet2111"),
            a => a.UserName == "nurse-a");
    }
}
