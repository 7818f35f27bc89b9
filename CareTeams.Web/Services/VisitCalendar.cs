using CareTeams.Domain.Elder2111;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>
/// One due visit on the calendar. <see cref="Day"/> is the day it is shown on: today for an overdue one (it is to be
/// done now), otherwise the day it falls due (<see cref="DueOn"/>). <see cref="Href"/> opens its form.
/// </summary>
public sealed record DueVisit(DateOnly Day, DateOnly DueOn, string Title, int ResidentId, string ResidentName, string Href, bool IsOverdue);

/// <summary>
/// Where due visits come from (2111 items, home-bed rounds and orders, …). Each source queries through the scoped
/// context, so a user only sees their own team's; <c>staffMemberId</c> narrows to what that staff member is
/// responsible for where the source knows (null: the whole scope).
/// </summary>
public interface IDueVisitSource
{
    Task<IReadOnlyList<DueVisit>> DueAsync(int? staffMemberId, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken);
}

/// <summary>The open 2111 items of the user's team: shown on their due day, or today when overdue.</summary>
public sealed class Plan2111DueVisits(IDbContextFactory<CareTeamsDbContext> contexts) : IDueVisitSource
{
    public async Task<IReadOnlyList<DueVisit>> DueAsync(int? staffMemberId, DateOnly first, DateOnly last, DateOnly today,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var todayShown = today >= first && today <= last;
        // Items are not assigned to a staff member: a team's items are every member's to do.
        var rows = await (
                from p in db.ElderPlans.AsNoTracking().IgnoreAutoIncludes()
                where p.Year >= first.Year - 1 && p.Year <= last.Year
                from i in p.Items
                where i.Status == PlanItemStatus.Open
                    && ((i.Due >= today && i.Due >= first && i.Due <= last) || (todayShown && i.Due < today))
                join r in db.Residents on p.ResidentId equals r.Id
                orderby i.Due, r.Name
                select new { Item = i, p.ResidentId, r.Name })
            .ToListAsync(cancellationToken);
        return rows.Select(x => new DueVisit(x.Item.Due < today ? today : x.Item.Due, x.Item.Due, x.Item.Title, x.ResidentId, x.Name,
            $"elder-care/items/{x.Item.Id}", x.Item.Due < today)).ToList();
    }
}

/// <summary>The signed-in staff member's due visits of a month, from every <see cref="IDueVisitSource"/>.</summary>
public sealed class VisitCalendar(IEnumerable<IDueVisitSource> sources, ICurrentUser currentUser, IClock clock)
{
    public DateOnly Today => clock.Today;

    public async Task<IReadOnlyList<DueVisit>> MonthAsync(int year, int month, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var staffId = currentUser.Scope.StaffMemberId > 0 ? currentUser.Scope.StaffMemberId : (int?)null;
        var entries = new List<DueVisit>();
        foreach (var source in sources)
            entries.AddRange(await source.DueAsync(staffId, first, last, clock.Today, cancellationToken));
        return entries.OrderBy(e => e.Day).ThenByDescending(e => e.IsOverdue).ThenBy(e => e.DueOn).ThenBy(e => e.ResidentName).ToList();
    }
}

/// <summary>The home-bed rounds and order visits due to the staff member (or the team): the bed's own schedule.</summary>
public sealed class HomeBedDueVisits(HomeBedService beds) : IDueVisitSource
{
    public async Task<IReadOnlyList<DueVisit>> DueAsync(int? staffMemberId, DateOnly first, DateOnly last, DateOnly today,
        CancellationToken cancellationToken)
    {
        var rows = await beds.DueForStaffAsync(staffMemberId, first, last, cancellationToken);
        return rows.Select(r => new DueVisit(r.Day, r.DueOn, r.Times > 1 ? $"{r.Title} ×{r.Times}" : r.Title, r.ResidentId, r.ResidentName,
            $"home-beds/{r.HomeBedId}", r.IsOverdue)).ToList();
    }
}
