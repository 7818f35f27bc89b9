using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Documents.HomeBeds;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace CareTeams.Tests.Integration;

/// <summary>
/// Home beds through <see cref="HomeBedService"/> on a real SQLite file, as the pages do: opening, rounds and nursing
/// visits counted toward the contract, extending and closing, one open bed per resident, scoping and concurrent edits,
/// and the printed record read back.
/// </summary>
public sealed class HomeBedTests : IDisposable
{
    private readonly TestDatabase _database = new(); // today: 2026-11-23, 09:00 China time
    private readonly SmallCounty _county;
    private readonly ContractCatalogue _catalogue;
    private readonly Resident _elder;   // 76, team A, signed
    private readonly Resident _elderB;  // 71, team B, signed

    public HomeBedTests()
    {
        _county = SmallCounty.Create(_database);
        _catalogue = _county.AddContractCatalogue(_database);
        _elder = _county.AddResident(_database, _county.VillageA, "王老伯", new DateOnly(1950, 3, 1), Sex.Male, KeyPopulation.Hypertension);
        _elderB = _county.AddResident(_database, _county.VillageB, "周奶奶", new DateOnly(1955, 7, 3));
        var homeCare = ContractFixtures.AddPackage(_database, _county.Centre, "JTBC-01", "家庭病床服务包", PackageKind.Custom, KeyPopulation.None,
            Money.Zero, new(ServiceKind.HomeBedRound, "家庭病床查床", 12, Money.Of(30m)), new(ServiceKind.NursingVisit, "上门护理", 24, Money.Of(40m)));
        Sign(_elder, _catalogue.DoctorA, _catalogue.DoctorOfTeamA, homeCare);
        Sign(_elderB, _catalogue.DoctorB, _catalogue.DoctorOfTeamB);
    }

    public void Dispose() => _database.Dispose();

    private DateOnly Today => _database.Clock.Today;

    private HomeBedService As(UserScope user) => _database.Service<HomeBedService>(user);

    private void Sign(Resident resident, StaffMember doctor, UserScope user, params ServicePackage[] more)
    {
        var result = _database.Service<ContractService>(user)
            .SignAsync(_catalogue.Input(resident, doctor, Today, [_catalogue.Basic, .. more])).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, result.Summary);
    }

    private BedOpening Opening(DateOnly? openedOn = null)
    {
        var on = openedOn ?? Today;
        return new BedOpening(
            new BedApplication(HomeBedKind.Treatment, BedCondition.ChronicDisease, "高血压病史20年，近期血压控制不佳。", "需连续治疗和监测。", null, on),
            on,
            new AdmissionAssessment("神志清，血压偏高。", AbilityLevel.MildlyImpaired, VitalSigns.Create(162, 96, 80)),
            [new DiagnosisInput("原发性高血压", "i10"), new DiagnosisInput("2型糖尿病", "E11.9")],
            new BedConsent("王小明", "儿子", on),
            [new BedOrderSpec(BedOrderKind.Nursing, "血压监测", OrderFrequency.EveryNDays(3), on, null, "早晚各测一次")]);
    }

    private async Task<SaveResult> OpenAsync(Resident resident, UserScope user, StaffMember doctor, StaffMember nurse) =>
        await As(user).OpenAsync(new OpenBedInput(resident.Id, doctor.Id, nurse.Id, Opening()));

    private async Task<int> OpenForElderAsync()
    {
        var result = await OpenAsync(_elder, _catalogue.DoctorOfTeamA, _catalogue.DoctorA, _catalogue.NurseA);
        Assert.True(result.Succeeded, result.Summary);
        return result.Id!.Value;
    }

    private VisitDetails Details(int hour, string notes, VitalSigns? vitals = null)
    {
        var start = Today.ToDateTime(new TimeOnly(hour, 0));
        return new VisitDetails(start, start.AddMinutes(20), VisitPlace.Home, VisitKind.BedRound, default, vitals, notes);
    }

    [Fact]
    public async Task A_bed_is_opened_visited_extended_and_closed_and_its_visits_count_toward_the_contract()
    {
        var id = await OpenForElderAsync();
        var doctor = As(_catalogue.DoctorOfTeamA);
        var bed = (await doctor.GetAsync(id))!;
        Assert.Equal(HomeBedStatus.Open, bed.Bed.Status);
        Assert.Equal(["原发性高血压（I10）", "2型糖尿病（E11.9）"], bed.Bed.OpeningDiagnoses.Select(d => d.ToString()));
        Assert.Equal(162, bed.Bed.Assessment.Vitals!.Systolic);
        var order = Assert.Single(bed.Bed.Orders);
        Assert.Equal("血压监测 · 每3日1次", order.Title);
        Assert.Equal(90, bed.Bed.LimitDays);

        var round = await doctor.RecordBedVisitAsync(id, null, VisitKind.BedRound, Details(7, "查床：血压 150/90。", VitalSigns.Create(150, 90, 78)));
        Assert.True(round.Succeeded, round.Summary);
        var nursing = await As(_catalogue.NurseOfTeamA).RecordBedVisitAsync(id, order.Id, VisitKind.NursingVisit, Details(8, "测血压。"));
        Assert.True(nursing.Succeeded, nursing.Summary);

        bed = (await doctor.GetAsync(id))!;
        Assert.Equal([VisitKind.NursingVisit, VisitKind.BedRound], bed.Visits.Select(v => v.Kind));
        Assert.Equal(["赵护士", "王医生"], bed.Visits.Select(v => v.StaffName));
        Assert.Equal("血压监测 · 每3日1次", bed.Visits[0].OrderTitle);
        Assert.Equal(Today.AddDays(7), bed.Due.Next.Single(d => d.Kind == BedDueKind.Round).DueOn);
        Assert.Equal(Today.AddDays(3), bed.Due.Next.Single(d => d.Kind == BedDueKind.Order).DueOn);
        Assert.Contains(bed.Timeline, e => e.Title == "建床");

        await using (var db = _database.Context(UserScope.System))
        {
            var visits = await db.Visits.Where(v => v.HomeBedId == id).OrderBy(v => v.StartedAt).ToListAsync();
            Assert.Equal([ServiceKind.HomeBedRound, ServiceKind.NursingVisit], visits.Select(v => v.Service));
            Assert.Equal([null, order.Id], visits.Select(v => v.BedOrderId));
            var fulfilments = await db.Contracts.Where(c => c.ResidentId == _elder.Id).SelectMany(c => c.Fulfilments).ToListAsync();
            Assert.Equal(visits.Select(v => v.Id).Order(), fulfilments.Where(f => f.Source == "HomeBed").Select(f => f.SourceId).Order());
            var items = await db.Contracts.Where(c => c.ResidentId == _elder.Id).SelectMany(c => c.Items)
                .Where(i => i.ServiceKind == ServiceKind.HomeBedRound || i.ServiceKind == ServiceKind.NursingVisit).OrderBy(i => i.ServiceKind).ToListAsync();
            Assert.Equal([1, 1], items.Select(i => i.Done));
        }

        var extended = await doctor.ExtendAsync(id, bed.Bed.Version, 150, "血压仍未达标。");
        Assert.True(extended.Succeeded, extended.Summary);
        bed = (await doctor.GetAsync(id))!;
        Assert.Equal(HomeBedStatus.Extended, bed.Bed.Status);
        Assert.Equal(150, bed.Bed.LimitDays);
        Assert.Equal((90, 150), (bed.Bed.Extensions.Single().PreviousLimitDays, bed.Bed.Extensions.Single().NewLimitDays));

        _database.Clock.Now = _database.Clock.Now.AddDays(12);
        var closing = new BedClosingInput(_database.Clock.Today, BedOutcome.Improved, "血压平稳。", "经治疗血压控制达标，撤床转随访。",
            [new DiagnosisInput("原发性高血压", "I10")]);
        var closed = await doctor.CloseAsync(id, bed.Bed.Version, closing);
        Assert.True(closed.Succeeded, closed.Summary);
        bed = (await doctor.GetAsync(id))!;
        Assert.Equal(HomeBedStatus.Closed, bed.Bed.Status);
        Assert.Equal(12, bed.Bed.BedDays);
        Assert.Empty(bed.Due.Next);

        var afterClosing = await doctor.ExtendAsync(id, bed.Bed.Version, 200, "再延期");
        Assert.False(afterClosing.Succeeded);
        Assert.Contains("撤床", afterClosing.Summary);
        var closedList = await doctor.ListAsync(new HomeBedQuery { Filter = HomeBedListFilter.Closed });
        Assert.Equal([id], closedList.Select(r => r.Id));
        Assert.Empty(await doctor.ListAsync(new HomeBedQuery()));
    }

    [Fact]
    public async Task A_resident_has_one_open_bed_and_the_database_refuses_a_second_that_slipped_past_the_check()
    {
        var id = await OpenForElderAsync();

        var second = await OpenAsync(_elder, _catalogue.DoctorOfTeamA, _catalogue.DoctorA, _catalogue.NurseA);
        Assert.False(second.Succeeded);
        Assert.Contains("已有一张在床的家庭病床", second.Summary);

        // Two users at once: each checked before the other saved, so only the unique index stands between them.
        await using var db = _database.Context(UserScope.System);
        var resident = await db.Residents.SingleAsync(r => r.Id == _elder.Id);
        var doctor = await db.Staff.SingleAsync(s => s.Id == _catalogue.DoctorA.Id);
        var nurse = await db.Staff.SingleAsync(s => s.Id == _catalogue.NurseA.Id);
        db.HomeBeds.Add(HomeBed.Open(resident, [], doctor, nurse, Opening(), true, doctor.Id, HomeBedSettings.Default, Today));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await using var check = _database.Context(UserScope.System);
        Assert.Equal([id], await check.HomeBeds.Where(b => b.ResidentId == _elder.Id).Select(b => b.Id).ToListAsync());
    }

    [Fact]
    public async Task The_monthly_report_counts_beds_opened_closed_open_at_month_end_and_the_bed_days_of_those_closed()
    {
        // November 2026: 王老伯's bed opened on the 1st and closed on the 20th (19 bed-days); 周奶奶's opened on the 10th, still open.
        await using (var db = _database.Context(UserScope.System))
        {
            var staff = await db.Staff.ToDictionaryAsync(s => s.Id);
            var wang = await db.Residents.SingleAsync(r => r.Id == _elder.Id);
            var zhou = await db.Residents.SingleAsync(r => r.Id == _elderB.Id);
            var closed = HomeBed.Open(wang, [], staff[_catalogue.DoctorA.Id], staff[_catalogue.NurseA.Id], Opening(new DateOnly(2026, 11, 1)), true,
                _catalogue.DoctorA.Id, HomeBedSettings.Default, Today);
            var open = HomeBed.Open(zhou, [], staff[_catalogue.DoctorB.Id], staff[_catalogue.NurseB.Id], Opening(new DateOnly(2026, 11, 10)), true,
                _catalogue.DoctorB.Id, HomeBedSettings.Default, Today);
            db.HomeBeds.AddRange(closed, open);
            await db.SaveChangesAsync();
            closed.Close(CareTeams.Tests.Domain.HomeBeds.BedBuilder.Closing(new DateOnly(2026, 11, 20)), _catalogue.DoctorA.Id, Today);
            await db.SaveChangesAsync();
        }

        var november = (await _database.Service<CareTeams.Web.Reports.MonthlyReportQuery>(_county.Manager)
            .BuildAsync("TEST01", new CareTeams.Web.Reports.ReportMonth(2026, 11), withResidents: false)).Report!;
        var october = (await _database.Service<CareTeams.Web.Reports.MonthlyReportQuery>(_county.Manager)
            .BuildAsync("TEST01", new CareTeams.Web.Reports.ReportMonth(2026, 10), withResidents: false)).Report!;

        var row = Assert.Single(november.HomeBeds);
        Assert.Equal((2, 1, 1, 19), (row.Opened, row.Closed, row.OpenAtMonthEnd, row.BedDays));
        Assert.Equal((0, 0, 0, 0), (october.HomeBeds[0].Opened, october.HomeBeds[0].Closed, october.HomeBeds[0].OpenAtMonthEnd, october.HomeBeds[0].BedDays));
    }

    [Fact]
    public async Task A_resident_who_is_not_eligible_gets_every_reason_in_Chinese_and_the_form_errors_by_field()
    {
        var young = _county.AddResident(_database, _county.VillageA, "李青年", new DateOnly(1990, 1, 1));
        var doctor = As(_catalogue.DoctorOfTeamA);

        var eligibility = (await doctor.EligibilityAsync(young.Id))!;
        Assert.False(eligibility.CanOpen);
        Assert.Contains(eligibility.Problems, p => p.Contains("签约"));
        Assert.Contains(eligibility.Problems, p => p.Contains("60 岁"));
        var refused = await doctor.OpenAsync(new OpenBedInput(young.Id, _catalogue.DoctorA.Id, _catalogue.NurseA.Id, Opening()));
        Assert.False(refused.Succeeded);
        Assert.Contains("不符合建床条件", refused.Summary);

        var blank = Opening() with { Diagnoses = [], Orders = [], Consent = new BedConsent(" ", null, Today) };
        var invalid = await doctor.OpenAsync(new OpenBedInput(_elder.Id, _catalogue.DoctorA.Id, _catalogue.NurseA.Id, blank));
        Assert.Equal(["Diagnoses", "Consent.SignedBy", "Orders"], invalid.Errors.Select(e => e.Field));
        Assert.True((await doctor.EligibilityAsync(_elder.Id))!.CanOpen);
    }

    [Fact]
    public async Task Another_team_s_bed_is_not_found_not_listed_not_recordable_and_not_printable()
    {
        var id = await OpenForElderAsync();
        var teamB = As(_catalogue.DoctorOfTeamB);

        Assert.Null(await teamB.GetAsync(id));
        Assert.Empty(await teamB.ListAsync(new HomeBedQuery()));
        Assert.Empty(await teamB.DueForStaffAsync(null, Today, Today.AddDays(14)));
        var visit = await teamB.RecordBedVisitAsync(id, null, VisitKind.BedRound, Details(7, "越权登记"));
        Assert.False(visit.Succeeded);
        var extend = await teamB.ExtendAsync(id, Guid.NewGuid(), 150, "越权延期");
        Assert.False(extend.Succeeded);
        Assert.Null(await _database.Service<HomeBedPdf>(_catalogue.DoctorOfTeamB).RenderAsync(id));

        await using var db = _database.Context(UserScope.System);
        Assert.Equal(0, await db.Visits.CountAsync(v => v.HomeBedId == id));
        Assert.Equal(90, (await db.HomeBeds.SingleAsync(b => b.Id == id)).LimitDays);
        // The centre's manager sees it.
        Assert.NotNull(await As(_county.Manager).GetAsync(id));
    }

    [Fact]
    public async Task Two_people_editing_the_same_bed_the_second_gets_a_conflict_and_the_first_change_stays()
    {
        var id = await OpenForElderAsync();
        var version = (await As(_catalogue.DoctorOfTeamA).GetAsync(id))!.Bed.Version;

        var first = await As(_catalogue.DoctorOfTeamA).ExtendAsync(id, version, 120, "病情需要。");
        var second = await As(_catalogue.NurseOfTeamA).AddOrderAsync(id, version,
            new BedOrderSpec(BedOrderKind.Nursing, "导尿管护理", OrderFrequency.TimesPerWeek(2), Today));

        Assert.True(first.Succeeded, first.Summary);
        Assert.True(second.Conflict);
        Assert.Equal(SaveResult.ConflictMessage, second.Summary);
        var bed = (await As(_county.Manager).GetAsync(id))!.Bed;
        Assert.Equal(120, bed.LimitDays);
        Assert.Single(bed.Orders);

        // Read again and retry: the order is added and the extension kept.
        var retried = await As(_catalogue.NurseOfTeamA).AddOrderAsync(id, bed.Version,
            new BedOrderSpec(BedOrderKind.Nursing, "导尿管护理", OrderFrequency.TimesPerWeek(2), Today));
        Assert.True(retried.Succeeded, retried.Summary);
        bed = (await As(_county.Manager).GetAsync(id))!.Bed;
        Assert.Equal(["血压监测", "导尿管护理"], bed.Orders.OrderBy(o => o.Sequence).Select(o => o.ItemName));
        Assert.Equal(120, bed.LimitDays);
    }

    [Fact]
    public async Task The_list_and_the_staff_calendar_show_what_is_due_overdue_and_closing_soon()
    {
        var id = await OpenForElderAsync();
        var bId = (await OpenAsync(_elderB, _catalogue.DoctorOfTeamB, _catalogue.DoctorB, _catalogue.NurseB)).Id!.Value;
        _database.Clock.Now = _database.Clock.Now.AddDays(85); // no visit made: round due day 7, order due day 0, 5 days of the cycle left

        var manager = As(_county.Manager);
        var open = await manager.ListAsync(new HomeBedQuery());
        Assert.Equal([id, bId], open.Select(r => r.Id).Order());
        var row = open.Single(r => r.Id == id);
        Assert.Equal(("王老伯", "东村", "王医生", "赵护士"), (row.ResidentName, row.VillageName, row.DoctorName, row.NurseName));
        Assert.Equal(2, row.Overdue);
        Assert.Equal(BedCycleState.ClosingSoon, row.Cycle);
        Assert.Equal(5, row.DaysLeft);
        Assert.Equal([id, bId], (await manager.ListAsync(new HomeBedQuery { Filter = HomeBedListFilter.Overdue })).Select(r => r.Id).Order());
        Assert.Equal([id], (await manager.ListAsync(new HomeBedQuery { Search = "王" })).Select(r => r.Id));
        Assert.Equal([bId], (await manager.ListAsync(new HomeBedQuery { TeamId = _county.TeamB.Id })).Select(r => r.Id));

        var today = _database.Clock.Today;
        var nurseWork = await As(_catalogue.NurseOfTeamA).DueForStaffAsync(_catalogue.NurseA.Id, today, today.AddDays(6));
        Assert.All(nurseWork, d => Assert.Equal((id, BedDueKind.Order, "王老伯"), (d.HomeBedId, d.Kind, d.ResidentName)));
        Assert.Equal([today, today.AddDays(3), today.AddDays(6)], nurseWork.Select(d => d.Day));
        Assert.True(nurseWork[0].IsOverdue);
        var doctorWork = await As(_catalogue.DoctorOfTeamA).DueForStaffAsync(_catalogue.DoctorA.Id, today, today.AddDays(6));
        var overdueRound = Assert.Single(doctorWork);
        Assert.Equal((BedDueKind.Round, BedDueState.Overdue, 78), (overdueRound.Kind, overdueRound.State, overdueRound.DaysLate));
        Assert.Equal(4, (await As(_catalogue.DoctorOfTeamA).DueForStaffAsync(null, today, today.AddDays(6))).Count);
    }

    [Fact]
    public async Task The_printed_record_reads_back_with_the_opening_the_rounds_and_the_closing_summary()
    {
        var id = await OpenForElderAsync();
        var doctor = As(_catalogue.DoctorOfTeamA);
        Assert.True((await doctor.RecordBedVisitAsync(id, null, VisitKind.BedRound, Details(7, "查床：一般情况好。", VitalSigns.Create(148, 88, 76)))).Succeeded);
        var version = (await doctor.GetAsync(id))!.Bed.Version;
        Assert.True((await doctor.CloseAsync(id, version, new BedClosingInput(Today, BedOutcome.Other, "平稳。", "家属要求转入养老机构，撤床。",
            [new DiagnosisInput("原发性高血压", "I10")], "入住养老机构"))).Succeeded);

        var (pdf, fileName) = (await _database.Service<HomeBedPdf>(_catalogue.NurseOfTeamA).RenderAsync(id))!.Value;

        Assert.Equal($"家庭病床记录-王老伯-{Today:yyyyMMdd}.pdf", fileName);
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        foreach (var expected in new[]
        {
            "家庭病床记录", "王老伯", _elder.MaskedIdNumber, "一、建床记录", "治疗型", "慢性病需连续治疗", "原发性高血压", "I10", "E11.9",
            "血压监测", "每3日1次", "王小明", "二、查床记录", "查床：一般情况好。", "148/88", "三、撤床小结", "家属要求转入养老机构，撤床。",
            "入住养老机构", "王医生", "赵护士",
        })
            Assert.Contains(expected, text);
        Assert.DoesNotContain(_elder.IdNumber, text);
    }
}
