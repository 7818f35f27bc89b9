using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;

namespace CareTeams.Tests.Domain.Visits;

/// <summary>What a visit must say to be recorded (VisitLog.Validate) and what Record keeps.</summary>
public sealed class VisitLogRules
{
    private static readonly DateTime Now = new(2025, 6, 15, 10, 0, 0);

    private static VisitDetails Details(DateTime? start = null, DateTime? end = null) => new(
        start ?? Now.AddMinutes(-40), end ?? Now.AddMinutes(-10), VisitPlace.Home, VisitKind.Plan2111, ServiceKind.IntegratedCare);

    private static IReadOnlyList<string> Messages(VisitDetails details) => VisitLog.Validate(details, Now).Select(e => e.Message).ToList();

    [Fact]
    public void A_visit_that_ended_before_now_is_valid()
    {
        Assert.Empty(VisitLog.Validate(Details(), Now));
    }

    [Fact]
    public void Start_and_end_may_be_up_to_five_minutes_ahead_of_the_clock_but_not_more()
    {
        Assert.Empty(VisitLog.Validate(Details(Now, Now.AddMinutes(5)), Now));

        Assert.Equal(["服务开始时间不能晚于现在。", "结束时间不能晚于现在。"], Messages(Details(Now.AddMinutes(6), Now.AddMinutes(20))));
        Assert.Equal(["结束时间不能晚于现在。"], Messages(Details(Now, Now.AddMinutes(6))));
    }

    [Fact]
    public void The_end_may_not_come_before_the_start_and_a_visit_lasts_at_most_12_hours()
    {
        Assert.Equal(["结束时间不能早于开始时间。"], Messages(Details(Now.AddHours(-1), Now.AddHours(-2))));
        Assert.Empty(VisitLog.Validate(Details(Now.AddHours(-12), Now), Now));
        Assert.Equal(["一次服务不能超过 12 小时，请核对开始和结束时间。"], Messages(Details(Now.AddHours(-12).AddMinutes(-1), Now)));
    }

    [Fact]
    public void Notes_and_the_signers_name_have_their_limits_and_a_relation_needs_a_name()
    {
        var details = Details() with
        {
            Notes = new string('记', VisitLog.NotesMaxLength + 1),
            SignedBy = new string('王', VisitLog.SignedByMaxLength + 1),
        };
        Assert.Equal([$"记录内容最多 {VisitLog.NotesMaxLength} 个字。", $"签名人姓名最多 {VisitLog.SignedByMaxLength} 个字。"], Messages(details));
        Assert.Empty(VisitLog.Validate(Details() with { Notes = new string('记', VisitLog.NotesMaxLength), SignedBy = "王小明", SignedRelation = "儿子" }, Now));

        var relationOnly = VisitLog.Validate(Details() with { SignedRelation = "儿子" }, Now);
        Assert.Equal([new ValidationError(nameof(VisitDetails.SignedBy), "填写了与居民关系，请同时填写签名人姓名。")], relationOnly);
    }

    [Fact]
    public void An_unknown_place_or_kind_is_refused()
    {
        var details = Details() with { Place = (VisitPlace)7, Kind = (VisitKind)42 };
        Assert.Equal(["请选择服务地点。", "请选择服务类型。"], Messages(details));
    }

    [Fact]
    public void Record_keeps_the_residents_place_in_the_scope_the_vital_flags_in_words_and_the_form()
    {
        var county = new TestCounty();
        var resident = county.NewResident().WithId(77).Build(TestDates.Today);
        var staff = new StaffMember(county.Centre, "王医生").WithId(5);
        var vitals = VitalSigns.Create(systolic: 150, diastolic: 85, temperatureC: 37.5m);
        var form = VisitForm.IntegratedCare("用药指导");

        var visit = VisitLog.Record(resident, staff, Details() with { Vitals = vitals, Notes = "  入户  ", SignedBy = " 王小明 " }, Now,
            planItemId: 9, form: form);

        Assert.Equal((resident.CountyId, resident.CentreId, resident.TeamId, resident.VillageId, 77, 5, 9),
            (visit.CountyId, visit.CentreId, visit.TeamId, visit.VillageId, visit.ResidentId, visit.StaffMemberId, visit.PlanItemId));
        Assert.Equal("收缩压偏高（≥140 mmHg）、发热（≥37.3 ℃）", visit.VitalFlags);
        Assert.Equal(("入户", "王小明"), (visit.Notes, visit.SignedBy));
        Assert.Equal((VisitFormKind.IntegratedCare, "用药指导", "{\"Services\":\"用药指导\"}"), (visit.FormKind, visit.FormResult, visit.FormAnswers));
    }

    [Fact]
    public void Record_refuses_staff_of_another_centre_and_invalid_details()
    {
        var county = new TestCounty();
        var resident = county.NewResident().WithId(77).Build(TestDates.Today);
        var other = county.AddCentre("WS02", "另一卫生院");
        var stranger = new StaffMember(other, "李医生").WithId(6);
        var staff = new StaffMember(county.Centre, "王医生").WithId(5);

        var centre = Assert.Throws<DomainException>(() => VisitLog.Record(resident, stranger, Details(), Now));
        Assert.Equal("visit.staff-centre", centre.Code);
        var invalid = Assert.Throws<DomainException>(() => VisitLog.Record(resident, staff, Details(Now.AddHours(1), Now.AddHours(2)), Now));
        Assert.Equal("服务开始时间不能晚于现在。结束时间不能晚于现在。", invalid.Message);
    }
}
