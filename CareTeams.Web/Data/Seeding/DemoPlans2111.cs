using CareTeams.Domain.Assessments;
using CareTeams.Domain.Assessments.Tcm;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data.Seeding;

/// <summary>
/// The demo county's "2111" year: plans generated as if on 1 January of the clock's year (so the months spread
/// over the year), then, for the items whose month has come, a realistic share done with their visit record
/// (the real forms, scored by the domain), a few declined, the rest left due or overdue. Done items count
/// against the resident's contract; an ability assessment sets the resident's 失能 tag.
/// </summary>
internal static class DemoPlans2111
{
    private const double DoneShare = 0.82;
    private const double DeclinedShare = 0.03;

    private static readonly string[] DeclineReasons =
        ["本人不愿意", "已在县医院体检", "外出探亲，近期不在家", "家属认为没有必要", "身体不适，改日再约"];

    private static readonly string[] IntegratedCareServices =
    [
        "测量血压、血糖，用药指导，跌倒风险评估",
        "测量血压，康复训练指导，居家环境安全指导",
        "血糖监测，饮食指导，心理疏导",
        "测量血压，慢病用药核对，压疮预防指导",
    ];

    public static async Task<(int Plans, int Done, int Visits)> SeedAsync(CareTeamsDbContext db, Random random, DateOnly today, DateTime now,
        CancellationToken cancellationToken)
    {
        var generated = await ElderPlanGeneration.GenerateAsync(db, today.Year, new DateOnly(today.Year, 1, 1),
            new Plan2111Options().VisitsPerStaffPerMonth, cancellationToken);

        var done = 0;
        var visits = 0;
        var teamIds = await db.Teams.Select(t => t.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        foreach (var teamId in teamIds)
        {
            var staff = await db.Staff.Where(s => s.TeamId == teamId && s.IsActive).ToListAsync(cancellationToken);
            if (staff.Count == 0)
                continue;
            StaffMember Member(TeamRole role) => staff.FirstOrDefault(s => s.TeamRole == role) ?? staff[0];
            var plans = await db.ElderPlans.Where(p => p.TeamId == teamId && p.Year == today.Year).OrderBy(p => p.Id).ToListAsync(cancellationToken);
            var residentIds = plans.Select(p => p.ResidentId).ToList();
            var residents = await db.Residents.Where(r => residentIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
            foreach (var plan in plans)
            {
                var resident = residents[plan.ResidentId];
                // The first visit: one trip for the four items of the first month, on one day.
                var first = plan.Item(PlanItemKind.IntegratedCare);
                if (VisitDay(random, first, today) is { } firstDay)
                {
                    foreach (var item in plan.Items.Where(i => i.Sequence == 1).OrderBy(i => i.Kind))
                    {
                        var staffMember = item.Kind switch
                        {
                            PlanItemKind.IntegratedCare => Member(TeamRole.Nurse),
                            PlanItemKind.AbilityAssessment => Member(TeamRole.PublicHealth),
                            _ => Member(TeamRole.GeneralPractitioner),
                        };
                        var roll = random.NextDouble();
                        if (roll < DeclinedShare && item.Kind != PlanItemKind.IntegratedCare)
                        {
                            plan.Decline(item.Id, DeclineReasons[random.Next(DeclineReasons.Length)], firstDay, staffMember.Id, today);
                        }
                        else if (roll < DoneShare || item.Kind == PlanItemKind.IntegratedCare)
                        {
                            db.Visits.Add(Visit(random, resident, staffMember, item, firstDay, now));
                            plan.RecordDone(item.Id, firstDay, staffMember.Id, today);
                            await ContractService.RecordServiceAsync(db, resident.Id, item.Kind.ServiceKind(), firstDay, "2111", item.Id, staffMember.Id,
                                cancellationToken);
                            done++;
                            visits++;
                        }
                    }
                }
                var second = plan.Item(PlanItemKind.IntegratedCare, 2);
                if (first.Status == PlanItemStatus.Done && VisitDay(random, second, today) is { } secondDay && random.NextDouble() < DoneShare)
                {
                    var nurse = Member(TeamRole.Nurse);
                    db.Visits.Add(Visit(random, resident, nurse, second, secondDay, now));
                    plan.RecordDone(second.Id, secondDay, nurse.Id, today);
                    await ContractService.RecordServiceAsync(db, resident.Id, ServiceKind.IntegratedCare, secondDay, "2111", second.Id, nurse.Id, cancellationToken);
                    done++;
                    visits++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return (generated.PlansCreated, done, visits);
    }

    /// <summary>A day in the item's window before today, or null when its window has not opened (or today is its first day).</summary>
    private static DateOnly? VisitDay(Random random, PlanItem item, DateOnly today)
    {
        if (!item.IsOpen)
            return null;
        var from = item.WindowStart;
        var to = item.Due < today ? item.Due : today.AddDays(-1);
        if (to < from)
            return null;
        // Items of the current month are done a bit less often: the month is not over.
        if (item.Due >= today && random.NextDouble() < 0.5)
            return null;
        return from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));
    }

    private static VisitLog Visit(Random random, Resident resident, StaffMember staff, PlanItem item, DateOnly day, DateTime now)
    {
        var started = day.ToDateTime(new TimeOnly(8 + random.Next(8), random.Next(4) * 15));
        var systolic = 118 + random.Next(50);
        var vitals = VitalSigns.Create(systolic, Math.Min(systolic - 30, 68 + random.Next(30)), 60 + random.Next(35),
            36.2m + (random.Next(9) / 10m), oxygenSaturation: 94 + random.Next(6), weightKg: 45 + random.Next(35));
        var form = item.Kind switch
        {
            PlanItemKind.PhysicalExam => VisitForm.Exam(Exam(random, resident, day, vitals)),
            PlanItemKind.TcmConstitution => Tcm(random),
            PlanItemKind.AbilityAssessment => Ability(random, resident, day),
            _ => VisitForm.IntegratedCare(IntegratedCareServices[random.Next(IntegratedCareServices.Length)]),
        };
        var place = item.Kind == PlanItemKind.PhysicalExam ? VisitPlace.Institution : VisitPlace.Home;
        var notes = item.Kind == PlanItemKind.IntegratedCare
            ? (vitals.Flags.Count > 0 ? $"{string.Join("、", vitals.FlagTexts)}，已嘱按时服药、一周后复测。" : "生命体征平稳，继续目前治疗和照护。")
            : form.Result;
        var details = new VisitDetails(started, started.AddMinutes(20 + random.Next(40)), place, VisitKind.Plan2111, item.Kind.ServiceKind(), vitals,
            notes, SignedBy: resident.Name, SignedRelation: "本人");
        return VisitLog.Record(resident, staff, details, now, planItemId: item.Id, form: form);
    }

    private static PhysicalExamRecord Exam(Random random, Resident resident, DateOnly day, VitalSigns vitals)
    {
        var height = 150 + random.Next(25);
        var selfCare = SelfCareAssessment.Score(Enum.GetValues<SelfCareItem>().ToDictionary(i => i,
            _ => random.NextDouble() < 0.85 ? SelfCareLevel.Independent : SelfCareLevel.MildlyDependent));
        var glucose = 4.6m + (random.Next(40) / 10m);
        var high = vitals.Systolic >= 140 || glucose >= 7.0m;
        return PhysicalExamRecord.Record(resident.Id, new PhysicalExamInput(
            day,
            new ExamGeneral(vitals.TemperatureC, vitals.Pulse, 16 + random.Next(5), vitals.Systolic, vitals.Diastolic,
                HeightCm: height, WeightKg: vitals.WeightKg, WaistCm: 70 + random.Next(30)),
            high ? ExamResult.Abnormal(vitals.Systolic >= 140 ? "血压偏高" : "空腹血糖偏高") : ExamResult.Normal,
            SelfAssessedHealth: random.NextDouble() < 0.7 ? SelfAssessedHealth.BasicallySatisfied : SelfAssessedHealth.Satisfied,
            SelfCare: selfCare,
            AuxiliaryTests: new Dictionary<AuxiliaryTest, ExamResult>
            {
                [AuxiliaryTest.BloodRoutine] = ExamResult.Normal,
                [AuxiliaryTest.UrineRoutine] = ExamResult.Normal,
                [AuxiliaryTest.Ecg] = ExamResult.Normal,
            },
            FastingGlucoseMmolPerL: glucose,
            Guidance: high ? ExamGuidance.ChronicDiseaseManagement | ExamGuidance.Recheck : ExamGuidance.None,
            GuidanceText: high ? "低盐低脂饮食，规律服药，一个月后复查。" : "保持健康生活方式。"), day);
    }

    private static VisitForm Tcm(Random random)
    {
        // Most answers 没有/很少, some 有时/经常: a balanced elder or one or two biased types.
        var answers = TcmAnswers.Create(Enumerable.Range(1, 33).Select(_ => random.NextDouble() switch
        {
            < 0.45 => 1,
            < 0.80 => 2,
            < 0.93 => 3,
            _ => 4,
        }).ToArray());
        return VisitForm.Tcm(answers, TcmScoring.Score(answers));
    }

    private static VisitForm Ability(Random random, Resident resident, DateOnly day)
    {
        // Most elders at full ability; some lose a point or two here and there, a few more.
        var impairment = random.NextDouble() switch { < 0.7 => 0.0, < 0.92 => 0.15, _ => 0.5 };
        var answers = AbilityScale.Items.ToDictionary(i => i.Code, i =>
        {
            if (random.NextDouble() >= impairment)
                return i.MaxPoints;
            var lower = i.Options.Select(o => o.Points).Where(p => p < i.MaxPoints).Distinct().OrderDescending().ToList();
            return lower.Count == 0 ? i.MaxPoints : lower[random.Next(Math.Min(2, lower.Count))];
        });
        var assessment = AbilityAssessment.Score(day, AbilityAssessmentReason.Routine, answers);
        assessment.ApplyTo(resident);
        return VisitForm.Ability(assessment);
    }
}
