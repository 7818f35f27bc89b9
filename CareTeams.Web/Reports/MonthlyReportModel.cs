using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;

namespace CareTeams.Web.Reports;

/// <summary>One key population's figures: residents in it at month end and those of them signed.</summary>
public sealed record KeyPopulationFigure(KeyPopulation Tag, int Population, int Signed)
{
    public string Name => KeyPopulations.ChineseName(Tag);
    public decimal Rate => MonthlyReportFigures.Rate(Signed, Population);
}

/// <summary>
/// The signing and contract figures of one row of the report (a centre, a team, a village or the
/// total), and its referral figures (<see cref="Referrals"/>; centres and teams only). Each figure's
/// definition is on its property; <see cref="MonthlyReportQuery"/> fills them.
/// </summary>
public sealed class MonthlyReportFigures
{
    private readonly int[] _tagPopulation = new int[Domain.Residents.KeyPopulations.All.Count];
    private readonly int[] _tagSigned = new int[Domain.Residents.KeyPopulations.All.Count];

    /// <summary>
    /// 居民数: residents in the registry at month end — in the row's centre / village / team (the
    /// resident's current placement) and either in the registry (在册) or gone (moved away or
    /// died) only after the month's last day.
    /// </summary>
    public int Population { get; private set; }

    /// <summary>
    /// 签约居民数 (distinct residents): residents with a contract whose term covers the month's last
    /// day and whose status was signed on that day — signed on or before it, not terminated on or
    /// before it (a contract renewed or expired later still counts: on that day it was signed).
    /// </summary>
    public int Signed { get; private set; }

    /// <summary>签约率 = signed residents ÷ residents (DOMAIN.md, Contracts: Figures).</summary>
    public decimal SigningRate => Rate(Signed, Population);

    /// <summary>
    /// 重点人群签约率, per key population: residents in the population on the month's last day
    /// (recorded tags; 65+ and 0–6 from the date of birth on that day, as
    /// <see cref="Resident.KeyPopulationsOn"/>) and those of them signed at month end.
    /// </summary>
    public IReadOnlyList<KeyPopulationFigure> KeyPopulations =>
        Domain.Residents.KeyPopulations.All.Select((t, i) => new KeyPopulationFigure(t, _tagPopulation[i], _tagSigned[i])).ToList();

    /// <summary>新签约 (contracts): first contracts (not a renewal) signed in the month (signing date within it), by the contract's team.</summary>
    public int New { get; private set; }

    /// <summary>续约 (contracts): renewal contracts (the next term of an earlier one) signed in the month.</summary>
    public int Renewed { get; private set; }

    /// <summary>解约 (contracts): contracts terminated with a termination date in the month.</summary>
    public int Terminated { get; private set; }

    /// <summary>
    /// 到期 (contracts): contracts whose last day in force (the term's end, or the extension's) falls in
    /// the month and is past, not terminated, and not renewed by a contract signed on or before that day
    /// (a renewal signed after the end came after an expiry).
    /// </summary>
    public int Expired { get; private set; }

    /// <summary>签约费用 (yuan): the price of every package of the contracts signed in the month (new and renewed).</summary>
    public decimal Fees => FeeFen / 100m;

    /// <summary>个人支付 (yuan): fees less subsidies of the contracts signed in the month.</summary>
    public decimal OwnPayments => OwnPaymentFen / 100m;

    /// <summary>计划服务次数: the items promised (planned times) by the contracts signed at month end.</summary>
    public int Promised { get; private set; }

    /// <summary>已履约次数: services delivered on or before the month's last day against those items (fulfilment records).</summary>
    public int Delivered { get; private set; }

    /// <summary>履约率 = delivered ÷ promised items over the contracts signed at month end (1 when nothing is promised, as for one contract).</summary>
    public decimal FulfilmentRate => Promised == 0 ? 1m : (decimal)Delivered / Promised;

    /// <summary>双向转诊: the referrals of the row's residents requested in the month (centres and teams; zero for villages).</summary>
    public ReferralFigures Referrals { get; } = new();

    internal long FeeFen { get; private set; }
    internal long OwnPaymentFen { get; private set; }

    internal void AddResidents(int count, bool signed, KeyPopulation tags)
    {
        Population += count;
        if (signed)
            Signed += count;
        for (var i = 0; i < _tagPopulation.Length; i++)
        {
            if ((tags & Domain.Residents.KeyPopulations.All[i]) == 0)
                continue;
            _tagPopulation[i] += count;
            if (signed)
                _tagSigned[i] += count;
        }
    }

    internal void AddEvents(int count, bool isNew, bool renewed, bool terminated, bool expired)
    {
        if (isNew)
            New += count;
        if (renewed)
            Renewed += count;
        if (terminated)
            Terminated += count;
        if (expired)
            Expired += count;
    }

    internal void AddFees(long feeFen, long ownPaymentFen)
    {
        FeeFen += feeFen;
        OwnPaymentFen += ownPaymentFen;
    }

    internal void AddFulfilment(int promised, int delivered)
    {
        Promised += promised;
        Delivered += delivered;
    }

    internal void Add(MonthlyReportFigures other)
    {
        Population += other.Population;
        Signed += other.Signed;
        for (var i = 0; i < _tagPopulation.Length; i++)
        {
            _tagPopulation[i] += other._tagPopulation[i];
            _tagSigned[i] += other._tagSigned[i];
        }
        New += other.New;
        Renewed += other.Renewed;
        Terminated += other.Terminated;
        Expired += other.Expired;
        AddFees(other.FeeFen, other.OwnPaymentFen);
        AddFulfilment(other.Promised, other.Delivered);
        Referrals.Add(other.Referrals);
    }

    public static MonthlyReportFigures Sum(IEnumerable<MonthlyReportFigures> rows)
    {
        var total = new MonthlyReportFigures();
        foreach (var row in rows)
            total.Add(row);
        return total;
    }

    /// <summary>A share (0 when the denominator is 0).</summary>
    public static decimal Rate(int part, int whole) => whole == 0 ? 0m : (decimal)part / whole;
}

/// <summary>
/// 双向转诊 figures of a centre or a team for the month: the referrals of its residents (<see cref="Referral.CentreId"/>,
/// <see cref="Referral.TeamId"/>: the resident's centre and team when it was sent) whose request time
/// (<see cref="Referral.RequestedAt"/>) falls in the month, first day 00:00 to last day 24:00 China Standard Time.
/// </summary>
public sealed class ReferralFigures
{
    /// <summary>The statuses in the order the report shows them: pending, the way forward, then the ways out.</summary>
    public static readonly IReadOnlyList<ReferralStatus> Statuses =
    [
        ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Arrived, ReferralStatus.Returned, ReferralStatus.Closed,
        ReferralStatus.Declined, ReferralStatus.Cancelled, ReferralStatus.Expired,
    ];

    private readonly int[] _byStatus = new int[Statuses.Count];

    /// <summary>上转: up-referrals requested in the month.</summary>
    public int Up { get; private set; }

    /// <summary>其中绿色通道: up-referrals through the green channel.</summary>
    public int UpGreenChannel { get; private set; }

    /// <summary>其中紧急: urgent up-referrals (not the green channel).</summary>
    public int UpUrgent { get; private set; }

    /// <summary>下转: down-referrals of the residents requested in the month (received by the centre).</summary>
    public int Down { get; private set; }

    /// <summary>转介: transfers between a medical and a care institution requested in the month.</summary>
    public int Transfer { get; private set; }

    /// <summary>All referrals requested in the month.</summary>
    public int Total => Up + Down + Transfer;

    /// <summary>下转应随访: the month's down-referrals to follow up (not declined, cancelled or expired; <see cref="Referral.FollowUpDueOn"/>).</summary>
    public int DownToFollowUp { get; private set; }

    /// <summary>
    /// 14天内已随访: of those, the ones with a visit of the resident started at or after the request and on or before
    /// <see cref="Referral.FollowUpDueOn"/> (the request's China date + <see cref="Referral.FollowUpWithinDays"/>).
    /// </summary>
    public int DownFollowedUp { get; private set; }

    /// <summary>下转随访率 = followed up within 14 days ÷ down-referrals to follow up.</summary>
    public decimal FollowUpRate => MonthlyReportFigures.Rate(DownFollowedUp, DownToFollowUp);

    /// <summary>The month's referrals by their status now (when the report is made), in <see cref="Statuses"/> order.</summary>
    public IReadOnlyList<int> ByStatus => _byStatus;

    internal void AddReferrals(int count, ReferralDirection direction, ReferralUrgency urgency, ReferralStatus status)
    {
        switch (direction)
        {
            case ReferralDirection.Up:
                Up += count;
                if (urgency == ReferralUrgency.GreenChannel)
                    UpGreenChannel += count;
                else if (urgency == ReferralUrgency.Urgent)
                    UpUrgent += count;
                break;
            case ReferralDirection.Down:
                Down += count;
                if (status.IsToFollowUp())
                    DownToFollowUp += count;
                break;
            default:
                Transfer += count;
                break;
        }
        _byStatus[IndexOf(status)] += count;
    }

    /// <summary>A down-referral in this status is followed up (as <see cref="Referral.FollowUpDueOn"/>): not declined, cancelled or expired.</summary>
    internal void AddFollowedUp(int count) => DownFollowedUp += count;

    internal void Add(ReferralFigures other)
    {
        Up += other.Up;
        UpGreenChannel += other.UpGreenChannel;
        UpUrgent += other.UpUrgent;
        Down += other.Down;
        Transfer += other.Transfer;
        DownToFollowUp += other.DownToFollowUp;
        DownFollowedUp += other.DownFollowedUp;
        for (var i = 0; i < _byStatus.Length; i++)
            _byStatus[i] += other._byStatus[i];
    }

    private static int IndexOf(ReferralStatus status)
    {
        for (var i = 0; i < Statuses.Count; i++)
        {
            if (Statuses[i] == status)
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(status), status, "Not a referral status.");
    }
}

/// <summary>A row of the report: a centre, a team or a village, with its figures.</summary>
public sealed record MonthlyReportRow(int Id, string Name, string CentreName, MonthlyReportFigures Figures);

/// <summary>
/// One 2111 kind (or all four) for a centre: elders who had it done in the month, elders who have it
/// done for the year by the month's end, of the elders with a plan.
/// </summary>
public sealed record Plan2111KindFigure(string Name, int DoneInMonth, int DoneYearToDate, int Elders)
{
    /// <summary>2111 完成率 = elders with the kind(s) done (year to date) ÷ elders with a 2111 plan.</summary>
    public decimal Rate => MonthlyReportFigures.Rate(DoneYearToDate, Elders);
}

/// <summary>The 2111 figures of a centre (or the total): the four kinds in schedule order, then all four.</summary>
public sealed record Plan2111Row(int CentreId, string CentreName, int Elders, IReadOnlyList<Plan2111KindFigure> Kinds);

/// <summary>家庭病床 figures of a centre: beds opened and closed in the month, open at month end, bed-days of the beds closed.</summary>
public sealed record HomeBedRow(int CentreId, string CentreName, int Opened, int Closed, int OpenAtMonthEnd, int BedDays);

/// <summary>随访: visits (count of visit logs) started in the month, and distinct residents visited, by kind.</summary>
public sealed record VisitKindRow(int CentreId, string CentreName, VisitKind Kind, int Visits, int Residents)
{
    public string KindName => Kind.ChineseName();
}

/// <summary>随访 by staff member: visits started in the month and distinct residents visited.</summary>
public sealed record VisitStaffRow(int CentreId, string CentreName, int StaffMemberId, string StaffName, string TeamName, int Visits, int Residents);

/// <summary>The figures whose residents can be listed (detail sheets and the dashboard's drill-down).</summary>
public enum ReportFigure
{
    SignedAtMonthEnd = 1,
    NewContracts = 2,
    Renewals = 3,
    Terminations = 4,
    Expiries = 5,
    Plan2111DoneInMonth = 6,
    VisitedInMonth = 7,
}

public static class ReportFigureTerms
{
    public static string ChineseName(this ReportFigure figure) => figure switch
    {
        ReportFigure.SignedAtMonthEnd => "月末签约",
        ReportFigure.NewContracts => "新签约",
        ReportFigure.Renewals => "续约",
        ReportFigure.Terminations => "解约",
        ReportFigure.Expiries => "到期",
        ReportFigure.Plan2111DoneInMonth => "2111本月完成",
        _ => "本月随访",
    };
}

/// <summary>A resident behind a count, as detail sheets list them (the ID number masked).</summary>
public sealed record ReportResident(int ResidentId, ReportFigure Figure, string Name, string MaskedIdNumber, Sex Sex, int Age,
    string CentreName, string VillageName, string TeamName, string KeyPopulations, DateOnly? On, string Detail);

/// <summary>Every figure of one month's report for a centre or the whole county (one row per centre).</summary>
public sealed record MonthlyReport(
    ReportMonth Month,
    string ScopeName,
    string CentreCode,
    DateTimeOffset MadeAt,
    IReadOnlyList<MonthlyReportRow> Centres,
    MonthlyReportFigures Total,
    IReadOnlyList<MonthlyReportRow> Teams,
    IReadOnlyList<MonthlyReportRow> Villages,
    IReadOnlyList<Plan2111Row> Plan2111,
    Plan2111Row Plan2111Total,
    IReadOnlyList<HomeBedRow> HomeBeds,
    IReadOnlyList<VisitKindRow> VisitsByKind,
    IReadOnlyList<VisitStaffRow> VisitsByStaff,
    IReadOnlyList<ReportResident> Residents,
    bool ResidentsTruncated)
{
    public bool IsCounty => CentreCode == MonthlyReportQuery.AllCentres;
}
