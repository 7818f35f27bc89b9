using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments;

/// <summary>Why an ability assessment was made (GB/T 42195-2022).</summary>
public enum AbilityAssessmentReason
{
    /// <summary>首次评估</summary>
    First,
    /// <summary>常规评估（每年一次）</summary>
    Routine,
    /// <summary>即时评估（身体、能力状况发生变化）</summary>
    Immediate,
    /// <summary>因评估结果有疑问进行的复评</summary>
    Reassessment,
}

/// <summary>The ability level (0 能力完好 … 4 完全失能); the int value is what the resident's 失能 tag uses.</summary>
public enum AbilityLevel
{
    /// <summary>能力完好</summary>
    Intact = 0,
    /// <summary>能力轻度受损（轻度失能）</summary>
    MildlyImpaired = 1,
    /// <summary>能力中度受损（中度失能）</summary>
    ModeratelyImpaired = 2,
    /// <summary>能力重度受损（重度失能）</summary>
    SeverelyImpaired = 3,
    /// <summary>能力完全丧失（完全失能）</summary>
    CompletelyLost = 4,
}

/// <summary>Which adjustment changed the base level.</summary>
public enum AbilityAdjustment
{
    None,
    /// <summary>意识水平为昏迷：直接评定为完全失能。</summary>
    Coma,
    /// <summary>提高一个等级（痴呆、精神科诊断的精神障碍、近30天2次及以上照护风险事件，任一项即可，只提高一次）。</summary>
    RaisedOneStep,
}

/// <summary>A condition that raises the level one step.</summary>
public enum AbilityRaiseReason
{
    /// <summary>确诊痴呆（ICD-10 F00–F03）</summary>
    Dementia,
    /// <summary>经精神科医师确诊的其他精神和行为障碍（ICD-10 F04–F99）</summary>
    MentalDisorder,
    /// <summary>近30天内发生2次及以上照护风险事件</summary>
    CareRiskEvents,
}

public enum CareRiskEventKind
{
    /// <summary>跌倒</summary>
    Fall,
    /// <summary>噎食</summary>
    Choking,
    /// <summary>自杀、自伤</summary>
    SuicideOrSelfHarm,
    /// <summary>走失</summary>
    WanderingOff,
}

/// <summary>A recorded diagnosis: an ICD-10 code and whether a psychiatrist made it.</summary>
public sealed record Diagnosis(string Icd10Code, bool ByPsychiatrist = false)
{
    /// <summary>The number of an F-chapter code (F03.9 → 3), or null for any other code.</summary>
    internal int? MentalChapterNumber => Icd10.Category(Icd10Code) is ('F', var number) ? number : null;

    /// <summary>F00–F03, whoever diagnosed it.</summary>
    public bool IsDementia => MentalChapterNumber is >= 0 and <= 3;

    /// <summary>F04–F99, counted only when a psychiatrist diagnosed it.</summary>
    public bool IsPsychiatristDiagnosedMentalDisorder => ByPsychiatrist && MentalChapterNumber is >= 4 and <= 99;
}

public sealed record CareRiskEvent(CareRiskEventKind Kind, DateOnly On);

/// <summary>
/// 老年人能力评估 (GB/T 42195-2022): the answers to the 26 items of <see cref="AbilityScale"/>, their total and
/// dimension scores, the level from the total and the level after the adjustments in DOMAIN.md.
/// </summary>
public sealed class AbilityAssessment
{
    /// <summary>
    /// Care-risk events count when they happened on or after the assessment date minus this many days and not after
    /// the assessment date ("in the last 30 days").
    /// </summary>
    public const int RiskEventWindowDays = 30;

    private AbilityAssessment() { }

    public DateOnly AssessedOn { get; private init; }
    public AbilityAssessmentReason Reason { get; private init; }

    /// <summary>Points by item code.</summary>
    public IReadOnlyDictionary<string, int> Answers { get; private init; } = new Dictionary<string, int>();
    public bool InComa { get; private init; }
    public int Total { get; private init; }
    public IReadOnlyDictionary<AbilityDimension, int> DimensionScores { get; private init; } = new Dictionary<AbilityDimension, int>();
    public AbilityLevel BaseLevel { get; private init; }
    public AbilityLevel FinalLevel { get; private init; }
    public AbilityAdjustment Adjustment { get; private init; }

    /// <summary>
    /// Every raise condition that held, whether or not it changed the level (it cannot under coma, nor above level 4);
    /// however many there are, the level rises at most one step.
    /// </summary>
    public IReadOnlyList<AbilityRaiseReason> RaiseReasons { get; private init; } = [];

    /// <summary>Levels 1–4 are disabled (失能).</summary>
    public bool IsDisabled => FinalLevel >= AbilityLevel.MildlyImpaired;

    public static AbilityLevel LevelOf(int total) => total switch
    {
        < 0 or > 90 => throw new ArgumentOutOfRangeException(nameof(total), total, "An ability total runs 0 to 90."),
        90 => AbilityLevel.Intact,
        >= 66 => AbilityLevel.MildlyImpaired,
        >= 46 => AbilityLevel.ModeratelyImpaired,
        >= 30 => AbilityLevel.SeverelyImpaired,
        _ => AbilityLevel.CompletelyLost,
    };

    /// <summary>
    /// Scores a complete answer set. <paramref name="answers"/> maps each item code of <see cref="AbilityScale"/>
    /// to the points of the option chosen; <paramref name="inComa"/> says the 意识水平 answer is the 昏迷 option
    /// (it shares 0 points with 昏睡, so the points alone cannot tell them apart).
    /// </summary>
    public static AbilityAssessment Score(
        DateOnly assessedOn,
        AbilityAssessmentReason reason,
        IReadOnlyDictionary<string, int> answers,
        bool inComa = false,
        IEnumerable<Diagnosis>? diagnoses = null,
        IEnumerable<CareRiskEvent>? careRiskEvents = null)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (!Enum.IsDefined(reason))
            throw new DomainException("ability.reason", "请选择评估原因。");

        var unknown = answers.Keys.Where(k => !AbilityScale.TryGetItem(k, out _)).ToList();
        if (unknown.Count > 0)
            throw new DomainException("ability.unknown-item", $"能力评估含有未知项目：{string.Join("、", unknown)}。");
        var missing = AbilityScale.Items.Where(i => !answers.ContainsKey(i.Code)).ToList();
        if (missing.Count > 0)
            throw new DomainException("ability.incomplete",
                $"能力评估未完成，缺少以下项目：{string.Join("、", missing.Select(i => i.Name))}。");
        var invalid = AbilityScale.Items.Where(i => !i.Allows(answers[i.Code])).ToList();
        if (invalid.Count > 0)
            throw new DomainException("ability.invalid-points",
                "以下项目的得分不是该项目的可选分值：" +
                string.Join("；", invalid.Select(i =>
                    $"{i.Name}（{answers[i.Code]} 分，可选 {string.Join("/", i.Options.Select(o => o.Points).Distinct())} 分）")) + "。");
        var comaOption = AbilityScale.Item(AbilityScale.ConsciousnessItemCode).Options.Single(o => o.IsComa);
        if (inComa && answers[AbilityScale.ConsciousnessItemCode] != comaOption.Points)
            throw new DomainException("ability.coma-points", $"意识水平为昏迷时，该项得分应为 {comaOption.Points} 分。");

        var dimensionScores = Enum.GetValues<AbilityDimension>().ToDictionary(
            d => d, d => AbilityScale.Items.Where(i => i.Dimension == d).Sum(i => answers[i.Code]));
        var total = dimensionScores.Values.Sum();
        var baseLevel = LevelOf(total);

        var diagnosisList = diagnoses?.ToList() ?? [];
        var reasons = new List<AbilityRaiseReason>();
        if (diagnosisList.Any(d => d.IsDementia))
            reasons.Add(AbilityRaiseReason.Dementia);
        if (diagnosisList.Any(d => d.IsPsychiatristDiagnosedMentalDisorder))
            reasons.Add(AbilityRaiseReason.MentalDisorder);
        var windowStart = assessedOn.AddDays(-RiskEventWindowDays);
        if ((careRiskEvents ?? []).Count(e => e.On >= windowStart && e.On <= assessedOn) >= 2)
            reasons.Add(AbilityRaiseReason.CareRiskEvents);

        AbilityLevel finalLevel;
        AbilityAdjustment adjustment;
        if (inComa)
        {
            (finalLevel, adjustment) = (AbilityLevel.CompletelyLost, AbilityAdjustment.Coma);
        }
        else if (reasons.Count > 0 && baseLevel < AbilityLevel.CompletelyLost)
        {
            (finalLevel, adjustment) = (baseLevel + 1, AbilityAdjustment.RaisedOneStep);
        }
        else
        {
            (finalLevel, adjustment) = (baseLevel, AbilityAdjustment.None);
        }

        return new AbilityAssessment
        {
            AssessedOn = assessedOn,
            Reason = reason,
            Answers = new Dictionary<string, int>(answers),
            InComa = inComa,
            Total = total,
            DimensionScores = dimensionScores,
            BaseLevel = baseLevel,
            FinalLevel = finalLevel,
            Adjustment = adjustment,
            RaiseReasons = reasons,
        };
    }

    /// <summary>Sets or clears the resident's 失能 tag from this result.</summary>
    public void ApplyTo(Resident resident)
    {
        ArgumentNullException.ThrowIfNull(resident);
        resident.SetDisabilityFromAssessment((int)FinalLevel);
    }

    public static string ToChinese(AbilityLevel level) => level switch
    {
        AbilityLevel.Intact => "能力完好",
        AbilityLevel.MildlyImpaired => "轻度失能",
        AbilityLevel.ModeratelyImpaired => "中度失能",
        AbilityLevel.SeverelyImpaired => "重度失能",
        AbilityLevel.CompletelyLost => "完全失能",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}
