using Bunit;
using CareTeams.Tests.Components;
using CareTeams.Web.Components.Pages.Reports;
using CareTeams.Web.Reports;
using CareTeams.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Reports;

/// <summary>The 月度报表 page: last month chosen, the centre fixed for a manager, the county offered to an administrator.</summary>
public sealed class MonthlyReportPageRendering : MudBunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private IRenderedComponent<MonthlyReportPage> RenderAs(UserScope user, string role)
    {
        SignInAs(user);
        Services.AddSingleton(Database.Service<MonthlyReportQuery>(user));
        AddAuthorization().SetRoles(role);
        return RenderPage<MonthlyReportPage>();
    }

    [Fact]
    public void A_manager_downloads_last_month_for_their_own_centre()
    {
        var page = RenderAs(County.Manager, Roles.CentreManager);

        // The test clock is on 2026-11-23: last month is October.
        page.WaitForAssertion(() => Assert.Equal("reports/monthly?centre=TEST01&month=2026-10",
            page.Find("[data-testid=download-report]").GetAttribute("href")), Patience);
        Assert.Contains("测试镇卫生院", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("全县", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("另一镇卫生院", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void An_administrator_starts_with_the_whole_county()
    {
        var page = RenderAs(County.Admin, Roles.Admin);

        page.WaitForAssertion(() => Assert.Equal("reports/monthly?centre=all&month=2026-10",
            page.Find("[data-testid=download-report]").GetAttribute("href")), Patience);
    }
}
