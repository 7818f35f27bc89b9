using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data;

/// <summary>Brings the database up to date at start-up (SQLite only) and fills an empty one with the demo county.</summary>
public static class DatabaseInitializer
{
    /// <summary>Applies migrations; on SQLite also switches the file to WAL so readers never block the writer.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Statistics for the query planner, refreshed where they are stale (SQLite's advice after schema changes).
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize;", cancellationToken);
        }
        await EnsureRolesAsync(services);
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }
    }

    /// <summary>
    /// At web start-up: SQLite is migrated, and an empty database gets the demo county unless this is
    /// Production or <c>Demo:SeedOnEmptyDatabase</c> is false. SQL Server is migrated by the `migrate` command.
    /// </summary>
    public static async Task PrepareForWebAsync(IServiceProvider root, IConfiguration configuration, IHostEnvironment environment,
        ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var scope = root.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using (var probe = await services.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContextAsync(cancellationToken))
        {
            if (!probe.Database.IsSqlite())
                return;
        }
        await MigrateAsync(services, cancellationToken);
        if (environment.IsProduction() || !configuration.GetValue("Demo:SeedOnEmptyDatabase", true))
            return;
        await using var db = await services.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContextAsync(cancellationToken);
        if (await db.Counties.IgnoreQueryFilters().AnyAsync(cancellationToken))
            return;
        logger.LogInformation("Empty database: seeding the demo county (DEMO01).");
        await DemoSeeder.SeedAsync(services, environment, msg => logger.LogInformation("{Progress}", msg), cancellationToken);
    }
}
