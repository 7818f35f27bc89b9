using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Visits;

namespace CareTeams.Tests.Domain.Visits;

/// <summary>The result text (and score) each standard form leaves on its visit, for lists and the read-only view.</summary>
public sealed class VisitFormResults
{
    /// <summary>33 answers of 1 with the given items set.</summary>
    private static TcmAnswers Answers(int rest, params (int[] Items, int Answer)[] set)
    {
        var answers = Enumerable.Repeat(rest, TcmQuestionnaire.ItemCount).ToArray();
        foreach (var (items, answer) in set)
            foreach (var n in items)
                answers[n - 1] = answer;
        return TcmAnswers.Create(answers);
    }

    private static VisitForm Tcm(TcmAnswers answers) => VisitForm.Tcm(answers, TcmScoring.Score(answers));

    [Fact]
    public void A_balanced_elder_is_written_as_such_with_its_judgement()
    {
        var form = Tcm(Answers(1));

        Assert.Equal("平和质（是）", form.Result);
        Assert.Equal(VisitFormKind.TcmConstitution, form.Kind);
        Assert.Null(form.Score);
        Assert.Equal("[" + string.Join(",", Enumerable.Repeat(1, 33)) + "]", form.Answers);
    }

    [Fact]
    public void The_types_judged_yes_come_first_then_the_tending_ones()
    {
        Assert.Equal("气虚质（是）", Tcm(Answers(1, ([2, 3, 4, 14], 4))).Result);
        // 气虚质 10 → 倾向是; 平和质 17 with every biased type ≤ 10 → 基本是.
        Assert.Equal("平和质（基本是）；倾向：气虚质", Tcm(Answers(1, ([2, 3, 4], 3))).Result);
        Assert.Equal("痰湿质（是）；倾向：气虚质", Tcm(Answers(1, ([9, 16, 28, 32], 4), ([2, 3, 4], 3))).Result);
    }

    [Fact]
    public void A_tie_is_left_to_the_physician_and_contradictory_or_empty_results_ask_for_recollection()
    {
        Assert.Equal("气虚质、气郁质（是）；并列最高，由中医师确定指导体质", Tcm(Answers(1, ([2, 3, 4, 14, 5, 6, 7, 8], 4))).Result);
        Assert.Equal("气虚质、阳虚质、阴虚质、痰湿质、湿热质、血瘀质、气郁质、特禀质（是）；需重新采集", Tcm(Answers(3)).Result);
        Assert.Equal("未判定出体质类型；需重新采集", Tcm(Answers(1, ([2, 4, 5, 13], 3))).Result);
    }

    [Fact]
    public void An_ability_assessment_gives_total_level_and_its_number_and_keeps_the_answers()
    {
        var all = AbilityScale.Items.ToDictionary(i => i.Code, i => i.MaxPoints);
        var intact = VisitForm.Ability(AbilityAssessment.Score(TestDates.Today, AbilityAssessmentReason.Routine, all));
        var coma = VisitForm.Ability(AbilityAssessment.Score(TestDates.Today, AbilityAssessmentReason.Immediate,
            new Dictionary<string, int>(all) { [AbilityScale.ConsciousnessItemCode] = 0 }, inComa: true));

        Assert.Equal(("90 分，能力完好（0 级）", 90, VisitFormKind.AbilityAssessment), (intact.Result, intact.Score, intact.Kind));
        Assert.Equal(("88 分，完全失能（4 级）", 88), (coma.Result, coma.Score));
        Assert.Contains("\"InComa\":true", coma.Answers);
        Assert.Contains("\"B.3.9\":0", coma.Answers);
    }

    [Fact]
    public void An_exam_says_normal_or_the_abnormality_with_BMI_to_one_decimal_and_the_self_care_score()
    {
        var plain = PhysicalExamRecord.Record(1, new PhysicalExamInput(TestDates.Today, new ExamGeneral(), ExamResult.Normal), TestDates.Today);
        var full = PhysicalExamRecord.Record(1, new PhysicalExamInput(TestDates.Today,
            new ExamGeneral(HeightCm: 160m, WeightKg: 64m, WaistCm: 88m), ExamResult.Abnormal("血压偏高"),
            SelfCare: SelfCareAssessment.Score(new Dictionary<SelfCareItem, SelfCareLevel>
            {
                [SelfCareItem.Eating] = SelfCareLevel.ModeratelyDependent,
                [SelfCareItem.Grooming] = SelfCareLevel.ModeratelyDependent,
                [SelfCareItem.Dressing] = SelfCareLevel.ModeratelyDependent,
                [SelfCareItem.Toileting] = SelfCareLevel.Independent,
                [SelfCareItem.Moving] = SelfCareLevel.Independent,
            })), TestDates.Today);

        Assert.Equal(("体检无异常", (int?)null), (VisitForm.Exam(plain).Result, VisitForm.Exam(plain).Score));
        var form = VisitForm.Exam(full);
        Assert.Equal("体检异常：血压偏高；BMI 25.0；自理评分 9（中度依赖）", form.Result);
        Assert.Equal((VisitFormKind.PhysicalExam, 9), (form.Kind, form.Score));
        Assert.Contains("\"WaistCm\":88", form.Answers);
        Assert.Contains("\"Description\":\"血压偏高\"", form.Answers);
    }

    [Fact]
    public void An_integrated_care_form_is_the_services_provided()
    {
        var form = VisitForm.IntegratedCare("健康评估、用药指导");

        Assert.Equal((VisitFormKind.IntegratedCare, "健康评估、用药指导", (int?)null), (form.Kind, form.Result, form.Score));
    }
}
