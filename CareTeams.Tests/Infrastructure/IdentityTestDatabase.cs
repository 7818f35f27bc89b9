using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// Opt-in Identity for tests that create or change sign-in accounts: a <see cref="TestDatabase"/>
/// (the migrated SQLite file, for fixtures such as <see cref="SmallCounty"/>) plus the web app's own
/// composition (<see cref="CareTeamsApp.CreateBuilder"/>: Identity with its Chinese messages and
/// password rules, the scoped context UserManager's store uses, the audit interceptor) pointed at the
/// same file, with the test's clock and user. Nothing is listened on; the app is built, never run.
/// </summary>
public sealed class IdentityTestDatabase : IDisposable
{
    private readonly WebApplication _app;
    private readonly List<IServiceScope> _scopes = [];

    public IdentityTestDatabase() : this(TestClock.On(2026, 11, 23)) { }

    public IdentityTestDatabase(TestClock clock)
    {
        Database = new TestDatabase(clock);
        var builder = CareTeamsApp.CreateBuilder(
        [
            "--environment=Testing",
            "--Database:Provider=Sqlite",
            $"--ConnectionStrings:Sqlite=Data Source={Database.FilePath};Default Timeout=30",
            "--Demo:SeedOnEmptyDatabase=false",
        ], b => b.Logging.ClearProviders());
        // The last registration wins: the test's clock and user, keys in memory (nothing written to the home folder).
        builder.Services.AddSingleton<CareTeams.Domain.SeedWork.IClock>(clock);
        builder.Services.AddScoped<TestCurrentUser>();
        builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        _app = builder.Build();

        using var scope = As(UserScope.System);
        DatabaseInitializer.EnsureRolesAsync(scope.ServiceProvider).GetAwaiter().GetResult();
    }

    /// <summary>The plain test database on the same file: fixtures, clock, and contexts without Identity.</summary>
    public TestDatabase Database { get; }

    public TestClock Clock => Database.Clock;

    public IServiceProvider Root => _app.Services;

    /// <summary>A DI scope acting as the given user, as a circuit or a request would.</summary>
    public IServiceScope As(UserScope user)
    {
        var scope = _app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TestCurrentUser>().Scope = user;
        return scope;
    }

    /// <summary>A service (UserAdministration, UserManager, …) as the given user sees it.</summary>
    public T Service<T>(UserScope user) where T : notnull
    {
        var scope = As(user);
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    /// <summary>A fresh context that sees what the given user sees (for reading back what a test wrote).</summary>
    public CareTeamsDbContext Context(UserScope user)
    {
        var scope = As(user);
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContext();
    }

    /// <summary>Creates an account directly through UserManager, as the system (test set-up).</summary>
    public async Task<ApplicationUser> AddUserAsync(string userName, string role, int? countyId, int? centreId = null, int? teamId = null,
        string password = "Start#2026")
    {
        using var scope = As(UserScope.System);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = userName, DisplayName = userName, CountyId = countyId, CentreId = centreId, TeamId = teamId,
            PasswordChangedAtUtc = Clock.Now.UtcDateTime,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    public void Dispose()
    {
        foreach (var scope in _scopes)
            scope.Dispose();
        ((IDisposable)_app).Dispose();
        Database.Dispose();
    }
}
