using ClosedXML.Excel;

namespace CareTeams.Web.Documents.Spreadsheets;

/// <summary>
/// Text that came from a user (a name, an address, a note) written into an exported workbook or CSV.
/// Excel, WPS and LibreOffice read a cell that starts with =, +, -, @ (or a tab or line break before
/// one) as a formula — <c>=HYPERLINK("http://evil","x")</c> typed as a name would become a live link
/// in the county's monthly report (CSV/formula injection, OWASP). Every export writes user text
/// through <see cref="SetText"/> (workbooks) or <see cref="Safe"/> (CSV and other plain text), never
/// through <c>cell.Value = text</c>, which ClosedXML may parse.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The quote that tells a spreadsheet "this is text": Excel's own quote prefix.</summary>
    public const char QuotePrefix = '\'';

    /// <summary>
    /// Whether a spreadsheet would read the text as a formula: its first character is = + - @, a tab or a
    /// line break, or the full-width ＝ ＋ － ＠ that Chinese input methods type (WPS reads them too).
    /// </summary>
    public static bool LooksLikeFormula(string? text) =>
        !string.IsNullOrEmpty(text) && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '＝' or '＋' or '－' or '＠';

    /// <summary>
    /// The text as a spreadsheet must receive it: unchanged when harmless, otherwise with the quote
    /// prefix in front (shown by Excel as the text itself, never evaluated). Null becomes "".
    /// </summary>
    public static string Safe(string? text) =>
        text is null ? string.Empty : LooksLikeFormula(text) ? QuotePrefix + text : text;

    /// <summary>
    /// Writes user text into a workbook cell as text, never as a formula or a parsed number or date: the
    /// cell keeps the text exactly and, when it looks like a formula, carries Excel's quote-prefix flag
    /// (the cell-format equivalent of typing a leading apostrophe) so editing it in Excel keeps it text.
    /// </summary>
    public static IXLCell SetText(this IXLCell cell, string? text)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var value = text ?? string.Empty;
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
        cell.Style.IncludeQuotePrefix = LooksLikeFormula(value);
        return cell;
    }
}
