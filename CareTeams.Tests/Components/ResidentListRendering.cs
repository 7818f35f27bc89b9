using Bunit;
using CareTeams.Domain.Residents;
using CareTeams.Web.Components.Pages.Residents;

namespace CareTeams.Tests.Components;

public sealed class ResidentListRendering : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public ResidentListRendering()
    {
        County.AddResident(Database, County.VillageA, "张三", new DateOnly(1950, 3, 1), Sex.Male);
        County.AddResident(Database, County.VillageA, "李四", new DateOnly(1980, 5, 2));
        County.AddResident(Database, County.VillageB, "王五", new DateOnly(1960, 7, 3), Sex.Male);
        SignInAs(County.NurseOfTeamA);
    }

    [Fact]
    public void A_team_nurse_sees_the_rows_of_her_own_team_only()
    {
        var page = RenderPage<ResidentList>();

        page.WaitForAssertion(() => Assert.Equal(["张三", "李四"], RowNames(page).Order(StringComparer.Ordinal)), Patience);
        Assert.DoesNotContain("王五", page.Markup);
        Assert.Contains("东村", page.Find("[data-testid=resident-grid] tbody").TextContent);
        // The pager speaks Chinese through the app's MudBlazor localizer.
        Assert.Contains("共 2 条", page.Find("[data-testid=resident-grid] .mud-table-pagination").TextContent);
    }

    [Fact]
    public void Typing_in_the_search_box_narrows_the_rows()
    {
        var page = RenderPage<ResidentList>();
        page.WaitForAssertion(() => Assert.Equal(2, RowNames(page).Count), Patience);

        // The box waits 300 ms after the last keystroke (DebounceInterval) before it searches.
        SearchBox(page).Input("李");

        page.WaitForAssertion(() => Assert.Equal(["李四"], RowNames(page)), Patience);
    }

    [Fact]
    public void A_search_by_pinyin_initials_finds_the_resident()
    {
        var page = RenderPage<ResidentList>();
        page.WaitForAssertion(() => Assert.Equal(2, RowNames(page).Count), Patience);

        SearchBox(page).Input("zs");

        page.WaitForAssertion(() => Assert.Equal(["张三"], RowNames(page)), Patience);
    }

    /// <summary>The search box's input (MudTextField puts the test id on the input itself).</summary>
    private static AngleSharp.Dom.IElement SearchBox(IRenderedComponent<ResidentList> page) =>
        page.Find("input[data-testid=resident-search], [data-testid=resident-search] input");

    private static List<string> RowNames(IRenderedComponent<ResidentList> page) =>
        page.FindAll("[data-testid=resident-grid] tbody tr.mud-table-row")
            .Select(row => row.QuerySelector("td")!.TextContent.Trim())
            .ToList();
}
