namespace CareTeams.Domain.Assessments;

/// <summary>The four first-level dimensions (一级指标) of GB/T 42195-2022.</summary>
public enum AbilityDimension
{
    /// <summary>自理能力</summary>
    SelfCare,
    /// <summary>基础运动能力</summary>
    BasicMobility,
    /// <summary>精神状态</summary>
    MentalState,
    /// <summary>感知觉与社会参与</summary>
    PerceptionAndSocialParticipation,
}

/// <summary>
/// One answer option of one item of the ability assessment form. <paramref name="IsComa"/> marks the option that
/// means the elder is in a coma (意识水平: 昏迷), which makes the result level 4 whatever the score.
/// </summary>
public sealed record AbilityOption(
    string ItemCode, AbilityDimension Dimension, string ItemName, string OptionText, int Points, bool IsComa = false);

/// <summary>One item (二级指标) of the form, with its options, highest points first.</summary>
public sealed record AbilityItem(string Code, AbilityDimension Dimension, string Name, IReadOnlyList<AbilityOption> Options)
{
    public int MaxPoints => Options.Max(o => o.Points);
    public int MinPoints => Options.Min(o => o.Points);
    public bool Allows(int points) => Options.Any(o => o.Points == points);
}

/// <summary>
/// The 老年人能力评估表 of GB/T 42195-2022 (附录 B) as ONE data table: item code, dimension, item name, option text,
/// points. 26 items in 4 dimensions, 90 points in all (自理能力 32, 基础运动能力 15, 精神状态 28, 感知觉与社会参与 15);
/// a higher score is better ability. A province's variant of the form is a change to <see cref="Table"/> only.
/// </summary>
/// <remarks>
/// The option texts are CareTeams' own short Chinese descriptions of each level, written after the standard's form:
/// the standard's exact wording could not be retrieved when this table was written (the search found only
/// secondary sources of the older MZ/T 039-2013 form), so the texts are faithful paraphrases, NOT quotations.
/// Check them against the published standard before printing the form. The points, items and dimensions are
/// those of DOMAIN.md and are checked by tests. Item codes follow the form's order: B.1.x 自理能力,
/// B.2.x 基础运动能力, B.3.x 精神状态, B.4.x 感知觉与社会参与.
/// </remarks>
public static class AbilityScale
{
    private const AbilityDimension Sc = AbilityDimension.SelfCare;
    private const AbilityDimension Mo = AbilityDimension.BasicMobility;
    private const AbilityDimension Me = AbilityDimension.MentalState;
    private const AbilityDimension Pe = AbilityDimension.PerceptionAndSocialParticipation;

    // Paraphrased option texts (see remarks): not the standard's verbatim wording.
    public static readonly IReadOnlyList<AbilityOption> Table =
    [
        // ── 自理能力 (each 0–4) ──
        new("B.1.1", Sc, "进食", "独立使用餐具将食物送进口中并咽下，无呛咳", 4),
        new("B.1.1", Sc, "进食", "需他人指导或提示，或独立使用辅具完成，无呛咳", 3),
        new("B.1.1", Sc, "进食", "需少量接触式协助，偶有呛咳（每月1次及以上）", 2),
        new("B.1.1", Sc, "进食", "需大量接触式协助，经常呛咳（每周1次及以上）", 1),
        new("B.1.1", Sc, "进食", "完全依赖他人喂食，或吞咽困难，或留置营养管", 0),

        new("B.1.2", Sc, "修饰", "独立完成洗脸、刷牙、梳头、剃须、剪指甲等，无需协助", 4),
        new("B.1.2", Sc, "修饰", "需他人指导或提示下完成", 3),
        new("B.1.2", Sc, "修饰", "需他人协助，但以自己完成为主", 2),
        new("B.1.2", Sc, "修饰", "主要依靠他人协助，自己能配合", 1),
        new("B.1.2", Sc, "修饰", "完全依赖他人，且不能配合", 0),

        new("B.1.3", Sc, "洗澡", "独立完成洗澡（含擦干身体），无需协助", 4),
        new("B.1.3", Sc, "洗澡", "需他人指导或提示下完成", 3),
        new("B.1.3", Sc, "洗澡", "需他人协助，但以自己完成为主", 2),
        new("B.1.3", Sc, "洗澡", "主要依靠他人协助，自己能配合", 1),
        new("B.1.3", Sc, "洗澡", "完全依赖他人，且不能配合", 0),

        new("B.1.4", Sc, "穿/脱上衣", "独立穿脱上衣（含扣扣子、拉拉链），无需协助", 4),
        new("B.1.4", Sc, "穿/脱上衣", "需他人指导或提示下完成", 3),
        new("B.1.4", Sc, "穿/脱上衣", "需他人协助，但以自己完成为主", 2),
        new("B.1.4", Sc, "穿/脱上衣", "主要依靠他人协助，自己能配合", 1),
        new("B.1.4", Sc, "穿/脱上衣", "完全依赖他人，且不能配合", 0),

        new("B.1.5", Sc, "穿/脱裤子和鞋袜", "独立穿脱裤子和鞋袜，无需协助", 4),
        new("B.1.5", Sc, "穿/脱裤子和鞋袜", "需他人指导或提示下完成", 3),
        new("B.1.5", Sc, "穿/脱裤子和鞋袜", "需他人协助，但以自己完成为主", 2),
        new("B.1.5", Sc, "穿/脱裤子和鞋袜", "主要依靠他人协助，自己能配合", 1),
        new("B.1.5", Sc, "穿/脱裤子和鞋袜", "完全依赖他人，且不能配合", 0),

        new("B.1.6", Sc, "小便控制", "能自行控制排尿，次数与控制均正常", 4),
        new("B.1.6", Sc, "小便控制", "白天能控制，夜间次数增多或控制较差，或自行使用尿垫等", 3),
        new("B.1.6", Sc, "小便控制", "偶有尿失禁（每周多于1次、每天少于1次），或需少量协助使用尿垫等", 2),
        new("B.1.6", Sc, "小便控制", "白天大部分时间不能控制（每天1次及以上），或需大量协助使用尿垫等", 1),
        new("B.1.6", Sc, "小便控制", "完全不能控制排尿，或留置导尿管", 0),

        new("B.1.7", Sc, "大便控制", "能自行控制排便，无失禁", 4),
        new("B.1.7", Sc, "大便控制", "偶有便秘或控制较差，能自行处理或自行使用辅助用物", 3),
        new("B.1.7", Sc, "大便控制", "偶有大便失禁（每周少于1次），或需少量协助处理", 2),
        new("B.1.7", Sc, "大便控制", "经常大便失禁（每周1次及以上），或需大量协助处理", 1),
        new("B.1.7", Sc, "大便控制", "完全不能控制排便，或需他人完全协助排便", 0),

        new("B.1.8", Sc, "如厕", "独立如厕、排泄后清洁并整理衣裤，无需协助", 4),
        new("B.1.8", Sc, "如厕", "需他人指导或提示下完成", 3),
        new("B.1.8", Sc, "如厕", "需他人协助，但以自己完成为主", 2),
        new("B.1.8", Sc, "如厕", "主要依靠他人协助，自己能配合", 1),
        new("B.1.8", Sc, "如厕", "完全依赖他人，且不能配合", 0),

        // ── 基础运动能力 (床上体位转移、床椅转移、平地行走 0–4；上下楼梯 0–3) ──
        new("B.2.1", Mo, "床上体位转移", "独立完成翻身、坐起和躺下，无需协助", 4),
        new("B.2.1", Mo, "床上体位转移", "需他人指导或提示下完成", 3),
        new("B.2.1", Mo, "床上体位转移", "需他人协助，但以自己完成为主", 2),
        new("B.2.1", Mo, "床上体位转移", "主要依靠他人协助，自己能配合", 1),
        new("B.2.1", Mo, "床上体位转移", "完全依赖他人，且不能配合", 0),

        new("B.2.2", Mo, "床椅转移", "独立在床与椅（轮椅）之间转移，无需协助", 4),
        new("B.2.2", Mo, "床椅转移", "需他人指导或提示下完成", 3),
        new("B.2.2", Mo, "床椅转移", "需他人协助，但以自己完成为主", 2),
        new("B.2.2", Mo, "床椅转移", "主要依靠他人协助，自己能配合", 1),
        new("B.2.2", Mo, "床椅转移", "完全依赖他人，且不能配合", 0),

        new("B.2.3", Mo, "平地行走", "独立平地步行约50米，无需协助，无摔倒风险", 4),
        new("B.2.3", Mo, "平地行走", "能步行约50米，但有摔倒风险需监护或指导，或需使用拐杖、助行器", 3),
        new("B.2.3", Mo, "平地行走", "步行时需他人少量扶持", 2),
        new("B.2.3", Mo, "平地行走", "步行时需他人大量扶持", 1),
        new("B.2.3", Mo, "平地行走", "完全不能步行", 0),

        new("B.2.4", Mo, "上下楼梯", "独立上下楼梯（连续10～15级台阶），无需协助", 3),
        new("B.2.4", Mo, "上下楼梯", "需他人指导或提示下完成", 2),
        new("B.2.4", Mo, "上下楼梯", "需他人协助，但以自己完成为主", 1),
        new("B.2.4", Mo, "上下楼梯", "主要依靠他人协助或完全依赖他人，或不能上下楼梯", 0),

        // ── 精神状态 (定向、记忆、理解、表达 0–4；攻击行为 0–1；抑郁症状 0–1；意识水平 0–2) ──
        new("B.3.1", Me, "时间定向", "时间观念清楚，知道年、月，日期或星期几最多差一天", 4),
        new("B.3.1", Me, "时间定向", "时间观念有所下降，年、月、日（星期几）不能全部分清", 3),
        new("B.3.1", Me, "时间定向", "时间观念较差，年、月、日不清，能知道季节或上/下半年", 2),
        new("B.3.1", Me, "时间定向", "时间观念很差，只能分清上午/下午或白天/夜间", 1),
        new("B.3.1", Me, "时间定向", "无时间观念", 0),

        new("B.3.2", Me, "空间定向", "能在日常生活范围内单独外出并返回", 4),
        new("B.3.2", Me, "空间定向", "不能单独外出，但能准确说出自己住处的地址", 3),
        new("B.3.2", Me, "空间定向", "不能单独外出，知道较多有关住处的地址信息", 2),
        new("B.3.2", Me, "空间定向", "不能单独外出，只知道很少的住处信息", 1),
        new("B.3.2", Me, "空间定向", "不能单独外出，无空间观念", 0),

        new("B.3.3", Me, "人物定向", "认识长期一起生活的人，能称呼并知道关系", 4),
        new("B.3.3", Me, "人物定向", "认识大部分一起生活的人，能称呼或知道关系", 3),
        new("B.3.3", Me, "人物定向", "只认识部分同住亲人或照护者", 2),
        new("B.3.3", Me, "人物定向", "只认识自己或极少数同住亲人、照护者", 1),
        new("B.3.3", Me, "人物定向", "不认识任何人（包括自己）", 0),

        new("B.3.4", Me, "记忆", "记忆力与年龄相称，能完整回忆", 4),
        new("B.3.4", Me, "记忆", "轻度记忆障碍：不能回忆即时信息（如5分钟后3个词只记得0～1个）", 3),
        new("B.3.4", Me, "记忆", "中度记忆障碍：不能回忆近期事情（如上一顿饭吃了什么）", 2),
        new("B.3.4", Me, "记忆", "重度记忆障碍：不能回忆远期事情（如老朋友）", 1),
        new("B.3.4", Me, "记忆", "记忆完全紊乱，完全不能回忆既往事物", 0),

        new("B.3.5", Me, "理解能力", "能正常理解他人的话", 4),
        new("B.3.5", Me, "理解能力", "能理解他人的话，但需要更多时间", 3),
        new("B.3.5", Me, "理解能力", "理解有困难，需反复或简化表达", 2),
        new("B.3.5", Me, "理解能力", "理解有严重困难，需大量帮助", 1),
        new("B.3.5", Me, "理解能力", "完全不能理解他人的话", 0),

        new("B.3.6", Me, "表达能力", "能正常表达自己的想法", 4),
        new("B.3.6", Me, "表达能力", "能表达自己的需要，但需要更多时间", 3),
        new("B.3.6", Me, "表达能力", "表达有困难，需反复或简化表达", 2),
        new("B.3.6", Me, "表达能力", "表达有严重困难，需大量帮助", 1),
        new("B.3.6", Me, "表达能力", "完全不能表达需要", 0),

        new("B.3.7", Me, "攻击行为", "近一个月内未出现身体或语言攻击行为", 1),
        new("B.3.7", Me, "攻击行为", "近一个月内出现过身体或语言攻击行为（打、推、咬、骂人、威胁、尖叫等）", 0),

        new("B.3.8", Me, "抑郁症状", "近一个月内未出现抑郁症状", 1),
        new("B.3.8", Me, "抑郁症状", "近一个月内出现过情绪低落、兴趣减退等抑郁症状，甚至有自杀念头或行为", 0),

        new("B.3.9", Me, "意识水平", "神志清醒，对周围环境能做出正确反应", 2),
        new("B.3.9", Me, "意识水平", "嗜睡或意识模糊：可被唤醒，但定向、理解、记忆有障碍", 1),
        new("B.3.9", Me, "意识水平", "昏睡：一般刺激不能唤醒，强刺激可短暂清醒", 0),
        new("B.3.9", Me, "意识水平", "昏迷：意识丧失，呼之不应，对一般刺激无反应", 0, IsComa: true),

        // ── 感知觉与社会参与 (视力 0–2，听力 0–2，执行日常事务 0–4，使用交通工具外出 0–3，社会交往能力 0–4) ──
        new("B.4.1", Pe, "视力", "视力正常，能看清书报上的标准字体", 2),
        new("B.4.1", Pe, "视力", "视力有限：看不清标准字体或报纸标题，但能辨认物体", 1),
        new("B.4.1", Pe, "视力", "只能看到光、颜色和形状，或完全失明", 0),

        new("B.4.2", Pe, "听力", "听力正常", 2),
        new("B.4.2", Pe, "听力", "听力下降：轻声或2米外听不清，需安静环境或大声说话", 1),
        new("B.4.2", Pe, "听力", "大声且缓慢说话才能部分听见，或完全失聪", 0),

        new("B.4.3", Pe, "执行日常事务", "能独立计划、安排并完成日常事务（洗衣、小额购物、服药等）", 4),
        new("B.4.3", Pe, "执行日常事务", "需他人监护或指导", 3),
        new("B.4.3", Pe, "执行日常事务", "需他人少量协助", 2),
        new("B.4.3", Pe, "执行日常事务", "需他人大量协助", 1),
        new("B.4.3", Pe, "执行日常事务", "完全依赖他人", 0),

        new("B.4.4", Pe, "使用交通工具外出", "能自己骑车或乘坐公共交通工具外出", 3),
        new("B.4.4", Pe, "使用交通工具外出", "能自己乘出租车，但不会乘坐其他公共交通工具", 2),
        new("B.4.4", Pe, "使用交通工具外出", "有人协助或陪伴时能乘坐公共交通工具外出", 1),
        new("B.4.4", Pe, "使用交通工具外出", "只能在他人协助下乘出租车或私家车外出，或完全不能外出", 0),

        new("B.4.5", Pe, "社会交往能力", "能参与社会，适应环境，待人接物恰当", 4),
        new("B.4.5", Pe, "社会交往能力", "能适应简单环境，主动与人接触，但不能理解隐喻", 3),
        new("B.4.5", Pe, "社会交往能力", "脱离社会，可被动接触，不主动待人，易上当受骗", 2),
        new("B.4.5", Pe, "社会交往能力", "勉强可与人接触，谈吐不清，表情不恰当", 1),
        new("B.4.5", Pe, "社会交往能力", "不能与人交往", 0),
    ];

    /// <summary>The items in form order, built from <see cref="Table"/>.</summary>
    public static readonly IReadOnlyList<AbilityItem> Items = Table
        .GroupBy(o => o.ItemCode)
        .Select(g => new AbilityItem(g.Key, g.First().Dimension, g.First().ItemName,
            g.OrderByDescending(o => o.Points).ToList()))
        .ToList();

    private static readonly IReadOnlyDictionary<string, AbilityItem> ByCode = Items.ToDictionary(i => i.Code);

    /// <summary>The 意识水平 item, whose 昏迷 option overrides the score.</summary>
    public const string ConsciousnessItemCode = "B.3.9";

    public static AbilityItem Item(string code) =>
        ByCode.TryGetValue(code, out var item) ? item : throw new ArgumentException($"No ability item {code}.", nameof(code));

    public static bool TryGetItem(string code, out AbilityItem item) => ByCode.TryGetValue(code, out item!);

    public static int MaxOf(AbilityDimension dimension) => Items.Where(i => i.Dimension == dimension).Sum(i => i.MaxPoints);

    public static int MaxTotal => Items.Sum(i => i.MaxPoints);

    public static string ToChinese(this AbilityDimension dimension) => dimension switch
    {
        AbilityDimension.SelfCare => "自理能力",
        AbilityDimension.BasicMobility => "基础运动能力",
        AbilityDimension.MentalState => "精神状态",
        AbilityDimension.PerceptionAndSocialParticipation => "感知觉与社会参与",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };
}
