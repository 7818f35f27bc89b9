using CareTeams.Domain.HomeBeds;
using System.Net;
using CareTeams.Domain.Contracts;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Integration;

/// <summary>The demo county in a running app, and the contract PDF download as each kind of user gets it.</summary>
public sealed class DemoAppFixture : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;

    public async Task InitializeAsync() => App = await RunningApp.StartAsync(["--Demo:SeedOnEmptyDatabase=true"]);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class DownloadsOverHttp(DemoAppFixture demo) : IClassFixture<DemoAppFixture>
{
    private async Task<int> SignedContractOfTeamAsync(string teamName)
    {
        await using var db = demo.App.SystemContext();
        var team = await db.Teams.SingleAsync(t => t.Name == teamName);
        return await db.Contracts.IgnoreAutoIncludes().Where(c => c.TeamId == team.Id && c.Status == ContractStatus.Signed)
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    [Fact]
    public async Task A_nurse_downloads_her_team_s_contract_as_a_Chinese_PDF()
    {
        var id = await SignedContractOfTeamAsync("第一家庭医生团队");
        using var nurse = demo.App.CreateClient();
        await nurse.SignInAsync("nurse1", DemoSeeder.Password);

        using var response = await nurse.Http.GetAsync($"contracts/{id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("家庭医生签约服务协议书", pdf.GetPage(1).Text);
        Assert.Contains("第一家庭医生团队", pdf.GetPage(1).Text);
    }

    [Fact]
    public async Task Another_team_s_doctor_gets_not_found_for_the_same_URL()
    {
        var id = await SignedContractOfTeamAsync("第一家庭医生团队");
        using var doctor = demo.App.CreateClient();
        await doctor.SignInAsync("doctor2", DemoSeeder.Password);

        using var response = await doctor.Http.GetAsync($"contracts/{id}/pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<int> OpenBedOfTeamAsync(string teamName)
    {
        await using var db = demo.App.SystemContext();
        var team = await db.Teams.SingleAsync(t => t.Name == teamName);
        return await db.HomeBeds.IgnoreAutoIncludes().Where(b => b.TeamId == team.Id && b.Status == HomeBedStatus.Open)
            .OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();
    }

    [Fact]
    public async Task A_nurse_downloads_her_team_s_home_bed_record_and_another_team_s_doctor_gets_not_found()
    {
        var id = await OpenBedOfTeamAsync("第一家庭医生团队");
        using var nurse = demo.App.CreateClient();
        await nurse.SignInAsync("nurse1", DemoSeeder.Password);
        using var doctor = demo.App.CreateClient();
        await doctor.SignInAsync("doctor2", DemoSeeder.Password);

        using var response = await nurse.Http.GetAsync($"home-beds/{id}/pdf");
        using var refused = await doctor.Http.GetAsync($"home-beds/{id}/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));
        Assert.Contains("家庭病床记录", text);
        Assert.Contains("二、查床记录", text);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Signed_out_the_download_sends_to_the_sign_in_page()
    {
        var id = await SignedContractOfTeamAsync("第一家庭医生团队");
        using var anonymous = demo.App.CreateClient();

        using var response = await anonymous.Http.GetAsync($"contracts/{id}/pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", anonymous.RedirectTarget(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_nurse_downloads_her_team_s_2111_route_sheet_as_a_Chinese_PDF()
    {
        using var nurse = demo.App.CreateClient();
        await nurse.SignInAsync("nurse1", DemoSeeder.Password);

        using var response = await nurse.Http.GetAsync("elder-care/route-sheet?year=2026&state=AllOpen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("服务路线单", pdf.GetPage(1).Text);
        Assert.Contains("第一家庭医生团队", pdf.GetPage(1).Text);
    }

    [Fact]
    public async Task Signed_out_the_route_sheet_sends_to_the_sign_in_page()
    {
        using var anonymous = demo.App.CreateClient();

        using var response = await anonymous.Http.GetAsync("elder-care/route-sheet?year=2026&state=Overdue");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", anonymous.RedirectTarget(response), StringComparison.OrdinalIgnoreCase);
    }
}
