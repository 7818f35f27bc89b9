using CareTeams.Domain.Contracts;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareTeams.Web.Services;

/// <summary>Which beds the list shows.</summary>
public enum HomeBedListFilter
{
    /// <summary>在床（含已延期）</summary>
    Open = 1,
    /// <summary>今日应做</summary>
    DueToday = 2,
    /// <summary>逾期</summary>
    Overdue = 3,
    /// <summary>即将到期或已超期</summary>
    ClosingSoon = 4,
    /// <summary>已撤床</summary>
    Closed = 5,
}

public sealed record HomeBedQuery
{
    public HomeBedListFilter Filter { get; init; } = HomeBedListFilter.Open;
    public int? TeamId { get; init; }

    /// <summary>The resident's name or its beginning.</summary>
    public string? Search { get; init; }
}

public sealed record HomeBedRow(int Id, int ResidentId, string ResidentName, string VillageName, string TeamName, string DoctorName,
    string NurseName, HomeBedKind Kind, HomeBedStatus Status, DateOnly OpenedOn, DateOnly? ClosedOn, DateOnly CycleEndsOn, int DaysLeft,
    BedCycleState Cycle, int DueToday, int Overdue, DateOnly? NextDue);

/// <summary>One due round or order visit of a bed, for the staff calendar: the bed, its resident and village, and the <see cref="BedDue"/>.</summary>
public sealed record BedDueRow(int HomeBedId, int ResidentId, string ResidentName, string VillageName, BedDueKind Kind, int? BedOrderId,
    string Title, DateOnly DueOn, DateOnly Day, int Times, BedDueState State, int DaysLate)
{
    public bool IsOverdue => State == BedDueState.Overdue;
}

public sealed record BedVisitRow(int Id, DateTime StartedAt, DateTime EndedAt, VisitKind Kind, int? BedOrderId, string? OrderTitle,
    string StaffName, Domain.Assessments.VitalSigns? Vitals, string? VitalFlags, string? Notes);

public sealed record BedEvent(DateOnly On, string Title, string? Detail);

/// <summary>The bed page: the bed itself (read-only here), who is who, what is due, the visits and a timeline.</summary>
public sealed record HomeBedView(HomeBed Bed, string ResidentName, Sex ResidentSex, DateOnly ResidentDateOfBirth, string ResidentMaskedIdNumber,
    string? ResidentPhone, string? ResidentAddress, string VillageName, string TeamName, string CentreName, IReadOnlyDictionary<int, string> StaffNames,
    BedDueSummary Due, IReadOnlyList<BedVisitRow> Visits, IReadOnlyList<BedEvent> Timeline, DateOnly Today)
{
    public string StaffName(int? id) => id is { } i && StaffNames.TryGetValue(i, out var name) ? name : "";
}

public sealed record BedStaffOption(int Id, string Name, TeamRole Role);

/// <summary>What the opening form (建床) sends.</summary>
public sealed record OpenBedInput(int ResidentId, int ResponsibleDoctorId, int ResponsibleNurseId, BedOpening Opening);

/// <summary>Whether a resident has an open bed, else whether one may be opened today (and why not).</summary>
public sealed record BedEligibilityView(int ResidentId, string ResidentName, int? OpenBedId, IReadOnlyList<string> Problems)
{
    public bool CanOpen => OpenBedId is null && Problems.Count == 0;
}

/// <summary>
/// Home beds (家庭病床) as pages and jobs use them, always through the scoped context: the list with what is due, the
/// bed page, opening, extending, closing, orders and responsible staff (each a versioned change), and the rounds and
/// nursing visits logged against a bed, which count toward the resident's contract.
/// </summary>
public sealed class HomeBedService(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock,
    IOptions<HomeBedSettings> options)
{
    public const string AlreadyOpenMessage = "该居民已有一张在床的家庭病床，请先撤床。";
    public const string NoStaffMessage = "您的账号未关联医务人员，不能登记家庭病床服务。";

    private HomeBedSettings Settings => options.Value.Validated();

    public async Task<IReadOnlyList<HomeBedRow>> ListAsync(HomeBedQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var beds = db.HomeBeds.AsNoTracking();
        beds = query.Filter == HomeBedListFilter.Closed
            ? beds.Where(b => b.Status == HomeBedStatus.Closed)
            : beds.Where(b => b.Status != HomeBedStatus.Closed);
        if (query.TeamId is { } team)
            beds = beds.Where(b => b.TeamId == team);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            beds = beds.Where(b => db.Residents.Any(r => r.Id == b.ResidentId && r.Name.StartsWith(search)));
        }
        var loaded = await LoadAsync(db, beds, today, query.Filter == HomeBedListFilter.Closed ? 500 : int.MaxValue, cancellationToken);
        var rows = loaded.Select(l =>
        {
            var summary = BedSchedule.Summarise(l.Bed, l.Visits, Settings, today);
            return new HomeBedRow(l.Bed.Id, l.Bed.ResidentId, l.ResidentName, l.VillageName, l.TeamName, l.DoctorName, l.NurseName,
                l.Bed.Kind, l.Bed.Status, l.Bed.OpenedOn, l.Bed.ClosedOn, l.Bed.CycleEndsOn, summary.DaysLeft, summary.Cycle,
                summary.DueToday.Count, summary.Overdue.Count, summary.Next.Count > 0 ? summary.Next.Min(d => d.DueOn) : null);
        });
        rows = query.Filter switch
        {
            HomeBedListFilter.DueToday => rows.Where(r => r.DueToday > 0),
            HomeBedListFilter.Overdue => rows.Where(r => r.Overdue > 0),
            HomeBedListFilter.ClosingSoon => rows.Where(r => r.Cycle is BedCycleState.ClosingSoon or BedCycleState.OverLimit),
            _ => rows,
        };
        return query.Filter == HomeBedListFilter.Closed
            ? rows.OrderByDescending(r => r.ClosedOn).ThenBy(r => r.Id).ToList()
            : rows.OrderByDescending(r => r.Overdue).ThenByDescending(r => r.DueToday).ThenBy(r => r.DaysLeft).ThenBy(r => r.Id).ToList();
    }

    /// <summary>
    /// The rounds and order visits due on <paramref name="from"/>–<paramref name="to"/> for the open beds the user sees
    /// (a team user: the team's), for the staff calendar. With <paramref name="staffMemberId"/>: only that person's
    /// work (rounds and medical orders of the beds whose responsible doctor they are, nursing orders of the beds whose
    /// responsible nurse they are).
    /// </summary>
    public async Task<IReadOnlyList<BedDueRow>> DueForStaffAsync(int? staffMemberId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var beds = db.HomeBeds.AsNoTracking().Where(b => b.Status != HomeBedStatus.Closed);
        if (staffMemberId is { } staff)
            beds = beds.Where(b => b.ResponsibleDoctorId == staff || b.ResponsibleNurseId == staff);
        var loaded = await LoadAsync(db, beds, today, int.MaxValue, cancellationToken);
        var rows = new List<BedDueRow>();
        foreach (var l in loaded)
        {
            foreach (var due in BedSchedule.Calendar(l.Bed, l.Visits, Settings, today, from, to))
            {
                if (staffMemberId is { } id && !IsWorkOf(l.Bed, due, id))
                    continue;
                rows.Add(new BedDueRow(l.Bed.Id, l.Bed.ResidentId, l.ResidentName, l.VillageName, due.Kind, due.BedOrderId, due.Title,
                    due.DueOn, due.Day, due.Times, due.State, due.DaysLate));
            }
        }
        return rows.OrderBy(r => r.Day).ThenByDescending(r => r.DaysLate).ThenBy(r => r.VillageName).ThenBy(r => r.ResidentName)
            .ThenBy(r => r.Kind).ThenBy(r => r.BedOrderId).ToList();
    }

    public async Task<HomeBedView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bed = await db.HomeBeds.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (bed is null)
            return null;
        // A bed the user sees whose resident has since moved out of the user's scope is shown as not found.
        if (await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == bed.ResidentId, cancellationToken) is not { } resident)
            return null;
        var place = await (from v in db.Villages
                           join t in db.Teams on bed.TeamId equals t.Id
                           join c in db.Centres on bed.CentreId equals c.Id
                           where v.Id == bed.VillageId
                           select new { Village = v.Name, Team = t.Name, Centre = c.Name }).FirstAsync(cancellationToken);
        var visits = await db.Visits.AsNoTracking().Where(v => v.HomeBedId == id).OrderByDescending(v => v.StartedAt).ToListAsync(cancellationToken);
        var staffIds = visits.Select(v => v.StaffMemberId)
            .Concat([bed.ResponsibleDoctorId, bed.ResponsibleNurseId, bed.OpenedByStaffId, bed.ClosedByStaffId ?? 0])
            .Concat(bed.Orders.Select(o => o.OrderedByStaffId)).Concat(bed.Extensions.Select(e => e.StaffMemberId))
            .Distinct().ToList();
        var names = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var today = clock.Today;
        var rows = visits.Select(v => new BedVisitRow(v.Id, v.StartedAt, v.EndedAt, v.Kind, v.BedOrderId,
            v.BedOrderId is { } o ? bed.Orders.FirstOrDefault(x => x.Id == o)?.Title : null,
            names.GetValueOrDefault(v.StaffMemberId, ""), v.Vitals, v.VitalFlags, v.Notes)).ToList();
        return new HomeBedView(bed, resident.Name, resident.Sex, resident.DateOfBirth, resident.MaskedIdNumber, resident.Phone, resident.Address,
            place.Village, place.Team, place.Centre, names, BedSchedule.Summarise(bed, visits.Select(BedVisit.Of), Settings, today), rows,
            Timeline(bed, rows, names), today);
    }

    /// <summary>The resident's open bed, else whether one may be opened today and every reason why not.</summary>
    public async Task<BedEligibilityView?> EligibilityAsync(int residentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        if (resident is null)
            return null;
        var today = clock.Today;
        var open = await db.HomeBeds.AsNoTracking().IgnoreAutoIncludes()
            .Where(b => b.ResidentId == residentId && b.Status != HomeBedStatus.Closed).Select(b => (int?)b.Id).FirstOrDefaultAsync(cancellationToken);
        var problems = open is null
            ? HomeBedEligibility.Problems(resident, BedCondition.ChronicDisease, await HasSignedContractAsync(db, residentId, today, cancellationToken), today, Settings)
            : [];
        return new BedEligibilityView(resident.Id, resident.Name, open, problems);
    }

    /// <summary>The active doctors and nurses of the resident's centre (the resident's team first), for the pickers.</summary>
    public async Task<IReadOnlyList<BedStaffOption>> StaffForAsync(int residentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == residentId, cancellationToken);
        if (resident is null)
            return [];
        var staff = await db.Staff.AsNoTracking().Where(s => s.CentreId == resident.CentreId && s.IsActive && s.TeamRole != null)
            .ToListAsync(cancellationToken);
        return staff.OrderBy(s => s.TeamId == resident.TeamId ? 0 : 1).ThenBy(s => s.TeamId).ThenBy(s => s.Name)
            .Select(s => new BedStaffOption(s.Id, s.Name, s.TeamRole!.Value)).ToList();
    }

    /// <summary>Opens a bed (建床): form errors by field, eligibility and the one-open-bed rule as messages.</summary>
    public async Task<SaveResult> OpenAsync(OpenBedInput input, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        var errors = HomeBed.Validate(input.Opening, today);
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == input.ResidentId, cancellationToken);
        if (resident is null)
            return SaveResult.Invalid(nameof(input.ResidentId), "请选择居民（或您无权为该居民建床）。");
        var doctor = await db.Staff.FirstOrDefaultAsync(s => s.Id == input.ResponsibleDoctorId, cancellationToken);
        if (doctor is null)
            return SaveResult.Invalid(nameof(input.ResponsibleDoctorId), "请选择责任医生。");
        var nurse = await db.Staff.FirstOrDefaultAsync(s => s.Id == input.ResponsibleNurseId, cancellationToken);
        if (nurse is null)
            return SaveResult.Invalid(nameof(input.ResponsibleNurseId), "请选择责任护士。");
        var residentBeds = await db.HomeBeds.IgnoreAutoIncludes().Where(b => b.ResidentId == resident.Id).ToListAsync(cancellationToken);
        var signed = await HasSignedContractAsync(db, resident.Id, input.Opening.OpenedOn, cancellationToken);
        var openedBy = currentUser.Scope.StaffMemberId > 0 ? currentUser.Scope.StaffMemberId : doctor.Id;
        return await VersionedChange.CreateAsync(db,
            () => HomeBed.Open(resident, residentBeds, doctor, nurse, input.Opening, signed, openedBy, Settings, today),
            new ValidationError(nameof(input.ResidentId), AlreadyOpenMessage), cancellationToken);
    }

    public Task<SaveResult> ExtendAsync(int id, Guid version, int newLimitDays, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, bed, staff) => { bed.Extend(newLimitDays, reason, staff, Settings, clock.Today); return Done; }, cancellationToken);

    public Task<SaveResult> CloseAsync(int id, Guid version, BedClosingInput closing, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, bed, staff) =>
        {
            var errors = bed.ValidateClosing(closing, clock.Today);
            if (errors.Count > 0)
                return Task.FromResult<SaveResult?>(SaveResult.Invalid(errors));
            bed.Close(closing, staff, clock.Today);
            return Done;
        }, cancellationToken);

    public Task<SaveResult> AddOrderAsync(int id, Guid version, BedOrderSpec spec, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, bed, staff) =>
        {
            var errors = HomeBed.ValidateOrder(spec, bed.OpenedOn);
            if (errors.Count > 0)
                return Task.FromResult<SaveResult?>(SaveResult.Invalid(errors));
            bed.AddOrder(spec, staff, clock.Today);
            return Done;
        }, cancellationToken);

    public Task<SaveResult> StopOrderAsync(int id, Guid version, int orderId, DateOnly on, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, bed, staff) => { bed.StopOrder(orderId, on, reason, staff, clock.Today); return Done; }, cancellationToken);

    public Task<SaveResult> ChangeResponsibleStaffAsync(int id, Guid version, int doctorId, int nurseId, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, async (db, bed, _) =>
        {
            var doctor = await db.Staff.FirstOrDefaultAsync(s => s.Id == doctorId, cancellationToken);
            var nurse = await db.Staff.FirstOrDefaultAsync(s => s.Id == nurseId, cancellationToken);
            if (doctor is null || nurse is null)
                return SaveResult.Invalid(string.Empty, "请选择责任医生和责任护士。");
            bed.ChangeResponsibleStaff(doctor, nurse);
            return null;
        }, cancellationToken);

    /// <summary>
    /// Logs a round (<see cref="VisitKind.BedRound"/>) or a nursing visit for an order against a bed, by the current
    /// user's staff member (or <paramref name="staffMemberId"/>), and counts it toward the resident's contract
    /// (<see cref="ServiceKind.HomeBedRound"/> or <see cref="ServiceKind.NursingVisit"/>), in one transaction.
    /// </summary>
    public async Task<SaveResult> RecordBedVisitAsync(int bedId, int? bedOrderId, VisitKind kind, VisitDetails details,
        int? staffMemberId = null, CancellationToken cancellationToken = default)
    {
        var now = ChinaTime.LocalTimeOf(clock.Now);
        var service = kind == VisitKind.BedRound ? ServiceKind.HomeBedRound : ServiceKind.NursingVisit;
        details = details with { Kind = kind, Service = service };
        var errors = VisitLog.Validate(details, now);
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bed = await db.HomeBeds.AsNoTracking().IgnoreAutoIncludes().Include(b => b.Orders).FirstOrDefaultAsync(b => b.Id == bedId, cancellationToken);
        if (bed is null)
            return SaveResult.NotFound();
        if (await db.Residents.FirstOrDefaultAsync(r => r.Id == bed.ResidentId, cancellationToken) is not { } resident)
            return SaveResult.NotFound();
        var staffId = staffMemberId ?? (currentUser.Scope.StaffMemberId > 0 ? currentUser.Scope.StaffMemberId : (int?)null);
        var staff = staffId is { } sid ? await db.Staff.FirstOrDefaultAsync(s => s.Id == sid, cancellationToken) : null;
        if (staff is null)
            return SaveResult.Invalid("StaffMemberId", NoStaffMessage);
        try
        {
            var on = DateOnly.FromDateTime(details.StartedAt);
            bed.EnsureAcceptsVisit(resident.Id, kind, bedOrderId, on);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var visit = VisitLog.Record(resident, staff, details, now, homeBedId: bed.Id, bedOrderId: bedOrderId);
            db.Visits.Add(visit);
            await db.SaveChangesAsync(cancellationToken);
            if (await ContractService.RecordServiceAsync(db, resident.Id, service, on, "HomeBed", visit.Id, staff.Id, cancellationToken))
                await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return SaveResult.Done(visit.Id, visit.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
    }

    private static readonly Task<SaveResult?> Done = Task.FromResult<SaveResult?>(null);

    private async Task<SaveResult> ChangeAsync(int id, Guid version, Func<CareTeamsDbContext, HomeBed, int, Task<SaveResult?>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var bed = await db.HomeBeds.AsSplitQuery().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        var staffId = currentUser.Scope.StaffMemberId > 0 ? currentUser.Scope.StaffMemberId : bed?.ResponsibleDoctorId ?? 0;
        return await VersionedChange.SaveAsync(db, bed, version, b => change(db, b, staffId), cancellationToken);
    }

    private static bool IsWorkOf(HomeBed bed, BedDue due, int staffId) =>
        due.BedOrderId is { } orderId && bed.Order(orderId).Kind == BedOrderKind.Nursing
            ? bed.ResponsibleNurseId == staffId
            : bed.ResponsibleDoctorId == staffId;

    private static Task<bool> HasSignedContractAsync(CareTeamsDbContext db, int residentId, DateOnly on, CancellationToken cancellationToken) =>
        db.Contracts.IgnoreAutoIncludes().AnyAsync(c => c.ResidentId == residentId && c.Status == ContractStatus.Signed
            && c.Term.Start <= on && (c.ExtendedUntil ?? c.Term.End) >= on, cancellationToken);

    private sealed record LoadedBed(HomeBed Bed, string ResidentName, string VillageName, string TeamName, string DoctorName, string NurseName,
        IReadOnlyList<BedVisit> Visits);

    /// <summary>
    /// The beds with their orders and names in one statement, then the visits the schedule needs in one grouped
    /// statement: per bed, order and kind, the visits of each day up to today; the schedule reads only the latest day of
    /// each and how many visits it had, so only those are kept.
    /// </summary>
    private static async Task<IReadOnlyList<LoadedBed>> LoadAsync(CareTeamsDbContext db, IQueryable<HomeBed> beds, DateOnly today, int take,
        CancellationToken cancellationToken)
    {
        var rows = await beds.IgnoreAutoIncludes().Include(b => b.Orders)
            .OrderByDescending(b => b.Id).Take(take)
            .Select(b => new
            {
                Bed = b,
                Resident = db.Residents.Where(r => r.Id == b.ResidentId).Select(r => r.Name).FirstOrDefault(),
                Village = db.Villages.Where(v => v.Id == b.VillageId).Select(v => v.Name).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == b.TeamId).Select(t => t.Name).FirstOrDefault(),
                Doctor = db.Staff.Where(s => s.Id == b.ResponsibleDoctorId).Select(s => s.Name).FirstOrDefault(),
                Nurse = db.Staff.Where(s => s.Id == b.ResponsibleNurseId).Select(s => s.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];
        var ids = rows.Where(r => !r.Bed.IsClosed).Select(r => r.Bed.Id).ToList();
        var latest = new Dictionary<int, List<BedVisit>>();
        if (ids.Count > 0)
        {
            var tomorrow = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
            var days = await db.Visits.AsNoTracking()
                .Where(v => v.HomeBedId != null && ids.Contains(v.HomeBedId.Value) && v.StartedAt < tomorrow)
                .GroupBy(v => new { v.HomeBedId, v.BedOrderId, v.Kind, Day = v.StartedAt.Date })
                .Select(g => new { g.Key.HomeBedId, g.Key.BedOrderId, g.Key.Kind, g.Key.Day, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var group in days.GroupBy(d => (d.HomeBedId!.Value, d.BedOrderId, d.Kind)))
            {
                var visits = latest.TryGetValue(group.Key.Item1, out var list) ? list : latest[group.Key.Item1] = [];
                var last = group.MaxBy(d => d.Day)!;
                visits.AddRange(Enumerable.Repeat(new BedVisit(DateOnly.FromDateTime(last.Day), last.Kind, last.BedOrderId), last.Count));
            }
        }
        return rows.Select(r => new LoadedBed(r.Bed, r.Resident ?? "", r.Village ?? "", r.Team ?? "", r.Doctor ?? "", r.Nurse ?? "",
            latest.TryGetValue(r.Bed.Id, out var v) ? v : [])).ToList();
    }

    private static List<BedEvent> Timeline(HomeBed bed, IReadOnlyList<BedVisitRow> visits, IReadOnlyDictionary<int, string> names)
    {
        var events = new List<BedEvent>
        {
            new(bed.OpenedOn, "建床", $"{bed.Kind.ChineseName()}，{bed.Application.Condition.ChineseName()}；责任医生 {names.GetValueOrDefault(bed.ResponsibleDoctorId)}，责任护士 {names.GetValueOrDefault(bed.ResponsibleNurseId)}"),
        };
        events.AddRange(bed.Orders.Select(o => new BedEvent(o.StartsOn, "开立医嘱", o.Title)));
        events.AddRange(bed.Orders.Where(o => o.StoppedOn is not null).Select(o => new BedEvent(o.StoppedOn!.Value, "停止医嘱", $"{o.Title}：{o.StopReason}")));
        events.AddRange(bed.Extensions.Select(e => new BedEvent(e.ExtendedOn, "延期", $"周期 {e.PreviousLimitDays} → {e.NewLimitDays} 天：{e.Reason}")));
        events.AddRange(visits.Select(v => new BedEvent(DateOnly.FromDateTime(v.StartedAt), v.Kind.ChineseName(),
            string.Join("；", new[] { v.OrderTitle, v.StaffName, v.Notes }.Where(s => !string.IsNullOrEmpty(s))))));
        if (bed.ClosedOn is { } closed)
            events.Add(new BedEvent(closed, "撤床", $"{bed.Outcome?.ChineseName()}，床日数 {bed.BedDays} 天"));
        return events.OrderByDescending(e => e.On).ToList();
    }
}
