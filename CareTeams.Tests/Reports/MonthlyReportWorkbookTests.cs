using ClosedXML.Excel;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Documents.Spreadsheets;
using CareTeams.Web.Reports;
using CareTeams.Web.Security;

namespace CareTeams.Tests.Reports;

/// <summary>
/// The monthly report of October 2026 on the hand-built <see cref="ReportCounty"/>, read back from the
/// saved workbook's cells. The right answers are worked out in each test from the data set's table.
/// </summary>
public sealed class MonthlyReportWorkbookTests(ReportCounty data) : IClassFixture<ReportCounty>
{
    private static readonly ReportMonth October = new(2026, 10);

    private async Task<XLWorkbook> WorkbookAsync(UserScope user, string centre)
    {
        var outcome = await data.Database.Service<MonthlyReportQuery>(user).BuildAsync(centre, October);
        Assert.Equal(ReportAccess.Allowed, outcome.Access);
        return new XLWorkbook(new MemoryStream(MonthlyReportWorkbook.Write(outcome.Report!)));
    }

    private Task<XLWorkbook> CentreWorkbookAsync() => WorkbookAsync(data.County.Manager, "TEST01");

    /// <summary>The data row whose cell in <paramref name="column"/> reads <paramref name="text"/>.</summary>
    private static IXLRow Row(IXLWorksheet sheet, string text, int column = 1) =>
        sheet.RowsUsed().Single(r => r.RowNumber() > MonthlyReportWorkbook.HeaderRow && r.Cell(column).GetString() == text);

    private static int Int(IXLRow row, int column) => row.Cell(column).GetValue<int>();

    private static decimal Number(IXLRow row, int column) => Math.Round(row.Cell(column).GetValue<decimal>(), 6);

    private static decimal Share(int part, int whole) => Math.Round((decimal)part / whole, 6);

    [Fact]
    public async Task The_summary_counts_signed_residents_rate_events_fees_and_fulfilment_of_the_centre()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("汇总");
        var row = Row(sheet, "测试镇卫生院");

        // Month-end population: ten residents of the centre less 周十一 (moved away on 15 Oct); 孙十 died after the month and counts.
        Assert.Equal(9, Int(row, 2));
        // Signed on 31 Oct: 张一, 李二 (signed 23:30 China time that day) and 冯七's renewal; not 王三 (00:30 on 1 Nov),
        // not 吴五 (terminated), not 郑六 (ended 9 Oct), not 冯七's old term (ended 19 Oct).
        Assert.Equal(3, Int(row, 3));
        Assert.Equal(Share(3, 9), Number(row, 4));
        Assert.Equal(1, Int(row, 5)); // new: 李二
        Assert.Equal(1, Int(row, 6)); // renewed: 冯七
        Assert.Equal(1, Int(row, 7)); // terminated: 吴五
        Assert.Equal(1, Int(row, 8)); // expired: 郑六 (冯七's old contract was renewed before its end)
        // Fees of contracts signed in October: 李二 basic + hypertension 87.06 (own 27.06), 冯七 basic + elder 241.00 (own 141.00).
        Assert.Equal(328.06m, Number(row, 9));
        Assert.Equal(168.06m, Number(row, 10));
        // Promised by the contracts signed at month end: 11 + 11 + 9; delivered by 31 Oct: 张一's 10 Oct follow-up and 冯七's exam.
        Assert.Equal(31, Int(row, 11));
        Assert.Equal(2, Int(row, 12));
        Assert.Equal(Share(2, 31), Number(row, 13));

        var total = Row(sheet, "合计");
        Assert.Equal(9, Int(total, 2));
        Assert.Equal(3, Int(total, 3));
    }

    [Fact]
    public async Task The_summary_gives_each_key_population_with_the_ages_taken_on_the_last_day()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("汇总");

        // 65+ on 31 Oct: 张一 (65 that day), 孙十, 冯七 — not 李二 (65 on 1 Nov); signed: 张一, 冯七.
        var elderly = Row(sheet, "老年人");
        Assert.Equal(3, Int(elderly, 2));
        Assert.Equal(2, Int(elderly, 3));
        Assert.Equal(Share(2, 3), Number(elderly, 4));
        // 0–6: 赵八 only (陈九 turns 7 on 31 Oct), not signed.
        var children = Row(sheet, "0–6岁儿童");
        Assert.Equal(1, Int(children, 2));
        Assert.Equal(0, Int(children, 3));
        Assert.Equal(0m, Number(children, 4));
        var hypertension = Row(sheet, "高血压");
        Assert.Equal(2, Int(hypertension, 2));
        Assert.Equal(2, Int(hypertension, 3));
        Assert.Equal(1m, Number(hypertension, 4));
    }

    [Fact]
    public async Task The_team_sheet_splits_the_figures_with_each_team_s_fulfilment_rate()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("团队");
        var a = Row(sheet, "第一团队", 2);
        var b = Row(sheet, "第二团队", 2);

        // Team A: 东村's five at month end, two signed, 李二 new; fees 87.06 / 27.06; 1 of 22 promised delivered.
        Assert.Equal([5, 2, 1, 0, 0, 0], new[] { Int(a, 3), Int(a, 4), Int(a, 6), Int(a, 7), Int(a, 8), Int(a, 9) });
        Assert.Equal(87.06m, Number(a, 10));
        Assert.Equal(27.06m, Number(a, 11));
        Assert.Equal(22, Int(a, 12));
        Assert.Equal(1, Int(a, 13));
        Assert.Equal(Share(1, 22), Number(a, 14));
        // Team B: 西村's four, 冯七 signed; one renewal, one termination, one expiry; 241.00 / 141.00; 1 of 9.
        Assert.Equal([4, 1, 0, 1, 1, 1], new[] { Int(b, 3), Int(b, 4), Int(b, 6), Int(b, 7), Int(b, 8), Int(b, 9) });
        Assert.Equal(241.00m, Number(b, 10));
        Assert.Equal(141.00m, Number(b, 11));
        Assert.Equal(Share(1, 9), Number(b, 14));

        var total = Row(sheet, "合计");
        Assert.Equal(9, Int(total, 3));
        Assert.Equal(Share(2, 31), Number(total, 14));
    }

    [Fact]
    public async Task The_village_sheet_counts_residents_signed_elders_and_events_by_village()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("村居");
        var east = Row(sheet, "东村", 2);
        var west = Row(sheet, "西村", 2);

        // 东村: 5 residents, 2 signed; elders 张一 and 孙十, one signed; new 李二.
        Assert.Equal([5, 2, 2, 1, 1, 0, 0, 0], new[] { Int(east, 3), Int(east, 4), Int(east, 6), Int(east, 7), Int(east, 9), Int(east, 10), Int(east, 11), Int(east, 12) });
        Assert.Equal(Share(2, 5), Number(east, 5));
        Assert.Equal(Share(1, 2), Number(east, 8));
        // 西村: 4 residents, 冯七 signed (and the only elder); renewal, termination, expiry.
        Assert.Equal([4, 1, 1, 1, 0, 1, 1, 1], new[] { Int(west, 3), Int(west, 4), Int(west, 6), Int(west, 7), Int(west, 9), Int(west, 10), Int(west, 11), Int(west, 12) });
        Assert.Equal(9, Int(Row(sheet, "合计"), 3));
    }

    [Fact]
    public async Task The_2111_sheet_counts_each_kind_and_all_four_this_month_and_year_to_date_against_elders_with_a_plan()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("2111");
        var row = Row(sheet, "测试镇卫生院");

        Assert.Equal(2, Int(row, 2)); // 孙十 and 冯七 have 2026 plans
        // Columns per kind: done this month, done year to date, rate.
        // 医养结合: 冯七's first on 12 Oct; year to date 孙十 has both, and 冯七's second became not applicable
        // (no three months left in the year after 12 Oct), so his one is all of it.
        Assert.Equal([1, 2], new[] { Int(row, 3), Int(row, 4) });
        Assert.Equal(1m, Number(row, 5));
        // 体检: 冯七 in Oct; 孙十 (March) and 冯七 year to date.
        Assert.Equal([1, 2], new[] { Int(row, 6), Int(row, 7) });
        Assert.Equal(1m, Number(row, 8));
        // 中医体质辨识: 孙十 on 5 Oct; 冯七's on 3 Nov is after the month.
        Assert.Equal([1, 1], new[] { Int(row, 9), Int(row, 10) });
        // 失能评估: 孙十 on 31 Oct.
        Assert.Equal([1, 1], new[] { Int(row, 12), Int(row, 13) });
        // All four: 孙十 completed them in October.
        Assert.Equal([1, 1], new[] { Int(row, 15), Int(row, 16) });
        Assert.Equal(0.5m, Number(row, 17));
        Assert.Equal("四项全部完成", sheet.Cell(MonthlyReportWorkbook.HeaderRow - 1, 15).GetString());
    }

    [Fact]
    public async Task The_visit_sheet_counts_visits_started_in_the_month_in_China_time_by_kind_and_by_staff_member()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("随访");

        // 张一 at 23:30 on 31 Oct counts; 李二 at 00:30 on 1 Nov and 孙十 at 23:59 on 30 Sep do not.
        var chronic = Row(sheet, VisitKind.ChronicFollowUp.ChineseName(), 2);
        Assert.Equal([1, 1], new[] { Int(chronic, 3), Int(chronic, 4) });
        var plan = Row(sheet, VisitKind.Plan2111.ChineseName(), 2);
        Assert.Equal([2, 1], new[] { Int(plan, 3), Int(plan, 4) });
        Assert.DoesNotContain(sheet.Column(2).CellsUsed(), c => c.GetString() == VisitKind.NursingVisit.ChineseName());
        Assert.Equal(3, Int(Row(sheet, "合计"), 3));

        var doctorB = Row(sheet, "钱医生", 7);
        Assert.Equal("第二团队", doctorB.Cell(8).GetString());
        Assert.Equal([2, 1], new[] { Int(doctorB, 9), Int(doctorB, 10) });
        Assert.Equal([1, 1], new[] { Int(Row(sheet, "王医生", 7), 9), Int(Row(sheet, "王医生", 7), 10) });
        Assert.DoesNotContain(sheet.Column(7).CellsUsed(), c => c.GetString() == "赵护士");
    }

    [Fact]
    public async Task The_home_bed_sheet_has_its_headers_and_zero_figures_until_home_beds_land()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("家庭病床");

        Assert.Equal(["机构", "本月建床", "本月撤床", "月末在床", "撤床床日数"], Enumerable.Range(1, 5).Select(c => sheet.Cell(MonthlyReportWorkbook.HeaderRow, c).GetString()));
        var row = Row(sheet, "测试镇卫生院");
        Assert.Equal([0, 0, 0, 0], Enumerable.Range(2, 4).Select(c => Int(row, c)));
    }

    [Fact]
    public async Task The_referral_sheet_counts_the_month_s_referrals_by_team_and_centre_first_day_00_00_to_last_day_23_59_China_time()
    {
        using var workbook = await CentreWorkbookAsync();
        var sheet = workbook.Worksheet("双向转诊");
        string[] statuses = ["待接收", "已接收", "已到达", "已回转", "已结束", "已拒绝", "已撤销", "已过期"];
        Assert.Equal(["机构", "团队", "上转", "其中绿色通道", "其中紧急", "下转", "转介", "合计", .. statuses, "下转应随访", "14天内已随访", "随访率"],
            Enumerable.Range(1, 19).Select(c => sheet.Cell(MonthlyReportWorkbook.HeaderRow, c).GetString()));
        static int[] Counts(IXLRow row) => Enumerable.Range(3, 16).Select(c => Int(row, c)).ToArray();

        // Team A: 张一's green-channel up-referral at 1 Oct 00:00 (saved in UTC; now returned) and the down-referral answering it (requested,
        // followed up by the 31 Oct visit), 孙十's cancelled transfer; 王三's of 30 Sep 23:59 and 李二's of 1 Nov 00:00 are outside.
        //                   up green urgent down transfer total | requested accepted arrived returned closed declined cancelled expired | to follow, followed
        Assert.Equal(new[] { 1, 1, 0, 1, 1, 3, /**/ 1, 0, 0, 1, 0, 0, 1, 0, /**/ 1, 1 }, Counts(Row(sheet, "第一团队", 2)));
        Assert.Equal(1m, Number(Row(sheet, "第一团队", 2), 19));
        // Team B: 冯七's accepted down-referral of 21 Oct (no visit after it) and urgent up-referral at 31 Oct 23:59 (declined on 1 Nov).
        Assert.Equal(new[] { 1, 0, 1, 1, 0, 2, /**/ 0, 1, 0, 0, 0, 1, 0, 0, /**/ 1, 0 }, Counts(Row(sheet, "第二团队", 2)));
        Assert.Equal(0m, Number(Row(sheet, "第二团队", 2), 19));

        var centre = Row(sheet, "小计", 2);
        Assert.Equal("测试镇卫生院", centre.Cell(1).GetString());
        Assert.Equal(new[] { 2, 1, 1, 2, 1, 5, /**/ 1, 1, 0, 1, 0, 1, 1, 0, /**/ 2, 1 }, Counts(centre));
        Assert.Equal(0.5m, Number(centre, 19));
        var total = Row(sheet, "合计");
        Assert.Equal(Counts(centre), Counts(total));
        Assert.True(total.Cell(1).Style.Font.Bold);
        Assert.Equal(MonthlyReportWorkbook.IntegerFormat, total.Cell(3).Style.NumberFormat.Format);
        Assert.Equal(MonthlyReportWorkbook.PercentFormat, total.Cell(19).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, total.Cell(3).DataType);
    }

    [Fact]
    public async Task The_summary_s_referral_lines_are_the_referral_sheet_s_totals()
    {
        using var workbook = await CentreWorkbookAsync();
        var summary = workbook.Worksheet("汇总");
        var total = Row(workbook.Worksheet("双向转诊"), "合计");

        Assert.Equal([2, 1, 1, 2, 1, 2, 1], new[] { "上转", "其中绿色通道", "其中紧急", "下转", "转介", "下转应随访", "下转14天内已随访" }
            .Select(line => Int(Row(summary, line), 2)));
        Assert.Equal([Int(total, 3), Int(total, 4), Int(total, 5), Int(total, 6), Int(total, 7), Int(total, 17), Int(total, 18)],
            new[] { "上转", "其中绿色通道", "其中紧急", "下转", "转介", "下转应随访", "下转14天内已随访" }.Select(line => Int(Row(summary, line), 2)));
        // The lines come below the key populations, the table above unchanged.
        Assert.True(Row(summary, "上转").RowNumber() > Row(summary, "老年人").RowNumber());
    }

    [Fact]
    public async Task The_county_referral_sheet_has_each_centre_s_teams_and_subtotal_and_the_county_total()
    {
        using var workbook = await WorkbookAsync(data.County.Admin, MonthlyReportQuery.AllCentres);
        var sheet = workbook.Worksheet("双向转诊");
        var subtotals = sheet.RowsUsed().Where(r => r.RowNumber() > MonthlyReportWorkbook.HeaderRow && r.Cell(2).GetString() == "小计")
            .ToDictionary(r => r.Cell(1).GetString(), r => (Up: Int(r, 3), Total: Int(r, 8)));

        Assert.Equal((2, 5), subtotals["测试镇卫生院"]);
        Assert.Equal((1, 1), subtotals["另一镇卫生院"]); // 钱十二's, still requested
        Assert.Equal(1, Int(Row(sheet, "外镇团队", 2), 3));
        Assert.Equal([3, 6], new[] { Int(Row(sheet, "合计"), 3), Int(Row(sheet, "合计"), 8) });
        Assert.Equal(3, Int(Row(workbook.Worksheet("汇总"), "上转"), 2));
    }

    [Fact]
    public async Task The_referral_figures_take_two_statements_one_grouped_whatever_the_number_of_referrals()
    {
        var query = data.Database.Service<MonthlyReportQuery>(data.County.Admin);
        data.Sql.Reset();

        var outcome = await query.BuildAsync(MonthlyReportQuery.AllCentres, October, withResidents: false);

        Assert.Equal(6, outcome.Report!.Total.Referrals.Total);
        var statements = data.Sql.Commands.Where(c => c.Contains("\"Referrals\"", StringComparison.Ordinal)).ToList();
        // Grouped counts, and the down-referrals joined to visits.
        Assert.Equal(2, statements.Count);
        Assert.Contains(statements, c => c.Contains("GROUP BY", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_detail_sheets_list_the_residents_behind_the_counts_with_masked_ID_numbers()
    {
        using var workbook = await CentreWorkbookAsync();
        var changes = workbook.Worksheet("签约变动明细");
        string[] expected = ["新签约 李二", "续约 冯七", "解约 吴五", "到期 郑六"];
        var rows = changes.RowsUsed().Where(r => r.RowNumber() > MonthlyReportWorkbook.HeaderRow && r.Cell(2).GetString().Length > 0)
            .Select(r => r.Cell(1).GetString() + " " + r.Cell(2).GetString()).ToList();
        Assert.Equal(expected, rows);
        var li = Row(changes, "李二", 2);
        Assert.Equal(data.Residents["李二"].MaskedIdNumber, li.Cell(3).GetString());
        Assert.Contains("****", li.Cell(3).GetString());
        Assert.Equal(["女", "东村", "第一团队", "高血压"], new[] { li.Cell(4).GetString(), li.Cell(7).GetString(), li.Cell(8).GetString(), li.Cell(9).GetString() });
        Assert.Equal(64, Int(li, 5));
        Assert.Equal(new DateTime(2026, 10, 31), li.Cell(10).GetDateTime());

        var plans = workbook.Worksheet("2111完成明细");
        var sun = Row(plans, "孙十");
        Assert.Equal("中医体质辨识、失能评估", sun.Cell(9).GetString());
        Assert.Equal(new DateTime(2026, 10, 31), sun.Cell(10).GetDateTime());
        Assert.Equal("第一次医养结合服务、健康体检", Row(plans, "冯七").Cell(9).GetString());
    }

    [Fact]
    public async Task Sheets_headers_frozen_rows_formats_title_and_print_setup_are_as_specified()
    {
        using var workbook = await CentreWorkbookAsync();

        Assert.Equal(MonthlyReportWorkbook.SheetNames, workbook.Worksheets.Select(w => w.Name));
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.Equal(MonthlyReportWorkbook.HeaderRow, sheet.SheetView.SplitRow);
            Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
            Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
            Assert.Equal(1, sheet.PageSetup.PagesWide);
            Assert.StartsWith("测试镇卫生院 2026年10月 家庭医生签约服务月度报表", sheet.Cell(1, 1).GetString());
            Assert.Contains("统计期：2026-10-01 00:00 至 2026-10-31 24:00（北京时间）", sheet.Cell(2, 1).GetString());
            Assert.Contains("生成时间：2026-11-23 09:00", sheet.Cell(2, 1).GetString());
            Assert.True(sheet.Column(1).Width > 5);
        }
        var summary = workbook.Worksheet("汇总");
        Assert.Equal(["机构", "居民数", "签约居民数", "签约率", "新签约(份)", "续约(份)", "解约(份)", "到期(份)", "签约费用(元)", "个人支付(元)", "计划服务次数", "已履约次数", "履约率"],
            Enumerable.Range(1, 13).Select(c => summary.Cell(MonthlyReportWorkbook.HeaderRow, c).GetString()));
        var row = Row(summary, "测试镇卫生院");
        Assert.Equal(MonthlyReportWorkbook.IntegerFormat, row.Cell(2).Style.NumberFormat.Format);
        Assert.Equal(MonthlyReportWorkbook.PercentFormat, row.Cell(4).Style.NumberFormat.Format);
        Assert.Equal(MonthlyReportWorkbook.MoneyFormat, row.Cell(9).Style.NumberFormat.Format);
        Assert.Equal(XLDataType.Number, row.Cell(2).DataType);
        Assert.Equal(["机构", "团队"], new[] { workbook.Worksheet("团队").Cell(4, 1).GetString(), workbook.Worksheet("团队").Cell(4, 2).GetString() });
        Assert.Equal("村/社区", workbook.Worksheet("村居").Cell(4, 2).GetString());
        Assert.True(Row(summary, "合计").Cell(1).Style.Font.Bold);
    }

    [Fact]
    public async Task The_county_report_has_one_row_per_centre_and_their_total()
    {
        using var workbook = await WorkbookAsync(data.County.Admin, MonthlyReportQuery.AllCentres);
        var sheet = workbook.Worksheet("汇总");

        Assert.Equal(9, Int(Row(sheet, "测试镇卫生院"), 2));
        Assert.Equal(1, Int(Row(sheet, "另一镇卫生院"), 2));
        Assert.Equal(0, Int(Row(sheet, "另一镇卫生院"), 3));
        Assert.Equal([10, 3], new[] { Int(Row(sheet, "合计"), 2), Int(Row(sheet, "合计"), 3) });
        Assert.StartsWith("测试县（全县）", sheet.Cell(1, 1).GetString());
    }

    [Fact]
    public async Task Who_may_have_which_report()
    {
        async Task<ReportAccess> AccessAsync(UserScope user, string centre) =>
            (await data.Database.Service<MonthlyReportQuery>(user).BuildAsync(centre, October, withResidents: false)).Access;

        Assert.Equal(ReportAccess.Allowed, await AccessAsync(data.County.Manager, "TEST01"));
        Assert.Equal(ReportAccess.NotFound, await AccessAsync(data.County.Manager, "TEST02"));
        Assert.Equal(ReportAccess.Forbidden, await AccessAsync(data.County.Manager, MonthlyReportQuery.AllCentres));
        Assert.Equal(ReportAccess.Allowed, await AccessAsync(data.County.Admin, "TEST02"));
        Assert.Equal(ReportAccess.Forbidden, await AccessAsync(data.Catalogue.DoctorOfTeamA, "TEST01"));
        Assert.Equal(ReportAccess.Forbidden, await AccessAsync(UserScope.Nobody, "TEST01"));
    }

    [Fact]
    public async Task The_drill_down_lists_the_residents_signed_at_month_end_of_one_team()
    {
        var query = data.Database.Service<MonthlyReportQuery>(data.County.Manager);

        var teamA = await query.ResidentsBehindAsync("TEST01", October, ReportFigure.SignedAtMonthEnd, teamId: data.County.TeamA.Id);
        var all = await query.ResidentsBehindAsync("TEST01", October, ReportFigure.SignedAtMonthEnd);

        Assert.Equal(["张一", "李二"], teamA!.Select(r => r.Name));
        Assert.Equal(["张一", "李二", "冯七"], all!.Select(r => r.Name));
        Assert.Equal(65, teamA![0].Age);
        Assert.Contains("老年人", teamA[0].KeyPopulations);
    }

    [Fact]
    public async Task The_export_command_writes_the_workbook_to_a_file()
    {
        var output = Path.Combine(data.Database.Folder, "report.xlsx");
        var console = new StringWriter();

        var exit = await CareTeams.Web.Jobs.JobRunner.RunAsync(
            ["export-report", "--centre", "TEST01", "--month", "2026-10", "--out", output, $"--ConnectionStrings:Sqlite=Data Source={data.Database.FilePath}"], console);

        Assert.Equal(0, exit);
        using var workbook = new XLWorkbook(output);
        Assert.Equal(3, Int(Row(workbook.Worksheet("汇总"), "测试镇卫生院"), 3));
        Assert.Contains("report.xlsx", console.ToString());
    }
}

/// <summary>Text from users never becomes a formula in the workbook.</summary>
public sealed class SpreadsheetFormulaInjection
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"点我\")")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@x")]
    [InlineData("\t=1+1")]
    public void A_leading_formula_character_is_prefixed_with_an_apostrophe(string text) =>
        Assert.Equal("'" + text, SpreadsheetText.Safe(text));

    [Theory]
    [InlineData("东村", "东村")]
    [InlineData("张三-李四", "张三-李四")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Ordinary_text_is_left_alone(string? text, string expected) => Assert.Equal(expected, SpreadsheetText.Safe(text));

    [Fact]
    public async Task Team_village_and_staff_names_that_look_like_formulas_are_stored_as_text()
    {
        using var database = new TestDatabase();
        var county = SmallCounty.Create(database);
        const string link = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        Team team;
        using (var db = database.Context(UserScope.System))
        {
            team = new Team(db.Centres.Single(c => c.Id == county.Centre.Id), "+1");
            db.Teams.Add(team);
            db.SaveChanges();
            db.Villages.Add(new Village(db.Centres.Single(c => c.Id == county.Centre.Id), link, VillageKind.AdministrativeVillage, team));
            db.SaveChanges();
        }
        var staff = ContractFixtures.AddStaff(database, county.Centre, team, "-1", TeamRole.TeamLeader);
        var resident = county.AddResident(database, county.VillageA, "张三", new DateOnly(1960, 1, 1));
        using (var db = database.Context(UserScope.System))
        {
            var visit = VisitLog.Record(db.Residents.Single(r => r.Id == resident.Id), db.Staff.Single(s => s.Id == staff.Id),
                new VisitDetails(new DateTime(2026, 10, 3, 9, 0, 0), new DateTime(2026, 10, 3, 9, 30, 0), VisitPlace.Home, VisitKind.Other, CareTeams.Domain.Contracts.ServiceKind.HealthGuidance),
                new DateTime(2026, 11, 23, 9, 0, 0));
            db.Visits.Add(visit);
            db.SaveChanges();
        }

        var outcome = await database.Service<MonthlyReportQuery>(county.Manager).BuildAsync("TEST01", new ReportMonth(2026, 10));
        var bytes = MonthlyReportWorkbook.Write(outcome.Report!);

        WorkbookAssert.HasNoFormulaInjection(bytes);
        WorkbookAssert.ShowsAsText(bytes, link);
        WorkbookAssert.ShowsAsText(bytes, "+1");
        WorkbookAssert.ShowsAsText(bytes, "-1");
    }
}

/// <summary>Reading the month the user asks for.</summary>
public sealed class ReportMonthParsing
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void A_month_runs_from_its_first_day_to_its_last_in_China_wall_clock_time()
    {
        Assert.True(ReportMonth.TryParse("2024-02", Today, out var month, out _));
        Assert.Equal(new DateOnly(2024, 2, 29), month.Last);
        Assert.Equal(new DateTime(2024, 3, 1), month.EndsAt);
    }

    [Theory]
    [InlineData("2026-13", "月份格式不正确")]
    [InlineData("202610", "月份格式不正确")]
    [InlineData("", "月份格式不正确")]
    [InlineData("2026-12", "尚未到来")]
    [InlineData("1999-12", "2000")]
    public void A_bad_month_is_refused_in_Chinese(string text, string message)
    {
        Assert.False(ReportMonth.TryParse(text, Today, out _, out var error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void The_current_month_is_allowed() => Assert.True(ReportMonth.TryParse("2026-11", Today, out _, out _));
}
