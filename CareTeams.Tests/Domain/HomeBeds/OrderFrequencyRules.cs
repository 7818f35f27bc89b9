using CareTeams.Domain.HomeBeds;
using CareTeams.Tests.Domain.Contracts;

namespace CareTeams.Tests.Domain.HomeBeds;

public class OrderFrequencyRules
{
    [Theory]
    [InlineData(FrequencyUnit.TimesPerDay, 1, 1, 1, "每日1次")]
    [InlineData(FrequencyUnit.TimesPerDay, 6, 1, 6, "每日6次")]
    [InlineData(FrequencyUnit.EveryNDays, 2, 2, 1, "每2日1次")]
    [InlineData(FrequencyUnit.EveryNDays, 30, 30, 1, "每30日1次")]
    [InlineData(FrequencyUnit.TimesPerWeek, 1, 7, 1, "每周1次")]
    [InlineData(FrequencyUnit.TimesPerWeek, 2, 3, 1, "每周2次")]
    [InlineData(FrequencyUnit.TimesPerWeek, 3, 2, 1, "每周3次")]
    [InlineData(FrequencyUnit.TimesPerWeek, 4, 1, 1, "每周4次")]
    [InlineData(FrequencyUnit.TimesPerWeek, 6, 1, 1, "每周6次")]
    public void Valid_frequencies_give_the_interval_and_visits_per_due_day(FrequencyUnit unit, int count, int interval, int perDay, string text)
    {
        var frequency = OrderFrequency.Create(unit, count);

        Assert.Equal(interval, frequency.IntervalDays);
        Assert.Equal(perDay, frequency.TimesPerDueDay);
        Assert.Equal(text, frequency.ToString());
    }

    [Theory]
    [InlineData(1, 7)]
    [InlineData(2, 7)]
    [InlineData(3, 7)]
    [InlineData(6, 7)]
    public void Visits_kept_at_the_interval_make_at_least_the_weekly_count(int perWeek, int days)
    {
        var interval = OrderFrequency.TimesPerWeek(perWeek).IntervalDays;

        var visitsInAWeek = (days + interval - 1) / interval;

        Assert.True(visitsInAWeek >= perWeek);
    }

    [Theory]
    [InlineData(FrequencyUnit.TimesPerDay, 0, "每日次数应在 1–6 次之间。")]
    [InlineData(FrequencyUnit.TimesPerDay, 7, "每日次数应在 1–6 次之间。")]
    [InlineData(FrequencyUnit.EveryNDays, 1, "每 1 日 1 次请选择“每日 1 次”。")]
    [InlineData(FrequencyUnit.EveryNDays, 0, "间隔天数应在 2–30 日之间。")]
    [InlineData(FrequencyUnit.EveryNDays, 31, "间隔天数应在 2–30 日之间。")]
    [InlineData(FrequencyUnit.TimesPerWeek, 0, "每周次数应在 1–6 次之间。")]
    [InlineData(FrequencyUnit.TimesPerWeek, 7, "每周 7 次请选择“每日 1 次”。")]
    [InlineData(FrequencyUnit.TimesPerWeek, 8, "每周次数应在 1–6 次之间。")]
    [InlineData((FrequencyUnit)0, 1, "请选择执行频次。")]
    public void Impossible_frequencies_are_refused(FrequencyUnit unit, int count, string message)
    {
        Assert.Equal(message, OrderFrequency.Problem(unit, count));
        Assert.Equal(message, Refused.By("bed.order-frequency", () => OrderFrequency.Create(unit, count)).Message);
    }

    [Fact]
    public void Units_have_chinese_names()
    {
        Assert.Equal(["每日", "每隔数日", "每周"],
            new[] { FrequencyUnit.TimesPerDay, FrequencyUnit.EveryNDays, FrequencyUnit.TimesPerWeek }.Select(u => u.ChineseName()));
        Assert.Equal("护理", BedOrderKind.Nursing.ChineseName());
    }
}
