namespace CareTeams.Domain.Assessments.Tcm;

/// <summary>Guidance for one type under the form's five headings.</summary>
public sealed record TcmGuidanceText(
    ConstitutionType Type,
    string Emotion,
    string Diet,
    string DailyLife,
    string Exercise,
    string Acupoints)
{
    /// <summary>(heading, text) in the form's order: 情志调摄, 饮食调养, 起居调摄, 运动保健, 穴位保健.</summary>
    public IReadOnlyList<(string Heading, string Text)> Sections =>
    [
        (TcmGuidance.EmotionHeading, Emotion),
        (TcmGuidance.DietHeading, Diet),
        (TcmGuidance.DailyLifeHeading, DailyLife),
        (TcmGuidance.ExerciseHeading, Exercise),
        (TcmGuidance.AcupointsHeading, Acupoints),
    ];
}

/// <summary>
/// Standard TCM health guidance (中医药保健指导) per constitution type, following the usual content of the
/// 老年人中医药健康管理 technical specification. Given by a physician with TCM training, who may add to it.
/// </summary>
public static class TcmGuidance
{
    public const string EmotionHeading = "情志调摄";
    public const string DietHeading = "饮食调养";
    public const string DailyLifeHeading = "起居调摄";
    public const string ExerciseHeading = "运动保健";
    public const string AcupointsHeading = "穴位保健";

    private static readonly IReadOnlyDictionary<ConstitutionType, TcmGuidanceText> ByType =
        new TcmGuidanceText[]
        {
            new(ConstitutionType.Balanced,
                "保持乐观开朗、情绪稳定，不过喜过悲，遇事从容。",
                "饮食有节，粗细搭配、荤素均衡，不偏寒偏热，少食过于油腻辛辣之物。",
                "起居有常，劳逸结合，顺应四时增减衣被，保证充足睡眠。",
                "根据年龄和体力选择散步、太极拳、八段锦等，量力而行、持之以恒。",
                "涌泉、足三里：每日用拇指按揉各穴2～3分钟，足三里也可艾灸。"),
            new(ConstitutionType.QiDeficiency,
                "多参加有益的社交活动，避免过度思虑和悲伤，保持心情舒畅。",
                "宜食益气健脾之品，如黄豆、山药、大枣、小米、鸡肉；少食生冷油腻及耗气之物（如生萝卜、空心菜）。",
                "起居规律，保证睡眠，避免过度劳累；注意保暖，出汗后避免受风。",
                "宜柔缓运动，如散步、太极拳、八段锦，少量多次，避免剧烈运动和大汗淋漓。",
                "气海、关元：用掌根按揉或温和艾灸，每次约10分钟，每周数次。"),
            new(ConstitutionType.YangDeficiency,
                "多与人交流，多晒太阳，及时排解不良情绪，避免悲忧伤感。",
                "宜食温阳之品，如羊肉、韭菜、生姜、核桃；少食生冷寒凉之物，如冷饮、西瓜、苦瓜。",
                "注意保暖，尤其是腰背、腹部和足部；夏季不宜久吹空调、电扇，秋冬宜早睡晚起。",
                "宜在阳光充足时做舒缓运动，如散步、慢跑、太极拳、八段锦，避免大汗后受风。",
                "关元、命门：温和艾灸或用手掌擦至局部温热，每次约10分钟。"),
            new(ConstitutionType.YinDeficiency,
                "遇事冷静、心态平和，少与人争执，可听舒缓音乐、练习书法以安神。",
                "宜食滋阴之品，如百合、银耳、梨、鸭肉、黑芝麻；少食辛辣燥烈、温热之物，如辣椒、羊肉、油炸食品。",
                "保证充足睡眠，避免熬夜；居室宜安静、湿润，避免高温环境。",
                "宜中小强度运动，如太极拳、八段锦、散步，避免大汗，运动后及时补充水分。",
                "太溪、三阴交：用拇指按揉，每穴2～3分钟，每日1～2次；不宜艾灸。"),
            new(ConstitutionType.PhlegmDampness,
                "保持心境平和，多参加社会活动，培养广泛的兴趣爱好。",
                "饮食清淡，宜食健脾利湿之品，如冬瓜、薏苡仁、赤小豆、白萝卜；少食肥甘厚味、甜食和冷饮，不宜过饱。",
                "居处宜干燥通风，避免潮湿；衣着透气，多晒太阳，饭后不宜立即躺卧。",
                "坚持长期锻炼，如快走、慢跑、太极拳，循序渐进，逐步控制体重。",
                "丰隆、足三里：用拇指按揉，每穴2～3分钟，每日1～2次。"),
            new(ConstitutionType.DampHeat,
                "稳定情绪，避免急躁发怒，学会疏导不良情绪。",
                "宜食清热利湿之品，如绿豆、冬瓜、苦瓜、芹菜；少食辛辣、油炸、甜腻之物，戒烟限酒。",
                "居室宜通风干燥，避免湿热环境；不熬夜，保持大小便通畅，注意皮肤清洁。",
                "可做强度稍大的运动，如快走、慢跑、游泳，量力而行，避开暑热潮湿时段。",
                "支沟、阴陵泉：用拇指按揉，每穴2～3分钟，每日1～2次；不宜艾灸。"),
            new(ConstitutionType.BloodStasis,
                "保持心情愉快，避免抑郁烦闷，及时消除不良情绪。",
                "宜食活血化瘀之品，如山楂、黑木耳、洋葱、玫瑰花；少食收涩、寒凉、肥腻之物。",
                "注意保暖，避免寒冷刺激；作息规律，不宜久坐久卧。",
                "坚持促进气血运行的运动，如太极拳、八段锦、散步；运动中如感胸闷、心慌应立即停止，必要时就医。",
                "期门、血海：用拇指按揉，每穴2～3分钟，每日1～2次。"),
            new(ConstitutionType.QiStagnation,
                "多参加集体和社交活动，多与家人朋友交流，培养兴趣爱好，保持心情舒畅。",
                "宜食理气解郁之品，如黄花菜、萝卜、柑橘、玫瑰花茶；少食收敛酸涩之物，睡前不饮浓茶、咖啡。",
                "居室宜明亮，起居规律，多到户外活动，保证睡眠。",
                "宜户外运动和集体运动，如散步、登山、太极拳、广场舞，舒展身心。",
                "合谷、太冲：用拇指按揉，每穴2～3分钟，每日1～2次。"),
            new(ConstitutionType.Inherited,
                "保持心情平和，避免因过敏反复发作而焦虑紧张。",
                "饮食清淡均衡，避开已知致敏食物，少食鱼虾、辛辣、腥膻等发物。",
                "居室通风、清洁，避免接触花粉、尘螨、宠物毛屑等过敏原；季节交替时及时增减衣物。",
                "适度运动增强体质，如太极拳、八段锦、散步；花粉季节减少户外活动，避免在寒冷或大风天锻炼。",
                "神阙、曲池：神阙用温和艾灸，曲池用拇指按揉，每次2～3分钟。"),
        }.ToDictionary(g => g.Type);

    public static TcmGuidanceText For(ConstitutionType type) => ByType[type];

    /// <summary>
    /// The guidance for a result: the type the guidance follows, or, when the highest score is tied, the
    /// guidance of every tied type for the physician to choose from; empty when no type was found.
    /// </summary>
    public static IReadOnlyList<TcmGuidanceText> For(TcmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.GuidanceType is { } type ? [For(type)] : [.. result.TiedTypes.Select(For)];
    }
}
