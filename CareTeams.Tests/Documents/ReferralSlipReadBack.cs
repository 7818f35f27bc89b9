using System.Globalization;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Documents.Referrals;
using CareTeams.Web.Jobs;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Documents;

/// <summary>
/// The printed referral slip (双向转诊单), read back from the PDF bytes: the up form as the sending team and the receiving
/// hospital print it, the return form of the answering down-referral, a long reason running onto a second page, the
/// green channel; nothing for a user who does not see the referral.
/// </summary>
public sealed class ReferralSlipReadBack : IDisposable
{
    private readonly TestDatabase _database = new(); // today: 2026-11-23
    private readonly SmallCounty _county;
    private readonly ReferralAlliance _alliance;
    private readonly Resident _elder; // team A, village 东村

    public ReferralSlipReadBack()
    {
        _county = SmallCounty.Create(_database);
        _alliance = ReferralAlliance.Create(_database, _county);
        _elder = _county.AddResident(_database, _county.VillageA, "钱大爷", new DateOnly(1948, 4, 2), Sex.Male, KeyPopulation.Hypertension,
            phone: "13912345678");
    }

    public void Dispose() => _database.Dispose();

    private ReferralService As(UserScope user) => _database.Service<ReferralService>(user);

    private async Task<int> SendUpAsync(ReferralForm form)
    {
        var sent = await As(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null, _alliance.Township.Id, _alliance.Hospital.Id, form));
        Assert.True(sent.Succeeded, sent.Summary);
        return sent.Id!.Value;
    }

    private Task<(byte[] Pdf, string FileName)?> RenderAsync(UserScope user, int id) => _database.Service<ReferralSlipPdf>(user).RenderAsync(id);

    private async Task<string> TextAsync(UserScope user, int id) => TextOf((await RenderAsync(user, id))!.Value.Pdf);

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    private void SetCentrePhone(string phone)
    {
        using var db = _database.Context(UserScope.System);
        var centre = db.Centres.Single(c => c.Id == _county.Centre.Id);
        centre.Rename(centre.Name, phone);
        db.SaveChanges();
    }

    [Fact]
    public async Task The_up_slip_reads_back_with_the_stub_the_form_and_the_timeline_for_the_team_and_the_hospital()
    {
        SetCentrePhone("0571-88886666");
        var id = await SendUpAsync(ReferralAlliance.UpForm());

        var (pdf, fileName) = (await RenderAsync(_alliance.GpOfTeamA, id))!.Value;
        var text = TextOf(pdf);

        Assert.Equal($"转诊单-{id}.pdf", fileName);
        foreach (var expected in new[]
        {
            "双向转诊（转出）单", "存根", "钱大爷", "男", "78岁", "居民档案号", _elder.Id.ToString(CultureInfo.InvariantCulture),
            _elder.MaskedIdNumber, "13912345678", "东村1号", "2026年11月23日", "测试县人民医院", "测试镇卫生院", "王全科", "沿此线剪开",
            "初步印象", "高血压3级", "I10", "主要现病史（转出原因）", "血压控制不佳，头痛三天", "主要既往史", "高血压10年", "治疗经过",
            "硝苯地平控释片30mg", "附件", "心电图", "窦性心律，左室高电压", "联系电话", "0571-88886666", "转出机构", "当前状态：待接收", "办理情况",
        })
            Assert.Contains(expected, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(_elder.IdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain("绿色通道", text, StringComparison.Ordinal);

        // The receiving hospital's desk prints the same slip; it does not see the centres, and still gets the phone.
        var hospitalCopy = await TextAsync(_alliance.HospitalDesk, id);
        Assert.Contains("0571-88886666", hospitalCopy, StringComparison.Ordinal);
        Assert.Contains("血压控制不佳，头痛三天", hospitalCopy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_who_does_not_see_the_referral_gets_a_slip()
    {
        var id = await SendUpAsync(ReferralAlliance.UpForm());

        Assert.Null(await RenderAsync(_county.DoctorOfTeamB, id));
        Assert.Null(await RenderAsync(_county.OtherCentreManager, id));
        Assert.Null(await RenderAsync(_alliance.CareHomeDesk, id));
        Assert.Null(await RenderAsync(_alliance.GpOfTeamA, id + 1000));
    }

    [Fact]
    public async Task A_green_channel_up_referral_is_marked_and_a_phone_nobody_recorded_is_a_blank_line()
    {
        var id = await SendUpAsync(ReferralAlliance.UpForm(ReferralUrgency.GreenChannel));

        var text = await TextAsync(_alliance.GpOfTeamA, id);

        Assert.Contains("【绿色通道】", text, StringComparison.Ordinal);
        Assert.Contains("请优先接诊、优先检查、优先安排住院。", text, StringComparison.Ordinal);
        Assert.Contains("联系电话" + ReferralSlipDocument.Blank, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_down_referral_that_answers_prints_the_return_form_with_the_inpatient_number()
    {
        var upId = await SendUpAsync(ReferralAlliance.UpForm(ReferralUrgency.Urgent));
        var desk = As(_alliance.HospitalDesk);
        var accepted = await desk.AcceptAsync(upId, (await desk.GetAsync(upId))!.Referral.Version);
        Assert.True((await desk.ConfirmArrivalAsync(upId, accepted.Version!.Value)).Succeeded);
        var down = await desk.RequestAsync(new ReferralInput(null, null, _alliance.Hospital.Id, _alliance.Township.Id,
            ReferralAlliance.DownForm(homeBed: true), AnswersReferralId: upId));
        Assert.True(down.Succeeded, down.Summary);

        var text = await TextAsync(_alliance.HospitalDesk, down.Id!.Value);

        foreach (var expected in new[]
        {
            "双向转诊（回转）单", "钱大爷", "测试县人民医院", "测试镇卫生院", "现转回贵单位", "诊断结果", "高血压3级很高危", "住院病案号", "ZY2026-1101",
            "主要检查结果", "头颅CT未见异常", "治疗经过", "调整降压方案", "下一步治疗方案及康复建议", "继续口服降压药，低盐饮食", "随访要求",
            "每周测血压两次，两周后复诊", "建议家庭病床：是", "转回原因", "病情稳定，转回社区管理", "县医院转诊办",
        })
            Assert.Contains(expected, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("初步印象", text, StringComparison.Ordinal);
        Assert.DoesNotContain("双向转诊（转出）单", text, StringComparison.Ordinal);

        // The up slip now shows the whole timeline, with who took each step.
        var upText = await TextAsync(_alliance.GpOfTeamA, upId);
        foreach (var expected in new[] { "【紧急】", "当前状态：已回转", "待接收", "已接收", "已到达", "已回转", "王全科", "县医院转诊办" })
            Assert.Contains(expected, upText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_reason_wraps_and_runs_onto_the_second_page_without_losing_a_character()
    {
        // The longest reason allowed, after a long impression and the green channel's banner: it cannot all fit on page 1.
        var reason = string.Concat(Enumerable.Range(1, 95).Select(i => $"第{i}次头痛发作伴恶心，"))[..Referral.ReasonMaxLength];
        var diagnosis = string.Concat(Enumerable.Repeat("高血压3级，", 40))[..(Referral.DiagnosisMaxLength - 1)];
        var id = await SendUpAsync(ReferralAlliance.UpForm(ReferralUrgency.GreenChannel) with
            { Reason = reason, Diagnosis = diagnosis, TreatmentSoFar = "门诊对症治疗" });

        using var document = PdfDocument.Open((await RenderAsync(_alliance.GpOfTeamA, id))!.Value.Pdf);

        Assert.True(document.NumberOfPages >= 2, $"{document.NumberOfPages} page(s)");
        // The body of each page, line by line, without the running header (first line) and the page number (last line).
        var bodies = document.GetPages().Select(p => PdfDocumentRendering.Lines(p)).Select(lines => lines.Skip(1).SkipLast(1).ToList()).ToList();
        Assert.Contains(bodies[0], line => reason.StartsWith(line, StringComparison.Ordinal) && line.Length > 20);
        Assert.Contains(bodies[1], line => reason.EndsWith(line, StringComparison.Ordinal));
        Assert.Contains(reason, string.Concat(bodies.SelectMany(b => b)), StringComparison.Ordinal);
        Assert.Contains("门诊对症治疗", string.Concat(bodies[1]), StringComparison.Ordinal);
        Assert.Contains($"第 2 页 / 共 {document.NumberOfPages} 页", document.GetPage(2).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_to_the_care_home_is_printed_as_a_transfer_slip()
    {
        var sent = await As(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null, _alliance.Township.Id, _alliance.CareHome.Id,
            ReferralAlliance.TransferForm()));
        Assert.True(sent.Succeeded, sent.Summary);

        var text = await TextAsync(_alliance.CareHomeDesk, sent.Id!.Value);

        foreach (var expected in new[] { "转介单", "测试县福利院", "主要现病史（转介原因）", "失能加重，需要机构照护", "脑梗死后遗症", "I69.3" })
            Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain("双向转诊", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_referral_slip_job_writes_the_slip_to_a_file_and_exits_1_for_an_unknown_referral()
    {
        var id = await SendUpAsync(ReferralAlliance.UpForm());
        var file = Path.Combine(_database.Folder, "slip.pdf");
        var database = $"--ConnectionStrings:Sqlite=Data Source={_database.FilePath}";
        var output = new StringWriter();

        var exit = await JobRunner.RunAsync(["referral-slip", "--referral", id.ToString(CultureInfo.InvariantCulture), "--out", file, database], output);
        var missing = await JobRunner.RunAsync(["referral-slip", "--referral", (id + 1000).ToString(CultureInfo.InvariantCulture), "--out", file + ".x", database],
            new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("slip.pdf", output.ToString(), StringComparison.Ordinal);
        var text = TextOf(await File.ReadAllBytesAsync(file));
        Assert.Contains("双向转诊（转出）单", text, StringComparison.Ordinal);
        Assert.Contains("钱大爷", text, StringComparison.Ordinal);
        Assert.Equal(1, missing);
        Assert.False(File.Exists(file + ".x"));
    }
}
