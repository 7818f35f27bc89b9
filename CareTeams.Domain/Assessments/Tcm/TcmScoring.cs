namespace CareTeams.Domain.Assessments.Tcm;

/// <summary>The judgement of one type: 是 / 倾向是 / 否 for a biased type; 是 / 基本是 / 否 for 平和质.</summary>
public enum TcmJudgement
{
    /// <summary>否</summary>
    No,
    /// <summary>倾向是 (biased types only)</summary>
    TendsToBe,
    /// <summary>基本是 (平和质 only)</summary>
    BasicallyYes,
    /// <summary>是</summary>
    Yes,
}

/// <summary>Something the result needs a person to look at.</summary>
public enum TcmFlag
{
    /// <summary>Two or more types share the highest score: the TCM physician chooses the guidance.</summary>
    TieForPhysician,
    /// <summary>阴虚质 and 阳虚质 both judged 是: re-collect the answers.</summary>
    Contradictory,
    /// <summary>No biased type 是 or 倾向是 and 平和质 否: re-collect the answers.</summary>
    NoTypeFound,
}

public static class TcmJudgementNames
{
    public static string ChineseName(this TcmJudgement judgement) => judgement switch
    {
        TcmJudgement.No => "否",
        TcmJudgement.TendsToBe => "倾向是",
        TcmJudgement.BasicallyYes => "基本是",
        TcmJudgement.Yes => "是",
        _ => throw new ArgumentOutOfRangeException(nameof(judgement), judgement, null),
    };
}

/// <summary>One type's sum and judgement.</summary>
public sealed record TcmTypeScore(ConstitutionType Type, int Sum, TcmJudgement Judgement);

/// <summary>The outcome of scoring one questionnaire.</summary>
public sealed record TcmResult
{
    /// <summary>All nine types: the eight biased types in the form's order, then 平和质.</summary>
    public required IReadOnlyList<TcmTypeScore> Scores { get; init; }

    /// <summary>The biased types judged 是 (兼夹体质 when more than one), highest sum first, ties in the form's order.</summary>
    public required IReadOnlyList<ConstitutionType> TypesJudgedYes { get; init; }

    /// <summary>
    /// The type the guidance follows; null when there is none, or when the highest score is tied
    /// (<see cref="TcmFlag.TieForPhysician"/>; the candidates are in <see cref="TiedTypes"/>).
    /// </summary>
    public required ConstitutionType? GuidanceType { get; init; }

    /// <summary>The types sharing the highest score when <see cref="TcmFlag.TieForPhysician"/> is raised; else empty.</summary>
    public required IReadOnlyList<ConstitutionType> TiedTypes { get; init; }

    public required IReadOnlySet<TcmFlag> Flags { get; init; }

    public TcmTypeScore ScoreOf(ConstitutionType type) => Scores.Single(s => s.Type == type);

    public int SumOf(ConstitutionType type) => ScoreOf(type).Sum;

    public TcmJudgement JudgementOf(ConstitutionType type) => ScoreOf(type).Judgement;

    /// <summary>兼夹体质: more than one biased type judged 是.</summary>
    public bool IsMixed => TypesJudgedYes.Count > 1;

    public bool HasFlag(TcmFlag flag) => Flags.Contains(flag);

    /// <summary>The answers must be collected again (contradictory, or no type at all).</summary>
    public bool NeedsRecollection => HasFlag(TcmFlag.Contradictory) || HasFlag(TcmFlag.NoTypeFound);
}

/// <summary>
/// Scores the 33 answers: per type the sum of its items (平和质 reverse-scores items 2, 4, 5, 13 as
/// 6 − answer), then judges each type. Bounds are inclusive.
/// </summary>
public static class TcmScoring
{
    /// <summary>A biased type with a sum at or above this is 是.</summary>
    public const int BiasedYesFrom = 11;
    /// <summary>A biased type with a sum at or above this (and below 11) is 倾向是; at or below 8 it is 否.</summary>
    public const int BiasedTendsFrom = 9;
    /// <summary>平和质 needs a sum at or above this to be 是 or 基本是.</summary>
    public const int BalancedFrom = 17;

    public static TcmResult Score(TcmAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);

        var biased = ConstitutionTypes.Biased
            .Select(t => { var sum = SumOf(t, answers); return new TcmTypeScore(t, sum, JudgeBiased(sum)); })
            .ToList();

        var balancedSum = SumOf(ConstitutionType.Balanced, answers);
        var balanced = new TcmTypeScore(ConstitutionType.Balanced, balancedSum,
            JudgeBalanced(balancedSum, biased.Select(s => s.Sum)));

        var yes = biased.Where(s => s.Judgement == TcmJudgement.Yes)
            .OrderByDescending(s => s.Sum).Select(s => s.Type).ToList(); // OrderBy is stable: ties keep the form's order

        var flags = new HashSet<TcmFlag>();
        if (biased.Single(s => s.Type == ConstitutionType.YinDeficiency).Judgement == TcmJudgement.Yes
            && biased.Single(s => s.Type == ConstitutionType.YangDeficiency).Judgement == TcmJudgement.Yes)
            flags.Add(TcmFlag.Contradictory);
        if (biased.All(s => s.Judgement == TcmJudgement.No) && balanced.Judgement == TcmJudgement.No)
            flags.Add(TcmFlag.NoTypeFound);

        // Guidance follows the highest-scoring biased type judged 是; failing that, the highest-scoring
        // 倾向是 type; failing that, 平和质 when it is 是 or 基本是.
        var candidates = biased.Where(s => s.Judgement == TcmJudgement.Yes).ToList();
        if (candidates.Count == 0)
            candidates = biased.Where(s => s.Judgement == TcmJudgement.TendsToBe).ToList();
        if (candidates.Count == 0 && balanced.Judgement != TcmJudgement.No)
            candidates = [balanced];

        ConstitutionType? guidance = null;
        IReadOnlyList<ConstitutionType> tied = [];
        if (candidates.Count > 0)
        {
            var top = candidates.Max(s => s.Sum);
            var best = candidates.Where(s => s.Sum == top).Select(s => s.Type).ToList();
            if (best.Count == 1)
                guidance = best[0];
            else
            {
                tied = best;
                flags.Add(TcmFlag.TieForPhysician);
            }
        }

        return new TcmResult
        {
            Scores = [.. biased, balanced],
            TypesJudgedYes = yes,
            GuidanceType = guidance,
            TiedTypes = tied,
            Flags = flags,
        };
    }

    /// <summary>The sum of a type's item scores, reverse-scored items counting 6 − answer.</summary>
    public static int SumOf(ConstitutionType type, TcmAnswers answers) =>
        TcmQuestionnaire.ItemsOf(type).Sum(i => i.ReverseScored
            ? TcmQuestionnaire.MaxAnswer + TcmQuestionnaire.MinAnswer - answers[i.Number]
            : answers[i.Number]);

    /// <summary>Biased type: ≥ 11 是; 9–10 倾向是; ≤ 8 否.</summary>
    public static TcmJudgement JudgeBiased(int sum) => sum switch
    {
        >= BiasedYesFrom => TcmJudgement.Yes,
        >= BiasedTendsFrom => TcmJudgement.TendsToBe,
        _ => TcmJudgement.No,
    };

    /// <summary>
    /// 平和质: sum ≥ 17 and every one of the eight biased types ≤ 8 → 是; sum ≥ 17 and every biased type
    /// ≤ 10 → 基本是; otherwise 否.
    /// </summary>
    public static TcmJudgement JudgeBalanced(int balancedSum, IEnumerable<int> biasedSums)
    {
        var sums = biasedSums.ToList();
        if (sums.Count != ConstitutionTypes.Biased.Count)
            throw new ArgumentException("平和质的判定需要全部八种偏颇体质的得分。", nameof(biasedSums));
        if (balancedSum < BalancedFrom)
            return TcmJudgement.No;
        if (sums.All(s => s < BiasedTendsFrom))
            return TcmJudgement.Yes;
        if (sums.All(s => s < BiasedYesFrom))
            return TcmJudgement.BasicallyYes;
        return TcmJudgement.No;
    }
}
