using CareTeams.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data;

/// <summary>
/// Contexts that act as the system (no scope filter, audited as "system") whatever the user of the DI
/// scope they are made from. Jobs and seeders use them: a job's scope is the system already, but at
/// web start-up the scope's user is anonymous, whose filters hide every row. They are built from the
/// configured provider's registered options, so they carry the audit interceptor like any other context.
/// </summary>
public static class SystemContexts
{
    private static readonly SystemUser System = new();

    /// <summary>A new context for the configured provider acting as the system; the caller disposes it.</summary>
    public static Task<CareTeamsDbContext> CreateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CareTeamsDbContext context =
            services.GetService<DbContextOptions<SqliteCareTeamsDbContext>>() is { } sqlite ? new SqliteCareTeamsDbContext(sqlite, System)
            : services.GetService<DbContextOptions<SqlServerCareTeamsDbContext>>() is { } sqlServer ? new SqlServerCareTeamsDbContext(sqlServer, System)
            : throw new InvalidOperationException("No CareTeams database is registered (AddCareTeamsDatabase).");
        return Task.FromResult(context);
    }

    /// <summary>
    /// The app's <see cref="UserManager{TUser}"/> (its options, password validators and messages from
    /// <paramref name="services"/>) over a store that saves through <paramref name="context"/>, so account
    /// changes share the context's transaction and are audited as the system. Dispose it after use.
    /// </summary>
    public static UserManager<ApplicationUser> UserManager(IServiceProvider services, CareTeamsDbContext context) =>
        ActivatorUtilities.CreateInstance<UserManager<ApplicationUser>>(services,
            new UserStore<ApplicationUser, IdentityRole, CareTeamsDbContext>(context, services.GetService<IdentityErrorDescriber>()));
}
