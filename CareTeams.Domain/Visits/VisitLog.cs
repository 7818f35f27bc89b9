using System.Text.Json;
using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Visits;

/// <summary>Where the contact took place.</summary>
public enum VisitPlace
{
    /// <summary>入户</summary>
    Home = 1,
    /// <summary>机构（卫生院、村卫生室）</summary>
    Institution = 2,
    /// <summary>电话</summary>
    Phone = 3,
}

/// <summary>What the visit was for.</summary>
public enum VisitKind
{
    /// <summary>"2111" 服务项目</summary>
    Plan2111 = 1,
    /// <summary>家庭病床查床</summary>
    BedRound = 2,
    /// <summary>上门护理</summary>
    NursingVisit = 3,
    /// <summary>慢病随访</summary>
    ChronicFollowUp = 4,
    /// <summary>其他上门服务</summary>
    Other = 9,
}

/// <summary>The standard form filled in at the visit, if any.</summary>
public enum VisitFormKind
{
    None = 0,
    /// <summary>医养结合服务记录</summary>
    IntegratedCare = 1,
    /// <summary>健康体检表</summary>
    PhysicalExam = 2,
    /// <summary>中医体质辨识表</summary>
    TcmConstitution = 3,
    /// <summary>老年人能力评估表</summary>
    AbilityAssessment = 4,
    /// <summary>高血压 / 2型糖尿病患者随访服务记录表</summary>
    ChronicFollowUp = 5,
}

public static class VisitTerms
{
    public static string ChineseName(this VisitPlace place) => place switch
    {
        VisitPlace.Home => "入户",
        VisitPlace.Institution => "机构",
        _ => "电话",
    };

    public static string ChineseName(this VisitKind kind) => kind switch
    {
        VisitKind.Plan2111 => "“2111”服务",
        VisitKind.BedRound => "家庭病床查床",
        VisitKind.NursingVisit => "上门护理",
        VisitKind.ChronicFollowUp => "慢病随访",
        _ => "其他",
    };
}

/// <summary>
/// A filled-in standard form kept with its visit: the answers as JSON (so a form can be shown again
/// exactly as entered), the result in words and the score.
/// </summary>
public sealed record VisitForm(VisitFormKind Kind, string Answers, string Result, int? Score)
{
    // Chinese text kept as itself, not as \uXXXX escapes: readable in the database and six times shorter.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static VisitForm Tcm(TcmAnswers answers, TcmResult result)
    {
        var text = result.TypesJudgedYes.Count > 0
            ? string.Join("、", result.TypesJudgedYes.Select(t => t.ChineseName())) + "（是）"
            : result.JudgementOf(ConstitutionType.Balanced) is var balanced && balanced != TcmJudgement.No
                ? $"平和质（{balanced.ChineseName()}）"
                : "未判定出体质类型";
        var tending = result.Scores.Where(s => s.Type.IsBiased() && s.Judgement == TcmJudgement.TendsToBe).Select(s => s.Type.ChineseName()).ToList();
        if (tending.Count > 0)
            text += $"；倾向：{string.Join("、", tending)}";
        if (result.NeedsRecollection)
            text += "；需重新采集";
        else if (result.HasFlag(TcmFlag.TieForPhysician))
            text += "；并列最高，由中医师确定指导体质";
        return new VisitForm(VisitFormKind.TcmConstitution, JsonSerializer.Serialize(answers.All, Json), text, null);
    }

    public static VisitForm Ability(AbilityAssessment assessment) => new(
        VisitFormKind.AbilityAssessment,
        JsonSerializer.Serialize(new { assessment.Reason, assessment.Answers, assessment.InComa, assessment.RaiseReasons }, Json),
        $"{assessment.Total} 分，{AbilityAssessment.ToChinese(assessment.FinalLevel)}（{(int)assessment.FinalLevel} 级）",
        assessment.Total);

    public static VisitForm Exam(PhysicalExamRecord exam) => new(
        VisitFormKind.PhysicalExam,
        JsonSerializer.Serialize(new
        {
            exam.General, exam.SelfAssessedHealth, SelfCare = exam.SelfCare?.Answers, exam.Lifestyle, exam.Organs,
            exam.ExaminationFindings, exam.AuxiliaryTests, exam.FastingGlucoseMmolPerL, exam.HealthEvaluation, exam.Guidance, exam.GuidanceText,
        }, Json),
        (exam.HealthEvaluation.IsAbnormal ? $"体检异常：{exam.HealthEvaluation.Description}" : "体检无异常")
            + (exam.Bmi is { } bmi ? $"；BMI {bmi.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}" : "")
            + (exam.SelfCare is { } care ? $"；自理评分 {care.Total}（{care.Band.ToChinese()}）" : ""),
        exam.SelfCareScore);

    public static VisitForm IntegratedCare(string services) => new(
        VisitFormKind.IntegratedCare, JsonSerializer.Serialize(new { Services = services }, Json), services, null);
}

/// <summary>What a user enters for a visit: times in China wall-clock time, place, kind, readings, notes and who signed.</summary>
public sealed record VisitDetails(
    DateTime StartedAt,
    DateTime EndedAt,
    VisitPlace Place,
    VisitKind Kind,
    ServiceKind Service,
    VitalSigns? Vitals = null,
    string? Notes = null,
    string? SignedBy = null,
    string? SignedRelation = null);

/// <summary>
/// A visit log (上门服务记录 / 随访记录): any recorded contact with a resident, by one staff member, at a
/// time and place, for a purpose (a 2111 item, a home-bed round or order, a chronic follow-up, other),
/// with vitals, notes, an optional standard form and an optional signature of the resident or family.
/// The one visit model for the 2111 forms, home beds and ad-hoc visits.
/// </summary>
public sealed class VisitLog : AggregateRoot
{
    public const int NotesMaxLength = 2000;
    public const int SignedByMaxLength = 50;
    public static readonly TimeSpan LongestVisit = TimeSpan.FromHours(12);

    private VisitLog() { }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public int? TeamId { get; private set; }
    public int VillageId { get; private set; }
    public int ResidentId { get; private set; }
    public int StaffMemberId { get; private set; }
    public DateTime StartedAt { get; private set; }
    public DateTime EndedAt { get; private set; }
    public DateOnly VisitDate => DateOnly.FromDateTime(StartedAt);
    public VisitPlace Place { get; private set; }
    public VisitKind Kind { get; private set; }
    public ServiceKind Service { get; private set; }

    /// <summary>The 2111 plan item this visit did, if any.</summary>
    public int? PlanItemId { get; private set; }

    /// <summary>The home bed (and its order) the visit served, if any.</summary>
    public int? HomeBedId { get; private set; }
    public int? BedOrderId { get; private set; }
    public VitalSigns? Vitals { get; private set; }

    /// <summary>The abnormal-value flags of <see cref="Vitals"/> in words, kept for lists.</summary>
    public string? VitalFlags { get; private set; }
    public string? Notes { get; private set; }
    public string? SignedBy { get; private set; }
    public string? SignedRelation { get; private set; }
    public VisitFormKind FormKind { get; private set; }
    public string? FormAnswers { get; private set; }
    public string? FormResult { get; private set; }
    public int? FormScore { get; private set; }

    public static IReadOnlyList<ValidationError> Validate(VisitDetails details, DateTime now)
    {
        var errors = new List<ValidationError>();
        if (details.StartedAt > now.AddMinutes(5))
            errors.Add(new(nameof(VisitDetails.StartedAt), "服务开始时间不能晚于现在。"));
        if (details.EndedAt < details.StartedAt)
            errors.Add(new(nameof(VisitDetails.EndedAt), "结束时间不能早于开始时间。"));
        else if (details.EndedAt - details.StartedAt > LongestVisit)
            errors.Add(new(nameof(VisitDetails.EndedAt), "一次服务不能超过 12 小时，请核对开始和结束时间。"));
        if (details.EndedAt > now.AddMinutes(5) && details.EndedAt >= details.StartedAt)
            errors.Add(new(nameof(VisitDetails.EndedAt), "结束时间不能晚于现在。"));
        if (!Enum.IsDefined(details.Place))
            errors.Add(new(nameof(VisitDetails.Place), "请选择服务地点。"));
        if (!Enum.IsDefined(details.Kind))
            errors.Add(new(nameof(VisitDetails.Kind), "请选择服务类型。"));
        if (details.Notes is { Length: > NotesMaxLength })
            errors.Add(new(nameof(VisitDetails.Notes), $"记录内容最多 {NotesMaxLength} 个字。"));
        if (details.SignedBy?.Trim() is { Length: > SignedByMaxLength })
            errors.Add(new(nameof(VisitDetails.SignedBy), $"签名人姓名最多 {SignedByMaxLength} 个字。"));
        if (!string.IsNullOrWhiteSpace(details.SignedRelation) && string.IsNullOrWhiteSpace(details.SignedBy))
            errors.Add(new(nameof(VisitDetails.SignedBy), "填写了与居民关系，请同时填写签名人姓名。"));
        return errors;
    }

    /// <summary>Records a visit; <paramref name="now"/> is China wall-clock time.</summary>
    public static VisitLog Record(Resident resident, StaffMember staff, VisitDetails details, DateTime now,
        int? planItemId = null, int? homeBedId = null, int? bedOrderId = null, VisitForm? form = null)
    {
        if (resident.Status == ResidentStatus.Deceased && DateOnly.FromDateTime(details.StartedAt) > resident.StatusChangedOn)
            throw new DomainException("visit.deceased", "该居民已登记死亡，不能登记死亡日期之后的服务。");
        if (staff.CentreId != resident.CentreId)
            throw new DomainException("visit.staff-centre", "只能由居民所在机构的医务人员登记服务。");
        var visit = new VisitLog
        {
            CountyId = resident.CountyId,
            CentreId = resident.CentreId,
            TeamId = resident.TeamId,
            VillageId = resident.VillageId,
            ResidentId = resident.Id,
            StaffMemberId = staff.Id,
            PlanItemId = planItemId,
            HomeBedId = homeBedId,
            BedOrderId = bedOrderId,
        };
        visit.Apply(details, now);
        if (form is not null)
        {
            visit.FormKind = form.Kind;
            visit.FormAnswers = form.Answers;
            visit.FormResult = form.Result;
            visit.FormScore = form.Score;
        }
        return visit;
    }

    /// <summary>
    /// Corrects the times, readings and notes of a visit; what it served stays. A form whose result follows from the
    /// readings (a chronic follow-up's classification) is given again with them.
    /// </summary>
    public void Amend(VisitDetails details, DateTime now, VisitForm? form = null)
    {
        if (details.Kind != Kind)
            throw new DomainException("visit.kind-fixed", "服务类型登记后不能修改；如登记错误，请另行登记。");
        if (form is not null && form.Kind != FormKind)
            throw new DomainException("visit.form-fixed", "服务记录表的类型登记后不能修改。");
        Apply(details, now);
        if (form is not null)
        {
            FormAnswers = form.Answers;
            FormResult = form.Result;
            FormScore = form.Score;
        }
    }

    private void Apply(VisitDetails details, DateTime now)
    {
        var errors = Validate(details, now);
        if (errors.Count > 0)
            throw new DomainException("visit.invalid", string.Join("", errors.Select(e => e.Message)));
        StartedAt = details.StartedAt;
        EndedAt = details.EndedAt;
        Place = details.Place;
        Kind = details.Kind;
        Service = details.Service;
        Vitals = details.Vitals;
        VitalFlags = details.Vitals is { } v && v.Flags.Count > 0 ? string.Join("、", v.FlagTexts) : null;
        Notes = string.IsNullOrWhiteSpace(details.Notes) ? null : details.Notes.Trim();
        SignedBy = string.IsNullOrWhiteSpace(details.SignedBy) ? null : details.SignedBy.Trim();
        SignedRelation = string.IsNullOrWhiteSpace(details.SignedRelation) ? null : details.SignedRelation.Trim();
    }
}
