using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments;

/// <summary>The five items of the 老年人生活自理能力评估表, in the form's order.</summary>
public enum SelfCareItem
{
    /// <summary>进餐</summary>
    Eating,
    /// <summary>梳洗</summary>
    Grooming,
    /// <summary>穿衣</summary>
    Dressing,
    /// <summary>如厕</summary>
    Toileting,
    /// <summary>活动</summary>
    Moving,
}

/// <summary>The level an elder is at on one item, and also the band of the total.</summary>
public enum SelfCareLevel
{
    /// <summary>可自理</summary>
    Independent,
    /// <summary>轻度依赖</summary>
    MildlyDependent,
    /// <summary>中度依赖</summary>
    ModeratelyDependent,
    /// <summary>不能自理</summary>
    Dependent,
}

public static class SelfCareNames
{
    public static string ToChinese(this SelfCareItem item) => item switch
    {
        SelfCareItem.Eating => "进餐",
        SelfCareItem.Grooming => "梳洗",
        SelfCareItem.Dressing => "穿衣",
        SelfCareItem.Toileting => "如厕",
        SelfCareItem.Moving => "活动",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    public static string ToChinese(this SelfCareLevel level) => level switch
    {
        SelfCareLevel.Independent => "可自理",
        SelfCareLevel.MildlyDependent => "轻度依赖",
        SelfCareLevel.ModeratelyDependent => "中度依赖",
        SelfCareLevel.Dependent => "不能自理",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };
}

/// <summary>
/// 老年人生活自理能力评估表 (the self-care scale of the annual exam): five items, each scored by the level the
/// elder is at; the total's band is 0–3 可自理, 4–8 轻度依赖, 9–18 中度依赖, ≥ 19 不能自理 (DOMAIN.md).
/// A higher total is worse (0–37).
/// </summary>
public sealed class SelfCareAssessment
{
    /// <summary>Points by item and level (columns: 可自理, 轻度依赖, 中度依赖, 不能自理), exactly DOMAIN.md's table.</summary>
    private static readonly IReadOnlyDictionary<SelfCareItem, int[]> PointTable = new Dictionary<SelfCareItem, int[]>
    {
        [SelfCareItem.Eating] = [0, 0, 3, 5],
        [SelfCareItem.Grooming] = [0, 1, 3, 7],
        [SelfCareItem.Dressing] = [0, 0, 3, 5],
        [SelfCareItem.Toileting] = [0, 1, 5, 10],
        [SelfCareItem.Moving] = [0, 1, 5, 10],
    };

    private SelfCareAssessment(IReadOnlyDictionary<SelfCareItem, SelfCareLevel> answers)
    {
        Answers = answers;
        Total = answers.Sum(a => PointsFor(a.Key, a.Value));
        Band = BandOf(Total);
    }

    public IReadOnlyDictionary<SelfCareItem, SelfCareLevel> Answers { get; }
    public int Total { get; }
    public SelfCareLevel Band { get; }

    public static int PointsFor(SelfCareItem item, SelfCareLevel level)
    {
        if (!PointTable.TryGetValue(item, out var row))
            throw new ArgumentOutOfRangeException(nameof(item), item, null);
        if (level is < SelfCareLevel.Independent or > SelfCareLevel.Dependent)
            throw new ArgumentOutOfRangeException(nameof(level), level, null);
        return row[(int)level];
    }

    public static SelfCareLevel BandOf(int total) => total switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(total), total, "A self-care total is never negative."),
        <= 3 => SelfCareLevel.Independent,
        <= 8 => SelfCareLevel.MildlyDependent,
        <= 18 => SelfCareLevel.ModeratelyDependent,
        _ => SelfCareLevel.Dependent,
    };

    /// <summary>Scores a complete answer set; refuses one that leaves items out, naming them.</summary>
    public static SelfCareAssessment Score(IReadOnlyDictionary<SelfCareItem, SelfCareLevel> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var missing = Enum.GetValues<SelfCareItem>().Where(i => !answers.ContainsKey(i)).ToList();
        if (missing.Count > 0)
            throw new DomainException("self-care.incomplete",
                $"生活自理能力评估未完成，缺少以下项目：{string.Join("、", missing.Select(m => m.ToChinese()))}。");
        var unknown = answers.Keys.Where(k => !Enum.IsDefined(k)).ToList();
        if (unknown.Count > 0 || answers.Values.Any(v => !Enum.IsDefined(v)))
            throw new DomainException("self-care.unknown-answer", "生活自理能力评估含有无效的项目或等级。");
        return new SelfCareAssessment(new Dictionary<SelfCareItem, SelfCareLevel>(answers));
    }
}
