using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
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
        // Every write is audited with who made it: the GP's request, the desk's acceptance, arrival and answer.
        var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(Referral) && a.EntityKey == upId.ToString())
            .Select(a => a.UserName).ToListAsync();
        Assert.Contains("gp-a", audited);
        Assert.Contains("hospital-desk", audited);

        var followUps = await As(_alliance.GpOfTeamA).FollowUpsAsync(_database.Clock.Today.AddDays(30));
        var task = Assert.Single(followUps);
        Assert.Equal((down.Id!.Value, true, _database.Clock.Today.AddDays(14)), (task.ReferralId, task.ProposesHomeBed, task.DueOn));
        Assert.Empty(await As(_county.DoctorOfTeamB).FollowUpsAsync(_database.Clock.Today.AddDays(30)));

        // A visit of the resident after the down-referral does the follow-up.
        var nurse = ContractFixtures.AddStaff(_database, _county.Centre, _county.TeamA, "赵护士", TeamRole.Nurse);
        var at = ChinaTime.LocalTimeOf(_database.Clock.Now).AddHours(2);
        await using (var write = _database.Context(UserScope.System))
        {
            write.Visits.Add(VisitLog.Record(await write.Residents.SingleAsync(r => r.Id == _elder.Id), nurse,
                new VisitDetails(at, at.AddMinutes(30), VisitPlace.Home, VisitKind.ChronicFollowUp,
                    ServiceKind.HypertensionFollowUp, Notes: "下转后随访"), at.AddHours(1)));
            await write.SaveChangesAsync();
        }
        Assert.Empty(await As(_alliance.GpOfTeamA).FollowUpsAsync(_database.Clock.Today.AddDays(30)));
        Assert.NotNull((await As(_alliance.GpOfTeamA).GetAsync(down.Id!.Value))!.FollowUpVisitId);
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

    [Fact]
    public async Task Unanswered_requests_expire_after_the_configured_days_and_a_second_run_changes_nothing()
    {
        var old = SendUp();
        _database.Clock.Now = _database.Clock.Now.AddDays(3);
        var recent = SendUp();
        var desk = As(_alliance.HospitalDesk);
        var accepted = SendUp();
        Assert.True((await desk.AcceptAsync(accepted, (await desk.GetAsync(accepted))!.Referral.Version)).Succeeded);
        _database.Clock.Now = _database.Clock.Now.AddDays(4).AddMinutes(1); // old: 7 days + 1 minute; recent: 4 days

        Assert.Equal(1, await _database.Service<ReferralService>(UserScope.System).ExpireUnansweredAsync());
        Assert.Equal(0, await _database.Service<ReferralService>(UserScope.System).ExpireUnansweredAsync());

        await using var db = _database.Context(UserScope.System);
        var statuses = await db.Referrals.ToDictionaryAsync(r => r.Id, r => r.Status);
        Assert.Equal((ReferralStatus.Expired, ReferralStatus.Requested, ReferralStatus.Accepted), (statuses[old], statuses[recent], statuses[accepted]));
        var expired = (await db.Referrals.SingleAsync(r => r.Id == old)).LastStep;
        Assert.Equal((ReferralStep.SystemName, (int?)null), (expired.ByName, expired.InstitutionId));
    }

    [Fact]
    public async Task Only_the_receiving_side_accepts_only_the_sender_cancels_and_a_stale_version_is_a_conflict()
    {
        var id = SendUp();
        var gp = As(_alliance.GpOfTeamA);
        var version = (await gp.GetAsync(id))!.Referral.Version;
        Assert.False((await gp.GetAsync(id))!.Can.Accept);
        var refused = await gp.AcceptAsync(id, version);
        Assert.False(refused.Succeeded);
        Assert.Contains("只有接收机构可以接收转诊", refused.Summary, StringComparison.Ordinal);

        var desk = As(_alliance.HospitalDesk);
        var cancelByDesk = await desk.CancelAsync(id, version, "不需要了");
        Assert.Contains("只有转出机构可以撤销转诊", cancelByDesk.Summary, StringComparison.Ordinal);
        var declineBlank = await desk.DeclineAsync(id, version, "  ");
        Assert.Contains("请填写拒绝原因", declineBlank.Summary, StringComparison.Ordinal);

        Assert.True((await desk.AcceptAsync(id, version)).Succeeded);
        Assert.True((await gp.CancelAsync(id, version, "家属决定自行就医")).Conflict);
        await using var db = _database.Context(UserScope.System);
        Assert.Equal(ReferralStatus.Accepted, (await db.Referrals.SingleAsync(r => r.Id == id)).Status);
    }

    [Fact]
    public async Task A_form_with_problems_is_refused_by_field_and_saves_nothing()
    {
        var form = ReferralAlliance.UpForm(ReferralUrgency.GreenChannel) with { Direction = ReferralDirection.Transfer, Reason = " " };
        var result = await As(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null, _alliance.Township.Id, _alliance.Hospital.Id, form));
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Field == nameof(ReferralForm.Reason));
        Assert.Contains(result.Errors, e => e.Field == nameof(ReferralForm.Direction));
        Assert.Contains(result.Errors, e => e.Field == nameof(ReferralForm.Urgency));

        // The GP cannot send from the hospital, nor for a resident of another team.
        var fromHospital = await As(_alliance.GpOfTeamA).RequestAsync(new ReferralInput(_elder.Id, null, _alliance.Hospital.Id, _alliance.Township.Id,
            ReferralAlliance.DownForm()));
        Assert.Contains(fromHospital.Errors, e => e.Field == nameof(ReferralInput.FromInstitutionId));
        var otherTeam = await As(_county.DoctorOfTeamB).RequestAsync(new ReferralInput(_elder.Id, null, _alliance.Township.Id, _alliance.Hospital.Id,
            ReferralAlliance.UpForm()));
        Assert.Contains(otherTeam.Errors, e => e.Field == nameof(ReferralInput.ResidentId));

        await using var db = _database.Context(UserScope.System);
        Assert.Empty(await db.Referrals.ToListAsync());
    }

    [Fact]
    public async Task A_desk_finds_a_resident_only_by_the_full_ID_number_in_its_county_and_refers_them()
    {
        var desk = As(_alliance.CareHomeDesk);
        Assert.Null(await desk.FindResidentByIdNumberAsync(_elder.IdNumber[..17]));
        var found = await desk.FindResidentByIdNumberAsync(_elder.IdNumber);
        Assert.Equal(("钱大爷", _elder.MaskedIdNumber), (found!.Name, found.MaskedIdNumber));

        var sent = await desk.RequestAsync(new ReferralInput(null, _elder.IdNumber, _alliance.CareHome.Id, _alliance.Hospital.Id,
            ReferralAlliance.TransferForm()));
        Assert.True(sent.Succeeded, sent.Summary);
        // The care home sees what it sent; the team sees its resident's referral; the hospital receives it.
        Assert.NotNull(await desk.GetAsync(sent.Id!.Value));
        Assert.NotNull(await As(_alliance.GpOfTeamA).GetAsync(sent.Id!.Value));
        Assert.Single(await As(_alliance.HospitalDesk).ListAsync(new ReferralQuery { Box = ReferralBox.Incoming }));
        await using var db = _database.Context(UserScope.System);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == "Resident" && a.EntityKey == _elder.Id.ToString()));
    }

    [Fact]
    public async Task The_resident_page_timeline_lists_the_residents_referrals_for_the_team_and_nothing_for_another_team()
    {
        SendUp();
        var rows = await As(_alliance.GpOfTeamA).ForResidentAsync(_elder.Id);
        Assert.Equal(("测试镇卫生院", "测试县人民医院"), (Assert.Single(rows).FromName, rows[0].ToName));
        Assert.Empty(await As(_county.DoctorOfTeamB).ForResidentAsync(_elder.Id));
    }
}
