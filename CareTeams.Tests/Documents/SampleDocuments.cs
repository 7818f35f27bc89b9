using System.Globalization;
using CareTeams.Web.Documents;

namespace CareTeams.Tests.Documents;

/// <summary>The fonts every document test shares: loaded once, as the app's singleton would be.</summary>
public sealed class DocumentFontsFixture : IDisposable
{
    public DocumentFonts Fonts { get; } = DocumentFonts.FindDefault();

    public void Dispose() => Fonts.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DocumentsCollection : ICollectionFixture<DocumentFontsFixture>
{
    public const string Name = "Documents";
}

/// <summary>A contract-like document with every kind of block, and a long service table.</summary>
public static class SampleDocuments
{
    public static readonly DateTimeOffset CreatedAt = new(2025, 3, 14, 9, 30, 0, TimeSpan.FromHours(8));

    public const string Title = "家庭医生签约服务协议书";

    /// <summary>The mixed paragraph: Chinese, digits, Latin words, an amount.</summary>
    public const string MixedParagraph =
        "本协议依据《关于推进家庭医生签约服务的指导意见》制定。乙方自愿选择甲方的家庭医生团队提供签约服务，" +
        "服务期限自2025年3月15日起至2026年3月14日止，共12个月。个人自付费用合计¥1,234.50元，" +
        "由CareTeams family doctor system 按月结算；如有疑问请拨打服务热线 0571-88886666 或访问 https://careteams.example.cn/help 查询。";

    public static readonly string[] TableHeaders = ["序号", "服务记录号", "姓名", "服务项目", "服务日期", "金额（元）"];

    private static readonly string[] Names =
        ["欧阳娜娜", "张伟", "王芳", "李娜", "刘洋", "陈静", "杨生", "赵磊", "黄敏", "周杰", "吴秀英", "徐建国", "孙丽", "马超", "朱红", "胡军"];

    private static readonly string[] Services =
        ["建立健康档案", "高血压随访（每季度一次，含血压测量与用药指导）", "糖尿病随访", "健康体检", "中医体质辨识", "家庭病床巡诊", "康复指导", "预防接种咨询"];

    /// <summary>Row <paramref name="i"/> (1-based) of the table: 欧阳娜娜 and ¥1,234.50 on row 1.</summary>
    public static string[] Row(int i) =>
    [
        i.ToString(CultureInfo.InvariantCulture),
        $"FW-{i:0000}",
        Names[(i - 1) % Names.Length],
        Services[(i - 1) % Services.Length],
        new DateOnly(2025, 1, 1).AddDays(i * 2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        i == 1 ? "¥1,234.50" : "¥" + (i * 13.35m).ToString("#,##0.00", CultureInfo.InvariantCulture),
    ];

    public static PdfDocumentSpec Contract(int rows = 120) => new()
    {
        Title = Title,
        Subject = "家庭医生签约服务",
        CreatedAt = CreatedAt,
        HeaderText = "临安区锦城街道社区卫生服务中心",
        HeaderRightText = "合同编号：QY-2025-000123",
        FooterText = "CareTeams 家庭医生签约服务",
        Blocks =
        [
            new Heading(Title) { FontSize = ChineseFontSize.Er },
            new KeyValueGrid(
            [
                new KeyValueItem("合同编号：", "QY-2025-000123"),
                new KeyValueItem("签约日期：", "2025年3月14日"),
                new KeyValueItem("甲方：", "临安区锦城街道社区卫生服务中心 第一家庭医生团队"),
                new KeyValueItem("乙方：", "欧阳娜娜（身份证号 330185********1234）"),
                new KeyValueItem("联系电话：", "138 0013 8000"),
                new KeyValueItem("签约医生：", "张伟 主治医师"),
                new KeyValueItem("居住地址：", "浙江省杭州市临安区锦城街道钱王街 123 号 4 幢 2 单元 501 室", Span: 2),
            ]),
            new Paragraph("一、服务内容") { FontSize = ChineseFontSize.XiaoSi, SpaceAfter = 2 },
            new Paragraph(MixedParagraph) { FirstLineIndent = 2, Align = TextAlign.Justify },
            new Paragraph("二、服务记录") { FontSize = ChineseFontSize.XiaoSi, SpaceAfter = 2 },
            new Paragraph("以下为本签约周期内的服务记录与费用明细（金额单位：元）：") { FirstLineIndent = 2 },
            new Table(
                [
                    new TableColumn(TableHeaders[0], 0.6f, TextAlign.Center),
                    new TableColumn(TableHeaders[1], 1.2f, TextAlign.Center),
                    new TableColumn(TableHeaders[2], 1.1f),
                    new TableColumn(TableHeaders[3], 2.6f),
                    new TableColumn(TableHeaders[4], 1.3f, TextAlign.Center),
                    new TableColumn(TableHeaders[5], 1.2f, TextAlign.Right),
                ],
                Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)Row(i)).ToList())
            {
                Totals = ["合计", null, null, $"共 {rows} 项", null, "¥" + TotalOf(rows).ToString("#,##0.00", CultureInfo.InvariantCulture)],
            },
            new Paragraph("三、双方确认") { FontSize = ChineseFontSize.XiaoSi, SpaceAfter = 2 },
            new Paragraph("甲乙双方已阅读并同意本协议全部条款。本协议一式两份，甲乙双方各执一份，自双方签字之日起生效。\n" +
                "乙方如需变更服务包或解约，可于服务期内向甲方提出书面申请。")
            {
                FirstLineIndent = 2,
                Align = TextAlign.Justify,
            },
            new SignatureBlock(
            [
                new SignatureBox("甲方（家庭医生团队）") { SignatureLabel = "签约医生签字：", ExtraLines = ["（盖章）"] },
                new SignatureBox("乙方（居民或监护人）"),
            ]),
        ],
    };

    public static decimal TotalOf(int rows) =>
        1234.50m + Enumerable.Range(2, Math.Max(0, rows - 1)).Sum(i => i * 13.35m);
}
