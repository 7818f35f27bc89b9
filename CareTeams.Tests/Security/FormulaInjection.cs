using ClosedXML.Excel;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Documents.Spreadsheets;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Xunit.Sdk;

namespace CareTeams.Tests.Security;

/// <summary>
/// A formula typed where a name or an address goes must never become a formula in an exported workbook.
/// No export exists yet (the monthly report comes later): these tests hold the one way every export
/// writes user text (<see cref="SpreadsheetText"/>) and the assertion its tests use (<see cref="WorkbookAssert"/>).
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed class FormulaInjection : IDisposable
{
    public static readonly IReadOnlyList<string> Payloads =
    [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+cmd",
        "-1+1",
        "@SUM(1)",
        "=cmd|' /C calc'!A0",
        "\t=1+1",
        "＝1+1",
    ];

    public static TheoryData<string> PayloadRows => new(Payloads);

    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;

    public FormulaInjection() => _county = SmallCounty.Create(_database);

    public void Dispose() => _database.Dispose();

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    [Theory]
    [MemberData(nameof(PayloadRows))]
    public void Safe_puts_the_quote_prefix_before_text_a_spreadsheet_would_read_as_a_formula(string payload) =>
        Assert.Equal("'" + payload, SpreadsheetText.Safe(payload));

    [Theory]
    [InlineData("张三", "张三")]
    [InlineData("东村1号", "东村1号")]
    [InlineData("0571-88886666", "0571-88886666")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Safe_leaves_harmless_text_alone(string? text, string expected) =>
        Assert.Equal(expected, SpreadsheetText.Safe(text));

    [Fact]
    public async Task A_formula_in_a_name_is_refused_by_the_form_and_in_an_address_is_written_as_text_in_a_workbook()
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        var sequence = 100;
        foreach (var payload in Payloads)
        {
            await SecurityTally.AttemptAsync(SecurityTally.Formula, $"居民表单姓名：{payload}", async () =>
            {
                var refused = await residents.RegisterAsync(ResidentInputs.Valid(payload, new DateOnly(1960, 1, 1), Sex.Male, ++sequence), _county.VillageA.Id);
                Assert.False(refused.Succeeded);
            });

            // An address takes such text (it is only text): a future export must write it safely.
            var saved = await residents.RegisterAsync(
                ResidentInputs.Valid("王五", new DateOnly(1960, 1, 1), Sex.Male, ++sequence, address: payload), _county.VillageA.Id);
            Assert.True(saved.Succeeded, saved.Summary);
            var row = await residents.GetAsync(saved.Id!.Value) ?? throw new InvalidOperationException("not found");
            await SecurityTally.AttemptAsync(SecurityTally.Formula, $"工作簿单元格（地址）：{payload}", () =>
            {
                using var workbook = new XLWorkbook();
                var sheet = workbook.AddWorksheet("居民");
                sheet.Cell(1, 1).SetText("姓名");
                sheet.Cell(1, 2).SetText("住址");
                sheet.Cell(2, 1).SetText(row.Name);
                sheet.Cell(2, 2).SetText(row.Address);
                var bytes = Save(workbook);

                WorkbookAssert.HasNoFormulaInjection(bytes);
                WorkbookAssert.ShowsAsText(bytes, payload.Trim());
                return Task.CompletedTask;
            });
        }
    }

    [Fact]
    public void SetText_keeps_numbers_dates_and_leading_zeros_as_the_text_typed()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("a");
        sheet.Cell(1, 1).SetText("013800138000");
        sheet.Cell(2, 1).SetText("2026-01-01");
        sheet.Cell(3, 1).SetText(null);
        using var read = new XLWorkbook(new MemoryStream(Save(workbook)));

        Assert.Equal("013800138000", read.Worksheet(1).Cell(1, 1).GetString());
        Assert.Equal(XLDataType.Text, read.Worksheet(1).Cell(1, 1).DataType);
        Assert.Equal("2026-01-01", read.Worksheet(1).Cell(2, 1).GetString());
        Assert.Equal(string.Empty, read.Worksheet(1).Cell(3, 1).GetString());
    }

    [Fact]
    public void The_workbook_assertion_catches_a_formula_and_unprefixed_formula_text()
    {
        using var withFormula = new XLWorkbook();
        withFormula.AddWorksheet("a").Cell(1, 1).FormulaA1 = "HYPERLINK(\"http://evil\",\"x\")";
        Assert.Throws<TrueException>(() => WorkbookAssert.HasNoFormulaInjection(Save(withFormula)));

        using var withText = new XLWorkbook();
        withText.AddWorksheet("a").Cell(1, 1).SetValue("=HYPERLINK(\"http://evil\",\"x\")");
        Assert.Throws<TrueException>(() => WorkbookAssert.HasNoFormulaInjection(Save(withText)));

        using var neutralised = new XLWorkbook();
        var sheet = neutralised.AddWorksheet("a");
        sheet.Cell(1, 1).SetValue(SpreadsheetText.Safe("=1+1"));
        sheet.Cell(2, 1).SetText("=1+1");
        var bytes = Save(neutralised);
        WorkbookAssert.HasNoFormulaInjection(bytes);
        WorkbookAssert.ShowsAsText(bytes, "=1+1");
    }
}
