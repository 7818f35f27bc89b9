using Bunit;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.ElderCare;
using CareTeams.Web.Components.Pages.Residents;

namespace CareTeams.Tests.Components;

/// <summary>
/// The 2111 pages on 2026-11-23: team A has 张一 (first visit in October, exam done: three items overdue) and
/// 李二 (first visit in November: four items due) in 东村; team B has 王五 in 西村 (November).
/// </summary>
public sealed class ElderCarePagesRendering : MudBunitTest
{
    private readonly ContractCatalogue _staff;
    private readonly Resident _zhang;
    private readonly ElderPlan2111 _zhangPlan;

    public ElderCarePagesRendering()
    {
        _staff = County.AddContractCatalogue(Database);
        _zhang = County.AddResident(Database, County.VillageA, "张一", new DateOnly(1950, 3, 1), Sex.Male);
        var li = County.AddResident(Database, County.VillageA, "李二", new DateOnly(1948, 5, 2));
        var wang = County.AddResident(Database, County.VillageB, "王五", new DateOnly(1952, 2, 2));
        _zhangPlan = Database.AddPlan(_zhang, new VisitMonths(10, null));
        Database.AddPlan(li, new VisitMonths(11, null));
        Database.AddPlan(wang, new VisitMonths(11, null));
        Database.Done(_zhangPlan, PlanItemKind.PhysicalExam, new DateOnly(2026, 10, 15), _staff.NurseA.Id);
    }

    [Fact]
    public void The_worklist_shows_all_open_items_grouped_by_village_with_counts_and_links_to_record()
    {
        SignInAs(County.Manager);
        var page = RenderPage<WorklistPage>();

        page.WaitForElement("[data-testid=worklist-states]");
        page.Find("[data-testid=state-AllOpen]").Click();

        page.WaitForAssertion(() => Assert.Equal(["东村", "西村"], page.FindAll("[data-testid=worklist-village-name]").Select(e => e.TextContent.Trim())));
        Assert.Equal(["7 项", "4 项"], page.FindAll("[data-testid=worklist-village-count]").Select(e => e.TextContent.Trim()));
        Assert.Equal("逾期 3", page.Find("[data-testid=worklist-village-overdue]").TextContent.Trim());
        var rows = page.FindAll("[data-testid=worklist-row]");
        Assert.Equal(11, rows.Count);
        // Overdue first in 东村 (due 10-31), red.
        Assert.Contains("张一", rows[0].TextContent);
        var state = rows[0].QuerySelector("[data-testid=worklist-state]")!;
        Assert.Equal("逾期", state.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", state.ClassName);
        var itemId = Database.ItemId(_zhangPlan, PlanItemKind.IntegratedCare);
        Assert.Equal($"elder-care/items/{itemId}", rows[0].QuerySelector("[data-testid=worklist-record]")!.GetAttribute("href"));
        Assert.Contains("state=AllOpen", page.Find("[data-testid=print-route-sheet]").GetAttribute("href"));
        Assert.NotEmpty(page.FindAll("[data-testid=worklist-team]"));
    }

    [Fact]
    public void A_nurse_s_default_list_is_this_month_s_items_of_her_team_only()
    {
        SignInAs(_staff.NurseOfTeamA);
        var page = RenderPage<WorklistPage>();

        page.WaitForAssertion(() => Assert.Equal(["东村"], page.FindAll("[data-testid=worklist-village-name]").Select(e => e.TextContent.Trim())));
        var rows = page.FindAll("[data-testid=worklist-row]");
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Contains("李二", r.TextContent));
        Assert.DoesNotContain("王五", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=worklist-team]"));
        Assert.Equal("elder-care/route-sheet?year=2026&state=DueThisMonth", page.Find("[data-testid=print-route-sheet]").GetAttribute("href"));
    }

    [Fact]
    public void The_progress_page_marks_rates_against_the_target()
    {
        SignInAs(County.Manager);
        var page = RenderPage<Progress>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=progress-team]").Count));
        var teamA = System.Text.RegularExpressions.Regex.Replace(page.FindAll("[data-testid=progress-team]")[0].TextContent, @"\s", "");
        Assert.Contains("第一团队", teamA);
        // Team A: 2 plans, 1 exam done = 50 %.
        Assert.StartsWith("第一团队2", teamA);
        Assert.Contains("1（50.0%）", teamA);
        Assert.NotEmpty(page.FindAll("[data-testid=rate-below]"));
        Assert.Contains("目标 90.0%", page.Markup);
        Assert.Equal(2, page.FindAll("[data-testid=load-row]").Count);
    }

    [Fact]
    public void The_resident_page_shows_the_year_s_plan_with_the_done_item_and_links_for_the_open_ones()
    {
        SignInAs(_staff.NurseOfTeamA);
        var page = RenderPage<ResidentPage>(p => p.Add(x => x.Id, _zhang.Id));

        page.WaitForElement("[data-testid=elder-plan]");
        var items = page.FindAll("[data-testid=elder-plan-item]");
        Assert.Equal(["第一次医养结合服务", "健康体检", "中医体质辨识", "失能评估", "第二次医养结合服务"],
            items.Select(i => i.QuerySelector("td")!.TextContent.Trim()));
        Assert.Equal(["逾期", "已完成", "逾期", "逾期", "不适用"], page.FindAll("[data-testid=elder-plan-state]").Select(e => e.TextContent.Trim()));
        Assert.Contains("2026-10-15", items[1].TextContent);
        Assert.Contains("赵护士", items[1].TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=elder-plan-record]").Count);
    }
}
