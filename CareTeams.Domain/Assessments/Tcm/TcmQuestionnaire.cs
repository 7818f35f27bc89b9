using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments.Tcm;

/// <summary>One question of the form; <see cref="AnswerLabels"/>[i] is the label of answer i + 1.</summary>
public sealed record TcmItem(int Number, string Text, IReadOnlyList<string> AnswerLabels)
{
    /// <summary>Whether the item has its own anchors instead of the five standard labels (items 9, 14, 17, 28).</summary>
    public bool HasSpecialAnchors => !ReferenceEquals(AnswerLabels, TcmQuestionnaire.StandardAnswerLabels);
}

/// <summary>One item counted in a type's sum; a reverse-scored item counts 6 − answer.</summary>
public sealed record TcmTypeItem(int Number, bool ReverseScored = false);

/// <summary>
/// 老年人中医药健康管理服务记录表 (老年版中医体质分类与判定): 33 items, each answered about the past year on
/// five levels scored 1–5. Everything here is data, so a province's variant is a data change.
/// </summary>
public static class TcmQuestionnaire
{
    public const int ItemCount = 33;
    public const int MinAnswer = 1;
    public const int MaxAnswer = 5;

    /// <summary>The five standard answers, scored 1–5.</summary>
    public static readonly IReadOnlyList<string> StandardAnswerLabels =
        ["没有（根本不）", "很少（有一点）", "有时（有些）", "经常（相当）", "总是（非常）"];

    /// <summary>Item 9 (身体沉重) is anchored on BMI (kg/m²).</summary>
    public static readonly IReadOnlyList<string> Item9Anchors =
        ["BMI＜24", "24≤BMI＜25", "25≤BMI＜26", "26≤BMI＜28", "BMI≥28"];

    /// <summary>Item 14 (感冒) is anchored on colds a year.</summary>
    public static readonly IReadOnlyList<string> Item14Anchors =
        ["一年感冒少于2次", "一年感冒2～4次", "一年感冒5～6次", "一年感冒8次以上", "几乎每月都感冒"];

    /// <summary>Item 17 (过敏) is anchored on allergic episodes a year.</summary>
    public static readonly IReadOnlyList<string> Item17Anchors =
        ["从来没有", "一年1～2次", "一年3～4次", "一年5～6次", "每次遇到上述原因都过敏"];

    /// <summary>Item 28 (腹部肥大) is anchored on waist circumference (cm).</summary>
    public static readonly IReadOnlyList<string> Item28Anchors =
        ["腹围＜80cm", "腹围80～85cm", "腹围86～90cm", "腹围91～105cm", "腹围＞105cm"];

    // Wording: the standard form's questions (《国家基本公共卫生服务规范（第三版）》老年人中医药健康管理服务记录表),
    // checked against published copies of the form for items 2–32. Items 1 and 33 could only be partly
    // confirmed by the search (item 1's note "精神头足，乐于做事" was seen; item 33 was not found) and are
    // written from the standard's well-known wording — have them checked against the printed form.
    public static readonly IReadOnlyList<TcmItem> Items =
    [
        Standard(1, "您精力充沛吗？（指精神头足，乐于做事）"), // wording partly confirmed, see above
        Standard(2, "您容易疲乏吗？（指体力如何，是否稍微活动一下或做一点家务劳动就感到累）"),
        Standard(3, "您容易气短，呼吸短促，接不上气吗？"),
        Standard(4, "您说话声音低弱无力吗？（指说话没有力气）"),
        Standard(5, "您感到闷闷不乐、情绪低沉吗？（指心情不愉快，情绪低落）"),
        Standard(6, "您容易精神紧张、焦虑不安吗？（指遇事是否心情紧张）"),
        Standard(7, "您因为生活状态改变而感到孤独、失落吗？"),
        Standard(8, "您容易感到害怕或受到惊吓吗？"),
        new(9, "您感到身体超重不轻松吗？（感觉身体沉重）[BMI指数＝体重（kg）/身高²（m²）]", Item9Anchors),
        Standard(10, "您眼睛干涩吗？"),
        Standard(11, "您手脚发凉吗？（不包含因周围温度低或穿得少导致的手脚发冷）"),
        Standard(12, "您胃脘部、背部或腰膝部怕冷吗？（指上腹部、背部、腰部或膝关节等，有一处或多处怕冷）"),
        Standard(13, "您比一般人耐受不了寒冷吗？（指比别人容易害怕冬天或是夏天的冷空调、电扇等）"),
        new(14, "您容易患感冒吗？（指每年感冒的次数）", Item14Anchors),
        Standard(15, "您没有感冒时也会鼻塞、流鼻涕吗？"),
        Standard(16, "您有口黏口腻，或睡眠打鼾吗？"),
        new(17, "您容易过敏（对药物、食物、气味、花粉或在季节交替、气候变化时）吗？", Item17Anchors),
        Standard(18, "您的皮肤容易起荨麻疹吗？（包括风团、风疹块、风疙瘩）"),
        Standard(19, "您的皮肤在不知不觉中会出现青紫瘀斑、皮下出血吗？（指皮肤在没有外伤的情况下出现青一块紫一块的情况）"),
        Standard(20, "您的皮肤一抓就红，并出现抓痕吗？（指被指甲或钝物划过后皮肤的反应）"),
        Standard(21, "您皮肤或口唇干吗？"),
        Standard(22, "您有肢体麻木或固定部位疼痛的感觉吗？"),
        Standard(23, "您面部或鼻部有油腻感或者油亮发光吗？（指脸上或鼻子）"),
        Standard(24, "您面色或目眶晦黯，或出现褐色斑块/斑点吗？"),
        Standard(25, "您有皮肤湿疹、疮疖吗？"),
        Standard(26, "您感到口干咽燥、总想喝水吗？"),
        Standard(27, "您感到口苦或嘴里有异味吗？（指口苦或口臭）"),
        new(28, "您腹部肥大吗？（指腹部脂肪肥厚）", Item28Anchors),
        Standard(29, "您吃（喝）凉的东西会感到不舒服或者怕吃（喝）凉的东西吗？（指不喜欢吃凉的食物，或吃了凉的食物后会不舒服）"),
        Standard(30, "您有大便黏滞不爽、解不尽的感觉吗？（大便容易粘在马桶或便坑壁上）"),
        Standard(31, "您容易大便干燥吗？"),
        Standard(32, "您舌苔厚腻或有舌苔厚厚的感觉吗？（如果自我感觉不清楚可由调查员观察后填写）"),
        Standard(33, "您舌下静脉瘀紫或增粗吗？（可由调查员辅助观察后填写）"), // not found by the search, see above
    ];

    private static readonly IReadOnlyDictionary<ConstitutionType, IReadOnlyList<TcmTypeItem>> TypeItems =
        new Dictionary<ConstitutionType, IReadOnlyList<TcmTypeItem>>
        {
            [ConstitutionType.QiDeficiency] = [new(2), new(3), new(4), new(14)],
            [ConstitutionType.YangDeficiency] = [new(11), new(12), new(13), new(29)],
            [ConstitutionType.YinDeficiency] = [new(10), new(21), new(26), new(31)],
            [ConstitutionType.PhlegmDampness] = [new(9), new(16), new(28), new(32)],
            [ConstitutionType.DampHeat] = [new(23), new(25), new(27), new(30)],
            [ConstitutionType.BloodStasis] = [new(19), new(22), new(24), new(33)],
            [ConstitutionType.QiStagnation] = [new(5), new(6), new(7), new(8)],
            [ConstitutionType.Inherited] = [new(15), new(17), new(18), new(20)],
            [ConstitutionType.Balanced] = [new(1), new(2, true), new(4, true), new(5, true), new(13, true)],
        };

    /// <summary>The items summed for a type (four for a biased type; five for 平和质, four of them reverse-scored).</summary>
    public static IReadOnlyList<TcmTypeItem> ItemsOf(ConstitutionType type) => TypeItems[type];

    public static TcmItem Item(int number) =>
        number is >= 1 and <= ItemCount
            ? Items[number - 1]
            : throw new ArgumentOutOfRangeException(nameof(number), number, "题号应在1到33之间。");

    /// <summary>
    /// The answer the form proposes for item 9 from a measured BMI: &lt; 24 → 1; 24 ≤ BMI &lt; 25 → 2;
    /// 25 ≤ BMI &lt; 26 → 3; 26 ≤ BMI &lt; 28 → 4; BMI ≥ 28 → 5. Each band includes its lower edge.
    /// </summary>
    public static int ProposeAnswerForItem9(decimal bmi)
    {
        if (bmi <= 0)
            throw new DomainException("tcm.item9.bmi_invalid", "体质指数（BMI）必须大于0，无法据此推荐第9题的答案。");
        return bmi switch
        {
            < 24m => 1,
            < 25m => 2,
            < 26m => 3,
            < 28m => 4,
            _ => 5,
        };
    }

    /// <summary>
    /// The answer the form proposes for item 28 from a measured waist (cm). The form's bands are written in
    /// whole centimetres (&lt; 80 / 80–85 / 86–90 / 91–105 / &gt; 105), which leaves gaps for a fractional
    /// measurement (85–86, 90–91). Interpretation: every written edge is kept exactly as printed, and a
    /// value in a gap belongs to the lower band, i.e.
    /// waist &lt; 80 → 1; 80 ≤ waist &lt; 86 → 2; 86 ≤ waist &lt; 91 → 3; 91 ≤ waist ≤ 105 → 4; waist &gt; 105 → 5.
    /// So 85 and 85.5 → 2, 86 → 3, 90 and 90.5 → 3, 91 → 4, 105 → 4, 105.1 → 5.
    /// </summary>
    public static int ProposeAnswerForItem28(decimal waistCm)
    {
        if (waistCm <= 0)
            throw new DomainException("tcm.item28.waist_invalid", "腰围必须大于0厘米，无法据此推荐第28题的答案。");
        return waistCm switch
        {
            < 80m => 1,
            < 86m => 2,
            < 91m => 3,
            <= 105m => 4,
            _ => 5,
        };
    }

    private static TcmItem Standard(int number, string text) => new(number, text, StandardAnswerLabels);
}
