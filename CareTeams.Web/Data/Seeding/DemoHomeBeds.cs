using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data.Seeding;

/// <summary>
/// The demo centre's home beds: in each team an open bed (a round overdue), an extended one and a closed one, each
/// opened through the domain as of its own opening day, with the rounds and nursing visits made so far (counted
/// toward the resident's contract), so the bed list, the bed page and the calendar have something to show.
/// </summary>
internal static class DemoHomeBeds
{
    private sealed record Shape(int OpenedDaysAgo, int? ExtendedDaysAgo, int? ClosedDaysAgo, BedCondition Condition, string Diagnosis, string Icd10,
        string Order, FrequencyUnit Unit, int Count);

    private static readonly Shape[] Shapes =
    [
        new(20, null, null, BedCondition.ChronicDisease, "慢性阻塞性肺疾病", "J44.9", "雾化吸入护理", FrequencyUnit.TimesPerWeek, 2),
        new(95, 10, null, BedCondition.Disability, "脑梗死后遗症", "I69.3", "压疮护理", FrequencyUnit.EveryNDays, 3),
        new(150, null, 60, BedCondition.RecoveryAfterDischarge, "股骨颈骨折术后", "S72.0", "康复训练指导", FrequencyUnit.TimesPerWeek, 3),
    ];

    public static async Task<int> SeedAsync(CareTeamsDbContext db, Centre centre, DateOnly today, DateTime now, CancellationToken cancellationToken)
    {
        var settings = HomeBedSettings.Default;
        var staff = await db.Staff.Where(s => s.CentreId == centre.Id && s.TeamId != null && s.IsActive).ToListAsync(cancellationToken);
        var contracts = await db.Contracts.Include(c => c.Fulfilments)
            .Where(c => c.CentreId == centre.Id && c.Status == ContractStatus.Signed && c.Term.Start <= today.AddDays(-150))
            .ToListAsync(cancellationToken);
        var byResident = contracts.GroupBy(c => c.ResidentId).ToDictionary(g => g.Key, g => g.First());
        var signedIds = byResident.Keys.ToList();
        var candidates = await db.Residents.Where(r => r.CentreId == centre.Id && r.Status == ResidentStatus.Active && signedIds.Contains(r.Id))
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var beds = new List<(HomeBed Bed, Resident Resident, StaffMember Doctor, StaffMember Nurse, Shape Shape)>();
        foreach (var team in staff.GroupBy(s => s.TeamId!.Value).OrderBy(g => g.Key))
        {
            var doctor = team.FirstOrDefault(s => s.TeamRole is { } role && role.IsDoctor());
            var nurse = team.FirstOrDefault(s => s.TeamRole == TeamRole.Nurse);
            if (doctor is null || nurse is null)
                continue;
            var residents = candidates.Where(r => r.TeamId == team.Key && r.AgeOn(today.AddDays(-150)) >= 70).Take(Shapes.Length).ToList();
            for (var i = 0; i < residents.Count; i++)
            {
                var shape = Shapes[i];
                var opened = today.AddDays(-shape.OpenedDaysAgo);
                var opening = new BedOpening(
                    new BedApplication(HomeBedKind.Treatment, shape.Condition, $"{shape.Diagnosis}，行动不便，需连续治疗和护理。",
                        "病情稳定，需定期查床和上门护理，不需住院。", "同意建床。", opened.AddDays(-1)),
                    opened,
                    new AdmissionAssessment("神志清，生命体征平稳，生活部分自理。", AbilityLevel.ModeratelyImpaired, VitalSigns.Create(138, 84, 76, 36.6m)),
                    [new DiagnosisInput(shape.Diagnosis, shape.Icd10), new DiagnosisInput("原发性高血压", "I10")],
                    new BedConsent("家属", "子女", opened),
                    [new BedOrderSpec(BedOrderKind.Nursing, shape.Order, OrderFrequency.Create(shape.Unit, shape.Count), opened)]);
                var bed = HomeBed.Open(residents[i], [], doctor, nurse, opening, hasSignedContract: true, doctor.Id, settings, opened);
                if (shape.ExtendedDaysAgo is { } extended)
                    bed.Extend(bed.LimitDays + settings.CycleLimitDays, "病情未愈，需继续家庭病床治疗。", doctor.Id, settings, today.AddDays(-extended));
                beds.Add((bed, residents[i], doctor, nurse, shape));
                db.HomeBeds.Add(bed);
            }
        }
        await db.SaveChangesAsync(cancellationToken);

        var visits = new List<(VisitLog Visit, Contract Contract, ServiceKind Kind)>();
        foreach (var (bed, resident, doctor, nurse, shape) in beds)
        {
            var until = shape.ClosedDaysAgo is { } closedAgo ? today.AddDays(-closedAgo) : today;
            var contract = byResident[resident.Id];
            // Rounds weekly from the opening; the open bed's latest round is left undone (overdue).
            var lastRound = shape.ClosedDaysAgo is null && shape.ExtendedDaysAgo is null ? until.AddDays(-settings.RoundIntervalDays - 2) : until;
            for (var day = bed.OpenedOn.AddDays(settings.RoundIntervalDays); day <= lastRound; day = day.AddDays(settings.RoundIntervalDays))
                visits.Add((Visit(resident, doctor, day, 9, VisitKind.BedRound, ServiceKind.HomeBedRound, "查床：病情平稳，继续当前治疗。", bed.Id, null, now),
                    contract, ServiceKind.HomeBedRound));
            var order = bed.Orders[0];
            for (var day = order.StartsOn; day < until; day = day.AddDays(order.Frequency.IntervalDays))
                visits.Add((Visit(resident, nurse, day, 15, VisitKind.NursingVisit, ServiceKind.NursingVisit, $"{order.ItemName}已完成。", bed.Id, order.Id, now),
                    contract, ServiceKind.NursingVisit));
            if (shape.ClosedDaysAgo is { } closed)
                bed.Close(new BedClosingInput(today.AddDays(-closed), BedOutcome.Improved, "可扶拐行走，生活基本自理。",
                    "经家庭病床康复治疗，功能明显改善，达到撤床标准，转入签约随访管理。", [new DiagnosisInput(shape.Diagnosis, shape.Icd10)]),
                    doctor.Id, today.AddDays(-closed));
        }
        db.Visits.AddRange(visits.Select(v => v.Visit));
        await db.SaveChangesAsync(cancellationToken);
        foreach (var (visit, contract, kind) in visits)
            contract.RecordService(kind, visit.VisitDate, "HomeBed", visit.Id, visit.StaffMemberId);
        await db.SaveChangesAsync(cancellationToken);
        return beds.Count;
    }

    private static VisitLog Visit(Resident resident, StaffMember staff, DateOnly day, int hour, VisitKind kind, ServiceKind service, string notes,
        int bedId, int? orderId, DateTime now)
    {
        var start = day.ToDateTime(new TimeOnly(hour, 0));
        var vitals = kind == VisitKind.BedRound ? VitalSigns.Create(130 + day.Day % 15, 80 + day.Day % 8, 70 + day.Day % 10, 36.5m) : null;
        return VisitLog.Record(resident, staff, new VisitDetails(start, start.AddMinutes(30), VisitPlace.Home, kind, service, vitals, notes), now,
            homeBedId: bedId, bedOrderId: orderId);
    }
}
