namespace CareTeams.Domain.Assessments.Tcm;

/// <summary>
/// The nine constitution types of 老年版中医体质分类与判定: 平和质 (balanced) and eight biased (偏颇) types.
/// </summary>
public enum ConstitutionType
{
    /// <summary>平和质</summary>
    Balanced,
    /// <summary>气虚质</summary>
    QiDeficiency,
    /// <summary>阳虚质</summary>
    YangDeficiency,
    /// <summary>阴虚质</summary>
    YinDeficiency,
    /// <summary>痰湿质</summary>
    PhlegmDampness,
    /// <summary>湿热质</summary>
    DampHeat,
    /// <summary>血瘀质</summary>
    BloodStasis,
    /// <summary>气郁质</summary>
    QiStagnation,
    /// <summary>特禀质</summary>
    Inherited,
}

public static class ConstitutionTypes
{
    /// <summary>The eight biased types, in the form's order.</summary>
    public static readonly IReadOnlyList<ConstitutionType> Biased =
    [
        ConstitutionType.QiDeficiency,
        ConstitutionType.YangDeficiency,
        ConstitutionType.YinDeficiency,
        ConstitutionType.PhlegmDampness,
        ConstitutionType.DampHeat,
        ConstitutionType.BloodStasis,
        ConstitutionType.QiStagnation,
        ConstitutionType.Inherited,
    ];

    /// <summary>All nine types: the eight biased types, then 平和质.</summary>
    public static readonly IReadOnlyList<ConstitutionType> All = [.. Biased, ConstitutionType.Balanced];

    public static bool IsBiased(this ConstitutionType type) => type != ConstitutionType.Balanced;

    /// <summary>The Chinese name shown to users, e.g. 气虚质.</summary>
    public static string ChineseName(this ConstitutionType type) => type switch
    {
        ConstitutionType.Balanced => "平和质",
        ConstitutionType.QiDeficiency => "气虚质",
        ConstitutionType.YangDeficiency => "阳虚质",
        ConstitutionType.YinDeficiency => "阴虚质",
        ConstitutionType.PhlegmDampness => "痰湿质",
        ConstitutionType.DampHeat => "湿热质",
        ConstitutionType.BloodStasis => "血瘀质",
        ConstitutionType.QiStagnation => "气郁质",
        ConstitutionType.Inherited => "特禀质",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
