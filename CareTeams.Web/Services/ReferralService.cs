using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareTeams.Web.Services;

/// <summary>Which side of the referrals the list shows.</summary>
public enum ReferralBox
{
    /// <summary>转出：sent by the user's institution(s).</summary>
    Outgoing = 1,
    /// <summary>接收：sent to the user's institution(s), green channel first.</summary>
    Incoming = 2,
    /// <summary>全部：every referral the user sees (a manager's or the county's overview).</summary>
    All = 3,
}

/// <summary>The status filter of the lists.</summary>
public enum ReferralStatusFilter
{
    /// <summary>进行中：requested, accepted or arrived.</summary>
    Open = 0,
    Requested = 1,
    Accepted = 2,
    Arrived = 3,
    /// <summary>已结束：declined, cancelled, expired, returned or closed.</summary>
    Finished = 4,
    Any = 5,
}

public sealed record ReferralQuery
{
    public ReferralBox Box { get; init; } = ReferralBox.Incoming;
    public ReferralStatusFilter Status { get; init; } = ReferralStatusFilter.Open;
    public ReferralDirection? Direction { get; init; }

    /// <summary>The resident's name or its beginning.</summary>
    public string? Search { get; init; }
    public int Take { get; init; } = 200;
}

public sealed record ReferralRow(int Id, int ResidentId, string ResidentName, Sex ResidentSex, DateOnly ResidentDateOfBirth,
    ReferralDirection Direction, ReferralUrgency Urgency, string FromName, string ToName, ReferralStatus Status,
    DateTimeOffset RequestedAt, string RequestedByName, string Diagnosis, string Reason);

/// <summary>What the receiving side may see of the resident through a referral (the slip's stub).</summary>
public sealed record ReferralResident(int Id, string Name, Sex Sex, DateOnly DateOfBirth, string MaskedIdNumber, string? Phone,
    string? Address, string VillageName, string TeamName, string CentreName);

public sealed record ReferralTimelineStep(ReferralStatus Status, DateTimeOffset At, string ByName, string? InstitutionName, string? Note);

/// <summary>What the signed-in user may do to the referral now.</summary>
public sealed record ReferralActions(bool Accept, bool Decline, bool Cancel, bool ConfirmArrival, bool Close, bool Answer);

/// <summary>The referral page: the referral, its resident, institutions, timeline, links and what the user may do.</summary>
public sealed record ReferralView(Referral Referral, ReferralResident Resident, AllianceInstitution From, AllianceInstitution To,
    IReadOnlyList<ReferralTimelineStep> Timeline, ReferralActions Can, int? FollowUpVisitId, DateOnly Today)
{
    public int? AnswersReferralId => Referral.AnswersReferralId;
    public int? ReturnedByReferralId => Referral.ReturnedByReferralId;
}

/// <summary>A line of the resident page's referral timeline.</summary>
public sealed record ResidentReferralRow(int Id, ReferralDirection Direction, ReferralUrgency Urgency, string FromName, string ToName,
    ReferralStatus Status, DateTimeOffset RequestedAt, DateTimeOffset LastStepAt, string Diagnosis);

/// <summary>What the referral form sends. A desk user names the resident by their full ID number, or answers a referral.</summary>
public sealed record ReferralInput(int? ResidentId, string? ResidentIdNumber, int FromInstitutionId, int ToInstitutionId, ReferralForm Form,
    int? AnswersReferralId = null);

public sealed record InstitutionOption(int Id, string Name, AllianceInstitutionKind Kind, int? CentreId);

/// <summary>The resident a desk user found by ID number: only who it is, so the user can check before referring.</summary>
public sealed record ReferralResidentMatch(int Id, string Name, Sex Sex, int Age, string MaskedIdNumber, string CentreName);

/// <summary>A down-referral the resident's team must follow up: for the calendar and the team's list.</summary>
public sealed record ReferralFollowUp(int ReferralId, int ResidentId, string ResidentName, DateOnly DueOn, string Task, bool ProposesHomeBed);

public sealed class ReferralSettings
{
    /// <summary>A request nobody answered in this many days expires (the expire-referrals job).</summary>
    public int ExpiryDays { get; set; } = 7;
}

/// <summary>
/// Two-way referral (双向转诊) and transfers (转介) as pages and jobs use them, always through the scoped context: the
/// outgoing and incoming lists, the referral page, sending (with the answer to an arrived referral), the receiving
/// side's accept / decline / arrival, cancelling, closing, the expiry of unanswered requests, the follow-ups a
/// down-referral gives the resident's team, and the resident page's timeline. Who acts for which institution:
/// a referral desk for its own; a centre's staff for the centre and the village clinics it runs.
/// </summary>
public sealed class ReferralService(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock,
    IOptions<ReferralSettings> options, AuditLog audit)
{
    public const string NoInstitutionMessage = "您的账号未关联医共体机构，不能办理转诊。";
    public const string ResidentNotFoundMessage = "未找到该身份证号的居民（须为本县签约居民）。";

    private int ExpiryDays => Math.Max(1, options.Value.ExpiryDays);

    /// <summary>The institutions the user acts for: a desk's own, or the user's centre and the clinics it runs; none for an admin.</summary>
    public async Task<IReadOnlyList<InstitutionOption>> MyInstitutionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ActingAsync(db, cancellationToken);
    }

    /// <summary>Every institution of the user's alliance, for the "to" picker (the form checks direction against kinds).</summary>
    public async Task<IReadOnlyList<InstitutionOption>> AllianceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AllianceInstitutions.AsNoTracking().OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new InstitutionOption(a.Id, a.Name, a.Kind, a.CentreId)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReferralRow>> ListAsync(ReferralQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = (await ActingAsync(db, cancellationToken)).Select(i => i.Id).ToList();
        var referrals = db.Referrals.AsNoTracking().IgnoreAutoIncludes();
        referrals = query.Box switch
        {
            ReferralBox.Outgoing => referrals.Where(r => mine.Contains(r.FromInstitutionId)),
            ReferralBox.Incoming => referrals.Where(r => mine.Contains(r.ToInstitutionId)),
            _ => referrals,
        };
        referrals = query.Status switch
        {
            // Positive lists, so that SQLite reads (institution, status) ranges off the index.
            ReferralStatusFilter.Open => referrals.Where(r => ReferralTerms.UnderWay.Contains(r.Status)),
            ReferralStatusFilter.Requested => referrals.Where(r => r.Status == ReferralStatus.Requested),
            ReferralStatusFilter.Accepted => referrals.Where(r => r.Status == ReferralStatus.Accepted),
            ReferralStatusFilter.Arrived => referrals.Where(r => r.Status == ReferralStatus.Arrived),
            ReferralStatusFilter.Finished => referrals.Where(r => ReferralTerms.Final.Contains(r.Status)),
            _ => referrals,
        };
        if (query.Direction is { } direction)
            referrals = referrals.Where(r => r.Direction == direction);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            referrals = referrals.Where(r => r.ResidentName.StartsWith(search));
        }
        // The receiving side's work (open requests): green channel first, then urgent, then the oldest
        // (ReceivingListOrder); history and the sending side's lists: newest first.
        referrals = query.Box == ReferralBox.Incoming && query.Status is not (ReferralStatusFilter.Finished or ReferralStatusFilter.Any)
            ? referrals.OrderByDescending(r => r.Urgency).ThenBy(r => r.RequestedAt).ThenBy(r => r.Id)
            : referrals.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id);
        // One statement: the resident as referred (the receiving side does not see the register), the institutions from
        // the county's address book.
        return await referrals.Take(Math.Clamp(query.Take, 1, 1000))
            .Select(r => new ReferralRow(r.Id, r.ResidentId, r.ResidentName, r.ResidentSex, r.ResidentDateOfBirth, r.Direction, r.Urgency,
                db.AllianceInstitutions.Where(i => i.Id == r.FromInstitutionId).Select(i => i.Name).FirstOrDefault() ?? "",
                db.AllianceInstitutions.Where(i => i.Id == r.ToInstitutionId).Select(i => i.Name).FirstOrDefault() ?? "",
                r.Status, r.RequestedAt, r.RequestedByName, r.Diagnosis, r.Reason))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The referral page, or null when it does not exist or the user may not see it.</summary>
    public async Task<ReferralView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var referral = await db.Referrals.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null)
            return null;
        var resident = await ResidentOfAsync(db, referral.ResidentId, cancellationToken);
        var institutionIds = referral.Steps.Where(s => s.InstitutionId != null).Select(s => s.InstitutionId!.Value)
            .Append(referral.FromInstitutionId).Append(referral.ToInstitutionId).Distinct().ToList();
        var institutions = await db.AllianceInstitutions.AsNoTracking().Where(a => institutionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var mine = (await ActingAsync(db, cancellationToken)).Select(i => i.Id).ToHashSet();
        var timeline = referral.Steps.OrderBy(s => s.At).ThenBy(s => s.Id)
            .Select(s => new ReferralTimelineStep(s.Status, s.At, s.ByName,
                s.InstitutionId is { } i && institutions.TryGetValue(i, out var inst) ? inst.Name : null, s.Note))
            .ToList();
        var requested = referral.Status == ReferralStatus.Requested;
        var receiver = mine.Contains(referral.ToInstitutionId);
        var sender = mine.Contains(referral.FromInstitutionId);
        var can = new ReferralActions(
            Accept: requested && receiver,
            Decline: requested && receiver,
            Cancel: requested && sender,
            ConfirmArrival: referral.Status == ReferralStatus.Accepted && receiver,
            Close: referral.Status == ReferralStatus.Arrived && (receiver || sender),
            Answer: referral.Status == ReferralStatus.Arrived && receiver && referral.Direction != ReferralDirection.Down);
        int? followUpVisit = null;
        if (referral.FollowUpDueOn is not null && currentUser.Scope.Level is ScopeLevel.Team or ScopeLevel.Centre or ScopeLevel.County)
        {
            // Visits through the user's own scope: the receiving hospital does not see the team's visits.
            var since = ChinaTime.LocalTimeOf(referral.RequestedAt);
            followUpVisit = await db.Visits.AsNoTracking()
                .Where(v => v.ResidentId == referral.ResidentId && v.StartedAt >= since).OrderBy(v => v.StartedAt)
                .Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);
        }
        if (currentUser.Scope.Level == ScopeLevel.Institution)
            await audit.RecordViewAsync(nameof(Referral), referral.Id, "referral page (resident summary)", cancellationToken);
        return new ReferralView(referral, resident, institutions[referral.FromInstitutionId], institutions[referral.ToInstitutionId],
            timeline, can, followUpVisit, clock.Today);
    }

    /// <summary>The resident page's referral timeline: every referral of the resident the user sees, newest first.</summary>
    public async Task<IReadOnlyList<ResidentReferralRow>> ForResidentAsync(int residentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var institutions = db.AllianceInstitutions;
        var rows = await db.Referrals.AsNoTracking().Where(r => r.ResidentId == residentId)
            .OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Direction, r.Urgency, r.Status, r.RequestedAt, r.Diagnosis,
                From = institutions.Where(i => i.Id == r.FromInstitutionId).Select(i => i.Name).FirstOrDefault() ?? "",
                To = institutions.Where(i => i.Id == r.ToInstitutionId).Select(i => i.Name).FirstOrDefault() ?? "",
                Last = r.Steps.OrderByDescending(s => s.At).Select(s => s.At).First(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ResidentReferralRow(r.Id, r.Direction, r.Urgency, r.From, r.To, r.Status, r.RequestedAt, r.Last, r.Diagnosis))
            .ToList();
    }

    /// <summary>
    /// A desk user (hospital, care home) names the resident of a new referral by the full 18-digit ID number: an exact
    /// match in the user's county only, audited; no search by name.
    /// </summary>
    public async Task<ReferralResidentMatch?> FindResidentByIdNumberAsync(string idNumber, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (scope.Level is ScopeLevel.Nothing || ResidentIdNumber.Parse(idNumber, clock.Today).Value is not { } parsed)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = scope.Level == ScopeLevel.Institution ? db.Residents.IgnoreQueryFilters().Where(r => r.CountyId == scope.CountyId) : db.Residents;
        var value = parsed.Value;
        var found = await MatchAsync(db, query.Where(r => r.IdNumber == value && r.TeamId != null), cancellationToken);
        if (found is not null)
            await audit.RecordViewAsync(nameof(Resident), found.Id, "referral: resident found by ID number", cancellationToken);
        return found;
    }

    /// <summary>
    /// The resident a centre user refers from the resident's record (the new-referral form's header), through the
    /// user's scope; null when not found, not visible, or not in a team (a referral needs the resident's team).
    /// </summary>
    public async Task<ReferralResidentMatch?> ResidentToReferAsync(int residentId, CancellationToken cancellationToken = default)
    {
        if (currentUser.Scope.Level is not (ScopeLevel.Team or ScopeLevel.Centre or ScopeLevel.County or ScopeLevel.System))
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await MatchAsync(db, db.Residents.Where(r => r.Id == residentId && r.TeamId != null), cancellationToken);
    }

    private async Task<ReferralResidentMatch?> MatchAsync(CareTeamsDbContext db, IQueryable<Resident> residents, CancellationToken cancellationToken)
    {
        var found = await residents.AsNoTracking()
            .Select(r => new { r.Id, r.Name, r.Sex, r.DateOfBirth, r.IdNumber, Centre = db.Centres.Where(c => c.Id == r.CentreId).Select(c => c.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new ReferralResidentMatch(found.Id, found.Name, found.Sex, Age.On(found.DateOfBirth, clock.Today), ResidentIdNumber.Mask(found.IdNumber), found.Centre);
    }

    /// <summary>Sends a referral (上转、下转、转介), or the answer to an arrived one: form errors by field, refusals as messages.</summary>
    public async Task<SaveResult> RequestAsync(ReferralInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await ActingAsync(db, cancellationToken);
        if (mine.Count == 0)
            return SaveResult.Invalid(nameof(input.FromInstitutionId), NoInstitutionMessage);
        if (mine.All(i => i.Id != input.FromInstitutionId))
            return SaveResult.Invalid(nameof(input.FromInstitutionId), "请选择您所在的转出机构。");
        var from = await db.AllianceInstitutions.FirstOrDefaultAsync(a => a.Id == input.FromInstitutionId, cancellationToken);
        var to = await db.AllianceInstitutions.FirstOrDefaultAsync(a => a.Id == input.ToInstitutionId, cancellationToken);
        if (from is null)
            return SaveResult.Invalid(nameof(input.FromInstitutionId), "请选择您所在的转出机构。");
        if (to is null)
            return SaveResult.Invalid(nameof(input.ToInstitutionId), "请选择接收机构。");
        var errors = Referral.Validate(input.Form, from, to).ToList();
        if (from.Id == to.Id)
            errors.Add(new(nameof(input.ToInstitutionId), "转出和接收机构不能相同。"));

        Referral? answers = null;
        if (input.AnswersReferralId is { } answeredId)
        {
            answers = await db.Referrals.AsSplitQuery().FirstOrDefaultAsync(r => r.Id == answeredId, cancellationToken);
            if (answers is null)
                return SaveResult.NotFound();
        }
        var resident = await ResidentForRequestAsync(db, input, answers, cancellationToken);
        if (resident is null)
            errors.Add(new(input.ResidentIdNumber is null ? nameof(input.ResidentId) : nameof(input.ResidentIdNumber),
                input.ResidentIdNumber is null ? "请选择居民（或您无权为该居民转诊）。" : ResidentNotFoundMessage));
        if (errors.Count > 0)
            return SaveResult.Invalid(errors);
        var by = Actor();
        var now = clock.Now;
        try
        {
            var referral = Referral.Request(resident!, from, to, input.Form, by, now, answers);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync(cancellationToken);
            return SaveResult.Done(referral.Id, referral.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.ConcurrencyConflict();
        }
    }

    public Task<SaveResult> AcceptAsync(int id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (r, by, mine) => r.Accept(by, Receiving(r, mine), clock.Now), cancellationToken);

    public Task<SaveResult> DeclineAsync(int id, Guid version, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (r, by, mine) => r.Decline(by, Receiving(r, mine), reason, clock.Now), cancellationToken);

    public Task<SaveResult> CancelAsync(int id, Guid version, string reason, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (r, by, mine) => r.Cancel(by, Sending(r, mine), reason, clock.Now), cancellationToken);

    public Task<SaveResult> ConfirmArrivalAsync(int id, Guid version, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (r, by, mine) => r.ConfirmArrival(by, Receiving(r, mine), clock.Now), cancellationToken);

    public Task<SaveResult> CloseAsync(int id, Guid version, string? note, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (r, by, mine) =>
            r.Close(by, mine.Contains(r.ToInstitutionId) ? r.ToInstitutionId : Sending(r, mine), note, clock.Now), cancellationToken);

    /// <summary>Expires every request unanswered for the configured days (a job, as the system). Returns how many.</summary>
    public async Task<int> ExpireUnansweredAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cutoff = clock.Now.AddDays(-ExpiryDays);
        var expired = 0;
        while (true)
        {
            var batch = await db.Referrals.AsSplitQuery()
                .Where(r => r.Status == ReferralStatus.Requested && r.RequestedAt <= cutoff)
                .OrderBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
            foreach (var referral in batch)
            {
                if (referral.ExpireIfUnanswered(clock.Now, ExpiryDays))
                    expired++;
            }
            if (batch.Count == 0)
                return expired;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// The down-referrals the user's team must follow up (due two weeks after they were sent) that have no visit of the
    /// resident since: for the calendar and the referral list.
    /// </summary>
    public async Task<IReadOnlyList<ReferralFollowUp>> FollowUpsAsync(DateOnly until, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        if (scope.Level is not (ScopeLevel.Team or ScopeLevel.Centre))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var latest = ChinaTime.StartOf(until.AddDays(1 - Referral.FollowUpWithinDays));
        var open = await db.Referrals.AsNoTracking().IgnoreAutoIncludes()
            .Where(r => r.Direction == ReferralDirection.Down && r.CentreId == scope.CentreId
                && (scope.Level == ScopeLevel.Centre || r.TeamId == scope.TeamId)
                && !ReferralTerms.NotFollowedUp.Contains(r.Status)
                && r.RequestedAt < latest)
            .Join(db.Residents, r => r.ResidentId, p => p.Id, (r, p) => new { Referral = r, p.Name })
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
            return [];
        // Done once the resident has any visit since the referral was sent: the latest visit of each of these residents
        // since the oldest referral, in one statement.
        var residentIds = open.Select(o => o.Referral.ResidentId).Distinct().ToList();
        var oldest = ChinaTime.LocalTimeOf(open.Min(o => o.Referral.RequestedAt));
        var lastVisit = await db.Visits.AsNoTracking().Where(v => residentIds.Contains(v.ResidentId) && v.StartedAt >= oldest)
            .GroupBy(v => v.ResidentId).Select(g => new { ResidentId = g.Key, Last = g.Max(v => v.StartedAt) })
            .ToDictionaryAsync(x => x.ResidentId, x => x.Last, cancellationToken);
        var result = open
            .Where(o => !(lastVisit.TryGetValue(o.Referral.ResidentId, out var last) && last >= ChinaTime.LocalTimeOf(o.Referral.RequestedAt)))
            .Select(o => new ReferralFollowUp(o.Referral.Id, o.Referral.ResidentId, o.Name, o.Referral.FollowUpDueOn!.Value,
                o.Referral.FollowUpTask ?? "下转随访", o.Referral.ProposesHomeBed))
            .ToList();
        return result.OrderBy(f => f.DueOn).ThenBy(f => f.ResidentName).ToList();
    }

    private ReferralActor Actor()
    {
        var scope = currentUser.Scope;
        return new ReferralActor(scope.StaffMemberId > 0 ? scope.StaffMemberId : null,
            string.IsNullOrWhiteSpace(scope.DisplayName) ? scope.UserName : scope.DisplayName);
    }

    /// <summary>The institution the user receives for: the referral's receiver when it is theirs, else their first (the domain refuses it).</summary>
    private static int Receiving(Referral r, IReadOnlySet<int> mine) =>
        mine.Contains(r.ToInstitutionId) ? r.ToInstitutionId : mine.DefaultIfEmpty(-1).First();

    private static int Sending(Referral r, IReadOnlySet<int> mine) =>
        mine.Contains(r.FromInstitutionId) ? r.FromInstitutionId : mine.DefaultIfEmpty(-1).First();

    private async Task<SaveResult> ChangeAsync(int id, Guid version, Action<Referral, ReferralActor, IReadOnlySet<int>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = (await ActingAsync(db, cancellationToken)).Select(i => i.Id).ToHashSet();
        var referral = await db.Referrals.AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is not null && mine.Count == 0)
            return SaveResult.Invalid(string.Empty, NoInstitutionMessage);
        return await VersionedChange.SaveAsync(db, referral, version, r =>
        {
            change(r, Actor(), mine);
            return Task.FromResult<SaveResult?>(null);
        }, cancellationToken);
    }

    private async Task<IReadOnlyList<InstitutionOption>> ActingAsync(CareTeamsDbContext db, CancellationToken cancellationToken)
    {
        var scope = currentUser.Scope;
        var institutions = db.AllianceInstitutions.AsNoTracking();
        institutions = scope.Level switch
        {
            ScopeLevel.Institution => institutions.Where(a => a.Id == scope.InstitutionId),
            ScopeLevel.Team or ScopeLevel.Centre => institutions.Where(a => a.CentreId == scope.CentreId),
            _ => institutions.Where(a => false),
        };
        return await institutions.OrderBy(a => a.Kind).ThenBy(a => a.Name)
            .Select(a => new InstitutionOption(a.Id, a.Name, a.Kind, a.CentreId)).ToListAsync(cancellationToken);
    }

    /// <summary>The resident of a new referral: a centre user's through the scope; a desk user's through the referral answered or by ID number.</summary>
    private async Task<Resident?> ResidentForRequestAsync(CareTeamsDbContext db, ReferralInput input, Referral? answers, CancellationToken cancellationToken)
    {
        var scope = currentUser.Scope;
        if (scope.Level == ScopeLevel.Institution)
        {
            var county = db.Residents.IgnoreQueryFilters().Where(r => r.CountyId == scope.CountyId);
            if (answers is not null)
                return await county.FirstOrDefaultAsync(r => r.Id == answers.ResidentId, cancellationToken);
            if (ResidentIdNumber.Parse(input.ResidentIdNumber, clock.Today).Value is { } parsed)
            {
                var value = parsed.Value;
                return await county.FirstOrDefaultAsync(r => r.IdNumber == value, cancellationToken);
            }
            return null;
        }
        if (answers is not null)
            return await db.Residents.FirstOrDefaultAsync(r => r.Id == answers.ResidentId, cancellationToken);
        return input.ResidentId is { } id ? await db.Residents.FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
    }

    /// <summary>The resident's summary through a referral the user sees (the receiving side has no access to the register itself).</summary>
    private static async Task<ReferralResident> ResidentOfAsync(CareTeamsDbContext db, int residentId, CancellationToken cancellationToken)
    {
        var row = await (from r in db.Residents.IgnoreQueryFilters()
                         where r.Id == residentId
                         join v in db.Villages.IgnoreQueryFilters() on r.VillageId equals v.Id
                         join c in db.Centres.IgnoreQueryFilters() on r.CentreId equals c.Id
                         select new
                         {
                             r.Id, r.Name, r.Sex, r.DateOfBirth, r.IdNumber, r.Phone, r.Address, Village = v.Name, Centre = c.Name,
                             Team = db.Teams.IgnoreQueryFilters().Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
                         }).FirstAsync(cancellationToken);
        return new ReferralResident(row.Id, row.Name, row.Sex, row.DateOfBirth, ResidentIdNumber.Mask(row.IdNumber), row.Phone, row.Address,
            row.Village, row.Team ?? "", row.Centre);
    }
}

/// <summary>The down-referrals the user's team must follow up, in "我的日程" (shown on their due day, or today when late).</summary>
public sealed class ReferralFollowUpDueVisits(ReferralService referrals) : IDueVisitSource
{
    public async Task<IReadOnlyList<DueVisit>> DueAsync(int? staffMemberId, DateOnly first, DateOnly last, DateOnly today,
        CancellationToken cancellationToken)
    {
        var rows = await referrals.FollowUpsAsync(last, cancellationToken);
        return rows.Where(r => r.DueOn >= first || (today >= first && today <= last))
            .Select(r => new DueVisit(r.DueOn < today ? today : r.DueOn, r.DueOn, "下转随访", r.ResidentId, r.ResidentName,
                $"referrals/{r.ReferralId}", r.DueOn < today))
            .Where(d => d.Day >= first && d.Day <= last)
            .ToList();
    }
}
