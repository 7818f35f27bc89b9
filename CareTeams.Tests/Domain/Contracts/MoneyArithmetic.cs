using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Contracts;

public class MoneyArithmetic
{
    public static TheoryData<decimal, decimal> Roundings => new()
    {
        { 0.005m, 0.01m },  // banker's rounding would give 0.00
        { 2.675m, 2.68m },
        { 2.665m, 2.67m },  // banker's rounding would give 2.66
        { 1.004m, 1.00m },
        { 1.0049m, 1.00m },
        { 99.995m, 100.00m },
        { 12m, 12.00m },
    };

    [Theory]
    [MemberData(nameof(Roundings))]
    public void Of_rounds_to_the_fen_half_away_from_zero(decimal yuan, decimal expected)
    {
        Assert.Equal(expected, Money.Of(yuan).Yuan);
    }

    [Fact]
    public void A_negative_amount_is_refused()
    {
        Refused.By("money.negative", () => Money.Of(-0.01m));
        Refused.By("money.negative", () => Money.Of(-0.005m)); // rounds away from zero to −0.01
    }

    [Fact]
    public void A_tiny_negative_amount_that_rounds_to_nothing_is_zero()
    {
        var money = Money.Of(-0.004m);

        Assert.Equal(Money.Zero, money);
        Assert.Equal("¥0.00", money.ToString());
    }

    [Fact]
    public void Amounts_equal_to_the_fen_are_equal_whatever_their_decimal_scale()
    {
        Assert.Equal(Money.Of(1.5m), Money.Of(1.50m));
        Assert.Equal(Money.Of(1.5m).GetHashCode(), Money.Of(1.500m).GetHashCode());
        Assert.Equal(Money.Zero, default);
    }

    [Fact]
    public void Addition_is_exact_in_decimals()
    {
        Assert.Equal(Money.Of(0.30m), Money.Of(0.10m) + Money.Of(0.20m));
        Assert.Equal(Money.Of(485.50m), Money.Of(120.00m) + Money.Of(365.50m));
    }

    [Fact]
    public void Subtraction_down_to_zero_is_allowed()
    {
        Assert.Equal(Money.Of(305.25m), Money.Of(485.50m) - Money.Of(180.25m));
        Assert.Equal(Money.Zero, Money.Of(80.00m) - Money.Of(80.00m));
    }

    [Fact]
    public void Subtraction_below_zero_is_refused()
    {
        Refused.By("money.negative", () => Money.Of(80.00m) - Money.Of(80.01m));
    }

    [Fact]
    public void Multiplying_by_a_number_of_times_gives_the_item_price()
    {
        Assert.Equal(Money.Of(365.50m), Money.Of(182.75m) * 2);
        Assert.Equal(Money.Zero, Money.Of(50m) * 0);
        Refused.By("money.negative", () => Money.Of(50m) * -1);
    }

    [Fact]
    public void Comparisons_follow_the_amounts()
    {
        Assert.True(Money.Of(0.01m) > Money.Zero);
        Assert.True(Money.Zero < Money.Of(0.01m));
        Assert.True(Money.Of(1m) >= Money.Of(1.00m));
        Assert.True(Money.Of(1m) <= Money.Of(1.00m));
        Assert.True(Money.Of(2m).CompareTo(Money.Of(1m)) > 0);
    }

    [Theory]
    [InlineData("1234.5", "¥1,234.50")]
    [InlineData("0", "¥0.00")]
    [InlineData("0.05", "¥0.05")]
    [InlineData("999.999", "¥1,000.00")]
    [InlineData("1234567.891", "¥1,234,567.89")]
    public void ToString_shows_yuan_with_thousands_separators_and_two_decimals(string yuan, string expected)
    {
        var amount = decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Money.Of(amount).ToString());
    }

    [Fact]
    public void ToString_does_not_depend_on_the_current_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("¥1,234.50", Money.Of(1234.5m).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Sum_adds_every_amount_and_is_zero_for_none()
    {
        Assert.Equal(Money.Zero, Money.Sum([]));
        Assert.Equal(Money.Of(485.50m), Money.Sum([Money.Zero, Money.Of(120.00m), Money.Of(365.50m)]));
        Assert.Equal(Money.Of(180.25m), Money.Sum([Money.Of(80.00m), Money.Of(100.25m)]));
    }
}
