using Bunit;
using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Components.Pages.ElderCare;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Components;

/// <summary>
/// The "2111" item page and its forms: the TCM questionnaire and the ability assessment computing their
/// result as the answers go in, unanswered items blocking the save, saving and going back, the read-only view.
/// </summary>
public sealed class ElderCareFormsRendering : MudBunitTest
{
    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;
    private readonly ElderPlan2111 _plan;

    public ElderCareFormsRendering()
    {
        _catalogue = County.AddContractCatalogue(Database);
        _elder = County.AddResident(Database, County.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male);
        using var db = Database.Context(UserScope.System);
        _plan = ElderPlan2111.Create(db.Residents.Single(r => r.Id == _elder.Id), 2026, new DateOnly(2026, 1, 1), new VisitMonths(11, null));
        db.ElderPlans.Add(_plan);
        db.SaveChanges();
    }

    private int ItemId(PlanItemKind kind) => _plan.Item(kind).Id;

    private IRenderedComponent<ElderCareItemPage> Open(PlanItemKind kind, UserScope? user = null, string? from = null)
    {
        var who = user ?? _catalogue.DoctorOfTeamA;
        SignInAs(who);
        Services.AddSingleton(Database.Service<ElderCareRecording>(who));
        if (from is not null)
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            navigation.NavigateTo(navigation.GetUriWithQueryParameter("from", from));
        }
        var page = RenderPage<ElderCareItemPage>(p => p.Add(x => x.ItemId, ItemId(kind)));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    private static string Text(IRenderedComponent<ElderCareItemPage> page, string testId) =>
        page.Find($"[data-testid={testId}]").TextContent.Trim();

    private static Task AnswerTcm(IRenderedComponent<ElderCareItemPage> page, int item, int answer) =>
        page.Find($"[data-testid=tcm-q{item}-a{answer}]").ClickAsync(new());

    /// <summary>A spread of answers that gives several types, a tending one and a 否.</summary>
    private static int PatternAnswer(int item) => (item * 7 % 5) + 1;

    private List<VisitLog> StoredVisits()
    {
        using var db = Database.Context(UserScope.System);
        return db.Visits.AsNoTracking().Where(v => v.ResidentId == _elder.Id).ToList();
    }

    private PlanItemStatus StoredStatus(PlanItemKind kind)
    {
        using var db = Database.Context(UserScope.System);
        return db.ElderPlans.AsNoTracking().Single(p => p.Id == _plan.Id).Item(kind).Status;
    }

    [Fact]
    public async Task The_TCM_form_shows_per_type_the_sums_and_judgements_of_TcmScoring_once_every_item_is_answered()
    {
        var page = Open(PlanItemKind.TcmConstitution);
        Assert.Equal("已答 0/33 题", Text(page, "tcm-answered"));

        for (var n = 1; n <= TcmQuestionnaire.ItemCount; n++)
            await AnswerTcm(page, n, PatternAnswer(n));

        var expected = TcmScoring.Score(TcmAnswers.Create(Enumerable.Range(1, 33).Select(PatternAnswer).ToArray()));
        Assert.Equal("已答 33/33 题", Text(page, "tcm-answered"));
        foreach (var score in expected.Scores)
        {
            Assert.Equal(score.Sum.ToString(System.Globalization.CultureInfo.InvariantCulture), Text(page, $"tcm-sum-{score.Type}"));
            Assert.Equal(score.Judgement.ChineseName(), Text(page, $"tcm-judgement-{score.Type}"));
        }
        Assert.NotEmpty(expected.TypesJudgedYes);
        Assert.Equal($"体质类型：{string.Join("、", expected.TypesJudgedYes.Select(t => t.ChineseName()))}{(expected.IsMixed ? "（兼夹体质）" : "")}",
            Text(page, "tcm-types-found"));
        foreach (var guidance in TcmGuidance.For(expected))
        {
            var shown = Text(page, $"tcm-guidance-{guidance.Type}");
            Assert.Contains(guidance.Diet, shown);
            Assert.Contains(TcmGuidance.AcupointsHeading, shown);
        }
    }

    [Fact]
    public async Task The_TCM_form_judges_a_type_as_soon_as_its_items_are_in_and_refuses_to_save_naming_the_unanswered_items()
    {
        var page = Open(PlanItemKind.TcmConstitution);

        foreach (var n in new[] { 2, 3, 4 })
            await AnswerTcm(page, n, 4);
        Assert.Equal("12（3/4）", Text(page, "tcm-sum-QiDeficiency"));
        Assert.Equal("—", Text(page, "tcm-judgement-QiDeficiency"));
        await AnswerTcm(page, 14, 4);

        Assert.Equal("已答 4/33 题", Text(page, "tcm-answered"));
        Assert.Equal("16", Text(page, "tcm-sum-QiDeficiency"));
        Assert.Equal("是", Text(page, "tcm-judgement-QiDeficiency"));
        Assert.Equal("—", Text(page, "tcm-judgement-Balanced"));
        Assert.Empty(page.FindAll("[data-testid=tcm-types-found]"));

        page.Find("[data-testid=tcm-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("以下题目未作答：第1、5、6、7、8、9、10、11、12、13、15、16、17、18、19、20、21、22、23、24、25、26、27、28、29、30、31、32、33题。",
            Text(page, "form-error")));
        Assert.Contains("ec-missing", page.Find("[data-testid=tcm-q9]").ClassName);
        Assert.DoesNotContain("ec-missing", page.Find("[data-testid=tcm-q2]").ClassName);
        Assert.Equal("aria-pressed=true", "aria-pressed=" + page.Find("[data-testid=tcm-q2-a4]").GetAttribute("aria-pressed"));
        Assert.Empty(StoredVisits());
        Assert.Equal(PlanItemStatus.Open, StoredStatus(PlanItemKind.TcmConstitution));
    }

    [Fact]
    public async Task Answers_that_make_yin_and_yang_deficiency_both_yes_are_flagged_contradictory_and_the_tie_is_left_to_the_physician()
    {
        var page = Open(PlanItemKind.TcmConstitution);

        for (var n = 1; n <= TcmQuestionnaire.ItemCount; n++)
            await AnswerTcm(page, n, 3);

        Assert.Equal("是", Text(page, "tcm-judgement-YinDeficiency"));
        Assert.Equal("是", Text(page, "tcm-judgement-YangDeficiency"));
        Assert.Contains("结果矛盾，请重新采集", Text(page, "tcm-flag-contradictory"));
        Assert.Contains("请中医师确定", Text(page, "tcm-flag-tie"));
        Assert.Empty(page.FindAll("[data-testid=tcm-flag-no-type]"));
        // A tie shows the guidance of every tied type for the physician to choose from.
        Assert.Equal(8, page.FindAll("[data-testid^=tcm-guidance-]").Count);
    }

    [Fact]
    public async Task Items_9_and_28_are_proposed_from_the_latest_exams_BMI_and_waist()
    {
        var recording = Database.Service<ElderCareRecording>(_catalogue.DoctorOfTeamA);
        var exam = (await recording.GetAsync(ItemId(PlanItemKind.PhysicalExam)))!;
        var saved = await recording.RecordPhysicalExamAsync(exam.ItemId, exam.PlanVersion,
            new VisitInput { StartedAt = new DateTime(2026, 11, 20, 9, 0, 0), EndedAt = new DateTime(2026, 11, 20, 9, 30, 0) },
            new PhysicalExamInput(new DateOnly(2026, 11, 20), new ExamGeneral(HeightCm: 160m, WeightKg: 64m, WaistCm: 92m), ExamResult.Normal));
        Assert.True(saved.Succeeded, saved.Summary);

        var page = Open(PlanItemKind.TcmConstitution);

        Assert.Equal("true", page.Find("[data-testid=tcm-q9-a3]").GetAttribute("aria-pressed"));
        Assert.Contains("BMI 25.0", Text(page, "tcm-q9-proposal"));
        Assert.Equal("true", page.Find("[data-testid=tcm-q28-a4]").GetAttribute("aria-pressed"));
        Assert.Contains("腹围91～105cm", Text(page, "tcm-q28-proposal"));
        Assert.Equal("已答 2/33 题", Text(page, "tcm-answered"));
        Assert.Contains("BMI＜24", Text(page, "tcm-q9"));
        Assert.Contains("几乎每月都感冒", Text(page, "tcm-q14"));
        Assert.Contains("每次遇到上述原因都过敏", Text(page, "tcm-q17"));
    }

    [Fact]
    public async Task A_complete_TCM_form_saves_goes_back_where_the_user_came_from_and_the_item_then_opens_read_only()
    {
        var page = Open(PlanItemKind.TcmConstitution, from: $"/residents/{_elder.Id}");
        for (var n = 1; n <= TcmQuestionnaire.ItemCount; n++)
            await AnswerTcm(page, n, PatternAnswer(n));

        page.Find("[data-testid=tcm-save]").Click();

        page.WaitForAssertion(() => Assert.Equal($"/residents/{_elder.Id}", CurrentPath));
        Assert.Equal(PlanItemStatus.Done, StoredStatus(PlanItemKind.TcmConstitution));
        var visit = Assert.Single(StoredVisits());
        Assert.Equal(VisitFormKind.TcmConstitution, visit.FormKind);

        var again = Render<ElderCareItemPage>(p => p.Add(x => x.ItemId, ItemId(PlanItemKind.TcmConstitution)));
        again.WaitForAssertion(() => Assert.Equal(visit.FormResult, again.Find("[data-testid=recorded-result]").TextContent.Trim()));
        Assert.Equal("王医生", again.Find("[data-testid=recorded-staff]").TextContent.Trim());
        Assert.Empty(again.FindAll("[data-testid=tcm-save]"));
        Assert.Empty(again.FindAll("[data-testid=decline]"));
    }

    [Fact]
    public async Task A_save_after_someone_else_changed_the_plan_shows_the_conflict_keeps_the_answers_and_saves_after_loading_the_latest()
    {
        var page = Open(PlanItemKind.TcmConstitution);
        for (var n = 1; n <= TcmQuestionnaire.ItemCount; n++)
            await AnswerTcm(page, n, PatternAnswer(n));
        // Meanwhile the nurse declines the exam of the same plan: the plan has a new version.
        var nurse = Database.Service<ElderCareRecording>(_catalogue.NurseOfTeamA);
        var exam = (await nurse.GetAsync(ItemId(PlanItemKind.PhysicalExam)))!;
        Assert.True((await nurse.DeclineAsync(exam.ItemId, exam.PlanVersion, "外出务工")).Succeeded);

        await page.Find("[data-testid=tcm-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("该记录已被其他人修改", Text(page, "form-conflict")));
        Assert.Equal("已答 33/33 题", Text(page, "tcm-answered"));
        Assert.Equal("true", page.Find($"[data-testid=tcm-q33-a{PatternAnswer(33)}]").GetAttribute("aria-pressed"));
        Assert.Empty(StoredVisits());

        await page.Find("[data-testid=load-latest]").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=form-conflict]")));
        Assert.Equal("已答 33/33 题", Text(page, "tcm-answered"));
        await page.Find("[data-testid=tcm-save]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("/elder-care", CurrentPath));
        Assert.Equal(PlanItemStatus.Done, StoredStatus(PlanItemKind.TcmConstitution));
    }

    private static Task ChooseAbility(IRenderedComponent<ElderCareItemPage> page, AbilityItem item, int optionIndex) =>
        page.Find($"[data-testid='ability-{item.Code}-o{optionIndex}']").ClickAsync(new());

    [Fact]
    public async Task The_ability_form_totals_the_dimensions_as_items_go_in_and_shows_the_level()
    {
        var page = Open(PlanItemKind.AbilityAssessment);
        Assert.Equal("全部项目评完后显示等级", Text(page, "ability-level"));

        foreach (var item in AbilityScale.Items.Where(i => i.Dimension == AbilityDimension.SelfCare))
            await ChooseAbility(page, item, 0);
        Assert.Equal("32 / 32", Text(page, "ability-subtotal-SelfCare"));
        Assert.Equal("0 / 15", Text(page, "ability-subtotal-BasicMobility"));
        Assert.Equal("已评 8/26 项", Text(page, "ability-answered"));
        Assert.Equal("全部项目评完后显示等级", Text(page, "ability-level"));

        foreach (var item in AbilityScale.Items.Where(i => i.Dimension != AbilityDimension.SelfCare))
            await ChooseAbility(page, item, 0);
        Assert.Equal("90 / 90", Text(page, "ability-total"));
        Assert.Equal("28 / 28", Text(page, "ability-subtotal-MentalState"));
        Assert.Equal("0 级 · 能力完好", Text(page, "ability-level"));

        // Lower 进食 to 0 points and 修饰 to 0: 82 → level 1; then a dementia diagnosis raises it one step.
        await ChooseAbility(page, AbilityScale.Item("B.1.1"), 4);
        await ChooseAbility(page, AbilityScale.Item("B.1.2"), 4);
        Assert.Equal("82 / 90", Text(page, "ability-total"));
        Assert.Equal("1 级 · 轻度失能", Text(page, "ability-level"));
        await page.Find("[data-testid=ability-diagnoses] input").InputAsync(new() { Value = "F03.9" });
        Assert.Equal("2 级 · 中度失能", Text(page, "ability-level"));
        Assert.Contains("因确诊痴呆提高一级", Text(page, "ability-adjustment"));
    }

    [Fact]
    public async Task A_coma_answer_makes_the_level_4_whatever_the_score_and_saving_sets_the_disability_tag()
    {
        var page = Open(PlanItemKind.AbilityAssessment);
        foreach (var item in AbilityScale.Items)
            await ChooseAbility(page, item, 0);

        var consciousness = AbilityScale.Item(AbilityScale.ConsciousnessItemCode);
        await ChooseAbility(page, consciousness, consciousness.Options.ToList().FindIndex(o => o.IsComa));

        Assert.Equal("88 / 90", Text(page, "ability-total"));
        Assert.Equal("4 级 · 完全失能", Text(page, "ability-level"));
        Assert.Contains("意识水平为昏迷", Text(page, "ability-adjustment"));

        page.Find("[data-testid=ability-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("/elder-care", CurrentPath));
        using var db = Database.Context(UserScope.System);
        Assert.True(db.Residents.AsNoTracking().Single(r => r.Id == _elder.Id).Tags.HasFlag(KeyPopulation.Disabled));
        Assert.Equal("88 分，完全失能（4 级）", Assert.Single(StoredVisits()).FormResult);
    }

    [Fact]
    public void The_exam_form_shows_the_BMI_and_the_self_care_score_as_they_are_entered()
    {
        var page = Open(PlanItemKind.PhysicalExam);
        Assert.Equal("—", Text(page, "exam-bmi"));

        page.Find("[data-testid=exam-height] input, input[data-testid=exam-height]").Input("160");
        page.Find("[data-testid=exam-weight] input, input[data-testid=exam-weight]").Input("64");
        page.WaitForAssertion(() => Assert.Equal("25.0", Text(page, "exam-bmi")));

        page.Find("[data-testid=self-care-Grooming-MildlyDependent]").Click();
        page.WaitForAssertion(() => Assert.Equal("已评 1/5 项", Text(page, "self-care-score")));
        page.Find("[data-testid=self-care-Eating-Independent]").Click();
        page.Find("[data-testid=self-care-Dressing-Independent]").Click();
        page.Find("[data-testid=self-care-Toileting-MildlyDependent]").Click();
        page.Find("[data-testid=self-care-Moving-ModeratelyDependent]").Click();
        page.WaitForAssertion(() => Assert.Equal("7 分 · 轻度依赖", Text(page, "self-care-score")));
    }

    [Fact]
    public void The_integrated_care_form_flags_the_vitals_as_they_are_typed()
    {
        var page = Open(PlanItemKind.IntegratedCare);

        page.Find("[data-testid=vital-systolic] input, input[data-testid=vital-systolic]").Input("185");
        page.Find("[data-testid=vital-diastolic] input, input[data-testid=vital-diastolic]").Input("95");

        page.WaitForAssertion(() => Assert.Contains("收缩压危急（≥180 mmHg），需紧急转诊", Text(page, "vital-flags")));
        Assert.Contains("舒张压偏高（≥90 mmHg）", Text(page, "vital-flags"));
    }

    [Fact]
    public void Another_teams_user_gets_not_found_and_sees_nothing_of_the_resident()
    {
        var page = Open(PlanItemKind.TcmConstitution, _catalogue.DoctorOfTeamB);

        Assert.Equal("未找到该服务项目，或您无权查看。", Text(page, "item-not-found"));
        Assert.DoesNotContain("王老伯", page.Markup);
        Assert.Empty(page.FindAll("[data-testid=tcm-save]"));
    }

    [Fact]
    public void A_declined_item_is_saved_with_its_reason_and_the_user_goes_back_to_the_worklist()
    {
        var page = Open(PlanItemKind.PhysicalExam);

        page.Find("[data-testid=decline-reason] input, input[data-testid=decline-reason]").Change("已在县医院体检");
        page.Find("[data-testid=decline-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("/elder-care", CurrentPath));
        Assert.Equal(PlanItemStatus.Declined, StoredStatus(PlanItemKind.PhysicalExam));
    }
}
