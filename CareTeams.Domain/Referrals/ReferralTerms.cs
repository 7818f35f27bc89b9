namespace CareTeams.Domain.Referrals;

/// <summary>The kind of an institution of the medical alliance (医共体 / 医养联盟); its level decides up and down.</summary>
public enum AllianceInstitutionKind
{
    LeadingHospital = 0,
    TownshipCentre = 1,
    VillageClinic = 2,
    CareInstitution = 3,
}

/// <summary>上转 to a higher level, 下转 to a lower one, 转介 between a medical and a care institution.</summary>
public enum ReferralDirection
{
    Up = 0,
    Down = 1,
    Transfer = 2,
}

/// <summary>Ordered by priority: a higher value is seen first (so <c>OrderByDescending(Urgency)</c> translates to SQL).</summary>
public enum ReferralUrgency
{
    Routine = 0,
    Urgent = 1,
    GreenChannel = 2,
}

public enum ReferralStatus
{
    Requested = 0,
    Accepted = 1,
    Declined = 2,
    Cancelled = 3,
    Expired = 4,
    Arrived = 5,
    Returned = 6,
    Closed = 7,
}

public static class ReferralTerms
{
    /// <summary>Medical level: 村卫生室 1, 乡镇卫生院/社区卫生服务中心 2, 牵头医院 3; a care institution has none (0).</summary>
    public static int MedicalLevel(this AllianceInstitutionKind kind) => kind switch
    {
        AllianceInstitutionKind.VillageClinic => 1,
        AllianceInstitutionKind.TownshipCentre => 2,
        AllianceInstitutionKind.LeadingHospital => 3,
        _ => 0,
    };

    public static bool IsMedical(this AllianceInstitutionKind kind) => kind.MedicalLevel() > 0;

    /// <summary>Terminal states: nothing about the referral changes any more. An array so that queries can filter on it in SQL.</summary>
    public static readonly ReferralStatus[] Final =
        [ReferralStatus.Declined, ReferralStatus.Cancelled, ReferralStatus.Expired, ReferralStatus.Returned, ReferralStatus.Closed];

    /// <summary>The others (requested, accepted, arrived): the referral is under way.</summary>
    public static readonly ReferralStatus[] UnderWay = [ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Arrived];

    public static bool IsFinal(this ReferralStatus status) => Final.Contains(status);

    /// <summary>
    /// The statuses in which a down-referral is not followed up: it never reached the team (declined, cancelled, expired).
    /// An array so that queries can say <c>!NotFollowedUp.Contains(r.Status)</c> in SQL.
    /// </summary>
    public static readonly ReferralStatus[] NotFollowedUp = [ReferralStatus.Declined, ReferralStatus.Cancelled, ReferralStatus.Expired];

    /// <summary>A down-referral in this status is one the resident's team must follow up.</summary>
    public static bool IsToFollowUp(this ReferralStatus status) => !NotFollowedUp.Contains(status);

    public static string ChineseName(this AllianceInstitutionKind kind) => kind switch
    {
        AllianceInstitutionKind.LeadingHospital => "牵头医院",
        AllianceInstitutionKind.TownshipCentre => "乡镇卫生院/社区卫生服务中心",
        AllianceInstitutionKind.VillageClinic => "村卫生室",
        AllianceInstitutionKind.CareInstitution => "养老机构",
        _ => kind.ToString(),
    };

    public static string ChineseName(this ReferralDirection direction) => direction switch
    {
        ReferralDirection.Up => "上转",
        ReferralDirection.Down => "下转",
        ReferralDirection.Transfer => "转介",
        _ => direction.ToString(),
    };

    public static string ChineseName(this ReferralUrgency urgency) => urgency switch
    {
        ReferralUrgency.Routine => "普通",
        ReferralUrgency.Urgent => "紧急",
        ReferralUrgency.GreenChannel => "绿色通道",
        _ => urgency.ToString(),
    };

    public static string ChineseName(this ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => "待接收",
        ReferralStatus.Accepted => "已接收",
        ReferralStatus.Declined => "已拒绝",
        ReferralStatus.Cancelled => "已撤销",
        ReferralStatus.Expired => "已过期",
        ReferralStatus.Arrived => "已到达",
        ReferralStatus.Returned => "已回转",
        ReferralStatus.Closed => "已结束",
        _ => status.ToString(),
    };
}
