namespace CareTeams.Domain.Residents;

public static class Age
{
    /// <summary>Full years of age on a day (a birthday on 29 February counts from 1 March in other years).</summary>
    public static int On(DateOnly dateOfBirth, DateOnly day)
    {
        var years = day.Year - dateOfBirth.Year;
        if (day.Month < dateOfBirth.Month || (day.Month == dateOfBirth.Month && day.Day < dateOfBirth.Day))
            years--;
        return Math.Max(years, 0);
    }

    /// <summary>The day a person born on <paramref name="dateOfBirth"/> turns <paramref name="years"/>.</summary>
    public static DateOnly Turns(DateOnly dateOfBirth, int years)
    {
        var year = dateOfBirth.Year + years;
        return dateOfBirth is { Month: 2, Day: 29 } && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, dateOfBirth.Month, dateOfBirth.Day);
    }
}
