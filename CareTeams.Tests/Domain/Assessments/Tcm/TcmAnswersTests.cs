using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Assessments.Tcm;

public class TcmAnswersTests
{
    [Fact]
    public void A_complete_set_of_33_answers_from_1_to_5_is_accepted()
    {
        var answers = TcmTestAnswers.With((1, 5), (33, 3));

        Assert.Equal(5, answers[1]);
        Assert.Equal(1, answers[2]);
        Assert.Equal(3, answers[33]);
        Assert.Equal(33, answers.All.Count);
    }

    [Fact]
    public void Blank_items_are_refused_listing_every_missing_number_in_one_message()
    {
        int?[] raw = [.. TcmTestAnswers.Baseline().Select(a => (int?)a)];
        raw[3 - 1] = null;
        raw[17 - 1] = null;
        raw[33 - 1] = null;

        var ex = Assert.Throws<DomainException>(() => TcmAnswers.Create(raw));

        Assert.Equal("tcm.answers.incomplete", ex.Code);
        Assert.Contains("第3、17、33题", ex.Message);
        Assert.Contains("未作答", ex.Message);
    }

    [Fact]
    public void A_short_list_leaves_the_remaining_items_blank()
    {
        int?[] raw = [.. Enumerable.Repeat((int?)2, 30)];

        var ex = Assert.Throws<DomainException>(() => TcmAnswers.Create(raw));

        Assert.Equal("tcm.answers.incomplete", ex.Code);
        Assert.Contains("第31、32、33题", ex.Message);
    }

    [Fact]
    public void Items_missing_from_a_dictionary_are_refused_with_their_numbers()
    {
        var byItem = Enumerable.Range(1, 33).Where(n => n != 9 && n != 28)
            .ToDictionary(n => n, _ => 1);

        var ex = Assert.Throws<DomainException>(() => TcmAnswers.Create(byItem));

        Assert.Equal("tcm.answers.incomplete", ex.Code);
        Assert.Contains("第9、28题", ex.Message);
    }

    [Fact]
    public void A_dictionary_with_an_unknown_item_number_is_refused()
    {
        var byItem = Enumerable.Range(1, 34).ToDictionary(n => n, _ => 1);

        Assert.Equal("tcm.answers.unknown_item", Assert.Throws<DomainException>(() => TcmAnswers.Create(byItem)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void An_answer_outside_1_to_5_is_refused(int bad)
    {
        var raw = TcmTestAnswers.Array((12, bad));

        var ex = Assert.Throws<DomainException>(() => TcmAnswers.Create(raw));

        Assert.Equal("tcm.answers.out_of_range", ex.Code);
        Assert.Contains($"第12题（{bad}）", ex.Message);
    }

    [Fact]
    public void More_than_33_answers_are_refused()
    {
        int?[] raw = [.. Enumerable.Repeat((int?)1, 34)];

        Assert.Equal("tcm.answers.too_many", Assert.Throws<DomainException>(() => TcmAnswers.Create(raw)).Code);
    }

    [Fact]
    public void Validation_reports_blanks_and_bad_values_together_in_Chinese()
    {
        int?[] raw = [.. TcmTestAnswers.Baseline().Select(a => (int?)a)];
        raw[0] = null;
        raw[1] = 7;

        var errors = TcmAnswers.Validate(raw);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Field == TcmAnswers.MissingField && e.Message.Contains("第1题"));
        Assert.Contains(errors, e => e.Field == TcmAnswers.OutOfRangeField && e.Message.Contains("第2题（7）"));
    }
}
