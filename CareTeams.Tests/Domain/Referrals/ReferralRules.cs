using CareTeams.Domain.Referrals;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Referrals;

public sealed class ReferralRules
{
    private readonly ReferralWorld world = new();
    private static DateTimeOffset At => ReferralWorld.At;

    private Referral Send(AllianceInstitution from, AllianceInstitution to, ReferralForm form) =>
        Referral.Request(world.Resident, from, to, form, ReferralWorld.Gp, At);

    private DomainException Refused(AllianceInstitution from, AllianceInstitution to, ReferralForm form) =>
        Assert.Throws<DomainException>(() => Send(from, to, form));

    [Fact]
    public void Up_goes_to_a_higher_medical_level()
    {
        Assert.Equal(ReferralDirection.Up, Send(world.Clinic, world.Hospital, ReferralWorld.UpForm()).Direction);
        Assert.Equal(ReferralDirection.Up, Send(world.Clinic, world.Township, ReferralWorld.UpForm()).Direction);

        Assert.Equal("上转须从村卫生室或乡镇卫生院转往更高一级的医疗机构。", Refused(world.Hospital, world.Township, ReferralWorld.UpForm()).Message);
        Assert.Equal("referral.invalid", Refused(world.Township, world.OtherTownship, ReferralWorld.UpForm()).Code);
        Assert.Equal("referral.invalid", Refused(world.CareHome, world.Hospital, ReferralWorld.UpForm()).Code);
    }

    [Fact]
    public void Down_goes_to_a_lower_medical_level()
    {
        Assert.Equal(ReferralDirection.Down, Send(world.Hospital, world.Clinic, ReferralWorld.DownForm()).Direction);
        Assert.Equal("下转须从上级医疗机构转往下一级的医疗机构。", Refused(world.Township, world.Hospital, ReferralWorld.DownForm()).Message);
        Assert.Equal("referral.invalid", Refused(world.Hospital, world.CareHome, ReferralWorld.DownForm()).Code);
    }

    [Fact]
    public void A_transfer_is_between_a_medical_and_a_care_institution_either_way()
    {
        Assert.Equal(ReferralDirection.Transfer, Send(world.Hospital, world.CareHome, ReferralWorld.TransferForm()).Direction);
        Assert.Equal(ReferralDirection.Transfer, Send(world.CareHome, world.Township, ReferralWorld.TransferForm()).Direction);
        Assert.Equal("转介须在医疗机构与养老机构之间进行。", Refused(world.Township, world.Hospital, ReferralWorld.TransferForm()).Message);
    }

    [Fact]
    public void The_green_channel_is_only_for_up_referrals()
    {
        var up = Send(world.Township, world.Hospital, ReferralWorld.UpForm(ReferralUrgency.GreenChannel));
        Assert.True(up.IsGreenChannel);

        Assert.Equal("绿色通道仅用于上转。",
            Refused(world.Hospital, world.Township, ReferralWorld.DownForm() with { Urgency = ReferralUrgency.GreenChannel }).Message);
        Assert.Equal("绿色通道仅用于上转。",
            Refused(world.CareHome, world.Hospital, ReferralWorld.TransferForm() with { Urgency = ReferralUrgency.GreenChannel }).Message);
        var urgentTransfer = Send(world.CareHome, world.Hospital, ReferralWorld.TransferForm() with { Urgency = ReferralUrgency.Urgent });
        Assert.False(urgentTransfer.IsGreenChannel);
    }

    [Fact]
    public void The_form_lists_every_problem_at_once()
    {
        var form = new ReferralForm(ReferralDirection.Up, ReferralUrgency.Routine, " ", "", "I1", null, null,
            [new AttachmentInput("", "摘要")], new ReturnForm("x", null, null, null, "y", null), ProposesHomeBed: true);

        var errors = Referral.Validate(form, world.Township, world.Hospital);

        Assert.Equal(
            ["Reason", "Diagnosis", "Icd10Code", "Attachments[0].Title", "Return", "ProposesHomeBed"],
            errors.Select(e => e.Field));
        Assert.Contains(errors, e => e.Message == "请填写转诊原因。");
        Assert.Contains(errors, e => e.Message == "只有下转可以建议家庭病床。");
    }

    [Fact]
    public void A_down_referral_needs_its_return_form()
    {
        var noReturn = ReferralWorld.DownForm() with { Return = null };
        Assert.Equal("下转须填写回转单。", Refused(world.Hospital, world.Township, noReturn).Message);

        var blankPlan = ReferralWorld.DownForm() with { Return = new ReturnForm("诊断", null, null, null, " ", null) };
        Assert.Equal(["Return.NextPlan"], Referral.Validate(blankPlan, world.Hospital, world.Township).Select(e => e.Field));
    }

    [Fact]
    public void The_icd10_code_is_optional_and_normalised()
    {
        Assert.Null(Send(world.Township, world.Hospital, ReferralWorld.UpForm(icd: "  ")).Icd10Code);
        Assert.Equal("E11.9", Send(world.Township, world.Hospital, ReferralWorld.UpForm(icd: " e11.9 ")).Icd10Code);
        Assert.Contains("不是有效的 ICD-10 编码", Refused(world.Township, world.Hospital, ReferralWorld.UpForm(icd: "高血压")).Message);
    }

    [Fact]
    public void A_resident_without_a_team_and_institutions_of_another_county_are_refused()
    {
        var village = world.County.AddVillage(world.County.Centre, "无团队村");
        var orphan = world.County.NewResident().InVillage(village).Build();
        Assert.Equal("referral.no-team",
            Assert.Throws<DomainException>(() => Referral.Request(orphan, world.Township, world.Hospital, ReferralWorld.UpForm(), new ReferralActor(1, "经办人"), At)).Code);

        var elsewhere = new AllianceInstitution(99, "外县医院", AllianceInstitutionKind.LeadingHospital).WithId(9999);
        Assert.Equal("referral.other-county", Refused(world.Township, elsewhere, ReferralWorld.UpForm()).Code);
        Assert.Equal("referral.same-institution", Refused(world.CareHome, world.CareHome, ReferralWorld.TransferForm()).Code);
    }

    [Fact]
    public void A_down_referral_answering_an_arrived_up_referral_returns_it_and_both_are_linked()
    {
        var up = world.ArrivedUp();

        var down = world.Down(answers: up, homeBed: true);

        Assert.Equal(up.Id, down.AnswersReferralId);
        Assert.Same(down, up.ReturnedBy);
        Assert.Null(up.ReturnedByReferralId); // the new down-referral has no id until saved: EF fills the key from ReturnedBy
        Assert.Equal(ReferralStatus.Returned, up.Status);
        Assert.Equal(("李主任", world.Hospital.Id, At.AddDays(7)),
            (up.LastStep.ByName, up.LastStep.InstitutionId!.Value, up.LastStep.At));
        Assert.True(up.IsFinal);
        Assert.Throws<DomainException>(() => up.Close(ReferralWorld.HospitalDoctor, world.Hospital.Id, null, At.AddDays(8)));

        Assert.Equal(ReferralStatus.Requested, down.Status);
        Assert.Equal(world.TeamId, down.TeamId);
        Assert.True(down.ProposesHomeBed);
        Assert.Equal("ZY2025-0612", down.Return!.InpatientNumber);
        Assert.Equal("下转随访：高血压3级 很高危。每周测血压两次，两周后复诊（建议评估家庭病床）", down.FollowUpTask);
    }

    [Fact]
    public void A_down_referral_without_follow_up_instructions_uses_the_next_plan_as_the_task()
    {
        var down = Referral.Request(world.Resident, world.Hospital, world.Township, ReferralWorld.DownForm(followUp: null),
            ReferralWorld.HospitalDoctor, At);
        Assert.Null(down.AnswersReferralId);
        Assert.Equal("下转随访：高血压3级 很高危。继续口服降压药，低盐饮食", down.FollowUpTask);
    }

    [Fact]
    public void A_down_referral_is_followed_up_within_two_weeks_unless_it_was_declined_and_an_up_referral_never_is()
    {
        var down = world.Down();
        Assert.Equal(new DateOnly(2025, 6, 22).AddDays(14), down.FollowUpDueOn);
        Assert.Null(world.Up().FollowUpDueOn);
        down.Decline(ReferralWorld.Gp, world.Township.Id, "居民已迁出", At.AddDays(8));
        Assert.Null(down.FollowUpDueOn);
    }

    [Fact]
    public void Who_takes_a_step_must_have_a_name()
    {
        Assert.Equal("referral.actor-name", Assert.Throws<DomainException>(() => new ReferralActor(null, "  ")).Code);
        Assert.Equal("张三", new ReferralActor(3, " 张三 ").Name);
    }

    [Fact]
    public void Only_an_arrived_up_referral_of_the_same_resident_between_the_same_institutions_can_be_answered()
    {
        var accepted = world.Up();
        accepted.Accept(ReferralWorld.HospitalDoctor, world.Hospital.Id, At);
        Assert.Equal("referral.answer-not-arrived", Assert.Throws<DomainException>(() => world.Down(accepted)).Code);
        Assert.Equal(ReferralStatus.Accepted, accepted.Status);

        var up = world.ArrivedUp();
        var other = world.County.NewResident().WithName("孙大妈").Build();
        Assert.Equal("referral.answer-other-resident", Assert.Throws<DomainException>(() =>
            Referral.Request(other, world.Hospital, world.Township, ReferralWorld.DownForm(), new ReferralActor(1, "经办人"), At.AddDays(7), up)).Code);
        Assert.Equal("referral.answer-institutions", Assert.Throws<DomainException>(() =>
            Referral.Request(world.Resident, world.Hospital, world.Clinic, ReferralWorld.DownForm(), new ReferralActor(1, "经办人"), At.AddDays(7), up)).Code);

        var downFirst = world.Down();
        Assert.Equal("referral.answer-direction", Assert.Throws<DomainException>(() =>
            Referral.Request(world.Resident, world.Township, world.Hospital, ReferralWorld.UpForm(), new ReferralActor(1, "经办人"), At.AddDays(8), downFirst)).Code);
        Assert.Equal(ReferralStatus.Arrived, up.Status);
    }

    [Fact]
    public void A_transfer_back_answers_a_transfer()
    {
        var transfer = Referral.Request(world.Resident, world.Hospital, world.CareHome, ReferralWorld.TransferForm(), new ReferralActor(1, "经办人"), At).WithId(1);
        transfer.Accept(new ReferralActor(5, "经办人"), world.CareHome.Id, At.AddHours(1));
        transfer.ConfirmArrival(new ReferralActor(5, "经办人"), world.CareHome.Id, At.AddHours(2));

        var back = Referral.Request(world.Resident, world.CareHome, world.Hospital, ReferralWorld.TransferForm(), new ReferralActor(5, "经办人"), At.AddDays(20), transfer);

        Assert.Equal(1, back.AnswersReferralId);
        Assert.Equal(ReferralStatus.Returned, transfer.Status);
    }

    [Fact]
    public void The_receiving_list_puts_the_green_channel_first_then_urgent_then_the_oldest_request()
    {
        var routineEarly = world.Up(ReferralUrgency.Routine, At);
        var urgentLate = world.Up(ReferralUrgency.Urgent, At.AddHours(3));
        var green = world.Up(ReferralUrgency.GreenChannel, At.AddHours(5));
        var urgentEarly = world.Up(ReferralUrgency.Urgent, At.AddHours(1));
        var routineLate = world.Up(ReferralUrgency.Routine, At.AddHours(2));

        var ordered = new[] { routineEarly, urgentLate, green, urgentEarly, routineLate }.Order(ReceivingListOrder.Instance);

        Assert.Equal([green, urgentEarly, urgentLate, routineEarly, routineLate], ordered);
        Assert.True(ReceivingListOrder.Instance.Compare(green, null) < 0);
        Assert.Equal(0, ReceivingListOrder.Instance.Compare(green, green));
    }

    [Fact]
    public void An_up_referral_is_seen_by_the_sending_team_and_the_receiving_institution_only()
    {
        var up = world.Up();
        var otherTeam = world.County.AddTeam(world.County.Centre, "第二团队");

        Assert.True(up.IsVisibleTo(world.TeamId, null));
        Assert.True(up.IsVisibleTo(null, world.Hospital.Id));
        Assert.False(up.IsVisibleTo(otherTeam.Id, world.Township.Id));
        Assert.False(up.IsVisibleTo(null, world.OtherTownship.Id));
        Assert.False(up.IsVisibleTo(null, null));
    }

    [Fact]
    public void A_down_referral_is_seen_by_the_sending_hospital_the_receiving_centre_and_the_residents_team()
    {
        var down = world.Down();
        var otherTeam = world.County.AddTeam(world.County.Centre, "第二团队");

        Assert.True(down.IsVisibleTo(null, world.Hospital.Id));
        Assert.True(down.IsVisibleTo(null, world.Township.Id));
        Assert.True(down.IsVisibleTo(world.TeamId, null));
        Assert.False(down.IsVisibleTo(otherTeam.Id, world.Clinic.Id));
        Assert.False(down.IsVisibleTo(null, world.CareHome.Id));
    }

    [Fact]
    public void Terms_have_chinese_names_and_levels()
    {
        Assert.Equal(Enum.GetValues<ReferralStatus>().Order(), ReferralTerms.Final.Concat(ReferralTerms.UnderWay).Order());
        Assert.Equal("绿色通道", ReferralUrgency.GreenChannel.ChineseName());
        Assert.Equal("转介", ReferralDirection.Transfer.ChineseName());
        Assert.Equal("已回转", ReferralStatus.Returned.ChineseName());
        Assert.Equal("养老机构", AllianceInstitutionKind.CareInstitution.ChineseName());
        Assert.True(AllianceInstitutionKind.LeadingHospital.MedicalLevel() > AllianceInstitutionKind.TownshipCentre.MedicalLevel());
        Assert.True(AllianceInstitutionKind.TownshipCentre.MedicalLevel() > AllianceInstitutionKind.VillageClinic.MedicalLevel());
        Assert.False(AllianceInstitutionKind.CareInstitution.IsMedical());
    }

    [Fact]
    public void An_alliance_institution_needs_a_name_and_a_kind()
    {
        var institution = new AllianceInstitution(1, " 城关镇卫生院 ", AllianceInstitutionKind.TownshipCentre, 1001);
        Assert.Equal(("城关镇卫生院", 1001), (institution.Name, institution.CentreId!.Value));
        Assert.Equal("alliance.name-required",
            Assert.Throws<DomainException>(() => new AllianceInstitution(1, " ", AllianceInstitutionKind.VillageClinic)).Code);
        Assert.Equal("alliance.kind-invalid",
            Assert.Throws<DomainException>(() => new AllianceInstitution(1, "某机构", (AllianceInstitutionKind)9)).Code);
        Assert.Equal("alliance.centre-kind",
            Assert.Throws<DomainException>(() => new AllianceInstitution(1, "县医院", AllianceInstitutionKind.LeadingHospital, 1001)).Code);
        institution.Rename(" 城关镇中心卫生院 ");
        Assert.Equal("城关镇中心卫生院", institution.Name);
        Assert.Throws<DomainException>(() => institution.Rename(new string('院', AllianceInstitution.NameMaxLength + 1)));
    }
}
