using System.Net;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Tests.Security;
using CareTeams.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Integration;

/// <summary>
/// GET /referrals/{id}/slip.pdf in the running app: the referring team and the receiving hospital's desk get the slip as
/// a Chinese PDF with the RFC 5987 file name; an unrelated team and another institution's desk get 404.
/// </summary>
public sealed class ReferralSlipOverHttp : IAsyncLifetime
{
    private const string Password = "Slip#2026abc";
    private RunningApp _app = default!;
    private TeamRecords _teamA = default!;

    public async Task InitializeAsync()
    {
        _app = await RunningApp.StartAsync();
        var county = SmallCounty.Create(_app.SystemContext);
        var alliance = ReferralAlliance.Create(_app.SystemContext, county);
        var today = _app.Services.GetRequiredService<IClock>().Today;
        _teamA = TeamRecords.Create(_app.SystemContext, county.VillageA.Id, "欧阳娜娜", "13811110001", 1, today);
        await _app.CreateUserAsync("doctor.a", Password, Roles.Doctor, county.County.Id, county.Centre.Id, county.TeamA.Id, "甲队医生");
        await _app.CreateUserAsync("doctor.b", Password, Roles.Doctor, county.County.Id, county.Centre.Id, county.TeamB.Id, "乙队医生");
        await _app.CreateUserAsync("hospital.desk", Password, Roles.ReferralDesk, county.County.Id, displayName: "县医院转诊办",
            allianceInstitutionId: alliance.Hospital.Id);
        await _app.CreateUserAsync("carehome.desk", Password, Roles.ReferralDesk, county.County.Id, displayName: "福利院",
            allianceInstitutionId: alliance.CareHome.Id);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsSignedIn(string userName)
    {
        using var client = _app.CreateClient();
        using var signedIn = await client.SignInAsync(userName, Password);
        Assert.True(client.HasAuthCookie, $"{userName} could not sign in ({(int)signedIn.StatusCode})");
        return await client.Http.GetAsync($"referrals/{_teamA.ReferralId}/slip.pdf");
    }

    [Fact]
    public async Task The_team_and_the_hospital_desk_download_the_slip_and_an_unrelated_team_or_desk_gets_not_found()
    {
        Assert.True(_teamA.ReferralId > 0);
        foreach (var userName in new[] { "doctor.a", "hospital.desk" })
        {
            using var response = await GetAsSignedIn(userName);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"转诊单-{_teamA.ReferralId}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains("双向转诊（转出）单", text, StringComparison.Ordinal);
            Assert.Contains("欧阳娜娜", text, StringComparison.Ordinal);
            Assert.Contains("测试县人民医院", text, StringComparison.Ordinal);
            Assert.Contains(ReferralAlliance.UpForm().Reason, text, StringComparison.Ordinal);
        }
        foreach (var userName in new[] { "doctor.b", "carehome.desk" })
        {
            using var response = await GetAsSignedIn(userName);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("欧阳娜娜", await AppClient.PageTextAsync(response), StringComparison.Ordinal);
        }
    }
}
