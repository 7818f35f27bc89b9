using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Elder2111;

/// <summary>The four kinds of service of the "2111" schedule.</summary>
public enum PlanItemKind
{
    /// <summary>医养结合服务 (two a year, at least three months apart)</summary>
    IntegratedCare = 1,
    /// <summary>免费健康体检</summary>
    PhysicalExam = 2,
    /// <summary>中医体质辨识 with TCM health guidance</summary>
    TcmConstitution = 3,
    /// <summary>失能（能力）评估 with health guidance</summary>
    AbilityAssessment = 4,
}

/// <summary>What is stored of a plan item; whether an open item is due or overdue follows from the dates (<see cref="PlanItem.StateOn"/>).</summary>
public enum PlanItemStatus
{
    Open = 1,
    Done = 2,
    /// <summary>居民拒绝 (with a reason)</summary>
    Declined = 3,
    /// <summary>不适用: the elder died or moved away, or the year left no room for it</summary>
    NotApplicable = 4,
}

/// <summary>Where an item stands on a given day.</summary>
public enum PlanItemState
{
    /// <summary>待安排: its planned month has not come</summary>
    Planned = 1,
    /// <summary>应做: in its planned month</summary>
    Due = 2,
    /// <summary>逾期: its due date has passed</summary>
    Overdue = 3,
    Done = 4,
    Declined = 5,
    NotApplicable = 6,
}

public static class PlanItemTerms
{
    public static readonly IReadOnlyList<PlanItemKind> AllKinds =
        [PlanItemKind.IntegratedCare, PlanItemKind.PhysicalExam, PlanItemKind.TcmConstitution, PlanItemKind.AbilityAssessment];

    public static string ChineseName(this PlanItemKind kind) => kind switch
    {
        PlanItemKind.IntegratedCare => "医养结合服务",
        PlanItemKind.PhysicalExam => "健康体检",
        PlanItemKind.TcmConstitution => "中医体质辨识",
        _ => "失能评估",
    };

    /// <summary>The contract service a done item counts against.</summary>
    public static ServiceKind ServiceKind(this PlanItemKind kind) => kind switch
    {
        PlanItemKind.IntegratedCare => Contracts.ServiceKind.IntegratedCare,
        PlanItemKind.PhysicalExam => Contracts.ServiceKind.PhysicalExam,
        PlanItemKind.TcmConstitution => Contracts.ServiceKind.TcmConstitution,
        _ => Contracts.ServiceKind.AbilityAssessment,
    };

    public static string ChineseName(this PlanItemState state) => state switch
    {
        PlanItemState.Planned => "待安排",
        PlanItemState.Due => "应做",
        PlanItemState.Overdue => "逾期",
        PlanItemState.Done => "已完成",
        PlanItemState.Declined => "拒绝",
        _ => "不适用",
    };
}

/// <summary>
/// One planned service of an elder's year. It may be recorded from <see cref="Earliest"/>; it is due
/// from <see cref="WindowStart"/> (the first day of the month the capacity plan gave it) to
/// <see cref="Due"/>, and overdue after.
/// </summary>
public sealed class PlanItem : Entity
{
    private PlanItem() { }

    internal PlanItem(PlanItemKind kind, int sequence, DateOnly earliest, DateOnly windowStart, DateOnly due)
    {
        Kind = kind;
        Sequence = sequence;
        Earliest = earliest;
        WindowStart = windowStart < earliest ? earliest : windowStart;
        Due = due;
        Status = PlanItemStatus.Open;
    }

    public int ElderPlan2111Id { get; private set; }
    public PlanItemKind Kind { get; private set; }

    /// <summary>1, or 2 for the second integrated care service.</summary>
    public int Sequence { get; private set; }
    public DateOnly Earliest { get; private set; }
    public DateOnly WindowStart { get; private set; }
    public DateOnly Due { get; private set; }
    public PlanItemStatus Status { get; private set; }

    /// <summary>The day it was done, declined or closed.</summary>
    public DateOnly? ClosedOn { get; private set; }
    public int? StaffMemberId { get; private set; }

    /// <summary>The reason it was declined or is not applicable.</summary>
    public string? Reason { get; private set; }

    public bool IsOpen => Status == PlanItemStatus.Open;

    public string Title => Kind == PlanItemKind.IntegratedCare ? $"第{(Sequence == 1 ? "一" : "二")}次医养结合服务" : Kind.ChineseName();

    public PlanItemState StateOn(DateOnly today) => Status switch
    {
        PlanItemStatus.Done => PlanItemState.Done,
        PlanItemStatus.Declined => PlanItemState.Declined,
        PlanItemStatus.NotApplicable => PlanItemState.NotApplicable,
        _ when today > Due => PlanItemState.Overdue,
        _ when today >= WindowStart => PlanItemState.Due,
        _ => PlanItemState.Planned,
    };

    internal void MarkDone(DateOnly on, int staffMemberId)
    {
        Status = PlanItemStatus.Done;
        ClosedOn = on;
        StaffMemberId = staffMemberId;
    }

    internal void Close(PlanItemStatus status, DateOnly on, string reason, int? staffMemberId = null)
    {
        Status = status;
        ClosedOn = on;
        Reason = reason;
        StaffMemberId = staffMemberId;
    }

    internal void Reschedule(DateOnly earliest, DateOnly due)
    {
        Earliest = earliest;
        Due = due;
        var monthStart = new DateOnly(due.Year, due.Month, 1);
        WindowStart = monthStart < earliest ? earliest : monthStart;
    }
}

/// <summary>The months an elder's two visits of the year fall in: the first carries the exam, the TCM
/// identification, the ability assessment and the first integrated care service; the second the
/// second integrated care service (none when the year leaves no three months for it).</summary>
public readonly record struct VisitMonths(int First, int? Second);

/// <summary>
/// An elder's "2111" plan for one year (ElderPlan2111): two integrated care services at least three
/// months apart, one physical exam, one TCM constitution identification, at least one ability
/// assessment. Made once per resident and year (<see cref="Plan2111Rules"/> say who and from when);
/// the items are closed as not applicable when the elder dies or moves away.
/// </summary>
public sealed class ElderPlan2111 : AggregateRoot
{
    /// <summary>The least time between the two integrated care services.</summary>
    public const int IntegratedCareSpacingMonths = 3;

    public const int ReasonMaxLength = 200;

    private readonly List<PlanItem> _items = [];

    private ElderPlan2111() { }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public int? TeamId { get; private set; }
    public int VillageId { get; private set; }
    public int ResidentId { get; private set; }
    public int Year { get; private set; }

    /// <summary>The first day the plan covers: 1 January, the 65th birthday, or the day it was made.</summary>
    public DateOnly StartsOn { get; private set; }
    public IReadOnlyList<PlanItem> Items => _items;

    public bool IsComplete => _items.Where(i => i.Status != PlanItemStatus.NotApplicable).All(i => i.Status == PlanItemStatus.Done)
        && _items.Any(i => i.Status == PlanItemStatus.Done);

    /// <summary>Makes the plan for an eligible resident. <paramref name="months"/> comes from <see cref="CapacityPlanner"/>.</summary>
    public static ElderPlan2111 Create(Resident resident, int year, DateOnly startsOn, VisitMonths months)
    {
        if (!Plan2111Rules.IsEligible(resident, year))
            throw new DomainException("plan2111.not-eligible", $"{resident.Name} 不符合 {year} 年“2111”健康管理条件（需年满65岁、居家、在册）。");
        if (startsOn.Year != year)
            throw new DomainException("plan2111.start-year", "计划开始日期必须在计划年度内。");
        if (months.First < startsOn.Month || months.First > 12)
            throw new ArgumentOutOfRangeException(nameof(months), months, "The first visit month must lie between the start and December.");
        if (months.Second is { } s && (s - months.First < IntegratedCareSpacingMonths || s > 12))
            throw new ArgumentOutOfRangeException(nameof(months), months, "The second visit must be three or more months after the first, within the year.");

        var plan = new ElderPlan2111
        {
            CountyId = resident.CountyId,
            CentreId = resident.CentreId,
            TeamId = resident.TeamId,
            VillageId = resident.VillageId,
            ResidentId = resident.Id,
            Year = year,
            StartsOn = startsOn,
        };
        var firstStart = new DateOnly(year, months.First, 1);
        var firstDue = EndOfMonth(firstStart);
        plan._items.Add(new PlanItem(PlanItemKind.IntegratedCare, 1, startsOn, firstStart, firstDue));
        plan._items.Add(new PlanItem(PlanItemKind.PhysicalExam, 1, startsOn, firstStart, firstDue));
        plan._items.Add(new PlanItem(PlanItemKind.TcmConstitution, 1, startsOn, firstStart, firstDue));
        plan._items.Add(new PlanItem(PlanItemKind.AbilityAssessment, 1, startsOn, firstStart, firstDue));
        var yearEnd = new DateOnly(year, 12, 31);
        if (months.Second is { } second)
        {
            var secondStart = new DateOnly(year, second, 1);
            plan._items.Add(new PlanItem(PlanItemKind.IntegratedCare, 2, startsOn.AddMonths(IntegratedCareSpacingMonths), secondStart, EndOfMonth(secondStart)));
        }
        else
        {
            var item = new PlanItem(PlanItemKind.IntegratedCare, 2, yearEnd, yearEnd, yearEnd);
            item.Close(PlanItemStatus.NotApplicable, startsOn, "年内剩余时间不足三个月，第二次医养结合服务不适用");
            plan._items.Add(item);
        }
        return plan;
    }

    public PlanItem Item(int itemId) =>
        _items.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainException("plan2111.item-missing", "计划中没有该服务项目。");

    public PlanItem Item(PlanItemKind kind, int sequence = 1) => _items.Single(i => i.Kind == kind && i.Sequence == sequence);

    /// <summary>
    /// Records an item as done on <paramref name="on"/> by a staff member. The second integrated care
    /// service needs the first one done at least three months earlier; doing the first one moves the
    /// second's window accordingly.
    /// </summary>
    public void RecordDone(int itemId, DateOnly on, int staffMemberId, DateOnly today)
    {
        var item = Item(itemId);
        if (!item.IsOpen)
            throw new DomainException("plan2111.item-closed", $"{item.Title}已{(item.Status == PlanItemStatus.Done ? "完成" : "关闭")}，不能重复登记。");
        if (on > today)
            throw new DomainException("plan2111.done-future", "服务日期不能晚于今天。");
        if (on.Year != Year || on < StartsOn)
            throw new DomainException("plan2111.done-outside", $"服务日期须在本计划的期间内（{StartsOn:yyyy-MM-dd} 至 {Year}-12-31）。");
        if (item.Kind == PlanItemKind.IntegratedCare && item.Sequence == 2)
        {
            var first = Item(PlanItemKind.IntegratedCare, 1);
            if (first.Status != PlanItemStatus.Done || first.ClosedOn is not { } firstOn)
                throw new DomainException("plan2111.integrated-order", "请先登记第一次医养结合服务。");
            var earliest = firstOn.AddMonths(IntegratedCareSpacingMonths);
            if (on < earliest)
                throw new DomainException("plan2111.integrated-spacing",
                    $"两次医养结合服务至少间隔三个月：第一次在 {firstOn:yyyy-MM-dd}，第二次最早 {earliest:yyyy-MM-dd}。");
        }
        item.MarkDone(on, staffMemberId);
        if (item.Kind == PlanItemKind.IntegratedCare && item.Sequence == 1)
            MoveSecondIntegratedCareAfter(on);
    }

    /// <summary>The elder declined the service; the reason is kept.</summary>
    public void Decline(int itemId, string reason, DateOnly on, int staffMemberId, DateOnly today)
    {
        var item = Item(itemId);
        if (!item.IsOpen)
            throw new DomainException("plan2111.item-closed", $"{item.Title}已关闭，不能再登记拒绝。");
        if (on > today)
            throw new DomainException("plan2111.done-future", "日期不能晚于今天。");
        item.Close(PlanItemStatus.Declined, on, RequiredReason(reason), staffMemberId);
    }

    /// <summary>The elder died or moved away: every open item is closed as not applicable.</summary>
    public int CloseOpenItems(DateOnly on, string reason)
    {
        var open = _items.Where(i => i.IsOpen).ToList();
        foreach (var item in open)
            item.Close(PlanItemStatus.NotApplicable, on, RequiredReason(reason));
        return open.Count;
    }

    /// <summary>Keeps the plan with the resident's current village and team (after a move within the county).</summary>
    public bool FollowResident(Resident resident)
    {
        if (resident.Id != ResidentId)
            throw new ArgumentException("Another resident's plan.", nameof(resident));
        if (VillageId == resident.VillageId && TeamId == resident.TeamId && CentreId == resident.CentreId)
            return false;
        VillageId = resident.VillageId;
        TeamId = resident.TeamId;
        CentreId = resident.CentreId;
        return true;
    }

    /// <summary>The items done / open / closed, in the order they are shown.</summary>
    public IEnumerable<PlanItem> ItemsInOrder => _items.OrderBy(i => i.Kind == PlanItemKind.IntegratedCare ? (i.Sequence == 1 ? 0 : 9) : (int)i.Kind);

    private void MoveSecondIntegratedCareAfter(DateOnly firstOn)
    {
        var second = Item(PlanItemKind.IntegratedCare, 2);
        if (!second.IsOpen)
            return;
        var earliest = firstOn.AddMonths(IntegratedCareSpacingMonths);
        var yearEnd = new DateOnly(Year, 12, 31);
        if (earliest > yearEnd)
        {
            second.Close(PlanItemStatus.NotApplicable, firstOn, "第一次医养结合服务较晚，年内无法满足三个月间隔，第二次不适用");
            return;
        }
        var due = second.Due < earliest ? Min(EndOfMonth(earliest), yearEnd) : second.Due;
        second.Reschedule(earliest, due);
    }

    private static string RequiredReason(string reason)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new DomainException("plan2111.reason", "请填写原因。");
        return trimmed.Length > ReasonMaxLength ? throw new DomainException("plan2111.reason", $"原因最多 {ReasonMaxLength} 个字。") : trimmed;
    }

    private static DateOnly EndOfMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1);
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

/// <summary>Who gets a "2111" plan, and from when.</summary>
public static class Plan2111Rules
{
    public const int EligibleAge = 65;

    /// <summary>Active, living at home, and 65 or over at some time in the year (turning 65 by 31 December).</summary>
    public static bool IsEligible(Resident resident, int year) =>
        resident.Status == ResidentStatus.Active
        && resident.LivingArrangement == LivingArrangement.Home
        && TurnsEligibleOn(resident.DateOfBirth) <= new DateOnly(year, 12, 31);

    /// <summary>Why a plan's open items close when its resident leaves the registry: death or moving away; null while active.</summary>
    public static string? ClosingReason(ResidentStatus status) => status switch
    {
        ResidentStatus.Deceased => "居民已死亡",
        ResidentStatus.MovedAway => "居民已迁出",
        _ => null,
    };

    /// <summary>The 65th birthday (29 February births turn 65 on 1 March in a common year).</summary>
    public static DateOnly TurnsEligibleOn(DateOnly dateOfBirth)
    {
        var year = dateOfBirth.Year + EligibleAge;
        return dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
    }

    /// <summary>
    /// The first day a plan made on <paramref name="today"/> covers: 1 January, or the 65th birthday, or
    /// today when the plan is made during the year (an elder who moved in or was registered late).
    /// A year that has ended cannot be planned.
    /// </summary>
    public static DateOnly StartOf(DateOnly dateOfBirth, int year, DateOnly today)
    {
        if (today.Year > year)
            throw new DomainException("plan2111.year-ended", $"{year} 年已结束，不能再生成该年度计划。");
        var start = new DateOnly(year, 1, 1);
        var birthday = TurnsEligibleOn(dateOfBirth);
        if (birthday > start)
            start = birthday;
        if (today > start)
            start = today;
        return start;
    }
}
