using System.Globalization;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Services;
using MudBlazor;

namespace CareTeams.Web.Components.Pages.Contracts;

/// <summary>Small display helpers the contract pages and dialogs share.</summary>
internal static class ContractDisplay
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "—";

    /// <summary>A rate (0–1) as a percentage with one decimal: 0.3 → "30.0%".</summary>
    public static string Percent(decimal rate) => (rate * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static Color StatusColor(ContractStatus status) => status switch
    {
        ContractStatus.Signed => Color.Success,
        ContractStatus.Renewed => Color.Info,
        ContractStatus.Terminated => Color.Error,
        ContractStatus.Expired => Color.Warning,
        _ => Color.Default,
    };

    public static DateTime? ToPicker(DateOnly? day) => day?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? FromPicker(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    /// <summary>The message for one field of a save result, if any.</summary>
    public static string? FieldError(SaveResult? result, string field) =>
        result?.Errors.Where(e => e.Field == field).Select(e => e.Message).FirstOrDefault();

    /// <summary>The messages for no field or for a field the form does not show, joined for an alert.</summary>
    public static string? OtherErrors(SaveResult? result, Func<string, bool> shown)
    {
        if (result is null || result.Succeeded)
            return null;
        var rest = result.Errors.Where(e => !shown(e.Field)).Select(e => e.Message).ToList();
        return rest.Count == 0 ? null : string.Join(" ", rest);
    }

    /// <summary>A money amount typed as yuan, shown to the fen (never throws on a bad value).</summary>
    public static string Yuan(decimal amount) =>
        amount < 0 ? "-¥" + (-amount).ToString("#,##0.00", CultureInfo.InvariantCulture) : "¥" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
