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
