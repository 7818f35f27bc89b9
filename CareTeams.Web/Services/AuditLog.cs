using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>Records reads of personal data (SaveChanges auditing never sees a read) and lists the trail.</summary>
public sealed class AuditLog(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock)
{
    public async Task RecordViewAsync(string entityType, int id, string what, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var scope = currentUser.Scope;
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = clock.Now.UtcDateTime,
            UserName = scope.UserName,
            UserId = scope.UserId,
            Action = AuditAction.Viewed,
            EntityType = entityType,
            EntityKey = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Changes = System.Text.Json.JsonSerializer.Serialize(new { viewed = what }),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The trail of one record, newest first. Only managers reach the page that shows it.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForEntityAsync(string entityType, int id, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityKey == key)
            .OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
    }
}
