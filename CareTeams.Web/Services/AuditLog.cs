using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>Records reads of personal data: SaveChanges auditing never sees a read.</summary>
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
}
