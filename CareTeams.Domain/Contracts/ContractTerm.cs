using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Contracts;

/// <summary>
/// A contract's term: from the start date to the end date inclusive. One year by default: the end is
/// the day before the same date a year later (1 March 2026 → 28 February 2027; from 29 February the
/// same date a year later is 1 March, as for a birthday, so the term ends on 28 February).
/// </summary>
public sealed record ContractTerm
{
    public ContractTerm(DateOnly start, DateOnly end)
    {
        if (end < start)
            throw new DomainException("contract.term", "协议终止日期不能早于起始日期。");
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }
    public DateOnly End { get; }

    public static ContractTerm OneYearFrom(DateOnly start) => new(start, Residents.Age.Turns(start, 1).AddDays(-1));

    /// <summary>The next one-year term, starting the day after this one ends.</summary>
    public ContractTerm Next() => OneYearFrom(End.AddDays(1));

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public bool Overlaps(ContractTerm other) => Start <= other.End && other.Start <= End;

    /// <summary>Days from <paramref name="today"/> to the last day (0 on the last day, negative after it).</summary>
    public int DaysLeft(DateOnly today) => End.DayNumber - today.DayNumber;
}
