namespace CareTeams.Domain.SeedWork;

/// <summary>
/// The time, injectable so that rules about dates (expiry, due dates, ages) can be tested. Days are
/// counted in China Standard Time, whatever the server's zone.
/// </summary>
public interface IClock
{
    DateTimeOffset Now { get; }

    /// <summary>Today in China Standard Time.</summary>
    DateOnly Today => ChinaTime.DateOf(Now);
}

public static class ChinaTime
{
    /// <summary>UTC+8, no daylight saving: fixed, so no time-zone database is needed.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The wall-clock time in China of an instant (what a visit's start and end are kept as).</summary>
    public static DateTime LocalTimeOf(DateTimeOffset instant) => DateTime.SpecifyKind(instant.ToOffset(Offset).DateTime, DateTimeKind.Unspecified);

    /// <summary>The instant a China-time day begins.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}

public sealed class SystemClock : IClock
{
    public DateTimeOffset Now => DateTimeOffset.UtcNow;
}
