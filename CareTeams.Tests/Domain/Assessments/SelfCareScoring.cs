using CareTeams.Domain.Assessments;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Assessments;

public class SelfCareScoring
{
    private static Dictionary<SelfCareItem, SelfCareLevel> Answers(
        SelfCareLevel eating = SelfCareLevel.Independent, SelfCareLevel grooming = SelfCareLevel.Independent,
        SelfCareLevel dressing = SelfCareLevel.Independent, SelfCareLevel toileting = SelfCareLevel.Independent,
        SelfCareLevel moving = SelfCareLevel.Independent) => new()
    {
        [SelfCareItem.Eating] = eating,
        [SelfCareItem.Grooming] = grooming,
        [SelfCareItem.Dressing] = dressing,
        [SelfCareItem.Toileting] = toileting,
        [SelfCareItem.Moving] = moving,
    };

    [Theory]
    [InlineData(SelfCareItem.Eating, 0, 0, 3, 5)]
    [InlineData(SelfCareItem.Grooming, 0, 1, 3, 7)]
    [InlineData(SelfCareItem.Dressing, 0, 0, 3, 5)]
    [InlineData(SelfCareItem.Toileting, 0, 1, 5, 10)]
    [InlineData(SelfCareItem.Moving, 0, 1, 5, 10)]
    public void Each_item_scores_by_the_table(SelfCareItem item, int independent, int mild, int moderate, int dependent)
    {
        Assert.Equal(independent, SelfCareAssessment.PointsFor(item, SelfCareLevel.Independent));
        Assert.Equal(mild, SelfCareAssessment.PointsFor(item, SelfCareLevel.MildlyDependent));
        Assert.Equal(moderate, SelfCareAssessment.PointsFor(item, SelfCareLevel.ModeratelyDependent));
        Assert.Equal(dependent, SelfCareAssessment.PointsFor(item, SelfCareLevel.Dependent));
    }

    [Fact]
    public void All_independent_is_zero_and_independent()
    {
        var result = SelfCareAssessment.Score(Answers());
        Assert.Equal(0, result.Total);
        Assert.Equal(SelfCareLevel.Independent, result.Band);
    }

    [Fact]
    public void All_dependent_is_37()
    {
        // 5 + 7 + 5 + 10 + 10 = 37
        var d = SelfCareLevel.Dependent;
        var result = SelfCareAssessment.Score(Answers(d, d, d, d, d));
        Assert.Equal(37, result.Total);
        Assert.Equal(SelfCareLevel.Dependent, result.Band);
    }

    [Fact]
    public void Mixed_answers_add_up()
    {
        // 进餐 中度 3 + 梳洗 轻度 1 + 穿衣 轻度 0 + 如厕 中度 5 + 活动 不能自理 10 = 19
        var result = SelfCareAssessment.Score(Answers(
            SelfCareLevel.ModeratelyDependent, SelfCareLevel.MildlyDependent, SelfCareLevel.MildlyDependent,
            SelfCareLevel.ModeratelyDependent, SelfCareLevel.Dependent));
        Assert.Equal(19, result.Total);
        Assert.Equal(SelfCareLevel.Dependent, result.Band);
    }

    [Theory]
    [InlineData(0, SelfCareLevel.Independent)]
    [InlineData(3, SelfCareLevel.Independent)]
    [InlineData(4, SelfCareLevel.MildlyDependent)]
    [InlineData(8, SelfCareLevel.MildlyDependent)]
    [InlineData(9, SelfCareLevel.ModeratelyDependent)]
    [InlineData(18, SelfCareLevel.ModeratelyDependent)]
    [InlineData(19, SelfCareLevel.Dependent)]
    [InlineData(37, SelfCareLevel.Dependent)]
    public void Band_boundaries(int total, SelfCareLevel band) => Assert.Equal(band, SelfCareAssessment.BandOf(total));

    [Fact]
    public void Band_boundaries_reached_through_answers()
    {
        var (i, m, mo, d) = (SelfCareLevel.Independent, SelfCareLevel.MildlyDependent, SelfCareLevel.ModeratelyDependent, SelfCareLevel.Dependent);
        // 3: 进餐 中度 3 → 可自理
        Assert.Equal((3, i), Result(Answers(eating: mo)));
        // 4: 进餐 中度 3 + 梳洗 轻度 1 → 轻度依赖
        Assert.Equal((4, m), Result(Answers(eating: mo, grooming: m)));
        // 8: 梳洗 不能自理 7 + 如厕 轻度 1 → 轻度依赖
        Assert.Equal((8, m), Result(Answers(grooming: d, toileting: m)));
        // 9: 梳洗 不能自理 7 + 如厕 轻度 1 + 活动 轻度 1 → 中度依赖
        Assert.Equal((9, mo), Result(Answers(grooming: d, toileting: m, moving: m)));
        // 18: 如厕 不能自理 10 + 活动 中度 5 + 进餐 中度 3 → 中度依赖
        Assert.Equal((18, mo), Result(Answers(eating: mo, toileting: d, moving: mo)));
        // 19: the same + 梳洗 轻度 1 → 不能自理
        Assert.Equal((19, d), Result(Answers(eating: mo, grooming: m, toileting: d, moving: mo)));

        static (int, SelfCareLevel) Result(Dictionary<SelfCareItem, SelfCareLevel> answers)
        {
            var r = SelfCareAssessment.Score(answers);
            return (r.Total, r.Band);
        }
    }

    [Fact]
    public void Incomplete_answers_are_refused_naming_the_missing_items()
    {
        var answers = Answers();
        answers.Remove(SelfCareItem.Grooming);
        answers.Remove(SelfCareItem.Moving);
        var ex = Assert.Throws<DomainException>(() => SelfCareAssessment.Score(answers));
        Assert.Equal("self-care.incomplete", ex.Code);
        Assert.Contains("梳洗", ex.Message);
        Assert.Contains("活动", ex.Message);
        Assert.DoesNotContain("进餐", ex.Message);
    }
}
