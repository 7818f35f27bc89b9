using CareTeams.Domain.Assessments;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;

namespace CareTeams.Domain.HomeBeds;

/// <summary>Everything the opening form (建床) records besides the resident and the responsible staff.</summary>
public sealed record BedOpening(
    BedApplication Application,
    DateOnly OpenedOn,
    AdmissionAssessment Assessment,
    IReadOnlyList<DiagnosisInput> Diagnoses,
    BedConsent Consent,
    IReadOnlyList<BedOrderSpec> Orders);

/// <summary>
/// A home bed (家庭病床): a hospital-level care episode in an eligible resident's home, from the opening (建床) with its
/// application, admission assessment, diagnoses, responsible doctor and nurse, consent and care-plan orders, through
/// extensions of its cycle, to the closing (撤床) with its outcome and summary. Rounds and nursing visits are
/// <see cref="Visits.VisitLog"/>s that name the bed (and the order); <see cref="BedSchedule"/> says what is due.
/// A closed bed is read-only: every mutator refuses with <c>bed.closed</c>.
/// </summary>
public sealed class HomeBed : AggregateRoot
{
    public const int SummaryMaxLength = 1000;
    public const int IndicationsMaxLength = 1000;
    public const int OpinionMaxLength = 500;
    public const int FindingsMaxLength = 2000;
    public const int DiagnosisMaxLength = 200;
    public const int NameMaxLength = 50;
    public const int ItemNameMaxLength = 100;
    public const int InstructionsMaxLength = 200;
    public const int ReasonMaxLength = 500;
    public const int ClosingTextMaxLength = 2000;

    /// <summary>A bed may be recorded up to this many days after it was opened (paper first, typed later).</summary>
    public const int BackdateDays = 30;

    private readonly List<BedDiagnosis> _diagnoses = [];
    private readonly List<BedOrder> _orders = [];
    private readonly List<BedExtension> _extensions = [];

    private HomeBed()
    {
        Application = new BedApplication(HomeBedKind.Treatment, BedCondition.ChronicDisease, string.Empty, string.Empty, null, DateOnly.MinValue);
        Assessment = new AdmissionAssessment(string.Empty);
        Consent = new BedConsent(string.Empty, null, DateOnly.MinValue);
    }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public int TeamId { get; private set; }
    public int VillageId { get; private set; }
    public int ResidentId { get; private set; }
    public BedApplication Application { get; private set; }
    public HomeBedKind Kind => Application.Kind;
    public DateOnly OpenedOn { get; private set; }
    public int OpenedByStaffId { get; private set; }
    public AdmissionAssessment Assessment { get; private set; }
    public BedConsent Consent { get; private set; }
    public int ResponsibleDoctorId { get; private set; }
    public int ResponsibleNurseId { get; private set; }
    public HomeBedStatus Status { get; private set; }

    /// <summary>The cycle limit in days from the opening date: the setting's at opening, raised by each extension.</summary>
    public int LimitDays { get; private set; }

    public DateOnly? ClosedOn { get; private set; }
    public int? ClosedByStaffId { get; private set; }
    public BedOutcome? Outcome { get; private set; }

    /// <summary>What "other" means, or a remark on the outcome.</summary>
    public string? OutcomeNote { get; private set; }
    public string? ConditionAtClosing { get; private set; }

    /// <summary>撤床小结</summary>
    public string? ClosingSummary { get; private set; }

    public IReadOnlyList<BedDiagnosis> Diagnoses => _diagnoses;
    public IReadOnlyList<BedOrder> Orders => _orders;
    public IReadOnlyList<BedExtension> Extensions => _extensions;

    public bool IsClosed => Status == HomeBedStatus.Closed;
    public IEnumerable<BedDiagnosis> OpeningDiagnoses => _diagnoses.Where(d => d.Stage == DiagnosisStage.Opening).OrderBy(d => d.Sequence);
    public IEnumerable<BedDiagnosis> ClosingDiagnoses => _diagnoses.Where(d => d.Stage == DiagnosisStage.Closing).OrderBy(d => d.Sequence);

    /// <summary>The last day of the cycle: the opening date plus <see cref="LimitDays"/> (the day the bed-days reach the limit).</summary>
    public DateOnly CycleEndsOn => OpenedOn.AddDays(LimitDays);

    /// <summary>Bed-days (床日数) of a closed bed: closing date − opening date.</summary>
    public int? BedDays => ClosedOn is { } closed ? closed.DayNumber - OpenedOn.DayNumber : null;

    /// <summary>Bed-days so far: to the closing date when closed, else to <paramref name="today"/>.</summary>
    public int BedDaysOn(DateOnly today) => (ClosedOn is { } closed && closed < today ? closed : today).DayNumber - OpenedOn.DayNumber;

    /// <summary>Days left to the cycle end (negative when over the limit).</summary>
    public int DaysLeftOn(DateOnly today) => CycleEndsOn.DayNumber - today.DayNumber;

    /// <summary>
    /// Closed; over the limit (after <see cref="CycleEndsOn"/>); closing soon (at most
    /// <see cref="HomeBedSettings.ClosingSoonDays"/> days left, the end day included); or within the limit.
    /// </summary>
    public BedCycleState CycleStateOn(DateOnly today, HomeBedSettings settings)
    {
        if (IsClosed)
            return BedCycleState.Closed;
        var left = DaysLeftOn(today);
        return left < 0 ? BedCycleState.OverLimit : left <= settings.ClosingSoonDays ? BedCycleState.ClosingSoon : BedCycleState.WithinLimit;
    }

    public BedOrder Order(int orderId) =>
        _orders.FirstOrDefault(o => o.Id == orderId) ?? throw new DomainException("bed.order-missing", "该家庭病床没有这条医嘱。");

    /// <summary>Every problem with the opening form at once (fields named after <see cref="BedOpening"/>'s parts); empty when it can be recorded.</summary>
    public static IReadOnlyList<ValidationError> Validate(BedOpening opening, DateOnly today)
    {
        var errors = new List<ValidationError>();
        var application = opening.Application;
        if (!Enum.IsDefined(application.Kind))
            errors.Add(new("Application.Kind", "请选择家庭病床类型。"));
        if (!Enum.IsDefined(application.Condition))
            errors.Add(new("Application.Condition", "请选择建床病情类别。"));
        BedText.Check(errors, "Application.Summary", application.Summary, SummaryMaxLength, "病情摘要", required: true);
        BedText.Check(errors, "Application.Indications", application.Indications, IndicationsMaxLength, "建床指征", required: true);
        BedText.Check(errors, "Application.DoctorOpinion", application.DoctorOpinion, OpinionMaxLength, "医生意见", required: false);
        if (application.AppliedOn > opening.OpenedOn)
            errors.Add(new("Application.AppliedOn", "申请日期不能晚于建床日期。"));
        if (opening.OpenedOn > today)
            errors.Add(new(nameof(BedOpening.OpenedOn), "建床日期不能晚于今天。"));
        else if (opening.OpenedOn < today.AddDays(-BackdateDays))
            errors.Add(new(nameof(BedOpening.OpenedOn), $"建床日期不能早于 {BackdateDays} 天前。"));
        BedText.Check(errors, "Assessment.Findings", opening.Assessment.Findings, FindingsMaxLength, "入院评估", required: true);
        if (opening.Assessment.AbilityLevel is { } level && !Enum.IsDefined(level))
            errors.Add(new("Assessment.AbilityLevel", "能力等级无效。"));
        if (opening.Diagnoses.Count == 0)
            errors.Add(new(nameof(BedOpening.Diagnoses), "请至少填写一条建床诊断。"));
        CheckDiagnoses(errors, nameof(BedOpening.Diagnoses), opening.Diagnoses);
        BedText.Check(errors, "Consent.SignedBy", opening.Consent.SignedBy, NameMaxLength, "知情同意书签字人", required: true);
        BedText.Check(errors, "Consent.Relation", opening.Consent.Relation, NameMaxLength, "签字人与居民关系", required: false);
        if (opening.Consent.SignedOn > opening.OpenedOn)
            errors.Add(new("Consent.SignedOn", "知情同意书须在建床当日或之前签署。"));
        if (opening.Orders.Count == 0)
            errors.Add(new(nameof(BedOpening.Orders), "护理计划至少需要一条医嘱。"));
        for (var i = 0; i < opening.Orders.Count; i++)
            CheckOrder(errors, $"Orders[{i}]", opening.Orders[i], opening.OpenedOn);
        return errors;
    }

    /// <summary>Every problem with one order; <paramref name="openedOn"/> is the bed's opening date.</summary>
    public static IReadOnlyList<ValidationError> ValidateOrder(BedOrderSpec spec, DateOnly openedOn)
    {
        var errors = new List<ValidationError>();
        CheckOrder(errors, "", spec, openedOn);
        return errors;
    }

    /// <summary>
    /// Opens a bed (建床) for an eligible resident (<see cref="HomeBedEligibility"/>) who has no other open bed
    /// (<paramref name="residentBeds"/>: the resident's beds, open or closed). The responsible doctor and nurse are
    /// active staff of the resident's centre in a doctor's and a nurse's team role. The cycle limit is the setting's.
    /// </summary>
    public static HomeBed Open(
        Resident resident, IEnumerable<HomeBed> residentBeds, StaffMember doctor, StaffMember nurse, BedOpening opening,
        bool hasSignedContract, int openedByStaffId, HomeBedSettings settings, DateOnly today)
    {
        var errors = Validate(opening, today);
        if (errors.Count > 0)
            throw new DomainException("bed.invalid", string.Join("", errors.Select(e => e.Message).Distinct()));
        HomeBedEligibility.Ensure(resident, opening.Application.Condition, hasSignedContract, opening.OpenedOn, settings);
        EnsureOnlyOpenBed(resident.Id, residentBeds, opening.OpenedOn);
        CheckStaff(resident.CentreId, doctor, nurse);

        var bed = new HomeBed
        {
            CountyId = resident.CountyId,
            CentreId = resident.CentreId,
            TeamId = resident.TeamId ?? doctor.TeamId!.Value,
            VillageId = resident.VillageId,
            ResidentId = resident.Id,
            Application = opening.Application with
            {
                Summary = opening.Application.Summary.Trim(),
                Indications = opening.Application.Indications.Trim(),
                DoctorOpinion = string.IsNullOrWhiteSpace(opening.Application.DoctorOpinion) ? null : opening.Application.DoctorOpinion.Trim(),
            },
            OpenedOn = opening.OpenedOn,
            OpenedByStaffId = openedByStaffId,
            // Owned values are copied: one instance may belong to one owner only once persisted.
            Assessment = opening.Assessment with { Findings = opening.Assessment.Findings.Trim(), Vitals = opening.Assessment.Vitals is { } vitals ? vitals with { } : null },
            Consent = opening.Consent with
            {
                SignedBy = opening.Consent.SignedBy.Trim(),
                Relation = string.IsNullOrWhiteSpace(opening.Consent.Relation) ? null : opening.Consent.Relation.Trim(),
            },
            ResponsibleDoctorId = doctor.Id,
            ResponsibleNurseId = nurse.Id,
            Status = HomeBedStatus.Open,
            LimitDays = settings.Validated().CycleLimitDays,
        };
        bed.AddDiagnoses(DiagnosisStage.Opening, opening.Diagnoses);
        foreach (var spec in opening.Orders)
            bed._orders.Add(new BedOrder(bed._orders.Count + 1, Normalised(spec), openedByStaffId));
        return bed;
    }

    /// <summary>
    /// At most one open bed per resident, and a new bed may not start before an earlier one closed. One aggregate
    /// cannot see the others, so the service passes the resident's beds (persistence should back this with a
    /// filtered unique index on ResidentId where the bed is not closed).
    /// </summary>
    public static void EnsureOnlyOpenBed(int residentId, IEnumerable<HomeBed> residentBeds, DateOnly openedOn)
    {
        foreach (var bed in residentBeds.Where(b => b.ResidentId == residentId))
        {
            if (!bed.IsClosed)
                throw new DomainException("bed.already-open", $"该居民已有一张在床的家庭病床（{bed.OpenedOn:yyyy-MM-dd} 建床），请先撤床。");
            if (bed.ClosedOn > openedOn)
                throw new DomainException("bed.overlap", $"建床日期不能早于该居民上一张家庭病床的撤床日期（{bed.ClosedOn:yyyy-MM-dd}）。");
        }
    }

    /// <summary>Hands the bed to another responsible doctor and nurse of the resident's centre.</summary>
    public void ChangeResponsibleStaff(StaffMember doctor, StaffMember nurse)
    {
        EnsureOpen();
        CheckStaff(CentreId, doctor, nurse);
        ResponsibleDoctorId = doctor.Id;
        ResponsibleNurseId = nurse.Id;
    }

    /// <summary>Adds an order to the care plan; it may not start before the bed opened nor more than <see cref="BackdateDays"/> days ago.</summary>
    public BedOrder AddOrder(BedOrderSpec spec, int staffMemberId, DateOnly today)
    {
        EnsureOpen();
        var errors = ValidateOrder(spec, OpenedOn);
        if (errors.Count > 0)
            throw new DomainException("bed.order-invalid", string.Join("", errors.Select(e => e.Message)));
        if (spec.StartsOn < today.AddDays(-BackdateDays))
            throw new DomainException("bed.order-start-past", $"医嘱开始日期不能早于 {BackdateDays} 天前。");
        var order = new BedOrder(_orders.Count + 1, Normalised(spec), staffMemberId);
        _orders.Add(order);
        return order;
    }

    /// <summary>Stops an order (停医嘱) from <paramref name="on"/>: it is not due on that day or after.</summary>
    public void StopOrder(int orderId, DateOnly on, string reason, int staffMemberId, DateOnly today)
    {
        EnsureOpen();
        var order = Order(orderId);
        if (order.IsStopped)
            throw new DomainException("bed.order-stopped", $"医嘱“{order.ItemName}”已于 {order.StoppedOn:yyyy-MM-dd} 停止。");
        if (order.Until is { } until && until < on)
            throw new DomainException("bed.order-ended", $"医嘱“{order.ItemName}”已于 {until:yyyy-MM-dd} 到期，无需停止。");
        if (on < OpenedOn)
            throw new DomainException("bed.order-stop-date", "停止日期不能早于建床日期。");
        if (on > today)
            throw new DomainException("bed.order-stop-date", "停止日期不能晚于今天。");
        order.Stop(on, BedText.Required("bed.reason", reason, ReasonMaxLength, "停止原因"), staffMemberId);
    }

    /// <summary>
    /// Extends the cycle (延期) to <paramref name="newLimitDays"/> days from the opening date, with a reason; each
    /// extension is recorded. The new limit must be longer than the current one, by at most one cycle of the setting.
    /// </summary>
    public BedExtension Extend(int newLimitDays, string reason, int staffMemberId, HomeBedSettings settings, DateOnly today)
    {
        EnsureOpen();
        if (newLimitDays <= LimitDays)
            throw new DomainException("bed.extension-limit", $"延期后的周期须长于当前周期（{LimitDays} 天）。");
        if (newLimitDays - LimitDays > settings.CycleLimitDays)
            throw new DomainException("bed.extension-limit", $"每次延期最多 {settings.CycleLimitDays} 天。");
        if (today < OpenedOn)
            throw new DomainException("bed.extension-date", "延期日期不能早于建床日期。");
        var extension = new BedExtension(_extensions.Count + 1, today, LimitDays, newLimitDays,
            BedText.Required("bed.reason", reason, ReasonMaxLength, "延期原因"), staffMemberId);
        _extensions.Add(extension);
        LimitDays = newLimitDays;
        Status = HomeBedStatus.Extended;
        return extension;
    }

    /// <summary>
    /// Whether a visit may be logged against this bed (the service calls it before <see cref="Visits.VisitLog.Record"/>
    /// with a bed or an order): the bed's resident, a round (<see cref="VisitKind.BedRound"/>) or a visit for one of the
    /// bed's orders, dated from the opening to the closing day (a visit made before closing may be entered later).
    /// </summary>
    public void EnsureAcceptsVisit(int residentId, VisitKind kind, int? bedOrderId, DateOnly on)
    {
        if (residentId != ResidentId)
            throw new DomainException("bed.visit-resident", "该家庭病床不属于这位居民。");
        if (kind != VisitKind.BedRound && bedOrderId is null)
            throw new DomainException("bed.visit-kind", "登记到家庭病床的服务须为查床，或注明执行的医嘱。");
        if (bedOrderId is { } orderId)
        {
            var order = Order(orderId);
            if (!order.IsInForceOn(on))
                throw new DomainException("bed.visit-order-date", $"医嘱“{order.ItemName}”在 {on:yyyy-MM-dd} 不在执行期内。");
        }
        if (on < OpenedOn)
            throw new DomainException("bed.visit-date", $"服务日期不能早于建床日期（{OpenedOn:yyyy-MM-dd}）。");
        if (ClosedOn is { } closed && on > closed)
            throw new DomainException("bed.visit-date", $"该家庭病床已于 {closed:yyyy-MM-dd} 撤床，不能登记之后的服务。");
    }

    /// <summary>
    /// Keeps an open bed with the resident's current village and team after a move within the centre. A closed bed
    /// keeps where the resident lived during the episode, and a move to another centre changes nothing (the bed's
    /// staff belong to the old centre: close the bed there). True when something changed.
    /// </summary>
    public bool FollowResident(Resident resident)
    {
        if (resident.Id != ResidentId)
            throw new ArgumentException("Another resident's bed.", nameof(resident));
        var teamId = resident.TeamId ?? TeamId;
        if (IsClosed || resident.CentreId != CentreId || (VillageId == resident.VillageId && TeamId == teamId))
            return false;
        VillageId = resident.VillageId;
        TeamId = teamId;
        return true;
    }

    /// <summary>Every problem with the closing form at once; empty when it can be recorded.</summary>
    public IReadOnlyList<ValidationError> ValidateClosing(BedClosingInput closing, DateOnly today)
    {
        var errors = new List<ValidationError>();
        if (closing.ClosedOn < OpenedOn)
            errors.Add(new(nameof(BedClosingInput.ClosedOn), $"撤床日期不能早于建床日期（{OpenedOn:yyyy-MM-dd}）。"));
        if (closing.ClosedOn > today)
            errors.Add(new(nameof(BedClosingInput.ClosedOn), "撤床日期不能晚于今天。"));
        if (!Enum.IsDefined(closing.Outcome))
            errors.Add(new(nameof(BedClosingInput.Outcome), "请选择转归。"));
        BedText.Check(errors, nameof(BedClosingInput.OutcomeNote), closing.OutcomeNote, ReasonMaxLength, "转归说明",
            required: closing.Outcome == BedOutcome.Other);
        BedText.Check(errors, nameof(BedClosingInput.ConditionAtClosing), closing.ConditionAtClosing, ClosingTextMaxLength, "撤床时病情", required: true);
        BedText.Check(errors, nameof(BedClosingInput.Summary), closing.Summary, ClosingTextMaxLength, "撤床小结", required: true);
        if (closing.Diagnoses.Count == 0)
            errors.Add(new(nameof(BedClosingInput.Diagnoses), "请至少填写一条撤床诊断。"));
        CheckDiagnoses(errors, nameof(BedClosingInput.Diagnoses), closing.Diagnoses);
        return errors;
    }

    /// <summary>Closes the bed (撤床). Bed-days are closing date − opening date. After this the bed is read-only.</summary>
    public void Close(BedClosingInput closing, int staffMemberId, DateOnly today)
    {
        EnsureOpen();
        var errors = ValidateClosing(closing, today);
        if (errors.Count > 0)
            throw new DomainException("bed.closing-invalid", string.Join("", errors.Select(e => e.Message).Distinct()));
        AddDiagnoses(DiagnosisStage.Closing, closing.Diagnoses);
        ClosedOn = closing.ClosedOn;
        ClosedByStaffId = staffMemberId;
        Outcome = closing.Outcome;
        OutcomeNote = string.IsNullOrWhiteSpace(closing.OutcomeNote) ? null : closing.OutcomeNote.Trim();
        ConditionAtClosing = closing.ConditionAtClosing.Trim();
        ClosingSummary = closing.Summary.Trim();
        Status = HomeBedStatus.Closed;
    }

    private void EnsureOpen()
    {
        if (IsClosed)
            throw new DomainException("bed.closed", $"该家庭病床已于 {ClosedOn:yyyy-MM-dd} 撤床，不能再修改。");
    }

    private void AddDiagnoses(DiagnosisStage stage, IEnumerable<DiagnosisInput> diagnoses)
    {
        var sequence = 0;
        foreach (var diagnosis in diagnoses)
        {
            var code = string.IsNullOrWhiteSpace(diagnosis.Icd10Code) ? null : Icd10.Parse(diagnosis.Icd10Code).Value;
            _diagnoses.Add(new BedDiagnosis(stage, ++sequence, diagnosis.Text.Trim(), code));
        }
    }

    private static void CheckDiagnoses(List<ValidationError> errors, string field, IReadOnlyList<DiagnosisInput> diagnoses)
    {
        for (var i = 0; i < diagnoses.Count; i++)
        {
            BedText.Check(errors, $"{field}[{i}].Text", diagnoses[i].Text, DiagnosisMaxLength, $"第 {i + 1} 条诊断名称", required: true);
            if (!string.IsNullOrWhiteSpace(diagnoses[i].Icd10Code) && Icd10.Parse(diagnoses[i].Icd10Code) is { Ok: false } parsed)
                errors.Add(new($"{field}[{i}].Icd10Code", $"第 {i + 1} 条诊断：{parsed.Error}"));
        }
    }

    private static void CheckOrder(List<ValidationError> errors, string prefix, BedOrderSpec spec, DateOnly openedOn)
    {
        var at = prefix.Length == 0 ? "" : prefix + ".";
        var name = BedText.Check(errors, at + nameof(BedOrderSpec.ItemName), spec.ItemName, ItemNameMaxLength, "医嘱项目", required: true);
        var label = name is null ? "医嘱" : $"医嘱“{name}”";
        if (!Enum.IsDefined(spec.Kind))
            errors.Add(new(at + nameof(BedOrderSpec.Kind), $"{label}：请选择护理或医疗。"));
        if (spec.Frequency is null)
            errors.Add(new(at + nameof(BedOrderSpec.Frequency), $"{label}：请选择执行频次。"));
        else if (OrderFrequency.Problem(spec.Frequency.Unit, spec.Frequency.Count) is { } problem)
            errors.Add(new(at + nameof(BedOrderSpec.Frequency), $"{label}：{problem}"));
        BedText.Check(errors, at + nameof(BedOrderSpec.Instructions), spec.Instructions, InstructionsMaxLength, $"{label}的用法说明", required: false);
        if (spec.StartsOn < openedOn)
            errors.Add(new(at + nameof(BedOrderSpec.StartsOn), $"{label}：开始日期不能早于建床日期。"));
        if (spec.Until is { } until && until < spec.StartsOn)
            errors.Add(new(at + nameof(BedOrderSpec.Until), $"{label}：截止日期不能早于开始日期。"));
    }

    private static BedOrderSpec Normalised(BedOrderSpec spec) => spec with
    {
        ItemName = spec.ItemName.Trim(),
        Instructions = string.IsNullOrWhiteSpace(spec.Instructions) ? null : spec.Instructions.Trim(),
    };

    private static void CheckStaff(int centreId, StaffMember doctor, StaffMember nurse)
    {
        if (doctor.CentreId != centreId || !doctor.IsActive || doctor.TeamRole is not { } doctorRole || !doctorRole.IsDoctor())
            throw new DomainException("bed.doctor", "责任医生须为居民所在机构在岗的医生（团队长、全科医生或乡村医生）。");
        if (nurse.CentreId != centreId || !nurse.IsActive || nurse.TeamRole != TeamRole.Nurse)
            throw new DomainException("bed.nurse", "责任护士须为居民所在机构在岗的团队护士。");
    }
}
