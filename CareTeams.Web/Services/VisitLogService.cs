using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

/// <summary>What the visit form sends: times in China wall-clock time, what the visit was, readings, notes, signature.</summary>
public sealed record LoggedVisitInput
{
    public int ResidentId { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? EndedAt { get; init; }
    public VisitPlace Place { get; init; } = VisitPlace.Home;
    public VisitKind Kind { get; init; } = VisitKind.Other;
    public ServiceKind Service { get; init; } = ServiceKind.HomeVisit;
    public int? Systolic { get; init; }
    public int? Diastolic { get; init; }
    public int? Pulse { get; init; }
    public decimal? TemperatureC { get; init; }
    public decimal? FastingGlucose { get; init; }
    public int? OxygenSaturation { get; init; }
    public decimal? WeightKg { get; init; }
    public string? Notes { get; init; }
    public string? SignedBy { get; init; }
    public string? SignedRelation { get; init; }
    /// <summary>A chronic follow-up: a drug's adverse reaction was seen.</summary>
    public bool AdverseReaction { get; init; }
    /// <summary>A chronic follow-up: a new complication, or one got worse.</summary>
    public bool NewOrWorseComplication { get; init; }

    public bool HasVitals => Systolic is not null || Diastolic is not null || Pulse is not null || TemperatureC is not null
        || FastingGlucose is not null || OxygenSaturation is not null || WeightKg is not null;

    /// <summary>The problems with the readings alone, as the form shows them while typing.</summary>
    public IReadOnlyList<ValidationError> VitalErrors() =>
        VitalSigns.Validate(Systolic, Diastolic, Pulse, TemperatureC, FastingGlucose, OxygenSaturation, WeightKg);

    /// <summary>The readings when they are valid (null when none are given or any is wrong).</summary>
    public VitalSigns? Vitals() => HasVitals && VitalErrors().Count == 0
        ? VitalSigns.Create(Systolic, Diastolic, Pulse, TemperatureC, FastingGlucose, OxygenSaturation, WeightKg)
        : null;
}

/// <summary>The resident as the visit form needs them: who, age and the services each kind of visit may be for.</summary>
public sealed record VisitResident(int Id, string Name, int Age, KeyPopulation Tags, bool IsDeceased)
{
    public IReadOnlyList<ServiceKind> ServicesFor(VisitKind kind) => LoggedVisits.ServicesFor(kind, Tags);
}

/// <summary>A saved visit for the view / amend page.</summary>
public sealed record VisitView(int Id, Guid Version, VisitResident Resident, string StaffName, LoggedVisitInput Input, VisitKind Kind,
    ServiceKind Service, string? VitalFlags, string? Result, FollowUpAnswers? FollowUp, string? AmendRefusal);

/// <summary>One line of a resident's visit history.</summary>
public sealed record VisitRow(int Id, DateTime StartedAt, DateTime EndedAt, VisitKind Kind, VisitPlace Place, ServiceKind Service,
    string StaffName, string? VitalFlags, string? Result);

/// <summary>One visit's readings for the trend chart.</summary>
public sealed record VitalsPoint(DateTime At, int? Systolic, int? Diastolic, decimal? FastingGlucose);

/// <summary>
/// The visit log as the visit form and the resident page use it: record an ad-hoc, nursing or chronic follow-up
/// visit (counted against the resident's contract when it promises the service), correct one (its author or a
/// doctor of the team, within <see cref="LoggedVisits.AmendWindowDays"/> days; the kind and service stay as
/// recorded, so what was counted stays right), a resident's history and vitals trend.
/// </summary>
public sealed class VisitLogService(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock)
{
    public const string FulfilmentSource = "VisitLog";
    public const string NoStaffMessage = "您的账号未关联医务人员，不能登记上门服务。请联系管理员在“用户账号”中关联。";

    /// <summary>The vitals trend covers this many months back from today.</summary>
    public const int TrendMonths = 12;

    private DateTime Now => ChinaTime.LocalTimeOf(clock.Now);

    /// <summary>The resident the form is for, or null when not found or not visible to the user.</summary>
    public async Task<VisitResident?> ResidentAsync(int residentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        return resident is null ? null : ToVisitResident(resident, clock.Today);
    }

    /// <summary>Whether the signed-in user can record visits (is a staff member).</summary>
    public bool UserIsStaff => currentUser.Scope.StaffMemberId > 0;

    public async Task<SaveResult> RecordAsync(LoggedVisitInput input, CancellationToken cancellationToken = default)
    {
        if (!UserIsStaff)
            return SaveResult.Invalid(string.Empty, NoStaffMessage);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == input.ResidentId, cancellationToken);
        if (resident is null)
            return SaveResult.NotFound();
        var staff = await MeAsync(db, cancellationToken);
        if (staff is null)
            return SaveResult.Invalid(string.Empty, NoStaffMessage);
        var now = Now;
        var (details, errors) = Validate(input, resident, now);
        if (details is null)
            return SaveResult.Invalid(errors);
        var form = await FollowUpFormAsync(db, input, details, resident, null, cancellationToken);

        // The visit and its counting against the contract are one change: the visit's id is needed first.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await VersionedChange.CreateAsync(db, () => VisitLog.Record(resident, staff, details, now, form: form),
            new ValidationError(string.Empty, "保存失败，请重试。"), cancellationToken);
        if (!saved.Succeeded)
            return saved;
        if (await ContractService.RecordServiceAsync(db, resident.Id, details.Service, DateOnly.FromDateTime(details.StartedAt),
                FulfilmentSource, saved.Id!.Value, staff.Id, cancellationToken))
            await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<VisitView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visit = await db.Visits.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null)
            return null;
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == visit.ResidentId, cancellationToken);
        if (resident is null)
            return null;
        var staffName = await db.Staff.Where(s => s.Id == visit.StaffMemberId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var me = await MeAsync(db, cancellationToken);
        var v = visit.Vitals;
        var input = new LoggedVisitInput
        {
            ResidentId = visit.ResidentId, StartedAt = visit.StartedAt, EndedAt = visit.EndedAt, Place = visit.Place, Kind = visit.Kind,
            Service = visit.Service, Systolic = v?.Systolic, Diastolic = v?.Diastolic, Pulse = v?.Pulse, TemperatureC = v?.TemperatureC,
            FastingGlucose = v?.FastingGlucose, OxygenSaturation = v?.OxygenSaturation, WeightKg = v?.WeightKg, Notes = visit.Notes,
            SignedBy = visit.SignedBy, SignedRelation = visit.SignedRelation,
        };
        var followUp = ChronicFollowUp.ReadForm(visit.FormKind, visit.FormAnswers);
        if (followUp is not null)
            input = input with { AdverseReaction = followUp.AdverseReaction, NewOrWorseComplication = followUp.NewOrWorseComplication };
        return new VisitView(visit.Id, visit.Version, ToVisitResident(resident, clock.Today), staffName, input, visit.Kind, visit.Service,
            visit.VitalFlags, visit.FormResult, followUp, LoggedVisits.AmendRefusal(visit, me, Now));
    }

    /// <summary>Corrects a visit from the version the user started from; a concurrent correction comes back as a conflict.</summary>
    public async Task<SaveResult> AmendAsync(int id, Guid version, LoggedVisitInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visit = await db.Visits.FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        return await VersionedChange.SaveAsync(db, visit, version, async v =>
        {
            var now = Now;
            if (LoggedVisits.AmendRefusal(v, await MeAsync(db, cancellationToken), now) is { } refusal)
                return SaveResult.Invalid(string.Empty, refusal);
            var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == v.ResidentId, cancellationToken);
            if (resident is null)
                return SaveResult.NotFound();
            // What the visit was, and so what it counted for, stays as recorded.
            var (details, errors) = Validate(input with { ResidentId = v.ResidentId, Kind = v.Kind, Service = v.Service }, resident, now);
            if (details is null)
                return SaveResult.Invalid(errors);
            var form = await FollowUpFormAsync(db, input with { Kind = v.Kind, Service = v.Service }, details, resident, v.Id, cancellationToken);
            v.Amend(details, now, form);
            return null;
        }, cancellationToken);
    }

    /// <summary>A resident's visits, newest first, a page at a time (one statement for the rows, with the staff name).</summary>
    public async Task<PagedResult<VisitRow>> HistoryAsync(int residentId, int page = 0, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var visits = db.Visits.AsNoTracking().Where(v => v.ResidentId == residentId);
        var total = await visits.CountAsync(cancellationToken);
        var rows = await (
                from v in visits
                join s in db.Staff on v.StaffMemberId equals s.Id
                orderby v.StartedAt descending, v.Id descending
                select new VisitRow(v.Id, v.StartedAt, v.EndedAt, v.Kind, v.Place, v.Service, s.Name, v.VitalFlags, v.FormResult))
            .Skip(Math.Max(page, 0) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new PagedResult<VisitRow>(rows, total);
    }

    /// <summary>The blood pressure and glucose readings of the last <see cref="TrendMonths"/> months, oldest first.</summary>
    public async Task<IReadOnlyList<VitalsPoint>> VitalsTrendAsync(int residentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = clock.Today.AddMonths(-TrendMonths).ToDateTime(TimeOnly.MinValue);
        return await db.Visits.AsNoTracking()
            .Where(v => v.ResidentId == residentId && v.StartedAt >= since
                && (v.Vitals!.Systolic != null || v.Vitals.FastingGlucose != null))
            .OrderBy(v => v.StartedAt)
            .Select(v => new VitalsPoint(v.StartedAt, v.Vitals!.Systolic, v.Vitals.Diastolic, v.Vitals.FastingGlucose))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Every problem with the input at once (times, readings, kind and service, a follow-up's reading), by field, in
    /// Chinese; or the details to record.
    /// </summary>
    public static (VisitDetails? Details, IReadOnlyList<ValidationError> Errors) Validate(LoggedVisitInput input, Resident resident, DateTime now)
    {
        var errors = new List<ValidationError>();
        if (input.StartedAt is null)
            errors.Add(new(nameof(VisitDetails.StartedAt), "请填写服务开始时间。"));
        if (input.EndedAt is null)
            errors.Add(new(nameof(VisitDetails.EndedAt), "请填写服务结束时间。"));
        var vitalErrors = input.VitalErrors();
        errors.AddRange(vitalErrors);
        if (LoggedVisits.ServiceRefusal(input.Kind, input.Service, resident.Tags) is { } refused)
            errors.Add(refused);
        var vitals = input.Vitals();
        if (vitalErrors.Count == 0 && ChronicFollowUp.ConditionOf(input.Service) is { } condition && input.Kind == VisitKind.ChronicFollowUp)
            errors.AddRange(ChronicFollowUp.Validate(condition, vitals));
        if (input.StartedAt is not { } start || input.EndedAt is not { } end)
            return (null, errors);
        var details = new VisitDetails(start, end, input.Place, input.Kind, input.Service, vitals, input.Notes, input.SignedBy, input.SignedRelation);
        errors.AddRange(VisitLog.Validate(details, now));
        if (resident.Status == ResidentStatus.Deceased && DateOnly.FromDateTime(start) > resident.StatusChangedOn)
            errors.Add(new(nameof(VisitDetails.StartedAt), "该居民已登记死亡，不能登记死亡日期之后的服务。"));
        return errors.Count > 0 ? (null, errors) : (details, errors);
    }

    /// <summary>A chronic follow-up's classification as the visit's form (null for other visits).</summary>
    private static async Task<VisitForm?> FollowUpFormAsync(CareTeamsDbContext db, LoggedVisitInput input, VisitDetails details, Resident resident,
        int? visitId, CancellationToken cancellationToken)
    {
        if (input.Kind != VisitKind.ChronicFollowUp || ChronicFollowUp.ConditionOf(details.Service) is not { } condition)
            return null;
        var previous = await db.Visits.AsNoTracking()
            .Where(v => v.ResidentId == resident.Id && v.Kind == VisitKind.ChronicFollowUp && v.Service == details.Service
                && v.StartedAt < details.StartedAt && v.Id != (visitId ?? 0))
            .OrderByDescending(v => v.StartedAt)
            .Select(v => new { v.FormKind, v.FormAnswers })
            .FirstOrDefaultAsync(cancellationToken);
        var previousUncontrolled = previous is not null && ChronicFollowUp.ReadForm(previous.FormKind, previous.FormAnswers) is { IsUncontrolled: true };
        var findings = new FollowUpFindings(condition, input.AdverseReaction, input.NewOrWorseComplication);
        var visitDay = DateOnly.FromDateTime(details.StartedAt);
        var outcome = ChronicFollowUp.Classify(findings, details.Vitals, Age.On(resident.DateOfBirth, visitDay), previousUncontrolled, visitDay);
        return ChronicFollowUp.ToForm(findings, outcome);
    }

    private async Task<StaffMember?> MeAsync(CareTeamsDbContext db, CancellationToken cancellationToken)
    {
        var staffId = currentUser.Scope.StaffMemberId;
        return staffId > 0 ? await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken) : null;
    }

    private static VisitResident ToVisitResident(Resident r, DateOnly today) =>
        new(r.Id, r.Name, Age.On(r.DateOfBirth, today), r.Tags, r.Status == ResidentStatus.Deceased);
}
