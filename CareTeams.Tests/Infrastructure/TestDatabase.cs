using System.Security.Claims;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Infrastructure;

/// <summary>A clock the test sets. Days count in China Standard Time like the real one.</summary>
public sealed class TestClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset Now { get; set; } = now;
    public DateOnly Today => ChinaTime.DateOf(Now);

    public static TestClock On(int year, int month, int day) =>
        new(new DateTimeOffset(year, month, day, 9, 0, 0, ChinaTime.Offset));
}

/// <summary>The user a test acts as; every scope starts as nobody until the test says who.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public UserScope Scope { get; set; } = UserScope.Nobody;
    public ClaimsPrincipal? Principal => null;
}

/// <summary>
/// A real SQLite database file, migrated like production, with the application's own services
/// (the same registrations the app uses). One per test class (xunit IClassFixture) or per test.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly ServiceProvider _root;

    public TestDatabase() : this(TestClock.On(2026, 11, 23)) { }

    /// <param name="configure">Extra registrations (e.g. a <see cref="SqlCommandCounter"/> on the contexts), after the app's own.</param>
    public TestDatabase(TestClock clock, Action<IServiceCollection>? configure = null)
    {
        Clock = clock;
        Folder = Path.Combine(Path.GetTempPath(), "careteams-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "test.db");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Sqlite"] = $"Data Source={FilePath};Default Timeout=30",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IClock>(clock);
        services.AddScoped<TestCurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<TestCurrentUser>());
        services.AddCareTeamsDatabase(configuration, Folder);
        services.AddCareTeamsServices(configuration);
        CareTeams.Web.Documents.DocumentServices.AddCareTeamsDocuments(services, configuration);
        Configure(services);
        configure?.Invoke(services);
        _root = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        using var scope = As(UserScope.System);
        DatabaseInitializerForTests.Migrate(scope.ServiceProvider);
    }

    /// <summary>Extra registrations other test classes need (Identity, PDF, …) can be added by subclassing later.</summary>
    private static void Configure(IServiceCollection services) { }

    public TestClock Clock { get; }
    public string Folder { get; }
    public string FilePath { get; }
    public IServiceProvider Root => _root;

    /// <summary>A DI scope acting as the given user, as a circuit or a request would.</summary>
    public IServiceScope As(UserScope user)
    {
        var scope = _root.CreateScope();
        scope.ServiceProvider.GetRequiredService<TestCurrentUser>().Scope = user;
        return scope;
    }

    /// <summary>A context that sees what the given user sees.</summary>
    public CareTeamsDbContext Context(UserScope user)
    {
        var scope = As(user);
        var context = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContext();
        _scopes.Add(scope);
        return context;
    }

    /// <summary>A service as the given user sees it.</summary>
    public T Service<T>(UserScope user) where T : notnull
    {
        var scope = As(user);
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    private readonly List<IServiceScope> _scopes = [];

    public void Dispose()
    {
        foreach (var scope in _scopes)
            scope.Dispose();
        _root.Dispose();
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

internal static class DatabaseInitializerForTests
{
    public static void Migrate(IServiceProvider services)
    {
        using var db = services.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
    }
}

/// <summary>
/// A small county with one centre, two teams and two villages (one per team), made through the
/// domain, saved as the system. Tests add residents with <see cref="AddResident"/>.
/// </summary>
public sealed class SmallCounty
{
    public required County County { get; init; }
    public required Centre Centre { get; init; }
    public required Centre OtherCentre { get; init; }
    public required Team TeamA { get; init; }
    public required Team TeamB { get; init; }
    public required Team OtherCentreTeam { get; init; }
    public required Village VillageA { get; init; }
    public required Village VillageB { get; init; }
    public required Village OtherCentreVillage { get; init; }

    public UserScope NurseOfTeamA => new(ScopeLevel.Team, County.Id, Centre.Id, TeamA.Id, "nurse-a", "u-nurse-a");
    public UserScope DoctorOfTeamB => new(ScopeLevel.Team, County.Id, Centre.Id, TeamB.Id, "doctor-b", "u-doctor-b");
    public UserScope Manager => new(ScopeLevel.Centre, County.Id, Centre.Id, -1, "manager", "u-manager");
    public UserScope OtherCentreManager => new(ScopeLevel.Centre, County.Id, OtherCentre.Id, -1, "manager-2", "u-manager-2");
    public UserScope Admin => new(ScopeLevel.County, County.Id, -1, -1, "admin", "u-admin");

    public static SmallCounty Create(TestDatabase database) => Create(() => database.Context(UserScope.System));

    /// <summary>The same county in any database, e.g. a running app's (<c>app.SystemContext</c>).</summary>
    public static SmallCounty Create(Func<CareTeamsDbContext> systemContext)
    {
        using var db = systemContext();
        var county = new County("TEST", "测试县", "330122");
        db.Counties.Add(county);
        db.SaveChanges();
        var centre = new Centre(county, "TEST01", "测试镇卫生院", CentreKind.TownshipHealthCentre);
        var other = new Centre(county, "TEST02", "另一镇卫生院", CentreKind.TownshipHealthCentre);
        db.Centres.AddRange(centre, other);
        db.SaveChanges();
        var teamA = new Team(centre, "第一团队", "0571-11111111");
        var teamB = new Team(centre, "第二团队", "0571-22222222");
        var otherTeam = new Team(other, "外镇团队");
        db.Teams.AddRange(teamA, teamB, otherTeam);
        db.SaveChanges();
        var villageA = new Village(centre, "东村", VillageKind.AdministrativeVillage, teamA);
        var villageB = new Village(centre, "西村", VillageKind.AdministrativeVillage, teamB);
        var otherVillage = new Village(other, "外镇村", VillageKind.AdministrativeVillage, otherTeam);
        db.Villages.AddRange(villageA, villageB, otherVillage);
        db.SaveChanges();
        return new SmallCounty
        {
            County = county, Centre = centre, OtherCentre = other, TeamA = teamA, TeamB = teamB, OtherCentreTeam = otherTeam,
            VillageA = villageA, VillageB = villageB, OtherCentreVillage = otherVillage,
        };
    }

    private int _sequence;

    /// <summary>Registers a valid resident in a village and returns it as saved.</summary>
    public Resident AddResident(TestDatabase database, Village village, string name, DateOnly dateOfBirth, Sex sex = Sex.Female,
        KeyPopulation tags = KeyPopulation.None, string? phone = "13800138000")
    {
        // Odd sequences are men, even women (GB 11643).
        var sequence = (++_sequence * 2) + (sex == Sex.Male ? 1 : 0);
        var id = ResidentIdNumber.Compose("330122", dateOfBirth, sequence % 999 == 0 ? 1 : sequence % 999);
        var (details, errors) = ResidentDetails.Validate(new ResidentInput
        {
            Name = name, IdNumber = id.Value, Phone = phone, Address = village.Name + "1号", Tags = tags,
        }, database.Clock.Today);
        if (details is null)
            throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
        using var db = database.Context(UserScope.System);
        var resident = Resident.Register(db.Villages.Single(v => v.Id == village.Id), details);
        db.Residents.Add(resident);
        db.SaveChanges();
        return resident;
    }
}
