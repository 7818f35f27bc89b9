namespace CareTeams.Domain.Residents;

/// <summary>
/// Key populations (重点人群). A resident may carry several. <see cref="Elderly65"/> and
/// <see cref="Child0To6"/> are derived from the date of birth and never stored;
/// <see cref="Disabled"/> (失能) is set from the latest ability assessment, never typed by hand.
/// </summary>
[Flags]
public enum KeyPopulation
{
    None = 0,
    Elderly65 = 1 << 0,
    Child0To6 = 1 << 1,
    Hypertension = 1 << 2,
    Type2Diabetes = 1 << 3,
    SevereMentalDisorder = 1 << 4,
    Tuberculosis = 1 << 5,
    Maternal = 1 << 6,
    PersonWithDisability = 1 << 7,
    FamilyPlanningSpecial = 1 << 8,
    LowIncome = 1 << 9,
    ExtremePovertySupport = 1 << 10,
    Disabled = 1 << 11,
}

public static class KeyPopulations
{
    /// <summary>Tags computed from the date of birth.</summary>
    public const KeyPopulation Derived = KeyPopulation.Elderly65 | KeyPopulation.Child0To6;

    /// <summary>Tags staff record on the resident form.</summary>
    public const KeyPopulation HandRecorded =
        KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes | KeyPopulation.SevereMentalDisorder |
        KeyPopulation.Tuberculosis | KeyPopulation.Maternal | KeyPopulation.PersonWithDisability |
        KeyPopulation.FamilyPlanningSpecial | KeyPopulation.LowIncome | KeyPopulation.ExtremePovertySupport;

    /// <summary>Every tag, in the order reports list them.</summary>
    public static readonly IReadOnlyList<KeyPopulation> All =
    [
        KeyPopulation.Elderly65, KeyPopulation.Child0To6, KeyPopulation.Hypertension, KeyPopulation.Type2Diabetes,
        KeyPopulation.SevereMentalDisorder, KeyPopulation.Tuberculosis, KeyPopulation.Maternal,
        KeyPopulation.PersonWithDisability, KeyPopulation.FamilyPlanningSpecial, KeyPopulation.LowIncome,
        KeyPopulation.ExtremePovertySupport, KeyPopulation.Disabled,
    ];

    /// <summary>The Chinese name of one tag, as the policy documents write it.</summary>
    public static string ChineseName(KeyPopulation tag) => tag switch
    {
        KeyPopulation.Elderly65 => "老年人",
        KeyPopulation.Child0To6 => "0–6岁儿童",
        KeyPopulation.Hypertension => "高血压",
        KeyPopulation.Type2Diabetes => "2型糖尿病",
        KeyPopulation.SevereMentalDisorder => "严重精神障碍",
        KeyPopulation.Tuberculosis => "肺结核",
        KeyPopulation.Maternal => "孕产妇",
        KeyPopulation.PersonWithDisability => "残疾人",
        KeyPopulation.FamilyPlanningSpecial => "计划生育特殊家庭",
        KeyPopulation.LowIncome => "脱贫人口/低收入",
        KeyPopulation.ExtremePovertySupport => "特困供养",
        KeyPopulation.Disabled => "失能",
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, "Name one tag at a time."),
    };

    /// <summary>Reads a Chinese tag name (as in the import template); null when unknown.</summary>
    public static KeyPopulation? FromChineseName(string name)
    {
        var trimmed = name.Trim();
        foreach (var tag in All)
        {
            if (ChineseName(tag) == trimmed)
                return tag;
        }
        return trimmed switch
        {
            "65岁及以上老年人" or "老年人(65+)" or "65+" => KeyPopulation.Elderly65,
            "糖尿病" => KeyPopulation.Type2Diabetes,
            "脱贫人口" or "低收入" or "低收入人口" => KeyPopulation.LowIncome,
            _ => null,
        };
    }

    /// <summary>The separate tags in a set, in report order.</summary>
    public static IEnumerable<KeyPopulation> Split(KeyPopulation tags) => All.Where(t => (tags & t) != 0);

    /// <summary>A set of tags as Chinese text joined with 、.</summary>
    public static string ChineseNames(KeyPopulation tags) => string.Join("、", Split(tags).Select(ChineseName));
}
