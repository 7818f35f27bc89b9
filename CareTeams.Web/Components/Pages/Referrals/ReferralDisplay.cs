using System.Globalization;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.SeedWork;
using MudBlazor;

namespace CareTeams.Web.Components.Pages.Referrals;

/// <summary>Display helpers the referral pages (and the resident page's referral section) share.</summary>
internal static class ReferralDisplay
{
    /// <summary>An instant as China time, to the minute.</summary>
    public static string Time(DateTimeOffset instant) =>
        ChinaTime.LocalTimeOf(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Green channel red, urgent orange, routine plain.</summary>
    public static Color UrgencyColor(ReferralUrgency urgency) => urgency switch
    {
        ReferralUrgency.GreenChannel => Color.Error,
        ReferralUrgency.Urgent => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>Waiting orange, under way blue/green, declined red, the other endings grey.</summary>
    public static Color StatusColor(ReferralStatus status) => status switch
    {
        ReferralStatus.Requested => Color.Warning,
        ReferralStatus.Accepted => Color.Info,
        ReferralStatus.Arrived => Color.Success,
        ReferralStatus.Declined => Color.Error,
        ReferralStatus.Returned => Color.Primary,
        _ => Color.Default,
    };

    public static string Href(int referralId) => "referrals/" + referralId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The new-referral form: for a resident, answering an arrived referral, or blank (a desk user).</summary>
    public static string NewHref(int? residentId = null, int? answers = null) =>
        residentId is { } r ? "referrals/new?residentId=" + r.ToString(CultureInfo.InvariantCulture)
        : answers is { } a ? "referrals/new?answers=" + a.ToString(CultureInfo.InvariantCulture)
        : "referrals/new";
}
