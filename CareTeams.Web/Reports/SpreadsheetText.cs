namespace CareTeams.Web.Reports;

/// <summary>
/// Text from user data made safe for a spreadsheet cell (formula / CSV injection, OWASP): a value
/// starting with = + - @ or a tab or carriage return is prefixed with an apostrophe, so no
/// spreadsheet program ever reads it as a formula, even after the cell is edited or the sheet is
/// saved as CSV. Write every user-supplied text through <see cref="Safe"/> and as a text cell.
/// </summary>
public static class SpreadsheetText
{
    private static readonly char[] Triggers = ['=', '+', '-', '@', '\t', '\r'];

    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return string.Empty;
        var firstVisible = value.TrimStart(' ');
        return firstVisible.Length > 0 && Array.IndexOf(Triggers, firstVisible[0]) >= 0 ? "'" + value : value;
    }
}
