using System.Net;
using ClosedXML.Excel;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Tests.Integration;
using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Reports;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Reports;

/// <summary>GET /reports/monthly on the demo county in the running app, as each kind of user gets it.</summary>
public sealed class MonthlyReportOverHttp(DemoAppFixture demo) : IClassFixture<DemoAppFixture>
{
    private static readonly string LastMonth = ReportMonth.Of(ChinaTime.DateOf(DateTimeOffset.UtcNow).AddMonths(-1)).Text;

    private async Task<AppClient> SignedInAsync(string userName)
    {
        var client = demo.App.CreateClient();
        await client.SignInAsync(userName, DemoSeeder.Password);
        return client;
    }

    [Fact]
    public async Task The_centre_manager_downloads_their_centre_s_workbook_with_a_Chinese_file_name_and_the_download_is_audited()
    {
        using var manager = await SignedInAsync("manager");

        using var response = await manager.Http.GetAsync($"reports/monthly?centre={DemoSeeder.CentreCode}&month={LastMonth}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MonthlyReportWorkbook.ContentType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.StartsWith("家庭医生签约月度报表-", disposition.FileNameStar);
        Assert.EndsWith($"-{LastMonth}.xlsx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.OrdinalIgnoreCase);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(MonthlyReportWorkbook.SheetNames, workbook.Worksheets.Select(w => w.Name));
        var summary = workbook.Worksheet("汇总");
        Assert.True(summary.Cell(MonthlyReportWorkbook.HeaderRow + 1, 2).GetValue<int>() > 0, "the demo centre has residents");

        await using var db = demo.App.SystemContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "MonthlyReport" && a.UserName == "manager"));
    }

    [Fact]
    public async Task The_administrator_downloads_the_whole_county()
    {
        using var admin = await SignedInAsync("admin");

        using var response = await admin.Http.GetAsync($"reports/monthly?centre=all&month={LastMonth}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Contains("（全县）", workbook.Worksheet("汇总").Cell(1, 1).GetString());
    }

    [Theory]
    [InlineData("manager", "all", HttpStatusCode.Forbidden)]
    [InlineData("manager", "NOPE99", HttpStatusCode.NotFound)]
    [InlineData("nurse1", DemoSeeder.CentreCode, HttpStatusCode.Forbidden)]
    [InlineData("doctor2", DemoSeeder.CentreCode, HttpStatusCode.Forbidden)]
    public async Task Others_get_forbidden_or_not_found(string userName, string centre, HttpStatusCode expected)
    {
        using var client = await SignedInAsync(userName);

        using var response = await client.Http.GetAsync($"reports/monthly?centre={centre}&month={LastMonth}");

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("2026-13", "月份格式不正确")]
    [InlineData("next", "月份格式不正确")]
    [InlineData("2999-01", "尚未到来")]
    public async Task A_bad_month_is_a_400_with_a_Chinese_message(string month, string message)
    {
        using var manager = await SignedInAsync("manager");

        using var response = await manager.Http.GetAsync($"reports/monthly?centre={DemoSeeder.CentreCode}&month={month}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_out_the_download_sends_to_the_sign_in_page()
    {
        using var anonymous = demo.App.CreateClient();

        using var response = await anonymous.Http.GetAsync($"reports/monthly?centre=all&month={LastMonth}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
