using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Domain.Contracts;

namespace CareTeams.Tests.Domain.Visits;

/// <summary>VisitLog.Validate at its edges, amending, and who may correct a logged visit when.</summary>
public class VisitLogEdgeCases
{
    private static readonly DateTime Now = new(2025, 6, 15, 10, 0, 0);
    private readonly TestCounty county = new();

    private static VisitDetails Details(DateTime start, DateTime end, string? notes = null, string? signedBy = null, string? relation = null) =>
        new(start, end, VisitPlace.Home, VisitKind.Other, ServiceKind.HomeVisit, null, notes, signedBy, relation);

    private static IEnumerable<string> Messages(VisitDetails details) => VisitLog.Validate(details, Now).Select(e => $"{e.Field}: {e.Message}");

    [Fact]
    public void A_visit_of_exactly_twelve_hours_and_one_ending_as_it_starts_are_accepted()
    {
        Assert.Empty(Messages(Details(Now.AddHours(-12), Now)));
        Assert.Empty(Messages(Details(Now.AddHours(-1), Now.AddHours(-1))));
        // A few minutes ahead of the server clock (a tablet's clock) is tolerated.
        Assert.Empty(Messages(Details(Now.AddMinutes(5), Now.AddMinutes(5))));
    }

    [Fact]
    public void Each_broken_time_rule_is_reported_once_on_its_field()
    {
        Assert.Equal(["EndedAt: 一次服务不能超过 12 小时，请核对开始和结束时间。"], Messages(Details(Now.AddHours(-12).AddMinutes(-1), Now)));
        // An end before the start is not also reported as "in the future".
        Assert.Equal(["StartedAt: 服务开始时间不能晚于现在。", "EndedAt: 结束时间不能早于开始时间。"],
            Messages(Details(Now.AddHours(2), Now.AddHours(1))));
        Assert.Equal(["EndedAt: 结束时间不能晚于现在。"], Messages(Details(Now.AddMinutes(-10), Now.AddMinutes(6))));
    }

    [Fact]
    public void Notes_and_signature_lengths_are_bounded_and_a_relation_needs_a_name()
    {
        Assert.Empty(Messages(Details(Now.AddHours(-1), Now, new string('记', VisitLog.NotesMaxLength), new string('张', VisitLog.SignedByMaxLength))));
        Assert.Equal(["Notes: 记录内容最多 2000 个字。"], Messages(Details(Now.AddHours(-1), Now, new string('记', VisitLog.NotesMaxLength + 1))));
        Assert.Equal(["SignedBy: 签名人姓名最多 50 个字。"], Messages(Details(Now.AddHours(-1), Now, signedBy: new string('张', 51))));
        Assert.Equal(["SignedBy: 填写了与居民关系，请同时填写签名人姓名。"], Messages(Details(Now.AddHours(-1), Now, signedBy: "  ", relation: "儿子")));
    }

    [Fact]
    public void Amending_keeps_the_kind_recomputes_the_flags_and_replaces_the_follow_up_result()
    {
        var resident = county.NewResident().WithBirthDate(1950, 3, 1).Build();
        var nurse = TestStaff.In(county.Team, county.Centre, TeamRole.Nurse, "李护士");
        var details = new VisitDetails(Now.AddHours(-1), Now, VisitPlace.Home, VisitKind.ChronicFollowUp, ServiceKind.HypertensionFollowUp,
            VitalSigns.Create(150, 95));
        var findings = new FollowUpFindings(ChronicCondition.Hypertension);
        var first = ChronicFollowUp.Classify(findings, details.Vitals, 75, false, DateOnly.FromDateTime(Now));
        var visit = VisitLog.Record(resident, nurse, details, Now, form: ChronicFollowUp.ToForm(findings, first));
        Assert.Equal("收缩压偏高（≥140 mmHg）、舒张压偏高（≥90 mmHg）", visit.VitalFlags);

        var corrected = details with { Vitals = VitalSigns.Create(132, 84) };
        var second = ChronicFollowUp.Classify(findings, corrected.Vitals, 75, false, DateOnly.FromDateTime(Now));
        visit.Amend(corrected, Now, ChronicFollowUp.ToForm(findings, second));
        Assert.Null(visit.VitalFlags);
        Assert.StartsWith("控制满意", visit.FormResult);

        Refused.By("visit.kind-fixed", () => visit.Amend(corrected with { Kind = VisitKind.Other }, Now));
        Refused.By("visit.form-fixed", () => visit.Amend(corrected, Now, VisitForm.IntegratedCare("测血压")));
        Refused.By("visit.invalid", () => visit.Amend(corrected with { EndedAt = Now.AddHours(-2) }, Now));
    }

    [Fact]
    public void The_author_or_a_doctor_of_the_team_may_correct_a_visit_within_seven_days()
    {
        var resident = county.NewResident().Build();
        var nurse = TestStaff.In(county.Team, county.Centre, TeamRole.Nurse, "李护士");
        var otherNurse = TestStaff.In(county.Team, county.Centre, TeamRole.Nurse, "周护士");
        var doctor = TestStaff.In(county.Team, county.Centre, TeamRole.GeneralPractitioner, "王医生");
        var otherTeamDoctor = TestStaff.In(county.AddTeam(county.Centre, "第二团队"), county.Centre, TeamRole.TeamLeader, "钱医生");
        var visit = VisitLog.Record(resident, nurse, Details(Now.AddHours(-1), Now), Now);

        Assert.Null(LoggedVisits.AmendRefusal(visit, nurse, Now));
        Assert.Null(LoggedVisits.AmendRefusal(visit, doctor, Now));
        Assert.Equal("只有记录人或本团队医生可以修改该服务记录。", LoggedVisits.AmendRefusal(visit, otherNurse, Now));
        Assert.Equal("只有记录人或本团队医生可以修改该服务记录。", LoggedVisits.AmendRefusal(visit, otherTeamDoctor, Now));
        Assert.Equal("您的账号未关联医务人员，不能修改服务记录。", LoggedVisits.AmendRefusal(visit, null, Now));
        Assert.Null(LoggedVisits.AmendRefusal(visit, nurse, Now.AddHours(-1).AddDays(7)));
        Assert.Equal("服务记录登记超过 7 天后不能再修改。", LoggedVisits.AmendRefusal(visit, nurse, Now.AddDays(7)));

        var bedVisit = VisitLog.Record(resident, nurse, Details(Now.AddHours(-1), Now) with { Kind = VisitKind.BedRound }, Now, homeBedId: 7);
        Assert.Equal("该记录来自“2111”服务或家庭病床，请在对应页面修改。", LoggedVisits.AmendRefusal(bedVisit, nurse, Now));
    }
}
