using CareTeams.Domain.Referrals;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Referrals;

public sealed class ReferralStateMachine
{
    private readonly ReferralWorld world = new();

    private int Hospital => world.Hospital.Id;
    private int Township => world.Township.Id;
    private static DateTimeOffset At => ReferralWorld.At;

    [Fact]
    public void A_request_copies_the_resident_and_institutions_and_records_the_first_step()
    {
        var up = world.Up(ReferralUrgency.Urgent);

        Assert.Equal(ReferralStatus.Requested, up.Status);
        Assert.Equal((world.Resident.CountyId, world.Resident.CentreId, world.TeamId, world.Resident.Id),
            (up.CountyId, up.CentreId, up.TeamId, up.ResidentId));
        Assert.Equal((Township, AllianceInstitutionKind.TownshipCentre), (up.FromInstitutionId, up.FromKind));
        Assert.Equal((Hospital, AllianceInstitutionKind.LeadingHospital), (up.ToInstitutionId, up.ToKind));
        Assert.Equal(ReferralDirection.Up, up.Direction);
        Assert.Equal("I10", up.Icd10Code);
        Assert.Equal("硝苯地平控释片 30mg qd", up.TreatmentSoFar);
        Assert.Equal("高血压10年", up.History);
        var attachment = Assert.Single(up.Attachments);
        Assert.Equal((1, "心电图", "窦性心律，左室高电压"), (attachment.Sequence, attachment.Title, attachment.Summary));
        var step = Assert.Single(up.Steps);
        Assert.Equal((ReferralStatus.Requested, ReferralWorld.Gp.StaffId, "王全科", Township, At), (step.Status, step.StaffId, step.ByName, step.InstitutionId, step.At));
        Assert.Equal((71, "王全科"), (up.RequestedByStaffId, up.RequestedByName));
        Assert.Equal(new DateOnly(2025, 6, 15), step.Date);
        Assert.Null(up.FollowUpTask);
    }

    [Fact]
    public void The_receiver_accepts_confirms_arrival_and_closes_each_step_on_the_timeline()
    {
        var up = world.Up();
        up.Accept(ReferralWorld.HospitalDoctor, Hospital, At.AddHours(1));
        up.ConfirmArrival(ReferralWorld.HospitalDoctor, Hospital, At.AddHours(3));
        up.Close(ReferralWorld.HospitalDoctor, Hospital, "住院治疗后出院回家", At.AddDays(5));

        Assert.Equal(ReferralStatus.Closed, up.Status);
        Assert.True(up.IsFinal);
        Assert.Equal(
            [ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Arrived, ReferralStatus.Closed],
            up.Steps.Select(s => s.Status));
        Assert.All(up.Steps.Skip(1), s => Assert.Equal(((int?)null, "李主任", Hospital), (s.StaffId, s.ByName, s.InstitutionId!.Value)));
        Assert.Equal("住院治疗后出院回家", up.LastStep.Note);
    }

    [Fact]
    public void The_sender_may_close_an_arrived_referral_too()
    {
        var up = world.ArrivedUp();
        up.Close(ReferralWorld.Gp, Township, null, At.AddDays(3));
        Assert.Equal(ReferralStatus.Closed, up.Status);
        Assert.Null(up.LastStep.Note);
    }

    [Fact]
    public void Only_the_receiving_institution_accepts_declines_or_confirms_arrival()
    {
        var up = world.Up();
        Assert.Equal("referral.not-receiver", Assert.Throws<DomainException>(() => up.Accept(ReferralWorld.Gp, Township, At)).Code);
        Assert.Equal("referral.not-receiver", Assert.Throws<DomainException>(() => up.Decline(ReferralWorld.Gp, Township, "无床位", At)).Code);
        up.Accept(ReferralWorld.HospitalDoctor, Hospital, At);
        Assert.Equal("referral.not-receiver",
            Assert.Throws<DomainException>(() => up.ConfirmArrival(ReferralWorld.Gp, world.OtherTownship.Id, At)).Code);
        Assert.Equal(ReferralStatus.Accepted, up.Status);
    }

    [Fact]
    public void A_decline_needs_a_reason_and_is_final()
    {
        var up = world.Up();
        var blank = Assert.Throws<DomainException>(() => up.Decline(ReferralWorld.HospitalDoctor, Hospital, "  ", At));
        Assert.Equal("referral.reason-required", blank.Code);
        Assert.Equal("请填写拒绝原因。", blank.Message);

        up.Decline(ReferralWorld.HospitalDoctor, Hospital, " 专科床位已满 ", At.AddHours(2));

        Assert.Equal(ReferralStatus.Declined, up.Status);
        Assert.Equal("专科床位已满", up.LastStep.Note);
        AssertFinal(up);
    }

    [Fact]
    public void Only_the_sender_cancels_only_while_requested_and_with_a_reason()
    {
        var up = world.Up();
        Assert.Equal("referral.not-sender", Assert.Throws<DomainException>(() => up.Cancel(ReferralWorld.HospitalDoctor, Hospital, "x", At)).Code);
        Assert.Equal("referral.reason-required", Assert.Throws<DomainException>(() => up.Cancel(ReferralWorld.Gp, Township, "", At)).Code);
        up.Cancel(ReferralWorld.Gp, Township, "家属决定自行就医", At.AddMinutes(30));
        Assert.Equal(ReferralStatus.Cancelled, up.Status);
        Assert.Equal((71, Township), (up.LastStep.StaffId!.Value, up.LastStep.InstitutionId!.Value));
        AssertFinal(up);

        var accepted = world.Up();
        accepted.Accept(ReferralWorld.HospitalDoctor, Hospital, At);
        Assert.Equal("referral.wrong-status",
            Assert.Throws<DomainException>(() => accepted.Cancel(ReferralWorld.Gp, Township, "改变主意", At)).Code);
    }

    [Fact]
    public void Steps_out_of_order_are_refused()
    {
        var up = world.Up();
        Assert.Equal("referral.wrong-status",
            Assert.Throws<DomainException>(() => up.ConfirmArrival(ReferralWorld.HospitalDoctor, Hospital, At)).Code);
        Assert.Equal("referral.wrong-status", Assert.Throws<DomainException>(() => up.Close(ReferralWorld.Gp, Township, null, At)).Code);
        up.Accept(ReferralWorld.HospitalDoctor, Hospital, At);
        Assert.Equal("referral.wrong-status", Assert.Throws<DomainException>(() => up.Accept(ReferralWorld.HospitalDoctor, Hospital, At)).Code);
        Assert.Equal("referral.wrong-status",
            Assert.Throws<DomainException>(() => up.Decline(ReferralWorld.HospitalDoctor, Hospital, "无床", At)).Code);
        Assert.Equal("referral.wrong-status", Assert.Throws<DomainException>(() => up.Close(ReferralWorld.Gp, Township, null, At)).Code);
    }

    [Fact]
    public void A_step_cannot_be_dated_before_the_previous_one()
    {
        var up = world.Up();
        Assert.Equal("referral.time-before",
            Assert.Throws<DomainException>(() => up.Accept(ReferralWorld.HospitalDoctor, Hospital, At.AddMinutes(-1))).Code);
        Assert.Equal(ReferralStatus.Requested, up.Status);
    }

    [Fact]
    public void Closing_needs_to_be_done_by_one_of_the_two_institutions()
    {
        var up = world.ArrivedUp();
        Assert.Equal("referral.not-party",
            Assert.Throws<DomainException>(() => up.Close(ReferralWorld.Gp, world.OtherTownship.Id, null, At.AddDays(1))).Code);
    }

    [Fact]
    public void An_unanswered_request_expires_after_the_given_days_and_not_before()
    {
        var up = world.Up();
        Assert.False(up.ExpireIfUnanswered(At.AddDays(3).AddSeconds(-1), 3));
        Assert.Equal(ReferralStatus.Requested, up.Status);

        Assert.True(up.ExpireIfUnanswered(At.AddDays(3), 3));

        Assert.Equal(ReferralStatus.Expired, up.Status);
        Assert.Null(up.LastStep.StaffId);
        Assert.Equal(ReferralStep.SystemName, up.LastStep.ByName);
        Assert.Null(up.LastStep.InstitutionId);
        Assert.Equal("3 天未处理，自动过期。", up.LastStep.Note);
        Assert.False(up.ExpireIfUnanswered(At.AddDays(10), 3));
        Assert.Equal(2, up.Steps.Count);
        AssertFinal(up);
    }

    [Fact]
    public void An_answered_referral_does_not_expire()
    {
        var up = world.Up();
        up.Accept(ReferralWorld.HospitalDoctor, Hospital, At.AddHours(1));
        Assert.False(up.ExpireIfUnanswered(At.AddDays(30), 3));
        Assert.Equal(ReferralStatus.Accepted, up.Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => world.Up().ExpireIfUnanswered(At, 0));
    }

    [Fact]
    public void A_closed_referral_cannot_change()
    {
        var up = world.ArrivedUp();
        up.Close(ReferralWorld.HospitalDoctor, Hospital, null, At.AddDays(2));
        AssertFinal(up);
    }

    private void AssertFinal(Referral referral)
    {
        var steps = referral.Steps.Count;
        var status = referral.Status;
        var later = At.AddDays(60);
        Action[] all =
        [
            () => referral.Accept(ReferralWorld.HospitalDoctor, Hospital, later),
            () => referral.Decline(ReferralWorld.HospitalDoctor, Hospital, "原因", later),
            () => referral.Cancel(ReferralWorld.Gp, Township, "原因", later),
            () => referral.ConfirmArrival(ReferralWorld.HospitalDoctor, Hospital, later),
            () => referral.Close(ReferralWorld.HospitalDoctor, Hospital, null, later),
        ];
        foreach (var act in all)
        {
            var error = Assert.Throws<DomainException>(act);
            Assert.Equal("referral.final", error.Code);
            Assert.Equal($"该转诊{status.ChineseName()}，不能再更改。", error.Message);
        }
        Assert.False(referral.ExpireIfUnanswered(later, 1));
        Assert.Equal(steps, referral.Steps.Count);
        Assert.Equal(status, referral.Status);
    }
}
