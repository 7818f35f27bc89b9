using System.Globalization;
using ClosedXML.Excel;
using CareTeams.Domain.Residents;

namespace CareTeams.Web.Imports;

/// <summary>The sheet could not be read at all (wrong file, missing columns); the message is for the user.</summary>
public sealed class ImportSheetException(string message) : InvalidOperationException(message);

/// <summary>
/// The resident import workbook: the template a centre fills in, reading its rows, and the copy of the
/// sheet handed back with a result column per row. ClosedXML 0.95.4: column widths are set by hand
/// (AdjustToContents needs GDI+, which Linux lacks).
/// </summary>
public static class ResidentImportSheet
{
    public const string DataSheetName = "居民名单";
    public const string HelpSheetName = "填写说明";
    public const string ResultHeader = "导入结果";
    public const int MaxRows = 100_000;

    private static readonly double[] Widths = [12, 6, 22, 15, 16, 22, 10, 30, 30];

    /// <summary>The empty template: headers, text-formatted ID and phone columns, drop-downs for sex, living arrangement and the centre's villages.</summary>
    public static byte[] Template(IReadOnlyList<string> villageNames)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(DataSheetName);
        for (var c = 0; c < ResidentImportColumns.All.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.SetValue(ResidentImportColumns.All[c]);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = c < ResidentImportColumns.Required.Count ? XLColor.FromHtml("#DDEBF7") : XLColor.FromHtml("#EDEDED");
            sheet.Column(c + 1).Width = Widths[c];
            // Text, so that Excel keeps all 18 digits of an ID number and the leading digits of a phone number.
            sheet.Column(c + 1).Style.NumberFormat.Format = "@";
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Range($"B2:B{MaxRows + 1}").SetDataValidation().List("\"男,女\"");
        sheet.Range($"G2:G{MaxRows + 1}").SetDataValidation().List("\"居家,机构养老\"");

        var help = workbook.AddWorksheet(HelpSheetName);
        var lines = new List<string>
        {
            "居民批量导入说明",
            "1. 在“居民名单”表中每行填写一位居民，第一行标题不要修改。",
            "2. 必填：姓名、身份证号（18位，末位可为X）、村/社区；18岁及以上居民必须填写联系电话。",
            "3. 性别可不填（按身份证号判定）；填写时须与身份证号一致。",
            "4. 户主身份证号：填写户主本人的身份证号（户主本人也填自己的号码）；户主须是本机构同一村/社区的居民，或在本文件中。",
            "5. 居住状态：居家 或 机构养老（不填按居家）。",
            "6. 重点人群：多项用顿号“、”分隔，可填：" + string.Join("、", KeyPopulations.All.Where(t => (t & KeyPopulations.HandRecorded) != 0).Select(KeyPopulations.ChineseName)) +
                "。“老年人”“0–6岁儿童”按出生日期自动判定，“失能”按能力评估判定，不要填写。",
            "7. 同一文件重复导入不会重复登记：已登记的居民按身份证号匹配，信息有变化的予以更新。",
            "8. 有错误的行不会导入；导入后可下载带“导入结果”列的文件，按说明改正后重新导入。",
            "",
            "本机构的村/社区：",
        };
        lines.AddRange(villageNames);
        for (var i = 0; i < lines.Count; i++)
            help.Cell(i + 1, 1).SetValue(lines[i]);
        help.Cell(1, 1).Style.Font.Bold = true;
        help.Column(1).Width = 110;
        if (villageNames.Count > 0)
        {
            var first = lines.Count - villageNames.Count + 1;
            var list = help.Range(first, 1, lines.Count, 1);
            sheet.Range($"E2:E{MaxRows + 1}").SetDataValidation().List(list);
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>Reads the data rows of the first sheet (or the sheet named <see cref="DataSheetName"/>), every cell as text.</summary>
    public static IReadOnlyList<ResidentImportRow> Read(Stream workbookStream)
    {
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(workbookStream);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ImportSheetException("无法读取该文件：请上传 Excel 工作簿（.xlsx），可先下载导入模板。");
        }
        using (workbook)
        {
            var sheet = workbook.Worksheets.FirstOrDefault(w => w.Name == DataSheetName) ?? workbook.Worksheets.First();
            var columns = HeaderColumns(sheet);
            var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
            if (last - 1 > MaxRows)
                throw new ImportSheetException($"一次最多导入 {MaxRows:N0} 行，该文件有 {last - 1:N0} 行，请分批导入。");
            var rows = new List<ResidentImportRow>(Math.Max(0, last - 1));
            for (var r = 2; r <= last; r++)
            {
                var row = sheet.Row(r);
                string? Cell(string header) => columns.TryGetValue(header, out var c) ? Text(row.Cell(c)) : null;
                var values = ResidentImportColumns.All.Select(Cell).ToArray();
                if (values.All(string.IsNullOrWhiteSpace))
                    continue; // a blank row in the middle is not an error
                rows.Add(new ResidentImportRow(r, values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8]));
            }
            return rows;
        }
    }

    /// <summary>
    /// The uploaded sheet handed back with a result column: 新增 / 更新 / 无变化, or the row's problems.
    /// Rows with problems are shaded so they are easy to find.
    /// </summary>
    public static byte[] WithResults(byte[] original, IReadOnlyDictionary<int, string> resultByRow, ISet<int> failedRows)
    {
        using var workbook = new XLWorkbook(new MemoryStream(original));
        var sheet = workbook.Worksheets.FirstOrDefault(w => w.Name == DataSheetName) ?? workbook.Worksheets.First();
        var lastColumn = sheet.Row(1).LastCellUsed()?.Address.ColumnNumber ?? ResidentImportColumns.All.Count;
        var header = sheet.Row(1).Cells(1, lastColumn).FirstOrDefault(c => c.GetString().Trim() == ResultHeader);
        var resultColumn = header?.Address.ColumnNumber ?? lastColumn + 1;
        var headerCell = sheet.Cell(1, resultColumn);
        headerCell.SetValue(ResultHeader);
        headerCell.Style.Font.Bold = true;
        headerCell.Style.Fill.BackgroundColor = XLColor.FromHtml("#FCE4D6");
        sheet.Column(resultColumn).Width = 60;
        foreach (var (row, text) in resultByRow)
        {
            var cell = sheet.Cell(row, resultColumn);
            cell.SetValue(text);
            cell.Style.Alignment.WrapText = true;
            if (failedRows.Contains(row))
            {
                sheet.Row(row).Style.Fill.BackgroundColor = XLColor.FromHtml("#FFF2CC");
                cell.Style.Font.FontColor = XLColor.FromHtml("#C00000");
            }
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static Dictionary<string, int> HeaderColumns(IXLWorksheet sheet)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = sheet.Row(1);
        var lastColumn = header.LastCellUsed()?.Address.ColumnNumber ?? 0;
        for (var c = 1; c <= lastColumn; c++)
        {
            var title = header.Cell(c).GetString().Trim();
            if (title.Length > 0 && !columns.ContainsKey(title))
                columns[title] = c;
        }
        var missing = ResidentImportColumns.Required.Where(h => !columns.ContainsKey(h)).ToList();
        if (missing.Count > 0)
            throw new ImportSheetException($"第一行缺少以下列标题：{string.Join("、", missing)}。请使用导入模板，不要修改标题行。");
        return columns;
    }

    /// <summary>
    /// A cell as the user typed it. A number is written without exponent or grouping; an ID number that
    /// Excel stored as a number has lost its last digits (double precision), which the ID rules then
    /// refuse with their check-digit message, so the user is told to format the column as text.
    /// </summary>
    private static string? Text(IXLCell cell)
    {
        if (cell.IsEmpty())
            return null;
        if (cell.DataType == XLDataType.Number && cell.TryGetValue(out double number))
        {
            return Math.Abs(number) >= 1e15
                ? number.ToString("F0", CultureInfo.InvariantCulture) + "（Excel 已按数字保存，后几位可能丢失：请把该列设为文本后重新填写）"
                : number.ToString("0.############", CultureInfo.InvariantCulture);
        }
        if (cell.DataType == XLDataType.DateTime && cell.TryGetValue(out DateTime date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return cell.GetString();
    }
}
