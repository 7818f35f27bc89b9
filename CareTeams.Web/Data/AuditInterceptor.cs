using System.Runtime.CompilerServices;
using System.Text.Json;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CareTeams.Web.Data;

/// <summary>
/// The one place where every write is stamped and audited. Before a save it gives each changed
/// aggregate a new concurrency <see cref="AggregateRoot.Version"/>, refuses hard deletes of
/// residents, and notes each field's old → new value; after the save (when generated keys are known)
/// it writes the audit rows in the same transaction, so an audited change and its audit row land
/// together or not at all.
/// </summary>
public sealed class AuditInterceptor(IClock clock) : SaveChangesInterceptor
{
    private static readonly HashSet<string> SecretProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp"];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private sealed class PendingSave
    {
        public required List<(EntityEntry Entry, AuditAction Action, Dictionary<string, object?> Changes)> Changes { get; init; }
        public IDbContextTransaction? OwnTransaction { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Prepare(context) is { } pending && context.Database.CurrentTransaction is null)
            pending.OwnTransaction = context.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Prepare(context) is { } pending && context.Database.CurrentTransaction is null)
            pending.OwnTransaction = await context.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            context.Set<AuditEntry>().AddRange(ToAuditRows(pending));
            context.SaveChanges();
            pending.OwnTransaction?.Commit();
            pending.OwnTransaction?.Dispose();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            context.Set<AuditEntry>().AddRange(ToAuditRows(pending));
            await context.SaveChangesAsync(cancellationToken);
            if (pending.OwnTransaction is not null)
            {
                await pending.OwnTransaction.CommitAsync(cancellationToken);
                await pending.OwnTransaction.DisposeAsync();
            }
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            pending.OwnTransaction?.Rollback();
            pending.OwnTransaction?.Dispose();
        }
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            if (pending.OwnTransaction is not null)
            {
                await pending.OwnTransaction.RollbackAsync(cancellationToken);
                await pending.OwnTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Stamps versions and captures changes; null when there is nothing to audit (the audit rows' own save).</summary>
    private PendingSave? Prepare(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var changes = new List<(EntityEntry, AuditAction, Dictionary<string, object?>)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry || entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            if (entry.Entity is Resident && entry.State == EntityState.Deleted)
                throw new InvalidOperationException("Residents are never deleted: record that they moved away or died.");
            if (entry.Entity is AggregateRoot && entry.State is EntityState.Added or EntityState.Modified)
                entry.Property(nameof(AggregateRoot.Version)).CurrentValue = Guid.NewGuid();

            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add((entry, AuditAction.Created, new()));
                    break;
                case EntityState.Modified:
                    var modified = new Dictionary<string, object?>();
                    foreach (var property in entry.Properties)
                    {
                        if (!property.IsModified || property.Metadata.Name == nameof(AggregateRoot.Version))
                            continue;
                        if (Equals(property.OriginalValue, property.CurrentValue))
                            continue;
                        modified[property.Metadata.Name] = SecretProperties.Contains(property.Metadata.Name)
                            ? new[] { "***", "***" }
                            : new[] { property.OriginalValue, property.CurrentValue };
                    }
                    if (modified.Count > 0)
                        changes.Add((entry, AuditAction.Modified, modified));
                    break;
                case EntityState.Deleted:
                    changes.Add((entry, AuditAction.Deleted, new()));
                    break;
            }
        }
        if (changes.Count == 0)
            return null;
        var pending = new PendingSave { Changes = changes };
        _pending.AddOrUpdate(context, pending);
        return pending;
    }

    private IEnumerable<AuditEntry> ToAuditRows(PendingSave pending)
    {
        var context = pending.Changes[0].Entry.Context;
        var user = context is CareTeamsDbContext careTeams ? careTeams.CurrentUser.Scope : null;
        var now = clock.Now.UtcDateTime;
        foreach (var (entry, action, changes) in pending.Changes)
        {
            if (action == AuditAction.Created)
            {
                // Values are known only now, with the generated key.
                foreach (var property in entry.Properties)
                {
                    if (property.Metadata.Name == nameof(AggregateRoot.Version))
                        continue;
                    changes[property.Metadata.Name] = SecretProperties.Contains(property.Metadata.Name) ? "***" : property.CurrentValue;
                }
            }
            yield return new AuditEntry
            {
                AtUtc = now,
                UserName = user?.UserName ?? "system",
                UserId = user?.UserId,
                Action = action,
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = KeyOf(entry),
                Changes = JsonSerializer.Serialize(changes, Json),
            };
        }
    }

    internal static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? string.Empty : string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue));
    }
}
