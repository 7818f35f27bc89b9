using System.Net;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;

namespace CareTeams.Tests.Security;

/// <summary>
/// After 5 wrong passwords the account is locked for 15 minutes: the right password is refused — from
/// the same browser, from a fresh one, with the user name typed differently — and no cookie is issued.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class LockoutAfterFiveWrongPasswords(SecuredApp secured)
{
    private async Task<string> NewNurseAsync(string userName)
    {
        await secured.App.CreateUserAsync(userName, SecuredApp.Password, Roles.Nurse, secured.County.County.Id, secured.County.Centre.Id, secured.County.TeamA.Id);
        return userName;
    }

    private async Task AssertLockedOutAsync(AppClient client, string userName, string password)
    {
        using var response = await client.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Lockout", client.RedirectTarget(response));
        Assert.False(client.HasAuthCookie);
        using var residents = await client.Http.GetAsync("residents");
        Assert.Equal(HttpStatusCode.Redirect, residents.StatusCode);
    }

    [Fact]
    public async Task The_right_password_after_five_wrong_ones_is_refused_everywhere()
    {
        var userName = await NewNurseAsync("locked.one");
        using var browser = secured.App.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await browser.SignInAsync(userName, $"Wrong#{attempt}abc");
            Assert.False(browser.HasAuthCookie);
        }

        await SecurityTally.AttemptAsync(SecurityTally.Lockout, "同一浏览器：第 6 次用正确密码", () => AssertLockedOutAsync(browser, userName, SecuredApp.Password));
        using var fresh = secured.App.CreateClient();
        await SecurityTally.AttemptAsync(SecurityTally.Lockout, "新的浏览器会话：正确密码", () => AssertLockedOutAsync(fresh, userName, SecuredApp.Password));
        using var typedDifferently = secured.App.CreateClient();
        await SecurityTally.AttemptAsync(SecurityTally.Lockout, "用户名大写并加空格：正确密码",
            () => AssertLockedOutAsync(typedDifferently, "  " + userName.ToUpperInvariant() + " ", SecuredApp.Password));

        var stored = await secured.App.FindUserAsync(userName);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task Five_wrong_passwords_from_five_browsers_lock_the_account_too()
    {
        var userName = await NewNurseAsync("locked.spread");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var browser = secured.App.CreateClient();
            using var wrong = await browser.SignInAsync(userName, $"Wrong#{attempt}abc");
        }

        using var client = secured.App.CreateClient();
        await SecurityTally.AttemptAsync(SecurityTally.Lockout, "5 个不同会话各输错一次后：正确密码",
            () => AssertLockedOutAsync(client, userName, SecuredApp.Password));
    }
}
