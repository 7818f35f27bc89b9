using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Domain.Contracts;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.HomeBeds;

/// <summary>A bed opened 2025-06-01 with the default 90-day cycle: it ends on 2025-08-30.</summary>
public class HomeBedCycleAndClosing
{
    private readonly BedBuilder builder = new();
    private static readonly HomeBedSettings Settings = HomeBedSettings.Default;

    [Theory]
    [InlineData(2025, 8, 22, BedCycleState.WithinLimit, 8)]
    [InlineData(2025, 8, 23, BedCycleState.ClosingSoon, 7)]
    [InlineData(2025, 8, 30, BedCycleState.ClosingSoon, 0)]
    [InlineData(2025, 8, 31, BedCycleState.OverLimit, -1)]
    public void Closing_soon_is_the_last_seven_days_and_over_the_limit_starts_the_day_after(
        int year, int month, int day, BedCycleState state, int daysLeft)
    {
        var bed = builder.Open();
        var today = D(year, month, day);

        Assert.Equal(state, bed.CycleStateOn(today, Settings));
        Assert.Equal(daysLeft, bed.DaysLeftOn(today));
    }

    [Fact]
    public void Bed_days_so_far_count_from_the_opening_date()
    {
        var bed = builder.Open();

        Assert.Equal(0, bed.BedDaysOn(D(2025, 6, 1)));
        Assert.Equal(14, bed.BedDaysOn(D(2025, 6, 15)));
        Assert.Equal(90, bed.BedDaysOn(D(2025, 8, 30)));
    }

    [Fact]
    public void An_extension_records_the_reason_and_the_new_limit()
    {
        var bed = builder.Open();

        var extension = bed.Extend(150, "  压疮未愈，需继续换药  ", builder.Nurse.Id, Settings, D(2025, 8, 28));

        Assert.Equal(HomeBedStatus.Extended, bed.Status);
        Assert.Equal("已延期", bed.Status.ChineseName());
        Assert.Equal(150, bed.LimitDays);
        Assert.Equal(D(2025, 10, 29), bed.CycleEndsOn);
        Assert.Equal(BedCycleState.WithinLimit, bed.CycleStateOn(D(2025, 8, 31), Settings));
        Assert.Equal((1, D(2025, 8, 28), 90, 150, "压疮未愈，需继续换药", builder.Nurse.Id),
            (extension.Sequence, extension.ExtendedOn, extension.PreviousLimitDays, extension.NewLimitDays, extension.Reason, extension.StaffMemberId));
    }

    [Fact]
    public void Each_extension_is_recorded()
    {
        var bed = builder.Open();

        bed.Extend(180, "第一次延期", builder.Doctor.Id, Settings, D(2025, 8, 30));
        bed.Extend(270, "第二次延期", builder.Doctor.Id, Settings, D(2025, 11, 27));

        Assert.Equal([(1, 90, 180), (2, 180, 270)], bed.Extensions.Select(e => (e.Sequence, e.PreviousLimitDays, e.NewLimitDays)));
        Assert.Equal(270, bed.LimitDays);
    }

    [Fact]
    public void An_extension_lengthens_the_cycle_by_at_most_one_cycle_and_needs_a_reason()
    {
        var bed = builder.Open();

        Refused.By("bed.extension-limit", () => bed.Extend(90, "理由", builder.Doctor.Id, Settings, D(2025, 8, 28)));
        var ex = Refused.By("bed.extension-limit", () => bed.Extend(181, "理由", builder.Doctor.Id, Settings, D(2025, 8, 28)));
        Assert.Equal("每次延期最多 90 天。", ex.Message);
        Assert.Equal("请填写延期原因。", Refused.By("bed.reason", () => bed.Extend(120, "  ", builder.Doctor.Id, Settings, D(2025, 8, 28))).Message);
        Refused.By("bed.reason", () => bed.Extend(120, new string('长', 501), builder.Doctor.Id, Settings, D(2025, 8, 28)));
        Assert.Equal(HomeBedStatus.Open, bed.Status);
        Assert.Empty(bed.Extensions);
    }

    [Fact]
    public void Closing_records_the_outcome_and_counts_bed_days_as_closing_minus_opening()
    {
        var bed = builder.Open();

        bed.Close(BedBuilder.Closing(D(2025, 8, 20)), builder.Doctor.Id, D(2025, 8, 21));

        Assert.Equal(HomeBedStatus.Closed, bed.Status);
        Assert.Equal(80, bed.BedDays);
        Assert.Equal(80, bed.BedDaysOn(D(2025, 12, 1)));
        Assert.Equal(D(2025, 8, 20), bed.ClosedOn);
        Assert.Equal(builder.Doctor.Id, bed.ClosedByStaffId);
        Assert.Equal(BedOutcome.Improved, bed.Outcome);
        Assert.Equal("血压平稳，压疮愈合", bed.ConditionAtClosing);
        Assert.Equal("建床期间规律换药、调整降压药，病情好转。", bed.ClosingSummary);
        Assert.Equal(["原发性高血压（I10）", "压疮（L89.1）"], bed.ClosingDiagnoses.Select(d => d.ToString()));
        Assert.Equal(["原发性高血压（I10）"], bed.OpeningDiagnoses.Select(d => d.ToString()));
        Assert.Equal(BedCycleState.Closed, bed.CycleStateOn(D(2025, 12, 1), Settings));
    }

    [Fact]
    public void A_bed_closed_on_its_opening_day_has_no_bed_days()
    {
        var bed = builder.Open();

        bed.Close(BedBuilder.Closing(BedBuilder.OpenedOn, BedOutcome.TransferredToHospital), builder.Doctor.Id, BedBuilder.Today);

        Assert.Equal(0, bed.BedDays);
    }

    [Fact]
    public void An_extended_bed_can_be_closed_past_its_first_limit()
    {
        var bed = builder.Open();
        bed.Extend(120, "延期", builder.Doctor.Id, Settings, D(2025, 8, 29));

        bed.Close(BedBuilder.Closing(D(2025, 9, 25), BedOutcome.Cured), builder.Doctor.Id, D(2025, 9, 25));

        Assert.Equal(116, bed.BedDays);
        Assert.Equal(HomeBedStatus.Closed, bed.Status);
    }

    [Fact]
    public void The_closing_date_lies_between_the_opening_and_today()
    {
        var bed = builder.Open();

        var early = bed.ValidateClosing(BedBuilder.Closing(D(2025, 5, 31)), BedBuilder.Today);
        var late = bed.ValidateClosing(BedBuilder.Closing(D(2025, 6, 16)), BedBuilder.Today);

        Assert.Equal("撤床日期不能早于建床日期（2025-06-01）。", Assert.Single(early).Message);
        Assert.Equal("撤床日期不能晚于今天。", Assert.Single(late).Message);
        Refused.By("bed.closing-invalid", () => bed.Close(BedBuilder.Closing(D(2025, 6, 16)), builder.Doctor.Id, BedBuilder.Today));
        Assert.Equal(HomeBedStatus.Open, bed.Status);
    }

    [Fact]
    public void Other_outcome_needs_a_note_and_the_summary_condition_and_diagnoses_are_required()
    {
        var bed = builder.Open();
        var closing = BedBuilder.Closing(BedBuilder.Today, BedOutcome.Other) with { ConditionAtClosing = "", Summary = " ", Diagnoses = [] };

        var errors = bed.ValidateClosing(closing, BedBuilder.Today);

        Assert.Equal(["OutcomeNote", "ConditionAtClosing", "Summary", "Diagnoses"], errors.Select(e => e.Field));
        Assert.Equal("请填写转归说明。", errors[0].Message);
        Assert.Empty(bed.ValidateClosing(BedBuilder.Closing(BedBuilder.Today, BedOutcome.Other, "居民要求撤床，转养老机构"), BedBuilder.Today));
        var badCode = BedBuilder.Closing(BedBuilder.Today) with { Diagnoses = [new("压疮", "L891")] };
        Assert.Equal("Diagnoses[0].Icd10Code", Assert.Single(bed.ValidateClosing(badCode, BedBuilder.Today)).Field);
    }

    [Theory]
    [InlineData(BedOutcome.Improved, "好转")]
    [InlineData(BedOutcome.Cured, "治愈")]
    [InlineData(BedOutcome.TransferredToHospital, "转院")]
    [InlineData(BedOutcome.Deceased, "死亡")]
    [InlineData(BedOutcome.Other, "其他")]
    public void Outcomes_have_chinese_names(BedOutcome outcome, string chinese)
    {
        var bed = builder.Open();

        bed.Close(BedBuilder.Closing(BedBuilder.Today, outcome, "说明"), builder.Doctor.Id, BedBuilder.Today);

        Assert.Equal(outcome, bed.Outcome);
        Assert.Equal(chinese, outcome.ChineseName());
    }

    [Fact]
    public void A_closed_bed_is_read_only()
    {
        var bed = builder.Open();
        var order = bed.Orders[0];
        bed.Close(BedBuilder.Closing(BedBuilder.Today), builder.Doctor.Id, BedBuilder.Today);

        var refusals = new List<DomainException>
        {
            Refused.By("bed.closed", () => bed.Close(BedBuilder.Closing(BedBuilder.Today), builder.Doctor.Id, BedBuilder.Today)),
            Refused.By("bed.closed", () => bed.Extend(120, "延期", builder.Doctor.Id, Settings, BedBuilder.Today)),
            Refused.By("bed.closed", () => bed.AddOrder(builder.Order("吸氧", OrderFrequency.TimesPerDay(1), starts: BedBuilder.Today), builder.Doctor.Id, BedBuilder.Today)),
            Refused.By("bed.closed", () => bed.StopOrder(order.Id, BedBuilder.Today, "撤床", builder.Doctor.Id, BedBuilder.Today)),
            Refused.By("bed.closed", () => bed.ChangeResponsibleStaff(builder.Doctor, builder.Nurse)),
        };

        Assert.All(refusals, ex => Assert.Equal("该家庭病床已于 2025-06-15 撤床，不能再修改。", ex.Message));
        Assert.Single(bed.Orders);
        Assert.Null(order.StoppedOn);
        Assert.Empty(bed.Extensions);
        Assert.Equal(2, bed.ClosingDiagnoses.Count());
    }

    // ---- orders ----

    [Fact]
    public void An_order_is_added_with_the_next_sequence()
    {
        var bed = builder.Open();

        var order = bed.AddOrder(
            new BedOrderSpec(BedOrderKind.Medical, " 胰岛素注射 ", OrderFrequency.TimesPerDay(2), D(2025, 6, 10), D(2025, 7, 10), "  皮下注射 8U "),
            builder.Doctor.Id, BedBuilder.Today);

        Assert.Equal(2, order.Sequence);
        Assert.Equal("胰岛素注射", order.ItemName);
        Assert.Equal("皮下注射 8U", order.Instructions);
        Assert.Equal(BedOrderKind.Medical, order.Kind);
        Assert.Equal("医疗", order.Kind.ChineseName());
        Assert.Equal(builder.Doctor.Id, order.OrderedByStaffId);
        Assert.Equal(D(2025, 7, 10), order.LastDay);
        Assert.Equal(2, bed.Orders.Count);
    }

    [Fact]
    public void An_added_order_may_not_start_before_the_opening()
    {
        var bed = builder.Open();

        var ex = Refused.By("bed.order-invalid", () =>
            bed.AddOrder(builder.Order("吸氧", OrderFrequency.TimesPerDay(1), starts: D(2025, 5, 31)), builder.Doctor.Id, BedBuilder.Today));
        Assert.Equal("医嘱“吸氧”：开始日期不能早于建床日期。", ex.Message);
        Refused.By("bed.order-invalid", () =>
            bed.AddOrder(builder.Order(" ", OrderFrequency.TimesPerDay(1)), builder.Doctor.Id, BedBuilder.Today));
    }

    [Fact]
    public void Stopping_an_order_keeps_its_reason_and_ends_it_the_day_before()
    {
        var bed = builder.Open();
        var order = bed.Orders[0];

        bed.StopOrder(order.Id, D(2025, 6, 10), " 伤口愈合 ", builder.Nurse.Id, BedBuilder.Today);

        Assert.True(order.IsStopped);
        Assert.Equal((D(2025, 6, 10), "伤口愈合", builder.Nurse.Id), (order.StoppedOn!.Value, order.StopReason!, order.StoppedByStaffId!.Value));
        Assert.Equal(D(2025, 6, 9), order.LastDay);
        Assert.True(order.IsInForceOn(D(2025, 6, 9)));
        Assert.False(order.IsInForceOn(D(2025, 6, 10)));
        Refused.By("bed.order-stopped", () => bed.StopOrder(order.Id, D(2025, 6, 11), "再停", builder.Nurse.Id, BedBuilder.Today));
    }

    [Fact]
    public void Stopping_needs_a_reason_a_date_within_the_bed_and_a_running_order()
    {
        var bed = builder.WithOrders(
            builder.Order("换药", OrderFrequency.TimesPerWeek(2)),
            builder.Order("吸氧", OrderFrequency.TimesPerDay(1), until: D(2025, 6, 5))).Open();

        Refused.By("bed.reason", () => bed.StopOrder(bed.Orders[0].Id, BedBuilder.Today, "", builder.Nurse.Id, BedBuilder.Today));
        Refused.By("bed.order-stop-date", () => bed.StopOrder(bed.Orders[0].Id, D(2025, 6, 16), "原因", builder.Nurse.Id, BedBuilder.Today));
        Refused.By("bed.order-stop-date", () => bed.StopOrder(bed.Orders[0].Id, D(2025, 5, 31), "原因", builder.Nurse.Id, BedBuilder.Today));
        Refused.By("bed.order-ended", () => bed.StopOrder(bed.Orders[1].Id, BedBuilder.Today, "原因", builder.Nurse.Id, BedBuilder.Today));
        Refused.By("bed.order-missing", () => bed.StopOrder(-1, BedBuilder.Today, "原因", builder.Nurse.Id, BedBuilder.Today));
        Assert.All(bed.Orders, o => Assert.False(o.IsStopped));
    }
}
