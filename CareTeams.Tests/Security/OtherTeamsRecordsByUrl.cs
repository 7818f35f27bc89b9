using System.Net;
using CareTeams.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace CareTeams.Tests.Security;

/// <summary>
/// A nurse or doctor of team A, and users of another centre, typing the address of team B's resident,
/// household or contract (and team A's, for the other centre's users): the page the server sends (the
/// prerendered HTML) carries none of the record's data. The circuit's render is in
/// <see cref="OtherTeamsRecordsInTheCircuit"/>.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class OtherTeamsRecordsByUrl(SecuredApp secured)
{
    public static TheoryData<string> Attackers => new(SecuredApp.Attackers);

    [Theory]
    [MemberData(nameof(Attackers))]
    public async Task The_server_rendered_page_of_another_teams_record_carries_none_of_its_data(string attacker)
    {
        var client = await secured.SignedInAsync(attacker);
        foreach (var records in secured.ForeignTo(attacker))
        {
            foreach (var page in ForeignRecordPages.All)
            {
                await SecurityTally.AttemptAsync(SecurityTally.ByUrl, $"{attacker} GET {page.UrlFor(records)}（HTML）", async () =>
                {
                    using var response = await client.Http.GetAsync(page.UrlFor(records));
                    // Signed in, the page itself answers (not the sign-in redirect), and without an error page.
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound,
                        $"{page.UrlFor(records)} answered {(int)response.StatusCode}.");
                    var html = await AppClient.PageTextAsync(response);
                    foreach (var secret in records.Secrets)
                        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
                });
            }
        }
    }

    [Fact]
    public void Every_page_with_a_record_id_in_its_route_has_a_row()
    {
        var covered = ForeignRecordPages.All.Select(p => p.Page).ToHashSet();
        var pages = typeof(CareTeams.Web.CareTeamsApp).Assembly.GetTypes()
            .Where(t => t.IsDefined(typeof(RouteAttribute), inherit: false) && ForeignRecordPages.OpensARecord(t));

        var missing = pages.Where(p => !covered.Contains(p)).Select(p => p.FullName).ToList();

        Assert.True(missing.Count == 0, "Pages that open a record by id without a row in ForeignRecordPages: " + string.Join(", ", missing));
    }
}
