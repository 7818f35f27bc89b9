using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareTeams.Web.Services;

/// <summary>Where a generation run stands: teams planned so far, and what it has made.</summary>
public sealed record Plan2111Progress(string Stage, int TeamsDone, int Teams, int PlansCreated, int ItemsCreated);

/// <summary>
/// What a generation run did: plans and items made, open items closed because the elder died or moved
/// away, plans that followed their resident to a new village or team, and plans of the year that were
/// already there when it started.
/// </summary>
public sealed record Plan2111GenerationResult(int PlansCreated, int ItemsCreated, int ItemsClosed, int PlansMoved, int PlansExisting)
{
    public bool ChangedNothing => PlansCreated == 0 && ItemsClosed == 0 && PlansMoved == 0;
}

/// <summary>
/// Makes the year's "2111" plans (issue 4): every eligible resident (<see cref="Plan2111Rules"/>) the
/// user may see without a plan for the year gets one, its visits spread over the months by
/// <see cref="CapacityPlanner"/> team by team, with the team's capacity (visits per staff member per
/// month × active staff) and the load the team's existing plans already put on each month. Plans of
/// residents who have since died or moved away get their open items closed; plans of residents who moved
/// village or team follow them. Running it again changes nothing. It works team by team on a fresh
/// change tracker for each batch, reading residents untracked, so memory stays bounded at county scale.
/// </summary>
public sealed class ElderPlanGeneration
{
    /// <summary>Plans saved per SaveChanges (each with its five items and their audit rows).</summary>
    internal const int BatchSize = 1_000;

    private readonly IDbContextFactory<CareTeamsDbContext>? _contexts;
    private readonly CareTeamsDbContext? _shared;
    private readonly Func<DateOnly> _today;
    private readonly int _visitsPerStaffPerMonth;

    public ElderPlanGeneration(IDbContextFactory<CareTeamsDbContext> contexts, IClock clock, IOptions<Plan2111Options> options)
    {
        _contexts = contexts;
        _today = () => clock.Today;
        _visitsPerStaffPerMonth = options.Value.VisitsPerStaffPerMonth;
    }

    private ElderPlanGeneration(CareTeamsDbContext shared, DateOnly today, int visitsPerStaffPerMonth)
    {
        _shared = shared;
        _today = () => today;
        _visitsPerStaffPerMonth = visitsPerStaffPerMonth;
    }

    /// <summary>
    /// The same generation on one context the caller owns (the demo seeder's, inside its transaction: a second
    /// connection could not write while it is open), as if on <paramref name="today"/>. Its change tracker is
    /// cleared after each batch.
    /// </summary>
    internal static Task<Plan2111GenerationResult> GenerateAsync(CareTeamsDbContext db, int year, DateOnly today, int visitsPerStaffPerMonth,
        CancellationToken cancellationToken = default) =>
        new ElderPlanGeneration(db, today, visitsPerStaffPerMonth).GenerateAsync(year, null, null, cancellationToken);

    /// <summary>A context for one step: a new one from the factory, or the shared one (cleared, not disposed, after).</summary>
    private sealed class Lease(CareTeamsDbContext db, bool owned) : IAsyncDisposable
    {
        public CareTeamsDbContext Db { get; } = db;

        public ValueTask DisposeAsync()
        {
            if (owned)
                return Db.DisposeAsync();
            Db.ChangeTracker.Clear();
            return ValueTask.CompletedTask;
        }
    }

    private async Task<Lease> OpenAsync(CancellationToken cancellationToken) =>
        _shared is { } shared ? new Lease(shared, owned: false) : new Lease(await _contexts!.CreateDbContextAsync(cancellationToken), owned: true);

    public async Task<Plan2111GenerationResult> GenerateAsync(int year, string? centreCode = null, IProgress<Plan2111Progress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var today = _today();
        if (today.Year > year)
            throw new DomainException("plan2111.year-ended", $"{year} 年已结束，不能再生成该年度计划。");
        int? centreId = null;
        int existing;
        await using (var lease = await OpenAsync(cancellationToken))
        {
            var db = lease.Db;
            if (!string.IsNullOrWhiteSpace(centreCode))
            {
                var code = centreCode.Trim();
                centreId = await db.Centres.Where(c => c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new DomainException("plan2111.centre", $"找不到编码为 {code} 的卫生院，或您无权访问。");
            }
            existing = await Plans(db, year, centreId).CountAsync(cancellationToken);
        }

        var (closed, moved) = await ReconcileExistingAsync(year, centreId, today, progress, cancellationToken);
        var (plans, items) = await CreateMissingAsync(year, centreId, today, progress, cancellationToken);
        return new Plan2111GenerationResult(plans, items, closed, moved, existing);
    }

    /// <summary>
    /// The resident's plans after a change of theirs, in the same context (saved by the caller with the
    /// resident): on death or moving away, the open items of the plans of that year and later are closed;
    /// after a move within the county, the plans of this year and later follow the resident.
    /// </summary>
    internal static async Task ApplyResidentChangeAsync(CareTeamsDbContext db, Resident resident, DateOnly today, CancellationToken cancellationToken)
    {
        var closingOn = resident.StatusChangedOn ?? today;
        var fromYear = Math.Min(today.Year, closingOn.Year);
        var plans = await db.ElderPlans.Where(p => p.ResidentId == resident.Id && p.Year >= fromYear).ToListAsync(cancellationToken);
        foreach (var plan in plans)
            Reconcile(plan, resident, today);
    }

    /// <summary>Brings one plan in line with its resident; returns the items closed and whether it moved.</summary>
    private static (int Closed, bool Moved) Reconcile(ElderPlan2111 plan, Resident resident, DateOnly today)
    {
        var closed = 0;
        if (Plan2111Rules.ClosingReason(resident.Status) is { } reason)
        {
            var on = resident.StatusChangedOn ?? today;
            if (plan.Year >= on.Year)
                closed = plan.CloseOpenItems(on, reason);
        }
        var moved = plan.Year >= today.Year && plan.FollowResident(resident);
        return (closed, moved);
    }

    private static IQueryable<ElderPlan2111> Plans(CareTeamsDbContext db, int year, int? centreId)
    {
        var plans = db.ElderPlans.Where(p => p.Year == year);
        return centreId is { } id ? plans.Where(p => p.CentreId == id) : plans;
    }

    private async Task<(int Closed, int Moved)> ReconcileExistingAsync(int year, int? centreId, DateOnly today,
        IProgress<Plan2111Progress>? progress, CancellationToken cancellationToken)
    {
        List<int> stale;
        await using (var lease = await OpenAsync(cancellationToken))
        {
            var db = lease.Db;
            stale = await (from p in Plans(db, year, centreId).IgnoreAutoIncludes()
                           join r in db.Residents on p.ResidentId equals r.Id
                           where (r.Status != ResidentStatus.Active && p.Items.Any(i => i.Status == PlanItemStatus.Open))
                               || p.VillageId != r.VillageId || p.TeamId != r.TeamId || p.CentreId != r.CentreId
                           orderby p.Id
                           select p.Id).ToListAsync(cancellationToken);
        }
        var closed = 0;
        var moved = 0;
        foreach (var chunk in stale.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var lease = await OpenAsync(cancellationToken);
            var db = lease.Db;
            var plans = await db.ElderPlans.Where(p => chunk.Contains(p.Id)).ToListAsync(cancellationToken);
            var residentIds = plans.Select(p => p.ResidentId).ToList();
            var residents = await db.Residents.AsNoTracking().Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            foreach (var plan in plans)
            {
                if (!residents.TryGetValue(plan.ResidentId, out var resident))
                    continue;
                var (c, m) = Reconcile(plan, resident, today);
                closed += c;
                moved += m ? 1 : 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            progress?.Report(new Plan2111Progress("closing", 0, 0, 0, 0));
        }
        return (closed, moved);
    }

    private async Task<(int Plans, int Items)> CreateMissingAsync(int year, int? centreId, DateOnly today,
        IProgress<Plan2111Progress>? progress, CancellationToken cancellationToken)
    {
        List<int?> teams;
        await using (var lease = await OpenAsync(cancellationToken))
        {
            var db = lease.Db;
            teams = await Candidates(db, year, centreId).Select(r => r.TeamId).Distinct().ToListAsync(cancellationToken);
        }
        teams = teams.OrderBy(t => t ?? int.MaxValue).ToList();
        var plansCreated = 0;
        var itemsCreated = 0;
        for (var t = 0; t < teams.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var teamId = teams[t];
            await using var lease = await OpenAsync(cancellationToken);
            var db = lease.Db;
            var residents = await Candidates(db, year, centreId).Where(r => r.TeamId == teamId)
                .OrderBy(r => r.VillageId).ThenBy(r => r.Id).ToListAsync(cancellationToken);
            // A plan the user cannot see (made under another centre before the resident moved) still counts,
            // or the unique index would refuse the new one. Asked apart: IgnoreQueryFilters in a subquery
            // would lift the scope filter from the whole query.
            var ids = residents.Select(r => r.Id).ToList();
            var planned = (await db.ElderPlans.IgnoreQueryFilters().IgnoreAutoIncludes().Where(p => p.Year == year && ids.Contains(p.ResidentId))
                .Select(p => p.ResidentId).ToListAsync(cancellationToken)).ToHashSet();
            var eligible = residents.Where(r => !planned.Contains(r.Id) && Plan2111Rules.IsEligible(r, year))
                .Select(r => (Resident: r, Start: Plan2111Rules.StartOf(r.DateOfBirth, year, today))).ToList();
            if (eligible.Count == 0)
                continue;

            var capacity = teamId is { } id
                ? await db.Staff.CountAsync(s => s.TeamId == id && s.IsActive, cancellationToken) * _visitsPerStaffPerMonth
                : 0;
            var load = await LoadAsync(db, year, teamId, capacity, cancellationToken);
            var (months, _) = CapacityPlanner.Spread(
                eligible.Select(e => new PlanCandidate(e.Resident.Id, e.Resident.VillageId, e.Start.Month)).ToList(), capacity, load);

            foreach (var chunk in eligible.Chunk(BatchSize))
            {
                foreach (var (resident, start) in chunk)
                {
                    var plan = ElderPlan2111.Create(resident, year, start, months[resident.Id]);
                    db.ElderPlans.Add(plan);
                    plansCreated++;
                    itemsCreated += plan.Items.Count;
                }
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            progress?.Report(new Plan2111Progress("planning", t + 1, teams.Count, plansCreated, itemsCreated));
        }
        return (plansCreated, itemsCreated);
    }

    /// <summary>Eligible-looking residents without a plan for the year the user can see, read untracked (the rule itself is checked again in memory).</summary>
    private static IQueryable<Resident> Candidates(CareTeamsDbContext db, int year, int? centreId)
    {
        var bornBy = new DateOnly(year - Plan2111Rules.EligibleAge, 12, 31);
        var residents = db.Residents.AsNoTracking().Where(r => r.Status == ResidentStatus.Active
            && r.LivingArrangement == LivingArrangement.Home
            && r.DateOfBirth <= bornBy
            && !db.ElderPlans.Any(p => p.ResidentId == r.Id && p.Year == year));
        return centreId is { } id ? residents.Where(r => r.CentreId == id) : residents;
    }

    /// <summary>
    /// The visits a team's plans of the year already put on each month: per plan, each month holding an
    /// open item's window start or a done item's date is one visit (the first visit's four items are one trip).
    /// </summary>
    private static async Task<MonthlyLoad> LoadAsync(CareTeamsDbContext db, int year, int? teamId, int capacity, CancellationToken cancellationToken)
    {
        var items = await db.ElderPlans.AsNoTracking().IgnoreAutoIncludes()
            .Where(p => p.Year == year && p.TeamId == teamId)
            .SelectMany(p => p.Items.Where(i => i.Status == PlanItemStatus.Open || i.Status == PlanItemStatus.Done)
                .Select(i => new { i.ElderPlan2111Id, i.Status, i.WindowStart, i.ClosedOn }))
            .ToListAsync(cancellationToken);
        var visits = new int[13];
        foreach (var plan in items.GroupBy(i => i.ElderPlan2111Id))
        {
            var monthsOfPlan = plan.Select(i => i.Status == PlanItemStatus.Done && i.ClosedOn is { } on ? on : i.WindowStart)
                .Where(d => d.Year == year).Select(d => d.Month).Distinct();
            foreach (var month in monthsOfPlan)
                visits[month]++;
        }
        return new MonthlyLoad(visits, capacity);
    }
}
