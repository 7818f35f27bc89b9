using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Services;

public sealed record PackageOption(int Id, string Code, string Name, PackageKind Kind, KeyPopulation TargetPopulation, Money Price,
    Money Subsidy, Money OwnPayment, bool SuitsResident, IReadOnlyList<PackageItemView> Items);

public sealed record PackageItemView(ServiceKind ServiceKind, string Name, int TimesPerYear, Money UnitPrice);

public sealed record FeePreview(Money Price, Money Subsidy, Money OwnPayment, IReadOnlyList<PackageOption> Packages);

/// <summary>What the signing wizard sends.</summary>
public sealed record SignContractInput
{
    public int ResidentId { get; init; }
    public int TeamId { get; init; }
    public int ResponsibleDoctorId { get; init; }
    public IReadOnlyList<int> PackageIds { get; init; } = [];
    public DateOnly Start { get; init; }
    public DateOnly SignedOn { get; init; }
    public string? GuardianName { get; init; }
    public string? GuardianRelation { get; init; }
    public string? GuardianPhone { get; init; }
}

public sealed record ContractQuery
{
    public ContractStatus? Status { get; init; }
    public int? TeamId { get; init; }
    /// <summary>Signed contracts ending within this many days.</summary>
    public int? ExpiringWithinDays { get; init; }
    /// <summary>The resident's name beginning or the contract sequence number.</summary>
    public string? Search { get; init; }
    public int Page { get; init; }
    public int PageSize { get; init; } = 25;
}

public sealed record ContractRow(int Id, Guid Version, string Number, int ResidentId, string ResidentName, string TeamName,
    DateOnly Start, DateOnly End, ContractStatus Status, Money OwnPayment, int DaysLeft, decimal FulfilmentRate);

public sealed record ContractItemProgress(string PackageName, ServiceKind ServiceKind, string Name, int Planned, int Done, Money UnitPrice);

public sealed record ContractView(int Id, Guid Version, string Number, ContractStatus Status, int ResidentId, string ResidentName,
    Sex ResidentSex, DateOnly ResidentDateOfBirth, string ResidentMaskedIdNumber, string? ResidentPhone, string? ResidentAddress,
    int TeamId, string TeamName, string? TeamPhone, string CentreName, string CentreCode, string DoctorName, ContractTerm Term,
    Signatory Signatory, DateOnly? SignedOn, Money Price, Money Subsidy, Money OwnPayment,
    IReadOnlyList<ContractPackage> Packages, IReadOnlyList<ContractItemProgress> Items, decimal FulfilmentRate,
    TerminationReason? TerminationReason, string? TerminationNote, DateOnly? EndedOn, UndeliveredSettlement Settlement,
    DateOnly? ExtendedUntil, Money RefundDue, int? PreviousContractId, int? NextContractId);

public sealed record TeamFulfilment(int TeamId, string TeamName, int SignedContracts, int Planned, int Done, decimal Rate);

public sealed record RenewalOutcome(int ContractId, string Number, bool Renewed, int? NewContractId, string? Message);

/// <summary>
/// Service packages and contracts as pages and jobs use them, always through the scoped context.
/// Signing and renewing keep the rule "one signed contract per resident" in the service and, for
/// two users signing at once, in the database's unique index.
/// </summary>
public sealed class ContractService(IDbContextFactory<CareTeamsDbContext> contexts, ICurrentUser currentUser, IClock clock)
{
    public const string AlreadySignedMessage = "该居民已有生效的签约协议，不能重复签约。";

    /// <summary>The active packages of a centre, with whether each suits the resident (a 个性包 needs its key population).</summary>
    public async Task<IReadOnlyList<PackageOption>> PackagesForAsync(int centreId, int? residentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var packages = await db.ServicePackages.AsNoTracking().Where(p => p.CentreId == centreId && p.IsActive)
            .OrderBy(p => p.Kind).ThenBy(p => p.Code).ToListAsync(cancellationToken);
        Resident? resident = residentId is { } id ? await db.Residents.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        var today = clock.Today;
        return packages.Select(p => ToOption(p, resident is null || p.Suits(resident, today))).ToList();
    }

    /// <summary>The fee the resident pays for a choice of packages, before anything is saved.</summary>
    public async Task<FeePreview> PreviewAsync(int centreId, int residentId, IReadOnlyCollection<int> packageIds, CancellationToken cancellationToken = default)
    {
        var chosen = (await PackagesForAsync(centreId, residentId, cancellationToken)).Where(p => packageIds.Contains(p.Id)).ToList();
        return new FeePreview(Money.Sum(chosen.Select(p => p.Price)), Money.Sum(chosen.Select(p => p.Subsidy)),
            Money.Sum(chosen.Select(p => p.OwnPayment)), chosen);
    }

    public async Task<SaveResult> SignAsync(SignContractInput input, CancellationToken cancellationToken = default)
    {
        var scope = currentUser.Scope;
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var resident = await db.Residents.FirstOrDefaultAsync(r => r.Id == input.ResidentId, cancellationToken);
        if (resident is null)
            return SaveResult.Invalid(nameof(input.ResidentId), "请选择居民（或您无权为该居民签约）。");
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == input.TeamId, cancellationToken);
        if (team is null || (scope.Level == ScopeLevel.Team && team.Id != scope.TeamId))
            return SaveResult.Invalid(nameof(input.TeamId), "只能以本团队的名义签约。");
        var doctor = await db.Staff.FirstOrDefaultAsync(s => s.Id == input.ResponsibleDoctorId, cancellationToken);
        if (doctor is null)
            return SaveResult.Invalid(nameof(input.ResponsibleDoctorId), "请选择责任医生。");
        var signer = await SignerAsync(db, team, doctor, cancellationToken);
        var centre = await db.Centres.FirstAsync(c => c.Id == team.CentreId, cancellationToken);
        var packages = await db.ServicePackages.Where(p => input.PackageIds.Contains(p.Id)).ToListAsync(cancellationToken);
        if (packages.Count != input.PackageIds.Distinct().Count())
            return SaveResult.Invalid(nameof(input.PackageIds), "所选服务包不存在或已停用。");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var term = ContractTerm.OneYearFrom(input.Start);
            if (await CatchUpExpiryAndFindOverlapAsync(db, resident.Id, term, today, cancellationToken))
                return SaveResult.Invalid(nameof(input.ResidentId), AlreadySignedMessage);
            var signatory = string.IsNullOrWhiteSpace(input.GuardianName)
                ? Signatory.Resident
                : new Signatory(input.GuardianName.Trim(), input.GuardianRelation?.Trim(), input.GuardianPhone?.Trim());
            var contract = Contract.Draft(centre, await NextSequenceAsync(db, centre.Id, cancellationToken), resident, team, doctor, term,
                packages, signatory, today);
            contract.Sign(input.SignedOn, signer, today);
            resident.AssignTeam(team);
            await ElderPlanGeneration.ApplyResidentChangeAsync(db, resident, today, cancellationToken);
            db.Contracts.Add(contract);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return SaveResult.Done(contract.Id, contract.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
        catch (DbUpdateException)
        {
            // Another user signed the same resident a moment ago: the one-signed-contract index refused this one.
            return SaveResult.Invalid(nameof(input.ResidentId), AlreadySignedMessage);
        }
    }

    public async Task<PagedResult<ContractRow>> SearchAsync(ContractQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var contracts = db.Contracts.AsNoTracking().IgnoreAutoIncludes();
        if (query.TeamId is { } team)
            contracts = contracts.Where(c => c.TeamId == team);
        contracts = query.Status switch
        {
            ContractStatus.Expired => contracts.Where(c => c.Status == ContractStatus.Expired
                || (c.Status == ContractStatus.Signed && (c.ExtendedUntil ?? c.Term.End) < today)),
            ContractStatus.Signed => contracts.Where(c => c.Status == ContractStatus.Signed && (c.ExtendedUntil ?? c.Term.End) >= today),
            { } status => contracts.Where(c => c.Status == status),
            null => contracts,
        };
        if (query.ExpiringWithinDays is { } days)
        {
            var until = today.AddDays(days);
            contracts = contracts.Where(c => c.Status == ContractStatus.Signed
                && (c.ExtendedUntil ?? c.Term.End) >= today && (c.ExtendedUntil ?? c.Term.End) <= until);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            var number = search.Contains('-') ? search[(search.LastIndexOf('-') + 1)..] : search;
            if (int.TryParse(number, out var sequence))
                contracts = contracts.Where(c => c.Sequence == sequence);
            else
                contracts = contracts.Where(c => db.Residents.Any(r => r.Id == c.ResidentId && r.Name.StartsWith(search)));
        }
        var total = await contracts.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = await contracts
            .OrderBy(c => c.Term.End).ThenBy(c => c.Id)
            .Skip(Math.Max(query.Page, 0) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Version, c.Sequence, c.ResidentId, c.Term.Start, c.Term.End, c.Status, c.ExtendedUntil,
                Resident = db.Residents.Where(r => r.Id == c.ResidentId).Select(r => r.Name).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == c.TeamId).Select(t => t.Name).FirstOrDefault(),
                Centre = db.Centres.Where(x => x.Id == c.CentreId).Select(x => x.Code).FirstOrDefault(),
                Price = c.Packages.Sum(p => (long?)EF.Property<long>(p, nameof(ContractPackage.Price))) ?? 0,
                Subsidy = c.Packages.Sum(p => (long?)EF.Property<long>(p, nameof(ContractPackage.Subsidy))) ?? 0,
                Planned = c.Items.Sum(i => (int?)i.Planned) ?? 0,
                Done = c.Items.Sum(i => (int?)(i.Done < i.Planned ? i.Done : i.Planned)) ?? 0,
            })
            .ToListAsync(cancellationToken);
        return new PagedResult<ContractRow>(page.Select(c => new ContractRow(c.Id, c.Version, Contract.NumberOf(c.Centre ?? "", c.Sequence),
            c.ResidentId, c.Resident ?? "", c.Team ?? "", c.Start, c.End,
            c.Status == ContractStatus.Signed && today > (c.ExtendedUntil ?? c.End) ? ContractStatus.Expired : c.Status,
            Money.Of((c.Price - c.Subsidy) / 100m), c.End.DayNumber - today.DayNumber,
            c.Planned == 0 ? 1m : (decimal)c.Done / c.Planned)).ToList(), total);
    }

    public async Task<ContractView?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
            return null;
        var resident = await db.Residents.AsNoTracking().FirstAsync(r => r.Id == contract.ResidentId, cancellationToken);
        var team = await db.Teams.AsNoTracking().FirstAsync(t => t.Id == contract.TeamId, cancellationToken);
        var centre = await db.Centres.AsNoTracking().FirstAsync(c => c.Id == contract.CentreId, cancellationToken);
        var doctor = await db.Staff.AsNoTracking().Where(s => s.Id == contract.ResponsibleDoctorId).Select(s => s.Name).FirstAsync(cancellationToken);
        var next = await db.Contracts.AsNoTracking().IgnoreAutoIncludes().Where(c => c.PreviousContractId == id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return new ContractView(contract.Id, contract.Version, Contract.NumberOf(centre.Code, contract.Sequence), contract.StatusOn(clock.Today),
            resident.Id, resident.Name, resident.Sex, resident.DateOfBirth, resident.MaskedIdNumber, resident.Phone, resident.Address,
            team.Id, team.Name, team.Phone, centre.Name, centre.Code, doctor, contract.Term, contract.Signatory, contract.SignedOn,
            contract.Price, contract.Subsidy, contract.OwnPayment, contract.Packages,
            contract.Items.Select(i => new ContractItemProgress(i.PackageName, i.ServiceKind, i.Name, i.Planned, i.Done, i.UnitPrice)).ToList(),
            contract.FulfilmentRate, contract.TerminationReason, contract.TerminationNote, contract.EndedOn, contract.Settlement,
            contract.ExtendedUntil, contract.RefundDue, contract.PreviousContractId, next);
    }

    public Task<SaveResult> TerminateAsync(int id, Guid version, TerminationReason reason, string? note, DateOnly on,
        CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, c) => { c.Terminate(reason, note, on, clock.Today); return Task.FromResult<SaveResult?>(null); }, cancellationToken);

    public Task<SaveResult> SettleUndeliveredAsync(int id, Guid version, UndeliveredSettlement settlement, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, version, (_, c) => { c.SettleUndelivered(settlement, clock.Today); return Task.FromResult<SaveResult?>(null); }, cancellationToken);

    /// <summary>Renews one contract for the next term, at today's catalogue prices, signed today by the current user's staff member (or the responsible doctor).</summary>
    public async Task<SaveResult> RenewAsync(int id, Guid? version, CancellationToken cancellationToken = default)
    {
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var old = await db.Contracts.Include(c => c.Fulfilments).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (old is null)
            return SaveResult.NotFound();
        if (version is { } v && old.Version != v)
            return SaveResult.ConcurrencyConflict();
        try
        {
            var resident = await db.Residents.FirstAsync(r => r.Id == old.ResidentId, cancellationToken);
            var team = await db.Teams.FirstAsync(t => t.Id == old.TeamId, cancellationToken);
            var centre = await db.Centres.FirstAsync(c => c.Id == old.CentreId, cancellationToken);
            var doctor = await db.Staff.FirstAsync(s => s.Id == old.ResponsibleDoctorId, cancellationToken);
            var signer = await SignerAsync(db, team, doctor, cancellationToken);
            var codes = old.Packages.Select(p => p.Code).ToList();
            var current = await db.ServicePackages.Where(p => p.CentreId == centre.Id && p.IsActive && codes.Contains(p.Code))
                .ToListAsync(cancellationToken);
            // Packages the resident no longer qualifies for (e.g. a child's package at 7) are left out of the new term.
            current = current.Where(p => p.Suits(resident, old.Term.End.AddDays(1))).ToList();

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var next = old.Renew(await NextSequenceAsync(db, centre.Id, cancellationToken), centre, resident, team, doctor, current, signer, today, today);
            // The old contract leaves "signed" before the new one enters it: the unique index sees one at a time.
            await db.SaveChangesAsync(cancellationToken);
            db.Contracts.Add(next);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return SaveResult.Done(next.Id, next.Version);
        }
        catch (DomainException e)
        {
            return SaveResult.Refused(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveResult.ConcurrencyConflict();
        }
        catch (DbUpdateException)
        {
            return SaveResult.Invalid(string.Empty, AlreadySignedMessage);
        }
    }

    /// <summary>Renews many contracts one by one (each its own transaction), reporting progress; one failure does not stop the rest.</summary>
    public async Task<IReadOnlyList<RenewalOutcome>> RenewManyAsync(IReadOnlyList<int> ids, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var outcomes = new List<RenewalOutcome>(ids.Count);
        Dictionary<int, string> numbers;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            numbers = (await db.Contracts.AsNoTracking().IgnoreAutoIncludes().Where(c => ids.Contains(c.Id))
                    .Select(c => new { c.Id, c.Sequence, Centre = db.Centres.Where(x => x.Id == c.CentreId).Select(x => x.Code).FirstOrDefault() })
                    .ToListAsync(cancellationToken))
                .ToDictionary(c => c.Id, c => Contract.NumberOf(c.Centre ?? string.Empty, c.Sequence));
        }
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await RenewAsync(id, version: null, cancellationToken);
            outcomes.Add(new RenewalOutcome(id, numbers.GetValueOrDefault(id, string.Empty), result.Succeeded, result.Id,
                result.Succeeded ? null : result.Summary));
            progress?.Report(outcomes.Count);
        }
        return outcomes;
    }

    /// <summary>Each team's fulfilment (履约率) over its signed contracts in force today: done ÷ planned items (1 when nothing is planned, as for one contract).</summary>
    public async Task<IReadOnlyList<TeamFulfilment>> FulfilmentByTeamAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = clock.Today;
        var rows = await db.Contracts.AsNoTracking().IgnoreAutoIncludes()
            .Where(c => c.Status == ContractStatus.Signed && c.Term.Start <= today && (c.ExtendedUntil ?? c.Term.End) >= today)
            .GroupBy(c => c.TeamId)
            .Select(g => new
            {
                TeamId = g.Key,
                Contracts = g.Count(),
                Planned = g.SelectMany(c => c.Items).Sum(i => (int?)i.Planned) ?? 0,
                Done = g.SelectMany(c => c.Items).Sum(i => (int?)(i.Done < i.Planned ? i.Done : i.Planned)) ?? 0,
            })
            .ToListAsync(cancellationToken);
        var names = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        return rows.Select(r => new TeamFulfilment(r.TeamId, names.GetValueOrDefault(r.TeamId, ""), r.Contracts, r.Planned, r.Done,
                r.Planned == 0 ? 1m : (decimal)r.Done / r.Planned))
            .OrderBy(r => r.TeamId).ToList();
    }

    /// <summary>
    /// Counts a delivered service against the resident's signed contract, if it promises one
    /// (called by the 2111 schedule, home beds and visit logs). Idempotent per source record.
    /// </summary>
    public static async Task<bool> RecordServiceAsync(CareTeamsDbContext db, int residentId, ServiceKind kind, DateOnly on, string source,
        int sourceId, int? staffMemberId, CancellationToken cancellationToken = default)
    {
        // The contract in force on the service's date: the latest that had started by then.
        var contract = await db.Contracts.Include(c => c.Fulfilments)
            .Where(c => c.ResidentId == residentId && c.Status != ContractStatus.Draft && c.Term.Start <= on)
            .OrderByDescending(c => c.Term.Start)
            .FirstOrDefaultAsync(cancellationToken);
        return contract is not null && contract.RecordService(kind, on, source, sourceId, staffMemberId);
    }

    private async Task<StaffMember> SignerAsync(CareTeamsDbContext db, Team team, StaffMember doctor, CancellationToken cancellationToken)
    {
        var staffId = currentUser.Scope.StaffMemberId;
        if (staffId > 0 && await db.Staff.FirstOrDefaultAsync(s => s.Id == staffId && s.TeamId == team.Id, cancellationToken) is { } me)
            return me;
        return doctor;
    }

    private static async Task<int> NextSequenceAsync(CareTeamsDbContext db, int centreId, CancellationToken cancellationToken) =>
        (await db.Contracts.IgnoreQueryFilters().IgnoreAutoIncludes().Where(c => c.CentreId == centreId)
            .MaxAsync(c => (int?)c.Sequence, cancellationToken) ?? 0) + 1;

    /// <summary>Stored statuses catch up with the dates, then: does a signed contract of the resident overlap the term?</summary>
    private static async Task<bool> CatchUpExpiryAndFindOverlapAsync(CareTeamsDbContext db, int residentId, ContractTerm term, DateOnly today,
        CancellationToken cancellationToken)
    {
        var signed = await db.Contracts.IgnoreQueryFilters().Where(c => c.ResidentId == residentId && c.Status == ContractStatus.Signed)
            .ToListAsync(cancellationToken);
        foreach (var contract in signed.Where(c => c.StatusOn(today) == ContractStatus.Expired))
            contract.MarkExpired(today);
        if (db.ChangeTracker.HasChanges())
            await db.SaveChangesAsync(cancellationToken);
        return signed.Any(c => c.Status == ContractStatus.Signed && c.Term.Overlaps(term));
    }

    private async Task<SaveResult> ChangeAsync(int id, Guid version, Func<CareTeamsDbContext, Contract, Task<SaveResult?>> change,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var contract = await db.Contracts.Include(c => c.Fulfilments).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return await VersionedChange.SaveAsync(db, contract, version, c => change(db, c), cancellationToken);
    }

    private static PackageOption ToOption(ServicePackage p, bool suits) =>
        new(p.Id, p.Code, p.Name, p.Kind, p.TargetPopulation, p.Price, p.Subsidy, p.OwnPayment, suits,
            p.Items.Select(i => new PackageItemView(i.ServiceKind, i.Name, i.TimesPerYear, i.UnitPrice)).ToList());
}
