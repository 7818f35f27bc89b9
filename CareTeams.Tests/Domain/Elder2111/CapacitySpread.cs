using CareTeams.Domain.Elder2111;

namespace CareTeams.Tests.Domain.Elder2111;

public class CapacitySpread
{
    /// <summary>Elders 1…count over villages of <paramref name="perVillage"/> each (village ids 100, 101, …), all starting in January.</summary>
    private static List<PlanCandidate> Elders(int count, int perVillage = 25, int startMonth = 1, int firstKey = 1) =>
        Enumerable.Range(firstKey, count).Select(k => new PlanCandidate(k, 100 + ((k - firstKey) / perVillage), startMonth)).ToList();

    private static IEnumerable<int> Months(MonthlyLoad load) => Enumerable.Range(1, 12).Select(m => load[m]);

    [Fact]
    public void No_month_is_above_capacity_when_the_year_can_hold_the_elders()
    {
        // 240 elders, two visits each, 40 visits a month: 480 visits in 12 × 40 = 480 slots.
        var (months, load) = CapacityPlanner.Spread(Elders(240), 40);

        Assert.Equal(240, months.Count);
        Assert.Empty(load.OverloadedMonths);
        Assert.All(Months(load), v => Assert.Equal(40, v));
        Assert.Equal(480, load.Total);
    }

    [Fact]
    public void The_spread_is_even_when_the_elders_are_few()
    {
        var (_, load) = CapacityPlanner.Spread(Elders(7), 40);

        // January's elders have six first months (January–June), each with its second six months later.
        Assert.InRange(Months(load).Max() - Months(load).Min(), 0, 1);
        Assert.Equal(14, load.Total);
    }

    [Fact]
    public void The_second_visit_is_three_or_more_months_after_the_first_and_within_the_year()
    {
        var candidates = Enumerable.Range(1, 12).SelectMany(start => Elders(30, 10, start, start * 1000)).ToList();

        var (months, _) = CapacityPlanner.Spread(candidates, 400);

        foreach (var c in candidates)
        {
            var planned = months[c.Key];
            Assert.InRange(planned.First, c.StartMonth, 12);
            if (planned.Second is { } second)
            {
                Assert.True(second - planned.First >= ElderPlan2111.IntegratedCareSpacingMonths, $"{c} → {planned}");
                Assert.True(second <= 12);
            }
            else
            {
                Assert.True(c.StartMonth >= 10, $"a start in {c.StartMonth} has room for a second visit");
            }
        }
    }

    [Fact]
    public void A_village_keeps_its_elders_in_neighbouring_months()
    {
        // 12 villages of 20; capacity for all of them.
        var candidates = Elders(240, perVillage: 20);

        var (months, _) = CapacityPlanner.Spread(candidates, 40);

        foreach (var village in candidates.GroupBy(c => c.VillageId))
        {
            var firsts = village.Select(c => months[c.Key].First).Distinct().Order().ToList();
            Assert.True(firsts.Count <= 2, $"village {village.Key} spread over {string.Join(",", firsts)}");
            Assert.True(firsts[^1] - firsts[0] <= 1);
        }
        // Villages follow each other: a later village never comes in an earlier month.
        var byVillage = candidates.GroupBy(c => c.VillageId).OrderBy(g => g.Key).Select(g => g.Min(c => months[c.Key].First)).ToList();
        Assert.Equal(byVillage.Order(), byVillage);
    }

    [Fact]
    public void An_overload_is_spread_evenly_and_reported_when_the_year_cannot_hold_the_elders()
    {
        // 400 elders need 800 visits; 12 × 40 = 480.
        var (months, load) = CapacityPlanner.Spread(Elders(400), 40);

        Assert.Equal(400, months.Count);
        Assert.Equal(Enumerable.Range(1, 12), load.OverloadedMonths);
        Assert.InRange(Months(load).Max() - Months(load).Min(), 0, 1);
    }

    [Fact]
    public void The_load_already_planned_is_respected()
    {
        var existing = new int[13];
        existing[1] = 30;
        existing[7] = 30; // thirty January elders already planned (January and July)
        existing[3] = 40; // March is full
        var (months, load) = CapacityPlanner.Spread(Elders(150), 40, new MonthlyLoad(existing, 40));

        // The free first months (all but March) are levelled: January takes 6 beside its 30, the others 36 each.
        Assert.Empty(load.OverloadedMonths);
        Assert.Equal(6, months.Values.Count(m => m.First == 1));
        Assert.DoesNotContain(months.Values, m => m.First == 3);
        Assert.Equal([36, 36, 40, 36, 36, 36], Enumerable.Range(1, 6).Select(m => load[m]));
        Assert.Equal(100 + (2 * 150), load.Total);
    }

    [Fact]
    public void Elders_turning_65_later_in_the_year_get_months_from_their_start()
    {
        var (months, load) = CapacityPlanner.Spread(Elders(20, startMonth: 8), 40);

        Assert.All(months.Values, m =>
        {
            Assert.InRange(m.First, 8, 9);
            Assert.Equal(m.First + 3, m.Second);
        });
        Assert.Equal(10, load[8]);
        Assert.Equal(10, load[9]);
    }

    [Fact]
    public void No_staff_means_no_capacity_and_every_used_month_shows_as_overloaded()
    {
        var (months, load) = CapacityPlanner.Spread(Elders(12), 0);

        Assert.Equal(12, months.Count);
        Assert.Equal(Enumerable.Range(1, 12), load.OverloadedMonths);
    }
}
