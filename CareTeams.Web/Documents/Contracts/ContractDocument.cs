using System.Globalization;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Services;

namespace CareTeams.Web.Documents.Contracts;

/// <summary>
/// The printed family-doctor contract (家庭医生签约服务协议书): A4, Simplified Chinese, two copies signed
/// on paper. Built from what the contract page shows, through the shared document model.
/// </summary>
public static class ContractDocument
{
    /// <summary>The standard rights-and-obligations clauses, used when a centre has not written its own.</summary>
    public const string StandardClauses = """
一、甲方（家庭医生团队）的权利和义务
1. 甲方按本协议约定的服务包和服务项目，为乙方提供基本医疗、公共卫生和约定的健康管理服务，并如实记录服务情况。
2. 甲方为乙方建立并维护电子健康档案，有权在乙方授权范围内查阅乙方的健康档案和诊疗信息，并对乙方的个人信息和健康信息严格保密，不得泄露或用于与服务无关的用途。
3. 甲方应公开团队成员、服务时间和联系电话，为乙方提供健康咨询、预约就诊和转诊服务。
4. 对乙方不遵医嘱、提供虚假信息等造成的后果，甲方不承担责任。

二、乙方（签约居民）的权利和义务
1. 乙方享有本协议约定的服务，有权了解服务内容、收费标准和服务记录，有权对服务提出意见和建议。
2. 乙方应如实提供个人健康信息，配合甲方开展健康管理和随访服务，遵从医嘱。
3. 乙方应按约定缴纳个人自付费用；基础包服务免费。
4. 乙方在签约期内原则上不得与其他家庭医生团队重复签约。

三、协议的变更与解除
1. 协议期满前一个月，甲乙双方可协商续约；未续约的，协议期满自动终止。
2. 乙方迁出本辖区、死亡、连续一年联系不上或连续一年拒绝服务的，甲方可以解除协议；乙方可随时申请解约。
3. 协议期内未提供的付费服务项目，可顺延三个月继续提供，或按未提供部分退费，具体方式记入协议。

四、其他
1. 本协议一式两份，甲乙双方各执一份，自双方签字之日起生效。
2. 本协议未尽事宜，按国家和地方家庭医生签约服务有关规定执行。
""";

    public static PdfDocumentSpec Build(ContractView c, string? centreClauses, DateTimeOffset printedAt)
    {
        var blocks = new List<DocumentBlock>
        {
            new Heading("家庭医生签约服务协议书"),
            new KeyValueGrid(
            [
                new("协议编号", c.Number),
                new("协议状态", c.Status.ChineseName()),
                new("服务期限", $"{Day(c.Term.Start)} 至 {Day(c.Term.End)}", Span: 2),
            ]),
            new Heading("甲方（服务方）") { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 6, SpaceAfter = 2 },
            new KeyValueGrid(
            [
                new("签约机构", c.CentreName),
                new("家庭医生团队", c.TeamName),
                new("责任医生", c.DoctorName),
                new("团队电话", c.TeamPhone ?? "—"),
            ]),
            new Heading("乙方（签约居民）") { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 6, SpaceAfter = 2 },
            new KeyValueGrid(
            [
                new("姓名", c.ResidentName),
                new("性别", c.ResidentSex.ChineseName()),
                new("出生日期", Day(c.ResidentDateOfBirth)),
                new("身份证号", c.ResidentMaskedIdNumber),
                new("联系电话", c.ResidentPhone ?? "—"),
                new("住址", c.ResidentAddress ?? "—", Span: 2),
            ]),
        };
        if (c.Signatory.IsGuardian)
        {
            blocks.Add(new KeyValueGrid(
            [
                new("监护人", c.Signatory.GuardianName ?? ""),
                new("与居民关系", c.Signatory.GuardianRelation ?? ""),
                new("监护人电话", c.Signatory.GuardianPhone ?? "—"),
            ]));
        }

        blocks.Add(new Heading("一、签约服务包及服务项目") { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 6, SpaceAfter = 4 });
        var rows = new List<IReadOnlyList<string>>();
        foreach (var item in c.Items)
        {
            rows.Add([item.PackageName, item.Name, item.Planned.ToString(CultureInfo.InvariantCulture), Yuan(item.UnitPrice),
                Yuan(item.UnitPrice * item.Planned)]);
        }
        blocks.Add(new Table(
        [
            new TableColumn("服务包", 2.2f),
            new TableColumn("服务项目", 3f),
            new TableColumn("次数/年", 1f, TextAlign.Right),
            new TableColumn("单价（元）", 1.3f, TextAlign.Right),
            new TableColumn("金额（元）", 1.4f, TextAlign.Right),
        ], rows)
        {
            Totals = ["合计", null, null, null, Yuan(c.Price)],
        });

        blocks.Add(new Heading("二、费用") { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 6, SpaceAfter = 4 });
        blocks.Add(new Table(
        [
            new TableColumn("服务包", 3f),
            new TableColumn("类别", 1.2f),
            new TableColumn("价格（元）", 1.4f, TextAlign.Right),
            new TableColumn("补助（元）", 1.4f, TextAlign.Right),
            new TableColumn("个人自付（元）", 1.6f, TextAlign.Right),
        ], c.Packages.Select(p => (IReadOnlyList<string>)[p.Name, p.Kind.ChineseName(), Yuan(p.Price), Yuan(p.Subsidy), Yuan(p.OwnPayment)]).ToList())
        {
            Totals = ["合计", null, Yuan(c.Price), Yuan(c.Subsidy), Yuan(c.OwnPayment)],
        });
        blocks.Add(new Paragraph($"乙方应付个人自付费用合计人民币 {Yuan(c.OwnPayment)} 元（{ChineseAmount(c.OwnPayment)}）。基础包服务免费，补助部分由医保基金或公共卫生经费支付。"));

        blocks.Add(new Heading("三、双方权利和义务") { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 6, SpaceAfter = 4 });
        blocks.Add(new Paragraph(string.IsNullOrWhiteSpace(centreClauses) ? StandardClauses : centreClauses.Trim()));

        blocks.Add(new SignatureBlock(
        [
            new SignatureBox("甲方（家庭医生）") { ExtraLines = [$"团队电话：{c.TeamPhone ?? "—"}"] },
            new SignatureBox(c.Signatory.IsGuardian ? "乙方（监护人）" : "乙方（居民或监护人）"),
        ]));
        blocks.Add(new Paragraph("本协议一式两份，甲乙双方各执一份。") { FontSize = ChineseFontSize.XiaoWu, Align = TextAlign.Center });

        return new PdfDocumentSpec
        {
            Title = $"家庭医生签约服务协议书 {c.Number}",
            Subject = $"{c.CentreName} {c.TeamName} — {c.ResidentName}",
            CreatedAt = printedAt,
            HeaderText = c.CentreName,
            HeaderRightText = $"协议编号 {c.Number}",
            Blocks = blocks,
        };
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>1,234.50 (yuan, to the fen).</summary>
    internal static string Yuan(Money amount) => amount.Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>The amount in Chinese capitals as on receipts: 叁佰零伍元贰角伍分.</summary>
    public static string ChineseAmount(Money amount)
    {
        const string digits = "零壹贰叁肆伍陆柒捌玖";
        string[] units = ["", "拾", "佰", "仟"];
        string[] groups = ["", "万", "亿"];
        var fen = (long)Math.Round(amount.Yuan * 100m);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cents = (int)(fen % 10);
        var text = new System.Text.StringBuilder();
        if (yuan == 0)
        {
            text.Append(jiao == 0 && cents == 0 ? "零元" : string.Empty);
        }
        else
        {
            var groupTexts = new List<string>();
            var group = 0;
            var needZero = false;
            while (yuan > 0)
            {
                var part = (int)(yuan % 10000);
                var partText = new System.Text.StringBuilder();
                var zero = false;
                for (var i = 3; i >= 0; i--)
                {
                    var d = part / (int)Math.Pow(10, i) % 10;
                    if (d == 0)
                    {
                        zero = partText.Length > 0;
                        continue;
                    }
                    if (zero)
                        partText.Append('零');
                    zero = false;
                    partText.Append(digits[d]).Append(units[i]);
                }
                if (part != 0)
                    groupTexts.Insert(0, partText + groups[group] + (needZero ? "零" : string.Empty));
                needZero = part != 0 && part < 1000;
                yuan /= 10000;
                group++;
            }
            text.Append(string.Concat(groupTexts)).Append('元');
        }
        if (jiao == 0 && cents == 0)
            return text.Append('整').ToString();
        if (jiao != 0)
            text.Append(digits[jiao]).Append('角');
        else if (text.Length > 0)
            text.Append('零');
        if (cents != 0)
            text.Append(digits[cents]).Append('分');
        return text.ToString();
    }
}
