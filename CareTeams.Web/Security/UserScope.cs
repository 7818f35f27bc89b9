using System.Security.Claims;

namespace CareTeams.Web.Security;

public enum ScopeLevel
{
    /// <summary>Signed out, or a user with no team or centre: sees nothing.</summary>
    Nothing = 0,
    /// <summary>A doctor or nurse: their own team's residents.</summary>
    Team = 1,
    /// <summary>A centre manager: the whole centre.</summary>
    Centre = 2,
    /// <summary>An administrator: the county.</summary>
    County = 3,
    /// <summary>A command-line job: everything.</summary>
    System = 4,
    /// <summary>A referral desk of the leading hospital or a care institution: the referrals it receives or sends.</summary>
    Institution = 5,
}

/// <summary>What the signed-in user may see. Every query is narrowed by it (see the query filters).</summary>
public sealed record UserScope(ScopeLevel Level, int CountyId, int CentreId, int TeamId, string UserName, string? UserId)
{
    /// <summary>The staff member the user is (a doctor or nurse), or -1: who signs, visits, is responsible.</summary>
    public int StaffMemberId { get; init; } = -1;

    /// <summary>The alliance institution a referral desk works for (<see cref="ScopeLevel.Institution"/>), or -1.</summary>
    public int InstitutionId { get; init; } = -1;

    /// <summary>The name shown for the user on referral timelines and slips.</summary>
    public string DisplayName { get; init; } = string.Empty;

    public static readonly UserScope Nobody = new(ScopeLevel.Nothing, -1, -1, -1, "anonymous", null);
    public static readonly UserScope System = new(ScopeLevel.System, -1, -1, -1, "system", null);

    public const string CountyClaim = "careteams:county";
    public const string CentreClaim = "careteams:centre";
    public const string TeamClaim = "careteams:team";
    public const string StaffClaim = "careteams:staff";
    public const string InstitutionClaim = "careteams:institution";

    public static UserScope From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
            return Nobody;
        var name = user.Identity.Name ?? "unknown";
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var county = Int(user, CountyClaim);
        var centre = Int(user, CentreClaim);
        var team = Int(user, TeamClaim);
        var staff = Int(user, StaffClaim);
        var institution = Int(user, InstitutionClaim);
        var display = user.FindFirstValue(IdentitySetup.DisplayNameClaim) is { Length: > 0 } d ? d : name;
        if (user.IsInRole(Roles.Admin) && county > 0)
            return new(ScopeLevel.County, county, -1, -1, name, id) { StaffMemberId = staff, DisplayName = display };
        if (user.IsInRole(Roles.CentreManager) && centre > 0)
            return new(ScopeLevel.Centre, county, centre, -1, name, id) { StaffMemberId = staff, DisplayName = display };
        if ((user.IsInRole(Roles.Doctor) || user.IsInRole(Roles.Nurse)) && centre > 0 && team > 0)
            return new(ScopeLevel.Team, county, centre, team, name, id) { StaffMemberId = staff, DisplayName = display };
        if (user.IsInRole(Roles.ReferralDesk) && county > 0 && institution > 0)
            return new(ScopeLevel.Institution, county, -1, -1, name, id) { InstitutionId = institution, DisplayName = display };
        return Nobody with { UserName = name, UserId = id };
    }

    private static int Int(ClaimsPrincipal user, string type) =>
        int.TryParse(user.FindFirstValue(type), out var value) ? value : -1;
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string CentreManager = "CentreManager";
    public const string Doctor = "Doctor";
    public const string Nurse = "Nurse";

    /// <summary>Staff of the leading hospital or a care institution who receive and send referrals (转诊办).</summary>
    public const string ReferralDesk = "ReferralDesk";

    public static readonly IReadOnlyList<string> All = [Admin, CentreManager, Doctor, Nurse, ReferralDesk];

    public const string Managers = Admin + "," + CentreManager;

    /// <summary>The centres' own users (not a referral desk): the resident register and its work.</summary>
    public const string CentreStaff = Admin + "," + CentreManager + "," + Doctor + "," + Nurse;

    /// <summary>Every role (the referral pages).</summary>
    public const string AnyRole = CentreStaff + "," + ReferralDesk;

    public static string ChineseName(string role) => role switch
    {
        Admin => "系统管理员",
        CentreManager => "机构管理员",
        Doctor => "医生",
        Nurse => "护士",
        ReferralDesk => "转诊办（医院/养老机构）",
        _ => role,
    };
}
