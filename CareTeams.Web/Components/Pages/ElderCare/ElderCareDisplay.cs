using System.Globalization;
using CareTeams.Domain.Elder2111;
using MudBlazor;

namespace CareTeams.Web.Components.Pages.ElderCare;

/// <summary>Display helpers the 2111 pages share (days and rates: <see cref="Contracts.ContractDisplay"/>).</summary>
internal static class ElderCareDisplay
{
    /// <summary>Overdue red, due orange, done green, declined grey, planned and not applicable plain.</summary>
    public static Color StateColor(PlanItemState state) => state switch
    {
        PlanItemState.Overdue => Color.Error,
        PlanItemState.Due => Color.Warning,
        PlanItemState.Done => Color.Success,
        PlanItemState.Declined => Color.Dark,
        _ => Color.Default,
    };

    /// <summary>The page that records an item (the recording forms).</summary>
    public static string RecordHref(int itemId) => $"elder-care/items/{itemId.ToString(CultureInfo.InvariantCulture)}";
}
