using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data.Seeding;

/// <summary>
/// The demo centre's service packages (a basic package and four personalised ones) and its contracts:
/// about 70 % of active residents signed, some expiring within 30 days, some terminated, some renewed,
/// with services delivered in proportion to the time elapsed, so every list and figure has something
/// to show. Each contract is drafted and signed as of its own signing day, through the domain.
/// </summary>
internal static class DemoContracts
{
    public static async Task<(int Packages, int Contracts)> SeedAsync(CareTeamsDbContext db, Centre centre, Random random, DateOnly today,
        CancellationToken cancellationToken)
    {
        static PackageItemSpec Item(ServiceKind kind, int times, decimal price) => new(kind, kind.ChineseName(), times, Money.Of(price));
        var basic = new ServicePackage(centre, "JC", "基础服务包", PackageKind.Basic, KeyPopulation.None, "国家基本公共卫生服务，免费。",
            [Item(ServiceKind.HealthRecord, 1, 0), Item(ServiceKind.HealthGuidance, 4, 0), Item(ServiceKind.Consultation, 12, 0), Item(ServiceKind.ReferralBooking, 2, 0)],
            Money.Zero);
        var elder = new ServicePackage(centre, "LN", "老年人健康包", PackageKind.KeyPopulation, KeyPopulation.Elderly65, "65岁及以上老年人“2111”健康管理。",
            [Item(ServiceKind.PhysicalExam, 1, 120), Item(ServiceKind.TcmConstitution, 1, 30), Item(ServiceKind.IntegratedCare, 2, 45),
             Item(ServiceKind.AbilityAssessment, 1, 40), Item(ServiceKind.HomeVisit, 2, 30)],
            Money.Of(200));
        var chronic = new ServicePackage(centre, "MB", "慢病管理包", PackageKind.KeyPopulation, KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes,
            "高血压、2型糖尿病患者规范管理。",
            [Item(ServiceKind.HypertensionFollowUp, 4, 10), Item(ServiceKind.DiabetesFollowUp, 4, 10), Item(ServiceKind.LabTest, 2, 25),
             Item(ServiceKind.MedicationGuidance, 4, 5)],
            Money.Of(80));
        var rehab = new ServicePackage(centre, "KF", "康复护理包", PackageKind.Custom, KeyPopulation.None, "出院后康复、失能老人上门护理。",
            [Item(ServiceKind.NursingVisit, 6, 60), Item(ServiceKind.Rehabilitation, 6, 50)],
            Money.Of(300));
        var tcm = new ServicePackage(centre, "ZY", "中医药服务包", PackageKind.Custom, KeyPopulation.None, "中医体质辨识、中医调养指导。",
            [Item(ServiceKind.TcmConstitution, 1, 30), Item(ServiceKind.HealthGuidance, 4, 20)],
            Money.Of(50));
        ServicePackage[] packages = [basic, elder, chronic, rehab, tcm];
        db.ServicePackages.AddRange(packages);
        await db.SaveChangesAsync(cancellationToken);

        var teams = await db.Teams.Where(t => t.CentreId == centre.Id).ToDictionaryAsync(t => t.Id, cancellationToken);
        var doctors = (await db.Staff.Where(s => s.CentreId == centre.Id && s.TeamId != null).ToListAsync(cancellationToken))
            .Where(s => s.TeamRole is { } role && role.IsDoctor())
            .GroupBy(s => s.TeamId!.Value).ToDictionary(g => g.Key, g => g.ToList());
        var residents = await db.Residents.Where(r => r.CentreId == centre.Id && r.Status == ResidentStatus.Active)
            .OrderBy(r => r.Id).ToListAsync(cancellationToken);
        // A child's guardian: the youngest adult of the household (a parent, usually), by name.
        var guardians = residents.Where(r => r.HouseholdId is not null && r.AgeOn(today) >= 20)
            .GroupBy(r => r.HouseholdId!.Value)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.DateOfBirth).First());

        // Decide each signed resident's history first, then number the contracts in signing order.
        var plans = new List<(Resident Resident, DateOnly Start, List<ServicePackage> Packages, string History)>();
        foreach (var resident in residents)
        {
            var signChance = resident.AgeOn(today) >= 65 || (resident.Tags & (KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes)) != 0 ? 0.85 : 0.65;
            if (resident.TeamId is null || random.NextDouble() >= signChance)
                continue;
            var roll = random.NextDouble();
            var (start, history) = roll switch
            {
                < 0.10 => (today.AddDays(-random.Next(335, 365)), "expiring"),       // ends within 30 days
                < 0.22 => (today.AddDays(-random.Next(380, 600)), "renewed"),        // first term ended, renewed
                < 0.25 => (today.AddDays(-random.Next(60, 330)), "terminated"),
                _ => (today.AddDays(-random.Next(0, 330)), "current"),
            };
            var chosen = new List<ServicePackage> { basic };
            if (elder.Suits(resident, start) && random.NextDouble() < 0.8)
                chosen.Add(elder);
            if (chronic.Suits(resident, start) && random.NextDouble() < 0.7)
                chosen.Add(chronic);
            if (random.NextDouble() < 0.08)
                chosen.Add(tcm);
            if (resident.AgeOn(start) >= 65 && random.NextDouble() < 0.05)
                chosen.Add(rehab);
            plans.Add((resident, start, chosen, history));
        }

        // First terms, numbered from 1 in signing order.
        var sequence = 0;
        var serviceId = 0;
        var firstTerms = new List<(Contract Contract, Resident Resident, Team Team, StaffMember Doctor, List<ServicePackage> Packages, string History)>();
        foreach (var (resident, start, chosen, history) in plans.OrderBy(p => p.Start))
        {
            var team = teams[resident.TeamId!.Value];
            var teamDoctors = doctors[team.Id];
            var doctor = teamDoctors[random.Next(teamDoctors.Count)];
            var signatory = resident.AgeOn(start) >= 18 ? Signatory.Resident
                : resident.HouseholdId is { } household && guardians.TryGetValue(household, out var guardian)
                    ? new Signatory(guardian.Name, guardian.AgeOn(today) - resident.AgeOn(today) >= 40 ? "祖父母" : "父母", guardian.Phone)
                    : new Signatory(resident.Name[..1] + "家长", "父母", null);
            var contract = Contract.Draft(centre, ++sequence, resident, team, doctor, ContractTerm.OneYearFrom(start), chosen, signatory, start);
            contract.Sign(start, doctor, start);
            Deliver(contract, start, history == "renewed" ? contract.Term.End : today, random, ref serviceId);
            if (history == "terminated")
            {
                var reason = (TerminationReason)new[] { 1, 3, 4, 5, 5 }[random.Next(5)];
                var on = start.AddDays(random.Next(30, Math.Max(31, today.DayNumber - start.DayNumber)));
                contract.Terminate(reason, null, on > today ? today : on, today);
            }
            firstTerms.Add((contract, resident, team, doctor, chosen, history));
        }
        foreach (var batch in firstTerms.Select(f => f.Contract).Chunk(500))
        {
            db.Contracts.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Renewals of the first terms that ended: the old contract leaves "signed" before the new one is added.
        var renewals = new List<Contract>();
        foreach (var (contract, resident, team, doctor, chosen, _) in firstTerms.Where(f => f.History == "renewed").OrderBy(f => f.Contract.Term.End))
        {
            var renewedOn = contract.Term.End.AddDays(-random.Next(1, 25));
            var nextPackages = chosen.Where(p => p.Suits(resident, contract.Term.End.AddDays(1))).ToList();
            var next = contract.Renew(++sequence, centre, resident, team, doctor, nextPackages, doctor, renewedOn, renewedOn);
            Deliver(next, next.Term.Start, today, random, ref serviceId);
            renewals.Add(next);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.Contracts.AddRange(renewals);
        await db.SaveChangesAsync(cancellationToken);
        return (packages.Length, firstTerms.Count + renewals.Count);
    }

    /// <summary>Services delivered from the start to <paramref name="until"/>, about in step with the time elapsed, some behind.</summary>
    private static void Deliver(Contract contract, DateOnly from, DateOnly until, Random random, ref int serviceId)
    {
        var days = Math.Max(until.DayNumber - from.DayNumber, 0);
        var share = Math.Min(days / 365.0, 1.0) * (0.6 + (random.NextDouble() * 0.45));
        foreach (var item in contract.Items.ToList())
        {
            var due = (int)Math.Round(item.Planned * share);
            for (var i = 0; i < due; i++)
            {
                var on = from.AddDays(random.Next(0, Math.Max(days, 1)));
                contract.RecordService(item.ServiceKind, on, "Demo", ++serviceId, contract.ResponsibleDoctorId);
            }
        }
    }
}
