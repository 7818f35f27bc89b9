using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Logging visits through <see cref="VisitLogService"/> on a real SQLite file: recording with the contract counted
/// only when it promises the service, follow-up classification across visits, amending with conflicts, scoping,
/// the history and vitals trend; and the 2111 items on <see cref="VisitCalendar"/>.
/// </summary>
public sealed class VisitLogging : IDisposable
{
    private readonly TestDatabase _database = new(); // today: 2026-11-23, 09:00 China time
    private readonly SmallCounty _county;
    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;     // 76, hypertension, signed basic + hypertension packages
    private readonly Resident _adult;     // 46, no key population, signed the basic package
    private readonly Resident _inTeamB;

    public VisitLogging()
    {
        _county = SmallCounty.Create(_database);
        _catalogue = _county.AddContractCatalogue(_database);
        _elder = _county.AddResident(_database, _county.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension);
        _adult = _county.AddResident(_database, _county.VillageA, "李大姐", new DateOnly(1980, 5, 2));
        _inTeamB = _county.AddResident(_database, _county.VillageB, "周先生", new DateOnly(1950, 7, 3), Sex.Male);
        Sign(_elder, _catalogue.Basic, _catalogue.Hypertension);
        Sign(_adult, _catalogue.Basic);
    }

    public void Dispose() => _database.Dispose();

    private DateTime At(int hour, int minute = 0, int daysAgo = 0) =>
        _database.Clock.Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, minute));

    private void Sign(Resident resident, params ServicePackage[] packages)
    {
        var result = _database.Service<ContractService>(_catalogue.DoctorOfTeamA)
            .SignAsync(_catalogue.Input(resident, _catalogue.DoctorA, _database.Clock.Today, packages)).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, result.Summary);
    }

    private VisitLogService As(UserScope user) => _database.Service<VisitLogService>(user);

    private LoggedVisitInput FollowUp(Resident resident, int systolic, int diastolic, int daysAgo = 0) => new()
    {
        ResidentId = resident.Id, StartedAt = At(8, 0, daysAgo), EndedAt = At(8, 30, daysAgo), Place = VisitPlace.Home,
        Kind = VisitKind.ChronicFollowUp, Service = ServiceKind.HypertensionFollowUp, Systolic = systolic, Diastolic = diastolic,
        Notes = "规律服药，低盐饮食", SignedBy = "王老伯", SignedRelation = "本人",
    };

    private LoggedVisitInput HomeVisit(Resident resident, int daysAgo = 0) => new()
    {
        ResidentId = resident.Id, StartedAt = At(8, 0, daysAgo), EndedAt = At(8, 20, daysAgo), Place = VisitPlace.Home,
        Kind = VisitKind.Other, Service = ServiceKind.HomeVisit, Pulse = 72, Notes = "上门了解近况",
    };

    private List<FulfilmentRecord> Fulfilments(Resident resident)
    {
        using var db = _database.Context(UserScope.System);
        return db.Contracts.Include(c => c.Fulfilments).Where(c => c.ResidentId == resident.Id).SelectMany(c => c.Fulfilments).ToList();
    }

    [Fact]
    public async Task A_follow_up_is_recorded_classified_and_counted_against_the_contract_in_one_go()
    {
        var result = await As(_catalogue.NurseOfTeamA).RecordAsync(FollowUp(_elder, 156, 92));

        Assert.True(result.Succeeded, result.Summary);
        await using var db = _database.Context(UserScope.System);
        var visit = db.Visits.Single(v => v.Id == result.Id);
        Assert.Equal(_catalogue.NurseA.Id, visit.StaffMemberId);
        Assert.Equal(_county.TeamA.Id, visit.TeamId);
        Assert.Equal(156, visit.Vitals!.Systolic);
        Assert.Equal("收缩压偏高（≥140 mmHg）、舒张压偏高（≥90 mmHg）", visit.VitalFlags);
        Assert.Equal(VisitFormKind.ChronicFollowUp, visit.FormKind);
        Assert.Equal("控制不满意；调整治疗，2周内随访（首次控制不满意，收缩压 156 mmHg ≥ 150）", visit.FormResult);
        var counted = Assert.Single(Fulfilments(_elder));
        Assert.Equal((VisitLogService.FulfilmentSource, visit.Id, _catalogue.NurseA.Id), (counted.Source, counted.SourceId, counted.StaffMemberId));
        var item = db.Contracts.Where(c => c.ResidentId == _elder.Id).SelectMany(c => c.Items).Single(i => i.ServiceKind == ServiceKind.HypertensionFollowUp);
        Assert.Equal(1, item.Done);
    }

    [Fact]
    public async Task A_visit_is_counted_only_when_the_contract_promises_its_service()
    {
        var service = As(_catalogue.NurseOfTeamA);
        var notPromised = await service.RecordAsync(HomeVisit(_adult)); // the basic package has no 上门访视
        var promised = await service.RecordAsync(HomeVisit(_adult) with { Service = ServiceKind.HealthGuidance, StartedAt = At(7), EndedAt = At(7, 10) });

        Assert.True(notPromised.Succeeded, notPromised.Summary);
        Assert.True(promised.Succeeded, promised.Summary);
        var counted = Assert.Single(Fulfilments(_adult));
        Assert.Equal(promised.Id, counted.SourceId);
        await using var db = _database.Context(UserScope.System);
        Assert.Equal(2, db.Visits.Count(v => v.ResidentId == _adult.Id));
    }

    [Fact]
    public async Task A_second_uncontrolled_follow_up_in_a_row_means_referral_and_danger_values_urgent_referral()
    {
        var service = As(_catalogue.DoctorOfTeamA);
        Assert.True((await service.RecordAsync(FollowUp(_elder, 160, 85, daysAgo: 14))).Succeeded);
        var second = await service.RecordAsync(FollowUp(_elder, 158, 88));
        var danger = await service.RecordAsync(FollowUp(_elder, 182, 100) with { StartedAt = At(8, 40), EndedAt = At(8, 50) });

        Assert.StartsWith("控制不满意；转诊，2周内随访转诊情况（连续两次控制不满意", (await service.GetAsync(second.Id!.Value))!.Result);
        var urgent = (await service.GetAsync(danger.Id!.Value))!;
        Assert.Equal(NextVisitAdvice.UrgentReferral, urgent.FollowUp!.Advice);
    }

    [Fact]
    public async Task The_form_is_checked_on_the_server_with_every_message_by_field_and_nothing_is_saved()
    {
        var result = await As(_catalogue.NurseOfTeamA).RecordAsync(FollowUp(_elder, 120, 130) with
        {
            EndedAt = At(7), Notes = new string('记', VisitLog.NotesMaxLength + 1), Pulse = 250,
        });

        Assert.False(result.Succeeded);
        var byField = result.Errors.ToLookup(e => e.Field, e => e.Message);
        Assert.Equal("血压舒张压（130 mmHg）应低于收缩压（120 mmHg）。", Assert.Single(byField["Diastolic"]));
        Assert.Equal("脉搏应在 30–220 次/分 之间，填写的是 250 次/分。", Assert.Single(byField["Pulse"]));
        Assert.Equal("结束时间不能早于开始时间。", Assert.Single(byField["EndedAt"]));
        Assert.Equal("记录内容最多 2000 个字。", Assert.Single(byField["Notes"]));
        await using var db = _database.Context(UserScope.System);
        Assert.False(db.Visits.Any());
    }

    [Fact]
    public async Task A_follow_up_needs_its_reading_and_a_condition_the_resident_has()
    {
        var service = As(_catalogue.NurseOfTeamA);
        var noBp = await service.RecordAsync(FollowUp(_elder, 150, 90) with { Systolic = null, Diastolic = null });
        var noCondition = await service.RecordAsync(FollowUp(_adult, 150, 90));

        Assert.Equal("高血压随访需填写血压（收缩压和舒张压）。", Assert.Single(noBp.Errors).Message);
        Assert.Equal("该居民未登记高血压或2型糖尿病，不能登记慢病随访。", Assert.Single(noCondition.Errors).Message);
    }

    [Fact]
    public async Task A_user_who_is_not_a_staff_member_is_refused_in_chinese()
    {
        var result = await As(_county.NurseOfTeamA).RecordAsync(HomeVisit(_adult));

        Assert.False(result.Succeeded);
        Assert.Equal(VisitLogService.NoStaffMessage, result.Summary);
    }

    [Fact]
    public async Task Another_teams_resident_and_visits_are_not_found()
    {
        var recorded = await As(_catalogue.NurseOfTeamA).RecordAsync(HomeVisit(_elder));
        var teamB = As(_catalogue.NurseOfTeamB);

        var result = await teamB.RecordAsync(HomeVisit(_elder));
        Assert.False(result.Succeeded);
        Assert.Equal("记录不存在，或您无权访问。", result.Summary);
        Assert.Null(await teamB.ResidentAsync(_elder.Id));
        Assert.Null(await teamB.GetAsync(recorded.Id!.Value));
        Assert.Equal(0, (await teamB.HistoryAsync(_elder.Id)).TotalCount);
        Assert.Equal("记录不存在，或您无权访问。", (await teamB.AmendAsync(recorded.Id.Value, recorded.Version!.Value, HomeVisit(_elder))).Summary);
        Assert.True((await teamB.RecordAsync(HomeVisit(_inTeamB))).Succeeded);
    }

    [Fact]
    public async Task The_author_amends_and_the_kind_service_and_counting_stay()
    {
        var nurse = As(_catalogue.NurseOfTeamA);
        var recorded = await nurse.RecordAsync(FollowUp(_elder, 156, 92));

        var amended = await nurse.AmendAsync(recorded.Id!.Value, recorded.Version!.Value,
            FollowUp(_elder, 136, 82) with { Kind = VisitKind.Other, Service = ServiceKind.HomeVisit, Notes = "复测血压" });

        Assert.True(amended.Succeeded, amended.Summary);
        Assert.NotEqual(recorded.Version, amended.Version);
        var view = (await nurse.GetAsync(recorded.Id.Value))!;
        Assert.Equal((VisitKind.ChronicFollowUp, ServiceKind.HypertensionFollowUp), (view.Kind, view.Service));
        Assert.Equal((136, "复测血压"), (view.Input.Systolic, view.Input.Notes));
        Assert.Null(view.VitalFlags);
        Assert.StartsWith("控制满意", view.Result);
        Assert.Single(Fulfilments(_elder));
    }

    [Fact]
    public async Task Two_staff_amending_the_same_visit_the_second_gets_a_conflict_and_nothing_is_lost()
    {
        var recorded = await As(_catalogue.NurseOfTeamA).RecordAsync(HomeVisit(_elder));
        var version = recorded.Version!.Value;
        var doctors = HomeVisit(_elder) with { Notes = "医生补充：血压平稳" };
        var nurses = HomeVisit(_elder) with { Notes = "护士更正：脉搏 76", Pulse = 76 };

        var first = await As(_catalogue.DoctorOfTeamA).AmendAsync(recorded.Id!.Value, version, doctors);
        var second = await As(_catalogue.NurseOfTeamA).AmendAsync(recorded.Id.Value, version, nurses);

        Assert.True(first.Succeeded, first.Summary);
        Assert.True(second.Conflict);
        Assert.Equal(SaveResult.ConflictMessage, second.Summary);
        Assert.Equal("护士更正：脉搏 76", nurses.Notes); // the page keeps the input it sent
        var latest = (await As(_catalogue.NurseOfTeamA).GetAsync(recorded.Id.Value))!;
        Assert.Equal("医生补充：血压平稳", latest.Input.Notes);

        // Saving over it from the latest version works.
        var overwrite = await As(_catalogue.NurseOfTeamA).AmendAsync(recorded.Id.Value, latest.Version, nurses);
        Assert.True(overwrite.Succeeded, overwrite.Summary);
        Assert.Equal((76, "护士更正：脉搏 76"), ((await As(_catalogue.NurseOfTeamA).GetAsync(recorded.Id.Value))!.Input.Pulse, nurses.Notes));
    }

    [Fact]
    public async Task Only_the_author_or_a_team_doctor_amends_and_only_within_seven_days()
    {
        var old = await As(_catalogue.NurseOfTeamA).RecordAsync(HomeVisit(_elder, daysAgo: 8));
        var recent = await As(_catalogue.DoctorOfTeamA).RecordAsync(HomeVisit(_elder));

        var tooLate = await As(_catalogue.NurseOfTeamA).AmendAsync(old.Id!.Value, old.Version!.Value, HomeVisit(_elder, daysAgo: 8));
        var notAuthor = await As(_catalogue.NurseOfTeamA).AmendAsync(recent.Id!.Value, recent.Version!.Value, HomeVisit(_elder));

        Assert.Equal("服务记录登记超过 7 天后不能再修改。", tooLate.Summary);
        Assert.Equal("只有记录人或本团队医生可以修改该服务记录。", notAuthor.Summary);
        Assert.Equal("只有记录人或本团队医生可以修改该服务记录。", (await As(_catalogue.NurseOfTeamA).GetAsync(recent.Id.Value))!.AmendRefusal);
    }

    [Fact]
    public async Task The_history_is_newest_first_with_the_staff_name_and_the_trend_covers_twelve_months()
    {
        var nurse = As(_catalogue.NurseOfTeamA);
        Assert.True((await nurse.RecordAsync(FollowUp(_elder, 150, 90, daysAgo: 400))).Succeeded);
        Assert.True((await nurse.RecordAsync(FollowUp(_elder, 148, 88, daysAgo: 60))).Succeeded);
        Assert.True((await As(_catalogue.DoctorOfTeamA).RecordAsync(FollowUp(_elder, 132, 80, daysAgo: 10))).Succeeded);
        Assert.True((await nurse.RecordAsync(HomeVisit(_elder))).Succeeded);

        var page = await nurse.HistoryAsync(_elder.Id, page: 0, pageSize: 2);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal([At(8), At(8, 0, 10)], page.Items.Select(v => v.StartedAt));
        Assert.Equal(["赵护士", "王医生"], page.Items.Select(v => v.StaffName));
        var next = await nurse.HistoryAsync(_elder.Id, page: 1, pageSize: 2);
        Assert.Equal([At(8, 0, 60), At(8, 0, 400)], next.Items.Select(v => v.StartedAt));
        Assert.Contains("收缩压偏高", next.Items[0].VitalFlags);

        var trend = await nurse.VitalsTrendAsync(_elder.Id);
        Assert.Equal([(148, 88), (132, 80)], trend.Select(p => (p.Systolic!.Value, p.Diastolic!.Value)));
    }

    [Fact]
    public async Task The_calendar_shows_the_teams_open_2111_items_on_their_due_day_and_overdue_ones_on_today()
    {
        int dueItemId;
        await using (var db = _database.Context(UserScope.System))
        {
            var elder = db.Residents.Single(r => r.Id == _elder.Id);
            var plan = ElderPlan2111.Create(elder, 2026, new DateOnly(2026, 1, 1), new VisitMonths(8, 11));
            db.ElderPlans.Add(plan);
            db.ElderPlans.Add(ElderPlan2111.Create(db.Residents.Single(r => r.Id == _inTeamB.Id), 2026, new DateOnly(2026, 1, 1), new VisitMonths(11, null)));
            await db.SaveChangesAsync();
            dueItemId = plan.Item(PlanItemKind.IntegratedCare, 2).Id;
        }

        var month = await _database.Service<VisitCalendar>(_catalogue.NurseOfTeamA).MonthAsync(2026, 11);

        Assert.All(month, e => Assert.Equal("王老伯", e.ResidentName));
        var overdue = month.Where(e => e.IsOverdue).ToList();
        Assert.Equal(4, overdue.Count);
        Assert.All(overdue, e => Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 8, 31)), (e.Day, e.DueOn)));
        var due = Assert.Single(month, e => !e.IsOverdue);
        Assert.Equal((new DateOnly(2026, 11, 30), "第二次医养结合服务", $"elder-care/items/{dueItemId}"), (due.Day, due.Title, due.Href));
        Assert.Empty(await _database.Service<VisitCalendar>(_catalogue.NurseOfTeamA).MonthAsync(2026, 10)); // overdue ones show on today only
    }
}
