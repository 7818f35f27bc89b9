using Bunit;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
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
    public async Task The_referral_card_shows_this_month_s_up_down_and_transfer_counts_as_the_report_has_them()
    {
        var (zhang, li, wang) = await ThreeResidentsTwoSignedAsync();
        var alliance = ReferralAlliance.Create(Database, County);
        async Task SendAsync(UserScope user, ReferralInput input)
        {
            var sent = await Database.Service<ReferralService>(user).RequestAsync(input);
            Assert.True(sent.Succeeded, sent.Summary);
        }
        // October 31 23:59 China time: last month's, in the trend only.
        var now = Database.Clock.Now;
        Database.Clock.Now = new DateTimeOffset(2026, 10, 31, 23, 59, 0, ChinaTime.Offset);
        await SendAsync(alliance.GpOfTeamA, new(wang.Id, null, alliance.Township.Id, alliance.Hospital.Id, ReferralAlliance.UpForm()));
        Database.Clock.Now = now;
        // This month: two up-referrals of team A (one through the green channel), a transfer of team A, a down-referral of team B.
        await SendAsync(alliance.GpOfTeamA, new(zhang.Id, null, alliance.Township.Id, alliance.Hospital.Id, ReferralAlliance.UpForm(ReferralUrgency.GreenChannel)));
        await SendAsync(alliance.GpOfTeamA, new(wang.Id, null, alliance.Clinic.Id, alliance.Hospital.Id, ReferralAlliance.UpForm()));
        await SendAsync(alliance.GpOfTeamA, new(zhang.Id, null, alliance.Township.Id, alliance.CareHome.Id, ReferralAlliance.TransferForm()));
        await SendAsync(alliance.HospitalDesk, new(null, li.IdNumber, alliance.Hospital.Id, alliance.Township.Id, ReferralAlliance.DownForm()));
        var report = (await Database.Service<MonthlyReportQuery>(County.Manager).BuildAsync("TEST01", ReportMonth.Of(Database.Clock.Today), withResidents: false)).Report!;

        var page = RenderAs(County.Manager, Roles.CentreManager);

        page.WaitForAssertion(() => Assert.Equal("2 / 1 / 1", page.Find("[data-testid=card-referrals-value]").TextContent.Trim()), Patience);
        var referrals = report.Total.Referrals;
        Assert.Equal($"{referrals.Up} / {referrals.Down} / {referrals.Transfer}", page.Find("[data-testid=card-referrals-value]").TextContent.Trim());
        Assert.Contains("上转绿色通道 1，紧急 0；下转14天内随访 0 / 1", page.Find("[data-testid=card-referrals]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["2 / 0 / 1", "0 / 1 / 0"], page.FindAll("[data-testid=dashboard-team-referrals]").Select(c => c.TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=dashboard-trend] tbody tr").Count), Patience);
        var trend = page.FindAll("[data-testid=dashboard-trend] tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children.Skip(5).Select(c => c.TextContent.Trim()).ToArray());
        Assert.Equal(["1", "0", "0"], trend["2026年10月"]);
        Assert.Equal(["2", "1", "1"], trend["2026年11月"]);
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
