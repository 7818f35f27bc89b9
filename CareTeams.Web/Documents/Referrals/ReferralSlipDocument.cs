using System.Globalization;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Services;

namespace CareTeams.Web.Documents.Referrals;

/// <summary>
/// The printed referral slip (双向转诊单), laid out like the paper form: the title by direction (转出 / 回转 / 转介) with
/// the green channel or urgency marked, the stub (存根) the sending side keeps, a cut line, then the form that goes with
/// the patient: the up form (初步印象, 主要现病史, 主要既往史, 治疗经过, attachments, referring doctor, phone,
/// institution) or, for a down-referral, the return form (诊断结果, 住院病案号, 主要检查结果, 治疗经过, 下一步治疗方案及
/// 康复建议); last the status and the timeline in small print. Built from the referral page's view.
/// </summary>
public static class ReferralSlipDocument
{
    /// <summary>What a blank on the paper form looks like (a phone nobody recorded).</summary>
    public const string Blank = "________________";

    /// <summary>The slip's title: 双向转诊（转出）单 for 上转, 双向转诊（回转）单 for 下转, 转介单 for 转介.</summary>
    public static string Title(ReferralDirection direction) => direction switch
    {
        ReferralDirection.Up => "双向转诊（转出）单",
        ReferralDirection.Down => "双向转诊（回转）单",
        _ => "转介单",
    };

    /// <param name="v">The referral as the user sees it.</param>
    /// <param name="senderPhone">The sending centre's phone, when the sender is one of our centres (or a clinic it runs) and it has one.</param>
    /// <param name="printedAt">The clock's time (the PDF's creation date).</param>
    public static PdfDocumentSpec Build(ReferralView v, string? senderPhone, DateTimeOffset printedAt)
    {
        var r = v.Referral;
        var person = v.Resident;
        var day = ContractDocument.Day;
        var requestedOn = ChinaTime.DateOf(r.RequestedAt);
        var age = $"{Age.On(person.DateOfBirth, requestedOn)} 岁";
        var title = Title(r.Direction);
        var blocks = new List<DocumentBlock> { new Heading(title) { SpaceAfter = 4 } };
        if (UrgencyBanner(r.Urgency) is { } banner)
            blocks.Add(new Heading(banner) { FontSize = ChineseFontSize.San, SpaceBefore = 0, SpaceAfter = 8 });

        blocks.Add(Section("存根"));
        blocks.Add(new KeyValueGrid(
        [
            new("姓名", person.Name),
            new("性别", person.Sex.ChineseName()),
            new("年龄", age),
            new("身份证号", person.MaskedIdNumber, Span: 2),
            new("居民档案号", person.Id.ToString(CultureInfo.InvariantCulture)),
            new("家庭住址", person.Address ?? person.VillageName, Span: 2),
            new("联系电话", person.Phone ?? "—"),
            new("接收单位", v.To.Name, Span: 2),
            new("转诊日期", day(requestedOn)),
            new("转出机构", v.From.Name, Span: 2),
            new("转诊医生", r.RequestedByName),
        ])
        { Columns = 3 });
        blocks.Add(new Paragraph($"于 {day(requestedOn)} 因病情需要，{r.Direction.ChineseName()}至 {v.To.Name}。"));
        blocks.Add(CutLine);

        blocks.Add(new Heading(title) { FontSize = ChineseFontSize.XiaoSan, SpaceBefore = 2, SpaceAfter = 6 });
        if (r.Urgency != ReferralUrgency.Routine)
            blocks.Add(new Paragraph($"【{r.Urgency.ChineseName()}】" + (r.IsGreenChannel ? "请优先接诊、优先检查、优先安排住院。" : "请尽快接诊。"))
                { Align = TextAlign.Center });
        var moving = r.Direction == ReferralDirection.Down ? "现转回贵单位" : "需转入贵单位";
        blocks.Add(new Paragraph($"{v.To.Name}：\n现有患者 {person.Name}，性别 {person.Sex.ChineseName()}，年龄 {age}，因病情需要，{moving}，请予以接诊。")
            { FirstLineIndent = 0 });
        if (r.Direction == ReferralDirection.Down)
            AddReturnForm(blocks, r);
        else
            AddUpForm(blocks, r);
        blocks.Add(new KeyValueGrid(
        [
            new("转诊医生", r.RequestedByName),
            new("联系电话", string.IsNullOrWhiteSpace(senderPhone) ? Blank : senderPhone),
            new("转出机构", v.From.Name),
            new("日期", day(requestedOn)),
        ]));

        blocks.Add(Section("办理情况"));
        blocks.Add(new Paragraph($"当前状态：{r.Status.ChineseName()}（{r.Direction.ChineseName()}，{r.Urgency.ChineseName()}）")
            { FontSize = ChineseFontSize.XiaoWu, SpaceAfter = 2 });
        blocks.Add(new Table(
            [new("步骤", 0.9f), new("时间", 1.4f), new("经办人", 1.1f), new("机构", 2.2f), new("备注", 2.6f)],
            v.Timeline.Select(s => (IReadOnlyList<string>)
            [
                s.Status.ChineseName(), ChinaTime.LocalTimeOf(s.At).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.ByName,
                s.InstitutionName ?? "—", s.Note ?? "",
            ]).ToList())
        { FontSize = ChineseFontSize.XiaoWu });

        return new PdfDocumentSpec
        {
            Title = $"{title} - {person.Name}",
            Subject = title,
            CreatedAt = printedAt,
            HeaderText = v.From.Name,
            HeaderRightText = $"转诊单 {r.Id}",
            Blocks = blocks,
        };
    }

    private static string? UrgencyBanner(ReferralUrgency urgency) => urgency switch
    {
        ReferralUrgency.GreenChannel => "【绿色通道】",
        ReferralUrgency.Urgent => "【紧急】",
        _ => null,
    };

    private static void AddUpForm(List<DocumentBlock> blocks, Referral r)
    {
        var impression = r.Diagnosis + (string.IsNullOrWhiteSpace(r.Icd10Code) ? "" : $"（ICD-10：{r.Icd10Code}）");
        blocks.AddRange(Titled("初步印象", impression));
        blocks.AddRange(Titled(r.Direction == ReferralDirection.Transfer ? "主要现病史（转介原因）" : "主要现病史（转出原因）", r.Reason));
        blocks.AddRange(Titled("主要既往史", r.History));
        blocks.AddRange(Titled("治疗经过", r.TreatmentSoFar));
        if (r.Attachments.Count == 0)
            return;
        blocks.Add(Label("附件"));
        foreach (var (attachment, i) in r.Attachments.OrderBy(a => a.Sequence).Select((a, i) => (a, i + 1)))
            blocks.AddRange(Titled($"{i}. {attachment.Title}", attachment.Summary));
    }

    private static void AddReturnForm(List<DocumentBlock> blocks, Referral r)
    {
        var back = r.Return;
        blocks.Add(new KeyValueGrid(
        [
            new("诊断结果", back?.DiagnosisResult ?? r.Diagnosis),
            new("住院病案号", string.IsNullOrWhiteSpace(back?.InpatientNumber) ? "—" : back.InpatientNumber),
        ]));
        blocks.AddRange(Titled("转回原因", r.Reason));
        blocks.AddRange(Titled("主要检查结果", back?.MainFindings));
        blocks.AddRange(Titled("治疗经过", back?.Treatment));
        blocks.AddRange(Titled("下一步治疗方案及康复建议", back?.NextPlan));
        blocks.AddRange(Titled("随访要求", back?.FollowUpInstructions));
        blocks.Add(new Paragraph("建议家庭病床：" + (r.ProposesHomeBed ? "是" : "否")));
    }

    /// <summary>A label on its own line, then the text (a dash when nothing was recorded).</summary>
    private static DocumentBlock[] Titled(string label, string? text) =>
        [Label(label), new Paragraph(string.IsNullOrWhiteSpace(text) ? "—" : text) { FirstLineIndent = 2 }];

    /// <summary>A field's label on its own line, kept on the page of what follows it.</summary>
    private static Heading Label(string text) =>
        new(text + "：") { FontSize = ChineseFontSize.Wu, Align = TextAlign.Left, SpaceBefore = 0, SpaceAfter = 2 };

    private static Heading Section(string text) =>
        new(text) { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 8, SpaceAfter = 4 };

    /// <summary>Where the stub is cut off: a dashed line across the page with the words in its middle.</summary>
    private static Paragraph CutLine
    {
        get
        {
            var dashes = string.Join(" ", Enumerable.Repeat("-", 22));
            return new Paragraph($"{dashes} 沿此线剪开 {dashes}") { FontSize = ChineseFontSize.XiaoWu, Align = TextAlign.Center, SpaceAfter = 10 };
        }
    }
}
