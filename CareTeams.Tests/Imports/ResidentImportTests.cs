using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Imports;
using CareTeams.Web.Security;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using static CareTeams.Tests.Imports.ImportSheets;

namespace CareTeams.Tests.Imports;

/// <summary>The resident import on a real SQLite file: what is stored, what is reported, twice, and when it fails part-way.</summary>
public sealed class ResidentImportTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;

    public ResidentImportTests() => _county = SmallCounty.Create(_database);

    public void Dispose() => _database.Dispose();

    private static readonly string Father = IdNumber(new DateOnly(1950, 3, 1), 11);
    private static readonly string Mother = IdNumber(new DateOnly(1952, 6, 9), 12);
    private static readonly string Son = IdNumber(new DateOnly(1980, 1, 15), 13);
    private static readonly string Neighbour = IdNumber(new DateOnly(1970, 8, 8), 15);

    private Task<ResidentImportResult> ImportAsync(byte[] workbook, UserScope? user = null, string centre = "TEST01",
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _database.Service<ResidentImporter>(user ?? _county.Manager).ImportAsync(centre, workbook, progress, cancellationToken);

    private byte[] Family() => Filled(
    [
        Row("王大山", Father, head: Father, sex: "男", tags: "高血压", address: "东村5号"),
        Row("李秀英", Mother, head: Father, tags: "高血压、2型糖尿病"),
        Row("王小山", Son, head: Father, phone: "13800138000"),
        Row("赵邻居", Neighbour, village: "西村", living: "机构养老"),
    ]);

    [Fact]
    public async Task Valid_rows_are_stored_with_their_villages_teams_tags_and_households()
    {
        var result = await ImportAsync(Family());

        Assert.Equal((4, 4, 0, 0, 0), (result.Rows, result.Added, result.Updated, result.Unchanged, result.FailedRows));
        using var db = _database.Context(UserScope.System);
        var residents = await db.Residents.ToDictionaryAsync(r => r.IdNumber);
        Assert.Equal(4, residents.Count);
        var father = residents[Father];
        Assert.Equal(("王大山", _county.VillageA.Id, _county.TeamA.Id, KeyPopulation.Hypertension, "东村5号"),
            (father.Name, father.VillageId, father.TeamId, father.Tags, father.Address));
        Assert.Equal(_county.TeamB.Id, residents[Neighbour].TeamId);
        Assert.Equal(LivingArrangement.CareInstitution, residents[Neighbour].LivingArrangement);
        Assert.Null(residents[Neighbour].HouseholdId);

        var household = await db.Households.SingleAsync();
        Assert.Equal(father.Id, household.HeadResidentId);
        Assert.Equal("东村5号", household.Address);
        Assert.All([father, residents[Mother], residents[Son]], r => Assert.Equal(household.Id, r.HouseholdId));
        // Every write is audited like a form's.
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Resident) && a.Action == CareTeams.Web.Data.AuditAction.Created));
    }

    [Fact]
    public async Task Invalid_rows_are_left_out_whole_and_reported_by_row_in_the_sheet_handed_back()
    {
        var workbook = Filled(
        [
            Row("王大山", Father, head: Father),
            Row("<script>", IdNumber(new DateOnly(1960, 1, 1), 21), village: "北村"),
            Row("李秀英", Mother, head: Son),   // the head is not in the file or the centre
            Row("=HYPERLINK(\"http://x\",\"点我\")", IdNumber(new DateOnly(1961, 1, 1), 23)),
        ]);

        var result = await ImportAsync(workbook);

        Assert.Equal((4, 1, 3), (result.Rows, result.Added, result.FailedRows));
        Assert.Equal([3, 3, 4, 5], result.Errors.Select(e => e.RowNumber).Order());
        Assert.Contains(result.Errors, e => e.RowNumber == 3 && e.Column == "姓名" && e.Message.Contains("姓名只能包含汉字"));
        Assert.Contains(result.Errors, e => e.RowNumber == 3 && e.Column == "村/社区");
        Assert.Contains(result.Errors, e => e.RowNumber == 4 && e.Message == "户主不在本文件中，也不是本机构已登记的居民。");
        using (var db = _database.Context(UserScope.System))
            Assert.Equal([Father], await db.Residents.Select(r => r.IdNumber).ToListAsync());

        using var handedBack = new XLWorkbook(new MemoryStream(result.ResultWorkbook));
        var sheet = handedBack.Worksheet(ResidentImportSheet.DataSheetName);
        var resultColumn = sheet.Row(1).CellsUsed().Single(c => c.GetString() == ResidentImportSheet.ResultHeader).Address.ColumnNumber;
        Assert.Equal("新增", sheet.Cell(2, resultColumn).GetString());
        Assert.StartsWith("未导入：", sheet.Cell(3, resultColumn).GetString());
        Assert.Contains("【姓名】姓名只能包含汉字", sheet.Cell(3, resultColumn).GetString());
        Assert.Contains("【村/社区】本机构没有名为“北村”的村/社区", sheet.Cell(3, resultColumn).GetString());
        Assert.StartsWith("未导入：【户主身份证号】", sheet.Cell(4, resultColumn).GetString());
        // What the clerk typed stays as typed; nothing becomes a formula.
        Assert.Equal("<script>", sheet.Cell(3, 1).GetString());
        Assert.False(sheet.Cell(5, 1).HasFormula);
        Assert.False(sheet.Cell(5, resultColumn).HasFormula);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing_and_a_changed_row_is_an_update()
    {
        await ImportAsync(Family());
        var again = await ImportAsync(Family());
        Assert.Equal((0, 0, 4), (again.Added, again.Updated, again.Unchanged));

        var changed = Filled(
        [
            Row("王大山", Father, head: Father, sex: "男", tags: "高血压", address: "东村5号"),
            Row("李秀英", Mother, head: Father, tags: "高血压、2型糖尿病", phone: "13700137000"),
            Row("王小山", Son, phone: "13800138000", village: "西村"),   // moved to another village: leaves the household
        ]);
        var update = await ImportAsync(changed);

        Assert.Equal((0, 2, 1), (update.Added, update.Updated, update.Unchanged));
        Assert.Contains(update.Updates, u => u.Contains("李秀英") && u.Contains("联系电话"));
        using var db = _database.Context(UserScope.System);
        Assert.Equal(4, await db.Residents.CountAsync());
        Assert.Equal("13700137000", (await db.Residents.SingleAsync(r => r.IdNumber == Mother)).Phone);
        var son = await db.Residents.SingleAsync(r => r.IdNumber == Son);
        Assert.Equal((_county.VillageB.Id, _county.TeamB.Id, (int?)null), (son.VillageId, son.TeamId, son.HouseholdId));
    }

    [Fact]
    public async Task A_failure_part_way_leaves_the_database_as_it_was()
    {
        var rows = Enumerable.Range(1, ResidentImporter.BatchSize + 100)
            .Select(i => Row($"居民{(char)('甲' + i % 50)}{(char)('乙' + i / 50)}", IdNumber(new DateOnly(1960, 1, 1).AddDays(i / 400), i % 400 + 1)))
            .ToList();
        using var cancel = new CancellationTokenSource();
        var progress = new Inline(p => { if (p.Phase == "写入居民" && p.Done > 0) cancel.Cancel(); });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(Filled(rows), progress: progress, cancellationToken: cancel.Token));

        using var db = _database.Context(UserScope.System);
        Assert.Equal(0, await db.Residents.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Resident)));
    }

    [Fact]
    public async Task Only_managers_import_and_only_into_their_own_centre_and_an_ID_of_another_centre_is_refused()
    {
        await Assert.ThrowsAsync<DomainException>(() => ImportAsync(Family(), _county.NurseOfTeamA));
        await Assert.ThrowsAsync<DomainException>(() => ImportAsync(Family(), _county.OtherCentreManager));
        _county.AddResident(_database, _county.OtherCentreVillage, "外镇居民", new DateOnly(1950, 3, 1), Sex.Male);
        using (var db = _database.Context(UserScope.System))
        {
            var taken = await db.Residents.Select(r => r.IdNumber).SingleAsync();
            var result = await ImportAsync(Filled([Row("王大山", taken)]));
            Assert.Equal(0, result.Added);
            Assert.Contains("已在本县其他机构登记", Assert.Single(result.Errors).Message);
        }
    }

    [Fact]
    public async Task A_sheet_without_the_template_s_columns_is_refused_with_the_missing_headers()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Sheet1");
        sheet.Cell(1, 1).SetValue("姓名");
        sheet.Cell(1, 2).SetValue("身份证");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var e = await Assert.ThrowsAsync<ImportSheetException>(() => ImportAsync(stream.ToArray()));
        Assert.Contains("缺少以下列标题：性别、身份证号、联系电话、村/社区、户主身份证号、居住状态、重点人群", e.Message);
        await Assert.ThrowsAsync<ImportSheetException>(() => ImportAsync([1, 2, 3]));
    }

    [Fact]
    public async Task The_template_offers_the_centre_s_villages_and_keeps_ID_numbers_as_text()
    {
        var template = await _database.Service<ResidentImporter>(_county.Manager).TemplateAsync("TEST01");

        using var workbook = new XLWorkbook(new MemoryStream(template!));
        var sheet = workbook.Worksheet(ResidentImportSheet.DataSheetName);
        Assert.Equal(ResidentImportColumns.All, Enumerable.Range(1, 9).Select(c => sheet.Cell(1, c).GetString()));
        Assert.Equal("@", sheet.Column(3).Style.NumberFormat.Format);
        var help = string.Join("\n", workbook.Worksheet(ResidentImportSheet.HelpSheetName).CellsUsed().Select(c => c.GetString()));
        Assert.Contains("东村", help);
        Assert.Contains("西村", help);
        Assert.DoesNotContain("外镇村", help);
        Assert.Null(await _database.Service<ResidentImporter>(_county.OtherCentreManager).TemplateAsync("TEST01"));
    }

    private sealed class Inline(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
