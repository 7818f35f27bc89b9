using System.Globalization;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Web.Services;

namespace CareTeams.Web.Documents.Elder2111;

/// <summary>
/// The printed route sheet (“2111”服务路线单) a nurse or GP takes on a round: A4 landscape, one table
/// per village in the worklist's order, an empty column for the elder's signature at the visit.
/// </summary>
public static class RouteSheetDocument
{
    /// <summary>A village with more rows than this starts (and ends) its own page, so a long village is not split from its heading.</summary>
    public const int RowsForOwnPage = 12;

    public static PdfDocumentSpec Build(Worklist list, WorklistFilter filter, string teamName, DateOnly today, DateTimeOffset printedAt)
    {
        var blocks = new List<DocumentBlock>
        {
            new Heading("“2111”健康管理服务路线单") { SpaceAfter = 6 },
            new KeyValueGrid(
            [
                new("团队", teamName),
                new("日期", Day(today)),
                new("范围", $"{filter.Year} 年度，{filter.State.ChineseName()}{(filter.Kind is { } k ? "，" + k.ChineseName() : "")}"),
                new("合计", $"{list.Villages.Count} 个村/社区，{list.Count} 项"),
            ]),
        };
        if (list.Truncated)
            blocks.Add(new Paragraph($"注意：符合条件的项目超过 {ElderCareWorklist.MaxRows} 项，只打印了前 {ElderCareWorklist.MaxRows} 项，请缩小筛选范围。"));
        if (list.Count == 0)
            blocks.Add(new Paragraph("没有符合条件的服务项目。"));

        WorklistVillage? previous = null;
        foreach (var village in list.Villages)
        {
            if (previous is not null && (previous.Rows.Count > RowsForOwnPage || village.Rows.Count > RowsForOwnPage))
                blocks.Add(new PageBreak());
            blocks.Add(new Heading($"{village.VillageName}（{village.Rows.Count} 项）")
            {
                FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 6, SpaceAfter = 4,
            });
            blocks.Add(new Table(
            [
                new TableColumn("序号", 0.7f, TextAlign.Right),
                new TableColumn("姓名", 1.3f),
                new TableColumn("性别", 0.7f),
                new TableColumn("年龄", 0.7f, TextAlign.Right),
                new TableColumn("联系电话", 1.9f),
                new TableColumn("住址", 3f),
                new TableColumn("服务项目", 2.4f),
                new TableColumn("应完成日期", 1.6f),
                new TableColumn("状态", 0.9f),
                new TableColumn("签名", 1.8f),
            ], village.Rows.Select((r, i) => (IReadOnlyList<string>)
            [
                (i + 1).ToString(CultureInfo.InvariantCulture), r.Name, r.Sex.ChineseName(), r.Age.ToString(CultureInfo.InvariantCulture),
                r.Phone ?? "—", r.Address ?? "—", r.Title, Day(r.Due), r.State.ChineseName(), string.Empty,
            ]).ToList()) { FontSize = ChineseFontSize.XiaoWu });
            previous = village;
        }

        return new PdfDocumentSpec
        {
            Title = $"“2111”服务路线单 {teamName} {Day(today)}",
            Subject = $"{teamName} — {filter.Year} 年度 {filter.State.ChineseName()}",
            CreatedAt = printedAt,
            Orientation = PageOrientation.Landscape,
            Margins = PageMargins.Millimetres(18, 12, 18, 12),
            HeaderText = $"{teamName} · “2111”服务路线单",
            HeaderRightText = Day(today),
            FooterText = "内含居民个人信息，请妥善保管，用后交回或销毁。",
            Blocks = blocks,
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
