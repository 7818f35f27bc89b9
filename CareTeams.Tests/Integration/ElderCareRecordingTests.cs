using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Recording the "2111" services through <see cref="ElderCareRecording"/> on a real SQLite file, as the
/// item page does: the visit and its form are stored, the item is done, the contract counts it, the
/// ability level sets the 失能 tag; refusals and conflicts store nothing.
/// </summary>
public sealed class ElderCareRecordingTests : IDisposable
{
    private readonly TestDatabase _database = new(); // today: 2026-11-23, 09:00 China time
    private readonly SmallCounty _county;
    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;
    private readonly ElderPlan2111 _plan;

    public ElderCareRecordingTests()
    {
        _county = SmallCounty.Create(_database);
        _catalogue = _county.AddContractCatalogue(_database);
        _elder = _county.AddResident(_database, _county.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male);
        _plan = AddPlan(_elder, new VisitMonths(3, 9));
    }

    public void Dispose() => _database.Dispose();

    private DateOnly Today => _database.Clock.Today;

    private ElderPlan2111 AddPlan(Resident resident, VisitMonths months)
    {
        using var db = _database.Context(UserScope.System);
        var plan = ElderPlan2111.Create(db.Residents.Single(r => r.Id == resident.Id), 2026, new DateOnly(2026, 1, 1), months);
        db.ElderPlans.Add(plan);
        db.SaveChanges();
        return plan;
    }

    private int ItemId(PlanItemKind kind, int sequence = 1) => _plan.Item(kind, sequence).Id;

    private ElderCareRecording As(UserScope user) => _database.Service<ElderCareRecording>(user);

    private ElderCareRecording AsDoctorA => As(_catalogue.DoctorOfTeamA);

    private static VisitInput VisitOn(DateOnly day, int hour = 8) => new()
    {
        StartedAt = day.ToDateTime(new TimeOnly(hour, 0)),
        EndedAt = day.ToDateTime(new TimeOnly(hour, 30)),
        Place = VisitPlace.Home,
        Notes = "入户服务",
        SignedBy = "王小明",
        SignedRelation = "儿子",
    };

    private async Task<Guid> VersionAsync(UserScope? user = null) =>
        (await As(user ?? _catalogue.DoctorOfTeamA).GetAsync(ItemId(PlanItemKind.PhysicalExam)))!.PlanVersion;

    private static IReadOnlyList<int?> AllAnswers(int value) => Enumerable.Repeat((int?)value, TcmQuestionnaire.ItemCount).ToList();

    private static AbilityInput Ability(Func<AbilityItem, int> points, bool inComa = false) => new()
    {
        Answers = AbilityScale.Items.ToDictionary(i => i.Code, points),
        InComa = inComa,
        Reason = AbilityAssessmentReason.Routine,
    };

    private static PhysicalExamInput Exam() => new(
        new DateOnly(2026, 1, 1),
        new ExamGeneral(TemperatureC: 36.5m, Pulse: 72, LeftSystolic: 150, LeftDiastolic: 85, HeightCm: 160m, WeightKg: 64m, WaistCm: 88m),
        ExamResult.Abnormal("血压偏高"),
        SelfCare: SelfCareAssessment.Score(new Dictionary<SelfCareItem, SelfCareLevel>
        {
            [SelfCareItem.Eating] = SelfCareLevel.Independent,
            [SelfCareItem.Grooming] = SelfCareLevel.MildlyDependent,
            [SelfCareItem.Dressing] = SelfCareLevel.Independent,
            [SelfCareItem.Toileting] = SelfCareLevel.MildlyDependent,
            [SelfCareItem.Moving] = SelfCareLevel.ModeratelyDependent,
        }),
        AuxiliaryTests: new Dictionary<AuxiliaryTest, ExamResult> { [AuxiliaryTest.Ecg] = ExamResult.Normal },
        Guidance: ExamGuidance.Recheck,
        GuidanceText: "一个月后复查血压");

    private PlanItem StoredItem(int itemId)
    {
        using var db = _database.Context(UserScope.System);
        return db.ElderPlans.AsNoTracking().Single(p => p.Id == _plan.Id).Items.Single(i => i.Id == itemId);
    }

    private List<VisitLog> StoredVisits()
    {
        using var db = _database.Context(UserScope.System);
        return db.Visits.AsNoTracking().Where(v => v.ResidentId == _elder.Id).OrderBy(v => v.Id).ToList();
    }

    private Resident StoredResident()
    {
        using var db = _database.Context(UserScope.System);
        return db.Residents.AsNoTracking().Single(r => r.Id == _elder.Id);
    }

    [Fact]
    public async Task Integrated_care_stores_the_visit_with_vitals_services_and_signature_and_marks_the_item_done()
    {
        var itemId = ItemId(PlanItemKind.IntegratedCare);
        var result = await AsDoctorA.RecordIntegratedCareAsync(itemId, await VersionAsync(), VisitOn(new DateOnly(2026, 3, 10)),
            new VitalsInput { Systolic = 182, Diastolic = 95, Pulse = 80 }, "血压测量、用药指导");

        Assert.True(result.Succeeded, result.Summary);
        var item = StoredItem(itemId);
        Assert.Equal((PlanItemStatus.Done, new DateOnly(2026, 3, 10), _catalogue.DoctorA.Id), (item.Status, item.ClosedOn, item.StaffMemberId));
        var visit = Assert.Single(StoredVisits());
        Assert.Equal((VisitKind.Plan2111, ServiceKind.IntegratedCare, itemId, VisitFormKind.IntegratedCare),
            (visit.Kind, visit.Service, visit.PlanItemId, visit.FormKind));
        Assert.Equal("血压测量、用药指导", visit.FormResult);
        Assert.Equal((182, 95, 80), (visit.Vitals!.Systolic, visit.Vitals.Diastolic, visit.Vitals.Pulse));
        Assert.Equal("收缩压危急（≥180 mmHg），需紧急转诊、舒张压偏高（≥90 mmHg）", visit.VitalFlags);
        Assert.Equal(("王小明", "儿子", "入户服务"), (visit.SignedBy, visit.SignedRelation, visit.Notes));
        Assert.Equal(_catalogue.DoctorA.Id, visit.StaffMemberId);
        Assert.Equal(new DateTime(2026, 3, 10, 8, 0, 0), visit.StartedAt);
        // The second service's window moved to three months after the first.
        Assert.Equal(new DateOnly(2026, 6, 10), StoredItem(ItemId(PlanItemKind.IntegratedCare, 2)).Earliest);
    }

    [Fact]
    public async Task A_physical_exam_stores_its_form_with_BMI_and_self_care_score_and_the_TCM_form_then_proposes_from_them()
    {
        var itemId = ItemId(PlanItemKind.PhysicalExam);
        var result = await AsDoctorA.RecordPhysicalExamAsync(itemId, await VersionAsync(), VisitOn(new DateOnly(2026, 3, 11)), Exam());

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(PlanItemStatus.Done, StoredItem(itemId).Status);
        var visit = Assert.Single(StoredVisits());
        Assert.Equal((ServiceKind.PhysicalExam, VisitFormKind.PhysicalExam, 7), (visit.Service, visit.FormKind, visit.FormScore));
        Assert.Equal("体检异常：血压偏高；BMI 25.0；自理评分 7（轻度依赖）", visit.FormResult);

        var tcm = await AsDoctorA.GetAsync(ItemId(PlanItemKind.TcmConstitution));
        Assert.Equal((25.0m, 88m), (tcm!.LatestBmi, tcm.LatestWaistCm));
        var exam = await AsDoctorA.GetAsync(itemId);
        Assert.Equal(PlanItemState.Done, exam!.State);
        Assert.Equal("体检异常：血压偏高；BMI 25.0；自理评分 7（轻度依赖）", exam.Visit!.FormResult);
        Assert.Equal("王医生", exam.Visit.StaffName);
    }

    [Fact]
    public async Task A_TCM_identification_stores_the_answers_and_the_judgement_of_TcmScoring()
    {
        var itemId = ItemId(PlanItemKind.TcmConstitution);
        var answers = AllAnswers(1).ToArray();
        foreach (var n in new[] { 2, 3, 4, 14 })
            answers[n - 1] = 4; // 气虚质 16 → 是
        var result = await AsDoctorA.RecordTcmAsync(itemId, await VersionAsync(), VisitOn(new DateOnly(2026, 3, 12)), answers);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(PlanItemStatus.Done, StoredItem(itemId).Status);
        var visit = Assert.Single(StoredVisits());
        Assert.Equal((ServiceKind.TcmConstitution, VisitFormKind.TcmConstitution), (visit.Service, visit.FormKind));
        var expected = VisitForm.Tcm(TcmAnswers.Create(answers), TcmScoring.Score(TcmAnswers.Create(answers)));
        Assert.Equal(expected.Result, visit.FormResult);
        Assert.StartsWith("气虚质（是）", visit.FormResult);
        Assert.Equal("[1,4,4,4,1,1,1,1,1,1,1,1,1,4,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", visit.FormAnswers);
    }

    [Fact]
    public async Task A_TCM_form_with_unanswered_items_is_refused_naming_them_and_nothing_is_stored()
    {
        var answers = AllAnswers(2).ToArray();
        answers[8] = null;
        answers[27] = null;

        var result = await AsDoctorA.RecordTcmAsync(ItemId(PlanItemKind.TcmConstitution), await VersionAsync(), VisitOn(new DateOnly(2026, 3, 12)), answers);

        Assert.False(result.Succeeded);
        Assert.Contains("以下题目未作答：第9、28题。", result.Summary);
        Assert.Empty(StoredVisits());
        Assert.Equal(PlanItemStatus.Open, StoredItem(ItemId(PlanItemKind.TcmConstitution)).Status);
    }

    [Fact]
    public async Task An_ability_assessment_sets_the_residents_disability_tag_from_its_level_and_an_intact_result_clears_it()
    {
        var itemId = ItemId(PlanItemKind.AbilityAssessment);
        var result = await AsDoctorA.RecordAbilityAsync(itemId, await VersionAsync(), VisitOn(new DateOnly(2026, 3, 13)), Ability(i => i.MinPoints));

        Assert.True(result.Succeeded, result.Summary);
        Assert.True(StoredResident().Tags.HasFlag(KeyPopulation.Disabled));
        var visit = Assert.Single(StoredVisits());
        Assert.Equal((ServiceKind.AbilityAssessment, VisitFormKind.AbilityAssessment, 0, "0 分，完全失能（4 级）"),
            (visit.Service, visit.FormKind, visit.FormScore, visit.FormResult));
        Assert.Equal(PlanItemStatus.Done, StoredItem(itemId).Status);

        // Next year's routine assessment finds the elder intact: the tag goes.
        var next = AddPlanForNextYearWithToday(new DateOnly(2027, 2, 1));
        var intact = await As(_catalogue.NurseOfTeamA).RecordAbilityAsync(next.Item(PlanItemKind.AbilityAssessment).Id, next.Version,
            VisitOn(new DateOnly(2027, 2, 1)), Ability(i => i.MaxPoints));
        Assert.True(intact.Succeeded, intact.Summary);
        Assert.False(StoredResident().Tags.HasFlag(KeyPopulation.Disabled));
    }

    private ElderPlan2111 AddPlanForNextYearWithToday(DateOnly today)
    {
        _database.Clock.Now = new DateTimeOffset(today.ToDateTime(new TimeOnly(18, 0)), ChinaTime.Offset);
        using var db = _database.Context(UserScope.System);
        var plan = ElderPlan2111.Create(db.Residents.Single(r => r.Id == _elder.Id), today.Year, new DateOnly(today.Year, 1, 1), new VisitMonths(2, 6));
        db.ElderPlans.Add(plan);
        db.SaveChanges();
        return plan;
    }

    [Fact]
    public async Task A_coma_makes_the_ability_level_4_whatever_the_score()
    {
        var coma = Ability(i => i.Code == AbilityScale.ConsciousnessItemCode ? 0 : i.MaxPoints, inComa: true);

        var result = await AsDoctorA.RecordAbilityAsync(ItemId(PlanItemKind.AbilityAssessment), await VersionAsync(), VisitOn(new DateOnly(2026, 3, 13)), coma);

        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal("88 分，完全失能（4 级）", Assert.Single(StoredVisits()).FormResult);
        Assert.True(StoredResident().Tags.HasFlag(KeyPopulation.Disabled));
    }

    [Fact]
    public async Task A_done_item_counts_against_a_contract_that_includes_its_service_and_not_otherwise()
    {
        var sign = await _database.Service<ContractService>(_catalogue.DoctorOfTeamA)
            .SignAsync(_catalogue.Input(_elder, _catalogue.DoctorA, Today, _catalogue.Basic, _catalogue.Elder));
        Assert.True(sign.Succeeded, sign.Summary);

        var exam = await AsDoctorA.RecordPhysicalExamAsync(ItemId(PlanItemKind.PhysicalExam), await VersionAsync(), VisitOn(Today), Exam());
        var ability = await AsDoctorA.RecordAbilityAsync(ItemId(PlanItemKind.AbilityAssessment), await VersionAsync(), VisitOn(Today), Ability(i => i.MaxPoints));

        Assert.True(exam.Succeeded, exam.Summary);
        Assert.True(ability.Succeeded, ability.Summary);
        using var db = _database.Context(UserScope.System);
        var contract = db.Contracts.AsNoTracking().Include(c => c.Fulfilments).Single(c => c.Id == sign.Id);
        var fulfilment = Assert.Single(contract.Fulfilments);
        Assert.Equal((ElderCareRecording.FulfilmentSource, ItemId(PlanItemKind.PhysicalExam), Today, _catalogue.DoctorA.Id),
            (fulfilment.Source, fulfilment.SourceId, fulfilment.On, fulfilment.StaffMemberId));
        Assert.Equal(1, contract.Items.Single(i => i.ServiceKind == ServiceKind.PhysicalExam).Done);
        Assert.DoesNotContain(contract.Items, i => i.ServiceKind == ServiceKind.AbilityAssessment);
        Assert.Equal(0, contract.Items.Where(i => i.ServiceKind != ServiceKind.PhysicalExam).Sum(i => i.Done));
    }

    [Fact]
    public async Task A_second_integrated_care_service_less_than_three_months_after_the_first_is_refused_with_the_message_and_nothing_is_stored()
    {
        var first = await AsDoctorA.RecordIntegratedCareAsync(ItemId(PlanItemKind.IntegratedCare), await VersionAsync(),
            VisitOn(new DateOnly(2026, 8, 1)), new VitalsInput(), "健康评估");
        Assert.True(first.Succeeded, first.Summary);
        var secondId = ItemId(PlanItemKind.IntegratedCare, 2);
        var version = await VersionAsync();

        var second = await AsDoctorA.RecordIntegratedCareAsync(secondId, version, VisitOn(new DateOnly(2026, 10, 1)), new VitalsInput(), "健康评估");

        Assert.False(second.Succeeded);
        Assert.False(second.Conflict);
        Assert.Equal("两次医养结合服务至少间隔三个月：第一次在 2026-08-01，第二次最早 2026-11-01。", second.Summary);
        Assert.Single(StoredVisits());
        Assert.Equal(PlanItemStatus.Open, StoredItem(secondId).Status);
        Assert.Equal(version, await VersionAsync());

        var later = await AsDoctorA.RecordIntegratedCareAsync(secondId, version, VisitOn(new DateOnly(2026, 11, 2)), new VitalsInput(), "健康评估");
        Assert.True(later.Succeeded, later.Summary);
        Assert.Equal(2, StoredVisits().Count);
    }

    [Fact]
    public async Task Another_teams_user_can_neither_load_nor_record_nor_decline_the_item()
    {
        var itemId = ItemId(PlanItemKind.TcmConstitution);
        var version = await VersionAsync();
        var teamB = As(_catalogue.DoctorOfTeamB);

        Assert.Null(await teamB.GetAsync(itemId));
        var recorded = await teamB.RecordTcmAsync(itemId, version, VisitOn(new DateOnly(2026, 3, 12)), AllAnswers(3));
        var declined = await teamB.DeclineAsync(itemId, version, "不在家");

        Assert.False(recorded.Succeeded);
        Assert.Equal(SaveResult.NotFound().Summary, recorded.Summary);
        Assert.False(declined.Succeeded);
        Assert.Equal(SaveResult.NotFound().Summary, declined.Summary);
        Assert.Empty(StoredVisits());
        Assert.Equal(PlanItemStatus.Open, StoredItem(itemId).Status);
        Assert.NotNull(await As(_county.Manager).GetAsync(itemId));
    }

    [Fact]
    public async Task A_user_without_a_staff_member_is_refused_with_a_clear_message()
    {
        var result = await As(_county.Admin).RecordTcmAsync(ItemId(PlanItemKind.TcmConstitution), await VersionAsync(),
            VisitOn(new DateOnly(2026, 3, 12)), AllAnswers(3));

        Assert.False(result.Succeeded);
        Assert.Equal(ElderCareRecording.NoStaffMessage, result.Summary);
        Assert.Empty(StoredVisits());
    }

    [Fact]
    public async Task Two_users_recording_the_same_plan_at_once_the_second_gets_the_conflict_and_stores_nothing()
    {
        var doctor = AsDoctorA;
        var nurse = As(_catalogue.NurseOfTeamA);
        var doctorView = (await doctor.GetAsync(ItemId(PlanItemKind.TcmConstitution)))!;
        var nurseView = (await nurse.GetAsync(ItemId(PlanItemKind.AbilityAssessment)))!;
        Assert.Equal(doctorView.PlanVersion, nurseView.PlanVersion);

        var first = await doctor.RecordTcmAsync(doctorView.ItemId, doctorView.PlanVersion, VisitOn(new DateOnly(2026, 3, 12)), AllAnswers(3));
        var second = await nurse.RecordAbilityAsync(nurseView.ItemId, nurseView.PlanVersion, VisitOn(new DateOnly(2026, 3, 12), 10), Ability(i => i.MinPoints));

        Assert.True(first.Succeeded, first.Summary);
        Assert.True(second.Conflict);
        Assert.Equal(SaveResult.ConflictMessage, second.Summary);
        Assert.Equal(VisitFormKind.TcmConstitution, Assert.Single(StoredVisits()).FormKind);
        Assert.Equal(PlanItemStatus.Open, StoredItem(nurseView.ItemId).Status);
        Assert.False(StoredResident().Tags.HasFlag(KeyPopulation.Disabled));
    }

    [Fact]
    public async Task A_declined_item_keeps_the_reason_and_who_recorded_it()
    {
        var itemId = ItemId(PlanItemKind.PhysicalExam);
        Assert.Equal("请填写居民拒绝的原因。", (await AsDoctorA.DeclineAsync(itemId, await VersionAsync(), "  ")).Summary);

        var result = await AsDoctorA.DeclineAsync(itemId, await VersionAsync(), "已在县医院体检");

        Assert.True(result.Succeeded, result.Summary);
        var item = StoredItem(itemId);
        Assert.Equal((PlanItemStatus.Declined, "已在县医院体检", Today, _catalogue.DoctorA.Id), (item.Status, item.Reason, item.ClosedOn, item.StaffMemberId));
        Assert.Empty(StoredVisits());
    }

    [Fact]
    public async Task A_visit_in_the_future_or_a_form_of_another_kind_is_refused()
    {
        var future = await AsDoctorA.RecordTcmAsync(ItemId(PlanItemKind.TcmConstitution), await VersionAsync(), VisitOn(Today.AddDays(1)), AllAnswers(3));
        var wrongKind = await AsDoctorA.RecordTcmAsync(ItemId(PlanItemKind.PhysicalExam), await VersionAsync(), VisitOn(Today), AllAnswers(3));

        Assert.Contains("服务开始时间不能晚于现在。", future.Summary);
        Assert.Equal("该服务项目是健康体检，不能用中医体质辨识表登记。", wrongKind.Summary);
        Assert.Empty(StoredVisits());
    }
}
