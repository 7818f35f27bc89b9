using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Elder2111;

internal static class PlanBuilders
{
    /// <summary>A plan with item ids 1–5 as persistence would give them (first IC, exam, TCM, ability, second IC).</summary>
    public static ElderPlan2111 WithItemIds(this ElderPlan2111 plan)
    {
        var id = 0;
        foreach (var item in plan.Items)
            item.WithId(++id);
        return plan;
    }

    public static Resident Elder(DateOnly? born = null, LivingArrangement living = LivingArrangement.Home) =>
        new TestCounty().NewResident().WithBirthDate(born ?? new DateOnly(1950, 3, 10)).Living(living).Build(new DateOnly(2026, 1, 1));
}

public class ElderPlanEligibility
{
    [Theory]
    [InlineData(1961, 12, 31, 2026, true)]   // 65 on the year's last day
    [InlineData(1962, 1, 1, 2026, false)]    // 65 only next year
    [InlineData(1940, 6, 1, 2026, true)]
    public void An_active_elder_at_home_is_eligible_when_65_by_31_December(int y, int m, int d, int year, bool eligible)
    {
        var resident = PlanBuilders.Elder(new DateOnly(y, m, d));

        Assert.Equal(eligible, Plan2111Rules.IsEligible(resident, year));
    }

    [Fact]
    public void An_elder_in_a_care_institution_is_not_eligible()
    {
        Assert.False(Plan2111Rules.IsEligible(PlanBuilders.Elder(living: LivingArrangement.CareInstitution), 2026));
    }

    [Fact]
    public void A_deceased_or_moved_away_elder_is_not_eligible()
    {
        var dead = PlanBuilders.Elder();
        dead.RecordDeath(new DateOnly(2026, 2, 1), null, new DateOnly(2026, 3, 1));
        var gone = PlanBuilders.Elder();
        gone.RecordMovedAway(new DateOnly(2026, 2, 1), null, new DateOnly(2026, 3, 1));

        Assert.False(Plan2111Rules.IsEligible(dead, 2026));
        Assert.False(Plan2111Rules.IsEligible(gone, 2026));
    }

    [Fact]
    public void A_29_February_birthday_turns_65_on_1_March_as_the_65th_year_is_never_a_leap_year()
    {
        Assert.Equal(new DateOnly(2025, 3, 1), Plan2111Rules.TurnsEligibleOn(new DateOnly(1960, 2, 29)));
        Assert.False(Plan2111Rules.IsEligible(PlanBuilders.Elder(new DateOnly(1960, 2, 29)), 2024));
        Assert.True(Plan2111Rules.IsEligible(PlanBuilders.Elder(new DateOnly(1960, 2, 29)), 2025));
        Assert.Equal(new DateOnly(2025, 3, 1), Plan2111Rules.StartOf(new DateOnly(1960, 2, 29), 2025, new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void The_plan_starts_on_1_January_the_65th_birthday_or_the_day_it_is_made()
    {
        var today = new DateOnly(2026, 1, 1);
        Assert.Equal(new DateOnly(2026, 1, 1), Plan2111Rules.StartOf(new DateOnly(1950, 7, 1), 2026, today));
        Assert.Equal(new DateOnly(2026, 7, 1), Plan2111Rules.StartOf(new DateOnly(1961, 7, 1), 2026, today));
        Assert.Equal(new DateOnly(2026, 9, 5), Plan2111Rules.StartOf(new DateOnly(1950, 7, 1), 2026, new DateOnly(2026, 9, 5)));
    }

    [Fact]
    public void A_year_that_has_ended_cannot_be_planned()
    {
        var e = Assert.Throws<DomainException>(() => Plan2111Rules.StartOf(new DateOnly(1950, 1, 1), 2025, new DateOnly(2026, 1, 2)));
        Assert.Equal("plan2111.year-ended", e.Code);
    }

    [Fact]
    public void Creating_a_plan_for_a_resident_under_65_is_refused()
    {
        var young = PlanBuilders.Elder(new DateOnly(1970, 1, 1));

        var e = Assert.Throws<DomainException>(() => ElderPlan2111.Create(young, 2026, new DateOnly(2026, 1, 1), new VisitMonths(1, 7)));
        Assert.Equal("plan2111.not-eligible", e.Code);
    }
}

public class ElderPlanItems
{
    private static readonly DateOnly YearStart = new(2026, 1, 1);

    private static ElderPlan2111 PlanFrom(DateOnly start, VisitMonths months, DateOnly? born = null) =>
        ElderPlan2111.Create(PlanBuilders.Elder(born), start.Year, start, months).WithItemIds();

    [Fact]
    public void A_plan_has_the_four_kinds_with_two_integrated_care_services_in_the_planned_months()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(2, 8));

        Assert.Equal(5, plan.Items.Count);
        foreach (var kind in new[] { PlanItemKind.PhysicalExam, PlanItemKind.TcmConstitution, PlanItemKind.AbilityAssessment })
        {
            Assert.Equal(new DateOnly(2026, 2, 1), plan.Item(kind).WindowStart);
            Assert.Equal(new DateOnly(2026, 2, 28), plan.Item(kind).Due);
        }
        Assert.Equal(new DateOnly(2026, 2, 1), plan.Item(PlanItemKind.IntegratedCare).WindowStart);
        var second = plan.Item(PlanItemKind.IntegratedCare, 2);
        Assert.Equal(new DateOnly(2026, 8, 1), second.WindowStart);
        Assert.Equal(new DateOnly(2026, 8, 31), second.Due);
        Assert.Equal(new DateOnly(2026, 4, 1), second.Earliest);
        Assert.All(plan.Items, i => Assert.Equal(PlanItemStatus.Open, i.Status));
    }

    [Fact]
    public void A_plan_from_the_65th_birthday_mid_year_opens_on_the_birthday()
    {
        var start = new DateOnly(2026, 5, 20);
        var plan = ElderPlan2111.Create(PlanBuilders.Elder(new DateOnly(1961, 5, 20)), 2026, start, new VisitMonths(5, 9)).WithItemIds();

        Assert.Equal(start, plan.StartsOn);
        var exam = plan.Item(PlanItemKind.PhysicalExam);
        Assert.Equal(start, exam.Earliest);
        Assert.Equal(start, exam.WindowStart); // the month began before the birthday
        Assert.Equal(new DateOnly(2026, 8, 20), plan.Item(PlanItemKind.IntegratedCare, 2).Earliest);
    }

    [Fact]
    public void A_first_month_before_the_start_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ElderPlan2111.Create(PlanBuilders.Elder(), 2026, new DateOnly(2026, 5, 1), new VisitMonths(4, 9)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            ElderPlan2111.Create(PlanBuilders.Elder(), 2026, YearStart, new VisitMonths(4, 6)));
    }

    [Fact]
    public void A_late_start_leaves_no_room_for_the_second_integrated_care_service_which_is_not_applicable()
    {
        Assert.Null(CapacityPlanner.GapFor(11));
        var plan = PlanFrom(new DateOnly(2026, 11, 10), new VisitMonths(11, null));

        var second = plan.Item(PlanItemKind.IntegratedCare, 2);
        Assert.Equal(PlanItemStatus.NotApplicable, second.Status);
        Assert.Equal(PlanItemState.NotApplicable, second.StateOn(new DateOnly(2026, 12, 31)));
        Assert.False(string.IsNullOrEmpty(second.Reason));
        Assert.Equal(4, plan.Items.Count(i => i.IsOpen));
    }

    [Fact]
    public void An_item_is_planned_before_its_month_due_in_it_and_overdue_after()
    {
        var exam = PlanFrom(YearStart, new VisitMonths(3, 9)).Item(PlanItemKind.PhysicalExam);

        Assert.Equal(PlanItemState.Planned, exam.StateOn(new DateOnly(2026, 2, 28)));
        Assert.Equal(PlanItemState.Due, exam.StateOn(new DateOnly(2026, 3, 1)));
        Assert.Equal(PlanItemState.Due, exam.StateOn(new DateOnly(2026, 3, 31)));
        Assert.Equal(PlanItemState.Overdue, exam.StateOn(new DateOnly(2026, 4, 1)));
    }

    [Fact]
    public void Recording_done_keeps_the_date_and_staff_and_a_second_recording_is_refused()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(3, 9));
        var exam = plan.Item(PlanItemKind.PhysicalExam);

        plan.RecordDone(exam.Id, new DateOnly(2026, 3, 5), 77, new DateOnly(2026, 3, 6));

        Assert.Equal(PlanItemStatus.Done, exam.Status);
        Assert.Equal(PlanItemState.Done, exam.StateOn(new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 3, 5), exam.ClosedOn);
        Assert.Equal(77, exam.StaffMemberId);
        Assert.Equal("plan2111.item-closed",
            Assert.Throws<DomainException>(() => plan.RecordDone(exam.Id, new DateOnly(2026, 3, 6), 77, new DateOnly(2026, 3, 6))).Code);
    }

    [Fact]
    public void A_date_in_the_future_is_refused()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(3, 9));

        var e = Assert.Throws<DomainException>(() => plan.RecordDone(plan.Item(PlanItemKind.PhysicalExam).Id, new DateOnly(2026, 3, 7), 1, new DateOnly(2026, 3, 6)));
        Assert.Equal("plan2111.done-future", e.Code);
    }

    [Fact]
    public void A_date_outside_the_plan_period_is_refused()
    {
        var plan = PlanFrom(new DateOnly(2026, 5, 20), new VisitMonths(5, 9), new DateOnly(1961, 5, 20));
        var exam = plan.Item(PlanItemKind.PhysicalExam);

        Assert.Equal("plan2111.done-outside",
            Assert.Throws<DomainException>(() => plan.RecordDone(exam.Id, new DateOnly(2026, 5, 19), 1, new DateOnly(2026, 6, 1))).Code);
        Assert.Equal("plan2111.done-outside",
            Assert.Throws<DomainException>(() => plan.RecordDone(exam.Id, new DateOnly(2027, 1, 2), 1, new DateOnly(2027, 1, 3))).Code);
    }

    [Fact]
    public void The_second_integrated_care_service_before_the_first_is_refused()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(2, 8));

        var e = Assert.Throws<DomainException>(() =>
            plan.RecordDone(plan.Item(PlanItemKind.IntegratedCare, 2).Id, new DateOnly(2026, 8, 3), 1, new DateOnly(2026, 8, 3)));
        Assert.Equal("plan2111.integrated-order", e.Code);
    }

    [Fact]
    public void The_second_integrated_care_service_less_than_three_months_after_the_first_is_refused_and_accepted_on_the_day()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(2, 8));
        var second = plan.Item(PlanItemKind.IntegratedCare, 2);
        plan.RecordDone(plan.Item(PlanItemKind.IntegratedCare).Id, new DateOnly(2026, 2, 10), 1, new DateOnly(2026, 2, 10));

        var e = Assert.Throws<DomainException>(() => plan.RecordDone(second.Id, new DateOnly(2026, 5, 9), 1, new DateOnly(2026, 5, 9)));
        Assert.Equal("plan2111.integrated-spacing", e.Code);

        plan.RecordDone(second.Id, new DateOnly(2026, 5, 10), 1, new DateOnly(2026, 5, 10));
        Assert.Equal(PlanItemStatus.Done, second.Status);
    }

    [Fact]
    public void Doing_the_first_late_moves_the_second_window_three_months_after_it()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(2, 8));
        var second = plan.Item(PlanItemKind.IntegratedCare, 2);

        plan.RecordDone(plan.Item(PlanItemKind.IntegratedCare).Id, new DateOnly(2026, 6, 10), 1, new DateOnly(2026, 6, 10));

        Assert.Equal(new DateOnly(2026, 9, 10), second.Earliest);
        Assert.Equal(new DateOnly(2026, 9, 10), second.WindowStart);
        Assert.Equal(new DateOnly(2026, 9, 30), second.Due);
        Assert.Equal(PlanItemState.Planned, second.StateOn(new DateOnly(2026, 8, 31)));
    }

    [Fact]
    public void Doing_the_first_early_keeps_the_planned_window_of_the_second()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(2, 8));
        var second = plan.Item(PlanItemKind.IntegratedCare, 2);

        plan.RecordDone(plan.Item(PlanItemKind.IntegratedCare).Id, new DateOnly(2026, 1, 15), 1, new DateOnly(2026, 1, 15));

        Assert.Equal(new DateOnly(2026, 8, 1), second.WindowStart);
        Assert.Equal(new DateOnly(2026, 8, 31), second.Due);
        Assert.Equal(new DateOnly(2026, 4, 15), second.Earliest);
    }

    [Fact]
    public void Doing_the_first_after_September_makes_the_second_not_applicable()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(6, 12));

        plan.RecordDone(plan.Item(PlanItemKind.IntegratedCare).Id, new DateOnly(2026, 10, 2), 1, new DateOnly(2026, 10, 2));

        Assert.Equal(PlanItemStatus.NotApplicable, plan.Item(PlanItemKind.IntegratedCare, 2).Status);
    }

    [Fact]
    public void Declining_keeps_the_reason_and_needs_one()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(3, 9));
        var tcm = plan.Item(PlanItemKind.TcmConstitution);

        Assert.Equal("plan2111.reason", Assert.Throws<DomainException>(() => plan.Decline(tcm.Id, "  ", new DateOnly(2026, 3, 2), 5, new DateOnly(2026, 3, 2))).Code);
        Assert.True(tcm.IsOpen);

        plan.Decline(tcm.Id, " 本人不愿意 ", new DateOnly(2026, 3, 2), 5, new DateOnly(2026, 3, 2));

        Assert.Equal(PlanItemStatus.Declined, tcm.Status);
        Assert.Equal(PlanItemState.Declined, tcm.StateOn(new DateOnly(2026, 5, 1)));
        Assert.Equal("本人不愿意", tcm.Reason);
        Assert.Equal(5, tcm.StaffMemberId);
        Assert.False(plan.IsComplete);
    }

    [Fact]
    public void Closing_open_items_leaves_the_done_ones_and_counts_the_closed()
    {
        var plan = PlanFrom(YearStart, new VisitMonths(3, 9));
        plan.RecordDone(plan.Item(PlanItemKind.PhysicalExam).Id, new DateOnly(2026, 3, 5), 1, new DateOnly(2026, 3, 5));

        var closed = plan.CloseOpenItems(new DateOnly(2026, 4, 2), "居民已死亡");

        Assert.Equal(4, closed);
        Assert.Equal(PlanItemStatus.Done, plan.Item(PlanItemKind.PhysicalExam).Status);
        Assert.All(plan.Items.Where(i => i.Kind != PlanItemKind.PhysicalExam), i =>
        {
            Assert.Equal(PlanItemStatus.NotApplicable, i.Status);
            Assert.Equal("居民已死亡", i.Reason);
            Assert.Equal(new DateOnly(2026, 4, 2), i.ClosedOn);
        });
        Assert.Equal(0, plan.CloseOpenItems(new DateOnly(2026, 4, 3), "居民已死亡"));
        Assert.True(plan.IsComplete); // what remained applicable is done
    }

    [Fact]
    public void Closing_reasons_follow_the_resident_status()
    {
        Assert.Equal("居民已死亡", Plan2111Rules.ClosingReason(ResidentStatus.Deceased));
        Assert.Equal("居民已迁出", Plan2111Rules.ClosingReason(ResidentStatus.MovedAway));
        Assert.Null(Plan2111Rules.ClosingReason(ResidentStatus.Active));
    }

    [Fact]
    public void A_plan_follows_its_resident_to_another_village_and_team()
    {
        var county = new TestCounty();
        var otherTeam = county.AddTeam(county.Centre, "第二团队");
        var otherVillage = county.AddVillage(county.Centre, "西村", otherTeam);
        var resident = county.NewResident().WithBirthDate(1950, 1, 1).Build(YearStart);
        var plan = ElderPlan2111.Create(resident, 2026, YearStart, new VisitMonths(1, 7));

        Assert.False(plan.FollowResident(resident));
        resident.MoveTo(otherVillage);

        Assert.True(plan.FollowResident(resident));
        Assert.Equal(otherVillage.Id, plan.VillageId);
        Assert.Equal(otherTeam.Id, plan.TeamId);
        Assert.False(plan.FollowResident(resident));
        Assert.Throws<ArgumentException>(() => plan.FollowResident(county.NewResident().WithBirthDate(1950, 1, 1).Build(YearStart)));
    }
}
