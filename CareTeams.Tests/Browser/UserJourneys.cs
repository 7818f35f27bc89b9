using System.Net;
using CareTeams.Domain.Contracts;
using CareTeams.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Browser;

/// <summary>
/// What a person sees in a real browser: Debian's headless Chromium on the demo county. Each test is
/// a user's journey from the sign-in page; a failure saves a screenshot (see <see cref="BrowserSession.Run"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UserJourneys(DemoAppForBrowsers demo)
{
    private const string Team1 = "第一家庭医生团队";

    [Fact]
    public async Task A_nurse_signs_in_finds_a_resident_of_her_team_and_opens_the_record()
    {
        var (id, name, village) = await ResidentOfTeam1Async(withSignedContract: true);
        using var browser = BrowserSession.Start(demo.App, nameof(A_nurse_signs_in_finds_a_resident_of_her_team_and_opens_the_record));
        await browser.Run(() =>
        {
            browser.SignIn("nurse1", DemoSeeder.Password);
            browser.Open("residents");
            browser.Type("[data-testid='resident-search']", name);
            var row = browser.WaitForText("[data-testid='resident-grid'] tbody tr", name);
            Assert.Contains(village, row.Text);
            row.Click();

            browser.WaitUntil(() => browser.Driver.Url.EndsWith($"/residents/{id}", StringComparison.Ordinal), "the resident page to open");
            Assert.Equal(name, browser.Find("[data-testid='resident-name']").Text);
            Assert.Equal(village, browser.Find("[data-testid='resident-village']").Text);
            Assert.Equal(Team1, browser.Find("[data-testid='resident-team']").Text);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task A_doctor_signs_a_contract_in_the_wizard_and_downloads_its_PDF()
    {
        var (id, name, _) = await ResidentOfTeam1Async(withSignedContract: false);
        using var browser = BrowserSession.Start(demo.App, nameof(A_doctor_signs_a_contract_in_the_wizard_and_downloads_its_PDF));
        await browser.Run(async () =>
        {
            browser.SignIn("doctor1", DemoSeeder.Password);
            browser.Open($"residents/{id}");
            browser.Click("[data-testid='sign-contract']");
            browser.Find("[data-testid='selected-resident']");
            Assert.Contains(name, browser.Find("[data-testid='selected-resident']").Text);

            browser.Click("[data-testid='wizard-next']");   // resident → packages (the basic package is chosen)
            browser.Find("[data-testid='package-choices']");
            browser.Click("[data-testid='wizard-next']");   // packages → fee, doctor and signatory
            browser.Find("[data-testid='fee-table']");
            browser.Click("[data-testid='wizard-next']");   // → confirm
            browser.Find("[data-testid='confirm-summary']");
            browser.Click("[data-testid='confirm-sign']");

            browser.WaitUntil(() => System.Text.RegularExpressions.Regex.IsMatch(browser.Driver.Url, @"/contracts/\d+$"), "the signed contract's page");
            Assert.Equal(ContractStatus.Signed.ChineseName(), browser.Find("[data-testid='contract-status']").Text);
            var number = browser.Find("[data-testid='contract-number']").Text;
            Assert.Contains(name, browser.Find("[data-testid='contract-resident']").Text);

            // The print button's link, fetched with the browser's own cookies: the PDF the doctor gets.
            var href = browser.Find("[data-testid='print-contract']").GetAttribute("href")!;
            using var http = browser.DownloadClient();
            using var response = await http.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains("家庭医生签约服务协议", text);
            Assert.Contains(name, text);
            Assert.Contains(number, text);
        });
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_the_sign_in_page_and_a_wrong_password_is_told_in_Chinese()
    {
        using var browser = BrowserSession.Start(demo.App, nameof(A_signed_out_visitor_is_sent_to_the_sign_in_page_and_a_wrong_password_is_told_in_Chinese));
        await browser.Run(() =>
        {
            browser.Driver.Navigate().GoToUrl(new Uri(demo.App.BaseAddress, "residents"));
            browser.WaitUntil(() => browser.Driver.Url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), "the sign-in page");
            browser.Find("#username").SendKeys("doctor2");
            browser.Find("#password").SendKeys("wrong-password");
            browser.Click("[data-testid='login-submit']");
            Assert.Contains("用户名或密码不正确", browser.Find("[data-testid='login-error']").Text);
            return Task.CompletedTask;
        });
    }

    private async Task<(int Id, string Name, string Village)> ResidentOfTeam1Async(bool withSignedContract)
    {
        await using var db = demo.App.SystemContext();
        var team = await db.Teams.SingleAsync(t => t.Name == Team1);
        var signed = db.Contracts.IgnoreAutoIncludes().Where(c => c.Status == ContractStatus.Signed).Select(c => c.ResidentId);
        var query = db.Residents.Where(r => r.TeamId == team.Id && r.Status == CareTeams.Domain.Residents.ResidentStatus.Active && r.DateOfBirth < new DateOnly(2000, 1, 1));
        query = withSignedContract ? query.Where(r => signed.Contains(r.Id)) : query.Where(r => !signed.Contains(r.Id));
        // A name no other resident of the team shares, so a search finds exactly this one.
        var candidates = await query.OrderBy(r => r.Id).Select(r => new { r.Id, r.Name, r.VillageId }).Take(50).ToListAsync();
        var names = await db.Residents.Where(r => r.TeamId == team.Id).GroupBy(r => r.Name).Where(g => g.Count() == 1).Select(g => g.Key).ToListAsync();
        var pick = candidates.First(c => names.Contains(c.Name));
        var village = await db.Villages.Where(v => v.Id == pick.VillageId).Select(v => v.Name).SingleAsync();
        return (pick.Id, pick.Name, village);
    }
}
