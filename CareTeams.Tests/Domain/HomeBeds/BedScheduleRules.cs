using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Visits;
using static CareTeams.Tests.Domain.Contracts.Literals;
using static CareTeams.Tests.Domain.HomeBeds.BedVisits;

namespace CareTeams.Tests.Domain.HomeBeds;

/// <summary>
/// A bed opened on Sunday 2025-06-01 (default: rounds every 7 days, order 换药 每周2次 → every 3 days from 2025-06-01).
/// "Today" is passed to each call.
/// </summary>
public class BedScheduleRules
{
    private static readonly HomeBedSettings Settings = HomeBedSettings.Default;
    private readonly BedBuilder builder = new();

    // ---- rounds ----

    [Theory]
    [InlineData(7, BedDueState.Upcoming, 0)]
    [InlineData(8, BedDueState.DueToday, 0)]
    [InlineData(10, BedDueState.Overdue, 2)]
    public void The_first_round_is_due_a_week_after_the_opening(int day, BedDueState state, int late)
    {
        var bed = builder.Open();
        var today = D(2025, 6, day);

        var round = BedSchedule.NextRound(bed, [], Settings, today)!;

        Assert.Equal(BedDueKind.Round, round.Kind);
        Assert.Equal("查床", round.Title);
        Assert.Null(round.BedOrderId);
        Assert.Equal(D(2025, 6, 8), round.DueOn);
        Assert.Equal(state, round.State);
        Assert.Equal(late, round.DaysLate);
        Assert.Equal(state == BedDueState.Overdue ? today : D(2025, 6, 8), round.Day);
        Assert.Equal(bed.Id, round.HomeBedId);
    }

    [Theory]
    [InlineData(15, BedDueState.Upcoming, 0)]
    [InlineData(16, BedDueState.DueToday, 0)]
    [InlineData(20, BedDueState.Overdue, 4)]
    public void Later_rounds_are_due_a_week_after_the_last_round(int day, BedDueState state, int late)
    {
        var bed = builder.Open();
        BedVisit[] visits = [Round(D(2025, 6, 2)), Round(D(2025, 6, 9))];

        var round = BedSchedule.NextRound(bed, visits, Settings, D(2025, 6, day))!;

        Assert.Equal(D(2025, 6, 16), round.DueOn);
        Assert.Equal((state, late), (round.State, round.DaysLate));
    }

    [Fact]
    public void Only_rounds_between_the_opening_and_today_count_as_rounds()
    {
        var bed = builder.Open();
        BedVisit[] visits =
        [
            Round(D(2025, 5, 30)),                               // before the bed
            Round(D(2025, 6, 20)),                               // dated after today
            new(D(2025, 6, 12), VisitKind.NursingVisit, null),   // not a round
            new(D(2025, 6, 12), VisitKind.ChronicFollowUp, null),
        ];

        Assert.Equal(D(2025, 6, 8), BedSchedule.NextRound(bed, visits, Settings, D(2025, 6, 15))!.DueOn);
    }

    [Fact]
    public void The_round_interval_is_a_setting()
    {
        var bed = builder.Open();

        var round = BedSchedule.NextRound(bed, [], new HomeBedSettings { RoundIntervalDays = 14 }, D(2025, 6, 15))!;

        Assert.Equal(D(2025, 6, 15), round.DueOn);
        Assert.Equal(BedDueState.DueToday, round.State);
    }

    [Fact]
    public void A_bed_over_its_limit_still_has_its_rounds_and_orders_due()
    {
        var bed = builder.Open();
        var today = D(2025, 9, 5);

        var summary = BedSchedule.Summarise(bed, [Round(D(2025, 8, 29)), For(bed.Orders[0], D(2025, 9, 2))], Settings, today);

        Assert.Equal(BedCycleState.OverLimit, summary.Cycle);
        Assert.True(summary.IsOverLimit);
        Assert.Equal(-6, summary.DaysLeft);
        Assert.Equal(D(2025, 8, 30), summary.CycleEndsOn);
        Assert.Equal([BedDueKind.Round, BedDueKind.Order], summary.DueToday.Select(d => d.Kind));
    }

    // ---- orders ----

    [Fact]
    public void An_order_without_visits_is_due_on_its_start_day()
    {
        var bed = builder.Open();
        var order = bed.Orders[0];

        Assert.Equal(BedDueState.DueToday, BedSchedule.NextForOrder(bed, order, [], D(2025, 6, 1))!.State);
        var overdue = BedSchedule.NextForOrder(bed, order, [], D(2025, 6, 15))!;
        Assert.Equal((D(2025, 6, 1), D(2025, 6, 15), 14, BedDueState.Overdue), (overdue.DueOn, overdue.Day, overdue.DaysLate, overdue.State));
        Assert.Equal(order.Id, overdue.BedOrderId);
        Assert.Equal("换药 · 每周2次", overdue.Title);
        Assert.True(overdue.IsOverdue);
    }

    [Theory]
    [InlineData(13, 16, BedDueState.Upcoming)]
    [InlineData(12, 15, BedDueState.DueToday)]
    [InlineData(11, 14, BedDueState.Overdue)]
    public void Twice_a_week_is_due_three_days_after_the_last_visit(int lastVisit, int due, BedDueState state)
    {
        var bed = builder.Open();
        var order = bed.Orders[0];

        var next = BedSchedule.NextForOrder(bed, order, [For(order, D(2025, 6, 3)), For(order, D(2025, 6, lastVisit))], D(2025, 6, 15))!;

        Assert.Equal(D(2025, 6, due), next.DueOn);
        Assert.Equal(state, next.State);
    }

    [Fact]
    public void Every_n_days_is_due_n_days_after_the_last_visit()
    {
        var bed = builder.WithOrders(builder.Order("更换胃管", OrderFrequency.EveryNDays(14))).Open();
        var order = bed.Orders[0];

        Assert.Equal(D(2025, 6, 16), BedSchedule.NextForOrder(bed, order, [For(order, D(2025, 6, 2))], D(2025, 6, 15))!.DueOn);
    }

    [Fact]
    public void Twice_a_day_asks_for_the_second_visit_the_same_day()
    {
        var bed = builder.WithOrders(builder.Order("血糖监测", OrderFrequency.TimesPerDay(2))).Open();
        var order = bed.Orders[0];
        var today = D(2025, 6, 15);

        var none = BedSchedule.NextForOrder(bed, order, [For(order, D(2025, 6, 14)), For(order, D(2025, 6, 14))], today)!;
        var once = BedSchedule.NextForOrder(bed, order, [For(order, D(2025, 6, 14)), For(order, D(2025, 6, 14)), For(order, today)], today)!;
        var twice = BedSchedule.NextForOrder(bed, order, [For(order, today), For(order, today)], today)!;
        var missed = BedSchedule.NextForOrder(bed, order, [For(order, D(2025, 6, 13)), For(order, D(2025, 6, 13)), For(order, D(2025, 6, 14))], today)!;

        Assert.Equal((today, BedDueState.DueToday, 2), (none.DueOn, none.State, none.Times));
        Assert.Equal((today, BedDueState.DueToday, 1), (once.DueOn, once.State, once.Times));
        Assert.Equal((D(2025, 6, 16), BedDueState.Upcoming, 2), (twice.DueOn, twice.State, twice.Times));
        // 14 June had one of its two visits: overdue by a day, and today's two are what is asked for now.
        Assert.Equal((D(2025, 6, 14), today, BedDueState.Overdue, 1, 2), (missed.DueOn, missed.Day, missed.State, missed.DaysLate, missed.Times));
    }

    [Fact]
    public void Visits_before_the_order_started_and_visits_for_other_orders_do_not_count()
    {
        var bed = builder.WithOrders(
            builder.Order("换药", OrderFrequency.TimesPerWeek(2)),
            builder.Order("膀胱冲洗", OrderFrequency.EveryNDays(2), starts: D(2025, 6, 10))).Open();
        var (dressing, irrigation) = (bed.Orders[0], bed.Orders[1]);

        var next = BedSchedule.NextForOrder(bed, irrigation, [For(irrigation, D(2025, 6, 9)), For(dressing, D(2025, 6, 14))], D(2025, 6, 15))!;

        Assert.Equal(D(2025, 6, 10), next.DueOn);
        Assert.Equal(5, next.DaysLate);
    }

    [Fact]
    public void An_order_starting_later_is_upcoming_on_its_start_day()
    {
        var bed = builder.WithOrders(builder.Order("康复训练", OrderFrequency.TimesPerWeek(3), starts: D(2025, 6, 20))).Open();

        var next = BedSchedule.NextForOrder(bed, bed.Orders[0], [], D(2025, 6, 15))!;

        Assert.Equal((D(2025, 6, 20), BedDueState.Upcoming), (next.DueOn, next.State));
    }

    [Fact]
    public void Nothing_is_due_after_an_order_ends_or_is_stopped()
    {
        var bed = builder.WithOrders(
            builder.Order("吸氧", OrderFrequency.EveryNDays(3), until: D(2025, 6, 10)),
            builder.Order("换药", OrderFrequency.TimesPerWeek(2))).Open();
        var (oxygen, dressing) = (bed.Orders[0], bed.Orders[1]);

        // Last visit 8 June: next would be 11 June, after the until date.
        Assert.Null(BedSchedule.NextForOrder(bed, oxygen, [For(oxygen, D(2025, 6, 8))], D(2025, 6, 9)));
        // Last visit 5 June: 8 June was missed, but the order ended on 10 June, so nothing is asked for on the 15th.
        Assert.NotNull(BedSchedule.NextForOrder(bed, oxygen, [For(oxygen, D(2025, 6, 5))], D(2025, 6, 10)));
        Assert.Null(BedSchedule.NextForOrder(bed, oxygen, [For(oxygen, D(2025, 6, 5))], D(2025, 6, 15)));

        bed.StopOrder(dressing.Id, D(2025, 6, 13), "伤口愈合", builder.Nurse.Id, D(2025, 6, 13));
        Assert.Null(BedSchedule.NextForOrder(bed, dressing, [For(dressing, D(2025, 6, 10))], D(2025, 6, 13)));
        Assert.Null(BedSchedule.NextForOrder(bed, dressing, [For(dressing, D(2025, 6, 10))], D(2025, 6, 15)));
    }

    [Fact]
    public void A_closed_bed_has_nothing_due()
    {
        var bed = builder.Open();
        bed.Close(BedBuilder.Closing(D(2025, 6, 10)), builder.Doctor.Id, D(2025, 6, 10));

        Assert.Empty(BedSchedule.Next(bed, [], Settings, D(2025, 6, 15)));
        Assert.Empty(BedSchedule.Month(bed, [], Settings, D(2025, 6, 15), 2025, 6));
        var summary = BedSchedule.Summarise(bed, [], Settings, D(2025, 6, 15));
        Assert.Equal(BedCycleState.Closed, summary.Cycle);
        Assert.Empty(summary.DueToday);
        Assert.Empty(summary.Overdue);
    }

    // ---- summary ----

    [Fact]
    public void The_summary_lists_what_is_due_today_and_what_is_overdue_most_late_first()
    {
        var bed = builder.WithOrders(
            builder.Order("换药", OrderFrequency.TimesPerWeek(2)),
            builder.Order("血糖监测", OrderFrequency.TimesPerDay(1)),
            builder.Order("导尿管护理", OrderFrequency.EveryNDays(7), starts: D(2025, 6, 8))).Open();
        var (dressing, glucose, catheter) = (bed.Orders[0], bed.Orders[1], bed.Orders[2]);
        BedVisit[] visits = [Round(D(2025, 6, 8)), For(dressing, D(2025, 6, 10)), For(glucose, D(2025, 6, 14)), For(catheter, D(2025, 6, 8))];

        var summary = BedSchedule.Summarise(bed, visits, Settings, D(2025, 6, 15));

        Assert.Equal([BedDueKind.Round, BedDueKind.Order, BedDueKind.Order], summary.DueToday.Select(d => d.Kind));
        Assert.Equal([glucose.Id, catheter.Id], summary.DueToday.Where(d => d.BedOrderId is not null).Select(d => d.BedOrderId!.Value));
        var late = Assert.Single(summary.Overdue);
        Assert.Equal((dressing.Id, D(2025, 6, 13), 2), (late.BedOrderId!.Value, late.DueOn, late.DaysLate));
        Assert.Equal(4, summary.Next.Count);
        Assert.Equal(BedCycleState.WithinLimit, summary.Cycle);
        Assert.Equal(76, summary.DaysLeft);
        Assert.False(summary.IsClosingSoon);
    }

    [Fact]
    public void The_summary_says_when_the_bed_is_closing_soon()
    {
        var bed = builder.Open();

        Assert.True(BedSchedule.Summarise(bed, [], Settings, D(2025, 8, 25)).IsClosingSoon);
        Assert.False(BedSchedule.Summarise(bed, [], new HomeBedSettings { ClosingSoonDays = 3 }, D(2025, 8, 25)).IsClosingSoon);
    }

    [Fact]
    public void Visits_from_visit_logs_keep_their_date_kind_and_order()
    {
        Assert.Equal(new BedVisit(D(2025, 6, 3), VisitKind.NursingVisit, 7), new BedVisit(D(2025, 6, 3), VisitKind.NursingVisit, 7));
        Assert.Equal("家庭病床查床", VisitKind.BedRound.ChineseName());
        Assert.Equal("逾期", BedDueState.Overdue.ChineseName());
        Assert.Equal("今日应做", BedDueState.DueToday.ChineseName());
        Assert.Equal("查床", BedDueKind.Round.ChineseName());
        Assert.Equal("即将到期", BedCycleState.ClosingSoon.ChineseName());
    }

    // ---- calendar ----

    [Fact]
    public void The_calendar_of_the_opening_month_projects_rounds_and_order_visits()
    {
        var bed = builder.Open();

        var june = BedSchedule.Month(bed, [], Settings, D(2025, 6, 1), 2025, 6);

        Assert.Equal(
            [
                (1, BedDueKind.Order), (4, BedDueKind.Order), (7, BedDueKind.Order), (8, BedDueKind.Round), (10, BedDueKind.Order),
                (13, BedDueKind.Order), (15, BedDueKind.Round), (16, BedDueKind.Order), (19, BedDueKind.Order), (22, BedDueKind.Round),
                (22, BedDueKind.Order), (25, BedDueKind.Order), (28, BedDueKind.Order), (29, BedDueKind.Round),
            ],
            june.Select(e => (e.Day.Day, e.Kind)));
        Assert.Equal(BedDueState.DueToday, june[0].State);
        Assert.All(june.Skip(1), e => Assert.Equal(BedDueState.Upcoming, e.State));
        Assert.All(june, e => Assert.Equal(1, e.Times));
    }

    [Fact]
    public void Overdue_entries_sit_on_today_and_days_before_today_are_empty()
    {
        var bed = builder.Open();

        var june = BedSchedule.Month(bed, [], Settings, D(2025, 6, 15), 2025, 6);

        Assert.Equal(
            [
                (15, BedDueKind.Round, BedDueState.Overdue, 7), (15, BedDueKind.Order, BedDueState.Overdue, 14),
                (18, BedDueKind.Order, BedDueState.Upcoming, 0), (21, BedDueKind.Order, BedDueState.Upcoming, 0),
                (22, BedDueKind.Round, BedDueState.Upcoming, 0), (24, BedDueKind.Order, BedDueState.Upcoming, 0),
                (27, BedDueKind.Order, BedDueState.Upcoming, 0), (29, BedDueKind.Round, BedDueState.Upcoming, 0),
                (30, BedDueKind.Order, BedDueState.Upcoming, 0),
            ],
            june.Select(e => (e.Day.Day, e.Kind, e.State, e.DaysLate)));
        Assert.Equal(D(2025, 6, 8), june[0].DueOn);
    }

    [Fact]
    public void Next_months_calendar_continues_from_the_last_visits()
    {
        var bed = builder.WithOrders(builder.Order("血糖监测", OrderFrequency.TimesPerDay(2), until: D(2025, 7, 3))).Open();
        var order = bed.Orders[0];
        BedVisit[] visits = [Round(D(2025, 6, 14)), For(order, D(2025, 6, 15)), For(order, D(2025, 6, 15))];

        var july = BedSchedule.Month(bed, visits, Settings, D(2025, 6, 15), 2025, 7);

        Assert.Equal(
            [(1, BedDueKind.Order, 2), (2, BedDueKind.Order, 2), (3, BedDueKind.Order, 2), (5, BedDueKind.Round, 1),
             (12, BedDueKind.Round, 1), (19, BedDueKind.Round, 1), (26, BedDueKind.Round, 1)],
            july.Select(e => (e.Day.Day, e.Kind, e.Times)));
    }

    [Fact]
    public void A_calendar_range_may_be_any_days_and_includes_both_ends()
    {
        var bed = builder.Open();

        var week = BedSchedule.Calendar(bed, [], Settings, D(2025, 6, 1), D(2025, 6, 4), D(2025, 6, 8));

        Assert.Equal([(4, BedDueKind.Order), (7, BedDueKind.Order), (8, BedDueKind.Round)], week.Select(e => (e.Day.Day, e.Kind)));
        Assert.Throws<ArgumentException>(() => BedSchedule.Calendar(bed, [], Settings, D(2025, 6, 1), D(2025, 6, 8), D(2025, 6, 4)));
        Assert.Empty(BedSchedule.Month(bed, [], Settings, D(2025, 6, 15), 2025, 5));
    }
}
