using System.Globalization;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareTeams.Web.Services;

/// <summary>Which open items the worklist shows.</summary>
public enum WorklistState
{
    /// <summary>逾期: the due date has passed.</summary>
    Overdue = 1,
    /// <summary>本月应做: not overdue, and its window has started by the end of this month.</summary>
    DueThisMonth = 2,
    /// <summary>7天内到期: not overdue, due within the next seven days.</summary>
    DueWithin7Days = 3,
    /// <summary>全部未完成: every open item of the year.</summary>
    AllOpen = 4,
}

public static class WorklistTerms
{
    public static readonly IReadOnlyList<WorklistState> AllStates =
        [WorklistState.Overdue, WorklistState.DueWithin7Days, WorklistState.DueThisMonth, WorklistState.AllOpen];

    public static string ChineseName(this WorklistState state) => state switch
    {
        WorklistState.Overdue => "逾期",
        WorklistState.DueThisMonth => "本月应做",
        WorklistState.DueWithin7Days => "7天内到期",
        _ => "全部未完成",
    };
}

/// <summary>What the worklist (and its route sheet) asks for. A team user's list is their team's; a manager may choose a team.</summary>
public sealed record WorklistFilter
{
    public required int Year { get; init; }
    public int? TeamId { get; init; }
    public int? VillageId { get; init; }
    public PlanItemKind? Kind { get; init; }
    public WorklistState State { get; init; } = WorklistState.DueThisMonth;

    /// <summary>The beginning of a name, or pinyin initials (ZS).</summary>
    public string? Search { get; init; }

    /// <summary>The filter as the route sheet's query string (the names the endpoint reads).</summary>
    public string ToQueryString()
    {
        var parts = new List<string> { $"year={Year.ToString(CultureInfo.InvariantCulture)}", $"state={State}" };
        if (TeamId is { } team)
            parts.Add($"team={team.ToString(CultureInfo.InvariantCulture)}");
        if (VillageId is { } village)
            parts.Add($"village={village.ToString(CultureInfo.InvariantCulture)}");
        if (Kind is { } kind)
            parts.Add($"kind={kind}");
        if (!string.IsNullOrWhiteSpace(Search))
            parts.Add($"search={Uri.EscapeDataString(Search.Trim())}");
        return string.Join("&", parts);
    }
}

/// <summary>One open item on the worklist, with what a visit needs to know of the elder.</summary>
public sealed record WorklistRow(int ItemId, int ResidentId, string Name, Sex Sex, int Age, string? Phone, string? Address,
    int VillageId, string VillageName, PlanItemKind Kind, string Title, DateOnly WindowStart, DateOnly Due, PlanItemState State);

/// <summary>A village's rows, due dates first: one trip covers them.</summary>
public sealed record WorklistVillage(int VillageId, string VillageName, IReadOnlyList<WorklistRow> Rows)
{
    public int OverdueCount => Rows.Count(r => r.State == PlanItemState.Overdue);
}

/// <param name="Truncated">More rows matched than <see cref="ElderCareWorklist.MaxRows"/>: narrow the filter.</param>
public sealed record Worklist(IReadOnlyList<WorklistVillage> Villages, bool Truncated)
{
    public int Count => Villages.Sum(v => v.Rows.Count);
    public IEnumerable<WorklistRow> Rows => Villages.SelectMany(v => v.Rows);
}

/// <summary>Elders with a plan and elders who have had each kind of service (integrated care: all its applicable items done), and all four.</summary>
public sealed record ProgressCounts(int Plans, int IntegratedCare, int PhysicalExam, int TcmConstitution, int AbilityAssessment, int AllFour)
{
    public static readonly ProgressCounts Zero = new(0, 0, 0, 0, 0, 0);

    public int Done(PlanItemKind kind) => kind switch
    {
        PlanItemKind.IntegratedCare => IntegratedCare,
        PlanItemKind.PhysicalExam => PhysicalExam,
        PlanItemKind.TcmConstitution => TcmConstitution,
        _ => AbilityAssessment,
    };

    /// <summary>2111 完成率: elders with the kind done ÷ elders with a plan (0 when there is no plan).</summary>
    public decimal Rate(PlanItemKind kind) => RateOf(Done(kind));
    public decimal AllFourRate => RateOf(AllFour);

    public static ProgressCounts operator +(ProgressCounts a, ProgressCounts b) => new(a.Plans + b.Plans,
        a.IntegratedCare + b.IntegratedCare, a.PhysicalExam + b.PhysicalExam, a.TcmConstitution + b.TcmConstitution,
        a.AbilityAssessment + b.AbilityAssessment, a.AllFour + b.AllFour);

    private decimal RateOf(int done) => Plans == 0 ? 0m : (decimal)done / Plans;
}

public sealed record VillageProgress(int VillageId, string VillageName, ProgressCounts Counts);

public sealed record TeamProgress(int? TeamId, string TeamName, ProgressCounts Counts, IReadOnlyList<VillageProgress> Villages);

public sealed record Progress2111(int Year, IReadOnlyList<TeamProgress> Teams)
{
    public ProgressCounts Total => Teams.Aggregate(ProgressCounts.Zero, (sum, t) => sum + t.Counts);
}

/// <summary>One item of an elder's yearly plan as the resident page shows it.</summary>
public sealed record ElderPlanItemView(int ItemId, PlanItemKind Kind, string Title, PlanItemState State, DateOnly WindowStart, DateOnly Due,
    DateOnly? ClosedOn, string? StaffName, string? Reason, string? Result);

public sealed record ElderPlanView(int PlanId, int Year, DateOnly StartsOn, bool IsComplete, IReadOnlyList<ElderPlanItemView> Items);

/// <summary>A team's month-by-month 2111 visits, for the load display.</summary>
public sealed record TeamLoad(int TeamId, string TeamName, MonthlyLoad Load);

/// <summary>
/// The "2111" work of the teams: the worklist a nurse or GP works from (and prints as a route sheet),
/// a centre's progress against the 90 % target, each team's month-by-month load and an elder's year.
/// Every query goes through the scoped context: a team user sees their team's plans only.
/// </summary>
public sealed class ElderCareWorklist(IDbContextFactory<CareTeamsDbContext> contexts, IClock clock, IOptions<Plan2111Options> options,
    ICurrentUser currentUser)
{
    /// <summary>The action plan's target: 90 % of home-dwelling elders.</summary>
    public const decimal Target = 0.9m;

    /// <summary>The most rows one list returns (a whole centre's open year would be tens of thousands).</summary>
    public const int MaxRows = 5000;

    /// <summary>
    /// The open items matching the filter, grouped by village (villages by name, then the due date).
    /// The rows come from ONE SQL statement however long the list is: plans → items, joined to the
    /// resident and the village, the due/overdue test made in SQL on the stored dates and today.
    /// </summary>
    public async Task<Worklist> WorklistAsync(WorklistFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var plans = db.ElderPlans.AsNoTracking().Where(p => p.Year == filter.Year);
        if (filter.TeamId is { } team)
            plans = plans.Where(p => p.TeamId == team);
        if (filter.VillageId is { } village)
            plans = plans.Where(p => p.VillageId == village);
        // The scope filter already narrows to the user's team or centre, but as an OR of every level, which
        // no index answers: saying it plainly lets the database start from the plans' team or centre index.
        var scope = currentUser.Scope;
        if (filter.TeamId is null && scope.Level == ScopeLevel.Team)
            plans = plans.Where(p => p.TeamId == scope.TeamId);
        else if (scope.Level == ScopeLevel.Centre)
            plans = plans.Where(p => p.CentreId == scope.CentreId);

        var items = plans.SelectMany(p => p.Items, (p, i) => new { Plan = p, Item = i })
            .Where(x => x.Item.Status == PlanItemStatus.Open);
        if (filter.Kind is { } kind)
            items = items.Where(x => x.Item.Kind == kind);
        var monthEnd = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1);
        var weekEnd = today.AddDays(7);
        items = filter.State switch
        {
            WorklistState.Overdue => items.Where(x => x.Item.Due < today),
            WorklistState.DueThisMonth => items.Where(x => x.Item.Due >= today && x.Item.WindowStart <= monthEnd),
            WorklistState.DueWithin7Days => items.Where(x => x.Item.Due >= today && x.Item.Due <= weekEnd),
            _ => items,
        };

        var joined = from x in items
                     join r in db.Residents on x.Plan.ResidentId equals r.Id
                     join v in db.Villages on x.Plan.VillageId equals v.Id
                     select new { x.Item, Resident = r, Village = v };
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            if (search.All(char.IsAsciiLetter))
            {
                var (from, to) = ResidentDirectory.Prefix(search.ToUpperInvariant());
                joined = joined.Where(x => x.Resident.NameInitials.CompareTo(from) >= 0 && x.Resident.NameInitials.CompareTo(to) < 0);
            }
            else
            {
                var (from, to) = ResidentDirectory.Prefix(search);
                joined = joined.Where(x => x.Resident.Name.CompareTo(from) >= 0 && x.Resident.Name.CompareTo(to) < 0);
            }
        }

        var rows = await joined
            .OrderBy(x => x.Village.Name).ThenBy(x => x.Village.Id).ThenBy(x => x.Item.Due).ThenBy(x => x.Resident.Name)
            .ThenBy(x => x.Resident.Id).ThenBy(x => x.Item.Kind).ThenBy(x => x.Item.Sequence)
            .Select(x => new
            {
                x.Item,
                x.Resident.Id, x.Resident.Name, x.Resident.Sex, x.Resident.DateOfBirth, x.Resident.Phone, x.Resident.Address,
                VillageId = x.Village.Id, VillageName = x.Village.Name,
            })
            .Take(MaxRows + 1)
            .ToListAsync(cancellationToken);

        var villages = rows.Take(MaxRows)
            .Select(x => new WorklistRow(x.Item.Id, x.Id, x.Name, x.Sex, Age.On(x.DateOfBirth, today), x.Phone, x.Address,
                x.VillageId, x.VillageName, x.Item.Kind, x.Item.Title, x.Item.WindowStart, x.Item.Due, x.Item.StateOn(today)))
            .GroupBy(r => (r.VillageId, r.VillageName))
            .Select(g => new WorklistVillage(g.Key.VillageId, g.Key.VillageName, g.ToList()))
            .ToList();
        return new Worklist(villages, rows.Count > MaxRows);
    }

    /// <summary>
    /// 2111 完成率 per team and village of a centre (all the user sees when <paramref name="centreId"/> is null):
    /// elders with a plan, with each kind done, with all four. One grouped statement for the counts, one each for the names.
    /// </summary>
    public async Task<Progress2111> ProgressAsync(int year, int? centreId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plans = db.ElderPlans.AsNoTracking().Where(p => p.Year == year);
        if (centreId is { } centre)
            plans = plans.Where(p => p.CentreId == centre);

        const PlanItemKind care = PlanItemKind.IntegratedCare;
        var counts = await plans
            .Select(p => new
            {
                p.TeamId,
                p.VillageId,
                Care = p.Items.Any(i => i.Kind == care && i.Status == PlanItemStatus.Done)
                    && !p.Items.Any(i => i.Kind == care && i.Status != PlanItemStatus.Done && i.Status != PlanItemStatus.NotApplicable),
                Exam = p.Items.Any(i => i.Kind == PlanItemKind.PhysicalExam && i.Status == PlanItemStatus.Done),
                Tcm = p.Items.Any(i => i.Kind == PlanItemKind.TcmConstitution && i.Status == PlanItemStatus.Done),
                Ability = p.Items.Any(i => i.Kind == PlanItemKind.AbilityAssessment && i.Status == PlanItemStatus.Done),
            })
            .GroupBy(x => new { x.TeamId, x.VillageId })
            .Select(g => new
            {
                g.Key.TeamId,
                g.Key.VillageId,
                Plans = g.Count(),
                Care = g.Sum(x => x.Care ? 1 : 0),
                Exam = g.Sum(x => x.Exam ? 1 : 0),
                Tcm = g.Sum(x => x.Tcm ? 1 : 0),
                Ability = g.Sum(x => x.Ability ? 1 : 0),
                All = g.Sum(x => x.Care && x.Exam && x.Tcm && x.Ability ? 1 : 0),
            })
            .ToListAsync(cancellationToken);

        var teamNames = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var villageNames = await db.Villages.AsNoTracking().Select(v => new { v.Id, v.Name }).ToDictionaryAsync(v => v.Id, v => v.Name, cancellationToken);
        var teams = counts
            .GroupBy(c => c.TeamId)
            .Select(g =>
            {
                var villages = g.Select(c => new VillageProgress(c.VillageId, villageNames.GetValueOrDefault(c.VillageId, string.Empty),
                        new ProgressCounts(c.Plans, c.Care, c.Exam, c.Tcm, c.Ability, c.All)))
                    .OrderBy(v => v.VillageName, StringComparer.Ordinal).ThenBy(v => v.VillageId).ToList();
                return new TeamProgress(g.Key, g.Key is { } id ? teamNames.GetValueOrDefault(id, string.Empty) : "未分配团队",
                    villages.Aggregate(ProgressCounts.Zero, (sum, v) => sum + v.Counts), villages);
            })
            .OrderBy(t => t.TeamId is null).ThenBy(t => t.TeamName, StringComparer.Ordinal).ThenBy(t => t.TeamId)
            .ToList();
        return new Progress2111(year, teams);
    }

    /// <summary>A team's planned visits per month of the year against its capacity.</summary>
    public async Task<MonthlyLoad> MonthlyLoadAsync(int year, int teamId, CancellationToken cancellationToken = default) =>
        (await MonthlyLoadsAsync(year, teamId, null, cancellationToken)).SingleOrDefault()?.Load ?? MonthlyLoad.Empty(0);

    /// <summary>
    /// Each team's planned visits per month (an elder's first-visit items are one visit, the second
    /// integrated care service another: so the integrated care items not closed as not applicable, by the
    /// month their window opens) against its capacity: <see cref="Plan2111Options.VisitsPerStaffPerMonth"/> × active staff.
    /// </summary>
    public async Task<IReadOnlyList<TeamLoad>> MonthlyLoadsAsync(int year, int? teamId = null, int? centreId = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plans = db.ElderPlans.AsNoTracking().Where(p => p.Year == year && p.TeamId != null);
        var teams = db.Teams.AsNoTracking();
        if (teamId is { } team)
        {
            plans = plans.Where(p => p.TeamId == team);
            teams = teams.Where(t => t.Id == team);
        }
        if (centreId is { } centre)
        {
            plans = plans.Where(p => p.CentreId == centre);
            teams = teams.Where(t => t.CentreId == centre);
        }
        var visits = await plans
            .SelectMany(p => p.Items.Where(i => i.Kind == PlanItemKind.IntegratedCare && i.Status != PlanItemStatus.NotApplicable),
                (p, i) => new { p.TeamId, i.WindowStart.Month })
            .GroupBy(x => new { x.TeamId, x.Month })
            .Select(g => new { g.Key.TeamId, g.Key.Month, Visits = g.Count() })
            .ToListAsync(cancellationToken);
        var staffed = await teams
            .Select(t => new { t.Id, t.Name, t.IsActive, Staff = db.Staff.Count(s => s.TeamId == t.Id && s.IsActive) })
            .ToListAsync(cancellationToken);
        var perStaff = options.Value.VisitsPerStaffPerMonth;
        return staffed
            .Where(t => t.IsActive || visits.Any(v => v.TeamId == t.Id))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Id)
            .Select(t =>
            {
                var months = new int[13];
                foreach (var v in visits.Where(v => v.TeamId == t.Id))
                    months[v.Month] += v.Visits;
                return new TeamLoad(t.Id, t.Name, new MonthlyLoad(months, t.Staff * perStaff));
            })
            .ToList();
    }

    /// <summary>The elder's plan of the year with each item's state, who did it and the result of its visit; null when there is none (or it is out of scope).</summary>
    public async Task<ElderPlanView?> PlanOfAsync(int residentId, int year, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var plan = await db.ElderPlans.AsNoTracking().FirstOrDefaultAsync(p => p.ResidentId == residentId && p.Year == year, cancellationToken);
        if (plan is null)
            return null;
        var staffIds = plan.Items.Where(i => i.StaffMemberId != null).Select(i => i.StaffMemberId!.Value).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var itemIds = plan.Items.Select(i => i.Id).ToList();
        var results = (await db.Visits.AsNoTracking().Where(v => v.PlanItemId != null && itemIds.Contains(v.PlanItemId.Value))
                .OrderBy(v => v.StartedAt).Select(v => new { ItemId = v.PlanItemId!.Value, v.FormResult }).ToListAsync(cancellationToken))
            .GroupBy(v => v.ItemId).ToDictionary(g => g.Key, g => g.Last().FormResult);
        return new ElderPlanView(plan.Id, plan.Year, plan.StartsOn, plan.IsComplete, plan.ItemsInOrder
            .Select(i => new ElderPlanItemView(i.Id, i.Kind, i.Title, i.StateOn(today), i.WindowStart, i.Due, i.ClosedOn,
                i.StaffMemberId is { } s ? staff.GetValueOrDefault(s) : null, i.Reason, results.GetValueOrDefault(i.Id)))
            .ToList());
    }
}
