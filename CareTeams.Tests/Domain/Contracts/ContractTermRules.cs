using CareTeams.Domain.Contracts;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.Contracts;

public class ContractTermRules
{
    [Theory]
    [InlineData(2026, 3, 1, 2027, 2, 28)]   // DOMAIN.md's example
    [InlineData(2025, 6, 15, 2026, 6, 14)]
    [InlineData(2027, 3, 1, 2028, 2, 29)]   // ends on a leap day
    [InlineData(2025, 1, 1, 2025, 12, 31)]
    [InlineData(2028, 2, 28, 2029, 2, 27)]
    [InlineData(2028, 3, 1, 2029, 2, 28)]
    public void One_year_ends_the_day_before_the_same_date_a_year_later(int sy, int sm, int sd, int ey, int em, int ed)
    {
        var term = ContractTerm.OneYearFrom(D(sy, sm, sd));

        Assert.Equal(D(sy, sm, sd), term.Start);
        Assert.Equal(D(ey, em, ed), term.End);
    }

    [Fact]
    public void One_year_from_a_leap_day_ends_on_28_February_and_the_next_term_starts_on_1_March()
    {
        var term = ContractTerm.OneYearFrom(D(2028, 2, 29));

        Assert.Equal(D(2029, 2, 28), term.End);
        Assert.Equal(D(2029, 3, 1), term.Next().Start);
    }

    [Fact]
    public void Next_starts_the_day_after_the_end_and_lasts_a_year()
    {
        var next = ContractTerm.OneYearFrom(D(2025, 6, 15)).Next();

        Assert.Equal(new ContractTerm(D(2026, 6, 15), D(2027, 6, 14)), next);
        Assert.Equal(new ContractTerm(D(2028, 3, 1), D(2029, 2, 28)), ContractTerm.OneYearFrom(D(2027, 3, 1)).Next());
    }

    [Fact]
    public void An_end_before_the_start_is_refused_and_a_one_day_term_is_allowed()
    {
        Refused.By("contract.term", () => new ContractTerm(D(2025, 6, 15), D(2025, 6, 14)));

        var oneDay = new ContractTerm(D(2025, 6, 15), D(2025, 6, 15));
        Assert.True(oneDay.Contains(D(2025, 6, 15)));
    }

    [Fact]
    public void Contains_includes_both_the_first_and_the_last_day()
    {
        var term = ContractTerm.OneYearFrom(D(2025, 6, 15));

        Assert.False(term.Contains(D(2025, 6, 14)));
        Assert.True(term.Contains(D(2025, 6, 15)));
        Assert.True(term.Contains(D(2026, 6, 14)));
        Assert.False(term.Contains(D(2026, 6, 15)));
    }

    [Fact]
    public void A_term_and_the_next_do_not_overlap()
    {
        var term = ContractTerm.OneYearFrom(D(2025, 6, 15));

        Assert.False(term.Overlaps(term.Next()));
        Assert.False(term.Next().Overlaps(term));
    }

    [Fact]
    public void Terms_sharing_a_single_day_overlap_both_ways()
    {
        var term = ContractTerm.OneYearFrom(D(2025, 6, 15));
        var sharingTheLastDay = ContractTerm.OneYearFrom(D(2026, 6, 14));

        Assert.True(term.Overlaps(sharingTheLastDay));
        Assert.True(sharingTheLastDay.Overlaps(term));
    }

    [Fact]
    public void A_term_overlaps_itself_and_one_inside_it()
    {
        var term = ContractTerm.OneYearFrom(D(2025, 6, 15));
        var inside = new ContractTerm(D(2025, 9, 1), D(2025, 9, 30));

        Assert.True(term.Overlaps(term));
        Assert.True(term.Overlaps(inside));
        Assert.True(inside.Overlaps(term));
    }

    [Theory]
    [InlineData(2025, 6, 15, 364)]  // the first day of a 365-day term
    [InlineData(2026, 5, 15, 30)]
    [InlineData(2026, 6, 14, 0)]    // the last day
    [InlineData(2026, 6, 15, -1)]   // the day after
    [InlineData(2026, 9, 12, -90)]
    public void DaysLeft_counts_to_the_last_day_and_goes_negative_after_it(int year, int month, int day, int expected)
    {
        var term = ContractTerm.OneYearFrom(D(2025, 6, 15));

        Assert.Equal(expected, term.DaysLeft(D(year, month, day)));
    }
}
