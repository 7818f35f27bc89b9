using System.Net;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;

namespace CareTeams.Tests.Integration;

/// <summary>One running app for the class: a county with a centre, two teams, one resident per team.</summary>
public sealed class RunningAppWithCounty : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;
    public County County { get; private set; } = default!;
    public Centre Centre { get; private set; } = default!;
    public Team TeamA { get; private set; } = default!;
    public Team TeamB { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync();
        await using var db = App.SystemContext();
        County = new County("HTTP", "测试县", "330122");
        db.Counties.Add(County);
        await db.SaveChangesAsync();
        Centre = new Centre(County, "HTTP01", "测试镇卫生院", CentreKind.TownshipHealthCentre);
        db.Centres.Add(Centre);
        await db.SaveChangesAsync();
        TeamA = new Team(Centre, "第一团队");
        TeamB = new Team(Centre, "第二团队");
        db.Teams.AddRange(TeamA, TeamB);
        await db.SaveChangesAsync();
        var villageA = new Village(Centre, "东村", VillageKind.AdministrativeVillage, TeamA);
        var villageB = new Village(Centre, "西村", VillageKind.AdministrativeVillage, TeamB);
        db.Villages.AddRange(villageA, villageB);
        await db.SaveChangesAsync();
        var today = DateOnly.FromDateTime(DateTime.Today);
        db.Residents.Add(Resident.Register(villageA, Details("欧阳娜娜", new DateOnly(1951, 2, 3), 11, today)));
        db.Residents.Add(Resident.Register(villageB, Details("司马光明", new DateOnly(1962, 4, 5), 12, today)));
        await db.SaveChangesAsync();
    }

    private static ResidentDetails Details(string name, DateOnly born, int sequence, DateOnly today) =>
        ResidentDetails.Validate(ResidentInputs.Valid(name, born, Sex.Female, sequence), today).Details!;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The real app over HTTP: health, the sign-in redirect, the sign-in form with its antiforgery token, and lockout.</summary>
public sealed class HealthAndSignIn(RunningAppWithCounty fixture) : IClassFixture<RunningAppWithCounty>
{
    private const string Password = "Nurse#2026a";
    private readonly RunningApp _app = fixture.App;

    private Task CreateNurseAsync(string userName) =>
        _app.CreateUserAsync(userName, Password, Roles.Nurse, fixture.County.Id, fixture.Centre.Id, fixture.TeamA.Id, "王护士");

    [Fact]
    public async Task Health_answers_200_without_signing_in()
    {
        using var client = _app.CreateClient();

        using var response = await client.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_response_forbids_framing_by_other_sites_sniffing_and_cross_site_referrers()
    {
        using var client = _app.CreateClient();

        foreach (var path in new[] { "Account/Login", "residents", "health", "no-such-page" })
        {
            using var response = await client.Http.GetAsync(path);
            Assert.Equal("SAMEORIGIN", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task A_signed_out_visitor_asking_for_residents_is_redirected_to_sign_in()
    {
        using var client = _app.CreateClient();

        using var response = await client.Http.GetAsync("residents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = client.RedirectTarget(response);
        Assert.StartsWith("/Account/Login", target, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fresidents", target, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("欧阳娜娜", await AppClient.PageTextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_form_posts_the_login_handler_the_antiforgery_token_and_the_Input_fields()
    {
        using var client = _app.CreateClient();

        var form = await client.GetLoginFormAsync();

        Assert.Equal("login", form.Fields["_handler"]);
        Assert.NotEmpty(form.Fields[HtmlForm.AntiforgeryField]);
        Assert.Contains("Input.UserName", form.Fields.Keys);
        Assert.Contains("Input.Password", form.Fields.Keys);
        Assert.Equal("/Account/Login", form.Action.AbsolutePath);
    }

    [Fact]
    public async Task The_right_password_signs_in_with_a_cookie_and_a_redirect_home_where_the_nurse_counts_her_team_only()
    {
        await CreateNurseAsync("nurse.ok");
        using var client = _app.CreateClient();

        using var response = await client.SignInAsync("nurse.ok", Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", client.RedirectTarget(response));
        Assert.True(client.HasAuthCookie);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AppClient.AuthCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        using var residents = await client.Http.GetAsync("residents");
        Assert.Equal(HttpStatusCode.OK, residents.StatusCode);
        // The home page's figures are rendered on the server: one active resident in her team, not the centre's two.
        using var home = await client.Http.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await home.Content.ReadAsStringAsync());
        Assert.Equal("1", page.QuerySelector("[data-testid=count-active]")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_on_the_page_without_a_cookie()
    {
        await CreateNurseAsync("nurse.typo");
        using var client = _app.CreateClient();

        using var response = await client.SignInAsync("nurse.typo", "Wrong#2026a");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名或密码不正确", await AppClient.PageTextAsync(response), StringComparison.Ordinal);
        Assert.False(client.HasAuthCookie);
        Assert.Equal(1, (await _app.FindUserAsync("nurse.typo")).AccessFailedCount);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_is_refused_next()
    {
        await CreateNurseAsync("nurse.locked");
        using var client = _app.CreateClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await client.SignInAsync("nurse.locked", $"Wrong#{attempt}xyz");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("用户名或密码不正确", await AppClient.PageTextAsync(wrong), StringComparison.Ordinal);
        }
        using var fifth = await client.SignInAsync("nurse.locked", "Wrong#5xyz");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Account/Lockout", client.RedirectTarget(fifth));

        using var sixth = await client.SignInAsync("nurse.locked", Password);

        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        Assert.Equal("/Account/Lockout", client.RedirectTarget(sixth));
        Assert.False(client.HasAuthCookie);
        var stored = await _app.FindUserAsync("nurse.locked");
        Assert.NotNull(stored.LockoutEnd);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
        using var residents = await client.Http.GetAsync("residents");
        Assert.Equal(HttpStatusCode.Redirect, residents.StatusCode);
        using var lockoutPage = await client.Http.GetAsync("Account/Lockout");
        Assert.Equal(HttpStatusCode.OK, lockoutPage.StatusCode);
        Assert.Contains("账号已锁定", await AppClient.PageTextAsync(lockoutPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused_with_400_and_counts_nothing()
    {
        await CreateNurseAsync("nurse.csrf");
        using var client = _app.CreateClient();
        var form = await client.GetLoginFormAsync();
        form.Fields.Remove(HtmlForm.AntiforgeryField);
        form.Fields["Input.UserName"] = "nurse.csrf";
        form.Fields["Input.Password"] = Password;

        using var response = await form.PostAsync(client.Http);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(client.HasAuthCookie);
        var stored = await _app.FindUserAsync("nurse.csrf");
        Assert.Equal(0, stored.AccessFailedCount);
    }

    [Fact]
    public async Task A_sign_in_post_with_another_clients_token_is_refused_with_400()
    {
        await CreateNurseAsync("nurse.stolen");
        using var attacker = _app.CreateClient();
        using var victim = _app.CreateClient();
        var attackersForm = await attacker.GetLoginFormAsync();
        var victimsForm = await victim.GetLoginFormAsync();
        // The token in the page only works with the cookie it was issued beside.
        victimsForm.Fields[HtmlForm.AntiforgeryField] = attackersForm.Fields[HtmlForm.AntiforgeryField];
        victimsForm.Fields["Input.UserName"] = "nurse.stolen";
        victimsForm.Fields["Input.Password"] = Password;

        using var response = await victimsForm.PostAsync(victim.Http);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(victim.HasAuthCookie);
    }

    [Fact]
    public void No_layout_is_its_own_layout_directly_or_through_others()
    {
        // A cycle (e.g. "@layout X" in an _Imports.razor beside X.razor) makes every page using it hang.
        var layouts = typeof(CareTeams.Web.CareTeamsApp).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Components.LayoutComponentBase)));
        foreach (var layout in layouts)
        {
            var seen = new HashSet<Type>();
            for (var current = layout; current is not null;
                 current = current.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.LayoutAttribute), inherit: true)
                     .Cast<Microsoft.AspNetCore.Components.LayoutAttribute>().FirstOrDefault()?.LayoutType)
            {
                Assert.True(seen.Add(current), $"{layout.FullName}'s layout chain comes back to {current.FullName}.");
            }
        }
    }

    [Theory]
    [InlineData("Account/Login")]
    [InlineData("Account/Lockout")]
    [InlineData("Account/AccessDenied")]
    public async Task The_account_pages_render_in_the_account_layout(string path)
    {
        using var client = _app.CreateClient();

        using var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("account-card", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apps_script_is_served_for_browser_tests()
    {
        using var client = _app.CreateClient();

        using var response = await client.Http.GetAsync("_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
