using CareTeams.Domain.Assessments.Tcm;

namespace CareTeams.Tests.Domain.Assessments.Tcm;

/// <summary>
/// Builds answer sets for the tests. The baseline answers every item 1 (没有): each biased type then sums
/// 4 × 1 = 4 (否) and 平和质 sums 1 + 4 × (6 − 1) = 21 (是, all biased types ≤ 8).
/// </summary>
internal static class TcmTestAnswers
{
    public static int[] Baseline() => Enumerable.Repeat(1, TcmQuestionnaire.ItemCount).ToArray();

    /// <summary>The baseline with some items changed: (item number, answer).</summary>
    public static TcmAnswers With(params (int Item, int Answer)[] changes) => TcmAnswers.Create(Array(changes));

    public static int[] Array(params (int Item, int Answer)[] changes)
    {
        var answers = Baseline();
        foreach (var (item, answer) in changes)
            answers[item - 1] = answer;
        return answers;
    }

    /// <summary>
    /// Raises a biased type's four items from the baseline so that its sum is <paramref name="sum"/> (4–20),
    /// putting the extra first on items 平和质 does not use, so 平和质 stays at 21 whenever possible.
    /// </summary>
    public static (int Item, int Answer)[] BiasedTypeAt(ConstitutionType type, int sum)
    {
        var balancedItems = TcmQuestionnaire.ItemsOf(ConstitutionType.Balanced).Select(i => i.Number).ToHashSet();
        var items = TcmQuestionnaire.ItemsOf(type).Select(i => i.Number)
            .OrderBy(n => balancedItems.Contains(n)).ThenBy(n => n).ToList();
        var extra = sum - items.Count;
        var changes = new List<(int, int)>();
        foreach (var item in items)
        {
            var add = Math.Min(extra, 4);
            changes.Add((item, 1 + add));
            extra -= add;
        }
        return [.. changes];
    }
}
