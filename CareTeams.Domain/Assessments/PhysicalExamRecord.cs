using System.Globalization;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments;

public enum ExamFinding
{
    /// <summary>正常 / 未见异常</summary>
    Normal,
    /// <summary>异常 (with a description)</summary>
    Abnormal,
}

/// <summary>A normal / abnormal result; an abnormal one must say what was found.</summary>
public sealed record ExamResult(ExamFinding Finding, string? Description = null)
{
    public static ExamResult Normal { get; } = new(ExamFinding.Normal);
    public static ExamResult Abnormal(string description) => new(ExamFinding.Abnormal, description);
    public bool IsAbnormal => Finding == ExamFinding.Abnormal;
}

/// <summary>老年人健康状态自我评估</summary>
public enum SelfAssessedHealth
{
    /// <summary>满意</summary>
    Satisfied,
    /// <summary>基本满意</summary>
    BasicallySatisfied,
    /// <summary>说不清楚</summary>
    Unsure,
    /// <summary>不太满意</summary>
    NotVerySatisfied,
    /// <summary>不满意</summary>
    Dissatisfied,
}

/// <summary>锻炼频率</summary>
public enum ExerciseFrequency
{
    /// <summary>每天</summary>
    Daily,
    /// <summary>每周一次以上</summary>
    WeeklyOrMore,
    /// <summary>偶尔</summary>
    Occasionally,
    /// <summary>不锻炼</summary>
    Never,
}

/// <summary>饮食习惯 (several may apply).</summary>
[Flags]
public enum DietHabit
{
    None = 0,
    /// <summary>荤素均衡</summary>
    Balanced = 1,
    /// <summary>荤食为主</summary>
    MainlyMeat = 2,
    /// <summary>素食为主</summary>
    MainlyVegetarian = 4,
    /// <summary>嗜盐</summary>
    SaltHeavy = 8,
    /// <summary>嗜油</summary>
    OilHeavy = 16,
    /// <summary>嗜糖</summary>
    SugarHeavy = 32,
}

/// <summary>吸烟状况</summary>
public enum SmokingStatus
{
    /// <summary>从不吸烟</summary>
    Never,
    /// <summary>已戒烟</summary>
    Quit,
    /// <summary>吸烟</summary>
    Current,
}

/// <summary>饮酒频率</summary>
public enum DrinkingFrequency
{
    /// <summary>从不</summary>
    Never,
    /// <summary>偶尔</summary>
    Occasionally,
    /// <summary>经常</summary>
    Often,
    /// <summary>每天</summary>
    Daily,
}

/// <summary>生活方式</summary>
public sealed record Lifestyle(
    ExerciseFrequency Exercise,
    DietHabit Diet,
    SmokingStatus Smoking,
    DrinkingFrequency Drinking,
    int? ExerciseMinutesPerSession = null,
    string? ExerciseKind = null,
    int? CigarettesPerDay = null,
    string? Note = null);

/// <summary>脏器功能: 口腔, 视力, 听力, 运动功能.</summary>
public sealed record OrganFunction(ExamResult Mouth, ExamResult Vision, ExamResult Hearing, ExamResult Motor);

/// <summary>The key auxiliary tests (辅助检查) of the exam.</summary>
public enum AuxiliaryTest
{
    /// <summary>血常规</summary>
    BloodRoutine,
    /// <summary>尿常规</summary>
    UrineRoutine,
    /// <summary>空腹血糖</summary>
    FastingGlucose,
    /// <summary>肝功能</summary>
    LiverFunction,
    /// <summary>肾功能</summary>
    KidneyFunction,
    /// <summary>血脂</summary>
    BloodLipids,
    /// <summary>心电图</summary>
    Ecg,
    /// <summary>腹部B超</summary>
    AbdominalUltrasound,
}

/// <summary>健康指导 (several may apply).</summary>
[Flags]
public enum ExamGuidance
{
    None = 0,
    /// <summary>纳入慢性病患者健康管理</summary>
    ChronicDiseaseManagement = 1,
    /// <summary>建议复查</summary>
    Recheck = 2,
    /// <summary>建议转诊</summary>
    Referral = 4,
}

/// <summary>一般状况: every reading optional; a blood pressure needs both numbers.</summary>
public sealed record ExamGeneral(
    decimal? TemperatureC = null,
    int? Pulse = null,
    int? Respiration = null,
    int? LeftSystolic = null,
    int? LeftDiastolic = null,
    int? RightSystolic = null,
    int? RightDiastolic = null,
    decimal? HeightCm = null,
    decimal? WeightKg = null,
    decimal? WaistCm = null)
{
    /// <summary>体质指数 kg ÷ m², rounded half away from zero to one decimal; null without height and weight.</summary>
    public decimal? Bmi => PhysicalExamRecord.BmiOf(WeightKg, HeightCm);
}

/// <summary>What the examining doctor enters for one 健康体检.</summary>
public sealed record PhysicalExamInput(
    DateOnly ExamDate,
    ExamGeneral General,
    ExamResult HealthEvaluation,
    SelfAssessedHealth? SelfAssessedHealth = null,
    SelfCareAssessment? SelfCare = null,
    Lifestyle? Lifestyle = null,
    OrganFunction? Organs = null,
    string? ExaminationFindings = null,
    IReadOnlyDictionary<AuxiliaryTest, ExamResult>? AuxiliaryTests = null,
    decimal? FastingGlucoseMmolPerL = null,
    ExamGuidance Guidance = ExamGuidance.None,
    string? GuidanceText = null);

/// <summary>
/// 健康体检表: one resident's annual exam (DOMAIN.md "Physical exam (健康体检) fields").
/// Ranges accepted (values outside are refused with a Chinese message):
/// temperature 34.0–43.0 ℃, pulse 30–220 /min, blood pressure per arm as in <see cref="VitalSigns"/>
/// (systolic 60–260, diastolic 30–160 and below systolic), weight 20–250 kg and fasting glucose 1.0–35.0 mmol/L
/// (all from DOMAIN.md's vitals table); and, as CareTeams' own sensible limits:
/// respiration 5–60 /min, height 50–250 cm, waist 40–200 cm, exercise 1–600 minutes a session,
/// 1–100 cigarettes a day (only for a current smoker), exam date not after today.
/// An abnormal result (evaluation, organ function, auxiliary test) must describe what was found.
/// </summary>
public sealed class PhysicalExamRecord : AggregateRoot
{
    public const int RespirationMin = 5, RespirationMax = 60;
    public const decimal HeightMin = 50m, HeightMax = 250m;
    public const decimal WaistMin = 40m, WaistMax = 200m;
    public const int ExerciseMinutesMin = 1, ExerciseMinutesMax = 600;
    public const int CigarettesMin = 1, CigarettesMax = 100;

    private PhysicalExamRecord()
    {
        General = new ExamGeneral();
        HealthEvaluation = ExamResult.Normal;
        AuxiliaryTests = new Dictionary<AuxiliaryTest, ExamResult>();
    }

    public int ResidentId { get; private set; }
    public DateOnly ExamDate { get; private set; }
    public ExamGeneral General { get; private set; }
    public decimal? Bmi => General.Bmi;
    public SelfAssessedHealth? SelfAssessedHealth { get; private set; }
    public SelfCareAssessment? SelfCare { get; private set; }

    /// <summary>生活自理能力评分 (the self-care scale's total).</summary>
    public int? SelfCareScore => SelfCare?.Total;
    public Lifestyle? Lifestyle { get; private set; }
    public OrganFunction? Organs { get; private set; }
    public string? ExaminationFindings { get; private set; }
    public IReadOnlyDictionary<AuxiliaryTest, ExamResult> AuxiliaryTests { get; private set; }
    public decimal? FastingGlucoseMmolPerL { get; private set; }
    public ExamResult HealthEvaluation { get; private set; }
    public ExamGuidance Guidance { get; private set; }
    public string? GuidanceText { get; private set; }

    /// <summary>The vitals of the general section, for flags (left arm's blood pressure, else the right arm's).</summary>
    public VitalSigns Vitals => VitalSigns.Create(
        General.LeftSystolic ?? General.RightSystolic,
        General.LeftSystolic is null ? General.RightDiastolic : General.LeftDiastolic,
        General.Pulse, General.TemperatureC, FastingGlucoseMmolPerL, weightKg: General.WeightKg);

    public static decimal? BmiOf(decimal? weightKg, decimal? heightCm)
    {
        if (weightKg is not { } kg || heightCm is not { } cm || cm <= 0)
            return null;
        var metres = cm / 100m;
        return Math.Round(kg / (metres * metres), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Every problem with the input at once; empty when it can be recorded.</summary>
    public static IReadOnlyList<ValidationError> Validate(PhysicalExamInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        if (input.ExamDate > today)
            errors.Add(new(nameof(PhysicalExamInput.ExamDate), "体检日期不能晚于今天。"));

        var g = input.General ?? new ExamGeneral();
        VitalSigns.Range(errors, "General.TemperatureC", g.TemperatureC, VitalSigns.TemperatureMin, VitalSigns.TemperatureMax, "体温", "℃");
        VitalSigns.Range(errors, "General.Pulse", g.Pulse, VitalSigns.PulseMin, VitalSigns.PulseMax, "脉率", "次/分");
        VitalSigns.Range(errors, "General.Respiration", g.Respiration, RespirationMin, RespirationMax, "呼吸频率", "次/分");
        VitalSigns.ValidateBloodPressure(errors, "General.LeftSystolic", "General.LeftDiastolic", g.LeftSystolic, g.LeftDiastolic, "左侧血压");
        VitalSigns.ValidateBloodPressure(errors, "General.RightSystolic", "General.RightDiastolic", g.RightSystolic, g.RightDiastolic, "右侧血压");
        VitalSigns.Range(errors, "General.HeightCm", g.HeightCm, HeightMin, HeightMax, "身高", "cm");
        VitalSigns.Range(errors, "General.WeightKg", g.WeightKg, VitalSigns.WeightMin, VitalSigns.WeightMax, "体重", "kg");
        VitalSigns.Range(errors, "General.WaistCm", g.WaistCm, WaistMin, WaistMax, "腰围", "cm");
        VitalSigns.Range(errors, nameof(PhysicalExamInput.FastingGlucoseMmolPerL), input.FastingGlucoseMmolPerL,
            VitalSigns.GlucoseMin, VitalSigns.GlucoseMax, "空腹血糖", "mmol/L");

        if (input.Lifestyle is { } life)
        {
            VitalSigns.Range(errors, "Lifestyle.ExerciseMinutesPerSession", life.ExerciseMinutesPerSession,
                ExerciseMinutesMin, ExerciseMinutesMax, "每次锻炼时间", "分钟");
            if (life.Smoking == SmokingStatus.Current)
                VitalSigns.Range(errors, "Lifestyle.CigarettesPerDay", life.CigarettesPerDay, CigarettesMin, CigarettesMax, "日吸烟量", "支");
            else if (life.CigarettesPerDay is not null)
                errors.Add(new("Lifestyle.CigarettesPerDay", "不吸烟者不应填写日吸烟量。"));
        }

        if (input.Organs is { } organs)
        {
            Described(errors, "Organs.Mouth", organs.Mouth, "口腔");
            Described(errors, "Organs.Vision", organs.Vision, "视力");
            Described(errors, "Organs.Hearing", organs.Hearing, "听力");
            Described(errors, "Organs.Motor", organs.Motor, "运动功能");
        }

        foreach (var (test, result) in input.AuxiliaryTests ?? new Dictionary<AuxiliaryTest, ExamResult>())
        {
            if (!Enum.IsDefined(test))
                errors.Add(new("AuxiliaryTests", "含有未知的辅助检查项目。"));
            else
                Described(errors, $"AuxiliaryTests.{test}", result, ToChinese(test));
        }

        if (input.HealthEvaluation is null)
            errors.Add(new(nameof(PhysicalExamInput.HealthEvaluation), "请填写健康评价（体检无异常或有异常）。"));
        else
            Described(errors, nameof(PhysicalExamInput.HealthEvaluation), input.HealthEvaluation, "健康评价");
        return errors;
    }

    /// <summary>Records an exam, or throws a <see cref="DomainException"/> listing every problem.</summary>
    public static PhysicalExamRecord Record(int residentId, PhysicalExamInput input, DateOnly today)
    {
        var errors = Validate(input, today);
        if (errors.Count > 0)
            throw new DomainException("exam.invalid", string.Join("", errors.Select(e => e.Message)));
        return new PhysicalExamRecord
        {
            ResidentId = residentId,
            ExamDate = input.ExamDate,
            General = input.General,
            SelfAssessedHealth = input.SelfAssessedHealth,
            SelfCare = input.SelfCare,
            Lifestyle = input.Lifestyle,
            Organs = input.Organs,
            ExaminationFindings = Clean(input.ExaminationFindings),
            AuxiliaryTests = new Dictionary<AuxiliaryTest, ExamResult>(input.AuxiliaryTests ?? new Dictionary<AuxiliaryTest, ExamResult>()),
            FastingGlucoseMmolPerL = input.FastingGlucoseMmolPerL,
            HealthEvaluation = input.HealthEvaluation,
            Guidance = input.Guidance,
            GuidanceText = Clean(input.GuidanceText),
        };
    }

    public static string ToChinese(AuxiliaryTest test) => test switch
    {
        AuxiliaryTest.BloodRoutine => "血常规",
        AuxiliaryTest.UrineRoutine => "尿常规",
        AuxiliaryTest.FastingGlucose => "空腹血糖",
        AuxiliaryTest.LiverFunction => "肝功能",
        AuxiliaryTest.KidneyFunction => "肾功能",
        AuxiliaryTest.BloodLipids => "血脂",
        AuxiliaryTest.Ecg => "心电图",
        AuxiliaryTest.AbdominalUltrasound => "腹部B超",
        _ => throw new ArgumentOutOfRangeException(nameof(test), test, null),
    };

    private static void Described(List<ValidationError> errors, string field, ExamResult? result, string label)
    {
        if (result is null)
            return;
        if (!Enum.IsDefined(result.Finding))
            errors.Add(new(field, $"{label}的结果无效。"));
        else if (result.IsAbnormal && string.IsNullOrWhiteSpace(result.Description))
            errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{label}为异常时请填写异常情况。")));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
