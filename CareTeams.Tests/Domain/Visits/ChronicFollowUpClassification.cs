using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Domain.Contracts;

namespace CareTeams.Tests.Domain.Visits;

/// <summary>DOMAIN.md "Vitals": the hypertension / type-2 diabetes follow-up classification and next-visit advice.</summary>
public class ChronicFollowUpClassification
{
    private static readonly DateOnly Day = new(2025, 6, 15);
    private static readonly FollowUpFindings Hypertension = new(ChronicCondition.Hypertension);
    private static readonly FollowUpFindings Diabetes = new(ChronicCondition.Type2Diabetes);

    private static FollowUpOutcome Bp(int systolic, int diastolic, int age = 60, bool previousUncontrolled = false, FollowUpFindings? findings = null) =>
        ChronicFollowUp.Classify(findings ?? Hypertension, VitalSigns.Create(systolic, diastolic), age, previousUncontrolled, Day);

    private static FollowUpOutcome Glucose(decimal glucose, bool previousUncontrolled = false, FollowUpFindings? findings = null) =>
        ChronicFollowUp.Classify(findings ?? Diabetes, VitalSigns.Create(fastingGlucose: glucose), 60, previousUncontrolled, Day);

    [Theory]
    [InlineData(139, 89, 60, FollowUpClassification.Controlled)]
    [InlineData(140, 80, 60, FollowUpClassification.Uncontrolled)]
    [InlineData(130, 90, 60, FollowUpClassification.Uncontrolled)]
    [InlineData(149, 89, 65, FollowUpClassification.Controlled)] // elders: < 150/90
    [InlineData(149, 89, 64, FollowUpClassification.Uncontrolled)]
    [InlineData(150, 80, 65, FollowUpClassification.Uncontrolled)]
    [InlineData(140, 90, 70, FollowUpClassification.Uncontrolled)] // the diastolic target is 90 at any age
    public void Blood_pressure_targets_are_140_90_and_150_90_from_65(int systolic, int diastolic, int age, FollowUpClassification expected) =>
        Assert.Equal(expected, Bp(systolic, diastolic, age).Classification);

    [Fact]
    public void Controlled_means_a_routine_visit_within_three_months()
    {
        var outcome = Bp(128, 82);
        Assert.Equal(NextVisitAdvice.Routine, outcome.Advice);
        Assert.Equal(Day.AddDays(90), outcome.NextVisitBy);
        Assert.Equal("控制满意；常规随访（3个月内）（血压达标）", outcome.Summary);
    }

    [Fact]
    public void A_first_uncontrolled_reading_means_a_visit_within_two_weeks_and_a_second_in_a_row_a_referral()
    {
        var first = Bp(152, 88);
        Assert.Equal(NextVisitAdvice.WithinTwoWeeks, first.Advice);
        Assert.Equal(Day.AddDays(14), first.NextVisitBy);
        Assert.Contains("收缩压 152 mmHg ≥ 140", first.Reason);

        var second = Bp(152, 88, previousUncontrolled: true);
        Assert.Equal(FollowUpClassification.Uncontrolled, second.Classification);
        Assert.Equal(NextVisitAdvice.Refer, second.Advice);
        Assert.StartsWith("连续两次控制不满意", second.Reason);

        // A controlled reading after an uncontrolled one is simply routine.
        Assert.Equal(NextVisitAdvice.Routine, Bp(130, 80, previousUncontrolled: true).Advice);
    }

    [Theory]
    [InlineData(180, 100)]
    [InlineData(170, 110)]
    public void Danger_blood_pressure_means_urgent_referral_even_when_the_last_visit_was_fine(int systolic, int diastolic)
    {
        var outcome = Bp(systolic, diastolic);
        Assert.Equal(FollowUpClassification.Uncontrolled, outcome.Classification);
        Assert.Equal(NextVisitAdvice.UrgentReferral, outcome.Advice);
        Assert.Equal(Day, outcome.NextVisitBy);
    }

    [Theory]
    [InlineData(6.9, FollowUpClassification.Controlled, NextVisitAdvice.Routine)]
    [InlineData(7.0, FollowUpClassification.Uncontrolled, NextVisitAdvice.WithinTwoWeeks)]
    [InlineData(16.6, FollowUpClassification.Uncontrolled, NextVisitAdvice.WithinTwoWeeks)]
    [InlineData(16.7, FollowUpClassification.Uncontrolled, NextVisitAdvice.UrgentReferral)]
    [InlineData(4.0, FollowUpClassification.Controlled, NextVisitAdvice.Routine)]
    [InlineData(3.9, FollowUpClassification.Uncontrolled, NextVisitAdvice.UrgentReferral)] // ≤ 3.9 is a danger value
    public void Fasting_glucose_target_is_below_7_and_danger_values_are_16_7_and_3_9(double glucose, FollowUpClassification classification,
        NextVisitAdvice advice)
    {
        var outcome = Glucose((decimal)glucose);
        Assert.Equal(classification, outcome.Classification);
        Assert.Equal(advice, outcome.Advice);
    }

    [Fact]
    public void An_adverse_reaction_with_a_controlled_reading_means_adjusting_and_a_visit_within_two_weeks()
    {
        var outcome = Bp(130, 80, findings: Hypertension with { AdverseReaction = true });
        Assert.Equal(FollowUpClassification.AdverseReaction, outcome.Classification);
        Assert.Equal(NextVisitAdvice.WithinTwoWeeks, outcome.Advice);
        Assert.Equal("不良反应；调整治疗，2周内随访（出现药物不良反应）", outcome.Summary);
    }

    [Fact]
    public void A_new_or_worse_complication_means_referral_and_danger_values_still_win()
    {
        var complication = Glucose(6.5m, findings: Diabetes with { NewOrWorseComplication = true });
        Assert.Equal(FollowUpClassification.Complication, complication.Classification);
        Assert.Equal(NextVisitAdvice.Refer, complication.Advice);
        Assert.Equal(Day.AddDays(14), complication.NextVisitBy);

        var danger = Glucose(20m, findings: Diabetes with { NewOrWorseComplication = true });
        Assert.Equal(FollowUpClassification.Complication, danger.Classification);
        Assert.Equal(NextVisitAdvice.UrgentReferral, danger.Advice);
    }

    [Fact]
    public void A_follow_up_needs_the_reading_its_condition_is_judged_by()
    {
        Assert.Equal("高血压随访需填写血压（收缩压和舒张压）。",
            Refused.By("follow-up.reading", () => ChronicFollowUp.Classify(Hypertension, VitalSigns.Create(fastingGlucose: 6m), 60, false, Day)).Message);
        Assert.Equal("糖尿病随访需填写空腹血糖。",
            Refused.By("follow-up.reading", () => ChronicFollowUp.Classify(Diabetes, null, 60, false, Day)).Message);
    }

    [Fact]
    public void The_outcome_is_kept_as_the_visits_form_and_read_back()
    {
        var findings = Hypertension with { AdverseReaction = true };
        var outcome = Bp(160, 95, findings: findings);
        var form = ChronicFollowUp.ToForm(findings, outcome);

        Assert.Equal(VisitFormKind.ChronicFollowUp, form.Kind);
        Assert.Equal(outcome.Summary, form.Result);
        var answers = ChronicFollowUp.ReadForm(form.Kind, form.Answers);
        Assert.NotNull(answers);
        Assert.True(answers.IsUncontrolled);
        Assert.True(answers.AdverseReaction);
        Assert.Equal(outcome.NextVisitBy, answers.NextVisitBy);
        Assert.Null(ChronicFollowUp.ReadForm(VisitFormKind.TcmConstitution, form.Answers));
        Assert.Null(ChronicFollowUp.ReadForm(VisitFormKind.ChronicFollowUp, "not json"));
    }

    [Fact]
    public void A_follow_up_is_for_a_condition_the_resident_is_managed_for()
    {
        Assert.Equal([ServiceKind.HypertensionFollowUp, ServiceKind.DiabetesFollowUp],
            LoggedVisits.ServicesFor(VisitKind.ChronicFollowUp, KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes | KeyPopulation.Elderly65));
        Assert.Equal([ServiceKind.DiabetesFollowUp], LoggedVisits.ServicesFor(VisitKind.ChronicFollowUp, KeyPopulation.Type2Diabetes));
        Assert.Null(LoggedVisits.ServiceRefusal(VisitKind.ChronicFollowUp, ServiceKind.HypertensionFollowUp, KeyPopulation.Hypertension));
        Assert.Equal("该居民未登记高血压或2型糖尿病，不能登记慢病随访。",
            LoggedVisits.ServiceRefusal(VisitKind.ChronicFollowUp, ServiceKind.HypertensionFollowUp, KeyPopulation.Elderly65)!.Message);
        Assert.Equal("请选择与服务类型相符的服务项目。",
            LoggedVisits.ServiceRefusal(VisitKind.ChronicFollowUp, ServiceKind.DiabetesFollowUp, KeyPopulation.Hypertension)!.Message);
        Assert.Equal(nameof(VisitDetails.Kind), LoggedVisits.ServiceRefusal(VisitKind.Plan2111, ServiceKind.PhysicalExam, KeyPopulation.None)!.Field);
        Assert.Null(LoggedVisits.ServiceRefusal(VisitKind.Other, ServiceKind.HomeVisit, KeyPopulation.None));
    }
}
