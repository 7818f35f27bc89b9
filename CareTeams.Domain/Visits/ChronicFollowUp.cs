using System.Text.Json;
using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Visits;

/// <summary>The chronic disease a follow-up is for.</summary>
public enum ChronicCondition
{
    /// <summary>高血压</summary>
    Hypertension = 1,
    /// <summary>2型糖尿病</summary>
    Type2Diabetes = 2,
}

/// <summary>How a follow-up visit is classified (国家基本公共卫生服务规范 高血压/2型糖尿病患者健康管理).</summary>
public enum FollowUpClassification
{
    /// <summary>控制满意</summary>
    Controlled = 1,
    /// <summary>控制不满意</summary>
    Uncontrolled = 2,
    /// <summary>不良反应</summary>
    AdverseReaction = 3,
    /// <summary>并发症</summary>
    Complication = 4,
}

/// <summary>What the next step is after a follow-up.</summary>
public enum NextVisitAdvice
{
    /// <summary>常规随访（3 个月内）</summary>
    Routine = 1,
    /// <summary>调整治疗，2 周内随访</summary>
    WithinTwoWeeks = 2,
    /// <summary>转诊，2 周内随访转诊情况</summary>
    Refer = 3,
    /// <summary>危急值：紧急转诊</summary>
    UrgentReferral = 4,
}

/// <summary>What the staff member says at a follow-up besides the readings.</summary>
public sealed record FollowUpFindings(ChronicCondition Condition, bool AdverseReaction = false, bool NewOrWorseComplication = false);

/// <summary>The classification of one follow-up, the advice and the latest day for the next visit.</summary>
public sealed record FollowUpOutcome(
    ChronicCondition Condition, FollowUpClassification Classification, NextVisitAdvice Advice, DateOnly NextVisitBy, string Reason)
{
    public bool IsControlled => Classification == FollowUpClassification.Controlled;

    /// <summary>For lists and the visit's form result: "控制不满意；2 周内随访（收缩压 152 mmHg ≥ 140）".</summary>
    public string Summary => $"{Classification.ChineseName()}；{Advice.ChineseName()}（{Reason}）";
}

/// <summary>
/// The hypertension and type-2 diabetes follow-up rule of DOMAIN.md "Vitals":
/// controlled (BP &lt; 140/90, elders 65+ &lt; 150/90; fasting glucose &lt; 7.0) → next routine visit (within 3 months);
/// the first uncontrolled reading or an adverse reaction → adjust treatment, see again within 2 weeks;
/// two uncontrolled in a row or new / worse complications → refer, follow the referral up within 2 weeks;
/// danger values (BP ≥ 180 and/or ≥ 110; glucose ≥ 16.7 or ≤ 3.9) → urgent referral, whatever else holds.
/// </summary>
public static class ChronicFollowUp
{
    public const int ElderAge = 65;
    public const int RoutineDays = 90;
    public const int SoonDays = 14;

    public static string ChineseName(this ChronicCondition condition) => condition switch
    {
        ChronicCondition.Hypertension => "高血压",
        _ => "2型糖尿病",
    };

    public static string ChineseName(this FollowUpClassification classification) => classification switch
    {
        FollowUpClassification.Controlled => "控制满意",
        FollowUpClassification.Uncontrolled => "控制不满意",
        FollowUpClassification.AdverseReaction => "不良反应",
        _ => "并发症",
    };

    public static string ChineseName(this NextVisitAdvice advice) => advice switch
    {
        NextVisitAdvice.Routine => "常规随访（3个月内）",
        NextVisitAdvice.WithinTwoWeeks => "调整治疗，2周内随访",
        NextVisitAdvice.Refer => "转诊，2周内随访转诊情况",
        _ => "危急值，紧急转诊",
    };

    /// <summary>The contract service a follow-up of the condition counts against.</summary>
    public static ServiceKind ServiceKind(this ChronicCondition condition) => condition == ChronicCondition.Hypertension
        ? Contracts.ServiceKind.HypertensionFollowUp
        : Contracts.ServiceKind.DiabetesFollowUp;

    /// <summary>The condition a follow-up service is for, or null for any other service.</summary>
    public static ChronicCondition? ConditionOf(ServiceKind service) => service switch
    {
        Contracts.ServiceKind.HypertensionFollowUp => ChronicCondition.Hypertension,
        Contracts.ServiceKind.DiabetesFollowUp => ChronicCondition.Type2Diabetes,
        _ => null,
    };

    /// <summary>The conditions a resident is under management for (their recorded tags).</summary>
    public static IReadOnlyList<ChronicCondition> ConditionsOf(KeyPopulation tags)
    {
        var conditions = new List<ChronicCondition>();
        if (tags.HasFlag(KeyPopulation.Hypertension))
            conditions.Add(ChronicCondition.Hypertension);
        if (tags.HasFlag(KeyPopulation.Type2Diabetes))
            conditions.Add(ChronicCondition.Type2Diabetes);
        return conditions;
    }

    /// <summary>What a follow-up must carry: the reading the condition is judged by.</summary>
    public static IReadOnlyList<ValidationError> Validate(ChronicCondition condition, VitalSigns? vitals)
    {
        if (condition == ChronicCondition.Hypertension && (vitals?.Systolic is null || vitals.Diastolic is null))
            return [new(nameof(VitalSigns.Systolic), "高血压随访需填写血压（收缩压和舒张压）。")];
        if (condition == ChronicCondition.Type2Diabetes && vitals?.FastingGlucose is null)
            return [new(nameof(VitalSigns.FastingGlucose), "糖尿病随访需填写空腹血糖。")];
        return [];
    }

    /// <summary>A danger value of the condition (urgent referral), with the reason in words, or null.</summary>
    public static string? DangerOf(ChronicCondition condition, VitalSigns vitals)
    {
        if (condition == ChronicCondition.Hypertension)
        {
            if (vitals.Systolic >= 180)
                return $"收缩压 {vitals.Systolic} mmHg ≥ 180";
            if (vitals.Diastolic >= 110)
                return $"舒张压 {vitals.Diastolic} mmHg ≥ 110";
            return null;
        }
        if (vitals.FastingGlucose >= 16.7m)
            return $"空腹血糖 {vitals.FastingGlucose} mmol/L ≥ 16.7";
        if (vitals.FastingGlucose <= 3.9m)
            return $"空腹血糖 {vitals.FastingGlucose} mmol/L ≤ 3.9";
        return null;
    }

    /// <summary>Why the reading is not at target, or null when it is.</summary>
    public static string? UncontrolledReason(ChronicCondition condition, VitalSigns vitals, int age)
    {
        if (condition == ChronicCondition.Hypertension)
        {
            var systolicTarget = age >= ElderAge ? 150 : 140;
            if (vitals.Systolic >= systolicTarget)
                return $"收缩压 {vitals.Systolic} mmHg ≥ {systolicTarget}";
            if (vitals.Diastolic >= 90)
                return $"舒张压 {vitals.Diastolic} mmHg ≥ 90";
            return null;
        }
        return vitals.FastingGlucose >= 7.0m ? $"空腹血糖 {vitals.FastingGlucose} mmol/L ≥ 7.0" : null;
    }

    /// <summary>
    /// Classifies a follow-up. <paramref name="previousUncontrolled"/> says whether the previous follow-up of the
    /// same condition was not at target (控制不满意); <paramref name="age"/> is the resident's age on the visit day.
    /// </summary>
    public static FollowUpOutcome Classify(FollowUpFindings findings, VitalSigns? vitals, int age, bool previousUncontrolled, DateOnly visitDate)
    {
        var errors = Validate(findings.Condition, vitals);
        if (errors.Count > 0)
            throw new DomainException("follow-up.reading", errors[0].Message);
        var condition = findings.Condition;
        FollowUpOutcome Outcome(FollowUpClassification c, NextVisitAdvice a, string reason) =>
            new(condition, c, a, visitDate.AddDays(a == NextVisitAdvice.Routine ? RoutineDays : a == NextVisitAdvice.UrgentReferral ? 0 : SoonDays), reason);

        var danger = DangerOf(condition, vitals!);
        var uncontrolled = UncontrolledReason(condition, vitals!, age);
        var classification = findings.NewOrWorseComplication ? FollowUpClassification.Complication
            : uncontrolled is not null || danger is not null ? FollowUpClassification.Uncontrolled
            : findings.AdverseReaction ? FollowUpClassification.AdverseReaction
            : FollowUpClassification.Controlled;
        if (danger is not null)
            return Outcome(classification, NextVisitAdvice.UrgentReferral, danger);
        if (findings.NewOrWorseComplication)
            return Outcome(classification, NextVisitAdvice.Refer, "出现新的并发症或原有并发症加重");
        if (uncontrolled is not null && previousUncontrolled)
            return Outcome(classification, NextVisitAdvice.Refer, $"连续两次控制不满意，{uncontrolled}");
        if (uncontrolled is not null)
            return Outcome(classification, NextVisitAdvice.WithinTwoWeeks, $"首次控制不满意，{uncontrolled}");
        if (findings.AdverseReaction)
            return Outcome(classification, NextVisitAdvice.WithinTwoWeeks, "出现药物不良反应");
        return Outcome(classification, NextVisitAdvice.Routine, condition == ChronicCondition.Hypertension ? "血压达标" : "空腹血糖达标");
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The follow-up as the visit's standard form: the findings and outcome as JSON, the summary as the result.</summary>
    public static VisitForm ToForm(FollowUpFindings findings, FollowUpOutcome outcome) => new(
        VisitFormKind.ChronicFollowUp,
        JsonSerializer.Serialize(new FollowUpAnswers(findings.Condition, findings.AdverseReaction, findings.NewOrWorseComplication,
            outcome.Classification, outcome.Advice, outcome.NextVisitBy), Json),
        outcome.Summary,
        null);

    /// <summary>The findings and outcome read back from a visit's form answers, or null when they are not a follow-up's.</summary>
    public static FollowUpAnswers? ReadForm(VisitFormKind kind, string? answers)
    {
        if (kind != VisitFormKind.ChronicFollowUp || string.IsNullOrEmpty(answers))
            return null;
        try
        {
            return JsonSerializer.Deserialize<FollowUpAnswers>(answers, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What is kept of a follow-up in the visit's form answers.</summary>
public sealed record FollowUpAnswers(
    ChronicCondition Condition, bool AdverseReaction, bool NewOrWorseComplication,
    FollowUpClassification Classification, NextVisitAdvice Advice, DateOnly NextVisitBy)
{
    public bool IsUncontrolled => Classification == FollowUpClassification.Uncontrolled;
}

/// <summary>
/// The visits logged on the one visit form (not from a 2111 item or a home bed), the services each may be for, and
/// who may correct a visit when.
/// </summary>
public static class LoggedVisits
{
    /// <summary>A visit may be corrected within this many days of its start.</summary>
    public const int AmendWindowDays = 7;

    public static readonly IReadOnlyList<VisitKind> Kinds = [VisitKind.ChronicFollowUp, VisitKind.NursingVisit, VisitKind.Other];

    private static readonly IReadOnlyList<ServiceKind> OtherServices =
    [
        ServiceKind.HomeVisit, ServiceKind.HealthGuidance, ServiceKind.MedicationGuidance, ServiceKind.Rehabilitation,
        ServiceKind.Consultation, ServiceKind.LabTest, ServiceKind.Other,
    ];

    /// <summary>The services a visit of the kind may be for: a follow-up is for a condition the resident is managed for.</summary>
    public static IReadOnlyList<ServiceKind> ServicesFor(VisitKind kind, KeyPopulation tags) => kind switch
    {
        VisitKind.ChronicFollowUp => ChronicFollowUp.ConditionsOf(tags).Select(c => c.ServiceKind()).ToList(),
        VisitKind.NursingVisit => [ServiceKind.NursingVisit],
        VisitKind.Other => OtherServices,
        _ => [],
    };

    /// <summary>Why the kind and service cannot be logged for a resident with these tags, or null when they can.</summary>
    public static ValidationError? ServiceRefusal(VisitKind kind, ServiceKind service, KeyPopulation tags)
    {
        if (!Kinds.Contains(kind))
            return new(nameof(VisitDetails.Kind), "“2111”服务和家庭病床查床请在各自的服务页面登记。");
        if (kind == VisitKind.ChronicFollowUp && ServicesFor(kind, tags).Count == 0)
            return new(nameof(VisitDetails.Service), "该居民未登记高血压或2型糖尿病，不能登记慢病随访。");
        if (!ServicesFor(kind, tags).Contains(service))
            return new(nameof(VisitDetails.Service), "请选择与服务类型相符的服务项目。");
        return null;
    }

    /// <summary>
    /// Who may correct a logged visit: its author, or a doctor (团队长 / 全科医生) of the visit's team; within
    /// <see cref="AmendWindowDays"/> days of its start; not a visit made from a 2111 item or a home bed (corrected there).
    /// The reason in Chinese, or null when the staff member may.
    /// </summary>
    public static string? AmendRefusal(VisitLog visit, StaffMember? staff, DateTime now)
    {
        if (visit.PlanItemId is not null || visit.HomeBedId is not null)
            return "该记录来自“2111”服务或家庭病床，请在对应页面修改。";
        if (staff is null)
            return "您的账号未关联医务人员，不能修改服务记录。";
        var isDoctorOfTeam = staff.TeamId == visit.TeamId && staff.TeamId is not null
            && staff.TeamRole is TeamRole.TeamLeader or TeamRole.GeneralPractitioner;
        if (staff.Id != visit.StaffMemberId && !isDoctorOfTeam)
            return "只有记录人或本团队医生可以修改该服务记录。";
        if (now - visit.StartedAt > TimeSpan.FromDays(AmendWindowDays))
            return $"服务记录登记超过 {AmendWindowDays} 天后不能再修改。";
        return null;
    }
}
