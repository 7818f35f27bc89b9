using ClosedXML.Excel;
using CareTeams.Web.Documents.Spreadsheets;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// Assertions on an exported workbook (.xlsx), read back with ClosedXML as a user's spreadsheet program
/// would open it. For every export test (the monthly report, the route sheet):
/// <code>
/// var bytes = await response.Content.ReadAsByteArrayAsync();
/// WorkbookAssert.HasNoFormulaInjection(bytes);
/// WorkbookAssert.ShowsAsText(bytes, "=HYPERLINK(\"http://evil\",\"x\")");
/// </code>
/// </summary>
public static class WorkbookAssert
{
    /// <summary>
    /// Every used cell of every sheet: no formula at all (an export writes values), and text that a
    /// spreadsheet would read as a formula (see <see cref="SpreadsheetText.LooksLikeFormula"/>) is
    /// neutralised — the cell carries the quote-prefix flag, or its text starts with the apostrophe.
    /// </summary>
    public static void HasNoFormulaInjection(byte[] workbook)
    {
        using var book = Open(workbook);
        HasNoFormulaInjection(book);
    }

    public static void HasNoFormulaInjection(XLWorkbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var problems = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed(XLCellsUsedOptions.Contents))
            {
                var where = $"{sheet.Name}!{cell.Address}";
                if (cell.HasFormula)
                {
                    problems.Add($"{where} has the formula {cell.FormulaA1}");
                    continue;
                }
                var text = cell.GetString();
                if (SpreadsheetText.LooksLikeFormula(text) && !cell.Style.IncludeQuotePrefix)
                    problems.Add($"{where} holds \"{text}\", which a spreadsheet reads as a formula (no quote prefix)");
            }
        }
        Assert.True(problems.Count == 0, "Formula injection in the workbook: " + string.Join("; ", problems));
    }

    /// <summary>Some cell shows the text exactly as typed (with the quote-prefix flag, or after a leading apostrophe).</summary>
    public static void ShowsAsText(byte[] workbook, string text)
    {
        using var book = Open(workbook);
        ShowsAsText(book, text);
    }

    public static void ShowsAsText(XLWorkbook workbook, string text)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var shown = workbook.Worksheets.SelectMany(s => s.CellsUsed(XLCellsUsedOptions.Contents))
            .Where(c => !c.HasFormula)
            .Select(c => c.GetString())
            .Any(t => t == text || t == SpreadsheetText.QuotePrefix + text);
        Assert.True(shown, $"No cell shows \"{text}\" as text.");
    }

    private static XLWorkbook Open(byte[] workbook) => new(new MemoryStream(workbook));
}
