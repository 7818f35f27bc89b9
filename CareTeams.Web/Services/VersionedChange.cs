using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>
/// The one way an edit to an aggregate is saved: check the version the user started from, apply the
/// domain method, save. A domain refusal or a concurrent save comes back as a result, not an exception,
/// so the page can show it and keep what the user typed.
/// </summary>
internal static class VersionedChange
{
    /// <summary>
    /// The one way a new aggregate is saved: build it through the domain, add it, save. A domain refusal
    /// comes back as a result; so does a unique index refusing a duplicate someone saved a moment ago
    /// (between the caller's own check and this save), as <paramref name="duplicate"/>.
    /// </summary>
    public static async Task<SaveResult> CreateAsync<T>(CareTeamsDbContext db, Func<T> create, ValidationError duplicate,
        CancellationToken cancellationToken) where T : AggregateRoot
    {
        try
        {
            var aggregate = create();
            db.Add(aggregate);
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Done(aggregate.Id, aggregate.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
        catch (DbUpdateException)
        {
            return SaveResult.Invalid([duplicate]);
        }
    }

    public static async Task<SaveResult> SaveAsync<T>(CareTeamsDbContext db, T? aggregate, Guid version,
        Func<T, Task<SaveResult?>> change, CancellationToken cancellationToken) where T : AggregateRoot
    {
        if (aggregate is null)
            return SaveResult.NotFound();
        if (aggregate.Version != version)
            return SaveResult.ConcurrencyConflict();
        db.Entry(aggregate).Property(a => a.Version).OriginalValue = version;
        try
        {
            if (await change(aggregate) is { } refused)
                return refused;
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Done(aggregate.Id, aggregate.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.ConcurrencyConflict();
        }
    }
}
