using System.Net;
using AngleSharp.Html.Parser;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// The real web app, started in-process on a free loopback port with its own SQLite file, put
/// together exactly as Program.cs does (<see cref="CareTeamsApp"/>), in the "Testing" environment
/// (cookies allowed over plain HTTP, no demo data). For HTTP tests and browser tests alike:
/// <code>
/// await using var app = await RunningApp.StartAsync();
/// using var client = app.CreateClient();
/// </code>
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private RunningApp(WebApplication app, string folder, string databaseFile, Uri baseAddress)
    {
        App = app;
        Folder = folder;
        DatabaseFile = databaseFile;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }
    public IServiceProvider Services => App.Services;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/ (always with the trailing slash).</summary>
    public Uri BaseAddress { get; }
    public string Folder { get; }
    public string DatabaseFile { get; }

    /// <summary>
    /// Builds, migrates and starts the app. <paramref name="settings"/> are extra `--Key=Value`
    /// settings (they override the defaults here); <paramref name="configure"/> runs on the builder
    /// before the app's own services are added, as <see cref="CareTeamsApp.CreateBuilder"/> allows.
    /// <paramref name="databaseFile"/> starts it on an existing app's database (a second instance, as
    /// behind a load balancer); by default it gets a fresh file in its own folder.
    /// </summary>
    public static async Task<RunningApp> StartAsync(IEnumerable<string>? settings = null, Action<WebApplicationBuilder>? configure = null,
        string? databaseFile = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "careteams-tests", "app-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        databaseFile ??= Path.Combine(folder, "app.db");
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            // The test host is the entry assembly; the app's static-asset manifests are named after the web project.
            "--applicationName=CareTeams.Web",
            "--Database:Provider=Sqlite",
            $"--ConnectionStrings:Sqlite=Data Source={databaseFile};Default Timeout=30",
            "--Demo:SeedOnEmptyDatabase=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            .. settings ?? [],
        ];

        var builder = CareTeamsApp.CreateBuilder(args, configure);
        // Serve the build output's static assets (blazor.web.js, MudBlazor, app.css) as `dotnet run` does
        // in Development: outside Development only a published app has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        var app = CareTeamsApp.Build(builder);
        try
        {
            await DatabaseInitializer.PrepareForWebAsync(app.Services, app.Configuration, app.Environment, app.Logger);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
                .Addresses.Single();
            return new RunningApp(app, folder, databaseFile, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// An HTTP client for this app with its own cookie jar, which does not follow redirects, so a test
    /// sees each 302 and its Location.
    /// </summary>
    public AppClient CreateClient() => new(BaseAddress);

    /// <summary>A context that sees everything and is audited as "system", for arranging data and checking rows.</summary>
    public CareTeamsDbContext SystemContext()
    {
        // The options hold the scope as their service provider (for the audit interceptor): it lives as long as the app.
        var scope = Services.CreateScope();
        lock (_scopes)
            _scopes.Add(scope);
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<SqliteCareTeamsDbContext>>();
        return new SqliteCareTeamsDbContext(options, new SystemUser());
    }

    private readonly List<IServiceScope> _scopes = [];

    /// <summary>Creates a user the way an administrator would (Identity's password rules apply) and gives them a role.</summary>
    public async Task<ApplicationUser> CreateUserAsync(string userName, string password, string role,
        int? countyId = null, int? centreId = null, int? teamId = null, string? displayName = null, int? allianceInstitutionId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = userName,
            DisplayName = displayName ?? userName,
            CountyId = countyId,
            CentreId = centreId,
            TeamId = teamId,
            AllianceInstitutionId = allianceInstitutionId,
            PasswordChangedAtUtc = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new InvalidOperationException("Could not create the user: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded)
            throw new InvalidOperationException("Could not add the role: " + string.Join(" ", inRole.Errors.Select(e => e.Description)));
        return user;
    }

    /// <summary>The user as stored now (lockout, failure count), read in a fresh scope.</summary>
    public async Task<ApplicationUser> FindUserAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user '{userName}'.");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        foreach (var scope in _scopes)
            scope.Dispose();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>An HTTP client with a cookie jar, no automatic redirects, and the app's sign-in form at hand.</summary>
public sealed class AppClient : IDisposable
{
    public const string AuthCookie = "CareTeams.Auth";

    internal AppClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies })
        {
            BaseAddress = baseAddress,
            // A page that hangs should fail its test quickly, not after HttpClient's default 100 s.
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http { get; }
    public CookieContainer Cookies { get; }

    public bool HasAuthCookie => Cookies.GetCookies(Http.BaseAddress!).Any(c => c.Name == AuthCookie && !c.Expired && c.Value.Length > 0);

    /// <summary>Where a redirect goes, as a path and query on this site ("/Account/Login?ReturnUrl=…").</summary>
    public string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No Location header on a {(int)response.StatusCode} response.");
        var absolute = location.IsAbsoluteUri ? location : new Uri(Http.BaseAddress!, location);
        return absolute.PathAndQuery;
    }

    /// <summary>
    /// A page's HTML with character references decoded: Blazor writes Chinese text as &amp;#x...; entities,
    /// so assert on this, not on the raw body.
    /// </summary>
    public static async Task<string> PageTextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>GETs the sign-in page and reads its form: every named field with its value, and where it posts.</summary>
    public async Task<HtmlForm> GetLoginFormAsync(string path = "Account/Login")
    {
        using var response = await Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return HtmlForm.Parse(await response.Content.ReadAsStringAsync(), new Uri(Http.BaseAddress!, path));
    }

    /// <summary>The real sign-in: the form as rendered (hidden handler name and antiforgery token included) with the user's entries.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password)
    {
        var form = await GetLoginFormAsync();
        form.Fields["Input.UserName"] = userName;
        form.Fields["Input.Password"] = password;
        return await form.PostAsync(Http);
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>A server-rendered form: its post target and its fields (hidden ones included).</summary>
public sealed class HtmlForm
{
    public const string AntiforgeryField = "__RequestVerificationToken";

    private HtmlForm(Uri action, Dictionary<string, string> fields)
    {
        Action = action;
        Fields = fields;
    }

    public Uri Action { get; }
    public Dictionary<string, string> Fields { get; }

    /// <summary>Reads the first POST form of a page.</summary>
    public static HtmlForm Parse(string html, Uri pageAddress)
    {
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("form").FirstOrDefault(f =>
                string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException("The page has no POST form.");
        var action = form.GetAttribute("action");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
            fields[input.GetAttribute("name")!] = input.GetAttribute("value") ?? string.Empty;
        return new HtmlForm(string.IsNullOrEmpty(action) ? pageAddress : new Uri(pageAddress, action), fields);
    }

    public async Task<HttpResponseMessage> PostAsync(HttpClient client) =>
        await client.PostAsync(Action, new FormUrlEncodedContent(Fields));
}
