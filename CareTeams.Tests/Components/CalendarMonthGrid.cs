using Bunit;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Visits;
using CareTeams.Web.Security;
using CareTeams.Web.Services;

namespace CareTeams.Tests.Components;

/// <summary>我的日程: the month grid puts due visits on their days (overdue in red) and links each to its form.</summary>
public sealed class CalendarMonthGrid : MudBunitTest
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Due_visits_are_on_their_days_in_a_monday_first_grid_and_overdue_ones_are_red()
    {
        SignInAs(County.NurseOfTeamA);
        IReadOnlyList<DueVisit> entries =
        [
            new(new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30), "第二次医养结合服务", 1, "王老伯", "elder-care/items/11", false),
            new(Today, new DateOnly(2026, 8, 31), "健康体检", 2, "李阿婆", "elder-care/items/12", true),
            new(new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 5), "查床", 3, "赵大爷", "home-beds/3", false),
        ];

        var grid = Render<MonthGrid>(p => p
            .Add(x => x.Year, 2026).Add(x => x.Month, 11).Add(x => x.Today, Today).Add(x => x.Entries, entries));

        var rows = grid.FindAll("tbody tr");
        Assert.Equal(6, rows.Count); // 2026-11-01 is a Sunday: the grid runs from 26 October to 6 December
        Assert.Equal("1", rows[0].QuerySelectorAll("td")[6].QuerySelector(".month-grid-date")!.TextContent);
        Assert.Equal(["一", "二", "三", "四", "五", "六", "日"], grid.FindAll("thead th").Select(th => th.TextContent.Trim()));

        var last = grid.Find("[data-testid=day-2026-11-30]");
        Assert.Contains("王老伯 · 第二次医养结合服务", last.TextContent);
        Assert.Equal("elder-care/items/11", last.QuerySelector("a")!.GetAttribute("href"));
        Assert.DoesNotContain("mud-error-text", last.QuerySelector("a")!.ClassName);

        var today = grid.Find("[data-testid=day-2026-11-23]");
        Assert.Contains("today", today.ClassName);
        Assert.Contains("李阿婆 · 健康体检（逾期，应于8月31日）", today.TextContent);
        Assert.Contains("mud-error-text", today.QuerySelector("a")!.ClassName);

        Assert.Equal("home-beds/3", grid.Find("[data-testid=day-2026-11-05] a").GetAttribute("href"));
        Assert.Empty(grid.FindAll("[data-testid=day-2026-11-06] [data-testid=due-entry]"));
        Assert.Equal(3, grid.FindAll("[data-testid=due-entry]").Count);
    }

    [Fact]
    public void The_calendar_page_shows_the_teams_2111_items_for_the_signed_in_staff_member()
    {
        var catalogue = County.AddContractCatalogue(Database);
        var elder = County.AddResident(Database, County.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male);
        using (var db = Database.Context(UserScope.System))
        {
            db.ElderPlans.Add(ElderPlan2111.Create(db.Residents.Single(r => r.Id == elder.Id), 2026, new DateOnly(2026, 1, 1), new VisitMonths(8, 11)));
            db.SaveChanges();
        }
        SignInAs(catalogue.NurseOfTeamA);

        var page = RenderPage<MyCalendar>();

        page.WaitForAssertion(() => Assert.Contains("本月待办 5 项，其中逾期 4 项（红色）。", page.Find("[data-testid=calendar-summary]").TextContent));
        Assert.Equal("2026年11月", page.Find("[data-testid=calendar-month]").TextContent.Trim());
        Assert.Equal(4, page.FindAll("[data-testid=day-2026-11-23] [data-testid=due-entry]").Count);
        Assert.Contains("第二次医养结合服务", page.Find("[data-testid=day-2026-11-30]").TextContent);

        page.Find("[data-testid=next-month] button, button[data-testid=next-month]").Click();
        page.WaitForAssertion(() => Assert.Equal("2026年12月", page.Find("[data-testid=calendar-month]").TextContent.Trim()));
        Assert.Contains("本月待办 0 项", page.Find("[data-testid=calendar-summary]").TextContent);
    }
}
