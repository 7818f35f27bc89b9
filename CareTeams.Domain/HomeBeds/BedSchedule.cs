using CareTeams.Domain.Visits;

namespace CareTeams.Domain.HomeBeds;

/// <summary>
/// What the schedule needs of a visit logged against a bed: its date, its kind, and the order it served. Only the
/// latest date per order (and the number of visits on that date) and the latest round date matter, so a query may
/// send just those.
/// </summary>
public sealed record BedVisit(DateOnly On, VisitKind Kind, int? BedOrderId)
{
    public static BedVisit Of(VisitLog visit) => new(visit.VisitDate, visit.Kind, visit.BedOrderId);
}

/// <summary>
/// One due round or order visit of a bed. <see cref="DueOn"/> is when it fell (or falls) due; <see cref="Day"/> is
/// the calendar day it is shown on: today for an overdue entry (it is to be done now), otherwise <see cref="DueOn"/>.
/// <see cref="Times"/> is how many visits that day still needs (每日2次 → 2, or 1 when one was made already).
/// </summary>
public sealed record BedDue(
    int HomeBedId,
    BedDueKind Kind,
    int? BedOrderId,
    string Title,
    DateOnly DueOn,
    DateOnly Day,
    int Times,
    BedDueState State,
    int DaysLate)
{
    public bool IsOverdue => State == BedDueState.Overdue;
}

/// <summary>A bed's position on a day: what is due today, what is overdue, the next of each due, and the cycle.</summary>
public sealed record BedDueSummary(
    IReadOnlyList<BedDue> DueToday,
    IReadOnlyList<BedDue> Overdue,
    IReadOnlyList<BedDue> Next,
    DateOnly CycleEndsOn,
    int DaysLeft,
    BedCycleState Cycle)
{
    public bool IsClosingSoon => Cycle == BedCycleState.ClosingSoon;
    public bool IsOverLimit => Cycle == BedCycleState.OverLimit;
}

/// <summary>
/// Derives the due rounds and order visits of a bed from its orders and its visits, on a "today" the caller
/// passes (the service's <c>IClock.Today</c>), without any storage.
/// <list type="bullet">
/// <item>Rounds (查床): due <see cref="HomeBedSettings.RoundIntervalDays"/> days after the last round
/// (<see cref="VisitKind.BedRound"/>), or after the opening date before the first.</item>
/// <item>Orders: due on the start day, then <see cref="OrderFrequency.IntervalDays"/> after the last visit that served
/// the order once that day had its <see cref="OrderFrequency.TimesPerDueDay"/> visits; nothing is due after the order's
/// <see cref="BedOrder.LastDay"/>, and a visit missed before it is no longer asked for once that day has passed.
/// Any visit naming the order counts, whatever its kind.</item>
/// <item>Nothing is due for a closed bed. A bed over its cycle limit still has its visits due until it is closed
/// (the limit is flagged by <see cref="HomeBed.CycleStateOn"/>; the care does not stop with the paperwork).</item>
/// <item>Visits dated after today, before the bed opened or (for an order) before it started are ignored.</item>
/// </list>
/// </summary>
public static class BedSchedule
{
    public const string RoundTitle = "查床";

    /// <summary>The next round, or null for a closed bed.</summary>
    public static BedDue? NextRound(HomeBed bed, IEnumerable<BedVisit> visits, HomeBedSettings settings, DateOnly today)
    {
        if (bed.IsClosed)
            return null;
        var lastRound = visits.Where(v => v.Kind == VisitKind.BedRound && v.On >= bed.OpenedOn && v.On <= today)
            .Select(v => (DateOnly?)v.On).Max();
        var due = (lastRound ?? bed.OpenedOn).AddDays(settings.RoundIntervalDays);
        return Entry(bed, BedDueKind.Round, null, RoundTitle, due, 1, today);
    }

    /// <summary>The next visit an order asks for, or null when the bed is closed or the order has run its course.</summary>
    public static BedDue? NextForOrder(HomeBed bed, BedOrder order, IEnumerable<BedVisit> visits, DateOnly today)
    {
        if (bed.IsClosed)
            return null;
        var frequency = order.Frequency;
        var served = visits.Where(v => v.BedOrderId == order.Id && v.On >= order.StartsOn && v.On <= today).Select(v => v.On).ToList();
        DateOnly due;
        var times = frequency.TimesPerDueDay;
        if (served.Count == 0)
            due = order.StartsOn;
        else
        {
            var last = served.Max();
            var madeThatDay = served.Count(d => d == last);
            if (madeThatDay >= frequency.TimesPerDueDay)
                due = last.AddDays(frequency.IntervalDays);
            else
            {
                due = last;
                if (last == today)
                    times = frequency.TimesPerDueDay - madeThatDay;
            }
        }
        if (order.LastDay is { } lastDay && (due > lastDay || today > lastDay))
            return null;
        return Entry(bed, BedDueKind.Order, order.Id, order.Title, due, times, today);
    }

    /// <summary>The next due round and the next due visit of each order, by day then title.</summary>
    public static IReadOnlyList<BedDue> Next(HomeBed bed, IEnumerable<BedVisit> visits, HomeBedSettings settings, DateOnly today)
    {
        var list = visits as IReadOnlyList<BedVisit> ?? visits.ToList();
        var next = new List<BedDue>();
        if (NextRound(bed, list, settings, today) is { } round)
            next.Add(round);
        foreach (var order in bed.Orders)
            if (NextForOrder(bed, order, list, today) is { } due)
                next.Add(due);
        return next.OrderBy(d => d.Day).ThenBy(d => d.Kind).ThenBy(d => d.BedOrderId).ToList();
    }

    /// <summary>What is due today, what is overdue (with days late), the next of each, and where the cycle stands.</summary>
    public static BedDueSummary Summarise(HomeBed bed, IEnumerable<BedVisit> visits, HomeBedSettings settings, DateOnly today)
    {
        var next = Next(bed, visits, settings, today);
        return new BedDueSummary(
            next.Where(d => d.State == BedDueState.DueToday).ToList(),
            next.Where(d => d.State == BedDueState.Overdue).OrderByDescending(d => d.DaysLate).ToList(),
            next,
            bed.CycleEndsOn,
            bed.DaysLeftOn(today),
            bed.CycleStateOn(today, settings));
    }

    /// <summary>
    /// The due entries shown on the days <paramref name="from"/>–<paramref name="to"/> (both included), for a calendar:
    /// each next due entry (an overdue one on today), then every later due day assuming each visit is made on the day
    /// it is due. Days before today get no entries (what was done then is in the visit logs), except that an
    /// overdue entry sits on today. Ordered by day, then rounds before orders.
    /// </summary>
    public static IReadOnlyList<BedDue> Calendar(HomeBed bed, IEnumerable<BedVisit> visits, HomeBedSettings settings, DateOnly today, DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ArgumentException("The calendar ends before it starts.", nameof(to));
        var entries = new List<BedDue>();
        foreach (var next in Next(bed, visits, settings, today))
        {
            var order = next.BedOrderId is { } orderId ? bed.Order(orderId) : null;
            var interval = order?.Frequency.IntervalDays ?? settings.RoundIntervalDays;
            var times = order?.Frequency.TimesPerDueDay ?? 1;
            var lastDay = order?.LastDay;
            if (next.Day >= from && next.Day <= to)
                entries.Add(next);
            for (var day = next.Day.AddDays(interval); day <= to && (lastDay is not { } last || day <= last); day = day.AddDays(interval))
                if (day >= from)
                    entries.Add(next with { DueOn = day, Day = day, Times = times, State = BedDueState.Upcoming, DaysLate = 0 });
        }
        return entries.OrderBy(e => e.Day).ThenBy(e => e.Kind).ThenBy(e => e.BedOrderId).ToList();
    }

    /// <summary>The calendar of one month (1st to last day).</summary>
    public static IReadOnlyList<BedDue> Month(HomeBed bed, IEnumerable<BedVisit> visits, HomeBedSettings settings, DateOnly today, int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return Calendar(bed, visits, settings, today, first, first.AddMonths(1).AddDays(-1));
    }

    private static BedDue Entry(HomeBed bed, BedDueKind kind, int? orderId, string title, DateOnly due, int times, DateOnly today)
    {
        var state = due < today ? BedDueState.Overdue : due == today ? BedDueState.DueToday : BedDueState.Upcoming;
        var late = state == BedDueState.Overdue ? today.DayNumber - due.DayNumber : 0;
        return new BedDue(bed.Id, kind, orderId, title, due, state == BedDueState.Overdue ? today : due,
            times, state, late);
    }
}
