using System.Globalization;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments;

/// <summary>Something a reading says about the resident (DOMAIN.md "Vitals: ranges accepted and flags raised").</summary>
public enum VitalFlag
{
    /// <summary>收缩压 ≥ 140</summary>
    SystolicHigh,
    /// <summary>收缩压 ≥ 180: urgent referral.</summary>
    SystolicUrgent,
    /// <summary>舒张压 ≥ 90</summary>
    DiastolicHigh,
    /// <summary>舒张压 ≥ 110: urgent referral.</summary>
    DiastolicUrgent,
    /// <summary>脉搏 &lt; 50</summary>
    PulseLow,
    /// <summary>脉搏 &gt; 100</summary>
    PulseHigh,
    /// <summary>体温 ≥ 37.3</summary>
    Fever,
    /// <summary>空腹血糖 ≥ 7.0</summary>
    GlucoseHigh,
    /// <summary>空腹血糖 &lt; 3.9</summary>
    GlucoseLow,
    /// <summary>空腹血糖 ≥ 16.7: urgent.</summary>
    GlucoseUrgent,
    /// <summary>血氧饱和度 &lt; 94</summary>
    OxygenSaturationLow,
}

public static class VitalFlagText
{
    public static string ToChinese(this VitalFlag flag) => flag switch
    {
        VitalFlag.SystolicHigh => "收缩压偏高（≥140 mmHg）",
        VitalFlag.SystolicUrgent => "收缩压危急（≥180 mmHg），需紧急转诊",
        VitalFlag.DiastolicHigh => "舒张压偏高（≥90 mmHg）",
        VitalFlag.DiastolicUrgent => "舒张压危急（≥110 mmHg），需紧急转诊",
        VitalFlag.PulseLow => "脉搏过缓（<50 次/分）",
        VitalFlag.PulseHigh => "脉搏过速（>100 次/分）",
        VitalFlag.Fever => "发热（≥37.3 ℃）",
        VitalFlag.GlucoseHigh => "空腹血糖偏高（≥7.0 mmol/L）",
        VitalFlag.GlucoseLow => "空腹血糖偏低（<3.9 mmol/L）",
        VitalFlag.GlucoseUrgent => "空腹血糖危急（≥16.7 mmol/L），需紧急转诊",
        VitalFlag.OxygenSaturationLow => "血氧饱和度偏低（<94%）",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, null),
    };

    public static bool IsUrgent(this VitalFlag flag) =>
        flag is VitalFlag.SystolicUrgent or VitalFlag.DiastolicUrgent or VitalFlag.GlucoseUrgent;
}

/// <summary>
/// A set of vital signs taken at one time. Every reading is optional, but a blood pressure needs both numbers.
/// Accepted ranges and flags follow DOMAIN.md exactly:
/// systolic 60–260 mmHg (≥140 high, ≥180 urgent); diastolic 30–160 mmHg and below systolic (≥90 high, ≥110 urgent);
/// pulse 30–220 /min (&lt;50 or &gt;100); temperature 34.0–43.0 ℃ (≥37.3 fever); fasting glucose 1.0–35.0 mmol/L
/// (≥7.0 high, &lt;3.9 low, ≥16.7 urgent); SpO2 50–100 % (&lt;94 low); weight 20–250 kg (no flag).
/// Only the stronger of high / urgent is raised for one reading.
/// </summary>
public sealed record VitalSigns
{
    public const int SystolicMin = 60, SystolicMax = 260;
    public const int DiastolicMin = 30, DiastolicMax = 160;
    public const int PulseMin = 30, PulseMax = 220;
    public const decimal TemperatureMin = 34.0m, TemperatureMax = 43.0m;
    public const decimal GlucoseMin = 1.0m, GlucoseMax = 35.0m;
    public const int OxygenSaturationMin = 50, OxygenSaturationMax = 100;
    public const decimal WeightMin = 20m, WeightMax = 250m;

    private VitalSigns() { }

    /// <summary>mmHg</summary>
    public int? Systolic { get; private init; }
    /// <summary>mmHg</summary>
    public int? Diastolic { get; private init; }
    /// <summary>beats per minute</summary>
    public int? Pulse { get; private init; }
    /// <summary>℃</summary>
    public decimal? TemperatureC { get; private init; }
    /// <summary>mmol/L</summary>
    public decimal? FastingGlucose { get; private init; }
    /// <summary>%</summary>
    public int? OxygenSaturation { get; private init; }
    /// <summary>kg</summary>
    public decimal? WeightKg { get; private init; }

    /// <summary>Every problem with the readings at once; empty when they can be recorded.</summary>
    public static IReadOnlyList<ValidationError> Validate(
        int? systolic = null, int? diastolic = null, int? pulse = null, decimal? temperatureC = null,
        decimal? fastingGlucose = null, int? oxygenSaturation = null, decimal? weightKg = null)
    {
        var errors = new List<ValidationError>();
        ValidateBloodPressure(errors, nameof(Systolic), nameof(Diastolic), systolic, diastolic, "血压");
        Range(errors, nameof(Pulse), pulse, PulseMin, PulseMax, "脉搏", "次/分");
        Range(errors, nameof(TemperatureC), temperatureC, TemperatureMin, TemperatureMax, "体温", "℃");
        Range(errors, nameof(FastingGlucose), fastingGlucose, GlucoseMin, GlucoseMax, "空腹血糖", "mmol/L");
        Range(errors, nameof(OxygenSaturation), oxygenSaturation, OxygenSaturationMin, OxygenSaturationMax, "血氧饱和度", "%");
        Range(errors, nameof(WeightKg), weightKg, WeightMin, WeightMax, "体重", "kg");
        return errors;
    }

    /// <summary>The readings, or a <see cref="DomainException"/> whose message lists every problem.</summary>
    public static VitalSigns Create(
        int? systolic = null, int? diastolic = null, int? pulse = null, decimal? temperatureC = null,
        decimal? fastingGlucose = null, int? oxygenSaturation = null, decimal? weightKg = null)
    {
        var errors = Validate(systolic, diastolic, pulse, temperatureC, fastingGlucose, oxygenSaturation, weightKg);
        if (errors.Count > 0)
            throw new DomainException("vitals.invalid", string.Join("", errors.Select(e => e.Message)));
        return new VitalSigns
        {
            Systolic = systolic, Diastolic = diastolic, Pulse = pulse, TemperatureC = temperatureC,
            FastingGlucose = fastingGlucose, OxygenSaturation = oxygenSaturation, WeightKg = weightKg,
        };
    }

    /// <summary>The flags the readings raise, in a fixed order.</summary>
    public IReadOnlyList<VitalFlag> Flags
    {
        get
        {
            var flags = new List<VitalFlag>();
            flags.AddRange(BloodPressureFlags(Systolic, Diastolic));
            if (Pulse < 50) flags.Add(VitalFlag.PulseLow);
            if (Pulse > 100) flags.Add(VitalFlag.PulseHigh);
            if (TemperatureC >= 37.3m) flags.Add(VitalFlag.Fever);
            if (FastingGlucose >= 16.7m) flags.Add(VitalFlag.GlucoseUrgent);
            else if (FastingGlucose >= 7.0m) flags.Add(VitalFlag.GlucoseHigh);
            else if (FastingGlucose < 3.9m) flags.Add(VitalFlag.GlucoseLow);
            if (OxygenSaturation < 94) flags.Add(VitalFlag.OxygenSaturationLow);
            return flags;
        }
    }

    /// <summary>The flags in Chinese, for display.</summary>
    public IReadOnlyList<string> FlagTexts => Flags.Select(f => f.ToChinese()).ToList();

    /// <summary>A danger value that needs urgent referral.</summary>
    public bool IsUrgent => Flags.Any(f => f.IsUrgent());

    internal static IEnumerable<VitalFlag> BloodPressureFlags(int? systolic, int? diastolic)
    {
        if (systolic >= 180) yield return VitalFlag.SystolicUrgent;
        else if (systolic >= 140) yield return VitalFlag.SystolicHigh;
        if (diastolic >= 110) yield return VitalFlag.DiastolicUrgent;
        else if (diastolic >= 90) yield return VitalFlag.DiastolicHigh;
    }

    /// <summary>A blood pressure: both or neither number, each in range, diastolic below systolic.</summary>
    internal static void ValidateBloodPressure(
        List<ValidationError> errors, string systolicField, string diastolicField, int? systolic, int? diastolic, string label)
    {
        if (systolic is null && diastolic is not null)
            errors.Add(new(systolicField, $"{label}需同时填写收缩压和舒张压，请填写收缩压。"));
        if (systolic is not null && diastolic is null)
            errors.Add(new(diastolicField, $"{label}需同时填写收缩压和舒张压，请填写舒张压。"));
        var systolicOk = Range(errors, systolicField, systolic, SystolicMin, SystolicMax, $"{label}收缩压", "mmHg");
        var diastolicOk = Range(errors, diastolicField, diastolic, DiastolicMin, DiastolicMax, $"{label}舒张压", "mmHg");
        if (systolicOk && diastolicOk && systolic is { } s && diastolic is { } d && d >= s)
            errors.Add(new(diastolicField, $"{label}舒张压（{d} mmHg）应低于收缩压（{s} mmHg）。"));
    }

    /// <summary>Adds an error when the value is present and outside [min, max]; true when it is fine.</summary>
    internal static bool Range<T>(List<ValidationError> errors, string field, T? value, T min, T max, string label, string unit)
        where T : struct, IComparable<T>
    {
        if (value is not { } v || (v.CompareTo(min) >= 0 && v.CompareTo(max) <= 0))
            return true;
        errors.Add(new(field, string.Create(CultureInfo.InvariantCulture, $"{label}应在 {min}–{max} {unit} 之间，填写的是 {v} {unit}。")));
        return false;
    }
}
