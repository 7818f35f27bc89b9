using CareTeams.Domain.Residents;
using CareTeams.Web.Imports;
using ClosedXML.Excel;

namespace CareTeams.Tests.Imports;

/// <summary>Import workbooks as a clerk would fill them in: the real template with rows typed into it.</summary>
internal static class ImportSheets
{
    public static byte[] Filled(IEnumerable<string?[]> rows, IReadOnlyList<string>? villages = null)
    {
        using var workbook = new XLWorkbook(new MemoryStream(ResidentImportSheet.Template(villages ?? ["东村", "西村"])));
        var sheet = workbook.Worksheet(ResidentImportSheet.DataSheetName);
        var r = 2;
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
                if (row[c] is { } text)
                    sheet.Cell(r, c + 1).SetValue(text);
            r++;
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>A valid ID number of region 330122 for a date of birth; an odd sequence is a man, an even one a woman.</summary>
    public static string IdNumber(DateOnly born, int sequence) => ResidentIdNumber.Compose("330122", born, sequence).Value;

    /// <summary>One row: 姓名, 性别, 身份证号, 联系电话, 村/社区, 户主身份证号, 居住状态, 重点人群, 住址.</summary>
    public static string?[] Row(string name, string id, string? village = "东村", string? phone = "13900139000", string? head = null,
        string? sex = null, string? living = "居家", string? tags = null, string? address = null) =>
        [name, sex, id, phone, village, head, living, tags, address];

    public static IReadOnlyList<ResidentImportRow> Read(byte[] workbook) => ResidentImportSheet.Read(new MemoryStream(workbook));
}
