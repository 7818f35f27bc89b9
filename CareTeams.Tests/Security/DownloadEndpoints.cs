using System.Net;
using CareTeams.Tests.Infrastructure;

namespace CareTeams.Tests.Security;

/// <summary>
/// Every download endpoint with another team's or centre's id: 404 (not a 403 that confirms the record,
/// not a 200), nothing of the record in the answer; signed out: the sign-in redirect.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class DownloadEndpoints(SecuredApp secured)
{
    public static TheoryData<string> Attackers => new(SecuredApp.Attackers);

    [Theory]
    [MemberData(nameof(Attackers))]
    public async Task Another_teams_record_through_every_download_is_not_found(string attacker)
    {
        var client = await secured.SignedInAsync(attacker);
        foreach (var records in secured.ForeignTo(attacker))
        {
            foreach (var download in DownloadEndpointRows.All)
            {
                await SecurityTally.AttemptAsync(SecurityTally.Downloads, $"{attacker} GET {download.UrlFor(records)}", async () =>
                {
                    using var response = await client.Http.GetAsync(download.UrlFor(records));
                    Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                    Assert.NotEqual(download.MediaType, response.Content.Headers.ContentType?.MediaType);
                    Assert.Null(response.Content.Headers.ContentDisposition);
                    var body = await AppClient.PageTextAsync(response);
                    foreach (var secret in records.Secrets)
                        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
                });
            }
        }
    }

    [Theory]
    [MemberData(nameof(Attackers))]
    public async Task A_list_download_asked_for_with_another_teams_filter_holds_none_of_its_records(string attacker)
    {
        var client = await secured.SignedInAsync(attacker);
        foreach (var records in secured.ForeignTo(attacker))
        {
            foreach (var download in ListDownloadRows.All)
            {
                var url = download.UrlFor(records);
                await SecurityTally.AttemptAsync(SecurityTally.Downloads, $"{attacker} GET {url}", async () =>
                {
                    using var response = await client.Http.GetAsync(url);
                    var bytes = await response.Content.ReadAsByteArrayAsync();
                    var text = response.Content.Headers.ContentType?.MediaType switch
                    {
                        "application/pdf" => string.Concat(UglyToad.PdfPig.PdfDocument.Open(bytes).GetPages().Select(p => p.Text)),
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => string.Join("\n",
                            new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes)).Worksheets.SelectMany(w => w.CellsUsed()).Select(c => c.GetString())),
                        _ => System.Text.Encoding.UTF8.GetString(bytes),
                    };
                    foreach (var secret in records.Secrets)
                        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                });
            }
        }
    }

    [Fact]
    public async Task Signed_out_every_download_sends_to_the_sign_in_page()
    {
        using var anonymous = secured.App.CreateClient();
        foreach (var records in new[] { secured.TeamA, secured.TeamB })
        {
            foreach (var download in DownloadEndpointRows.All)
            {
                await SecurityTally.AttemptAsync(SecurityTally.Downloads, $"未登录 GET {download.UrlFor(records)}", async () =>
                {
                    using var response = await anonymous.Http.GetAsync(download.UrlFor(records));
                    Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                    Assert.StartsWith("/Account/Login", anonymous.RedirectTarget(response), StringComparison.Ordinal);
                    Assert.NotEqual(download.MediaType, response.Content.Headers.ContentType?.MediaType);
                });
            }
        }
    }

    [Fact]
    public async Task The_records_own_team_downloads_them()
    {
        var owner = await secured.SignedInAsync("doctor.b");
        foreach (var download in DownloadEndpointRows.All)
        {
            using var response = await owner.Http.GetAsync(download.UrlFor(secured.TeamB));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(download.MediaType, response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public void Every_download_endpoint_has_a_row()
    {
        var rows = DownloadEndpointRows.All.Select(d => d.Route).Concat(ListDownloadRows.All.Select(d => d.Route)).ToHashSet(StringComparer.Ordinal);
        var downloads = AppEndpoints.All(secured.App)
            .Where(e => AppEndpoints.PageOf(e) is null && !AppEndpoints.IsInfrastructure(e) && AppEndpoints.RequiresSignIn(e)
                        && AppEndpoints.Methods(e).Contains("GET"))
            .Select(AppEndpoints.Route).ToList();

        Assert.NotEmpty(downloads);
        Assert.True(downloads.All(rows.Contains), "Download endpoints without a row in DownloadEndpointRows: " + string.Join(", ", downloads.Where(d => !rows.Contains(d))));
    }
}
