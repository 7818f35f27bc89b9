using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Contracts;

/// <summary>Where a contract stands. <see cref="Expired"/> is also computed from the dates (see <see cref="Contract.StatusOn"/>).</summary>
public enum ContractStatus
{
    /// <summary>草稿</summary>
    Draft = 1,
    /// <summary>已签约</summary>
    Signed = 2,
    /// <summary>已续约 (the next term's contract replaced it)</summary>
    Renewed = 3,
    /// <summary>已解约</summary>
    Terminated = 4,
    /// <summary>已到期</summary>
    Expired = 5,
}

/// <summary>Why a contract was terminated (解约原因).</summary>
public enum TerminationReason
{
    MovedAway = 1,
    Deceased = 2,
    UnreachableForAYear = 3,
    RefusedServiceForAYear = 4,
    ResidentRequest = 5,
    Other = 9,
}

/// <summary>What happens to paid items not delivered by the term's end: carried into a three-month extension, or refunded.</summary>
public enum UndeliveredSettlement
{
    None = 0,
    Extended = 1,
    Refunded = 2,
}

public static class ContractTerms
{
    public static string ChineseName(this ContractStatus status) => status switch
    {
        ContractStatus.Draft => "草稿",
        ContractStatus.Signed => "已签约",
        ContractStatus.Renewed => "已续约",
        ContractStatus.Terminated => "已解约",
        _ => "已到期",
    };

    public static string ChineseName(this TerminationReason reason) => reason switch
    {
        TerminationReason.MovedAway => "居民迁出",
        TerminationReason.Deceased => "居民死亡",
        TerminationReason.UnreachableForAYear => "连续一年联系不上",
        TerminationReason.RefusedServiceForAYear => "连续一年拒绝服务",
        TerminationReason.ResidentRequest => "居民申请解约",
        _ => "其他",
    };

    public static string ChineseName(this UndeliveredSettlement settlement) => settlement switch
    {
        UndeliveredSettlement.Extended => "顺延三个月",
        UndeliveredSettlement.Refunded => "退费",
        _ => "无",
    };
}

/// <summary>Who signed for the resident: the resident, or a guardian (for a child or an incapacitated person).</summary>
public sealed record Signatory(string? GuardianName, string? GuardianRelation, string? GuardianPhone)
{
    public static readonly Signatory Resident = new(null, null, null);
    public bool IsGuardian => GuardianName is not null;
}

/// <summary>A package as the contract copied it at signing: name, kind and prices of that day.</summary>
public sealed class ContractPackage : Entity
{
    private ContractPackage() { Code = Name = string.Empty; }

    internal ContractPackage(ServicePackage package)
    {
        ServicePackageId = package.Id;
        PriceVersion = package.PriceVersion;
        Code = package.Code;
        Name = package.Name;
        Kind = package.Kind;
        Price = package.Price;
        Subsidy = package.Subsidy;
    }

    public int ServicePackageId { get; private set; }
    public int PriceVersion { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public PackageKind Kind { get; private set; }
    public Money Price { get; private set; }
    public Money Subsidy { get; private set; }
    public Money OwnPayment => Price - Subsidy;
}

/// <summary>One promised service of a signed contract: planned times, times done, the unit price signed at.</summary>
public sealed class ContractItem : Entity
{
    private ContractItem() { Name = PackageName = string.Empty; }

    internal ContractItem(ContractPackage package, PackageItem item)
    {
        PackageName = package.Name;
        PackageCode = package.Code;
        ServiceKind = item.ServiceKind;
        Name = item.Name;
        Planned = item.TimesPerYear;
        UnitPrice = item.UnitPrice;
    }

    public string PackageCode { get; private set; } = string.Empty;
    public string PackageName { get; private set; }
    public ServiceKind ServiceKind { get; private set; }
    public string Name { get; private set; }
    public int Planned { get; private set; }
    public int Done { get; private set; }
    public Money UnitPrice { get; private set; }

    public int Outstanding => Math.Max(Planned - Done, 0);

    internal void CountOne() => Done++;
}

/// <summary>One delivered service counted against a contract item, with where it was recorded.</summary>
public sealed class FulfilmentRecord : Entity
{
    private FulfilmentRecord() { Source = string.Empty; }

    internal FulfilmentRecord(ContractItem item, DateOnly on, string source, int sourceId, int? staffMemberId)
    {
        ContractItemId = item.Id;
        Item = item;
        On = on;
        Source = source;
        SourceId = sourceId;
        StaffMemberId = staffMemberId;
    }

    public int ContractItemId { get; private set; }
    internal ContractItem? Item { get; private set; }
    public DateOnly On { get; private set; }

    /// <summary>What recorded the service: "VisitLog", "Plan2111Item", "HomeBedRound", …</summary>
    public string Source { get; private set; }
    public int SourceId { get; private set; }
    public int? StaffMemberId { get; private set; }
}

/// <summary>
/// A family-doctor contract (签约服务协议) between a resident and a team for one term: the packages
/// and items promised at the prices of the signing day, the fee, who signed, and the services
/// delivered against it. A terminated, renewed or expired contract cannot change.
/// </summary>
public sealed class Contract : AggregateRoot
{
    private readonly List<ContractPackage> _packages = [];
    private readonly List<ContractItem> _items = [];
    private readonly List<FulfilmentRecord> _fulfilments = [];

    private Contract() { }

    private Contract(int centreId, int sequence, Resident resident, Team team, StaffMember doctor, ContractTerm term,
        IReadOnlyList<ServicePackage> packages, Signatory signatory, DateOnly today)
    {
        if (resident.Status != ResidentStatus.Active)
            throw new DomainException("contract.resident-inactive", $"居民“{resident.Name}”不是在册状态（{resident.Status.ChineseName()}），不能签约。");
        if (resident.CentreId != team.CentreId)
            throw new DomainException("contract.resident-centre", "只能与本机构辖区内的居民签约。");
        if (!team.IsActive)
            throw new DomainException("contract.team-inactive", "该团队已停用，不能签约。");
        if (doctor.TeamId != team.Id || doctor.TeamRole is not { } role || !role.IsDoctor() || !doctor.IsActive)
            throw new DomainException("contract.doctor", "责任医生须为该团队在岗的医生（团队长、全科医生或乡村医生）。");
        if (packages.Count == 0 || packages.Count(p => p.Kind == PackageKind.Basic) != 1)
            throw new DomainException("contract.basic-package", "每份签约协议须包含且只包含一个基础包。");
        if (packages.Select(p => p.Id).Distinct().Count() != packages.Count)
            throw new DomainException("contract.duplicate-package", "同一服务包不能重复选择。");
        foreach (var package in packages)
        {
            if (package.CentreId != team.CentreId || !package.IsActive)
                throw new DomainException("contract.package-unavailable", $"服务包“{package.Name}”不属于本机构或已停用。");
            if (!package.Suits(resident, term.Start))
                throw new DomainException("contract.package-target",
                    $"服务包“{package.Name}”面向{KeyPopulations.ChineseNames(package.TargetPopulation)}，居民“{resident.Name}”不属于该人群。");
        }
        if (term.Start < today.AddDays(-30))
            throw new DomainException("contract.start-past", "协议起始日期不能早于 30 天前。");
        if (signatory.IsGuardian && string.IsNullOrWhiteSpace(signatory.GuardianRelation))
            throw new DomainException("contract.guardian", "由监护人代签时须填写与居民的关系。");
        if (!signatory.IsGuardian && resident.AgeOn(today) < 18)
            throw new DomainException("contract.minor", "未成年居民须由监护人代签。");

        CountyId = resident.CountyId;
        CentreId = centreId;
        Sequence = sequence;
        ResidentId = resident.Id;
        TeamId = team.Id;
        ResponsibleDoctorId = doctor.Id;
        Term = term;
        // A copy of its own: the persisted signatory belongs to one contract only (Signatory.Resident is shared).
        Signatory = signatory with { };
        Status = ContractStatus.Draft;
        foreach (var package in packages.OrderBy(p => p.Kind).ThenBy(p => p.Code))
        {
            var copy = new ContractPackage(package);
            _packages.Add(copy);
            _items.AddRange(package.Items.Select(i => new ContractItem(copy, i)));
        }
    }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }

    /// <summary>The contract's number within its centre, from 1.</summary>
    public int Sequence { get; private set; }
    public int ResidentId { get; private set; }
    public int TeamId { get; private set; }
    public int ResponsibleDoctorId { get; private set; }
    public ContractTerm Term { get; private set; } = ContractTerm.OneYearFrom(DateOnly.MinValue);
    public ContractStatus Status { get; private set; }
    public Signatory Signatory { get; private set; } = Signatory.Resident;
    public DateOnly? SignedOn { get; private set; }
    public int? SignedByStaffId { get; private set; }
    public int? PreviousContractId { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    public TerminationReason? TerminationReason { get; private set; }
    public string? TerminationNote { get; private set; }
    public UndeliveredSettlement Settlement { get; private set; }

    /// <summary>With a three-month extension for undelivered items, services count until this day.</summary>
    public DateOnly? ExtendedUntil { get; private set; }

    public IReadOnlyList<ContractPackage> Packages => _packages;
    public IReadOnlyList<ContractItem> Items => _items;
    public IReadOnlyList<FulfilmentRecord> Fulfilments => _fulfilments;

    public Money Price => Money.Sum(_packages.Select(p => p.Price));
    public Money Subsidy => Money.Sum(_packages.Select(p => p.Subsidy));
    public Money OwnPayment => Price - Subsidy;

    /// <summary>Done ÷ planned over the items (a done count above plan counts as the plan).</summary>
    public decimal FulfilmentRate
    {
        get
        {
            var planned = _items.Sum(i => i.Planned);
            return planned == 0 ? 1m : (decimal)_items.Sum(i => Math.Min(i.Done, i.Planned)) / planned;
        }
    }

    /// <summary>Prepares a contract; <see cref="Sign"/> makes it binding.</summary>
    public static Contract Draft(Centre centre, int sequence, Resident resident, Team team, StaffMember doctor, ContractTerm term,
        IReadOnlyList<ServicePackage> packages, Signatory signatory, DateOnly today)
    {
        if (team.CentreId != centre.Id)
            throw new DomainException("contract.team-centre", "团队不属于该机构。");
        return new Contract(centre.Id, sequence, resident, team, doctor, term, packages, signatory, today);
    }

    /// <summary>
    /// Signs the draft. The caller guarantees no other signed contract of the resident overlaps the
    /// term (the database's unique index on signed contracts backs that up).
    /// </summary>
    public void Sign(DateOnly signedOn, StaffMember signedBy, DateOnly today)
    {
        if (Status != ContractStatus.Draft)
            throw new DomainException("contract.not-draft", "只有草稿状态的协议才能签约。");
        if (signedOn > today)
            throw new DomainException("contract.signed-future", "签约日期不能晚于今天。");
        if (signedOn > Term.End)
            throw new DomainException("contract.signed-after-term", "签约日期不能晚于协议终止日期。");
        if (signedBy.TeamId != TeamId)
            throw new DomainException("contract.signed-by", "签约人须为该团队成员。");
        Status = ContractStatus.Signed;
        SignedOn = signedOn;
        SignedByStaffId = signedBy.Id;
    }

    /// <summary>The status on a day: a signed contract past its end (and any extension) is expired.</summary>
    public ContractStatus StatusOn(DateOnly today) =>
        Status == ContractStatus.Signed && today > (ExtendedUntil ?? Term.End) ? ContractStatus.Expired : Status;

    /// <summary>The last day services count: the term's end, the extension's, or the termination date.</summary>
    public DateOnly EffectiveEnd => Status == ContractStatus.Terminated && EndedOn is { } ended ? ended : ExtendedUntil ?? Term.End;

    /// <summary>Signed, in force on <paramref name="today"/>, and ending (with any extension) within <paramref name="days"/> days.</summary>
    public bool IsExpiringWithin(DateOnly today, int days) =>
        StatusOn(today) == ContractStatus.Signed && EffectiveEnd.DayNumber - today.DayNumber <= days;

    /// <summary>Records that a signed contract has run out (the stored status catches up with the dates).</summary>
    public void MarkExpired(DateOnly today)
    {
        if (StatusOn(today) != ContractStatus.Expired || Status == ContractStatus.Expired)
            throw new DomainException("contract.not-expired", "协议尚未到期。");
        Status = ContractStatus.Expired;
        EndedOn = ExtendedUntil ?? Term.End;
    }

    /// <summary>Ends a signed contract early, with a reason (a note is required for “other”).</summary>
    public void Terminate(TerminationReason reason, string? note, DateOnly on, DateOnly today)
    {
        EnsureInForce(today);
        if (reason == Contracts.TerminationReason.Other && string.IsNullOrWhiteSpace(note))
            throw new DomainException("contract.termination-note", "解约原因为“其他”时须填写说明。");
        if (on > today)
            throw new DomainException("contract.terminated-future", "解约日期不能晚于今天。");
        if (on < Term.Start)
            throw new DomainException("contract.terminated-before-start", "解约日期不能早于协议起始日期。");
        Status = ContractStatus.Terminated;
        TerminationReason = reason;
        TerminationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        EndedOn = on;
    }

    /// <summary>
    /// Makes the next term's contract with the same team, doctor and packages at today's catalogue
    /// prices, signed on <paramref name="signedOn"/>; this contract becomes “renewed”. Allowed from 30
    /// days before the end until 90 days after it.
    /// </summary>
    public Contract Renew(int sequence, Centre centre, Resident resident, Team team, StaffMember doctor,
        IReadOnlyList<ServicePackage> currentPackages, StaffMember signedBy, DateOnly signedOn, DateOnly today)
    {
        var status = StatusOn(today);
        if (status is not (ContractStatus.Signed or ContractStatus.Expired))
            throw new DomainException("contract.not-renewable", $"{status.ChineseName()}的协议不能续约。");
        if (status == ContractStatus.Signed && Term.DaysLeft(today) > 30)
            throw new DomainException("contract.renew-early", "协议到期前 30 天内才能续约。");
        if (today > Term.End.AddDays(90))
            throw new DomainException("contract.renew-late", "协议已到期超过 90 天，请重新签约。");
        if (resident.Id != ResidentId)
            throw new DomainException("contract.renew-resident", "续约须为同一居民。");
        // The next term follows on; renewed long after the end, it starts today instead.
        var term = Term.Next();
        if (term.Start < today.AddDays(-30))
            term = ContractTerm.OneYearFrom(today);
        var next = Draft(centre, sequence, resident, team, doctor, term, currentPackages, Signatory, today);
        next.PreviousContractId = Id;
        next.Sign(signedOn, signedBy, today);
        Status = ContractStatus.Renewed;
        EndedOn = Term.End;
        return next;
    }

    /// <summary>
    /// Counts a delivered service against the first item of its kind that still has an outstanding
    /// time. A service counts when it was delivered while the contract was in force (from the start to
    /// the end, the extension's end or the termination), whenever it is recorded: a renewal or the
    /// expiry catching up does not lose it. Returns false when the contract promises no such service,
    /// all of it is already done, or the date is outside (the service is still recorded where it
    /// happened, just not counted here).
    /// </summary>
    public bool RecordService(ServiceKind kind, DateOnly on, string source, int sourceId, int? staffMemberId)
    {
        if (Status == ContractStatus.Draft)
            return false;
        if (on < Term.Start || on > EffectiveEnd)
            return false;
        if (_fulfilments.Any(f => f.Source == source && f.SourceId == sourceId))
            return false; // already counted: recording is idempotent
        var item = _items.FirstOrDefault(i => i.ServiceKind == kind && i.Outstanding > 0);
        if (item is null)
            return false;
        item.CountOne();
        _fulfilments.Add(new FulfilmentRecord(item, on, source, sourceId, staffMemberId));
        return true;
    }

    /// <summary>
    /// At the term's end, paid items not delivered are either carried into a three-month extension
    /// or refunded; the contract records which.
    /// </summary>
    public void SettleUndelivered(UndeliveredSettlement settlement, DateOnly today)
    {
        if (settlement == UndeliveredSettlement.None)
            throw new DomainException("contract.settlement-required", "请选择未履约项目的处理方式：顺延三个月或退费。");
        if (Settlement != UndeliveredSettlement.None)
            throw new DomainException("contract.settled", "未履约项目已处理过。");
        if (Status is not (ContractStatus.Signed or ContractStatus.Expired or ContractStatus.Renewed))
            throw new DomainException("contract.settle-status", "只有已签约、已续约或已到期的协议才能处理未履约项目。");
        if (today < Term.End.AddDays(-30))
            throw new DomainException("contract.settle-early", "协议到期前 30 天内才能处理未履约项目。");
        if (RefundDue == Money.Zero)
            throw new DomainException("contract.nothing-undelivered", "没有未履约的付费项目。");
        Settlement = settlement;
        if (settlement == UndeliveredSettlement.Extended)
        {
            // Three whole months after the end: an end on 28 February runs on to 31 May.
            ExtendedUntil = Term.End.AddDays(1).AddMonths(3).AddDays(-1);
            if (Status == ContractStatus.Expired && today <= ExtendedUntil)
            {
                Status = ContractStatus.Signed;
                EndedOn = null;
            }
        }
    }

    /// <summary>
    /// The value of paid items not (yet) delivered: outstanding times × unit price. How a refund is
    /// split between the resident and the fund that paid the subsidy is the centre's policy.
    /// </summary>
    public Money RefundDue => Money.Sum(_items.Select(i => i.UnitPrice * i.Outstanding));

    /// <summary>The contract's printed number: centre code and sequence, e.g. DEMO01-000001.</summary>
    public static string NumberOf(string centreCode, int sequence) =>
        $"{centreCode}-{sequence.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)}";

    private void EnsureInForce(DateOnly today)
    {
        var status = StatusOn(today);
        if (status != ContractStatus.Signed)
            throw new DomainException("contract.not-in-force", $"{status.ChineseName()}的协议不能再修改。");
    }
}
