using System.Net;
using CareTeams.Tests.Infrastructure;

namespace CareTeams.Tests.Security;

/// <summary>
/// Every page (found by reflection: each [Route] in the web assembly) and every endpoint (found in the
/// app's routing), asked for signed out: the sign-in redirect, never a 200 with content. The managers'
/// pages asked for by a nurse or doctor: the access-denied redirect.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class SignedOutAndWrongRole(SecuredApp secured)
{
    /// <summary>A page's address with a real record in it where the route takes an id (team A's: it exists, so a leak would show).</summary>
    private string AddressOf(Type page, string route) =>
        ForeignRecordPages.All.FirstOrDefault(p => p.Page == page && !p.Url.Contains('?', StringComparison.Ordinal)) is { } row
        && route.Contains('{', StringComparison.Ordinal)
            ? row.UrlFor(secured.TeamA)
            : AppEndpoints.Fill(route, secured.TeamA.ResidentId);

    private async Task AssertSentToSignInAsync(AppClient client, string address)
    {
        using var response = await client.Http.GetAsync(address);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", client.RedirectTarget(response), StringComparison.Ordinal);
        var body = await AppClient.PageTextAsync(response);
        foreach (var secret in secured.TeamA.Secrets)
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_every_page_that_is_not_an_account_page_sends_to_the_sign_in_page()
    {
        using var anonymous = secured.App.CreateClient();
        var pages = AppEndpoints.Pages().Where(p => !p.Anonymous).ToList();
        Assert.Contains(pages, p => p.Route == "/residents");

        foreach (var (page, route, _, _) in pages)
        {
            var address = AddressOf(page, route);
            await SecurityTally.AttemptAsync(SecurityTally.SignedOut, $"未登录 GET /{address}",
                () => AssertSentToSignInAsync(anonymous, address));
        }
    }

    [Fact]
    public async Task Signed_out_every_record_address_with_its_query_sends_to_the_sign_in_page()
    {
        using var anonymous = secured.App.CreateClient();
        // The routes above are asked for without their query; these are the record pages' real addresses (?residentId=, ?answers=).
        foreach (var address in ForeignRecordPages.All.Where(p => p.Url.Contains('?', StringComparison.Ordinal)).Select(p => p.UrlFor(secured.TeamA)))
        {
            await SecurityTally.AttemptAsync(SecurityTally.SignedOut, $"未登录 GET /{address}",
                () => AssertSentToSignInAsync(anonymous, address));
        }
    }

    [Fact]
    public async Task Signed_out_every_endpoint_that_is_not_open_on_purpose_sends_to_the_sign_in_page()
    {
        using var anonymous = secured.App.CreateClient();
        var endpoints = AppEndpoints.All(secured.App)
            .Where(e => AppEndpoints.PageOf(e) is null && !AppEndpoints.IsInfrastructure(e) && !AppEndpoints.OpenOnPurpose.Contains(AppEndpoints.Route(e)))
            .ToList();
        Assert.NotEmpty(endpoints);

        foreach (var endpoint in endpoints)
        {
            var address = AppEndpoints.Fill(AppEndpoints.Route(endpoint), secured.TeamA.ContractId);
            await SecurityTally.AttemptAsync(SecurityTally.SignedOut, $"未登录 GET /{address}（端点）",
                () => AssertSentToSignInAsync(anonymous, address));
        }
    }

    [Fact]
    public void Every_endpoint_either_requires_signing_in_or_is_open_on_purpose()
    {
        var unreviewed = AppEndpoints.All(secured.App)
            .Where(e => !AppEndpoints.IsInfrastructure(e) && !AppEndpoints.RequiresSignIn(e) && !AppEndpoints.OpenOnPurpose.Contains(AppEndpoints.Route(e)))
            .Select(AppEndpoints.Route).ToList();

        Assert.True(unreviewed.Count == 0, "Endpoints open to anyone without being reviewed (add [Authorize], or list them in AppEndpoints.OpenOnPurpose): "
            + string.Join(", ", unreviewed));
    }

    [Theory]
    [InlineData("nurse.a", CareTeams.Web.Security.Roles.Nurse)]
    [InlineData("doctor.a", CareTeams.Web.Security.Roles.Doctor)]
    [InlineData(SecuredApp.HospitalDesk, CareTeams.Web.Security.Roles.ReferralDesk)]
    [InlineData(SecuredApp.CareHomeDesk, CareTeams.Web.Security.Roles.ReferralDesk)]
    public async Task A_nurse_doctor_or_referral_desk_asking_for_a_managers_page_is_denied(string userName, string role)
    {
        var client = await secured.SignedInAsync(userName);
        var managersPages = AppEndpoints.Pages()
            .Where(p => p.Roles is not null && !p.Roles.Split(',', StringSplitOptions.TrimEntries).Contains(role, StringComparer.Ordinal)).ToList();
        Assert.Contains(managersPages, p => p.Route == "/admin/users");

        foreach (var (_, route, _, _) in managersPages)
        {
            var address = AppEndpoints.Fill(route, secured.TeamA.ResidentId);
            await SecurityTally.AttemptAsync(SecurityTally.WrongRole, $"{userName} GET /{address}", async () =>
            {
                using var response = await client.Http.GetAsync(address);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/Account/AccessDenied", client.RedirectTarget(response), StringComparison.Ordinal);
            });
        }
    }
}
