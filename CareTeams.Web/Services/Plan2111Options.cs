namespace CareTeams.Web.Services;

/// <summary>Settings of the "2111" planning (section <c>Plan2111</c> of appsettings.json).</summary>
public sealed class Plan2111Options
{
    public const string Section = "Plan2111";

    /// <summary>Home visits one staff member can make in a month; a team's monthly capacity is this times its active staff.</summary>
    public int VisitsPerStaffPerMonth { get; set; } = 40;
}
