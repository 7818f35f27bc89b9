using System.Globalization;

namespace CareTeams.Domain.SeedWork;

/// <summary>An amount in yuan, kept to the fen (two decimals, rounded half away from zero). Never negative.</summary>
public readonly record struct Money : IComparable<Money>
{
    private Money(decimal yuan) => Yuan = yuan;

    public decimal Yuan { get; }

    public static readonly Money Zero = new(0m);

    public static Money Of(decimal yuan)
    {
        var rounded = Math.Round(yuan, 2, MidpointRounding.AwayFromZero);
        return rounded < 0 ? throw new DomainException("money.negative", "金额不能为负数。") : new Money(rounded);
    }

    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);

    /// <summary>Subtraction that refuses to go below zero (a subsidy larger than the price is a data error).</summary>
    public static Money operator -(Money a, Money b) => Of(a.Yuan - b.Yuan);

    public static Money operator *(Money a, int times) => Of(a.Yuan * times);

    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;
    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;
    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;
    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;

    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);

    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Zero, (a, b) => a + b);

    /// <summary>¥1,234.50</summary>
    public override string ToString() => "¥" + Yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
