using CareTeams.Domain.Assessments.Tcm;

namespace CareTeams.Tests.Domain.Assessments.Tcm;

public class TcmScoringTests
{
    public static TheoryData<ConstitutionType, int> EveryTypeWithEveryItem()
    {
        var data = new TheoryData<ConstitutionType, int>();
        foreach (var type in ConstitutionTypes.All)
            for (var item = 1; item <= 33; item++)
                data.Add(type, item);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTypeWithEveryItem))]
    public void Each_type_sums_exactly_its_own_items(ConstitutionType type, int item)
    {
        // Baseline: every answer 1. Raising one item to 5 adds 4 to a type that counts it, subtracts 4
        // from 平和质 when the item is one of its reversed items (6 − 5 = 1 instead of 6 − 1 = 5), and
        // leaves every other type alone.
        var result = TcmScoring.Score(TcmTestAnswers.With((item, 5)));

        var counted = TcmQuestionnaire.ItemsOf(type).SingleOrDefault(i => i.Number == item);
        var baseline = type == ConstitutionType.Balanced ? 21 : 4; // 1 + 4 × 5 = 21; 4 × 1 = 4
        var expected = counted is null ? baseline : counted.ReverseScored ? baseline - 4 : baseline + 4;
        Assert.Equal(expected, result.SumOf(type));
    }

    [Fact]
    public void Balanced_reverse_scores_items_2_4_5_13_as_six_minus_the_answer()
    {
        // item 1 = 3 → 3; item 2 = 2 → 6 − 2 = 4; item 4 = 4 → 2; item 5 = 1 → 5; item 13 = 5 → 1.
        // 3 + 4 + 2 + 5 + 1 = 15.
        var result = TcmScoring.Score(TcmTestAnswers.With((1, 3), (2, 2), (4, 4), (5, 1), (13, 5)));

        Assert.Equal(15, result.SumOf(ConstitutionType.Balanced));
        // The same items count forward for the biased types: 气虚质 2 + 1 + 4 + 1 = 8; 阳虚质 1 + 1 + 5 + 1 = 8.
        Assert.Equal(8, result.SumOf(ConstitutionType.QiDeficiency));
        Assert.Equal(8, result.SumOf(ConstitutionType.YangDeficiency));
    }

    [Theory]
    [InlineData(4, TcmJudgement.No)]
    [InlineData(8, TcmJudgement.No)]
    [InlineData(9, TcmJudgement.TendsToBe)]
    [InlineData(10, TcmJudgement.TendsToBe)]
    [InlineData(11, TcmJudgement.Yes)]
    [InlineData(20, TcmJudgement.Yes)]
    public void A_biased_type_is_no_up_to_8_tends_at_9_and_10_and_yes_from_11(int sum, TcmJudgement expected)
    {
        Assert.Equal(expected, TcmScoring.JudgeBiased(sum));
    }

    public static TheoryData<ConstitutionType, int, TcmJudgement> BiasedBoundaries()
    {
        var data = new TheoryData<ConstitutionType, int, TcmJudgement>();
        foreach (var type in ConstitutionTypes.Biased)
        {
            data.Add(type, 8, TcmJudgement.No);
            data.Add(type, 9, TcmJudgement.TendsToBe);
            data.Add(type, 10, TcmJudgement.TendsToBe);
            data.Add(type, 11, TcmJudgement.Yes);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BiasedBoundaries))]
    public void Every_biased_type_is_judged_with_inclusive_bounds_from_its_answers(
        ConstitutionType type, int sum, TcmJudgement expected)
    {
        // e.g. 血瘀质 at 9: items 19, 22, 24, 33 = 5, 2, 1, 1 → 9 (the helper puts the extra 5 on the items in order).
        var result = TcmScoring.Score(TcmAnswers.Create(TcmTestAnswers.Array(TcmTestAnswers.BiasedTypeAt(type, sum))));

        Assert.Equal(sum, result.SumOf(type));
        Assert.Equal(expected, result.JudgementOf(type));
    }

    [Fact]
    public void Balanced_at_17_is_yes_and_at_16_is_no()
    {
        // 17: item 1 = 1; items 2, 4, 5, 13 = 2 → 1 + 4 + 4 + 4 + 4 = 17.
        // Biased: 气虚质 2 + 1 + 2 + 1 = 6; 阳虚质 1 + 1 + 2 + 1 = 5; 气郁质 2 + 1 + 1 + 1 = 5; others 4. All ≤ 8.
        var at17 = TcmScoring.Score(TcmTestAnswers.With((2, 2), (4, 2), (5, 2), (13, 2)));
        Assert.Equal(17, at17.SumOf(ConstitutionType.Balanced));
        Assert.Equal(TcmJudgement.Yes, at17.JudgementOf(ConstitutionType.Balanced));
        Assert.Equal(ConstitutionType.Balanced, at17.GuidanceType);

        // 16: item 13 = 3 instead → 1 + 4 + 4 + 4 + 3 = 16 (阳虚质 becomes 6, still 否).
        var at16 = TcmScoring.Score(TcmTestAnswers.With((2, 2), (4, 2), (5, 2), (13, 3)));
        Assert.Equal(16, at16.SumOf(ConstitutionType.Balanced));
        Assert.Equal(TcmJudgement.No, at16.JudgementOf(ConstitutionType.Balanced));
    }

    [Theory]
    [InlineData(17, new[] { 8, 8, 8, 8, 8, 8, 8, 8 }, TcmJudgement.Yes)]
    [InlineData(17, new[] { 8, 8, 8, 8, 8, 8, 8, 10 }, TcmJudgement.BasicallyYes)]
    [InlineData(17, new[] { 11, 4, 4, 4, 4, 4, 4, 4 }, TcmJudgement.No)]
    [InlineData(16, new[] { 4, 4, 4, 4, 4, 4, 4, 4 }, TcmJudgement.No)]
    public void The_balanced_rule_on_sums(int balancedSum, int[] biasedSums, TcmJudgement expected)
    {
        Assert.Equal(expected, TcmScoring.JudgeBalanced(balancedSum, biasedSums));
    }

    public static TheoryData<ConstitutionType, int, TcmJudgement> BalancedAgainstEachBiasedType()
    {
        var data = new TheoryData<ConstitutionType, int, TcmJudgement>();
        foreach (var type in ConstitutionTypes.Biased)
        {
            data.Add(type, 8, TcmJudgement.Yes);
            data.Add(type, 9, TcmJudgement.BasicallyYes);
            data.Add(type, 10, TcmJudgement.BasicallyYes);
            data.Add(type, 11, TcmJudgement.No);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BalancedAgainstEachBiasedType))]
    public void Balanced_checks_every_one_of_the_eight_biased_types(
        ConstitutionType type, int biasedSum, TcmJudgement expectedBalanced)
    {
        // Only one biased type is raised (the others stay at 4); its extra goes on items 平和质 does not
        // use (气虚质: items 3 and 14; 阳虚质: 11, 12, 29; 气郁质: 6, 7, 8), so 平和质 stays at
        // 1 + 4 × 5 = 21 ≥ 17 and only the biased type decides: ≤ 8 是, 9–10 基本是, 11 否.
        var result = TcmScoring.Score(TcmAnswers.Create(TcmTestAnswers.Array(TcmTestAnswers.BiasedTypeAt(type, biasedSum))));

        Assert.Equal(21, result.SumOf(ConstitutionType.Balanced));
        Assert.Equal(biasedSum, result.SumOf(type));
        Assert.Equal(expectedBalanced, result.JudgementOf(ConstitutionType.Balanced));
    }

    [Fact]
    public void Two_biased_types_judged_yes_are_both_recorded_and_guidance_follows_the_higher()
    {
        // 痰湿质 (9, 16, 28, 32) = 3 + 3 + 3 + 3 = 12 → 是; 湿热质 (23, 25, 27, 30) = 4 + 4 + 3 + 3 = 14 → 是.
        var result = TcmScoring.Score(TcmTestAnswers.With(
            (9, 3), (16, 3), (28, 3), (32, 3),
            (23, 4), (25, 4), (27, 3), (30, 3)));

        Assert.Equal(12, result.SumOf(ConstitutionType.PhlegmDampness));
        Assert.Equal(14, result.SumOf(ConstitutionType.DampHeat));
        Assert.True(result.IsMixed);
        Assert.Equal([ConstitutionType.DampHeat, ConstitutionType.PhlegmDampness], result.TypesJudgedYes);
        Assert.Equal(ConstitutionType.DampHeat, result.GuidanceType);
        Assert.DoesNotContain(TcmFlag.TieForPhysician, result.Flags);
        // 平和质 21 but a biased type is above 10 → 否.
        Assert.Equal(TcmJudgement.No, result.JudgementOf(ConstitutionType.Balanced));
        Assert.False(result.NeedsRecollection);
        Assert.Equal(ConstitutionType.DampHeat, Assert.Single(TcmGuidance.For(result)).Type);
    }

    [Fact]
    public void A_tie_for_the_highest_yes_type_is_left_to_the_physician()
    {
        // 痰湿质 3 + 3 + 3 + 3 = 12; 湿热质 3 + 3 + 3 + 3 = 12; 血瘀质 (19, 22, 24, 33) = 3 + 3 + 3 + 2 = 11.
        var result = TcmScoring.Score(TcmTestAnswers.With(
            (9, 3), (16, 3), (28, 3), (32, 3),
            (23, 3), (25, 3), (27, 3), (30, 3),
            (19, 3), (22, 3), (24, 3), (33, 2)));

        Assert.Equal(3, result.TypesJudgedYes.Count);
        Assert.Null(result.GuidanceType);
        Assert.True(result.HasFlag(TcmFlag.TieForPhysician));
        Assert.Equal([ConstitutionType.PhlegmDampness, ConstitutionType.DampHeat], result.TiedTypes);
        Assert.Equal([ConstitutionType.PhlegmDampness, ConstitutionType.DampHeat], TcmGuidance.For(result).Select(g => g.Type));
    }

    [Fact]
    public void Yin_and_yang_deficiency_both_yes_is_flagged_as_contradictory()
    {
        // 阴虚质 (10, 21, 26, 31) = 3 + 3 + 3 + 3 = 12; 阳虚质 (11, 12, 13, 29) = 3 + 3 + 2 + 3 = 11.
        var result = TcmScoring.Score(TcmTestAnswers.With(
            (10, 3), (21, 3), (26, 3), (31, 3),
            (11, 3), (12, 3), (13, 2), (29, 3)));

        Assert.Equal(12, result.SumOf(ConstitutionType.YinDeficiency));
        Assert.Equal(11, result.SumOf(ConstitutionType.YangDeficiency));
        Assert.True(result.HasFlag(TcmFlag.Contradictory));
        Assert.True(result.NeedsRecollection);
        Assert.Equal(ConstitutionType.YinDeficiency, result.GuidanceType);
    }

    [Fact]
    public void Yin_yes_with_yang_only_tending_is_not_contradictory()
    {
        // 阴虚质 12 → 是; 阳虚质 (11, 12, 13, 29) = 3 + 3 + 1 + 3 = 10 → 倾向是.
        var result = TcmScoring.Score(TcmTestAnswers.With(
            (10, 3), (21, 3), (26, 3), (31, 3),
            (11, 3), (12, 3), (29, 3)));

        Assert.Equal(TcmJudgement.TendsToBe, result.JudgementOf(ConstitutionType.YangDeficiency));
        Assert.False(result.HasFlag(TcmFlag.Contradictory));
        Assert.Equal(ConstitutionType.YinDeficiency, result.GuidanceType);
    }

    [Fact]
    public void No_type_at_all_is_flagged_for_recollection()
    {
        // Item 1 = 1; items 2, 4, 5, 13 = 3 → 平和质 1 + 3 + 3 + 3 + 3 = 13 < 17 → 否.
        // 气虚质 (2, 3, 4, 14) = 3 + 1 + 3 + 1 = 8; 气郁质 3 + 1 + 1 + 1 = 6; 阳虚质 1 + 1 + 3 + 1 = 6;
        // others 4: every biased type ≤ 8 → 否.
        var result = TcmScoring.Score(TcmTestAnswers.With((2, 3), (4, 3), (5, 3), (13, 3)));

        Assert.Equal(13, result.SumOf(ConstitutionType.Balanced));
        Assert.Equal(8, result.SumOf(ConstitutionType.QiDeficiency));
        Assert.All(result.Scores, s => Assert.Equal(TcmJudgement.No, s.Judgement));
        Assert.True(result.HasFlag(TcmFlag.NoTypeFound));
        Assert.False(result.HasFlag(TcmFlag.TieForPhysician));
        Assert.True(result.NeedsRecollection);
        Assert.Null(result.GuidanceType);
        Assert.Empty(TcmGuidance.For(result));
    }

    [Fact]
    public void A_type_only_tending_is_a_type_found_and_gets_the_guidance()
    {
        // As above (平和质 13 → 否) plus 血瘀质 (19, 22, 24, 33) = 3 + 2 + 2 + 2 = 9 → 倾向是.
        var result = TcmScoring.Score(TcmTestAnswers.With(
            (2, 3), (4, 3), (5, 3), (13, 3),
            (19, 3), (22, 2), (24, 2), (33, 2)));

        Assert.Equal(9, result.SumOf(ConstitutionType.BloodStasis));
        Assert.Empty(result.TypesJudgedYes);
        Assert.False(result.HasFlag(TcmFlag.NoTypeFound));
        Assert.Equal(ConstitutionType.BloodStasis, result.GuidanceType);
    }

    [Fact]
    public void Basically_balanced_with_a_tending_type_follows_the_tending_type()
    {
        // 平和质 21; 特禀质 (15, 17, 18, 20) = 2 + 2 + 2 + 4 = 10 → 倾向是; so 平和质 基本是.
        var result = TcmScoring.Score(TcmTestAnswers.With((15, 2), (17, 2), (18, 2), (20, 4)));

        Assert.Equal(TcmJudgement.BasicallyYes, result.JudgementOf(ConstitutionType.Balanced));
        Assert.Equal(ConstitutionType.Inherited, result.GuidanceType);
        Assert.Empty(result.Flags);
    }

    [Fact]
    public void The_result_lists_all_nine_types()
    {
        var result = TcmScoring.Score(TcmAnswers.Create(TcmTestAnswers.Baseline()));

        Assert.Equal(ConstitutionTypes.All, result.Scores.Select(s => s.Type));
        Assert.Equal(TcmJudgement.Yes, result.JudgementOf(ConstitutionType.Balanced));
        Assert.Equal(ConstitutionType.Balanced, result.GuidanceType);
    }
}
