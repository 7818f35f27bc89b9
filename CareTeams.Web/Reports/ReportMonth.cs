using System.Globalization;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Web.Reports;

/// <summary>
/// A report month. It runs from its first day 00:00 to its last day 24:00 China Standard Time
/// (DOMAIN.md, "Monthly report definitions"): every date the figures compare is a China date
/// (<see cref="IClock.Today"/>, <see cref="ChinaTime"/>), so the server's own zone never matters.
/// </summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    public DateOnly First => new(Year, Month, 1);
    public DateOnly Last => First.AddMonths(1).AddDays(-1);

    /// <summary>The China wall-clock instant the month begins (how visit times are kept).</summary>
    public DateTime StartsAt => First.ToDateTime(TimeOnly.MinValue);

    /// <summary>The China wall-clock instant the month closes: the last day's 24:00, i.e. the next month's 00:00.</summary>
    public DateTime EndsAt => First.AddMonths(1).ToDateTime(TimeOnly.MinValue);

    /// <summary>The instant the month begins (first day 00:00 China Standard Time), for times kept as instants (referrals).</summary>
    public DateTimeOffset StartsAtInstant => ChinaTime.StartOf(First);

    /// <summary>The instant the month closes (the next month's first day 00:00 China Standard Time), exclusive.</summary>
    public DateTimeOffset EndsAtInstant => ChinaTime.StartOf(First.AddMonths(1));

    /// <summary>1 January of the month's year (for year-to-date figures).</summary>
    public DateOnly YearStart => new(Year, 1, 1);

    public string Text => $"{Year:D4}-{Month:D2}";

    public string ChineseText => $"{Year}年{Month}月";

    public static ReportMonth Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>Reads "yyyy-MM"; a month after the current China month (or before 2000) is refused with a Chinese message.</summary>
    public static bool TryParse(string? text, DateOnly today, out ReportMonth month, out string error)
    {
        month = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            error = "月份格式不正确，应为 yyyy-MM（例如 2026-10）。";
            return false;
        }
        if (first.Year < 2000)
        {
            error = "月份不能早于 2000 年。";
            return false;
        }
        if (first > new DateOnly(today.Year, today.Month, 1))
        {
            error = $"不能统计尚未到来的月份（今天是 {today:yyyy-MM-dd}）。";
            return false;
        }
        month = new ReportMonth(first.Year, first.Month);
        error = string.Empty;
        return true;
    }
}
