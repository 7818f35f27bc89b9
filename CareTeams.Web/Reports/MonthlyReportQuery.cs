using System.Linq.Expressions;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Reports;

/// <summary>Whether the current user may have the report asked for.</summary>
public enum ReportAccess
{
    Allowed = 1,
    /// <summary>Not a centre manager or an administrator (or a centre manager asking for the county).</summary>
    Forbidden = 2,
    /// <summary>No such centre among those the user may see.</summary>
    NotFound = 3,
}

public sealed record MonthlyReportOutcome(ReportAccess Access, MonthlyReport? Report);

/// <summary>A centre the current user may report on (for the report page's choice).</summary>
public sealed record ReportCentre(string Code, string Name);

/// <summary>
/// The monthly report's figures, computed once, here, for the workbook and the dashboard alike: for
/// one centre or for the whole county (one row per centre), for a month closed at its last day 24:00
/// China Standard Time. Scoped by the user: a centre manager gets their own centre, an administrator
/// any centre of the county or all of it; other users nothing. Every figure is aggregated in SQL
/// (grouped statements returning a few hundred rows at most), never by loading residents.
/// </summary>
public sealed class MonthlyReportQuery(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock)
{
    /// <summary>The centre argument meaning "the whole county".</summary>
    public const string AllCentres = "all";

    /// <summary>The most residents the detail sheets list; past it the workbook says the list is cut.</summary>
    public const int DetailLimit = 50_000;

    /// <summary>The centres the current user may report on ("all" is offered to administrators only).</summary>
    public async Task<IReadOnlyList<ReportCentre>> CentresAsync(CancellationToken cancellationToken = default)
    {
        if (!MayReport(currentUser.Scope))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Centres.AsNoTracking().OrderBy(c => c.Code).Select(c => new ReportCentre(c.Code, c.Name)).ToListAsync(cancellationToken);
    }

    public bool MayReportOnCounty => currentUser.Scope.Level is ScopeLevel.County or ScopeLevel.System;

    private static bool MayReport(UserScope scope) => scope.Level is ScopeLevel.Centre or ScopeLevel.County or ScopeLevel.System;

    /// <summary>The report for a centre code (or <see cref="AllCentres"/>) and a month, or why not.</summary>
    public async Task<MonthlyReportOutcome> BuildAsync(string centre, ReportMonth month, bool withResidents = true, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (!MayReport(scope))
            return new(ReportAccess.Forbidden, null);
        var county = string.Equals(centre, AllCentres, StringComparison.OrdinalIgnoreCase);
        if (county && !MayReportOnCounty)
            return new(ReportAccess.Forbidden, null);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var centres = await db.Centres.AsNoTracking().OrderBy(c => c.Code)
            .Where(c => county || c.Code == centre)
            .Select(c => new { c.Id, c.Code, c.Name, CountyName = db.Counties.Where(k => k.Id == c.CountyId).Select(k => k.Name).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        if (!county && centres.Count == 0)
            return new(ReportAccess.NotFound, null);
        int? centreId = county ? null : centres[0].Id;
        var scopeName = county ? (centres.Select(c => c.CountyName).FirstOrDefault() ?? "全县") + "（全县）" : centres[0].Name;
        var centreNames = centres.ToDictionary(c => c.Id, c => c.Name);

        var teams = await db.Teams.AsNoTracking().Where(t => centreId == null || t.CentreId == centreId)
            .Select(t => new { t.Id, t.Name, t.CentreId }).ToListAsync(cancellationToken);
        var villages = await db.Villages.AsNoTracking().Where(v => centreId == null || v.CentreId == centreId)
            .Select(v => new { v.Id, v.Name, v.CentreId }).ToListAsync(cancellationToken);

        var byCentre = centres.ToDictionary(c => c.Id, _ => new MonthlyReportFigures());
        var byTeam = teams.ToDictionary(t => t.Id, _ => new MonthlyReportFigures());
        var byVillage = villages.ToDictionary(v => v.Id, _ => new MonthlyReportFigures());
        static MonthlyReportFigures? Of(Dictionary<int, MonthlyReportFigures> map, int? id) => id is { } key && map.TryGetValue(key, out var f) ? f : null;

        foreach (var g in await ResidentGroupsAsync(db, centreId, month, cancellationToken))
        {
            foreach (var figures in new[] { Of(byCentre, g.CentreId), Of(byVillage, g.VillageId), Of(byTeam, g.TeamId) })
                figures?.AddResidents(g.Count, g.Signed, g.Tags | (g.Elderly ? KeyPopulation.Elderly65 : 0) | (g.Child ? KeyPopulation.Child0To6 : 0));
        }
        foreach (var g in await ContractEventGroupsAsync(db, centreId, month, cancellationToken))
        {
            foreach (var figures in new[] { Of(byCentre, g.CentreId), Of(byVillage, g.VillageId), Of(byTeam, g.TeamId) })
                figures?.AddEvents(g.Count, g.IsNew, g.IsRenewal, g.IsTermination, g.IsExpiry);
        }
        var last = month.Last;
        var first = month.First;
        var fees = await db.Contracts.AsNoTracking()
            .Where(c => centreId == null || c.CentreId == centreId)
            .Where(c => c.Status != ContractStatus.Draft && c.SignedOn >= first && c.SignedOn <= last)
            .GroupBy(c => new { c.CentreId, c.TeamId })
            .Select(g => new
            {
                g.Key.CentreId,
                g.Key.TeamId,
                Price = g.SelectMany(c => c.Packages).Sum(p => (long?)EF.Property<long>(p, nameof(ContractPackage.Price))) ?? 0,
                Subsidy = g.SelectMany(c => c.Packages).Sum(p => (long?)EF.Property<long>(p, nameof(ContractPackage.Subsidy))) ?? 0,
            })
            .ToListAsync(cancellationToken);
        foreach (var g in fees)
        {
            foreach (var figures in new[] { Of(byCentre, g.CentreId), Of(byTeam, g.TeamId) })
                figures?.AddFees(g.Price, g.Price - g.Subsidy);
        }
        // Fulfilment: flat joins from the contracts in force to their items and records, grouped once (a GroupBy
        // with SelectMany inside becomes a correlated subquery per group).
        var inForce = db.Contracts.AsNoTracking().Where(c => centreId == null || c.CentreId == centreId).Where(SignedAt(last));
        var promised = await inForce.SelectMany(c => c.Items, (c, i) => new { c.CentreId, c.TeamId, i.Planned })
            .GroupBy(x => new { x.CentreId, x.TeamId })
            .Select(g => new { g.Key.CentreId, g.Key.TeamId, Planned = g.Sum(x => x.Planned) })
            .ToListAsync(cancellationToken);
        var delivered = await inForce.SelectMany(c => c.Fulfilments.Where(f => f.On <= last), (c, f) => new { c.CentreId, c.TeamId })
            .GroupBy(x => new { x.CentreId, x.TeamId })
            .Select(g => new { g.Key.CentreId, g.Key.TeamId, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var g in promised)
        {
            foreach (var figures in new[] { Of(byCentre, g.CentreId), Of(byTeam, g.TeamId) })
                figures?.AddFulfilment(g.Planned, 0);
        }
        foreach (var g in delivered)
        {
            foreach (var figures in new[] { Of(byCentre, g.CentreId), Of(byTeam, g.TeamId) })
                figures?.AddFulfilment(0, g.Count);
        }
        foreach (var g in await ReferralGroupsAsync(db, centreId, month, cancellationToken))
        {
            foreach (var figures in new[] { Of(byCentre, g.CentreId), Of(byTeam, g.TeamId) })
                figures?.Referrals.AddReferrals(g.Count, g.Direction, g.Urgency, g.Status);
        }
        foreach (var (referralCentre, referralTeam) in await FollowedUpDownReferralsAsync(db, centreId, month, cancellationToken))
        {
            foreach (var figures in new[] { Of(byCentre, referralCentre), Of(byTeam, referralTeam) })
                figures?.Referrals.AddFollowedUp(1);
        }

        var centreRows = centres.Select(c => new MonthlyReportRow(c.Id, c.Name, c.Name, byCentre[c.Id])).ToList();
        var teamRows = teams.OrderBy(t => centres.FindIndex(c => c.Id == t.CentreId)).ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new MonthlyReportRow(t.Id, t.Name, centreNames.GetValueOrDefault(t.CentreId, ""), byTeam[t.Id])).ToList();
        var villageRows = villages.OrderBy(v => centres.FindIndex(c => c.Id == v.CentreId)).ThenBy(v => v.Name, StringComparer.Ordinal)
            .Select(v => new MonthlyReportRow(v.Id, v.Name, centreNames.GetValueOrDefault(v.CentreId, ""), byVillage[v.Id])).ToList();

        var (plan2111, plan2111Total) = await Plan2111Async(db, centreId, centres.Select(c => (c.Id, c.Name)).ToList(), month, cancellationToken);
        var homeBeds = await HomeBedsAsync(db, centreId, centres.Select(c => (c.Id, c.Name)).ToList(), month, cancellationToken);
        var (visitKinds, visitStaff) = await VisitsAsync(db, centreId, centreNames, month, cancellationToken);

        var residents = new List<ReportResident>();
        var truncated = false;
        if (withResidents)
        {
            foreach (var figure in new[] { ReportFigure.NewContracts, ReportFigure.Renewals, ReportFigure.Terminations, ReportFigure.Expiries, ReportFigure.Plan2111DoneInMonth })
            {
                var left = DetailLimit - residents.Count;
                var rows = await ResidentsAsync(db, figure, centreId, month, null, null, 0, left + 1, cancellationToken);
                truncated |= rows.Count > left;
                residents.AddRange(rows.Take(left));
            }
        }

        return new(ReportAccess.Allowed, new MonthlyReport(month, scopeName, county ? AllCentres : centres[0].Code, clock.Now,
            centreRows, MonthlyReportFigures.Sum(centreRows.Select(r => r.Figures)), teamRows, villageRows,
            plan2111, plan2111Total, homeBeds, visitKinds, visitStaff, residents, truncated));
    }

    /// <summary>
    /// The residents behind one figure (the dashboard's drill-down), optionally for one team or village,
    /// a page at a time; null when the user may not have the centre's report.
    /// </summary>
    public async Task<IReadOnlyList<ReportResident>?> ResidentsBehindAsync(string centre, ReportMonth month, ReportFigure figure,
        int? teamId = null, int? villageId = null, int skip = 0, int take = 100, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        var county = string.Equals(centre, AllCentres, StringComparison.OrdinalIgnoreCase);
        if (!MayReport(scope) || (county && !MayReportOnCounty))
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        int? centreId = null;
        if (!county)
        {
            centreId = await db.Centres.Where(c => c.Code == centre).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (centreId is null)
                return null;
        }
        return await ResidentsAsync(db, figure, centreId, month, teamId, villageId, skip, take, cancellationToken);
    }

    /// <summary>
    /// "Signed at month end" as a contract condition: the term covers the day and the contract's status
    /// on that day was signed — signed on or before it and not terminated on or before it.
    /// </summary>
    public static Expression<Func<Contract, bool>> SignedAt(DateOnly day) => c =>
        c.Status != ContractStatus.Draft && c.SignedOn != null && c.SignedOn <= day
        && c.Term.Start <= day && c.Term.End >= day
        && !(c.Status == ContractStatus.Terminated && c.EndedOn <= day);

    private sealed record ResidentGroup(int CentreId, int VillageId, int? TeamId, KeyPopulation Tags, bool Elderly, bool Child, bool Signed, int Count);

    /// <summary>Residents at month end grouped by where they are, their tags, the age-derived tags and whether signed: one statement.</summary>
    private static async Task<List<ResidentGroup>> ResidentGroupsAsync(CareTeamsDbContext db, int? centreId, ReportMonth month, CancellationToken cancellationToken)
    {
        var last = month.Last;
        // 65 or over on the last day ⇔ born on or before the day 65 years earlier (Age.On counts a 29 February birthday from 1 March).
        var elderlyBornBy = last.AddYears(-65);
        // 6 or under ⇔ born after the day 7 years earlier (and not after the day itself).
        var childBornAfter = last.AddYears(-7);
        var signed = db.Contracts.Where(c => centreId == null || c.CentreId == centreId).Where(SignedAt(last)).Select(c => c.ResidentId);
        var rows = await db.Residents.AsNoTracking()
            .Where(r => centreId == null || r.CentreId == centreId)
            .Where(r => r.Status == ResidentStatus.Active || r.StatusChangedOn > last)
            .Select(r => new
            {
                r.CentreId,
                r.VillageId,
                r.TeamId,
                r.Tags,
                Elderly = r.DateOfBirth <= elderlyBornBy,
                Child = r.DateOfBirth > childBornAfter && r.DateOfBirth <= last,
                Signed = signed.Contains(r.Id),
            })
            .GroupBy(x => new { x.CentreId, x.VillageId, x.TeamId, x.Tags, x.Elderly, x.Child, x.Signed })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ResidentGroup(r.Key.CentreId, r.Key.VillageId, r.Key.TeamId, r.Key.Tags, r.Key.Elderly, r.Key.Child, r.Key.Signed, r.Count)).ToList();
    }

    private sealed record EventGroup(int CentreId, int TeamId, int VillageId, bool IsNew, bool IsRenewal, bool IsTermination, bool IsExpiry, int Count);

    /// <summary>The contract events of the month (new, renewed, terminated, expired) grouped by centre, team and the resident's village: one statement.</summary>
    private async Task<List<EventGroup>> ContractEventGroupsAsync(CareTeamsDbContext db, int? centreId, ReportMonth month, CancellationToken cancellationToken)
    {
        var rows = await ContractEvents(db, centreId, month)
            .GroupBy(x => new { x.CentreId, x.TeamId, x.VillageId, x.IsNew, x.IsRenewal, x.IsTermination, x.IsExpiry })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new EventGroup(r.Key.CentreId, r.Key.TeamId, r.Key.VillageId, r.Key.IsNew, r.Key.IsRenewal, r.Key.IsTermination, r.Key.IsExpiry, r.Count)).ToList();
    }

    /// <summary>A contract's events in the month (a class with init properties: EF Core composes further queries over a member-init projection).</summary>
    private sealed class ContractEvent
    {
        public int ResidentId { get; init; }
        public int CentreId { get; init; }
        public int TeamId { get; init; }
        public int VillageId { get; init; }
        public bool IsNew { get; init; }
        public bool IsRenewal { get; init; }
        public bool IsTermination { get; init; }
        public bool IsExpiry { get; init; }
        public DateOnly? SignedOn { get; init; }
        public DateOnly? EndedOn { get; init; }
        public DateOnly End { get; init; }
    }

    private IQueryable<ContractEvent> ContractEvents(CareTeamsDbContext db, int? centreId, ReportMonth month)
    {
        var first = month.First;
        var last = month.Last;
        var today = clock.Today;
        // Contracts ending in the month that were renewed by a contract signed on or before their end: a join on the
        // primary key from the (few) renewal contracts, evaluated once as NOT IN — a correlated EXISTS per contract
        // made SQLite scan the table for each (the PreviousContractId index is mostly NULLs).
        var renewedInTime = db.Contracts.Where(n => n.PreviousContractId != null && n.Status != ContractStatus.Draft)
            .Join(db.Contracts, n => n.PreviousContractId, p => (int?)p.Id, (n, p) => new { n.SignedOn, p.Id, End = p.ExtendedUntil ?? p.Term.End })
            .Where(x => x.End >= first && x.End <= last && x.SignedOn <= x.End)
            .Select(x => x.Id);
        return db.Contracts.AsNoTracking()
            .Where(c => centreId == null || c.CentreId == centreId)
            .Where(c => c.Status != ContractStatus.Draft)
            .Select(c => new { Contract = c, End = c.ExtendedUntil ?? c.Term.End })
            .Where(x => (x.Contract.SignedOn >= first && x.Contract.SignedOn <= last)
                || (x.Contract.EndedOn >= first && x.Contract.EndedOn <= last)
                || (x.End >= first && x.End <= last))
            .Join(db.Residents, x => x.Contract.ResidentId, r => r.Id, (x, r) => new ContractEvent
            {
                ResidentId = r.Id,
                CentreId = x.Contract.CentreId,
                TeamId = x.Contract.TeamId,
                VillageId = r.VillageId,
                IsNew = x.Contract.SignedOn >= first && x.Contract.SignedOn <= last && x.Contract.PreviousContractId == null,
                IsRenewal = x.Contract.SignedOn >= first && x.Contract.SignedOn <= last && x.Contract.PreviousContractId != null,
                IsTermination = x.Contract.Status == ContractStatus.Terminated && x.Contract.EndedOn >= first && x.Contract.EndedOn <= last,
                IsExpiry = x.Contract.Status != ContractStatus.Terminated && x.End >= first && x.End <= last && x.End < today
                    && !renewedInTime.Contains(x.Contract.Id),
                SignedOn = x.Contract.SignedOn,
                EndedOn = x.Contract.EndedOn,
                End = x.End,
            });
    }

    private sealed record ReferralGroup(int CentreId, int TeamId, ReferralDirection Direction, ReferralUrgency Urgency, ReferralStatus Status, int Count);

    private static IQueryable<Referral> ReferralsOf(CareTeamsDbContext db, int? centreId) =>
        db.Referrals.AsNoTracking().IgnoreAutoIncludes().Where(r => centreId == null || r.CentreId == centreId);

    /// <summary>
    /// 双向转诊: the month's referrals (requested from the first day 00:00 to the last day 24:00 China time) grouped by
    /// centre, team, direction, urgency and current status, in one statement.
    /// </summary>
    private static async Task<List<ReferralGroup>> ReferralGroupsAsync(CareTeamsDbContext db, int? centreId, ReportMonth month, CancellationToken cancellationToken)
    {
        var (from, to) = (month.StartsAtInstant, month.EndsAtInstant);
        var rows = await ReferralsOf(db, centreId)
            .Where(r => r.RequestedAt >= from && r.RequestedAt < to)
            .GroupBy(r => new { r.CentreId, r.TeamId, r.Direction, r.Urgency, r.Status })
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReferralGroup(r.Key.CentreId, r.Key.TeamId, r.Key.Direction, r.Key.Urgency, r.Key.Status, r.Count)).ToList();
    }

    /// <summary>
    /// 下转 followed up within <see cref="Referral.FollowUpWithinDays"/> days: the month's down-referrals joined to their
    /// residents' visits started from the month's first day
    /// to the last due day: one statement, a row per visit. Which referrals are the month's and to be followed up, and
    /// whether a visit started at or after the request and on or before <see cref="Referral.FollowUpDueOn"/>, is decided
    /// here: the request time is an instant, a visit's time China wall-clock time. Returns the centre and team of each
    /// referral followed up.
    /// </summary>
    private static async Task<List<(int CentreId, int TeamId)>> FollowedUpDownReferralsAsync(CareTeamsDbContext db, int? centreId, ReportMonth month,
        CancellationToken cancellationToken)
    {
        var (from, to) = (month.StartsAtInstant, month.EndsAtInstant);
        var visitsFrom = month.StartsAt;
        var visitsUntil = month.EndsAt.AddDays(Referral.FollowUpWithinDays);
        var rows = await ReferralsOf(db, centreId)
            .Where(r => r.Direction == ReferralDirection.Down && r.RequestedAt >= from && r.RequestedAt < to)
            .Join(db.Visits.Where(v => v.StartedAt >= visitsFrom && v.StartedAt < visitsUntil), r => r.ResidentId, v => v.ResidentId,
                (r, v) => new { r.Id, r.CentreId, r.TeamId, r.Status, r.RequestedAt, v.StartedAt })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Status.IsToFollowUp()).GroupBy(r => r.Id)
            .Where(g => g.Any(x => x.StartedAt >= ChinaTime.LocalTimeOf(x.RequestedAt)
                && DateOnly.FromDateTime(x.StartedAt) <= ChinaTime.DateOf(x.RequestedAt).AddDays(Referral.FollowUpWithinDays)))
            .Select(g => (g.First().CentreId, g.First().TeamId))
            .ToList();
    }

    private sealed record PlanFacts(int CentreId, bool[] DoneYear, bool[] DoneMonth, int Count);

    /// <summary>
    /// 2111, per centre: the elders with a plan for the month's year that had started by the month's end
    /// and has at least one item applicable on the last day (not closed as not applicable on or before
    /// it); for each kind, elders who had one of its items done in the month, and elders with all its
    /// applicable items done by the month's end (both integrated care services, or the first when the
    /// second is not applicable); for all four, elders with every kind done by the month's end, and of
    /// them those with an item done in the month (their plan was completed in the month).
    /// </summary>
    private static async Task<(IReadOnlyList<Plan2111Row>, Plan2111Row)> Plan2111Async(CareTeamsDbContext db, int? centreId,
        IReadOnlyList<(int Id, string Name)> centres, ReportMonth month, CancellationToken cancellationToken)
    {
        var first = month.First;
        var last = month.Last;
        const PlanItemStatus done = PlanItemStatus.Done;
        const PlanItemStatus notApplicable = PlanItemStatus.NotApplicable;
        const PlanItemKind ic = PlanItemKind.IntegratedCare, exam = PlanItemKind.PhysicalExam, tcm = PlanItemKind.TcmConstitution, ability = PlanItemKind.AbilityAssessment;
        var rows = await db.ElderPlans.AsNoTracking()
            .Where(p => centreId == null || p.CentreId == centreId)
            .Where(p => p.Year == month.Year && p.StartsOn <= last && p.Items.Any(i => !(i.Status == notApplicable && i.ClosedOn <= last)))
            .Select(p => new
            {
                p.CentreId,
                IcYear = p.Items.Any(i => i.Kind == ic && i.Status == done && i.ClosedOn <= last)
                    && !p.Items.Any(i => i.Kind == ic && !(i.Status == notApplicable && i.ClosedOn <= last) && !(i.Status == done && i.ClosedOn <= last)),
                ExamYear = p.Items.Any(i => i.Kind == exam && i.Status == done && i.ClosedOn <= last),
                TcmYear = p.Items.Any(i => i.Kind == tcm && i.Status == done && i.ClosedOn <= last),
                AbilityYear = p.Items.Any(i => i.Kind == ability && i.Status == done && i.ClosedOn <= last),
                IcMonth = p.Items.Any(i => i.Kind == ic && i.Status == done && i.ClosedOn >= first && i.ClosedOn <= last),
                ExamMonth = p.Items.Any(i => i.Kind == exam && i.Status == done && i.ClosedOn >= first && i.ClosedOn <= last),
                TcmMonth = p.Items.Any(i => i.Kind == tcm && i.Status == done && i.ClosedOn >= first && i.ClosedOn <= last),
                AbilityMonth = p.Items.Any(i => i.Kind == ability && i.Status == done && i.ClosedOn >= first && i.ClosedOn <= last),
            })
            .GroupBy(x => x)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var facts = rows.Select(r => new PlanFacts(r.Key.CentreId,
            [r.Key.IcYear, r.Key.ExamYear, r.Key.TcmYear, r.Key.AbilityYear],
            [r.Key.IcMonth, r.Key.ExamMonth, r.Key.TcmMonth, r.Key.AbilityMonth], r.Count)).ToList();

        Plan2111Row RowOf(int id, string name, IEnumerable<PlanFacts> of)
        {
            var list = of.ToList();
            var elders = list.Sum(f => f.Count);
            var kinds = PlanItemTerms.AllKinds.Select((kind, k) => new Plan2111KindFigure(kind.ChineseName(),
                list.Where(f => f.DoneMonth[k]).Sum(f => f.Count), list.Where(f => f.DoneYear[k]).Sum(f => f.Count), elders)).ToList();
            var allFour = list.Where(f => f.DoneYear.All(d => d)).ToList();
            kinds.Add(new Plan2111KindFigure("四项全部完成", allFour.Where(f => f.DoneMonth.Any(d => d)).Sum(f => f.Count), allFour.Sum(f => f.Count), elders));
            return new Plan2111Row(id, name, elders, kinds);
        }

        var perCentre = centres.Select(c => RowOf(c.Id, c.Name, facts.Where(f => f.CentreId == c.Id))).ToList();
        return (perCentre, RowOf(0, "合计", facts.Where(f => centres.Any(c => c.Id == f.CentreId))));
    }

    /// <summary>
    /// 家庭病床 per centre (DOMAIN.md, Home beds): opened = beds whose opening date (建床) is in the month;
    /// closed = beds whose closing date (撤床) is in the month; open at month end = opened on or before the
    /// last day and not closed on or before it; bed-days = the bed-days (closing date − opening date) of
    /// the beds closed in the month. Counts of beds (a resident may have had two in a month).
    /// </summary>
    private static async Task<IReadOnlyList<HomeBedRow>> HomeBedsAsync(CareTeamsDbContext db, int? centreId,
        IReadOnlyList<(int Id, string Name)> centres, ReportMonth month, CancellationToken cancellationToken)
    {
        var first = month.First;
        var last = month.Last;
        var beds = db.HomeBeds.AsNoTracking().IgnoreAutoIncludes().Where(b => centreId == null || b.CentreId == centreId);
        var counts = await beds.GroupBy(b => b.CentreId)
            .Select(g => new
            {
                CentreId = g.Key,
                Opened = g.Count(b => b.OpenedOn >= first && b.OpenedOn <= last),
                Closed = g.Count(b => b.ClosedOn >= first && b.ClosedOn <= last),
                Open = g.Count(b => b.OpenedOn <= last && (b.ClosedOn == null || b.ClosedOn > last)),
            })
            .ToDictionaryAsync(x => x.CentreId, cancellationToken);
        // Bed-days of the beds closed in the month: few rows, the day arithmetic done here.
        var closed = await beds.Where(b => b.ClosedOn >= first && b.ClosedOn <= last)
            .Select(b => new { b.CentreId, b.OpenedOn, ClosedOn = b.ClosedOn!.Value })
            .ToListAsync(cancellationToken);
        var bedDays = closed.GroupBy(b => b.CentreId)
            .ToDictionary(g => g.Key, g => g.Sum(b => b.ClosedOn.DayNumber - b.OpenedOn.DayNumber));
        return centres.Select(c => counts.TryGetValue(c.Id, out var n)
                ? new HomeBedRow(c.Id, c.Name, n.Opened, n.Closed, n.Open, bedDays.GetValueOrDefault(c.Id))
                : new HomeBedRow(c.Id, c.Name, 0, 0, 0, 0))
            .ToList();
    }

    /// <summary>随访: visit logs started in the month (China wall-clock time, first day 00:00 to last day 24:00), by kind and by staff member.</summary>
    private static async Task<(IReadOnlyList<VisitKindRow>, IReadOnlyList<VisitStaffRow>)> VisitsAsync(CareTeamsDbContext db, int? centreId,
        IReadOnlyDictionary<int, string> centreNames, ReportMonth month, CancellationToken cancellationToken)
    {
        var from = month.StartsAt;
        var to = month.EndsAt;
        var visits = db.Visits.AsNoTracking().Where(v => centreId == null || v.CentreId == centreId).Where(v => v.StartedAt >= from && v.StartedAt < to);
        var byKind = await visits.GroupBy(v => new { v.CentreId, v.Kind })
            .Select(g => new { g.Key.CentreId, g.Key.Kind, Visits = g.Count(), Residents = g.Select(v => v.ResidentId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var byStaff = await visits.GroupBy(v => new { v.CentreId, v.StaffMemberId })
            .Select(g => new { g.Key.CentreId, g.Key.StaffMemberId, Visits = g.Count(), Residents = g.Select(v => v.ResidentId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var staffIds = byStaff.Select(s => s.StaffMemberId).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, Team = db.Teams.Where(t => t.Id == s.TeamId).Select(t => t.Name).FirstOrDefault() })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var kinds = byKind.OrderBy(k => k.CentreId).ThenBy(k => k.Kind)
            .Select(k => new VisitKindRow(k.CentreId, centreNames.GetValueOrDefault(k.CentreId, ""), k.Kind, k.Visits, k.Residents)).ToList();
        var people = byStaff.OrderBy(s => s.CentreId).ThenByDescending(s => s.Visits).ThenBy(s => s.StaffMemberId)
            .Select(s => new VisitStaffRow(s.CentreId, centreNames.GetValueOrDefault(s.CentreId, ""), s.StaffMemberId,
                staff.TryGetValue(s.StaffMemberId, out var m) ? m.Name : "", staff.TryGetValue(s.StaffMemberId, out var n) ? n.Team ?? "" : "",
                s.Visits, s.Residents)).ToList();
        return (kinds, people);
    }

    private sealed class ResidentKey
    {
        public int ResidentId { get; init; }
        public DateOnly? On { get; init; }
        public string Detail { get; init; } = "";
    }

    private async Task<List<ReportResident>> ResidentsAsync(CareTeamsDbContext db, ReportFigure figure, int? centreId, ReportMonth month,
        int? teamId, int? villageId, int skip, int take, CancellationToken cancellationToken)
    {
        var first = month.First;
        var last = month.Last;
        IQueryable<ResidentKey> keys;
        switch (figure)
        {
            case ReportFigure.SignedAtMonthEnd:
                keys = db.Contracts.AsNoTracking().Where(c => centreId == null || c.CentreId == centreId).Where(SignedAt(last))
                    .Where(c => teamId == null || c.TeamId == teamId)
                    .Select(c => new ResidentKey { ResidentId = c.ResidentId, On = c.SignedOn, Detail = "签约" });
                break;
            case ReportFigure.NewContracts or ReportFigure.Renewals or ReportFigure.Terminations or ReportFigure.Expiries:
                var events = ContractEvents(db, centreId, month).Where(e => teamId == null || e.TeamId == teamId);
                keys = figure switch
                {
                    ReportFigure.NewContracts => events.Where(e => e.IsNew).Select(e => new ResidentKey { ResidentId = e.ResidentId, On = e.SignedOn, Detail = "新签约" }),
                    ReportFigure.Renewals => events.Where(e => e.IsRenewal).Select(e => new ResidentKey { ResidentId = e.ResidentId, On = e.SignedOn, Detail = "续约" }),
                    ReportFigure.Terminations => events.Where(e => e.IsTermination).Select(e => new ResidentKey { ResidentId = e.ResidentId, On = e.EndedOn, Detail = "解约" }),
                    _ => events.Where(e => e.IsExpiry).Select(e => new ResidentKey { ResidentId = e.ResidentId, On = e.End, Detail = "到期" }),
                };
                break;
            case ReportFigure.Plan2111DoneInMonth:
                keys = db.ElderPlans.AsNoTracking().Where(p => centreId == null || p.CentreId == centreId)
                    .Where(p => teamId == null || p.TeamId == teamId)
                    .SelectMany(p => p.Items, (p, i) => new { p.ResidentId, i.Kind, i.Status, i.ClosedOn })
                    .Where(x => x.Status == PlanItemStatus.Done && x.ClosedOn >= first && x.ClosedOn <= last)
                    .GroupBy(x => x.ResidentId)
                    .Select(g => new ResidentKey { ResidentId = g.Key, On = g.Max(x => x.ClosedOn), Detail = "" });
                break;
            default:
                var from = month.StartsAt;
                var to = month.EndsAt;
                keys = db.Visits.AsNoTracking().Where(v => centreId == null || v.CentreId == centreId)
                    .Where(v => teamId == null || v.TeamId == teamId)
                    .Where(v => v.StartedAt >= from && v.StartedAt < to)
                    .GroupBy(v => v.ResidentId)
                    .Select(g => new ResidentKey { ResidentId = g.Key, On = null, Detail = "" });
                break;
        }

        var page = await keys.Join(db.Residents.AsNoTracking(), k => k.ResidentId, r => r.Id, (k, r) => new { k, r })
            .Where(x => villageId == null || x.r.VillageId == villageId)
            .OrderBy(x => x.r.CentreId).ThenBy(x => x.r.VillageId).ThenBy(x => x.r.Id)
            .Skip(skip).Take(take)
            .Select(x => new
            {
                x.k.ResidentId, x.k.On, x.k.Detail, x.r.Name, x.r.IdNumber, x.r.Sex, x.r.DateOfBirth, x.r.Tags,
                Centre = db.Centres.Where(c => c.Id == x.r.CentreId).Select(c => c.Name).FirstOrDefault(),
                Village = db.Villages.Where(v => v.Id == x.r.VillageId).Select(v => v.Name).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == x.r.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        Dictionary<int, string> doneKinds = [];
        if (figure == ReportFigure.Plan2111DoneInMonth && page.Count > 0)
        {
            var ids = page.Select(p => p.ResidentId).ToList();
            var items = await db.ElderPlans.AsNoTracking().Where(p => ids.Contains(p.ResidentId))
                .SelectMany(p => p.Items, (p, i) => new { p.ResidentId, i.Kind, i.Sequence, i.Status, i.ClosedOn })
                .Where(x => x.Status == PlanItemStatus.Done && x.ClosedOn >= first && x.ClosedOn <= last)
                .ToListAsync(cancellationToken);
            doneKinds = items.GroupBy(i => i.ResidentId).ToDictionary(g => g.Key,
                g => string.Join("、", g.OrderBy(i => i.Kind).ThenBy(i => i.Sequence)
                    .Select(i => i.Kind == PlanItemKind.IntegratedCare ? $"第{(i.Sequence == 1 ? "一" : "二")}次医养结合服务" : i.Kind.ChineseName())));
        }
        return page.Select(p => new ReportResident(p.ResidentId, figure, p.Name, ResidentIdNumber.Mask(p.IdNumber), p.Sex,
                Age.On(p.DateOfBirth, last), p.Centre ?? "", p.Village ?? "", p.Team ?? "",
                KeyPopulations.ChineseNames(p.Tags | Resident.DerivedKeyPopulations(p.DateOfBirth, last)), p.On,
                figure == ReportFigure.Plan2111DoneInMonth ? doneKinds.GetValueOrDefault(p.ResidentId, "") : p.Detail))
            .ToList();
    }
}
