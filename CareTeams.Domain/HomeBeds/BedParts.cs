using CareTeams.Domain.Assessments;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.HomeBeds;

/// <summary>
/// How often an order is carried out: <c>每日 N 次</c> (1–6), <c>每 N 日 1 次</c> (2–30) or <c>每周 N 次</c> (1–6). Daily
/// has one spelling only: 每日1次 (not 每1日1次 nor 每周7次). Due dates follow from the last visit for the order:
/// <see cref="IntervalDays"/> after it once <see cref="TimesPerDueDay"/> visits were made that day.
/// </summary>
public sealed record OrderFrequency(FrequencyUnit Unit, int Count)
{
    public const int MaxTimesPerDay = 6;
    public const int MaxEveryNDays = 30;
    public const int MaxTimesPerWeek = 6;

    public static OrderFrequency TimesPerDay(int times) => Create(FrequencyUnit.TimesPerDay, times);
    public static OrderFrequency EveryNDays(int days) => Create(FrequencyUnit.EveryNDays, days);
    public static OrderFrequency TimesPerWeek(int times) => Create(FrequencyUnit.TimesPerWeek, times);

    /// <summary>Why the unit and count cannot make a frequency; null when they can.</summary>
    public static string? Problem(FrequencyUnit unit, int count) => unit switch
    {
        FrequencyUnit.TimesPerDay when count is < 1 or > MaxTimesPerDay => $"每日次数应在 1–{MaxTimesPerDay} 次之间。",
        FrequencyUnit.EveryNDays when count == 1 => "每 1 日 1 次请选择“每日 1 次”。",
        FrequencyUnit.EveryNDays when count is < 2 or > MaxEveryNDays => $"间隔天数应在 2–{MaxEveryNDays} 日之间。",
        FrequencyUnit.TimesPerWeek when count == 7 => "每周 7 次请选择“每日 1 次”。",
        FrequencyUnit.TimesPerWeek when count is < 1 or > MaxTimesPerWeek => $"每周次数应在 1–{MaxTimesPerWeek} 次之间。",
        FrequencyUnit.TimesPerDay or FrequencyUnit.EveryNDays or FrequencyUnit.TimesPerWeek => null,
        _ => "请选择执行频次。",
    };

    public static OrderFrequency Create(FrequencyUnit unit, int count) =>
        Problem(unit, count) is { } problem ? throw new DomainException("bed.order-frequency", problem) : new OrderFrequency(unit, count);

    /// <summary>
    /// Days from one due day to the next: 1 for 每日, N for 每N日, ⌊7 ÷ N⌋ for 每周N次 (3 a week → every 2 days, 2 a week →
    /// every 3 days), so that visits kept at the interval always make at least N a week.
    /// </summary>
    public int IntervalDays => Unit switch
    {
        FrequencyUnit.TimesPerDay => 1,
        FrequencyUnit.EveryNDays => Count,
        _ => 7 / Count,
    };

    /// <summary>Visits wanted on each due day: N for 每日N次, otherwise 1.</summary>
    public int TimesPerDueDay => Unit == FrequencyUnit.TimesPerDay ? Count : 1;

    /// <summary>每日2次, 每3日1次, 每周3次.</summary>
    public override string ToString() => Unit switch
    {
        FrequencyUnit.TimesPerDay => $"每日{Count}次",
        FrequencyUnit.EveryNDays => $"每{Count}日1次",
        _ => $"每周{Count}次",
    };
}

/// <summary>The application (建床申请): kind of bed, the qualifying condition, a summary of the condition, the indications and the doctor's opinion.</summary>
public sealed record BedApplication(
    HomeBedKind Kind,
    BedCondition Condition,
    string Summary,
    string Indications,
    string? DoctorOpinion,
    DateOnly AppliedOn);

/// <summary>The admission assessment (入院评估) made at opening: findings in words, optionally the ability level and vitals.</summary>
public sealed record AdmissionAssessment(string Findings, AbilityLevel? AbilityLevel = null, VitalSigns? Vitals = null)
{
    /// <summary>For persistence: the vitals are an owned value of their own, which a constructor cannot bind.</summary>
    private AdmissionAssessment() : this(string.Empty) { }
}

/// <summary>The informed consent (知情同意) to the home bed: who signed (the resident or a relative), the relation, the day.</summary>
public sealed record BedConsent(string SignedBy, string? Relation, DateOnly SignedOn);

/// <summary>A diagnosis as entered: words, and the ICD-10 code where known.</summary>
public sealed record DiagnosisInput(string Text, string? Icd10Code = null);

/// <summary>An order as entered: kind, item, frequency, from and until (optional), and instructions (dose, route).</summary>
public sealed record BedOrderSpec(
    BedOrderKind Kind,
    string ItemName,
    OrderFrequency Frequency,
    DateOnly StartsOn,
    DateOnly? Until = null,
    string? Instructions = null);

/// <summary>What closing a bed (撤床) records.</summary>
public sealed record BedClosingInput(
    DateOnly ClosedOn,
    BedOutcome Outcome,
    string ConditionAtClosing,
    string Summary,
    IReadOnlyList<DiagnosisInput> Diagnoses,
    string? OutcomeNote = null);

/// <summary>One diagnosis of a bed, made at opening or at closing, in the order entered.</summary>
public sealed class BedDiagnosis : Entity
{
    private BedDiagnosis() { Text = string.Empty; }

    internal BedDiagnosis(DiagnosisStage stage, int sequence, string text, string? icd10Code)
    {
        Stage = stage;
        Sequence = sequence;
        Text = text;
        Icd10Code = icd10Code;
    }

    public int HomeBedId { get; private set; }
    public DiagnosisStage Stage { get; private set; }

    /// <summary>1, 2, … within its stage (1 is the main diagnosis).</summary>
    public int Sequence { get; private set; }
    public string Text { get; private set; }

    /// <summary>Normalised by <see cref="Icd10.Parse"/>.</summary>
    public string? Icd10Code { get; private set; }

    /// <summary>高血压（I10）</summary>
    public override string ToString() => Icd10Code is null ? Text : $"{Text}（{Icd10Code}）";
}

/// <summary>
/// An order of the bed's care plan (医嘱 / 护理计划): item, kind, frequency, from <see cref="StartsOn"/> to
/// <see cref="Until"/> (both included) unless stopped earlier. A stopped order is not due from its stop day on.
/// </summary>
public sealed class BedOrder : Entity
{
    private BedOrder() { ItemName = string.Empty; Frequency = OrderFrequency.TimesPerDay(1); }

    internal BedOrder(int sequence, BedOrderSpec spec, int orderedByStaffId)
    {
        Sequence = sequence;
        Kind = spec.Kind;
        ItemName = spec.ItemName;
        Instructions = spec.Instructions;
        Frequency = spec.Frequency with { };
        StartsOn = spec.StartsOn;
        Until = spec.Until;
        OrderedByStaffId = orderedByStaffId;
    }

    public int HomeBedId { get; private set; }

    /// <summary>1, 2, … within the bed, in the order the orders were made.</summary>
    public int Sequence { get; private set; }
    public BedOrderKind Kind { get; private set; }
    public string ItemName { get; private set; }

    /// <summary>Dose, route and other instructions, if any.</summary>
    public string? Instructions { get; private set; }
    public OrderFrequency Frequency { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly? Until { get; private set; }
    public int OrderedByStaffId { get; private set; }
    public DateOnly? StoppedOn { get; private set; }
    public string? StopReason { get; private set; }
    public int? StoppedByStaffId { get; private set; }

    public bool IsStopped => StoppedOn is not null;

    /// <summary>The last day the order is due: the day before it was stopped, or its until date; null when open-ended.</summary>
    public DateOnly? LastDay => (StoppedOn?.AddDays(-1), Until) switch
    {
        ({ } stopped, { } until) => stopped < until ? stopped : until,
        ({ } stopped, null) => stopped,
        (null, var until) => until,
    };

    public bool IsInForceOn(DateOnly day) => day >= StartsOn && (LastDay is not { } last || day <= last);

    /// <summary>导尿管护理 · 每周2次</summary>
    public string Title => $"{ItemName} · {Frequency}";

    internal void Stop(DateOnly on, string reason, int staffMemberId)
    {
        StoppedOn = on;
        StopReason = reason;
        StoppedByStaffId = staffMemberId;
    }
}

/// <summary>One extension of a bed's cycle (延期): when, by whom, why, and the limit before and after (days from opening).</summary>
public sealed class BedExtension : Entity
{
    private BedExtension() { Reason = string.Empty; }

    internal BedExtension(int sequence, DateOnly extendedOn, int previousLimitDays, int newLimitDays, string reason, int staffMemberId)
    {
        Sequence = sequence;
        ExtendedOn = extendedOn;
        PreviousLimitDays = previousLimitDays;
        NewLimitDays = newLimitDays;
        Reason = reason;
        StaffMemberId = staffMemberId;
    }

    public int HomeBedId { get; private set; }
    public int Sequence { get; private set; }
    public DateOnly ExtendedOn { get; private set; }
    public int PreviousLimitDays { get; private set; }
    public int NewLimitDays { get; private set; }
    public string Reason { get; private set; }
    public int StaffMemberId { get; private set; }
}

/// <summary>Trimmed text with a length limit, for the home-bed records.</summary>
internal static class BedText
{
    /// <summary>Adds an error when required text is blank or any text is too long; returns the trimmed text or null.</summary>
    public static string? Check(List<ValidationError> errors, string field, string? value, int maxLength, string label, bool required)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
                errors.Add(new(field, $"请填写{label}。"));
            return null;
        }
        if (trimmed.Length > maxLength)
            errors.Add(new(field, $"{label}最多 {maxLength} 个字。"));
        return trimmed;
    }

    /// <summary>The text, or a <see cref="DomainException"/> with the rule's code and the message.</summary>
    public static string Required(string code, string? value, int maxLength, string label)
    {
        var errors = new List<ValidationError>();
        var text = Check(errors, label, value, maxLength, label, required: true);
        return errors.Count > 0 ? throw new DomainException(code, errors[0].Message) : text!;
    }

    public static string? Optional(string code, string? value, int maxLength, string label)
    {
        var errors = new List<ValidationError>();
        var text = Check(errors, label, value, maxLength, label, required: false);
        return errors.Count > 0 ? throw new DomainException(code, errors[0].Message) : text;
    }
}
