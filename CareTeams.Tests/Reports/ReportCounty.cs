using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Reports;

/// <summary>
/// The hand-built data set of the monthly report tests, for October 2026 (report made on 2026-11-23).
/// Centre TEST01, team A in 东村, team B in 西村; the other centre has one resident.
/// <code>
/// 东村 (A) 张一  1961-10-31 高血压  turns 65 on 31 Oct; signed 2026-09-15 (basic + hypertension)
///          李二  1961-11-01 高血压  64 on 31 Oct;       signed 31 Oct 23:30 China time (basic + hypertension)
///          王三  1980-05-05         signed 1 Nov 00:30 China time (basic): after the month
///          赵八  2021-06-01         a child 0–6
///          孙十  1940-01-01         86; died 2026-11-05 (after the month); 2111 plan complete in October
///          周十一 1990-02-02        moved away 2026-10-15: not in the month-end population
/// 西村 (B) 吴五  1970-01-01         signed 2026-09-10, terminated 2026-10-20
///          郑六  1975-01-01         signed 2025-10-10, term ended 2026-10-09: expired
///          冯七  1950-03-03         signed 2025-10-20 (basic + elder), renewed 2026-10-05; 2111 plan in progress
///          陈九  2019-10-31         turns 7 on 31 Oct: not a child at month end
/// 外镇村    钱十二 1985-01-01        the other centre
/// </code>
/// Referrals (China time; <see cref="ReferralAlliance"/>), the October ones marked *; those marked UTC are saved with the
/// clock at offset 0, as the system clock gives it (the others at +08:00), so the month's ends hold whatever the offset:
/// <code>
///   张一 * up, green channel, township → hospital, 1 Oct 00:00 (UTC); accepted, arrived, answered by ↓: Returned (team A)
///   张一 * down, the answer, hospital → township, 20 Oct 10:00; Requested; visited 31 Oct 23:30: followed up in 14 days
///   孙十 * transfer, township → care home, 15 Oct 09:00; Cancelled (team A)
///   冯七 * down, hospital → township (by ID number), 21 Oct 10:00; Accepted; no visit after it (team B)
///   冯七 * up, urgent, village clinic → hospital, 31 Oct 23:59; Declined on 1 Nov (team B)
///   王三   up, township → hospital, 30 Sep 23:59 (UTC): before the month
///   李二   up, township → hospital, 1 Nov 00:00 (UTC): after the month
///   钱十二 * up, the other township → hospital, 10 Oct 09:00; Requested (the other centre)
/// </code>
/// </summary>
public sealed class ReportCounty : IDisposable
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>Counts the SQL statements of every context of <see cref="Database"/> (tests reset it first).</summary>
    public SqlCommandCounter Sql { get; } = new();

    public TestDatabase Database { get; }
    public SmallCounty County { get; }
    public ContractCatalogue Catalogue { get; }
    public Dictionary<string, Resident> Residents { get; } = [];

    public ReportCounty()
    {
        Database = new TestDatabase(TestClock.On(Today.Year, Today.Month, Today.Day), Sql.AddTo);
        County = SmallCounty.Create(Database);
        Catalogue = County.AddContractCatalogue(Database);
        Add(County.VillageA, "张一", new(1961, 10, 31), Sex.Male, KeyPopulation.Hypertension);
        Add(County.VillageA, "李二", new(1961, 11, 1), Sex.Female, KeyPopulation.Hypertension);
        Add(County.VillageA, "王三", new(1980, 5, 5), Sex.Male);
        Add(County.VillageA, "赵八", new(2021, 6, 1), Sex.Female);
        Add(County.VillageA, "孙十", new(1940, 1, 1), Sex.Male);
        Add(County.VillageA, "周十一", new(1990, 2, 2), Sex.Female);
        Add(County.VillageB, "吴五", new(1970, 1, 1), Sex.Male);
        Add(County.VillageB, "郑六", new(1975, 1, 1), Sex.Female);
        Add(County.VillageB, "冯七", new(1950, 3, 3), Sex.Male);
        Add(County.VillageB, "陈九", new(2019, 10, 31), Sex.Male);
        Add(County.OtherCentreVillage, "钱十二", new(1985, 1, 1), Sex.Female);

        // Contracts, each signed with the clock on its day (China time).
        At(2025, 10, 10, 9, 0);
        Sign("郑六", Catalogue.Basic);
        At(2025, 10, 20, 9, 0);
        var fengOld = Sign("冯七", Catalogue.Basic, Catalogue.Elder);
        At(2026, 9, 10, 9, 0);
        var wu = Sign("吴五", Catalogue.Basic);
        At(2026, 9, 15, 9, 0);
        var zhang = Sign("张一", Catalogue.Basic, Catalogue.Hypertension);
        At(2026, 10, 5, 9, 0);
        var renewed = Service(Catalogue.DoctorOfTeamB).RenewAsync(fengOld, null).GetAwaiter().GetResult();
        Assert.True(renewed.Succeeded, renewed.Summary);
        FengRenewal = renewed.Id!.Value;
        At(2026, 10, 20, 9, 0);
        var terminated = Service(County.Manager).TerminateAsync(wu, VersionOf(wu), TerminationReason.ResidentRequest, null, new DateOnly(2026, 10, 20))
            .GetAwaiter().GetResult();
        Assert.True(terminated.Succeeded, terminated.Summary);
        At(2026, 10, 31, 23, 30); // 15:30 UTC: still 31 October in China
        Sign("李二", Catalogue.Basic, Catalogue.Hypertension);
        At(2026, 11, 1, 0, 30);   // 16:30 UTC on 31 October: already 1 November in China
        Sign("王三", Catalogue.Basic);
        Database.Clock.Now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset);

        // Services delivered against the contracts: one in October for 张一 and 冯七, one after the month for 张一.
        using (var db = Database.Context(UserScope.System))
        {
            Assert.True(ContractService.RecordServiceAsync(db, Residents["张一"].Id, ServiceKind.HypertensionFollowUp, new(2026, 10, 10), "Test", 1, null).GetAwaiter().GetResult());
            Assert.True(ContractService.RecordServiceAsync(db, Residents["张一"].Id, ServiceKind.HypertensionFollowUp, new(2026, 11, 2), "Test", 2, null).GetAwaiter().GetResult());
            Assert.True(ContractService.RecordServiceAsync(db, Residents["冯七"].Id, ServiceKind.PhysicalExam, new(2026, 10, 25), "Test", 3, null).GetAwaiter().GetResult());
            db.SaveChanges();
        }

        // 2111 plans for 2026: 孙十 completes all four in October, 冯七 has two done in October and one in November.
        var sun = Plan("孙十", (PlanItemKind.IntegratedCare, 1, new(2026, 3, 10)), (PlanItemKind.PhysicalExam, 1, new(2026, 3, 10)),
            (PlanItemKind.IntegratedCare, 2, new(2026, 9, 20)), (PlanItemKind.TcmConstitution, 1, new(2026, 10, 5)),
            (PlanItemKind.AbilityAssessment, 1, new(2026, 10, 31)));
        _ = sun;
        Plan("冯七", (PlanItemKind.IntegratedCare, 1, new(2026, 10, 12)), (PlanItemKind.PhysicalExam, 1, new(2026, 10, 12)),
            (PlanItemKind.TcmConstitution, 1, new(2026, 11, 3)));

        // Visits: 23:30 on the last day counts, 00:30 on the next day does not.
        Visit("张一", Catalogue.DoctorA, new(2026, 10, 31, 23, 30, 0), VisitKind.ChronicFollowUp, ServiceKind.HypertensionFollowUp);
        Visit("李二", Catalogue.NurseA, new(2026, 11, 1, 0, 30, 0), VisitKind.NursingVisit, ServiceKind.HealthGuidance);
        Visit("冯七", Catalogue.DoctorB, new(2026, 10, 12, 9, 0, 0), VisitKind.Plan2111, ServiceKind.PhysicalExam);
        Visit("冯七", Catalogue.DoctorB, new(2026, 10, 20, 15, 0, 0), VisitKind.Plan2111, ServiceKind.IntegratedCare);
        Visit("孙十", Catalogue.NurseA, new(2026, 9, 30, 23, 59, 0), VisitKind.NursingVisit, ServiceKind.HealthGuidance);

        Alliance = ReferralAlliance.Create(Database, County);
        AddReferrals();
        Database.Clock.Now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset);

        // Status changes: a death after the month, a move during it.
        using (var db = Database.Context(UserScope.System))
        {
            db.Residents.Single(r => r.Id == Residents["孙十"].Id).RecordDeath(new(2026, 11, 5), null, Today);
            db.Residents.Single(r => r.Id == Residents["周十一"].Id).RecordMovedAway(new(2026, 10, 15), null, Today);
            db.SaveChanges();
        }
    }

    public int FengRenewal { get; }

    public ReferralAlliance Alliance { get; }

    private void AddReferrals()
    {
        var gpA = Database.Service<ReferralService>(Alliance.GpOfTeamA);
        var teamB = Database.Service<ReferralService>(Catalogue.DoctorOfTeamB);
        var hospital = Database.Service<ReferralService>(Alliance.HospitalDesk);
        var otherCentre = Database.Service<ReferralService>(County.OtherCentreManager);

        AtUtc(2026, 9, 30, 23, 59);
        Refer(gpA, "王三", Alliance.Township, Alliance.Hospital, ReferralAlliance.UpForm());
        AtUtc(2026, 10, 1, 0, 0);
        var zhangUp = Refer(gpA, "张一", Alliance.Township, Alliance.Hospital, ReferralAlliance.UpForm(ReferralUrgency.GreenChannel));
        At(2026, 10, 1, 8, 0);
        Step(hospital, zhangUp, (s, id, version) => s.AcceptAsync(id, version));
        At(2026, 10, 2, 9, 0);
        Step(hospital, zhangUp, (s, id, version) => s.ConfirmArrivalAsync(id, version));
        At(2026, 10, 10, 9, 0);
        Refer(otherCentre, "钱十二", Alliance.OtherTownship, Alliance.Hospital, ReferralAlliance.UpForm());
        At(2026, 10, 15, 9, 0);
        var sunTransfer = Refer(gpA, "孙十", Alliance.Township, Alliance.CareHome, ReferralAlliance.TransferForm());
        At(2026, 10, 16, 9, 0);
        Step(gpA, sunTransfer, (s, id, version) => s.CancelAsync(id, version, "家属决定居家照护"));
        At(2026, 10, 20, 10, 0);
        Check(hospital.RequestAsync(new ReferralInput(null, null, Alliance.Hospital.Id, Alliance.Township.Id, ReferralAlliance.DownForm(),
            AnswersReferralId: zhangUp)).GetAwaiter().GetResult());
        At(2026, 10, 21, 10, 0);
        var fengDown = Check(hospital.RequestAsync(new ReferralInput(null, Residents["冯七"].IdNumber, Alliance.Hospital.Id, Alliance.Township.Id,
            ReferralAlliance.DownForm())).GetAwaiter().GetResult());
        At(2026, 10, 21, 11, 0);
        Step(teamB, fengDown, (s, id, version) => s.AcceptAsync(id, version));
        At(2026, 10, 31, 23, 59);
        var fengUp = Refer(teamB, "冯七", Alliance.Clinic, Alliance.Hospital, ReferralAlliance.UpForm(ReferralUrgency.Urgent));
        AtUtc(2026, 11, 1, 0, 0);
        Refer(gpA, "李二", Alliance.Township, Alliance.Hospital, ReferralAlliance.UpForm());
        At(2026, 11, 1, 9, 0);
        Step(hospital, fengUp, (s, id, version) => s.DeclineAsync(id, version, "床位已满，建议转市医院"));
    }

    private int Refer(ReferralService service, string name, AllianceInstitution from, AllianceInstitution to, ReferralForm form) =>
        Check(service.RequestAsync(new ReferralInput(Residents[name].Id, null, from.Id, to.Id, form)).GetAwaiter().GetResult());

    private void Step(ReferralService service, int referralId, Func<ReferralService, int, Guid, Task<SaveResult>> step)
    {
        Guid version;
        using (var db = Database.Context(UserScope.System))
            version = db.Referrals.IgnoreAutoIncludes().Where(r => r.Id == referralId).Select(r => r.Version).Single();
        Check(step(service, referralId, version).GetAwaiter().GetResult());
    }

    private static int Check(SaveResult result)
    {
        Assert.True(result.Succeeded, result.Summary);
        return result.Id ?? 0;
    }

    public void Dispose() => Database.Dispose();

    private void At(int year, int month, int day, int hour, int minute) =>
        Database.Clock.Now = new DateTimeOffset(year, month, day, hour, minute, 0, ChinaTime.Offset);

    /// <summary>A China time, with the clock giving it in UTC (offset 0) as the system clock does.</summary>
    private void AtUtc(int year, int month, int day, int hour, int minute) =>
        Database.Clock.Now = new DateTimeOffset(year, month, day, hour, minute, 0, ChinaTime.Offset).ToUniversalTime();

    private ContractService Service(UserScope user) => Database.Service<ContractService>(user);

    private void Add(Village village, string name, DateOnly born, Sex sex, KeyPopulation tags = KeyPopulation.None) =>
        Residents[name] = County.AddResident(Database, village, name, born, sex, tags);

    private int Sign(string name, params ServicePackage[] packages)
    {
        var resident = Residents[name];
        var teamB = resident.VillageId == County.VillageB.Id;
        var doctor = teamB ? Catalogue.DoctorB : Catalogue.DoctorA;
        var result = Service(teamB ? Catalogue.DoctorOfTeamB : Catalogue.DoctorOfTeamA)
            .SignAsync(Catalogue.Input(resident, doctor, Database.Clock.Today, packages)).GetAwaiter().GetResult();
        Assert.True(result.Succeeded, result.Summary);
        return result.Id!.Value;
    }

    private Guid VersionOf(int contractId)
    {
        using var db = Database.Context(UserScope.System);
        return db.Contracts.IgnoreAutoIncludes().Where(c => c.Id == contractId).Select(c => c.Version).Single();
    }

    private int Plan(string name, params (PlanItemKind Kind, int Sequence, DateOnly On)[] done)
    {
        using var db = Database.Context(UserScope.System);
        var resident = db.Residents.Single(r => r.Id == Residents[name].Id);
        var plan = ElderPlan2111.Create(resident, 2026, new DateOnly(2026, 1, 1), new VisitMonths(3, 9));
        db.ElderPlans.Add(plan);
        db.SaveChanges();
        var staff = resident.VillageId == County.VillageB.Id ? Catalogue.DoctorB : Catalogue.DoctorA;
        foreach (var (kind, sequence, on) in done)
            plan.RecordDone(plan.Item(kind, sequence).Id, on, staff.Id, Today);
        db.SaveChanges();
        return plan.Id;
    }

    private void Visit(string name, StaffMember staff, DateTime startedAt, VisitKind kind, ServiceKind service)
    {
        using var db = Database.Context(UserScope.System);
        var resident = db.Residents.Single(r => r.Id == Residents[name].Id);
        var member = db.Staff.Single(s => s.Id == staff.Id);
        var visit = VisitLog.Record(resident, member, new VisitDetails(startedAt, startedAt.AddMinutes(20), VisitPlace.Home, kind, service),
            Today.ToDateTime(new TimeOnly(9, 0)));
        db.Visits.Add(visit);
        db.SaveChanges();
    }
}
