using System.Net;
using AngleSharp.Html.Parser;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Two instances of the app on one SQLite file, as two web servers behind a proxy share one database,
/// and a third instance on a database of its own (another key ring). The same user exists in both databases.
/// </summary>
public sealed class TwoInstancesOnOneDatabase : IAsyncLifetime
{
    public const string UserName = "nurse.roaming";
    public const string Password = "Nurse#2026a";
    public const string DisplayName = "王护士";

    public RunningApp A { get; private set; } = default!;
    public RunningApp B { get; private set; } = default!;
    public RunningApp Elsewhere { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        A = await RunningApp.StartAsync();
        B = await RunningApp.StartAsync(databaseFile: A.DatabaseFile);
        Elsewhere = await RunningApp.StartAsync();
        await A.CreateUserAsync(UserName, Password, Roles.Nurse, displayName: DisplayName);
        await Elsewhere.CreateUserAsync(UserName, Password, Roles.Nurse, displayName: DisplayName);
    }

    public async Task DisposeAsync()
    {
        // B and A share A's folder: A goes last and deletes it.
        await B.DisposeAsync();
        await Elsewhere.DisposeAsync();
        await A.DisposeAsync();
    }
}

/// <summary>
/// Scale-out: the Data Protection key ring lives in the database, so a sign-in cookie and an antiforgery
/// token issued by one instance are accepted by another on the same database, and refused by one on another.
/// </summary>
public sealed class ScaleOut(TwoInstancesOnOneDatabase instances) : IClassFixture<TwoInstancesOnOneDatabase>
{
    private RunningApp A => instances.A;
    private RunningApp B => instances.B;

    /// <summary>A client for <paramref name="to"/> holding every cookie <paramref name="from"/>'s client got from <paramref name="fromApp"/>.</summary>
    private static AppClient CarryCookies(AppClient from, RunningApp fromApp, RunningApp to)
    {
        var client = to.CreateClient();
        foreach (Cookie cookie in from.Cookies.GetCookies(fromApp.BaseAddress))
            client.Cookies.Add(to.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        return client;
    }

    /// <summary>The same form posted to the same path on another instance.</summary>
    private static Task<HttpResponseMessage> PostToAsync(HtmlForm form, AppClient client, RunningApp app) =>
        client.Http.PostAsync(new Uri(app.BaseAddress, form.Action.PathAndQuery), new FormUrlEncodedContent(form.Fields));

    private async Task<AppClient> SignedInOnAAsync()
    {
        var client = A.CreateClient();
        using var response = await client.SignInAsync(TwoInstancesOnOneDatabase.UserName, TwoInstancesOnOneDatabase.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(client.HasAuthCookie);
        return client;
    }

    private static async Task<string?> SignedInUserAsync(HttpResponseMessage page) =>
        new HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync())
            .QuerySelector("[data-testid=signed-in-user]")?.TextContent.Trim();

    [Fact]
    public void The_two_instances_listen_on_two_ports_over_one_database_file()
    {
        Assert.NotEqual(A.BaseAddress, B.BaseAddress);
        Assert.Equal(A.DatabaseFile, B.DatabaseFile);
        Assert.NotEqual(A.DatabaseFile, instances.Elsewhere.DatabaseFile);
    }

    [Fact]
    public async Task A_sign_in_cookie_from_instance_A_opens_a_signed_in_page_on_instance_B()
    {
        using var onA = await SignedInOnAAsync();
        using var onB = CarryCookies(onA, A, B);

        using var home = await onB.Http.GetAsync("");
        using var residents = await onB.Http.GetAsync("residents");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(TwoInstancesOnOneDatabase.DisplayName, await SignedInUserAsync(home));
        Assert.Equal(HttpStatusCode.OK, residents.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_and_antiforgery_token_from_A_sign_in_on_B()
    {
        using var onA = A.CreateClient();
        var form = await onA.GetLoginFormAsync();
        form.Fields["Input.UserName"] = TwoInstancesOnOneDatabase.UserName;
        form.Fields["Input.Password"] = TwoInstancesOnOneDatabase.Password;
        using var onB = CarryCookies(onA, A, B);

        using var response = await PostToAsync(form, onB, B);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", onB.RedirectTarget(response));
        Assert.True(onB.HasAuthCookie);
    }

    [Fact]
    public async Task The_signed_in_sign_out_form_from_A_is_accepted_by_B_which_ends_the_session()
    {
        using var onA = await SignedInOnAAsync();
        using var page = await onA.Http.GetAsync("");
        // The sign-out form's token is bound to the signed-in user: B must read the cookie and the token.
        var signOut = HtmlForm.Parse(await page.Content.ReadAsStringAsync(), A.BaseAddress);
        Assert.Equal("/Account/Logout", signOut.Action.AbsolutePath);
        Assert.NotEmpty(signOut.Fields[HtmlForm.AntiforgeryField]);
        using var onB = CarryCookies(onA, A, B);

        using var response = await PostToAsync(signOut, onB, B);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", onB.RedirectTarget(response), StringComparison.Ordinal);
        Assert.False(onB.HasAuthCookie);
    }

    [Fact]
    public async Task An_instance_on_another_database_has_another_key_ring_and_refuses_the_cookie_and_the_token()
    {
        var elsewhere = instances.Elsewhere;
        using var onA = await SignedInOnAAsync();
        using var cookieElsewhere = CarryCookies(onA, A, elsewhere);

        using var residents = await cookieElsewhere.Http.GetAsync("residents");

        Assert.Equal(HttpStatusCode.Redirect, residents.StatusCode);
        Assert.StartsWith("/Account/Login", cookieElsewhere.RedirectTarget(residents), StringComparison.Ordinal);

        using var formOnA = A.CreateClient();
        var form = await formOnA.GetLoginFormAsync();
        form.Fields["Input.UserName"] = TwoInstancesOnOneDatabase.UserName;
        form.Fields["Input.Password"] = TwoInstancesOnOneDatabase.Password;
        using var tokenElsewhere = CarryCookies(formOnA, A, elsewhere);

        using var post = await PostToAsync(form, tokenElsewhere, elsewhere);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.False(tokenElsewhere.HasAuthCookie);
    }

    [Fact]
    public async Task The_key_ring_is_in_the_database_read_from_a_scope_without_a_user_and_never_copied_to_the_audit_trail()
    {
        using (await SignedInOnAAsync()) { }
        using (var elsewhere = instances.Elsewhere.CreateClient())
            await elsewhere.GetLoginFormAsync();

        // As the framework reads it: a fresh scope, no request, no user.
        var repository = Assert.IsType<EntityFrameworkCoreXmlRepository<CareTeamsDbContext>>(
            B.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        var keys = repository.GetAllElements();
        Assert.NotEmpty(keys);

        await using var db = A.SystemContext();
        var stored = await db.DataProtectionKeys.ToListAsync();
        Assert.Equal(stored.Count, keys.Count);
        Assert.All(stored, k => Assert.Contains("<masterKey", k.Xml, StringComparison.Ordinal));
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(DataProtectionKey) || (a.Changes != null && a.Changes.Contains("masterKey"))));

        await using var other = instances.Elsewhere.SystemContext();
        var otherIds = await other.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync();
        Assert.NotEmpty(otherIds);
        Assert.Empty(otherIds.Intersect(stored.Select(k => k.FriendlyName)));
    }

    [Fact]
    public async Task On_SQL_Server_the_key_ring_uses_the_same_context_through_the_provider_s_factory_and_its_migrations_make_the_table()
    {
        var builder = CareTeamsApp.CreateBuilder([
            "--environment=Testing",
            "--Database:Provider=SqlServer",
            "--ConnectionStrings:SqlServer=Server=tcp:careteams-nowhere.invalid,1433;Database=CareTeams;User ID=sa;Password=unused;TrustServerCertificate=True;Connect Timeout=1",
        ]);
        await using var app = builder.Build();

        Assert.IsType<EntityFrameworkCoreXmlRepository<CareTeamsDbContext>>(
            app.Services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        using var scope = app.Services.CreateScope();
        var db = Assert.IsType<SqlServerCareTeamsDbContext>(scope.ServiceProvider.GetRequiredService<CareTeamsDbContext>());
        var keyType = db.Model.FindEntityType(typeof(DataProtectionKey))!;
        Assert.Equal("DataProtectionKeys", keyType.GetTableName());
        Assert.Null(keyType.FindDeclaredQueryFilter(CareTeamsDbContext.ScopeFilter));
        var script = db.GetService<IMigrator>().GenerateScript();
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script, StringComparison.Ordinal);
    }
}
