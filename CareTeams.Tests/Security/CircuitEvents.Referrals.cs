using CareTeams.Domain.Referrals;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Security;

/// <summary>
/// Referrals as a tampered circuit event would ask for them: another team's, another centre's, or another institution's
/// referral ids (and resident ids) given to <see cref="ReferralService"/> by a team user, another centre's doctor and
/// manager, and referral desks that are not party to the referral (the care home, a second hospital). Each read comes
/// back empty, each change is refused and writes nothing. The desks also reach nothing of the resident register.
/// </summary>
public sealed partial class CircuitEvents
{
    /// <summary>Team B's referrals, one in each state a change could start from.</summary>
    /// <param name="Requested">Team B's up-referral to the county hospital (<see cref="TeamRecords.ReferralId"/>).</param>
    /// <param name="Accepted">An up-referral the hospital accepted.</param>
    /// <param name="Arrived">An up-referral whose patient arrived at the hospital (the hospital may answer or close it).</param>
    /// <param name="DownToTownship">A down-referral from the hospital to team B's township (team A acts for the same township).</param>
    /// <param name="TransferAtTownship">A transfer from the care home that arrived at team B's township (answerable by the township).</param>
    private sealed record TeamBReferrals(int Requested, int Accepted, int Arrived, int DownToTownship, int TransferAtTownship)
    {
        public IReadOnlyList<int> All => [Requested, Accepted, Arrived, DownToTownship, TransferAtTownship];

        /// <summary>Those to or from the county hospital (its desk sees them).</summary>
        public IReadOnlyList<int> Hospitals => [Requested, Accepted, Arrived, DownToTownship];
    }

    private UserScope DoctorOfTeamB => new(ScopeLevel.Team, _county.County.Id, _county.Centre.Id, _county.TeamB.Id, "doctor.b", "u-doctor-b")
    {
        StaffMemberId = _teamB.DoctorId, DisplayName = "乙队医生",
    };

    private UserScope HospitalDesk => _alliance.HospitalDesk;
    private UserScope CareHomeDesk => _alliance.CareHomeDesk;

    /// <summary>The desk of a second hospital-kind institution of the county: party to none of the teams' referrals.</summary>
    private UserScope OtherHospitalDesk => _alliance.Desk(_otherHospital, "otherhospital.desk", "县中医院转诊办");

    private static async Task<int> SucceededAsync(Task<SaveResult> call, string what)
    {
        var result = await call;
        Assert.True(result.Succeeded, $"{what}: {result.Summary}");
        return result.Id ?? 0;
    }

    private Guid VersionOfReferral(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Referrals.IgnoreAutoIncludes().Single(r => r.Id == id).Version;
    }

    private Referral ReferralOf(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Referrals.AsNoTracking().AsSplitQuery().Single(r => r.Id == id);
    }

    /// <summary>Team B's referrals in each state, made through the service by those who may (the team, the hospital's desk, the care home, the centre).</summary>
    private async Task<TeamBReferrals> TeamBReferralsAsync()
    {
        var team = As<ReferralService>(DoctorOfTeamB);
        var hospital = As<ReferralService>(HospitalDesk);
        var centre = As<ReferralService>(_county.Manager);
        var up = new ReferralInput(_teamB.ResidentId, null, _alliance.Township.Id, _alliance.Hospital.Id, ReferralAlliance.UpForm());

        var accepted = await SucceededAsync(team.RequestAsync(up), "上转");
        await SucceededAsync(hospital.AcceptAsync(accepted, VersionOfReferral(accepted)), "县医院接收");
        var arrived = await SucceededAsync(team.RequestAsync(up), "上转");
        await SucceededAsync(hospital.AcceptAsync(arrived, VersionOfReferral(arrived)), "县医院接收");
        await SucceededAsync(hospital.ConfirmArrivalAsync(arrived, VersionOfReferral(arrived)), "县医院确认到达");
        var down = await SucceededAsync(hospital.RequestAsync(new ReferralInput(null, _teamB.IdNumber, _alliance.Hospital.Id, _alliance.Township.Id,
            ReferralAlliance.DownForm())), "县医院下转");
        var transfer = await SucceededAsync(As<ReferralService>(CareHomeDesk).RequestAsync(new ReferralInput(null, _teamB.IdNumber,
            _alliance.CareHome.Id, _alliance.Township.Id, ReferralAlliance.TransferForm())), "福利院转介");
        await SucceededAsync(centre.AcceptAsync(transfer, VersionOfReferral(transfer)), "卫生院接收");
        await SucceededAsync(centre.ConfirmArrivalAsync(transfer, VersionOfReferral(transfer)), "卫生院确认到达");
        return new TeamBReferrals(_teamB.ReferralId, accepted, arrived, down, transfer);
    }

    /// <summary>The answer to a referral as its receiver would send it (swapped institutions), from the user's own first institution.</summary>
    private static ReferralInput AnswerTo(Referral answered, int fromInstitutionId) => new(null, null, fromInstitutionId, answered.FromInstitutionId,
        answered.Direction == ReferralDirection.Transfer ? ReferralAlliance.TransferForm() : ReferralAlliance.DownForm(), answered.Id);

    /// <summary>Every read and change of each referral: nothing read, every change refused, nothing written.</summary>
    private async Task ReferralCallsRefusedAsync(UserScope user, IEnumerable<int> foreignReferrals)
    {
        var referrals = As<ReferralService>(user);
        var who = user.UserName;
        var mine = await referrals.MyInstitutionsAsync();
        var from = mine.Count > 0 ? mine[0].Id : _alliance.Township.Id;
        foreach (var id in foreignReferrals)
        {
            var referral = ReferralOf(id);
            var what = $"{referral.Direction.ChineseName()}转诊 {id}（{referral.Status.ChineseName()}）";
            await NothingAsync($"{who} 读取{what}", () => referrals.GetAsync(id), v => v is null);
            await RefusedAsync($"{who} 接收{what}", () => referrals.AcceptAsync(id, referral.Version));
            await RefusedAsync($"{who} 拒绝{what}", () => referrals.DeclineAsync(id, referral.Version, "床位已满"));
            await RefusedAsync($"{who} 撤销{what}", () => referrals.CancelAsync(id, referral.Version, "家属改变主意"));
            await RefusedAsync($"{who} 确认到达{what}", () => referrals.ConfirmArrivalAsync(id, referral.Version));
            await RefusedAsync($"{who} 结束{what}", () => referrals.CloseAsync(id, referral.Version, "已出院"));
            await RefusedAsync($"{who} 回转{what}", () => referrals.RequestAsync(AnswerTo(referral, from)));
        }
    }

    /// <summary>The lists and the resident's timeline hold none of <paramref name="foreignReferrals"/>.</summary>
    private async Task ReferralListsHoldNoneAsync(UserScope user, TeamRecords foreign, IReadOnlyCollection<int> foreignReferrals)
    {
        var referrals = As<ReferralService>(user);
        var who = user.UserName;
        foreach (var box in Enum.GetValues<ReferralBox>())
        {
            await NothingAsync($"{who} 列出转诊（{box}）", () => referrals.ListAsync(new ReferralQuery { Box = box, Status = ReferralStatusFilter.Any }),
                rows => rows.All(r => !foreignReferrals.Contains(r.Id)));
            await NothingAsync($"{who} 按姓名搜索转诊（{box}）",
                () => referrals.ListAsync(new ReferralQuery { Box = box, Status = ReferralStatusFilter.Any, Search = foreign.Name }),
                rows => rows.All(r => !foreignReferrals.Contains(r.Id)));
        }
        await NothingAsync($"{who} 读取其他团队居民的转诊记录", () => referrals.ForResidentAsync(foreign.ResidentId),
            rows => rows.All(r => !foreignReferrals.Contains(r.Id)));
        await NothingAsync($"{who} 读取下转随访任务", () => referrals.FollowUpsAsync(_identity.Clock.Today.AddDays(30)),
            rows => rows.All(f => f.ResidentId != foreign.ResidentId));
    }

    [Fact]
    public async Task Referral_events_with_another_teams_or_institutions_referrals_are_refused_and_write_nothing()
    {
        var b = await TeamBReferralsAsync();
        // Team users and another centre's staff: none of team B's referrals (nor, for the other centre, team A's).
        foreach (var (user, foreign, ids) in new (UserScope, TeamRecords, IReadOnlyList<int>)[]
                 {
                     (DoctorOfTeamA, _teamB, b.All), (DoctorOfOtherCentre, _teamB, b.All), (DoctorOfOtherCentre, _teamA, [_teamA.ReferralId]),
                     (_county.OtherCentreManager, _teamB, b.All), (_county.OtherCentreManager, _teamA, [_teamA.ReferralId]),
                     // Desks not party to a referral: the care home (it sent the transfer, so it sees that one), a second hospital,
                     // and the county hospital for the transfer that does not concern it.
                     (CareHomeDesk, _teamB, b.Hospitals), (CareHomeDesk, _teamA, [_teamA.ReferralId]), (OtherHospitalDesk, _teamB, b.All),
                     (OtherHospitalDesk, _teamA, [_teamA.ReferralId]), (HospitalDesk, _teamB, [b.TransferAtTownship]),
                 })
        {
            await ReferralCallsRefusedAsync(user, ids);
            await ReferralListsHoldNoneAsync(user, foreign, ids);
        }

        // Referring another team's resident (the form names the resident by id), from the user's own township.
        foreach (var (user, from, foreign) in new[]
                 {
                     (DoctorOfTeamA, _alliance.Township.Id, _teamB), (DoctorOfOtherCentre, _alliance.OtherTownship.Id, _teamB),
                     (DoctorOfOtherCentre, _alliance.OtherTownship.Id, _teamA), (_county.OtherCentreManager, _alliance.OtherTownship.Id, _teamA),
                     (CareHomeDesk, _alliance.CareHome.Id, _teamB),
                 })
        {
            var referrals = As<ReferralService>(user);
            var who = user.UserName;
            var to = user.Level == ScopeLevel.Institution ? _alliance.Township.Id : _alliance.Hospital.Id;
            var form = user.Level == ScopeLevel.Institution ? ReferralAlliance.TransferForm() : ReferralAlliance.UpForm();
            await RefusedAsync($"{who} 为其他团队居民 {foreign.ResidentId} 转诊", () => referrals.RequestAsync(new ReferralInput(foreign.ResidentId, null, from, to, form)));
            await RefusedAsync($"{who} 以其他机构名义转诊", () => referrals.RequestAsync(new ReferralInput(foreign.ResidentId, null,
                user.Level == ScopeLevel.Institution ? _alliance.Hospital.Id : _alliance.CareHome.Id, _alliance.Township.Id, ReferralAlliance.TransferForm())));
            if (user.Level != ScopeLevel.Institution)
            {
                // A team or centre user finds residents only in their own scope (the desk's exact ID-number lookup is the desk's alone).
                await NothingAsync($"{who} 按身份证号查找其他团队居民", () => referrals.FindResidentByIdNumberAsync(foreign.IdNumber), v => v is null);
                await NothingAsync($"{who} 为其他团队居民打开转诊单", () => referrals.ResidentToReferAsync(foreign.ResidentId), v => v is null);
            }
        }
        // Team A acts for the same township as team B: the down-referral and the transfer sent to that township for team B's
        // resident are still team B's (and the centre's), not team A's.
        var doctorA = As<ReferralService>(DoctorOfTeamA);
        Assert.Contains(await doctorA.MyInstitutionsAsync(), i => i.Id == _alliance.Township.Id);
        await RefusedAsync("doctor.a 接收发往本卫生院的其他团队居民的下转",
            () => doctorA.AcceptAsync(b.DownToTownship, VersionOfReferral(b.DownToTownship)));
        await RefusedAsync("doctor.a 回转发往本卫生院的其他团队居民的转介",
            () => doctorA.RequestAsync(AnswerTo(ReferralOf(b.TransferAtTownship), _alliance.Township.Id)));
    }

    [Fact]
    public async Task A_referral_desk_reaches_nothing_of_the_resident_register()
    {
        var b = await TeamBReferralsAsync();
        foreach (var desk in new[] { HospitalDesk, CareHomeDesk, OtherHospitalDesk })
        {
            var who = desk.UserName;
            var residents = As<ResidentDirectory>(desk);
            var contracts = As<ContractService>(desk);
            var beds = As<HomeBedService>(desk);
            var visits = As<VisitLogService>(desk);
            await NothingAsync($"{who} 读取居民 {_teamB.ResidentId}", () => residents.GetAsync(_teamB.ResidentId), v => v is null);
            await NothingAsync($"{who} 读取家庭户 {_teamB.HouseholdId}", () => residents.GetHouseholdAsync(_teamB.HouseholdId), v => v is null);
            await NothingAsync($"{who} 列出居民", () => residents.SearchAsync(new ResidentQuery { Status = null }), v => v.TotalCount == 0);
            await NothingAsync($"{who} 按身份证号搜索居民", () => residents.SearchAsync(new ResidentQuery { Search = _teamB.IdNumber, Status = null }),
                v => v.TotalCount == 0);
            await NothingAsync($"{who} 读取协议 {_teamB.ContractId}", () => contracts.GetAsync(_teamB.ContractId), v => v is null);
            await NothingAsync($"{who} 列出协议", () => contracts.SearchAsync(new ContractQuery()), v => v.TotalCount == 0);
            await NothingAsync($"{who} 读取家庭病床 {_teamB.HomeBedId}", () => beds.GetAsync(_teamB.HomeBedId), v => v is null);
            await NothingAsync($"{who} 列出家庭病床", () => beds.ListAsync(new HomeBedQuery()), v => v.Count == 0);
            await NothingAsync($"{who} 读取上门服务记录 {_teamB.VisitId}", () => visits.GetAsync(_teamB.VisitId), v => v is null);
            await NothingAsync($"{who} 读取居民的服务记录", () => visits.HistoryAsync(_teamB.ResidentId), v => v.TotalCount == 0);
            await NothingAsync($"{who} 读取 2111 服务项目", () => As<ElderCareRecording>(desk).GetAsync(_teamB.PlanItemId), v => v is null);
            await NothingAsync($"{who} 查看 2111 工作清单", () => As<ElderCareWorklist>(desk).WorklistAsync(new WorklistFilter
            {
                Year = _identity.Clock.Today.Year, TeamId = _teamB.TeamId, State = WorklistState.AllOpen,
            }), v => v.Count == 0);
            await NothingAsync($"{who} 查看日程", () => As<VisitCalendar>(desk).MonthAsync(_identity.Clock.Today.Year, _identity.Clock.Today.Month),
                v => v.Count == 0);
            await RefusedAsync($"{who} 在村里登记居民",
                () => residents.RegisterAsync(ResidentInputs.Valid("新居民", new DateOnly(1970, 1, 1), CareTeams.Domain.Residents.Sex.Male, 202), _county.VillageB.Id));
            await RefusedAsync($"{who} 编辑居民 {_teamB.ResidentId}", () => residents.UpdateAsync(_teamB.ResidentId, VersionOfResident(_teamB.ResidentId),
                new CareTeams.Domain.Residents.ResidentInput { Name = "改名", IdNumber = _teamB.IdNumber, Phone = "13000000000", Address = "改地址" },
                _county.VillageB.Id));
            await RefusedAsync($"{who} 为居民登记上门服务", () => visits.RecordAsync(LoggedVisit(_teamB.ResidentId)));
        }

        // The county hospital sees the resident only through its own referrals: the timeline holds those, and not the care home's transfer.
        var timeline = await As<ReferralService>(HospitalDesk).ForResidentAsync(_teamB.ResidentId);
        await SecurityTally.AttemptAsync(SecurityTally.CircuitEvents, "hospital.desk 读取居民转诊记录：仅本院的转诊", () =>
        {
            Assert.Equal(b.Hospitals.Order(), timeline.Select(r => r.Id).Order());
            return Task.CompletedTask;
        });
    }

    /// <summary>The control: the parties to each referral see it and make the same changes successfully.</summary>
    [Fact]
    public async Task The_parties_to_a_referral_see_it_and_make_the_changes()
    {
        var b = await TeamBReferralsAsync();
        var team = As<ReferralService>(DoctorOfTeamB);
        var hospital = As<ReferralService>(HospitalDesk);
        foreach (var id in b.All)
            Assert.NotNull(await team.GetAsync(id));
        Assert.Equal(b.All.Order(), (await team.ForResidentAsync(_teamB.ResidentId)).Select(r => r.Id).Order());
        Assert.Equal(b.All.Order(), (await team.ListAsync(new ReferralQuery { Box = ReferralBox.All, Status = ReferralStatusFilter.Any }))
            .Where(r => r.ResidentId == _teamB.ResidentId).Select(r => r.Id).Order());
        Assert.Contains(await team.FollowUpsAsync(_identity.Clock.Today.AddDays(30)), f => f.ReferralId == b.DownToTownship);
        Assert.NotNull(await team.FindResidentByIdNumberAsync(_teamB.IdNumber));
        foreach (var id in b.Hospitals)
            Assert.NotNull(await hospital.GetAsync(id));
        Assert.NotNull(await As<ReferralService>(CareHomeDesk).GetAsync(b.TransferAtTownship));
        Assert.NotNull(await As<ReferralService>(CareHomeDesk).FindResidentByIdNumberAsync(_teamB.IdNumber));

        await SucceededAsync(hospital.AcceptAsync(b.Requested, VersionOfReferral(b.Requested)), "县医院接收");
        await SucceededAsync(hospital.ConfirmArrivalAsync(b.Accepted, VersionOfReferral(b.Accepted)), "县医院确认到达");
        await SucceededAsync(hospital.RequestAsync(AnswerTo(ReferralOf(b.Arrived), _alliance.Hospital.Id)), "县医院回转");
        await SucceededAsync(team.AcceptAsync(b.DownToTownship, VersionOfReferral(b.DownToTownship)), "乙队接收下转");
        await SucceededAsync(team.RequestAsync(AnswerTo(ReferralOf(b.TransferAtTownship), _alliance.Township.Id)), "乙队回转转介");
        var cancelled = await SucceededAsync(team.RequestAsync(new ReferralInput(_teamB.ResidentId, null, _alliance.Township.Id, _alliance.Hospital.Id,
            ReferralAlliance.UpForm())), "上转");
        await SucceededAsync(team.CancelAsync(cancelled, VersionOfReferral(cancelled), "家属改变主意"), "乙队撤销");
        var declined = await SucceededAsync(team.RequestAsync(new ReferralInput(_teamB.ResidentId, null, _alliance.Township.Id, _alliance.Hospital.Id,
            ReferralAlliance.UpForm())), "上转");
        await SucceededAsync(hospital.DeclineAsync(declined, VersionOfReferral(declined), "床位已满"), "县医院拒绝");
        var closing = await SucceededAsync(team.RequestAsync(new ReferralInput(_teamB.ResidentId, null, _alliance.Township.Id, _alliance.Hospital.Id,
            ReferralAlliance.UpForm())), "上转");
        await SucceededAsync(hospital.AcceptAsync(closing, VersionOfReferral(closing)), "县医院接收");
        await SucceededAsync(hospital.ConfirmArrivalAsync(closing, VersionOfReferral(closing)), "县医院确认到达");
        await SucceededAsync(hospital.CloseAsync(closing, VersionOfReferral(closing), "已出院"), "县医院结束");
    }
}
