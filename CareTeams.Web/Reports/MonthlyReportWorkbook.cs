using System.Globalization;
using ClosedXML.Excel;
using CareTeams.Web.Documents.Spreadsheets;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Web.Reports;

/// <summary>
/// Writes a <see cref="MonthlyReport"/> as an Excel workbook (ClosedXML): 汇总, 团队, 村居, 2111, 家庭病床,
/// 随访, 双向转诊 and the detail sheets, each with a title row (scope, month, when made), a frozen header, number and
/// percentage formats, a totals row, A4 landscape fitted to one page wide, and explicit column widths
/// (ClosedXML 0.95.4's AdjustToContents needs GDI+ and fails on Linux). Text from user data goes
/// through <see cref="SpreadsheetText.SetText"/> and is stored as text.
/// </summary>
public static class MonthlyReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string IntegerFormat = "#,##0";
    public const string MoneyFormat = "#,##0.00";
    public const string PercentFormat = "0.0%";

    /// <summary>The header row of every table sheet (rows 1–2 are the title, row 3 is blank); rows up to it are frozen.</summary>
    public const int HeaderRow = 4;

    public static readonly IReadOnlyList<string> SheetNames = ["汇总", "团队", "村居", "2111", "家庭病床", "随访", "双向转诊", "签约变动明细", "2111完成明细"];

    /// <summary>The download's file name: 月度报表-{centre}-{yyyy-MM}.xlsx.</summary>
    public static string FileName(MonthlyReport report) => $"家庭医生签约月度报表-{report.ScopeName}-{report.Month.Text}.xlsx";

    public static byte[] Write(MonthlyReport report)
    {
        using var workbook = new XLWorkbook();
        Summary(workbook.AddWorksheet(SheetNames[0]), report);
        Teams(workbook.AddWorksheet(SheetNames[1]), report);
        Villages(workbook.AddWorksheet(SheetNames[2]), report);
        Plan2111(workbook.AddWorksheet(SheetNames[3]), report);
        HomeBeds(workbook.AddWorksheet(SheetNames[4]), report);
        Visits(workbook.AddWorksheet(SheetNames[5]), report);
        Referrals(workbook.AddWorksheet(SheetNames[6]), report);
        ContractDetails(workbook.AddWorksheet(SheetNames[7]), report);
        Plan2111Details(workbook.AddWorksheet(SheetNames[8]), report);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static readonly string[] SigningHeaders = ["居民数", "签约居民数", "签约率", "新签约(份)", "续约(份)", "解约(份)", "到期(份)", "签约费用(元)", "个人支付(元)"];

    private static void Summary(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers = ["机构", .. SigningHeaders, "计划服务次数", "已履约次数", "履约率"];
        var row = Start(sheet, report, "家庭医生签约服务月度汇总", headers);
        foreach (var centre in report.Centres)
            SigningRow(sheet, row++, [centre.Name], centre.Figures, withFulfilment: true);
        SigningRow(sheet, row, ["合计"], report.Total, withFulfilment: true);
        Total(sheet, row, headers.Length);

        // The key populations of the whole scope, below.
        row += 2;
        Text(sheet.Cell(row, 1), "重点人群签约（月末）").Style.Font.SetBold();
        row++;
        string[] tagHeaders = ["重点人群", "人数", "签约人数", "签约率"];
        Header(sheet, row, tagHeaders);
        row++;
        foreach (var tag in report.Total.KeyPopulations)
        {
            Text(sheet.Cell(row, 1), tag.Name);
            Integer(sheet.Cell(row, 2), tag.Population);
            Integer(sheet.Cell(row, 3), tag.Signed);
            Percent(sheet.Cell(row, 4), tag.Rate);
            row++;
        }

        // The referrals of the whole scope, below (per centre and team on the 双向转诊 sheet).
        row++;
        var referrals = report.Total.Referrals;
        Text(sheet.Cell(row, 1), "双向转诊（本月申请）").Style.Font.SetBold();
        row++;
        Header(sheet, row, ["项目", "例数"]);
        row++;
        foreach (var (name, count) in ReferralSummaryLines(referrals))
        {
            Text(sheet.Cell(row, 1), name);
            Integer(sheet.Cell(row, 2), count);
            row++;
        }
        Widths(sheet, [22, 10, 11, 9, 10, 9, 9, 9, 13, 13, 12, 11, 9]);
        Finish(sheet, headers.Length);
    }

    private static void Teams(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers = ["机构", "团队", .. SigningHeaders, "计划服务次数", "已履约次数", "履约率"];
        var row = Start(sheet, report, "按团队", headers);
        foreach (var team in report.Teams)
            SigningRow(sheet, row++, [team.CentreName, team.Name], team.Figures, withFulfilment: true);
        SigningRow(sheet, row, ["合计", ""], MonthlyReportFigures.Sum(report.Teams.Select(t => t.Figures)), withFulfilment: true);
        Total(sheet, row, headers.Length);
        Widths(sheet, [20, 18, 10, 11, 9, 10, 9, 9, 9, 13, 13, 12, 11, 9]);
        Finish(sheet, headers.Length);
    }

    private static void Villages(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers = ["机构", "村/社区", "居民数", "签约居民数", "签约率", "65岁及以上老年人", "老年人签约", "老年人签约率", "新签约(份)", "续约(份)", "解约(份)", "到期(份)"];
        var row = Start(sheet, report, "按村/社区", headers);
        void Write(int r, string centre, string village, MonthlyReportFigures f)
        {
            var elderly = f.KeyPopulations.Single(k => k.Tag == KeyPopulation.Elderly65);
            Text(sheet.Cell(r, 1), centre);
            Text(sheet.Cell(r, 2), village);
            Integer(sheet.Cell(r, 3), f.Population);
            Integer(sheet.Cell(r, 4), f.Signed);
            Percent(sheet.Cell(r, 5), f.SigningRate);
            Integer(sheet.Cell(r, 6), elderly.Population);
            Integer(sheet.Cell(r, 7), elderly.Signed);
            Percent(sheet.Cell(r, 8), elderly.Rate);
            Integer(sheet.Cell(r, 9), f.New);
            Integer(sheet.Cell(r, 10), f.Renewed);
            Integer(sheet.Cell(r, 11), f.Terminated);
            Integer(sheet.Cell(r, 12), f.Expired);
        }
        foreach (var village in report.Villages)
            Write(row++, village.CentreName, village.Name, village.Figures);
        Write(row, "合计", "", MonthlyReportFigures.Sum(report.Villages.Select(v => v.Figures)));
        Total(sheet, row, headers.Length);
        Widths(sheet, [20, 16, 10, 11, 9, 14, 11, 12, 10, 9, 9, 9]);
        Finish(sheet, headers.Length);
    }

    private static void Plan2111(IXLWorksheet sheet, MonthlyReport report)
    {
        var kinds = report.Plan2111Total.Kinds.Select(k => k.Name).ToList();
        string[] headers = ["机构", "有计划老年人数", .. kinds.SelectMany(_ => new[] { "本月完成(人)", "年内累计完成(人)", "完成率" })];
        var row = Start(sheet, report, "“2111”健康管理", headers);
        // The kind above its three columns, in the row over the header.
        for (var k = 0; k < kinds.Count; k++)
        {
            var range = sheet.Range(HeaderRow - 1, 3 + (k * 3), HeaderRow - 1, 5 + (k * 3)).Merge();
            Text(range.FirstCell(), kinds[k]);
            range.Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"));
        }
        void Write(int r, Plan2111Row plan)
        {
            Text(sheet.Cell(r, 1), plan.CentreName);
            Integer(sheet.Cell(r, 2), plan.Elders);
            for (var k = 0; k < plan.Kinds.Count; k++)
            {
                Integer(sheet.Cell(r, 3 + (k * 3)), plan.Kinds[k].DoneInMonth);
                Integer(sheet.Cell(r, 4 + (k * 3)), plan.Kinds[k].DoneYearToDate);
                Percent(sheet.Cell(r, 5 + (k * 3)), plan.Kinds[k].Rate);
            }
        }
        foreach (var centre in report.Plan2111)
            Write(row++, centre);
        Write(row, report.Plan2111Total);
        Total(sheet, row, headers.Length);
        Text(sheet.Cell(row + 2, 1), "完成率 = 年内累计完成该项（四项）的老年人 ÷ 有“2111”计划的老年人；医养结合服务须完成全年两次（第二次不适用时为一次）。");
        Widths(sheet, [20, 14, .. kinds.SelectMany(_ => new double[] { 11, 14, 9 })]);
        Finish(sheet, headers.Length);
    }

    private static void HomeBeds(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers = ["机构", "本月建床", "本月撤床", "月末在床", "撤床床日数"];
        var row = Start(sheet, report, "家庭病床", headers);
        foreach (var bed in report.HomeBeds)
        {
            Text(sheet.Cell(row, 1), bed.CentreName);
            Integer(sheet.Cell(row, 2), bed.Opened);
            Integer(sheet.Cell(row, 3), bed.Closed);
            Integer(sheet.Cell(row, 4), bed.OpenAtMonthEnd);
            Integer(sheet.Cell(row, 5), bed.BedDays);
            row++;
        }
        Text(sheet.Cell(row, 1), "合计");
        Integer(sheet.Cell(row, 2), report.HomeBeds.Sum(b => b.Opened));
        Integer(sheet.Cell(row, 3), report.HomeBeds.Sum(b => b.Closed));
        Integer(sheet.Cell(row, 4), report.HomeBeds.Sum(b => b.OpenAtMonthEnd));
        Integer(sheet.Cell(row, 5), report.HomeBeds.Sum(b => b.BedDays));
        Total(sheet, row, headers.Length);
        Widths(sheet, [20, 11, 11, 11, 12]);
        Finish(sheet, headers.Length);
    }

    private static void Visits(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] kindHeaders = ["机构", "服务类型", "随访次数", "服务居民数"];
        string[] staffHeaders = ["机构", "人员", "团队", "随访次数", "服务居民数"];
        const int staffColumn = 6;
        var row = Start(sheet, report, "随访（上门服务）", kindHeaders);
        Header(sheet, HeaderRow, staffHeaders, staffColumn);
        Text(sheet.Cell(HeaderRow - 1, 1), "按服务类型").Style.Font.SetBold();
        Text(sheet.Cell(HeaderRow - 1, staffColumn), "按人员").Style.Font.SetBold();
        var kindRow = row;
        foreach (var kind in report.VisitsByKind)
        {
            Text(sheet.Cell(kindRow, 1), kind.CentreName);
            Text(sheet.Cell(kindRow, 2), kind.KindName);
            Integer(sheet.Cell(kindRow, 3), kind.Visits);
            Integer(sheet.Cell(kindRow, 4), kind.Residents);
            kindRow++;
        }
        Text(sheet.Cell(kindRow, 1), "合计");
        Integer(sheet.Cell(kindRow, 3), report.VisitsByKind.Sum(k => k.Visits));
        Total(sheet, kindRow, kindHeaders.Length);
        var staffRow = row;
        foreach (var staff in report.VisitsByStaff)
        {
            Text(sheet.Cell(staffRow, staffColumn), staff.CentreName);
            Text(sheet.Cell(staffRow, staffColumn + 1), staff.StaffName);
            Text(sheet.Cell(staffRow, staffColumn + 2), staff.TeamName);
            Integer(sheet.Cell(staffRow, staffColumn + 3), staff.Visits);
            Integer(sheet.Cell(staffRow, staffColumn + 4), staff.Residents);
            staffRow++;
        }
        Text(sheet.Cell(staffRow, staffColumn), "合计");
        Integer(sheet.Cell(staffRow, staffColumn + 3), report.VisitsByStaff.Sum(s => s.Visits));
        Total(sheet, staffRow, staffHeaders.Length, staffColumn);
        Text(sheet.Cell(Math.Max(kindRow, staffRow) + 2, 1), "随访次数按记录计；服务居民数为不同居民人数（同一居民多次随访计一人）。");
        Widths(sheet, [20, 14, 10, 11, 3, 20, 12, 16, 10, 11]);
        Finish(sheet, staffColumn + staffHeaders.Length - 1);
    }

    /// <summary>The 汇总 sheet's referral lines: the scope's totals, as the 双向转诊 sheet's 合计 row.</summary>
    public static IReadOnlyList<(string Name, int Count)> ReferralSummaryLines(ReferralFigures f) =>
    [
        ("上转", f.Up), ("其中绿色通道", f.UpGreenChannel), ("其中紧急", f.UpUrgent), ("下转", f.Down), ("转介", f.Transfer),
        ("下转应随访", f.DownToFollowUp), ("下转14天内已随访", f.DownFollowedUp),
    ];

    private static void Referrals(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers =
        [
            "机构", "团队", "上转", "其中绿色通道", "其中紧急", "下转", "转介", "合计",
            .. ReferralFigures.Statuses.Select(s => s.ChineseName()), "下转应随访", "14天内已随访", "随访率",
        ];
        var row = Start(sheet, report, "双向转诊", headers);
        void Write(int r, string centre, string team, ReferralFigures f)
        {
            var c = 1;
            Text(sheet.Cell(r, c++), centre);
            Text(sheet.Cell(r, c++), team);
            foreach (var count in new[] { f.Up, f.UpGreenChannel, f.UpUrgent, f.Down, f.Transfer, f.Total })
                Integer(sheet.Cell(r, c++), count);
            foreach (var count in f.ByStatus)
                Integer(sheet.Cell(r, c++), count);
            Integer(sheet.Cell(r, c++), f.DownToFollowUp);
            Integer(sheet.Cell(r, c++), f.DownFollowedUp);
            Percent(sheet.Cell(r, c), f.FollowUpRate);
        }
        // Each centre's teams, then the centre's subtotal; the total last.
        foreach (var centre in report.Centres)
        {
            foreach (var team in report.Teams.Where(t => t.CentreName == centre.Name))
                Write(row++, centre.Name, team.Name, team.Figures.Referrals);
            Write(row, centre.Name, "小计", centre.Figures.Referrals);
            sheet.Range(row, 1, row, headers.Length).Style.Font.SetBold();
            row++;
        }
        Write(row, "合计", "", report.Total.Referrals);
        Total(sheet, row, headers.Length);
        Text(sheet.Cell(row + 2, 1), "按申请时间统计本月的转诊（北京时间），按居民所属机构和团队归属；状态为生成报表时的当前状态。"
            + "下转应随访 = 未被拒绝、撤销或过期的下转；14天内已随访 = 申请后至申请日起第 14 天内有该居民的随访记录。");
        Widths(sheet, [20, 16, 8, 12, 9, 8, 8, 8, .. ReferralFigures.Statuses.Select(_ => 8.0), 11, 12, 9]);
        Finish(sheet, headers.Length);
    }

    private static readonly string[] ResidentHeaders = ["姓名", "身份证号", "性别", "年龄", "机构", "村/社区", "团队", "重点人群"];

    private static void ContractDetails(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers = ["类别", .. ResidentHeaders, "日期"];
        var row = Start(sheet, report, "签约变动明细（新签约、续约、解约、到期）", headers);
        foreach (var resident in report.Residents.Where(r => r.Figure != ReportFigure.Plan2111DoneInMonth))
        {
            Text(sheet.Cell(row, 1), resident.Figure.ChineseName());
            ResidentCells(sheet, row, 2, resident);
            Date(sheet.Cell(row, 10), resident.On);
            row++;
        }
        DetailEnd(sheet, report, row, headers.Length);
        Widths(sheet, [10, 10, 21, 6, 6, 18, 14, 16, 24, 12]);
        Finish(sheet, headers.Length);
    }

    private static void Plan2111Details(IXLWorksheet sheet, MonthlyReport report)
    {
        string[] headers = [.. ResidentHeaders, "本月完成项目", "最近完成日期"];
        var row = Start(sheet, report, "“2111”本月完成明细", headers);
        foreach (var resident in report.Residents.Where(r => r.Figure == ReportFigure.Plan2111DoneInMonth))
        {
            ResidentCells(sheet, row, 1, resident);
            Text(sheet.Cell(row, 9), resident.Detail);
            Date(sheet.Cell(row, 10), resident.On);
            row++;
        }
        DetailEnd(sheet, report, row, headers.Length);
        Widths(sheet, [10, 21, 6, 6, 18, 14, 16, 24, 40, 12]);
        Finish(sheet, headers.Length);
    }

    private static void ResidentCells(IXLWorksheet sheet, int row, int column, ReportResident resident)
    {
        Text(sheet.Cell(row, column), resident.Name);
        Text(sheet.Cell(row, column + 1), resident.MaskedIdNumber);
        Text(sheet.Cell(row, column + 2), resident.Sex.ChineseName());
        Integer(sheet.Cell(row, column + 3), resident.Age);
        Text(sheet.Cell(row, column + 4), resident.CentreName);
        Text(sheet.Cell(row, column + 5), resident.VillageName);
        Text(sheet.Cell(row, column + 6), resident.TeamName);
        Text(sheet.Cell(row, column + 7), resident.KeyPopulations);
    }

    private static void DetailEnd(IXLWorksheet sheet, MonthlyReport report, int row, int columns)
    {
        var count = row - HeaderRow - 1;
        Text(sheet.Cell(row, 1), report.ResidentsTruncated ? $"共 {count:N0} 人（明细超过 {MonthlyReportQuery.DetailLimit:N0} 行，已截断）" : $"共 {count:N0} 人");
        Total(sheet, row, columns);
    }

    /// <summary>Title (row 1), period and time made (row 2), the header (row 4); returns the first data row.</summary>
    private static int Start(IXLWorksheet sheet, MonthlyReport report, string title, IReadOnlyList<string> headers)
    {
        var width = Math.Max(headers.Count, 6);
        var titleRange = sheet.Range(1, 1, 1, width).Merge();
        Text(titleRange.FirstCell(), $"{report.ScopeName} {report.Month.ChineseText} 家庭医生签约服务月度报表 · {title}");
        titleRange.Style.Font.SetBold().Font.SetFontSize(14);
        var made = ChinaTime.LocalTimeOf(report.MadeAt);
        var subtitle = sheet.Range(2, 1, 2, width).Merge();
        Text(subtitle.FirstCell(), string.Create(CultureInfo.InvariantCulture,
            $"统计期：{report.Month.First:yyyy-MM-dd} 00:00 至 {report.Month.Last:yyyy-MM-dd} 24:00（北京时间）　生成时间：{made:yyyy-MM-dd HH:mm}"));
        subtitle.Style.Font.SetFontColor(XLColor.FromHtml("#595959"));
        Header(sheet, HeaderRow, headers);
        return HeaderRow + 1;
    }

    private static void Header(IXLWorksheet sheet, int row, IReadOnlyList<string> headers, int column = 1)
    {
        for (var i = 0; i < headers.Count; i++)
            Text(sheet.Cell(row, column + i), headers[i]);
        var range = sheet.Range(row, column, row, column + headers.Count - 1);
        range.Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#DDEBF7"))
            .Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetWrapText(true)
            .Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
    }

    private static void SigningRow(IXLWorksheet sheet, int row, IReadOnlyList<string> names, MonthlyReportFigures f, bool withFulfilment)
    {
        var c = 1;
        foreach (var name in names)
            Text(sheet.Cell(row, c++), name);
        Integer(sheet.Cell(row, c++), f.Population);
        Integer(sheet.Cell(row, c++), f.Signed);
        Percent(sheet.Cell(row, c++), f.SigningRate);
        Integer(sheet.Cell(row, c++), f.New);
        Integer(sheet.Cell(row, c++), f.Renewed);
        Integer(sheet.Cell(row, c++), f.Terminated);
        Integer(sheet.Cell(row, c++), f.Expired);
        Money(sheet.Cell(row, c++), f.Fees);
        Money(sheet.Cell(row, c++), f.OwnPayments);
        if (!withFulfilment)
            return;
        Integer(sheet.Cell(row, c++), f.Promised);
        Integer(sheet.Cell(row, c++), f.Delivered);
        Percent(sheet.Cell(row, c), f.FulfilmentRate);
    }

    private static void Total(IXLWorksheet sheet, int row, int columns, int column = 1)
    {
        var range = sheet.Range(row, column, row, column + columns - 1);
        range.Style.Font.SetBold().Border.SetTopBorder(XLBorderStyleValues.Thin).Fill.SetBackgroundColor(XLColor.FromHtml("#F2F2F2"));
    }

    private static void Widths(IXLWorksheet sheet, IReadOnlyList<double> widths)
    {
        for (var i = 0; i < widths.Count; i++)
            sheet.Column(i + 1).Width = widths[i];
    }

    private static void Finish(IXLWorksheet sheet, int columns)
    {
        sheet.SheetView.FreezeRows(HeaderRow);
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(HeaderRow, HeaderRow);
        sheet.PageSetup.PrintAreas.Add(1, 1, Math.Max(sheet.LastRowUsed()?.RowNumber() ?? 1, HeaderRow), columns);
    }

    /// <summary>A text cell from any text (user data included): neutralised and stored as text, never as a formula.</summary>
    private static IXLCell Text(IXLCell cell, string? value) => cell.SetText(value);

    private static void Integer(IXLCell cell, int value)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = IntegerFormat;
    }

    private static void Money(IXLCell cell, decimal value)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = MoneyFormat;
    }

    private static void Percent(IXLCell cell, decimal value)
    {
        cell.SetValue(value);
        cell.Style.NumberFormat.Format = PercentFormat;
    }

    private static void Date(IXLCell cell, DateOnly? value)
    {
        if (value is not { } day)
            return;
        cell.SetValue(day.ToDateTime(TimeOnly.MinValue));
        cell.Style.DateFormat.Format = "yyyy-mm-dd";
    }
}
