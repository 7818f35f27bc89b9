using System.Globalization;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Services;

namespace CareTeams.Web.Documents.HomeBeds;

/// <summary>
/// The printed home-bed record (家庭病床记录): 建床记录 (application, assessment, diagnoses, consent, orders),
/// 查床记录 (the rounds and nursing visits, oldest first) and, for a closed bed, 撤床小结. Built from the bed page's view.
/// </summary>
public static class HomeBedDocument
{
    public static PdfDocumentSpec Build(HomeBedView v, DateTimeOffset printedAt)
    {
        var bed = v.Bed;
        var day = ContractDocument.Day;
        var blocks = new List<DocumentBlock>
        {
            new Heading("家庭病床记录"),
            new KeyValueGrid(
            [
                new("姓名", v.ResidentName),
                new("性别", v.ResidentSex.ChineseName()),
                new("出生日期", day(v.ResidentDateOfBirth)),
                new("身份证号", v.ResidentMaskedIdNumber),
                new("联系电话", v.ResidentPhone ?? "—"),
                new("村（居）", v.VillageName),
                new("住址", v.ResidentAddress ?? "—", Span: 2),
            ]),
            Section("一、建床记录"),
            new KeyValueGrid(
            [
                new("病床类型", bed.Kind.ChineseName()),
                new("建床病情", bed.Application.Condition.ChineseName()),
                new("申请日期", day(bed.Application.AppliedOn)),
                new("建床日期", day(bed.OpenedOn)),
                new("家庭医生团队", v.TeamName),
                new("状态", bed.Status.ChineseName()),
                new("责任医生", v.StaffName(bed.ResponsibleDoctorId)),
                new("责任护士", v.StaffName(bed.ResponsibleNurseId)),
                new("建床周期", $"{bed.LimitDays} 天（至 {day(bed.CycleEndsOn)}）", Span: 2),
            ]),
            Label("病情摘要"), new Paragraph(bed.Application.Summary),
            Label("建床指征"), new Paragraph(bed.Application.Indications),
        };
        if (bed.Application.DoctorOpinion is { } opinion)
            blocks.AddRange([Label("医生意见"), new Paragraph(opinion)]);
        blocks.AddRange([Label("入院评估"), new Paragraph(bed.Assessment.Findings + Vitals(bed.Assessment.Vitals))]);
        blocks.Add(Diagnoses("建床诊断", bed.OpeningDiagnoses));
        blocks.Add(new KeyValueGrid(
        [
            new("知情同意书签字人", bed.Consent.SignedBy),
            new("与居民关系", bed.Consent.Relation ?? "本人"),
            new("签署日期", day(bed.Consent.SignedOn)),
        ]));
        blocks.Add(Label("护理计划（医嘱）"));
        blocks.Add(new Table(
            [new("序号", 0.6f, TextAlign.Center), new("类别", 0.7f), new("项目", 2), new("频次", 1.1f), new("起止日期", 2.2f), new("用法说明", 2)],
            bed.Orders.OrderBy(o => o.Sequence).Select(o => (IReadOnlyList<string>)
            [
                o.Sequence.ToString(CultureInfo.InvariantCulture), o.Kind.ChineseName(), o.ItemName, o.Frequency.ToString(),
                $"{day(o.StartsOn)} 至 {(o.LastDay is { } last ? day(last) : "—")}" + (o.StoppedOn is { } stopped ? $"（{day(stopped)} 停止）" : ""),
                o.Instructions ?? "",
            ]).ToList()));
        if (bed.Extensions.Count > 0)
        {
            blocks.Add(Label("延期记录"));
            blocks.Add(new Table(
                [new("延期日期", 1.3f), new("周期（天）", 1.1f), new("原因", 3), new("经办人", 1)],
                bed.Extensions.OrderBy(e => e.Sequence).Select(e => (IReadOnlyList<string>)
                    [day(e.ExtendedOn), $"{e.PreviousLimitDays} → {e.NewLimitDays}", e.Reason, v.StaffName(e.StaffMemberId)]).ToList()));
        }

        blocks.Add(Section("二、查床记录"));
        var visits = v.Visits.OrderBy(x => x.StartedAt).ToList();
        if (visits.Count == 0)
            blocks.Add(new Paragraph("（尚无查床或上门护理记录）"));
        else
            blocks.Add(new Table(
                [new("日期时间", 1.5f), new("类型", 1.1f), new("医嘱", 1.5f), new("生命体征", 1.8f), new("记录", 2.6f), new("服务人员", 0.9f)],
                visits.Select(x => (IReadOnlyList<string>)
                [
                    x.StartedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), x.Kind.ChineseName(), x.OrderTitle ?? "",
                    Vitals(x.Vitals).TrimStart('；') + (x.VitalFlags is { } flags ? $"（{flags}）" : ""), x.Notes ?? "", x.StaffName,
                ]).ToList()));

        if (bed.IsClosed)
        {
            blocks.Add(Section("三、撤床小结"));
            blocks.Add(new KeyValueGrid(
            [
                new("撤床日期", day(bed.ClosedOn!.Value)),
                new("床日数", $"{bed.BedDays} 天"),
                new("转归", bed.Outcome?.ChineseName() + (bed.OutcomeNote is { } note ? $"（{note}）" : "")),
                new("经办人", v.StaffName(bed.ClosedByStaffId)),
            ]));
            blocks.Add(Diagnoses("撤床诊断", bed.ClosingDiagnoses));
            blocks.AddRange([Label("撤床时病情"), new Paragraph(bed.ConditionAtClosing ?? ""), Label("小结"), new Paragraph(bed.ClosingSummary ?? "")]);
        }
        blocks.Add(new SignatureBlock([new SignatureBox("责任医生"), new SignatureBox("居民或家属")]));

        return new PdfDocumentSpec
        {
            Title = $"家庭病床记录 - {v.ResidentName}",
            Subject = "家庭病床记录",
            CreatedAt = printedAt,
            HeaderText = v.CentreName,
            HeaderRightText = $"家庭病床 {bed.Id}",
            Blocks = blocks,
        };
    }

    private static Heading Section(string text) =>
        new(text) { FontSize = ChineseFontSize.XiaoSi, Align = TextAlign.Left, SpaceBefore = 8, SpaceAfter = 4 };

    private static Paragraph Label(string text) => new(text + "：") { SpaceAfter = 0 };

    private static Table Diagnoses(string title, IEnumerable<BedDiagnosis> diagnoses) => new(
        [new("序号", 0.6f, TextAlign.Center), new(title, 4), new("ICD-10", 1.2f)],
        diagnoses.Select(d => (IReadOnlyList<string>)[d.Sequence.ToString(CultureInfo.InvariantCulture), d.Text, d.Icd10Code ?? ""]).ToList());

    private static string Vitals(Domain.Assessments.VitalSigns? vitals)
    {
        if (vitals is null)
            return "";
        var parts = new List<string>();
        if (vitals.Systolic is { } s && vitals.Diastolic is { } d)
            parts.Add($"血压 {s}/{d} mmHg");
        if (vitals.Pulse is { } p)
            parts.Add($"脉搏 {p} 次/分");
        if (vitals.TemperatureC is { } t)
            parts.Add($"体温 {t} ℃");
        if (vitals.FastingGlucose is { } g)
            parts.Add($"空腹血糖 {g} mmol/L");
        if (vitals.OxygenSaturation is { } o)
            parts.Add($"血氧 {o}%");
        if (vitals.WeightKg is { } w)
            parts.Add($"体重 {w} kg");
        return parts.Count == 0 ? "" : "；" + string.Join("，", parts);
    }
}
