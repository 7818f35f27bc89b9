using CareTeams.Domain.Assessments;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Referrals;

/// <summary>
/// A referral (转诊) of a resident between two institutions of the alliance: up (上转) to a higher level, down (下转)
/// back to primary care with a return form, or a transfer (转介) between a medical and a care institution.
/// Requested → Accepted | Declined | Cancelled | Expired; Accepted → Arrived → Returned (a down-referral answering it
/// was sent) | Closed. Declined, Cancelled, Expired, Returned and Closed are final: every mutator refuses with
/// <c>referral.final</c>. Each step is a <see cref="ReferralStep"/> with who and when (an instant, a
/// <see cref="DateTimeOffset"/>; its China date is <see cref="ReferralStep.Date"/>).
/// </summary>
public sealed class Referral : AggregateRoot
{
    public const int ReasonMaxLength = 1000;
    public const int DiagnosisMaxLength = 200;
    public const int TreatmentMaxLength = 2000;
    public const int HistoryMaxLength = 1000;
    public const int ReturnTextMaxLength = 2000;
    public const int InpatientNumberMaxLength = 50;
    public const int MaxAttachments = 20;

    /// <summary>The resident's team follows a down-referral up within two weeks (DOMAIN.md, follow-ups).</summary>
    public const int FollowUpWithinDays = 14;

    private readonly List<ReferralAttachment> _attachments = [];
    private readonly List<ReferralStep> _steps = [];

    private Referral()
    {
        Reason = Diagnosis = RequestedByName = ResidentName = string.Empty;
    }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public int TeamId { get; private set; }
    public int ResidentId { get; private set; }

    /// <summary>The resident's name, sex and date of birth when referred: what the slip's stub and the lists show.</summary>
    public string ResidentName { get; private set; }
    public Sex ResidentSex { get; private set; }
    public DateOnly ResidentDateOfBirth { get; private set; }

    public int FromInstitutionId { get; private set; }
    public AllianceInstitutionKind FromKind { get; private set; }
    public int ToInstitutionId { get; private set; }
    public AllianceInstitutionKind ToKind { get; private set; }

    public ReferralDirection Direction { get; private set; }
    public ReferralUrgency Urgency { get; private set; }
    public bool IsGreenChannel => Urgency == ReferralUrgency.GreenChannel;

    /// <summary>转诊原因 / 主要现病史</summary>
    public string Reason { get; private set; }

    /// <summary>初步印象 (up) or the diagnosis the down-referral is about, as free text.</summary>
    public string Diagnosis { get; private set; }
    public string? Icd10Code { get; private set; }

    /// <summary>治疗经过 so far.</summary>
    public string? TreatmentSoFar { get; private set; }

    /// <summary>主要既往史</summary>
    public string? History { get; private set; }

    /// <summary>The return form of a down-referral (null otherwise).</summary>
    public ReturnForm? Return { get; private set; }

    /// <summary>A down-referral proposes a home bed (家庭病床) to the resident's team.</summary>
    public bool ProposesHomeBed { get; private set; }

    /// <summary>The referring staff member when they are one of a centre's staff (hospital and care-home staff are not).</summary>
    public int? RequestedByStaffId { get; private set; }

    /// <summary>The referring doctor's name as the slip prints it.</summary>
    public string RequestedByName { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public ReferralStatus Status { get; private set; }

    /// <summary>The up-referral (or transfer) this one answers, if any.</summary>
    public int? AnswersReferralId { get; private set; }

    /// <summary>The referral answering this one (it made this one Returned). Navigation: its id is known after saving.</summary>
    public Referral? ReturnedBy { get; private set; }
    public int? ReturnedByReferralId { get; private set; }

    public IReadOnlyList<ReferralAttachment> Attachments => _attachments;
    public IReadOnlyList<ReferralStep> Steps => _steps;

    public bool IsFinal => Status.IsFinal();

    /// <summary>The latest step (the current status's who and when).</summary>
    public ReferralStep LastStep => _steps[^1];

    /// <summary>
    /// What the resident's team must do after a down-referral (the service turns it into a follow-up task), or null
    /// for other directions.
    /// </summary>
    public string? FollowUpTask => Direction != ReferralDirection.Down || Return is null
        ? null
        : $"下转随访：{Return.DiagnosisResult}。{Return.FollowUpInstructions ?? Return.NextPlan}"
          + (ProposesHomeBed ? "（建议评估家庭病床）" : string.Empty);

    /// <summary>
    /// The day by which the resident's team should have visited after a down-referral (two weeks after it was sent), or
    /// null when there is nothing to follow up: not a down-referral, or it was declined, cancelled or expired.
    /// </summary>
    public DateOnly? FollowUpDueOn => Direction == ReferralDirection.Down && Status.IsToFollowUp()
            ? ChinaTime.DateOf(RequestedAt).AddDays(FollowUpWithinDays)
            : null;

    /// <summary>Every problem with the form at once (fields named after <see cref="ReferralForm"/>); empty when it can be sent.</summary>
    public static IReadOnlyList<ValidationError> Validate(ReferralForm form, AllianceInstitution from, AllianceInstitution to)
    {
        var errors = new List<ValidationError>();
        if (!Enum.IsDefined(form.Direction))
            errors.Add(new(nameof(ReferralForm.Direction), "请选择转诊方向。"));
        else if (DirectionProblem(form.Direction, from, to) is { } problem)
            errors.Add(new(nameof(ReferralForm.Direction), problem));
        if (!Enum.IsDefined(form.Urgency))
            errors.Add(new(nameof(ReferralForm.Urgency), "请选择紧急程度。"));
        else if (form.Urgency == ReferralUrgency.GreenChannel && form.Direction != ReferralDirection.Up)
            errors.Add(new(nameof(ReferralForm.Urgency), "绿色通道仅用于上转。"));
        BedText.Check(errors, nameof(ReferralForm.Reason), form.Reason, ReasonMaxLength, "转诊原因", required: true);
        BedText.Check(errors, nameof(ReferralForm.Diagnosis), form.Diagnosis, DiagnosisMaxLength, "诊断", required: true);
        if (!string.IsNullOrWhiteSpace(form.Icd10Code) && Icd10.Parse(form.Icd10Code).Error is { } icdError)
            errors.Add(new(nameof(ReferralForm.Icd10Code), icdError));
        BedText.Check(errors, nameof(ReferralForm.TreatmentSoFar), form.TreatmentSoFar, TreatmentMaxLength, "治疗经过", required: false);
        BedText.Check(errors, nameof(ReferralForm.History), form.History, HistoryMaxLength, "主要既往史", required: false);
        if (form.Attachments.Count > MaxAttachments)
            errors.Add(new(nameof(ReferralForm.Attachments), $"附件最多 {MaxAttachments} 项。"));
        for (var i = 0; i < form.Attachments.Count; i++)
        {
            BedText.Check(errors, $"Attachments[{i}].Title", form.Attachments[i].Title, ReferralAttachment.TitleMaxLength, "附件名称", required: true);
            BedText.Check(errors, $"Attachments[{i}].Summary", form.Attachments[i].Summary, ReferralAttachment.SummaryMaxLength, "附件摘要", required: true);
        }
        if (form.Direction == ReferralDirection.Down)
        {
            if (form.Return is not { } back)
                errors.Add(new(nameof(ReferralForm.Return), "下转须填写回转单。"));
            else
            {
                BedText.Check(errors, "Return.DiagnosisResult", back.DiagnosisResult, DiagnosisMaxLength, "诊断结果", required: true);
                BedText.Check(errors, "Return.InpatientNumber", back.InpatientNumber, InpatientNumberMaxLength, "住院病案号", required: false);
                BedText.Check(errors, "Return.MainFindings", back.MainFindings, ReturnTextMaxLength, "主要检查结果", required: false);
                BedText.Check(errors, "Return.Treatment", back.Treatment, ReturnTextMaxLength, "治疗经过", required: false);
                BedText.Check(errors, "Return.NextPlan", back.NextPlan, ReturnTextMaxLength, "下一步治疗方案及康复建议", required: true);
                BedText.Check(errors, "Return.FollowUpInstructions", back.FollowUpInstructions, ReturnTextMaxLength, "随访要求", required: false);
            }
        }
        else
        {
            if (form.Return is not null)
                errors.Add(new(nameof(ReferralForm.Return), "只有下转填写回转单。"));
            if (form.ProposesHomeBed)
                errors.Add(new(nameof(ReferralForm.ProposesHomeBed), "只有下转可以建议家庭病床。"));
        }
        return errors;
    }

    /// <summary>
    /// Sends a referral of <paramref name="resident"/> from <paramref name="from"/> to <paramref name="to"/>.
    /// <paramref name="answers"/> is the up-referral (or transfer) this one answers: it must be Arrived, of the same
    /// resident, between the same two institutions the other way round; it becomes Returned and both are linked.
    /// </summary>
    public static Referral Request(Resident resident, AllianceInstitution from, AllianceInstitution to, ReferralForm form,
        ReferralActor by, DateTimeOffset at, Referral? answers = null)
    {
        if (resident.TeamId is not { } teamId)
            throw new DomainException("referral.no-team", "该居民尚无负责团队，不能转诊。");
        if (from.CountyId != resident.CountyId || to.CountyId != resident.CountyId)
            throw new DomainException("referral.other-county", "转出和接收机构须与居民同属一个县（区）的医共体。");
        if (from.Id == to.Id)
            throw new DomainException("referral.same-institution", "转出和接收机构不能相同。");
        var errors = Validate(form, from, to);
        if (errors.Count > 0)
            throw new DomainException("referral.invalid", errors[0].Message);
        if (answers is not null)
            CheckAnswer(answers, resident, from, to, form.Direction);

        var referral = new Referral
        {
            CountyId = resident.CountyId,
            CentreId = resident.CentreId,
            TeamId = teamId,
            ResidentId = resident.Id,
            ResidentName = resident.Name,
            ResidentSex = resident.Sex,
            ResidentDateOfBirth = resident.DateOfBirth,
            FromInstitutionId = from.Id,
            FromKind = from.Kind,
            ToInstitutionId = to.Id,
            ToKind = to.Kind,
            Direction = form.Direction,
            Urgency = form.Urgency,
            Reason = form.Reason.Trim(),
            Diagnosis = form.Diagnosis.Trim(),
            Icd10Code = string.IsNullOrWhiteSpace(form.Icd10Code) ? null : Icd10.Parse(form.Icd10Code).Value,
            TreatmentSoFar = Blank(form.TreatmentSoFar),
            History = Blank(form.History),
            Return = form.Return is { } back
                ? new ReturnForm(back.DiagnosisResult.Trim(), Blank(back.InpatientNumber), Blank(back.MainFindings),
                    Blank(back.Treatment), back.NextPlan.Trim(), Blank(back.FollowUpInstructions))
                : null,
            ProposesHomeBed = form.ProposesHomeBed,
            RequestedByStaffId = by.StaffId,
            RequestedByName = by.Name,
            RequestedAt = at,
            Status = ReferralStatus.Requested,
            AnswersReferralId = answers?.Id,
        };
        for (var i = 0; i < form.Attachments.Count; i++)
            referral._attachments.Add(new ReferralAttachment(i + 1, form.Attachments[i].Title.Trim(), form.Attachments[i].Summary.Trim()));
        referral._steps.Add(new ReferralStep(ReferralStatus.Requested, by, from.Id, at, null));
        answers?.MarkReturned(referral, by, from.Id, at);
        return referral;
    }

    /// <summary>The receiving institution accepts.</summary>
    public void Accept(ReferralActor by, int institutionId, DateTimeOffset at)
    {
        RequireStatus(ReferralStatus.Requested, "只有待接收的转诊可以接收。");
        RequireReceiver(institutionId, "只有接收机构可以接收转诊。");
        Move(ReferralStatus.Accepted, by, institutionId, at, null);
    }

    /// <summary>The receiving institution declines, with a reason.</summary>
    public void Decline(ReferralActor by, int institutionId, string reason, DateTimeOffset at)
    {
        RequireStatus(ReferralStatus.Requested, "只有待接收的转诊可以拒绝。");
        RequireReceiver(institutionId, "只有接收机构可以拒绝转诊。");
        Move(ReferralStatus.Declined, by, institutionId, at, RequiredNote(reason, "拒绝原因"));
    }

    /// <summary>The sender cancels, with a reason, while the referral is still unanswered.</summary>
    public void Cancel(ReferralActor by, int institutionId, string reason, DateTimeOffset at)
    {
        RequireStatus(ReferralStatus.Requested, "只有待接收的转诊可以撤销。");
        if (institutionId != FromInstitutionId)
            throw new DomainException("referral.not-sender", "只有转出机构可以撤销转诊。");
        Move(ReferralStatus.Cancelled, by, institutionId, at, RequiredNote(reason, "撤销原因"));
    }

    /// <summary>The receiving institution confirms the resident arrived.</summary>
    public void ConfirmArrival(ReferralActor by, int institutionId, DateTimeOffset at)
    {
        RequireStatus(ReferralStatus.Accepted, "只有已接收的转诊可以确认到达。");
        RequireReceiver(institutionId, "只有接收机构可以确认到达。");
        Move(ReferralStatus.Arrived, by, institutionId, at, null);
    }

    /// <summary>Ends an arrived referral without a down-referral (either of the two institutions).</summary>
    public void Close(ReferralActor by, int institutionId, string? note, DateTimeOffset at)
    {
        RequireStatus(ReferralStatus.Arrived, "只有已到达的转诊可以结束。");
        if (institutionId != FromInstitutionId && institutionId != ToInstitutionId)
            throw new DomainException("referral.not-party", "只有转出或接收机构可以结束转诊。");
        var trimmed = Blank(note);
        if (trimmed?.Length > ReferralStep.NoteMaxLength)
            throw new DomainException("referral.note-too-long", $"说明最多 {ReferralStep.NoteMaxLength} 个字。");
        Move(ReferralStatus.Closed, by, institutionId, at, trimmed);
    }

    /// <summary>When the referral has been unanswered (Requested) <paramref name="days"/> × 24 hours or more, it expires.</summary>
    public bool ExpireIfUnanswered(DateTimeOffset now, int days)
    {
        if (days < 1)
            throw new ArgumentOutOfRangeException(nameof(days), days, "The expiry must be at least one day.");
        if (Status != ReferralStatus.Requested || now < ExpiresAt(days))
            return false;
        Move(ReferralStatus.Expired, null, null, now, $"{days} 天未处理，自动过期。");
        return true;
    }

    public DateTimeOffset ExpiresAt(int days) => RequestedAt.AddDays(days);

    /// <summary>
    /// Who sees the referral: the resident's team (the sending team of an up-referral or transfer, the following-up
    /// team of a down-referral), the receiving institution's staff, and the sending institution's staff when the sender
    /// is the leading hospital or a care institution (they have no team). Nobody else.
    /// </summary>
    public bool IsVisibleTo(int? teamId, int? institutionId) =>
        (teamId is { } team && team == TeamId)
        || (institutionId is { } institution
            && (institution == ToInstitutionId || (institution == FromInstitutionId && SenderIsInstitution)));

    private bool SenderIsInstitution => FromKind is AllianceInstitutionKind.LeadingHospital or AllianceInstitutionKind.CareInstitution;

    /// <summary>Why <paramref name="direction"/> does not fit the two institutions, or null when it does.</summary>
    public static string? DirectionProblem(ReferralDirection direction, AllianceInstitution from, AllianceInstitution to) =>
        DirectionProblem(direction, from.Kind, to.Kind);

    /// <summary>Why <paramref name="direction"/> does not fit institutions of these kinds, or null when it does (the form's choices).</summary>
    public static string? DirectionProblem(ReferralDirection direction, AllianceInstitutionKind from, AllianceInstitutionKind to)
    {
        var fromLevel = from.MedicalLevel();
        var toLevel = to.MedicalLevel();
        return direction switch
        {
            ReferralDirection.Up when fromLevel == 0 || toLevel == 0 || toLevel <= fromLevel =>
                "上转须从村卫生室或乡镇卫生院转往更高一级的医疗机构。",
            ReferralDirection.Down when fromLevel == 0 || toLevel == 0 || toLevel >= fromLevel =>
                "下转须从上级医疗机构转往下一级的医疗机构。",
            ReferralDirection.Transfer when from.IsMedical() == to.IsMedical() =>
                "转介须在医疗机构与养老机构之间进行。",
            _ => null,
        };
    }

    private static void CheckAnswer(Referral answered, Resident resident, AllianceInstitution from, AllianceInstitution to, ReferralDirection direction)
    {
        var expected = answered.Direction switch
        {
            ReferralDirection.Up => ReferralDirection.Down,
            ReferralDirection.Transfer => ReferralDirection.Transfer,
            _ => (ReferralDirection?)null,
        };
        if (expected != direction)
            throw new DomainException("referral.answer-direction", "回转只能答复上转（以下转）或转介（以转介）。");
        if (answered.Status != ReferralStatus.Arrived)
            throw new DomainException("referral.answer-not-arrived", "只能答复居民已到达的转诊。");
        if (answered.ResidentId != resident.Id)
            throw new DomainException("referral.answer-other-resident", "回转的居民须与原转诊相同。");
        if (answered.ToInstitutionId != from.Id || answered.FromInstitutionId != to.Id)
            throw new DomainException("referral.answer-institutions", "回转须由原接收机构转回原转出机构。");
    }

    private void MarkReturned(Referral answer, ReferralActor by, int institutionId, DateTimeOffset at)
    {
        ReturnedBy = answer;
        ReturnedByReferralId = answer.Id == 0 ? null : answer.Id;
        Move(ReferralStatus.Returned, by, institutionId, at, null);
    }

    private void Move(ReferralStatus status, ReferralActor? by, int? institutionId, DateTimeOffset at, string? note)
    {
        if (at < LastStep.At)
            throw new DomainException("referral.time-before", "时间不能早于上一步。");
        Status = status;
        _steps.Add(new ReferralStep(status, by, institutionId, at, note));
    }

    private void RequireStatus(ReferralStatus required, string message)
    {
        if (IsFinal)
            throw new DomainException("referral.final", $"该转诊{Status.ChineseName()}，不能再更改。");
        if (Status != required)
            throw new DomainException("referral.wrong-status", message);
    }

    private void RequireReceiver(int institutionId, string message)
    {
        if (institutionId != ToInstitutionId)
            throw new DomainException("referral.not-receiver", message);
    }

    private static string RequiredNote(string? value, string label)
    {
        var trimmed = Blank(value) ?? throw new DomainException("referral.reason-required", $"请填写{label}。");
        return trimmed.Length > ReferralStep.NoteMaxLength
            ? throw new DomainException("referral.reason-too-long", $"{label}最多 {ReferralStep.NoteMaxLength} 个字。")
            : trimmed;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
