using Microsoft.AspNetCore.Identity;

namespace CareTeams.Web.Data;

/// <summary>A person who signs in: a staff member of a centre, or a county administrator.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
    public int? CountyId { get; set; }
    public int? CentreId { get; set; }
    public int? TeamId { get; set; }
    public int? StaffMemberId { get; set; }

    /// <summary>When the password was last set (UTC); Identity has no expiry setting of its own.</summary>
    public DateTime PasswordChangedAtUtc { get; set; }
    public bool IsDisabled { get; set; }
}
