using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Assessments.Tcm;

public class TcmQuestionnaireTests
{
    [Fact]
    public void The_form_has_33_items_numbered_1_to_33_each_with_five_answers()
    {
        Assert.Equal(33, TcmQuestionnaire.Items.Count);
        Assert.Equal(Enumerable.Range(1, 33), TcmQuestionnaire.Items.Select(i => i.Number));
        Assert.All(TcmQuestionnaire.Items, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Text));
            Assert.Equal(5, i.AnswerLabels.Count);
        });
    }

    [Fact]
    public void The_standard_answers_are_the_five_levels_scored_1_to_5()
    {
        Assert.Equal(
            ["没有（根本不）", "很少（有一点）", "有时（有些）", "经常（相当）", "总是（非常）"],
            TcmQuestionnaire.StandardAnswerLabels);
    }

    [Fact]
    public void Only_items_9_14_17_and_28_have_their_own_anchors()
    {
        Assert.Equal([9, 14, 17, 28], TcmQuestionnaire.Items.Where(i => i.HasSpecialAnchors).Select(i => i.Number));
        Assert.Equal(TcmQuestionnaire.Item9Anchors, TcmQuestionnaire.Item(9).AnswerLabels);
        Assert.Equal(TcmQuestionnaire.Item14Anchors, TcmQuestionnaire.Item(14).AnswerLabels);
        Assert.Equal(TcmQuestionnaire.Item17Anchors, TcmQuestionnaire.Item(17).AnswerLabels);
        Assert.Equal(TcmQuestionnaire.Item28Anchors, TcmQuestionnaire.Item(28).AnswerLabels);
    }

    [Fact]
    public void The_special_anchors_follow_the_domain_bands()
    {
        Assert.Equal(["BMI＜24", "24≤BMI＜25", "25≤BMI＜26", "26≤BMI＜28", "BMI≥28"], TcmQuestionnaire.Item9Anchors);
        Assert.Equal(["一年感冒少于2次", "一年感冒2～4次", "一年感冒5～6次", "一年感冒8次以上", "几乎每月都感冒"],
            TcmQuestionnaire.Item14Anchors);
        Assert.Equal(["从来没有", "一年1～2次", "一年3～4次", "一年5～6次", "每次遇到上述原因都过敏"],
            TcmQuestionnaire.Item17Anchors);
        Assert.Equal(["腹围＜80cm", "腹围80～85cm", "腹围86～90cm", "腹围91～105cm", "腹围＞105cm"],
            TcmQuestionnaire.Item28Anchors);
    }

    [Theory]
    [InlineData(ConstitutionType.QiDeficiency, new[] { 2, 3, 4, 14 })]
    [InlineData(ConstitutionType.YangDeficiency, new[] { 11, 12, 13, 29 })]
    [InlineData(ConstitutionType.YinDeficiency, new[] { 10, 21, 26, 31 })]
    [InlineData(ConstitutionType.PhlegmDampness, new[] { 9, 16, 28, 32 })]
    [InlineData(ConstitutionType.DampHeat, new[] { 23, 25, 27, 30 })]
    [InlineData(ConstitutionType.BloodStasis, new[] { 19, 22, 24, 33 })]
    [InlineData(ConstitutionType.QiStagnation, new[] { 5, 6, 7, 8 })]
    [InlineData(ConstitutionType.Inherited, new[] { 15, 17, 18, 20 })]
    public void Each_biased_type_counts_exactly_its_four_items_none_reversed(ConstitutionType type, int[] items)
    {
        Assert.Equal(items, TcmQuestionnaire.ItemsOf(type).Select(i => i.Number));
        Assert.DoesNotContain(TcmQuestionnaire.ItemsOf(type), i => i.ReverseScored);
    }

    [Fact]
    public void Balanced_counts_item_1_and_reverse_scores_items_2_4_5_13()
    {
        Assert.Equal(
            [new TcmTypeItem(1), new(2, true), new(4, true), new(5, true), new(13, true)],
            TcmQuestionnaire.ItemsOf(ConstitutionType.Balanced));
    }

    [Fact]
    public void Every_item_counts_for_some_type_and_no_item_for_two_biased_types()
    {
        var biased = ConstitutionTypes.Biased.SelectMany(t => TcmQuestionnaire.ItemsOf(t).Select(i => i.Number)).ToList();
        Assert.Equal(32, biased.Count);
        Assert.Equal(32, biased.Distinct().Count());
        // 32 items in the biased types + item 1 (平和质 only) = all 33.
        Assert.Equal(Enumerable.Range(1, 33), biased.Append(1).Order());
    }

    // BMI bands (DOMAIN.md): < 24 / 24–<25 / 25–<26 / 26–<28 / ≥ 28; every band includes its lower edge.
    [Theory]
    [InlineData("18.5", 1)]
    [InlineData("23.99", 1)]
    [InlineData("24", 2)]
    [InlineData("24.99", 2)]
    [InlineData("25", 3)]
    [InlineData("25.99", 3)]
    [InlineData("26", 4)]
    [InlineData("27.99", 4)]
    [InlineData("28", 5)]
    [InlineData("35", 5)]
    public void Item_9_is_proposed_from_the_BMI_band(string bmi, int expected)
    {
        Assert.Equal(expected, TcmQuestionnaire.ProposeAnswerForItem9(decimal.Parse(bmi, System.Globalization.CultureInfo.InvariantCulture)));
    }

    // Waist bands (DOMAIN.md): < 80 / 80–85 / 86–90 / 91–105 / > 105 cm. The printed edges are kept as
    // written; a fractional value between two bands (85–86, 90–91) belongs to the lower band.
    [Theory]
    [InlineData("79.9", 1)]
    [InlineData("80", 2)]
    [InlineData("85", 2)]
    [InlineData("85.5", 2)]
    [InlineData("86", 3)]
    [InlineData("90", 3)]
    [InlineData("90.5", 3)]
    [InlineData("91", 4)]
    [InlineData("105", 4)]
    [InlineData("105.1", 5)]
    [InlineData("106", 5)]
    public void Item_28_is_proposed_from_the_waist_band(string waistCm, int expected)
    {
        Assert.Equal(expected, TcmQuestionnaire.ProposeAnswerForItem28(decimal.Parse(waistCm, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_BMI_or_waist_of_zero_or_less_cannot_propose_an_answer()
    {
        Assert.Equal("tcm.item9.bmi_invalid",
            Assert.Throws<DomainException>(() => TcmQuestionnaire.ProposeAnswerForItem9(0m)).Code);
        Assert.Equal("tcm.item28.waist_invalid",
            Assert.Throws<DomainException>(() => TcmQuestionnaire.ProposeAnswerForItem28(-1m)).Code);
    }

    [Fact]
    public void Types_have_their_Chinese_names()
    {
        Assert.Equal(
            ["气虚质", "阳虚质", "阴虚质", "痰湿质", "湿热质", "血瘀质", "气郁质", "特禀质", "平和质"],
            ConstitutionTypes.All.Select(t => t.ChineseName()));
    }
}
