using Bunit;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Components;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.Reports;
using CareTeams.Web.Reports;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Reports;

/// <summary>
/// The 统计看板: its cards show this month's figures for the manager's centre (worked out here: three
/// residents, two signed this month), and a card's figure opens the residents behind it.
/// </summary>
public sealed class DashboardRendering : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private async Task<(Resident Zhang, Resident Li, Resident Wang)> ThreeResidentsTwoSignedAsync()
    {
        var catalogue = County.AddContractCatalogue(Database);
        var today = Database.Clock.Today; // 2026-11-23
        var zhang = County.AddResident(Database, County.VillageA, "张看板", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension, phone: "13911110001");
        var li = County.AddResident(Database, County.VillageB, "李看板", new DateOnly(1980, 5, 2), Sex.Female, phone: "13922220002");
        var wang = County.AddResident(Database, County.VillageA, "王看板", new DateOnly(1990, 7, 3), Sex.Male, phone: "13933330003");
        foreach (var (resident, doctor, user) in new[] { (zhang, catalogue.DoctorA, catalogue.DoctorOfTeamA), (li, catalogue.DoctorB, catalogue.DoctorOfTeamB) })
        {
            var signed = await Database.Service<ContractService>(user).SignAsync(catalogue.Input(resident, doctor, today, catalogue.Basic));
            Assert.True(signed.Succeeded, signed.Summary);
        }
        return (zhang, li, wang);
    }

    private IRenderedComponent<Dashboard> RenderAs(UserScope user, string role)
    {
        SignInAs(user);
        Services.AddSingleton(Database.Service<MonthlyReportQuery>(user));
        AddAuthorization().SetRoles(role);
        return RenderPage<Dashboard>();
    }

    [Fact]
    public async Task The_cards_show_this_month_s_figures_of_the_manager_s_centre()
    {
        await ThreeResidentsTwoSignedAsync();

        var page = RenderAs(County.Manager, Roles.CentreManager);

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=card-signed-value]").TextContent.Trim()), Patience);
        Assert.Contains("签约率 66.7%（居民 3）", page.Find("[data-testid=card-signed]").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("[data-testid=card-new-value]").TextContent.Trim());
        Assert.Equal("0 / 0", page.Find("[data-testid=card-ended-value]").TextContent.Trim());
        Assert.Equal(2, page.FindAll("[data-testid=dashboard-team-row]").Count);
        Assert.Contains("测试镇卫生院", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("另一镇卫生院", page.Markup, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=dashboard-trend] tbody tr").Count), Patience);
    }

    [Fact]
    public async Task Clicking_a_card_lists_the_residents_behind_its_figure()
    {
        var (zhang, li, wang) = await ThreeResidentsTwoSignedAsync();
        var page = RenderAs(County.Manager, Roles.CentreManager);
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=card-signed-value]").TextContent.Trim()), Patience);

        await page.Find("[data-testid=card-signed]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=dashboard-drill-row]").Count), Patience);
        var drill = page.Find("[data-testid=dashboard-drill]").TextContent;
        Assert.Contains(zhang.Name, drill, StringComparison.Ordinal);
        Assert.Contains(li.Name, drill, StringComparison.Ordinal);
        Assert.DoesNotContain(wang.Name, drill, StringComparison.Ordinal);
        Assert.DoesNotContain(zhang.IdNumber, drill, StringComparison.Ordinal); // masked
    }

    [Fact]
    public async Task Another_centre_s_manager_sees_none_of_it()
    {
        await ThreeResidentsTwoSignedAsync();

        var page = RenderAs(County.OtherCentreManager, Roles.CentreManager);

        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid=card-signed-value]").TextContent.Trim()), Patience);
        Assert.DoesNotContain("张看板", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("测试镇卫生院", page.Markup, StringComparison.Ordinal);
    }
}
