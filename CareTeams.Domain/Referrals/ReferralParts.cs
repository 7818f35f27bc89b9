using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Referrals;

/// <summary>What the referral form records besides the resident, the two institutions and the referring staff member.</summary>
public sealed record ReferralForm(
    ReferralDirection Direction,
    ReferralUrgency Urgency,
    string Reason,
    string Diagnosis,
    string? Icd10Code,
    string? TreatmentSoFar,
    string? History,
    IReadOnlyList<AttachmentInput> Attachments,
    ReturnForm? Return = null,
    bool ProposesHomeBed = false);

public sealed record AttachmentInput(string Title, string Summary);

/// <summary>
/// Who takes a step: the name the slip and the timeline show, and the staff member when it is one of a centre's staff
/// (doctors and nurses of the teams); staff of the leading hospital and of care institutions have a name only.
/// </summary>
public sealed record ReferralActor(int? StaffId, string Name)
{
    public string Name { get; } = string.IsNullOrWhiteSpace(Name)
        ? throw new DomainException("referral.actor-name", "请填写经办人姓名。")
        : Name.Trim().Length > ReferralStep.NameMaxLength ? Name.Trim()[..ReferralStep.NameMaxLength] : Name.Trim();
}

/// <summary>The return form (回转单) of a down-referral. Owned by the referral (columns of its table).</summary>
public sealed record ReturnForm(
    string DiagnosisResult,
    string? InpatientNumber,
    string? MainFindings,
    string? Treatment,
    string NextPlan,
    string? FollowUpInstructions);

/// <summary>An attachment of a referral as a text summary (检查报告、出院小结……).</summary>
public sealed class ReferralAttachment : Entity
{
    public const int TitleMaxLength = 100;
    public const int SummaryMaxLength = 2000;

    private ReferralAttachment()
    {
        Title = Summary = string.Empty;
    }

    internal ReferralAttachment(int sequence, string title, string summary) : this()
    {
        Sequence = sequence;
        Title = title;
        Summary = summary;
    }

    public int ReferralId { get; private set; }
    public int Sequence { get; private set; }
    public string Title { get; private set; }
    public string Summary { get; private set; }
}

/// <summary>
/// One step of a referral's timeline: the status it reached, who (staff member and institution) and when.
/// <see cref="StaffId"/> is null for staff who are not a centre's and for an expiry (which the system records, with no
/// <see cref="InstitutionId"/>).
/// </summary>
public sealed class ReferralStep : Entity
{
    public const int NoteMaxLength = 500;
    public const int NameMaxLength = 50;
    public const string SystemName = "系统";

    private ReferralStep() { ByName = SystemName; }

    internal ReferralStep(ReferralStatus status, ReferralActor? by, int? institutionId, DateTimeOffset at, string? note)
    {
        Status = status;
        StaffId = by?.StaffId;
        ByName = by?.Name ?? SystemName;
        InstitutionId = institutionId;
        At = at;
        Note = note;
    }

    public int ReferralId { get; private set; }
    public ReferralStatus Status { get; private set; }
    public int? StaffId { get; private set; }

    /// <summary>Who took the step (<see cref="SystemName"/> for an expiry).</summary>
    public string ByName { get; private set; }
    public int? InstitutionId { get; private set; }
    public DateTimeOffset At { get; private set; }

    /// <summary>The reason of a decline or cancellation, or a remark.</summary>
    public string? Note { get; private set; }

    /// <summary>The China date of the step (for the slip and the monthly counts).</summary>
    public DateOnly Date => ChinaTime.DateOf(At);
}

/// <summary>The receiving list's order: green channel first, then urgent, then the oldest request first.</summary>
public sealed class ReceivingListOrder : IComparer<Referral>
{
    public static readonly ReceivingListOrder Instance = new();

    public int Compare(Referral? x, Referral? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return 1;
        if (y is null)
            return -1;
        var byUrgency = y.Urgency.CompareTo(x.Urgency);
        if (byUrgency != 0)
            return byUrgency;
        var byTime = x.RequestedAt.CompareTo(y.RequestedAt);
        return byTime != 0 ? byTime : x.Id.CompareTo(y.Id);
    }
}
