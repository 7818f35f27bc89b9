using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Documents.HomeBeds;
using CareTeams.Web.Reports;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Security;

/// <summary>
/// What a tampered circuit event could ask for: the services the pages call (the same ones, in the
/// same DI scope a circuit has) with another team's or centre's ids. Each call is refused as "not
/// found" (or "not yours"), returns nothing of the record, and writes nothing: no row changes and no
/// audit row is added.
/// </summary>
[Collection(SecuritySuite.Name)]
public sealed partial class CircuitEvents : IDisposable
{
    private readonly IdentityTestDatabase _identity = new();
    private readonly SmallCounty _county;
    private readonly TeamRecords _teamA;
    private readonly TeamRecords _teamB;
    private readonly TeamRecords _otherCentre;
    private readonly ReferralAlliance _alliance;
    private readonly CareTeams.Domain.Referrals.AllianceInstitution _otherHospital;

    public CircuitEvents()
    {
        var database = _identity.Database;
        _county = SmallCounty.Create(database);
        var today = database.Clock.Today;
        // The county's alliance first: each team's up-referral goes from its township to this hospital.
        _alliance = ReferralAlliance.Create(database, _county);
        _teamA = TeamRecords.Create(() => database.Context(UserScope.System), _county.VillageA.Id, "欧阳娜娜", "13811110001", 1, today);
        _teamB = TeamRecords.Create(() => database.Context(UserScope.System), _county.VillageB.Id, "司马光明", "13922220002", 2, today);
        _otherCentre = TeamRecords.Create(() => database.Context(UserScope.System), _county.OtherCentreVillage.Id, "诸葛亮亮", "13733330003", 3, today);
        _otherHospital = TeamRecords.SecondHospital(() => database.Context(UserScope.System), _county.County.Id);
    }

    public void Dispose() => _identity.Dispose();

    /// <summary>A team user who is a staff member of team A (signs as them), as the claims would say.</summary>
    private UserScope DoctorOfTeamA => new(ScopeLevel.Team, _county.County.Id, _county.Centre.Id, _county.TeamA.Id, "doctor.a", "u-doctor-a")
    {
        StaffMemberId = _teamA.DoctorId,
    };

    private UserScope NurseOfOtherCentre =>
        new(ScopeLevel.Team, _county.County.Id, _county.OtherCentre.Id, _county.OtherCentreTeam.Id, "nurse.other", "u-nurse-other");

    /// <summary>A team user of the other centre who is a staff member there (so the services that log visits get past "not staff").</summary>
    private UserScope DoctorOfOtherCentre =>
        new(ScopeLevel.Team, _county.County.Id, _county.OtherCentre.Id, _county.OtherCentreTeam.Id, "doctor.other", "u-doctor-other")
        {
            StaffMemberId = _otherCentre.DoctorId,
        };

    /// <summary>Staff users with their own team's records, and the records of another team or centre they try to reach.</summary>
    private IEnumerable<(UserScope User, TeamRecords Own, TeamRecords Foreign)> StaffAttacks =>
        [(DoctorOfTeamA, _teamA, _teamB), (DoctorOfOtherCentre, _otherCentre, _teamB), (DoctorOfOtherCentre, _otherCentre, _teamA)];

    private T As<T>(UserScope user) where T : notnull => _identity.Service<T>(user);

    /// <summary>Everything a refused call must leave as it was: every row version of the records, and the count of audit rows of writes.</summary>
    private string Snapshot()
    {
        using var db = _identity.Database.Context(UserScope.System);
        var residents = db.Residents.OrderBy(r => r.Id).Select(r => r.Id + ":" + r.Version + ":" + r.Status + ":" + r.HouseholdId + ":" + r.VillageId);
        var households = db.Households.OrderBy(h => h.Id).Select(h => h.Id + ":" + h.Version + ":" + h.HeadResidentId);
        var contracts = db.Contracts.IgnoreAutoIncludes().OrderBy(c => c.Id).Select(c => c.Id + ":" + c.Version + ":" + c.Status);
        var teams = db.Teams.OrderBy(t => t.Id).Select(t => t.Id + ":" + t.Version + ":" + t.IsActive);
        var staff = db.Staff.OrderBy(s => s.Id).Select(s => s.Id + ":" + s.Version + ":" + s.TeamId + ":" + s.IsActive);
        var villages = db.Villages.OrderBy(v => v.Id).Select(v => v.Id + ":" + v.ResponsibleTeamId);
        var users = db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.ConcurrencyStamp + ":" + u.PasswordHash + ":" + u.IsDisabled + ":" + u.LockoutEnd);
        var beds = db.HomeBeds.IgnoreAutoIncludes().OrderBy(b => b.Id)
            .Select(b => b.Id + ":" + b.Version + ":" + b.Status + ":" + b.ResponsibleDoctorId + ":" + b.ResponsibleNurseId);
        var visits = db.Visits.OrderBy(v => v.Id).Select(v => v.Id + ":" + v.Version + ":" + v.ResidentId);
        var plans = db.ElderPlans.IgnoreAutoIncludes().OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Version);
        var referrals = db.Referrals.IgnoreAutoIncludes().OrderBy(r => r.Id)
            .Select(r => r.Id + ":" + r.Version + ":" + r.Status + ":" + r.ResidentId + ":" + r.ToInstitutionId + ":" + r.ReturnedByReferralId);
        var steps = db.Set<CareTeams.Domain.Referrals.ReferralStep>().OrderBy(s => s.Id).Select(s => s.Id + ":" + s.ReferralId + ":" + s.Status);
        var writes = db.AuditEntries.Count(a => a.Action != AuditAction.Viewed);
        return string.Join("|", residents.Concat(households).Concat(contracts).Concat(teams).Concat(staff).Concat(villages).Concat(users)
            .Concat(beds).Concat(visits).Concat(plans).Concat(referrals).Concat(steps)) + "|audit:" + writes;
    }

    /// <summary>One tampered call: refused (not a success), and nothing written.</summary>
    private async Task RefusedAsync(string what, Func<Task<SaveResult>> call)
    {
        await SecurityTally.AttemptAsync(SecurityTally.CircuitEvents, what, async () =>
        {
            var before = Snapshot();
            var result = await call();
            Assert.False(result.Succeeded, $"{what} succeeded.");
            Assert.Equal(before, Snapshot());
        });
    }

    /// <summary>One tampered read: nothing comes back, and no row changes.</summary>
    private async Task NothingAsync<T>(string what, Func<Task<T>> read, Func<T, bool> isEmpty)
    {
        await SecurityTally.AttemptAsync(SecurityTally.CircuitEvents, what, async () =>
        {
            var before = Snapshot();
            var result = await read();
            Assert.True(isEmpty(result), $"{what} returned data.");
            Assert.Equal(before, Snapshot());
        });
    }

    private Guid VersionOfResident(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Residents.Single(r => r.Id == id).Version;
    }

    private Guid VersionOfContract(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Contracts.IgnoreAutoIncludes().Single(c => c.Id == id).Version;
    }

    private Guid VersionOfBed(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.HomeBeds.IgnoreAutoIncludes().Single(b => b.Id == id).Version;
    }

    private Guid VersionOfVisit(int id)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.Visits.Single(v => v.Id == id).Version;
    }

    private ElderPlan2111 PlanOf(TeamRecords records)
    {
        using var db = _identity.Database.Context(UserScope.System);
        return db.ElderPlans.AsNoTracking().Single(p => p.ResidentId == records.ResidentId);
    }

    /// <summary>Yesterday at ten (China time): a visit time every form accepts.</summary>
    private DateTime Yesterday => _identity.Clock.Today.AddDays(-1).ToDateTime(new TimeOnly(10, 0));

    /// <summary>A bed round's (or nursing visit's) details, valid: today at eight, before the clock's nine and not before the bed's opening.</summary>
    private VisitDetails BedRound
    {
        get
        {
            var start = _identity.Clock.Today.ToDateTime(new TimeOnly(8, 0));
            return new(start, start.AddMinutes(30), VisitPlace.Home, VisitKind.BedRound, ServiceKind.HomeBedRound, Notes: "查床");
        }
    }

    [Fact]
    public async Task Resident_and_household_events_with_another_teams_ids_are_refused_and_write_nothing()
    {
        foreach (var (user, foreign) in new[] { (DoctorOfTeamA, _teamB), (NurseOfOtherCentre, _teamB), (NurseOfOtherCentre, _teamA) })
        {
            var residents = As<ResidentDirectory>(user);
            var who = user.UserName;
            var version = VersionOfResident(foreign.ResidentId);
            var today = _identity.Clock.Today;
            var input = new ResidentInput { Name = "改名", IdNumber = foreign.IdNumber, Phone = "13000000000", Address = "改地址" };

            await NothingAsync($"{who} 读取居民 {foreign.ResidentId}", () => residents.GetAsync(foreign.ResidentId), v => v is null);
            await NothingAsync($"{who} 读取家庭户 {foreign.HouseholdId}", () => residents.GetHouseholdAsync(foreign.HouseholdId), v => v is null);
            await NothingAsync($"{who} 搜索其他团队居民（按身份证号）", () => residents.SearchAsync(new ResidentQuery { Search = foreign.IdNumber }),
                v => v.TotalCount == 0 && v.Items.Count == 0);
            await NothingAsync($"{who} 搜索其他团队居民（按团队）", () => residents.SearchAsync(new ResidentQuery { TeamId = foreign.TeamId, Status = null }),
                v => v.TotalCount == 0);
            await RefusedAsync($"{who} 编辑居民 {foreign.ResidentId}", () => residents.UpdateAsync(foreign.ResidentId, version, input, _county.VillageA.Id));
            await RefusedAsync($"{who} 登记迁出 {foreign.ResidentId}", () => residents.RecordMovedAwayAsync(foreign.ResidentId, version, today, "x"));
            await RefusedAsync($"{who} 登记死亡 {foreign.ResidentId}", () => residents.RecordDeathAsync(foreign.ResidentId, version, today, "x"));
            await RefusedAsync($"{who} 登记迁回 {foreign.ResidentId}", () => residents.RecordMovedBackAsync(foreign.ResidentId, version, today));
            await RefusedAsync($"{who} 将其他团队居民加入家庭户", () => residents.JoinHouseholdAsync(foreign.ResidentId, version, null, "新户", asHead: true));
        }

        // Into someone else's household or village: the user's own resident cannot be put there.
        var doctor = As<ResidentDirectory>(DoctorOfTeamA);
        var own = VersionOfResident(_teamA.ResidentId);
        await RefusedAsync("doctor.a 将本团队居民加入其他机构的家庭户",
            () => doctor.JoinHouseholdAsync(_teamA.ResidentId, own, _otherCentre.HouseholdId, null, asHead: false));
        await RefusedAsync("doctor.a 在其他机构的村登记居民",
            () => doctor.RegisterAsync(ResidentInputs.Valid("新居民", new DateOnly(1970, 1, 1), Sex.Male, 201), _county.OtherCentreVillage.Id));
        await RefusedAsync("doctor.a 把本团队居民迁到其他机构的村",
            () => doctor.UpdateAsync(_teamA.ResidentId, own,
                new ResidentInput { Name = _teamA.Name, IdNumber = _teamA.IdNumber, Phone = _teamA.Phone, Address = _teamA.HouseholdAddress },
                _county.OtherCentreVillage.Id));
        await NothingAsync("doctor.a 列出其他团队村的家庭户", () => doctor.FindHouseholdsAsync(_county.VillageB.Id, null), v => v.Count == 0);
        await NothingAsync("doctor.a 列出其他机构村的家庭户", () => doctor.FindHouseholdsAsync(_county.OtherCentreVillage.Id, null), v => v.Count == 0);
    }

    [Fact]
    public async Task Contract_events_with_another_teams_ids_are_refused_and_write_nothing()
    {
        var today = _identity.Clock.Today;
        foreach (var (user, foreign) in new[] { (DoctorOfTeamA, _teamB), (NurseOfOtherCentre, _teamB), (NurseOfOtherCentre, _teamA) })
        {
            var contracts = As<ContractService>(user);
            var pdf = As<ContractPdf>(user);
            var who = user.UserName;
            var version = VersionOfContract(foreign.ContractId);

            await NothingAsync($"{who} 读取协议 {foreign.ContractId}", () => contracts.GetAsync(foreign.ContractId), v => v is null);
            await NothingAsync($"{who} 生成协议 PDF {foreign.ContractId}", () => pdf.RenderAsync(foreign.ContractId), v => v is null);
            await NothingAsync($"{who} 搜索其他团队协议", () => contracts.SearchAsync(new ContractQuery { TeamId = foreign.TeamId }), v => v.TotalCount == 0);
            await NothingAsync($"{who} 按姓名搜索其他团队协议", () => contracts.SearchAsync(new ContractQuery { Search = foreign.Name }), v => v.TotalCount == 0);
            await RefusedAsync($"{who} 解约 {foreign.ContractId}",
                () => contracts.TerminateAsync(foreign.ContractId, version, TerminationReason.MovedAway, "x", today));
            await RefusedAsync($"{who} 未履约处理 {foreign.ContractId}",
                () => contracts.SettleUndeliveredAsync(foreign.ContractId, version, UndeliveredSettlement.Refunded));
            await RefusedAsync($"{who} 续约 {foreign.ContractId}", () => contracts.RenewAsync(foreign.ContractId, version));
            await NothingAsync($"{who} 批量续约 {foreign.ContractId}", () => contracts.RenewManyAsync([foreign.ContractId]),
                v => v.All(o => !o.Renewed));
            await RefusedAsync($"{who} 为其他团队居民签约", () => contracts.SignAsync(new SignContractInput
            {
                ResidentId = foreign.ResidentId, TeamId = foreign.TeamId, ResponsibleDoctorId = foreign.DoctorId, PackageIds = [],
                Start = today, SignedOn = today,
            }));
        }

        // The user's own resident, signed in another team's name or with another team's doctor.
        var doctor = As<ContractService>(DoctorOfTeamA);
        var fresh = _county.AddResident(_identity.Database, _county.VillageA, "新签居民", new DateOnly(1980, 2, 2));
        await RefusedAsync("doctor.a 以其他团队名义签约", () => doctor.SignAsync(new SignContractInput
        {
            ResidentId = fresh.Id, TeamId = _teamB.TeamId, ResponsibleDoctorId = _teamB.DoctorId, PackageIds = [], Start = today, SignedOn = today,
        }));
        await RefusedAsync("doctor.a 签约时指定其他团队的责任医生", () => doctor.SignAsync(new SignContractInput
        {
            ResidentId = fresh.Id, TeamId = _teamA.TeamId, ResponsibleDoctorId = _teamB.DoctorId, PackageIds = [], Start = today, SignedOn = today,
        }));
        await RefusedAsync("doctor.a 签约时选择其他机构的服务包", async () =>
        {
            await using var db = _identity.Database.Context(UserScope.System);
            var foreignPackage = await db.ServicePackages.Where(p => p.CentreId == _otherCentre.CentreId).Select(p => p.Id).FirstAsync();
            return await doctor.SignAsync(new SignContractInput
            {
                ResidentId = fresh.Id, TeamId = _teamA.TeamId, ResponsibleDoctorId = _teamA.DoctorId, PackageIds = [foreignPackage],
                Start = today, SignedOn = today,
            });
        });
    }

    [Fact]
    public async Task Home_bed_events_with_another_teams_ids_are_refused_and_write_nothing()
    {
        var today = _identity.Clock.Today;
        var round = BedRound;
        // And the other centre's manager: bed changes need no staff member (they are signed for the bed's doctor).
        foreach (var (user, own, foreign) in StaffAttacks.Append((_county.OtherCentreManager, _otherCentre, _teamA)))
        {
            var beds = As<HomeBedService>(user);
            var pdf = As<HomeBedPdf>(user);
            var who = user.UserName;
            var version = VersionOfBed(foreign.HomeBedId);

            await NothingAsync($"{who} 读取家庭病床 {foreign.HomeBedId}", () => beds.GetAsync(foreign.HomeBedId), v => v is null);
            await NothingAsync($"{who} 生成家庭病床 PDF {foreign.HomeBedId}", () => pdf.RenderAsync(foreign.HomeBedId), v => v is null);
            await NothingAsync($"{who} 查看其他团队居民能否建床", () => beds.EligibilityAsync(foreign.ResidentId), v => v is null);
            await NothingAsync($"{who} 列出其他团队居民所在机构的医护", () => beds.StaffForAsync(foreign.ResidentId), v => v.Count == 0);
            await NothingAsync($"{who} 列出其他团队的家庭病床", () => beds.ListAsync(new HomeBedQuery { TeamId = foreign.TeamId }), v => v.Count == 0);
            await NothingAsync($"{who} 按姓名搜索其他团队的家庭病床", () => beds.ListAsync(new HomeBedQuery { Search = foreign.Name }), v => v.Count == 0);
            await NothingAsync($"{who} 查看其他团队医生的病床日程", () => beds.DueForStaffAsync(foreign.DoctorId, today, today.AddDays(30)), v => v.Count == 0);
            await RefusedAsync($"{who} 为其他团队居民建床",
                () => beds.OpenAsync(new OpenBedInput(foreign.ResidentId, own.DoctorId, own.NurseId, TeamRecords.Opening(today))));
            await RefusedAsync($"{who} 延长家庭病床 {foreign.HomeBedId}", () => beds.ExtendAsync(foreign.HomeBedId, version, 120, "病情需要"));
            await RefusedAsync($"{who} 撤床 {foreign.HomeBedId}", () => beds.CloseAsync(foreign.HomeBedId, version,
                new BedClosingInput(today, BedOutcome.Improved, "血压平稳", "规律监测，病情好转。", [new DiagnosisInput("原发性高血压", "I10")])));
            await RefusedAsync($"{who} 为其他团队病床下医嘱", () => beds.AddOrderAsync(foreign.HomeBedId, version,
                new BedOrderSpec(BedOrderKind.Nursing, "换药", OrderFrequency.EveryNDays(2), today, null, "按需")));
            await RefusedAsync($"{who} 停止其他团队病床的医嘱", () => beds.StopOrderAsync(foreign.HomeBedId, version, foreign.BedOrderId, today, "停止"));
            await RefusedAsync($"{who} 把其他团队病床改由自己的医护负责",
                () => beds.ChangeResponsibleStaffAsync(foreign.HomeBedId, version, own.DoctorId, own.NurseId));
            await RefusedAsync($"{who} 登记其他团队病床的查床", () => beds.RecordBedVisitAsync(foreign.HomeBedId, null, VisitKind.BedRound, round));
            await RefusedAsync($"{who} 登记其他团队病床的上门护理",
                () => beds.RecordBedVisitAsync(foreign.HomeBedId, foreign.BedOrderId, VisitKind.NursingVisit, round));
        }

        // The user's own bed, handed to another centre's staff or logged in their name.
        var doctor = As<HomeBedService>(DoctorOfTeamA);
        await RefusedAsync("doctor.a 把本团队病床交给其他机构的医护", () => doctor.ChangeResponsibleStaffAsync(_teamA.HomeBedId,
            VersionOfBed(_teamA.HomeBedId), _otherCentre.DoctorId, _otherCentre.NurseId));
        await RefusedAsync("doctor.a 以其他机构护士的名义登记上门护理",
            () => doctor.RecordBedVisitAsync(_teamA.HomeBedId, _teamA.BedOrderId, VisitKind.NursingVisit, round, staffMemberId: _otherCentre.NurseId));
    }

    [Fact]
    public async Task Visit_log_events_with_another_teams_ids_are_refused_and_write_nothing()
    {
        foreach (var (user, _, foreign) in StaffAttacks)
        {
            var visits = As<VisitLogService>(user);
            var who = user.UserName;
            var input = LoggedVisit(foreign.ResidentId);

            await NothingAsync($"{who} 读取上门服务记录 {foreign.VisitId}", () => visits.GetAsync(foreign.VisitId), v => v is null);
            await NothingAsync($"{who} 为其他团队居民打开登记表", () => visits.ResidentAsync(foreign.ResidentId), v => v is null);
            await NothingAsync($"{who} 读取其他团队居民的服务记录", () => visits.HistoryAsync(foreign.ResidentId), v => v.TotalCount == 0 && v.Items.Count == 0);
            await NothingAsync($"{who} 读取其他团队居民的体征趋势", () => visits.VitalsTrendAsync(foreign.ResidentId), v => v.Count == 0);
            await RefusedAsync($"{who} 为其他团队居民登记上门服务", () => visits.RecordAsync(input));
            await RefusedAsync($"{who} 修改上门服务记录 {foreign.VisitId}", () => visits.AmendAsync(foreign.VisitId, VersionOfVisit(foreign.VisitId), input));
        }
    }

    /// <summary>Each 2111 record with a complete, valid form (the same calls the control makes succeed), by its name.</summary>
    private IEnumerable<(string Name, Func<ElderCareRecording, ElderPlan2111, Task<SaveResult>> Call)> ElderCareRecords()
    {
        var visit = new CareTeams.Web.Services.VisitInput { StartedAt = Yesterday, EndedAt = Yesterday.AddMinutes(30), Place = VisitPlace.Home, Notes = "入户服务" };
        var today = _identity.Clock.Today;
        // The decline first: once the first integrated care is done in November, the second has no time left this year and closes.
        return
        [
            ("居民拒绝服务", (r, plan) => r.DeclineAsync(plan.Item(PlanItemKind.IntegratedCare, 2).Id, plan.Version, "居民拒绝")),
            ("医养结合服务", (r, plan) => r.RecordIntegratedCareAsync(plan.Item(PlanItemKind.IntegratedCare).Id, plan.Version, visit,
                new VitalsInput { Systolic = 120, Diastolic = 80 }, "健康指导")),
            ("健康体检", (r, plan) => r.RecordPhysicalExamAsync(plan.Item(PlanItemKind.PhysicalExam).Id, plan.Version, visit,
                new PhysicalExamInput(today, new ExamGeneral(HeightCm: 160m, WeightKg: 64m, WaistCm: 88m), ExamResult.Normal))),
            ("中医体质辨识", (r, plan) => r.RecordTcmAsync(plan.Item(PlanItemKind.TcmConstitution).Id, plan.Version, visit,
                Enumerable.Repeat((int?)1, TcmQuestionnaire.ItemCount).ToList())),
            ("失能评估", (r, plan) => r.RecordAbilityAsync(plan.Item(PlanItemKind.AbilityAssessment).Id, plan.Version, visit, new AbilityInput
            {
                Answers = AbilityScale.Items.ToDictionary(i => i.Code, i => i.MinPoints), Reason = AbilityAssessmentReason.Routine,
            })),
        ];
    }

    /// <summary>A visit form for the resident, complete and valid.</summary>
    private LoggedVisitInput LoggedVisit(int residentId) => new()
    {
        ResidentId = residentId, StartedAt = Yesterday, EndedAt = Yesterday.AddMinutes(30), Kind = VisitKind.Other,
        Service = ServiceKind.HomeVisit, Systolic = 120, Diastolic = 80, Notes = "改写",
    };

    [Fact]
    public async Task Elder_care_recording_events_with_another_teams_items_are_refused_and_write_nothing()
    {
        foreach (var (user, _, foreign) in StaffAttacks)
        {
            var recording = As<ElderCareRecording>(user);
            var who = user.UserName;
            var plan = PlanOf(foreign);

            await NothingAsync($"{who} 读取 2111 服务项目 {foreign.PlanItemId}", () => recording.GetAsync(foreign.PlanItemId), v => v is null);
            foreach (var (name, call) in ElderCareRecords())
                await RefusedAsync($"{who} 登记其他团队的{name}", () => call(recording, plan));
        }
    }

    /// <summary>
    /// The control: the same calls with the same inputs, made by the records' own team, succeed — so the refusals
    /// above come from the scope, not from a form that was wrong anyway.
    /// </summary>
    [Fact]
    public async Task The_records_own_team_makes_the_same_calls_successfully()
    {
        var doctorB = new UserScope(ScopeLevel.Team, _county.County.Id, _county.Centre.Id, _county.TeamB.Id, "doctor.b", "u-doctor-b")
        {
            StaffMemberId = _teamB.DoctorId,
        };
        var beds = As<HomeBedService>(doctorB);
        Assert.NotNull(await beds.GetAsync(_teamB.HomeBedId));
        Assert.NotNull(await As<HomeBedPdf>(doctorB).RenderAsync(_teamB.HomeBedId));
        Assert.Contains(await beds.ListAsync(new HomeBedQuery { Search = _teamB.Name }), b => b.Id == _teamB.HomeBedId);
        var round = await beds.RecordBedVisitAsync(_teamB.HomeBedId, null, VisitKind.BedRound, BedRound);
        Assert.True(round.Succeeded, round.Summary);
        var nursing = await beds.RecordBedVisitAsync(_teamB.HomeBedId, _teamB.BedOrderId, VisitKind.NursingVisit, BedRound);
        Assert.True(nursing.Succeeded, nursing.Summary);

        var visits = As<VisitLogService>(doctorB);
        Assert.NotNull(await visits.GetAsync(_teamB.VisitId));
        Assert.NotEmpty(await visits.VitalsTrendAsync(_teamB.ResidentId));
        var amended = await visits.AmendAsync(_teamB.VisitId, VersionOfVisit(_teamB.VisitId), LoggedVisit(_teamB.ResidentId));
        Assert.True(amended.Succeeded, amended.Summary);
        var recorded = await visits.RecordAsync(LoggedVisit(_teamB.ResidentId));
        Assert.True(recorded.Succeeded, recorded.Summary);

        var recording = As<ElderCareRecording>(doctorB);
        Assert.NotNull(await recording.GetAsync(_teamB.PlanItemId));
        foreach (var (name, call) in ElderCareRecords())
        {
            var result = await call(recording, PlanOf(_teamB));
            Assert.True(result.Succeeded, $"{name}: {result.Summary}");
        }

        var beforeChanges = VersionOfBed(_teamB.HomeBedId);
        var order = await beds.AddOrderAsync(_teamB.HomeBedId, beforeChanges,
            new BedOrderSpec(BedOrderKind.Nursing, "换药", OrderFrequency.EveryNDays(2), _identity.Clock.Today, null, "按需"));
        Assert.True(order.Succeeded, order.Summary);
        var extended = await beds.ExtendAsync(_teamB.HomeBedId, VersionOfBed(_teamB.HomeBedId), 120, "病情需要");
        Assert.True(extended.Succeeded, extended.Summary);
    }

    [Fact]
    public async Task The_dashboards_drill_down_into_another_centre_or_team_holds_none_of_its_residents()
    {
        var today = _identity.Clock.Today;
        var month = new ReportMonth(today.Year, today.Month);
        // The control: the centre's own manager sees team B's resident behind the month-end figure.
        var seen = await As<MonthlyReportQuery>(_county.Manager).ResidentsBehindAsync(_teamB.CentreCode, month, ReportFigure.SignedAtMonthEnd);
        Assert.Contains(seen!, r => r.ResidentId == _teamB.ResidentId);

        var manager = As<MonthlyReportQuery>(_county.OtherCentreManager);
        foreach (var figure in Enum.GetValues<ReportFigure>())
            await NothingAsync($"manager.other 查看其他机构月报明细（{figure.ChineseName()}）",
                () => manager.ResidentsBehindAsync(_teamB.CentreCode, month, figure), v => v is null);
        await NothingAsync("manager.other 查看全县月报明细", () => manager.ResidentsBehindAsync(MonthlyReportQuery.AllCentres, month, ReportFigure.SignedAtMonthEnd),
            v => v is null);
        await NothingAsync("manager.other 在本机构明细中指定其他机构的团队",
            () => manager.ResidentsBehindAsync(_otherCentre.CentreCode, month, ReportFigure.SignedAtMonthEnd, teamId: _teamB.TeamId), v => v is null || v.Count == 0);
        await NothingAsync("manager.other 在本机构明细中指定其他机构的村",
            () => manager.ResidentsBehindAsync(_otherCentre.CentreCode, month, ReportFigure.SignedAtMonthEnd, villageId: _county.VillageB.Id), v => v is null || v.Count == 0);
        var doctor = As<MonthlyReportQuery>(DoctorOfTeamA);
        await NothingAsync("doctor.a 查看本机构月报明细", () => doctor.ResidentsBehindAsync(_teamA.CentreCode, month, ReportFigure.SignedAtMonthEnd), v => v is null);
    }

    [Fact]
    public async Task Administration_events_on_another_centres_teams_staff_and_accounts_are_refused_and_write_nothing()
    {
        var manager = _county.OtherCentreManager;
        var teams = As<TeamAdministration>(manager);
        var accounts = As<UserAdministration>(manager);
        var doctorB = await _identity.AddUserAsync("doctor.b", Roles.Doctor, _county.County.Id, _county.Centre.Id, _county.TeamB.Id);
        Guid TeamVersion()
        {
            using var db = _identity.Database.Context(UserScope.System);
            return db.Teams.Single(t => t.Id == _teamB.TeamId).Version;
        }
        Guid StaffVersion()
        {
            using var db = _identity.Database.Context(UserScope.System);
            return db.Staff.Single(s => s.Id == _teamB.DoctorId).Version;
        }

        // Asking for another centre's overview falls back to the manager's own centre: none of the other centre's rows.
        await NothingAsync("manager.other 查看其他机构的团队", () => teams.OverviewAsync(_county.Centre.Id),
            o => o.CentreId != _county.Centre.Id && o.Teams.All(t => t.CentreId != _county.Centre.Id) && o.Staff.All(s => s.CentreId != _county.Centre.Id)
                 && o.Centres.All(c => c.Id != _county.Centre.Id));
        await RefusedAsync("manager.other 在其他机构建团队", () => teams.CreateTeamAsync(new TeamInput { CentreId = _county.Centre.Id, Name = "冒名团队" }));
        await RefusedAsync("manager.other 修改其他机构的团队", () => teams.UpdateTeamAsync(_teamB.TeamId, TeamVersion(), new TeamInput { CentreId = _county.Centre.Id, Name = "改名" }));
        await RefusedAsync("manager.other 停用其他机构的团队", () => teams.DeactivateTeamAsync(_teamB.TeamId, TeamVersion()));
        await RefusedAsync("manager.other 把其他机构的村分给自己的团队", () => teams.AssignVillageAsync(_county.VillageB.Id, _county.OtherCentreTeam.Id));
        await RefusedAsync("manager.other 在其他机构添加人员", () => teams.AddStaffAsync(new StaffInput { CentreId = _county.Centre.Id, Name = "冒名医生" }));
        await RefusedAsync("manager.other 修改其他机构的人员", () => teams.UpdateStaffAsync(_teamB.DoctorId, StaffVersion(), new StaffInput { CentreId = _county.Centre.Id, Name = "改名" }));
        await RefusedAsync("manager.other 把其他机构的人员调入自己的团队",
            () => teams.AssignStaffAsync(_teamB.DoctorId, StaffVersion(), _county.OtherCentreTeam.Id, CareTeams.Domain.Institutions.TeamRole.GeneralPractitioner));
        await RefusedAsync("manager.other 将其他机构的人员移出团队", () => teams.RemoveFromTeamAsync(_teamB.DoctorId, StaffVersion()));
        await RefusedAsync("manager.other 停用其他机构的人员", () => teams.DeactivateStaffAsync(_teamB.DoctorId, StaffVersion()));

        await NothingAsync("manager.other 列出其他机构的账号", () => accounts.ListAsync(), rows => rows.All(r => r.UserName != "doctor.b"));
        await RefusedAsync("manager.other 重置其他机构账号的密码", () => accounts.ResetPasswordAsync(doctorB.Id, "Taken#2026a", "Taken#2026a"));
        await RefusedAsync("manager.other 解锁其他机构的账号", () => accounts.UnlockAsync(doctorB.Id));
        await RefusedAsync("manager.other 停用其他机构的账号", () => accounts.SetDisabledAsync(doctorB.Id, true));
        await RefusedAsync("manager.other 把其他机构的账号调到本机构", () => accounts.ChangeAssignmentAsync(doctorB.Id, doctorB.ConcurrencyStamp!,
            new UserAssignmentInput { Role = Roles.Doctor, CentreId = _county.OtherCentre.Id, TeamId = _county.OtherCentreTeam.Id }));
        await RefusedAsync("manager.other 在其他机构建账号", () => accounts.CreateAsync(new NewUserInput
        {
            UserName = "intruder", DisplayName = "冒名", Role = Roles.Doctor, CentreId = _county.Centre.Id, TeamId = _county.TeamB.Id, Password = "Intrude#2026",
        }));
        await RefusedAsync("manager.other 创建系统管理员账号", () => accounts.CreateAsync(new NewUserInput
        {
            UserName = "intruder.admin", DisplayName = "冒名", Role = Roles.Admin, Password = "Intrude#2026",
        }));
    }
}
