using System.Net;
using CareTeams.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Security;

/// <summary>
/// The referral desks in the running app. They have no residents: the teams' pages (the resident list, the 2111
/// worklist, the home beds, the calendar, the contracts) open for them but hold nothing of any team (the page sent here;
/// the lists fill in the circuit from the services, which give a desk nothing: <see cref="CircuitEvents"/>). The county
/// hospital's desk receives the teams' up-referrals and gets their page and slip (the control), and no other record of
/// those residents. The care home's and a second hospital's desks are attackers like the others
/// (<see cref="SecuredApp.Attackers"/>: every record page and download, by URL and in the circuit).
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class ReferralDesks(SecuredApp secured)
{
    public static TheoryData<string> Desks => new([SecuredApp.HospitalDesk, SecuredApp.CareHomeDesk, SecuredApp.OtherHospitalDesk]);

    private IEnumerable<TeamRecords> EveryTeam => [secured.TeamA, secured.TeamB, secured.OtherCentre];

    /// <summary>The pages that open no record and are not for managers only: the teams' own pages, and the home and referral pages.</summary>
    private static List<string> OpenPages() => AppEndpoints.Pages()
        .Where(p => !p.Anonymous && p.Roles is null && !p.Route.Contains('{', StringComparison.Ordinal))
        .Select(p => p.Route).Distinct().ToList();

    [Theory]
    [MemberData(nameof(Desks))]
    public async Task A_desk_on_the_teams_pages_gets_nothing_of_any_team(string desk)
    {
        var client = await secured.SignedInAsync(desk);
        var pages = OpenPages()
            // The county hospital's referral list legitimately names the residents it receives (the control below).
            .Where(route => !(desk == SecuredApp.HospitalDesk && route.StartsWith("/referrals", StringComparison.Ordinal))).ToList();
        Assert.Contains("/residents", pages);
        Assert.Contains("/calendar", pages);

        foreach (var route in pages)
        {
            await SecurityTally.AttemptAsync(SecurityTally.WrongRole, $"{desk} GET {route}", async () =>
            {
                using var response = await client.Http.GetAsync(route.TrimStart('/'));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = await AppClient.PageTextAsync(response);
                foreach (var secret in EveryTeam.SelectMany(t => t.Secrets))
                    Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            });
        }
    }

    /// <summary>The control: the county hospital's desk gets every team's up-referral slip, with the resident in it.</summary>
    [Fact]
    public async Task The_county_hospitals_desk_downloads_the_slip_of_each_referral_it_receives()
    {
        var client = await secured.SignedInAsync(SecuredApp.HospitalDesk);
        foreach (var records in EveryTeam)
        {
            using var response = await client.Http.GetAsync($"referrals/{records.ReferralId}/slip.pdf");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains(records.Name, string.Concat(pdf.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        }
    }

    /// <summary>The county hospital's desk receives the referrals and nothing else of the residents: every other download is not found.</summary>
    [Fact]
    public async Task The_county_hospitals_desk_gets_no_other_download_of_the_referred_residents()
    {
        var client = await secured.SignedInAsync(SecuredApp.HospitalDesk);
        foreach (var records in EveryTeam)
        {
            foreach (var download in DownloadEndpointRows.All.Where(d => !d.Route.StartsWith("/referrals", StringComparison.Ordinal)))
            {
                await SecurityTally.AttemptAsync(SecurityTally.Downloads, $"{SecuredApp.HospitalDesk} GET {download.UrlFor(records)}", async () =>
                {
                    using var response = await client.Http.GetAsync(download.UrlFor(records));
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                    Assert.Null(response.Content.Headers.ContentDisposition);
                    var body = await AppClient.PageTextAsync(response);
                    foreach (var secret in records.Secrets)
                        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
                });
            }
        }
    }
}
