using CareTeams.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CareTeams.Web.Data;

/// <summary>The embedded default: a SQLite file. Migrations in Data/Migrations/Sqlite.</summary>
public sealed class SqliteCareTeamsDbContext(DbContextOptions<SqliteCareTeamsDbContext> options, ICurrentUser currentUser)
    : CareTeamsDbContext(options, currentUser);

/// <summary>The production provider for a county. Migrations in Data/Migrations/SqlServer.</summary>
public sealed class SqlServerCareTeamsDbContext(DbContextOptions<SqlServerCareTeamsDbContext> options, ICurrentUser currentUser)
    : CareTeamsDbContext(options, currentUser);

/// <summary>Lets services ask for the base context whatever the configured provider.</summary>
internal sealed class ProviderContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CareTeamsDbContext>
    where TContext : CareTeamsDbContext
{
    public CareTeamsDbContext CreateDbContext() => inner.CreateDbContext();
}

/// <summary>For `dotnet ef migrations add … --context SqliteCareTeamsDbContext`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCareTeamsDbContext>
{
    public SqliteCareTeamsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCareTeamsDbContext>()
            .UseSqlite("Data Source=design-time.db", DatabaseSetup.SqliteOptions).Options, new SystemUser());
}

/// <summary>For `dotnet ef migrations add … --context SqlServerCareTeamsDbContext`; needs no server.</summary>
internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCareTeamsDbContext>
{
    public SqlServerCareTeamsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCareTeamsDbContext>()
            .UseSqlServer("Server=(design-time);Database=CareTeams;Trusted_Connection=True;TrustServerCertificate=True",
                DatabaseSetup.SqlServerOptions).Options, new SystemUser());
}

public static class DatabaseSetup
{
    public const string SqliteProvider = "Sqlite";
    public const string SqlServerProvider = "SqlServer";

    internal static void SqliteOptions(Microsoft.EntityFrameworkCore.Infrastructure.SqliteDbContextOptionsBuilder o) =>
        o.MigrationsHistoryTable("__EFMigrationsHistory");

    internal static void SqlServerOptions(Microsoft.EntityFrameworkCore.Infrastructure.SqlServerDbContextOptionsBuilder o) =>
        o.MigrationsHistoryTable("__EFMigrationsHistory");

    /// <summary>
    /// Registers the context factory for the provider named by <c>Database:Provider</c>. The factory
    /// is scoped, so each context reads the user of its own scope (a circuit or a request).
    /// </summary>
    public static IServiceCollection AddCareTeamsDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        services.AddSingleton<AuditInterceptor>();
        if (string.Equals(provider, SqliteProvider, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = SqliteConnectionString(configuration.GetConnectionString(SqliteProvider), contentRoot);
            services.AddDbContextFactory<SqliteCareTeamsDbContext>((sp, options) => options
                    .UseSqlite(connectionString, SqliteOptions)
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()),
                ServiceLifetime.Scoped);
            services.AddScoped<IDbContextFactory<CareTeamsDbContext>, ProviderContextFactory<SqliteCareTeamsDbContext>>();
        }
        else if (string.Equals(provider, SqlServerProvider, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString(SqlServerProvider)
                ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:SqlServer is not set. 请在配置中设置 ConnectionStrings:SqlServer。");
            services.AddDbContextFactory<SqlServerCareTeamsDbContext>((sp, options) => options
                    .UseSqlServer(connectionString, SqlServerOptions)
                    .AddInterceptors(sp.GetRequiredService<AuditInterceptor>()),
                ServiceLifetime.Scoped);
            services.AddScoped<IDbContextFactory<CareTeamsDbContext>, ProviderContextFactory<SqlServerCareTeamsDbContext>>();
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use Sqlite or SqlServer. 数据库类型只能是 Sqlite 或 SqlServer。");
        }
        return services;
    }

    /// <summary>Resolves a relative SQLite path against the app's folder, makes the folder, keeps a busy timeout.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/careteams.db");
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        // Microsoft.Data.Sqlite retries a locked (busy) database for the command timeout, in seconds.
        if (builder.DefaultTimeout <= 0)
            builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}
