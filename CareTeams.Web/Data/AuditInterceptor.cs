using System.Runtime.CompilerServices;
using System.Text.Json;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
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
/// together or not at all. The Data Protection key ring is not audited: its rows are the keys that sign
/// cookies (unencrypted XML), written by the framework, and a copy in the trail would let anyone who can
/// read the trail forge a sign-in.
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

    // Static: CareTeamsDbContext reaches it through RollBack when a save ends in a concurrency conflict.
    private static readonly ConditionalWeakTable<DbContext, PendingSave> Pending = new();

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
        if (eventData.Context is { } context && Pending.TryGetValue(context, out var pending))
        {
            Pending.Remove(context);
            try
            {
                context.Set<AuditEntry>().AddRange(ToAuditRows(pending));
                context.SaveChanges();
            }
            catch
            {
                // The change must not stay, half-done, in an open transaction without its audit rows.
                Finish(pending, commit: false);
                throw;
            }
            Finish(pending, commit: true);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Pending.TryGetValue(context, out var pending))
        {
            Pending.Remove(context);
            try
            {
                context.Set<AuditEntry>().AddRange(ToAuditRows(pending));
                await context.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                await FinishAsync(pending, commit: false, CancellationToken.None);
                throw;
            }
            await FinishAsync(pending, commit: true, cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
            RollBack(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        eventData.Context is { } context ? RollBackAsync(context, cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Rolls back and releases the transaction begun for a save that failed. EF Core calls
    /// SaveChangesFailed for most failures but not for a concurrency conflict (DbUpdateConcurrencyException
    /// only reaches ThrowingConcurrencyException, while the data reader is still open), so
    /// <see cref="CareTeamsDbContext"/> calls this when its save throws one. Otherwise the transaction
    /// stays open on the context: on SQLite it holds the one write lock (every other writer fails with
    /// "database is locked"), and the context's next save runs inside it and is never committed.
    /// </summary>
    internal static void RollBack(DbContext context)
    {
        if (Pending.TryGetValue(context, out var pending))
        {
            Pending.Remove(context);
            Finish(pending, commit: false);
        }
    }

    internal static async Task RollBackAsync(DbContext context, CancellationToken cancellationToken = default)
    {
        if (Pending.TryGetValue(context, out var pending))
        {
            Pending.Remove(context);
            await FinishAsync(pending, commit: false, cancellationToken);
        }
    }

    private static void Finish(PendingSave pending, bool commit)
    {
        if (pending.OwnTransaction is not { } transaction)
            return;
        pending.OwnTransaction = null;
        using (transaction)
        {
            if (commit)
                transaction.Commit();
            else
                transaction.Rollback();
        }
    }

    private static async Task FinishAsync(PendingSave pending, bool commit, CancellationToken cancellationToken)
    {
        if (pending.OwnTransaction is not { } transaction)
            return;
        pending.OwnTransaction = null;
        await using (transaction)
        {
            if (commit)
                await transaction.CommitAsync(cancellationToken);
            else
                await transaction.RollbackAsync(cancellationToken);
        }
    }

    /// <summary>Stamps versions and captures changes; null when there is nothing to audit (the audit rows' own save).</summary>
    private PendingSave? Prepare(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        TouchRootsOfChangedParts(context);
        var changes = new List<(EntityEntry, AuditAction, Dictionary<string, object?>)>();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or DataProtectionKey || entry.State is EntityState.Unchanged or EntityState.Detached)
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
        Pending.AddOrUpdate(context, pending);
        return pending;
    }

    /// <summary>
    /// A change to a part of an aggregate (a contract's item, a package's item: an entity the root
    /// holds in a navigation of its own) is a change to the aggregate: its root gets a new version too,
    /// so an edit based on an older read of the root fails. A mere reference (a village's team) is not a part.
    /// </summary>
    private static void TouchRootsOfChangedParts(DbContext context)
    {
        var roots = context.ChangeTracker.Entries<AggregateRoot>().Where(e => e.State == EntityState.Unchanged)
            .ToDictionary(e => (e.Metadata.ClrType, e.Entity.Id));
        if (roots.Count == 0)
            return;
        var touched = new List<EntityEntry>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is AggregateRoot || entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            foreach (var foreignKey in entry.Metadata.GetForeignKeys())
            {
                if (foreignKey.PrincipalToDependent is null || foreignKey.Properties.Count != 1)
                    continue;
                if (entry.Property(foreignKey.Properties[0].Name).CurrentValue is int id
                    && roots.TryGetValue((foreignKey.PrincipalEntityType.ClrType, id), out var root))
                {
                    touched.Add(root);
                }
            }
        }
        foreach (var root in touched.Distinct())
            root.Property(nameof(AggregateRoot.Version)).CurrentValue = Guid.NewGuid();
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
