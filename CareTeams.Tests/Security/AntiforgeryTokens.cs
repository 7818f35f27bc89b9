using System.Net;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;

namespace CareTeams.Tests.Security;

/// <summary>
/// Every POST the app accepts (each page's form post and the sign-out endpoint, found in its routing),
/// sent without the antiforgery token: 400, and nothing happens. The three real forms (sign in, change
/// password, sign out) with a token taken from another session: 400 as well.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class AntiforgeryTokens(SecuredApp secured)
{
    private static int _users;

    private async Task<(string UserName, AppClient Client)> NewSignedInUserAsync()
    {
        var userName = "csrf." + Interlocked.Increment(ref _users);
        await secured.App.CreateUserAsync(userName, SecuredApp.Password, Roles.Doctor, secured.County.County.Id, secured.County.Centre.Id, secured.County.TeamA.Id);
        var client = secured.App.CreateClient();
        using var response = await client.SignInAsync(userName, SecuredApp.Password);
        Assert.True(client.HasAuthCookie);
        return (userName, client);
    }

    /// <summary>What each form would post if the token were not checked: a real sign-in, a real password change, a real sign-out.</summary>
    private static Dictionary<string, string> FieldsFor(string route, string userName) => route switch
    {
        "/Account/Login" => new() { ["_handler"] = "login", ["Input.UserName"] = userName, ["Input.Password"] = SecuredApp.Password },
        "/Account/ChangePassword" => new()
        {
            ["_handler"] = "change-password", ["Input.OldPassword"] = SecuredApp.Password,
            ["Input.NewPassword"] = "Changed#2026b", ["Input.ConfirmPassword"] = "Changed#2026b",
        },
        _ => new() { ["_handler"] = "any", ["returnUrl"] = "/" },
    };

    private async Task AssertStillSignedInWithTheSamePasswordAsync(AppClient client, string userName, string passwordHash)
    {
        using var residents = await client.Http.GetAsync("residents");
        Assert.Equal(HttpStatusCode.OK, residents.StatusCode);
        Assert.Equal(passwordHash, (await secured.App.FindUserAsync(userName)).PasswordHash);
    }

    [Fact]
    public async Task Every_POST_without_the_antiforgery_token_is_refused_with_400()
    {
        var (userName, client) = await NewSignedInUserAsync();
        using var anonymous = secured.App.CreateClient();
        var passwordHash = (await secured.App.FindUserAsync(userName)).PasswordHash!;
        var posts = AppEndpoints.All(secured.App)
            .Where(e => !AppEndpoints.IsInfrastructure(e) && AppEndpoints.Methods(e).Contains("POST"))
            .Select(AppEndpoints.Route).Distinct().ToList();
        Assert.Contains("/Account/Logout", posts);
        Assert.Contains("/Account/Login", posts);

        var needSignIn = AppEndpoints.All(secured.App).Where(AppEndpoints.RequiresSignIn).Select(AppEndpoints.Route).ToHashSet(StringComparer.Ordinal);
        foreach (var route in posts)
        {
            var address = AppEndpoints.Fill(route, secured.TeamA.ResidentId);
            foreach (var (who, poster) in new[] { ("已登录", client), ("未登录", anonymous) })
            {
                await SecurityTally.AttemptAsync(SecurityTally.Antiforgery, $"{who} POST /{address} 无令牌", async () =>
                {
                    using var response = await poster.Http.PostAsync(address, new FormUrlEncodedContent(FieldsFor(route, userName)));
                    if (needSignIn.Contains(route) && response.StatusCode == HttpStatusCode.Redirect)
                    {
                        // Authorisation runs first: signed out, to the sign-in page; without the page's role, to "access denied".
                        Assert.StartsWith(poster == anonymous ? "/Account/Login" : "/Account/AccessDenied", poster.RedirectTarget(response),
                            StringComparison.Ordinal);
                    }
                    else
                        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                });
            }
        }

        await AssertStillSignedInWithTheSamePasswordAsync(client, userName, passwordHash);
        Assert.False(anonymous.HasAuthCookie);
        client.Dispose();
    }

    [Fact]
    public async Task Each_form_posted_with_a_token_from_another_session_is_refused_with_400()
    {
        var (userName, victim) = await NewSignedInUserAsync();
        var (_, attacker) = await NewSignedInUserAsync();
        using var anonymousVictim = secured.App.CreateClient();
        using var anonymousAttacker = secured.App.CreateClient();
        var passwordHash = (await secured.App.FindUserAsync(userName)).PasswordHash!;

        // The page each form is on, and whose session posts it.
        var forms = new (string Route, string Page, AppClient Victim, AppClient Attacker)[]
        {
            ("/Account/Login", "Account/Login", anonymousVictim, anonymousAttacker),
            ("/Account/ChangePassword", "Account/ChangePassword", victim, attacker),
            ("/Account/Logout", "", victim, attacker),
        };
        foreach (var (route, page, victimClient, attackerClient) in forms)
        {
            await SecurityTally.AttemptAsync(SecurityTally.Antiforgery, $"POST {route} 使用他人会话的令牌", async () =>
            {
                var attackersForm = await FormOnAsync(attackerClient, page);
                var victimsForm = await FormOnAsync(victimClient, page);
                Assert.Equal(route, victimsForm.Action.AbsolutePath);
                foreach (var (name, value) in FieldsFor(route, userName))
                    victimsForm.Fields[name] = value;
                victimsForm.Fields[HtmlForm.AntiforgeryField] = attackersForm.Fields[HtmlForm.AntiforgeryField];

                using var response = await victimsForm.PostAsync(victimClient.Http);

                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            });
        }

        await AssertStillSignedInWithTheSamePasswordAsync(victim, userName, passwordHash);
        Assert.False(anonymousVictim.HasAuthCookie);
        victim.Dispose();
        attacker.Dispose();
    }

    [Fact]
    public async Task With_its_own_token_the_sign_out_form_signs_out()
    {
        var (_, client) = await NewSignedInUserAsync();
        var form = await FormOnAsync(client, "");

        using var response = await form.PostAsync(client.Http);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var residents = await client.Http.GetAsync("residents");
        Assert.Equal(HttpStatusCode.Redirect, residents.StatusCode);
        client.Dispose();
    }

    private static async Task<HtmlForm> FormOnAsync(AppClient client, string page)
    {
        using var response = await client.Http.GetAsync(page);
        response.EnsureSuccessStatusCode();
        return HtmlForm.Parse(await response.Content.ReadAsStringAsync(), new Uri(client.Http.BaseAddress!, page));
    }
}
