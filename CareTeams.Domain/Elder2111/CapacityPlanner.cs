namespace CareTeams.Domain.Elder2111;

/// <summary>An elder to be planned: a key of the caller's, the village, and the first month the plan covers.</summary>
public sealed record PlanCandidate(int Key, int VillageId, int StartMonth);

/// <summary>A team's visits per month of the year (index 1–12) against its capacity.</summary>
public sealed record MonthlyLoad(IReadOnlyList<int> Visits, int Capacity)
{
    public int this[int month] => Visits[month];
    public int Total => Visits.Sum();
    public IEnumerable<int> OverloadedMonths => Enumerable.Range(1, 12).Where(m => Visits[m] > Capacity);
    public static MonthlyLoad Empty(int capacity) => new(new int[13], capacity);
}

/// <summary>
/// Spreads a team's elders over the months of the year. Each elder needs two visits: the first (exam,
/// TCM identification, ability assessment, first integrated care service) and, a gap of at least three
/// months later, the second integrated care service. Elders are taken village by village, so that a
/// village's elders fall in the same or neighbouring months and one trip covers many; each month gets
/// an even share, and no month takes more than the team's capacity
/// (<c>staff × visits per staff member per month</c>) unless the year as a whole cannot hold them,
/// in which case the overload is spread evenly and shows in <see cref="MonthlyLoad.OverloadedMonths"/>.
/// Months already loaded by plans made earlier count (<paramref name="existing"/>).
/// </summary>
public static class CapacityPlanner
{
    /// <summary>Months between the two visits for a plan starting in <paramref name="startMonth"/>; null when no second visit fits.</summary>
    public static int? GapFor(int startMonth)
    {
        var monthsLeft = 13 - startMonth;
        var gap = Math.Max(ElderPlan2111.IntegratedCareSpacingMonths, (monthsLeft + 1) / 2);
        return startMonth + gap <= 12 ? gap : null;
    }

    /// <summary>
    /// How many of <paramref name="count"/> to add to each slot of <paramref name="weights"/> so the
    /// result is as level as possible: every slot below the final level is raised to it, and the few
    /// left over go one each to the least loaded slots (the earliest first).
    /// </summary>
    internal static int[] EvenShares(int[] weights, int count)
    {
        var adds = new int[weights.Length];
        if (count == 0 || weights.Length == 0)
            return adds;
        // The highest level that takes no more than count.
        long Needed(int level) => weights.Sum(w => (long)Math.Max(0, level - w));
        int low = weights.Min(), high = weights.Min() + count;
        while (low < high)
        {
            var mid = low + ((high - low + 1) / 2);
            if (Needed(mid) <= count)
                low = mid;
            else
                high = mid - 1;
        }
        var level = low;
        var left = count;
        for (var i = 0; i < weights.Length; i++)
        {
            adds[i] = Math.Max(0, level - weights[i]);
            left -= adds[i];
        }
        foreach (var i in Enumerable.Range(0, weights.Length).Where(i => weights[i] + adds[i] <= level).OrderBy(i => weights[i] + adds[i]).ThenBy(i => i))
        {
            if (left == 0)
                break;
            adds[i]++;
            left--;
        }
        return adds;
    }

    public static (IReadOnlyDictionary<int, VisitMonths> Months, MonthlyLoad Load) Spread(
        IReadOnlyList<PlanCandidate> candidates, int monthlyCapacity, MonthlyLoad? existing = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyCapacity);
        var load = (existing?.Visits ?? new int[13]).ToArray();
        if (load.Length != 13)
            throw new ArgumentException("A load has 13 slots, months 1–12.", nameof(existing));
        var result = new Dictionary<int, VisitMonths>(candidates.Count);

        // Elders starting in the same month share the same choice of months; plan each such group on its own.
        foreach (var group in candidates.GroupBy(c => c.StartMonth).OrderBy(g => g.Key))
        {
            var start = group.Key;
            if (start is < 1 or > 12)
                throw new ArgumentOutOfRangeException(nameof(candidates), start, "A start month lies in 1–12.");
            var gap = GapFor(start);
            var firstMonths = Enumerable.Range(start, (gap is { } g ? 12 - g : 12) - start + 1).ToArray();
            var ordered = group.OrderBy(c => c.VillageId).ThenBy(c => c.Key).ToList();

            // Each visit of an elder raises the load of its month pair by one: fill the least loaded pairs
            // first, to an even level (water-filling), so months differ by at most one where they can,
            // and no month passes the capacity unless the months as a whole cannot hold the group.
            int Weight(int m) => gap is { } gg ? Math.Max(load[m], load[m + gg]) : load[m];
            var adds = EvenShares(firstMonths.Select(Weight).ToArray(), ordered.Count);

            // Villages stay together: the elders, in village order, fill the months in calendar order.
            var next = 0;
            for (var i = 0; i < firstMonths.Length; i++)
            {
                var month = firstMonths[i];
                for (var k = 0; k < adds[i]; k++)
                {
                    var elder = ordered[next++];
                    load[month]++;
                    int? second = gap is { } gap2 ? month + gap2 : null;
                    if (second is { } s)
                        load[s]++;
                    result[elder.Key] = new VisitMonths(month, second);
                }
            }
        }
        return (result, new MonthlyLoad(load, monthlyCapacity));
    }
}
