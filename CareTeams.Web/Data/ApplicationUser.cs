using Microsoft.AspNetCore.Identity;

namespace CareTeams.Web.Data;

/// <summary>A person who signs in: a staff member of a centre, a county administrator, or a referral desk of an alliance institution.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
    public int? CountyId { get; set; }
    public int? CentreId { get; set; }
    public int? TeamId { get; set; }
    public int? StaffMemberId { get; set; }

    /// <summary>
    /// For staff of the leading hospital or a care institution (role <c>ReferralDesk</c>): the alliance institution they
    /// receive and send referrals for. Centre staff act for their centre's institution without it.
    /// </summary>
    public int? AllianceInstitutionId { get; set; }

    /// <summary>When the password was last set (UTC); Identity has no expiry setting of its own.</summary>
    public DateTime PasswordChangedAtUtc { get; set; }
    public bool IsDisabled { get; set; }
}
