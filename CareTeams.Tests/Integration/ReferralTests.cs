using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Referrals through <see cref="ReferralService"/> on a real SQLite file, from both sides: the GP of team A refers up,
/// the hospital's desk receives, accepts, confirms arrival and answers with a down-referral (both saved together),
/// the team sees the follow-up; an unrelated team and another centre see nothing.
/// </summary>
public sealed class ReferralTests : IDisposable
{
    private readonly TestDatabase _database = new(); // today: 2026-11-23, 09:00 China time
    private readonly SmallCounty _county;
    private readonly ReferralAlliance _alliance;
    private readonly Resident _elder; // team A

    public ReferralTests()
    {
        _county = SmallCounty.Create(_database);
        _alliance = ReferralAlliance.Create(_database, _county);
        _elder = _county.AddResident(_database, _county.VillageA, "钱大爷", new DateOnly(1948, 4, 2), Sex.Male, KeyPopulation.Hypertension);
    }

    public void Dispose() => _database.Dispose();

    private ReferralService As(UserScope user) => _database.Service<ReferralService>(user);

    private int SendUp(ReferralUrgency urgency = ReferralUrgency.Routine)
    {
        var sent = As(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null, _alliance.Township.Id, _alliance.Hospital.Id,
            ReferralAlliance.UpForm(urgency))).GetAwaiter().GetResult();
        Assert.True(sent.Succeeded, sent.Summary);
        return sent.Id!.Value;
    }

    [Fact]
    public async Task An_up_referral_is_received_accepted_arrives_and_is_answered_by_a_down_referral_saved_together()
    {
        var upId = SendUp();
        var desk = As(_alliance.HospitalDesk);
        var incoming = await desk.ListAsync(new ReferralQuery { Box = ReferralBox.Incoming });
        Assert.Equal("钱大爷", Assert.Single(incoming).ResidentName);

        var view = (await desk.GetAsync(upId))!;
        Assert.True(view.Can.Accept);
        Assert.Equal(("钱大爷", "东村"), (view.Resident.Name, view.Resident.VillageName));
        var accepted = await desk.AcceptAsync(upId, view.Referral.Version);
        Assert.True(accepted.Succeeded, accepted.Summary);
        var arrived = await desk.ConfirmArrivalAsync(upId, accepted.Version!.Value);
        Assert.True(arrived.Succeeded, arrived.Summary);

        var down = await desk.RequestAsync(new ReferralInput(null, null, _alliance.Hospital.Id, _alliance.Township.Id,
            ReferralAlliance.DownForm(homeBed: true), AnswersReferralId: upId));
        Assert.True(down.Succeeded, down.Summary);

        await using var db = _database.Context(UserScope.System);
        var up = await db.Referrals.SingleAsync(r => r.Id == upId);
        Assert.Equal(ReferralStatus.Returned, up.Status);
        Assert.Equal(down.Id, up.ReturnedByReferralId);
        var answer = await db.Referrals.SingleAsync(r => r.Id == down.Id);
        Assert.Equal((upId, ReferralDirection.Down, _county.TeamA.Id), (answer.AnswersReferralId!.Value, answer.Direction, answer.TeamId));
        Assert.Equal("ZY2026-1101", answer.Return!.InpatientNumber);
        Assert.Equal(
            [ReferralStatus.Requested, ReferralStatus.Accepted, ReferralStatus.Arrived, ReferralStatus.Returned],
            up.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => s.Status));
        Assert.Equal(["王全科", "县医院转诊办", "县医院转诊办", "县医院转诊办"], up.Steps.OrderBy(s => s.At).ThenBy(s => s.Id).Select(s => s.ByName));
        Assert.Equal("心电图", Assert.Single(up.Attachments).Title);

        var followUps = await As(_alliance.GpOfTeamA).FollowUpsAsync(_database.Clock.Today.AddDays(30));
        var task = Assert.Single(followUps);
        Assert.Equal((down.Id!.Value, true), (task.ReferralId, task.ProposesHomeBed));
    }

    [Fact]
    public async Task Nobody_else_sees_a_referral_an_unrelated_team_another_centre_or_the_care_home()
    {
        var upId = SendUp();
        foreach (var outsider in new[] { _county.DoctorOfTeamB, _county.OtherCentreManager, _alliance.CareHomeDesk, UserScope.Nobody })
        {
            var service = As(outsider);
            Assert.Null(await service.GetAsync(upId));
            Assert.True((await service.ListAsync(new ReferralQuery { Box = ReferralBox.All, Status = ReferralStatusFilter.Any })).Count == 0, outsider.UserName);
            Assert.False((await service.AcceptAsync(upId, Guid.Empty)).Succeeded);
        }
        Assert.NotNull(await As(_county.Manager).GetAsync(upId));
        Assert.NotNull(await As(_county.Admin).GetAsync(upId));
    }

    [Fact]
    public async Task The_receiving_list_puts_the_green_channel_first()
    {
        SendUp();
        _database.Clock.Now = _database.Clock.Now.AddMinutes(5);
        var green = SendUp(ReferralUrgency.GreenChannel);
        var list = await As(_alliance.HospitalDesk).ListAsync(new ReferralQuery { Box = ReferralBox.Incoming });
        Assert.Equal(green, list[0].Id);
    }
}
