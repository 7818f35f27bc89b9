using CareTeams.Domain.Assessments;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Assessments;

public class AbilityScoring
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Every item at its best option: 90 points.</summary>
    private static Dictionary<string, int> Best() => AbilityScale.Items.ToDictionary(i => i.Code, i => i.MaxPoints);

    /// <summary>Answers totalling exactly <paramref name="total"/>, taking points off items in form order.</summary>
    private static Dictionary<string, int> Totalling(int total)
    {
        var answers = Best();
        var toRemove = 90 - total;
        foreach (var item in AbilityScale.Items)
        {
            var cut = Math.Min(toRemove, item.MaxPoints - item.MinPoints);
            answers[item.Code] = item.MaxPoints - cut;
            toRemove -= cut;
        }
        Assert.Equal(0, toRemove);
        return answers;
    }

    private static AbilityAssessment Score(
        Dictionary<string, int> answers, bool coma = false, IEnumerable<Diagnosis>? diagnoses = null,
        IEnumerable<CareRiskEvent>? events = null) =>
        AbilityAssessment.Score(Today, AbilityAssessmentReason.Routine, answers, coma, diagnoses, events);

    [Fact]
    public void The_table_has_26_items_in_4_dimensions()
    {
        Assert.Equal(26, AbilityScale.Items.Count);
        Assert.Equal(8, AbilityScale.Items.Count(i => i.Dimension == AbilityDimension.SelfCare));
        Assert.Equal(4, AbilityScale.Items.Count(i => i.Dimension == AbilityDimension.BasicMobility));
        Assert.Equal(9, AbilityScale.Items.Count(i => i.Dimension == AbilityDimension.MentalState));
        Assert.Equal(5, AbilityScale.Items.Count(i => i.Dimension == AbilityDimension.PerceptionAndSocialParticipation));
    }

    [Fact]
    public void Dimension_maxima_come_from_the_data_table()
    {
        // 自理能力 8 × 4 = 32
        Assert.Equal(32, AbilityScale.MaxOf(AbilityDimension.SelfCare));
        // 基础运动能力 4 + 4 + 4 + 3 = 15
        Assert.Equal(15, AbilityScale.MaxOf(AbilityDimension.BasicMobility));
        // 精神状态 6 × 4 + 1 + 1 + 2 = 28
        Assert.Equal(28, AbilityScale.MaxOf(AbilityDimension.MentalState));
        // 感知觉与社会参与 2 + 2 + 4 + 3 + 4 = 15
        Assert.Equal(15, AbilityScale.MaxOf(AbilityDimension.PerceptionAndSocialParticipation));
        Assert.Equal(90, AbilityScale.MaxTotal);
        // and straight from the rows, without the Items grouping
        Assert.Equal(90, AbilityScale.Table.GroupBy(o => o.ItemCode).Sum(g => g.Max(o => o.Points)));
    }

    [Theory]
    [InlineData("上下楼梯", 3)]
    [InlineData("攻击行为", 1)]
    [InlineData("抑郁症状", 1)]
    [InlineData("意识水平", 2)]
    [InlineData("视力", 2)]
    [InlineData("听力", 2)]
    [InlineData("执行日常事务", 4)]
    [InlineData("使用交通工具外出", 3)]
    [InlineData("社会交往能力", 4)]
    [InlineData("进食", 4)]
    public void Item_maxima(string name, int max)
    {
        var item = AbilityScale.Items.Single(i => i.Name == name);
        Assert.Equal(max, item.MaxPoints);
        Assert.Equal(0, item.MinPoints);
        // every value from 0 to max is an option
        Assert.All(Enumerable.Range(0, max + 1), p => Assert.True(item.Allows(p)));
    }

    [Fact]
    public void Every_option_has_text_and_one_dimension_per_item()
    {
        Assert.All(AbilityScale.Table, o => Assert.False(string.IsNullOrWhiteSpace(o.OptionText)));
        Assert.All(AbilityScale.Table.GroupBy(o => o.ItemCode), g => Assert.Single(g.Select(o => (o.Dimension, o.ItemName)).Distinct()));
        Assert.Single(AbilityScale.Table, o => o.IsComa);
    }

    [Theory]
    [InlineData(90, AbilityLevel.Intact)]
    [InlineData(89, AbilityLevel.MildlyImpaired)]
    [InlineData(66, AbilityLevel.MildlyImpaired)]
    [InlineData(65, AbilityLevel.ModeratelyImpaired)]
    [InlineData(46, AbilityLevel.ModeratelyImpaired)]
    [InlineData(45, AbilityLevel.SeverelyImpaired)]
    [InlineData(30, AbilityLevel.SeverelyImpaired)]
    [InlineData(29, AbilityLevel.CompletelyLost)]
    [InlineData(0, AbilityLevel.CompletelyLost)]
    public void Level_boundaries(int total, AbilityLevel level)
    {
        Assert.Equal(level, AbilityAssessment.LevelOf(total));
        var result = Score(Totalling(total));
        Assert.Equal(total, result.Total);
        Assert.Equal(level, result.BaseLevel);
        Assert.Equal(level, result.FinalLevel);
        Assert.Equal(AbilityAdjustment.None, result.Adjustment);
        Assert.Equal(total < 90, result.IsDisabled);
    }

    [Fact]
    public void Dimension_scores_add_to_the_total()
    {
        var answers = Best();
        answers["B.1.1"] = 2;  // 进食 −2 → 自理能力 30
        answers["B.2.4"] = 0;  // 上下楼梯 −3 → 基础运动能力 12
        answers["B.3.7"] = 0;  // 攻击行为 −1 → 精神状态 27
        answers["B.4.1"] = 1;  // 视力 −1 → 感知觉与社会参与 14
        var result = Score(answers);
        Assert.Equal(30, result.DimensionScores[AbilityDimension.SelfCare]);
        Assert.Equal(12, result.DimensionScores[AbilityDimension.BasicMobility]);
        Assert.Equal(27, result.DimensionScores[AbilityDimension.MentalState]);
        Assert.Equal(14, result.DimensionScores[AbilityDimension.PerceptionAndSocialParticipation]);
        Assert.Equal(83, result.Total); // 90 − 7
        Assert.Equal(AbilityLevel.MildlyImpaired, result.FinalLevel);
    }

    [Fact]
    public void Coma_is_level_4_whatever_the_score()
    {
        var answers = Best();
        answers[AbilityScale.ConsciousnessItemCode] = 0; // 88 points → base level 1
        var result = Score(answers, coma: true);
        Assert.Equal(88, result.Total);
        Assert.Equal(AbilityLevel.MildlyImpaired, result.BaseLevel);
        Assert.Equal(AbilityLevel.CompletelyLost, result.FinalLevel);
        Assert.Equal(AbilityAdjustment.Coma, result.Adjustment);
    }

    [Fact]
    public void Coma_needs_the_zero_point_consciousness_answer()
    {
        var ex = Assert.Throws<DomainException>(() => Score(Best(), coma: true));
        Assert.Equal("ability.coma-points", ex.Code);
    }

    [Theory]
    [InlineData("F00.1")]
    [InlineData("F03")]
    [InlineData("f01.9")]
    public void Dementia_raises_one_step(string icd10)
    {
        // 70 → base 1 轻度失能 → final 2
        var result = Score(Totalling(70), diagnoses: [new Diagnosis(icd10)]);
        Assert.Equal(AbilityLevel.MildlyImpaired, result.BaseLevel);
        Assert.Equal(AbilityLevel.ModeratelyImpaired, result.FinalLevel);
        Assert.Equal(AbilityAdjustment.RaisedOneStep, result.Adjustment);
        Assert.Equal([AbilityRaiseReason.Dementia], result.RaiseReasons);
    }

    [Fact]
    public void Dementia_raises_a_full_score_to_mildly_impaired()
    {
        var result = Score(Best(), diagnoses: [new Diagnosis("F02.0")]);
        Assert.Equal(AbilityLevel.Intact, result.BaseLevel);
        Assert.Equal(AbilityLevel.MildlyImpaired, result.FinalLevel);
        Assert.True(result.IsDisabled);
    }

    [Fact]
    public void Other_mental_disorder_raises_only_when_a_psychiatrist_diagnosed_it()
    {
        Assert.Equal(AbilityLevel.MildlyImpaired, Score(Totalling(70), diagnoses: [new Diagnosis("F32.1")]).FinalLevel);
        var raised = Score(Totalling(70), diagnoses: [new Diagnosis("F32.1", ByPsychiatrist: true)]);
        Assert.Equal(AbilityLevel.ModeratelyImpaired, raised.FinalLevel);
        Assert.Equal([AbilityRaiseReason.MentalDisorder], raised.RaiseReasons);
        // a non-F code never raises
        Assert.Equal(AbilityLevel.MildlyImpaired, Score(Totalling(70), diagnoses: [new Diagnosis("I10", true)]).FinalLevel);
    }

    [Fact]
    public void Two_care_risk_events_in_30_days_raise_one_step()
    {
        CareRiskEvent[] one = [new(CareRiskEventKind.Fall, Today.AddDays(-3))];
        Assert.Equal(AbilityLevel.ModeratelyImpaired, Score(Totalling(50), events: one).FinalLevel);

        CareRiskEvent[] two = [new(CareRiskEventKind.Fall, Today.AddDays(-3)), new(CareRiskEventKind.Choking, Today.AddDays(-30))];
        var raised = Score(Totalling(50), events: two);
        Assert.Equal(AbilityLevel.SeverelyImpaired, raised.FinalLevel);
        Assert.Equal([AbilityRaiseReason.CareRiskEvents], raised.RaiseReasons);

        // 31 days ago is outside the window
        CareRiskEvent[] old = [new(CareRiskEventKind.Fall, Today.AddDays(-3)), new(CareRiskEventKind.WanderingOff, Today.AddDays(-31))];
        Assert.Equal(AbilityLevel.ModeratelyImpaired, Score(Totalling(50), events: old).FinalLevel);
    }

    [Fact]
    public void Several_adjustments_still_raise_only_once()
    {
        // 50 → base 2; dementia + psychiatric diagnosis + two events → 3, not 5
        var result = Score(Totalling(50),
            diagnoses: [new Diagnosis("F01"), new Diagnosis("F20.0", ByPsychiatrist: true)],
            events: [new(CareRiskEventKind.Fall, Today), new(CareRiskEventKind.SuicideOrSelfHarm, Today.AddDays(-1))]);
        Assert.Equal(AbilityLevel.ModeratelyImpaired, result.BaseLevel);
        Assert.Equal(AbilityLevel.SeverelyImpaired, result.FinalLevel);
        Assert.Equal(3, result.RaiseReasons.Count);
    }

    [Fact]
    public void Raising_is_capped_at_4()
    {
        var result = Score(Totalling(20), diagnoses: [new Diagnosis("F00")]);
        Assert.Equal(AbilityLevel.CompletelyLost, result.BaseLevel);
        Assert.Equal(AbilityLevel.CompletelyLost, result.FinalLevel);
        Assert.Equal(AbilityAdjustment.None, result.Adjustment);
    }

    [Fact]
    public void Points_not_defined_for_the_item_are_refused()
    {
        var answers = Best();
        answers["B.2.4"] = 4; // 上下楼梯 only goes to 3
        answers["B.3.7"] = 2; // 攻击行为 only 0–1
        var ex = Assert.Throws<DomainException>(() => Score(answers));
        Assert.Equal("ability.invalid-points", ex.Code);
        Assert.Contains("上下楼梯", ex.Message);
        Assert.Contains("攻击行为", ex.Message);
    }

    [Fact]
    public void Missing_items_are_refused_by_name()
    {
        var answers = Best();
        answers.Remove("B.4.2");
        var ex = Assert.Throws<DomainException>(() => Score(answers));
        Assert.Equal("ability.incomplete", ex.Code);
        Assert.Contains("听力", ex.Message);
    }
}
