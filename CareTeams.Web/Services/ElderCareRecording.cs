using System.Text.Json;
using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>Who the item is for, as the form shows it (the ID number masked).</summary>
public sealed record ElderSummary(int Id, string Name, Sex Sex, int Age, string MaskedIdNumber, string? Phone, string? Address,
    string VillageName, string? TeamName, KeyPopulation KeyPopulations);

/// <summary>The visit that did a done item, shown read-only.</summary>
public sealed record RecordedVisit(int Id, DateTime StartedAt, DateTime EndedAt, VisitPlace Place, string StaffName, VitalSigns? Vitals,
    string? VitalFlags, string? Notes, string? SignedBy, string? SignedRelation, VisitFormKind FormKind, string? FormAnswers,
    string? FormResult, int? FormScore);

/// <summary>
/// One plan item with everything its form needs: the resident, the item's window and state, the plan's
/// version (the token a save is checked against), the latest measured BMI and waist (for the TCM form's
/// items 9 and 28), and, once done, the visit that did it.
/// </summary>
public sealed record ElderCareItem(int PlanId, Guid PlanVersion, int Year, int ItemId, PlanItemKind Kind, int Sequence, string Title,
    DateOnly Earliest, DateOnly WindowStart, DateOnly Due, PlanItemStatus Status, PlanItemState State, DateOnly? ClosedOn,
    string? ClosedByName, string? Reason, ElderSummary Resident, decimal? LatestBmi, decimal? LatestWaistCm, RecordedVisit? Visit)
{
    public bool IsOpen => Status == PlanItemStatus.Open;
}

/// <summary>When, where and with whom a visit took place (China wall-clock times), its notes and who signed.</summary>
public sealed record VisitInput
{
    public DateTime StartedAt { get; init; }
    public DateTime EndedAt { get; init; }
    public VisitPlace Place { get; init; } = VisitPlace.Home;
    public string? Notes { get; init; }
    public string? SignedBy { get; init; }
    public string? SignedRelation { get; init; }
}

/// <summary>The readings of an integrated care visit, every one optional.</summary>
public sealed record VitalsInput
{
    public int? Systolic { get; init; }
    public int? Diastolic { get; init; }
    public int? Pulse { get; init; }
    public decimal? TemperatureC { get; init; }
    public decimal? FastingGlucose { get; init; }
    public int? OxygenSaturation { get; init; }
    public decimal? WeightKg { get; init; }

    public bool IsEmpty => this == new VitalsInput();

    public IReadOnlyList<ValidationError> Validate() =>
        VitalSigns.Validate(Systolic, Diastolic, Pulse, TemperatureC, FastingGlucose, OxygenSaturation, WeightKg);

    public VitalSigns ToVitals() => VitalSigns.Create(Systolic, Diastolic, Pulse, TemperatureC, FastingGlucose, OxygenSaturation, WeightKg);
}

/// <summary>What the ability form sends: points per item code, the coma answer, diagnoses and care-risk events, the reason.</summary>
public sealed record AbilityInput
{
    public IReadOnlyDictionary<string, int> Answers { get; init; } = new Dictionary<string, int>();
    public bool InComa { get; init; }
    public IReadOnlyList<Diagnosis> Diagnoses { get; init; } = [];
    public IReadOnlyList<CareRiskEvent> CareRiskEvents { get; init; } = [];
    public AbilityAssessmentReason? Reason { get; init; }
}

/// <summary>
/// Recording the "2111" services with their standard forms: each record validates on the server, makes
/// the <see cref="VisitLog"/> with the instrument's <see cref="VisitForm"/>, marks the plan item done,
/// counts it against the resident's contract and (for the ability assessment) sets the 失能 tag, all in
/// one save checked against the plan's version. Plans are reached through the scoped context, so
/// another team's item is simply not found.
/// </summary>
public sealed class ElderCareRecording(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock)
{
    /// <summary>The source name a done item's fulfilment record carries on the contract.</summary>
    public const string FulfilmentSource = "2111";

    public const int ServicesMaxLength = 300;

    /// <summary>The stored lengths of a visit's form answers and result (VisitLogConfiguration).</summary>
    public const int FormAnswersMaxLength = 8000, FormResultMaxLength = 500;

    /// <summary>The longest description of an abnormal exam finding, so the result text fits its column.</summary>
    public const int FindingMaxLength = 200;

    public const string NoStaffMessage = "您的账号未关联医务人员（医生或护士），不能登记或拒绝服务项目。请使用本团队医务人员的账号操作。";

    public async Task<ElderCareItem?> GetAsync(int itemId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.ElderPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Items.Any(i => i.Id == itemId), cancellationToken);
        if (plan is null)
            return null;
        var item = plan.Item(itemId);
        var today = clock.Today;
        var resident = await db.Residents.AsNoTracking().Where(r => r.Id == plan.ResidentId)
            .Select(r => new
            {
                Resident = r,
                Village = db.Villages.Where(v => v.Id == r.VillageId).Select(v => v.Name).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (resident is null)
            return null;
        var r = resident.Resident;
        var summary = new ElderSummary(r.Id, r.Name, r.Sex, r.AgeOn(today), r.MaskedIdNumber, r.Phone, r.Address,
            resident.Village ?? string.Empty, resident.Team, r.KeyPopulationsOn(today));

        var closedBy = item.StaffMemberId is { } staffId
            ? await db.Staff.Where(s => s.Id == staffId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var visit = item.Status == PlanItemStatus.Done
            ? await db.Visits.AsNoTracking().Where(v => v.PlanItemId == itemId).OrderByDescending(v => v.StartedAt)
                .Select(v => new RecordedVisit(v.Id, v.StartedAt, v.EndedAt, v.Place,
                    db.Staff.Where(s => s.Id == v.StaffMemberId).Select(s => s.Name).FirstOrDefault() ?? string.Empty,
                    v.Vitals, v.VitalFlags, v.Notes, v.SignedBy, v.SignedRelation, v.FormKind, v.FormAnswers, v.FormResult, v.FormScore))
                .FirstOrDefaultAsync(cancellationToken)
            : null;

        decimal? bmi = null, waist = null;
        if (item.Kind == PlanItemKind.TcmConstitution)
        {
            var exam = await db.Visits.AsNoTracking()
                .Where(v => v.ResidentId == r.Id && v.FormKind == VisitFormKind.PhysicalExam && v.FormAnswers != null)
                .OrderByDescending(v => v.StartedAt).Select(v => v.FormAnswers).FirstOrDefaultAsync(cancellationToken);
            (bmi, waist) = MeasuresOf(exam);
        }

        return new ElderCareItem(plan.Id, plan.Version, plan.Year, item.Id, item.Kind, item.Sequence, item.Title, item.Earliest,
            item.WindowStart, item.Due, item.Status, item.StateOn(today), item.ClosedOn, closedBy, item.Reason, summary, bmi, waist, visit);
    }

    /// <summary>医养结合服务: vitals, the services provided, notes and an optional signature.</summary>
    public Task<SaveResult> RecordIntegratedCareAsync(int itemId, Guid planVersion, VisitInput visit, VitalsInput vitals, string? services,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<ValidationError>(vitals.Validate());
        var text = services?.Trim();
        if (string.IsNullOrEmpty(text))
            errors.Add(new("Services", "请选择或填写本次提供的服务内容。"));
        else if (text.Length > ServicesMaxLength)
            errors.Add(new("Services", $"服务内容最多 {ServicesMaxLength} 个字。"));
        return RecordAsync(itemId, planVersion, PlanItemKind.IntegratedCare, visit, vitals.IsEmpty ? null : vitals, errors,
            _ => (VisitForm.IntegratedCare(text!), null), cancellationToken);
    }

    /// <summary>健康体检: the exam form, dated the visit's day.</summary>
    public Task<SaveResult> RecordPhysicalExamAsync(int itemId, Guid planVersion, VisitInput visit, PhysicalExamInput exam,
        CancellationToken cancellationToken = default)
    {
        exam = exam with { ExamDate = DateOnly.FromDateTime(visit.StartedAt) };
        var errors = PhysicalExamRecord.Validate(exam, clock.Today).ToList();
        if (exam.HealthEvaluation?.Description is { Length: > FindingMaxLength })
            errors.Add(new(nameof(PhysicalExamInput.HealthEvaluation), $"异常情况最多 {FindingMaxLength} 个字。"));
        return RecordAsync(itemId, planVersion, PlanItemKind.PhysicalExam, visit, null, errors,
            resident => (VisitForm.Exam(PhysicalExamRecord.Record(resident.Id, exam, clock.Today)), null), cancellationToken);
    }

    /// <summary>中医体质辨识: the 33 answers (null for a blank, refused naming every blank item).</summary>
    public Task<SaveResult> RecordTcmAsync(int itemId, Guid planVersion, VisitInput visit, IReadOnlyList<int?> answers,
        CancellationToken cancellationToken = default)
    {
        var errors = TcmAnswers.Validate(answers);
        return RecordAsync(itemId, planVersion, PlanItemKind.TcmConstitution, visit, null, errors, _ =>
        {
            var set = TcmAnswers.Create(answers);
            return (VisitForm.Tcm(set, TcmScoring.Score(set)), null);
        }, cancellationToken);
    }

    /// <summary>失能评估: the 26 items, coma, diagnoses, care-risk events and the reason; the level sets the 失能 tag.</summary>
    public Task<SaveResult> RecordAbilityAsync(int itemId, Guid planVersion, VisitInput visit, AbilityInput input,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<ValidationError>();
        if (input.Reason is not { } reason || !Enum.IsDefined(reason))
            errors.Add(new(nameof(AbilityInput.Reason), "请选择评估原因。"));
        var missing = AbilityScale.Items.Where(i => !input.Answers.ContainsKey(i.Code)).ToList();
        if (missing.Count > 0)
            errors.Add(new(nameof(AbilityInput.Answers), $"能力评估未完成，缺少以下项目：{string.Join("、", missing.Select(i => i.Name))}。"));
        var on = DateOnly.FromDateTime(visit.StartedAt);
        return RecordAsync(itemId, planVersion, PlanItemKind.AbilityAssessment, visit, null, errors, _ =>
        {
            var assessment = AbilityAssessment.Score(on, input.Reason!.Value, input.Answers, input.InComa, input.Diagnoses, input.CareRiskEvents);
            return (VisitForm.Ability(assessment), assessment.ApplyTo);
        }, cancellationToken);
    }

    /// <summary>The elder declined the service; the reason is kept and the item is closed.</summary>
    public async Task<SaveResult> DeclineAsync(int itemId, Guid planVersion, string? reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
            return SaveResult.Invalid("Reason", "请填写居民拒绝的原因。");
        if (currentUser.Scope.StaffMemberId <= 0)
            return SaveResult.Invalid(string.Empty, NoStaffMessage);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await PlanOfAsync(db, itemId, cancellationToken);
        var today = clock.Today;
        return await VersionedChange.SaveAsync(db, plan, planVersion, p =>
        {
            p.Decline(itemId, reason, today, currentUser.Scope.StaffMemberId, today);
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);
    }

    private async Task<SaveResult> RecordAsync(int itemId, Guid planVersion, PlanItemKind kind, VisitInput visit, VitalsInput? vitals,
        IReadOnlyList<ValidationError> formErrors, Func<Resident, (VisitForm Form, Action<Resident>? Apply)> form,
        CancellationToken cancellationToken)
    {
        var staffId = currentUser.Scope.StaffMemberId;
        if (staffId <= 0)
            return SaveResult.Invalid(string.Empty, NoStaffMessage);
        var now = ChinaTime.LocalTimeOf(clock.Now);
        var today = clock.Today;
        var details = new VisitDetails(visit.StartedAt, visit.EndedAt, visit.Place, VisitKind.Plan2111, kind.ServiceKind(),
            null, visit.Notes, visit.SignedBy, visit.SignedRelation);
        var errors = VisitLog.Validate(details, now).Concat(formErrors).ToList();
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await PlanOfAsync(db, itemId, cancellationToken);
        if (plan is null)
            return SaveResult.NotFound();
        if (plan.Item(itemId).Kind != kind)
            return SaveResult.Invalid(string.Empty, $"该服务项目是{plan.Item(itemId).Title}，不能用{kind.ChineseName()}表登记。");
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == plan.ResidentId, cancellationToken);
        var staff = await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        if (resident is null)
            return SaveResult.NotFound();
        if (staff is null)
            return SaveResult.Invalid(string.Empty, NoStaffMessage);

        var on = DateOnly.FromDateTime(visit.StartedAt);
        return await VersionedChange.SaveAsync(db, plan, planVersion, async p =>
        {
            p.RecordDone(itemId, on, staff.Id, today);
            var (visitForm, apply) = form(resident);
            if (visitForm.Answers.Length > FormAnswersMaxLength || visitForm.Result.Length > FormResultMaxLength)
                return SaveResult.Invalid(string.Empty, "表单填写的文字过多，请精简异常情况、指导等文字后再保存。");
            var log = VisitLog.Record(resident, staff, details with { Vitals = vitals?.ToVitals() }, now, planItemId: itemId, form: visitForm);
            db.Visits.Add(log);
            apply?.Invoke(resident);
            await ContractService.RecordServiceAsync(db, resident.Id, kind.ServiceKind(), on, FulfilmentSource, itemId, staff.Id, cancellationToken);
            return null;
        }, cancellationToken);
    }

    /// <summary>The plan holding the item, through the scoped set: another team's plan is not found.</summary>
    private static Task<ElderPlan2111?> PlanOfAsync(CareTeamsDbContext db, int itemId, CancellationToken cancellationToken) =>
        db.ElderPlans.FirstOrDefaultAsync(p => p.Items.Any(i => i.Id == itemId), cancellationToken);

    /// <summary>The BMI (derived, or from height and weight) and waist kept in an exam form's answers, if any.</summary>
    internal static (decimal? Bmi, decimal? WaistCm) MeasuresOf(string? examAnswers)
    {
        if (string.IsNullOrEmpty(examAnswers))
            return (null, null);
        try
        {
            using var json = JsonDocument.Parse(examAnswers);
            if (!json.RootElement.TryGetProperty(nameof(PhysicalExamRecord.General), out var general) || general.ValueKind != JsonValueKind.Object)
                return (null, null);
            var bmi = Number(general, nameof(ExamGeneral.Bmi))
                ?? PhysicalExamRecord.BmiOf(Number(general, nameof(ExamGeneral.WeightKg)), Number(general, nameof(ExamGeneral.HeightCm)));
            return (bmi, Number(general, nameof(ExamGeneral.WaistCm)));
        }
        catch (JsonException)
        {
            return (null, null);
        }

        static decimal? Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) ? d : null;
    }
}
