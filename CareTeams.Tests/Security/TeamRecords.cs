using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Assessments;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Referrals;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Security;

/// <summary>
/// What one team holds that no other team may reach: a resident (name, ID number, phone) heading a
/// household, with a signed contract, this year's 2111 plan, an open home bed and a logged visit — one of
/// each kind of record a URL, a download or a circuit event can name. A later feature adds its record here
/// and a row to <see cref="ForeignRecordPages"/> / <see cref="DownloadEndpointRows"/>.
/// </summary>
public sealed record TeamRecords(int TeamId, int CentreId, int ResidentId, int HouseholdId, int ContractId, int DoctorId,
    string Name, string IdNumber, string Phone, string HouseholdAddress, int PlanItemId, string CentreCode)
{
    /// <summary>The team's nurse (the bed's responsible nurse).</summary>
    public int NurseId { get; init; }

    /// <summary>The resident's open home bed (opened today, with one nursing order).</summary>
    public int HomeBedId { get; init; }

    /// <summary>The bed's nursing order.</summary>
    public int BedOrderId { get; init; }

    /// <summary>A home visit the team's doctor logged yesterday (its notes name the resident).</summary>
    public int VisitId { get; init; }

    /// <summary>An up-referral of the resident from the centre's township institution to the county's leading hospital, sent today.</summary>
    public int ReferralId { get; init; }

    /// <summary>Text that must never reach another team's user: in a page, a download, a circuit's render.</summary>
    public IReadOnlyList<string> Secrets => [Name, IdNumber, ResidentIdNumber.Mask(IdNumber), Phone, HouseholdAddress];

    /// <summary>
    /// Creates the records in the village's team through the domain, saved as the system.
    /// <paramref name="sequence"/> keeps ID numbers apart (1–400). With an up-referral from the team's township to the county
    /// hospital (the county's alliance institutions, made here when the county has none).
    /// </summary>
    public static TeamRecords Create(Func<CareTeamsDbContext> systemContext, int villageId, string name, string phone, int sequence, DateOnly today)
    {
        using var db = systemContext();
        var village = db.Villages.Single(v => v.Id == villageId);
        var team = db.Teams.Single(t => t.Id == village.ResponsibleTeamId);
        var centre = db.Centres.Single(c => c.Id == village.CentreId);

        var doctor = new StaffMember(centre, team.Name + "医生", "13700137000");
        doctor.JoinTeam(team, TeamRole.GeneralPractitioner);
        db.Staff.Add(doctor);
        var nurse = new StaffMember(centre, team.Name + "护士", "13700137001");
        nurse.JoinTeam(team, TeamRole.Nurse);
        db.Staff.Add(nurse);
        var code = "SEC-" + team.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var package = db.ServicePackages.FirstOrDefault(p => p.CentreId == centre.Id && p.Code == code)
            ?? new ServicePackage(centre, code, "基础包", PackageKind.Basic, KeyPopulation.None, null,
                [new PackageItemSpec(ServiceKind.HealthRecord, "建立健康档案", 1, Money.Zero)], Money.Zero);
        if (package.Id == 0)
            db.ServicePackages.Add(package);
        var household = new Household(village, village.Name + name + "宅" + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) + "号");
        db.Households.Add(household);
        db.SaveChanges();

        var born = new DateOnly(1950, 1, 1).AddDays(sequence * 37);
        var (details, errors) = ResidentDetails.Validate(new ResidentInput
        {
            Name = name,
            IdNumber = ResidentIdNumber.Compose("330122", born, 500 + sequence).Value,
            Phone = phone,
            Address = household.Address,
        }, today);
        if (details is null)
            throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
        var resident = Resident.Register(village, details);
        resident.JoinHousehold(household);
        db.Residents.Add(resident);
        db.SaveChanges();
        household.MakeHead(resident);

        var next = (db.Contracts.IgnoreAutoIncludes().Where(c => c.CentreId == centre.Id).Max(c => (int?)c.Sequence) ?? 0) + 1;
        var contract = Contract.Draft(centre, next, resident, team, doctor, ContractTerm.OneYearFrom(today), [package], Signatory.Resident, today);
        contract.Sign(today, doctor, today);
        resident.AssignTeam(team);
        db.Contracts.Add(contract);
        db.SaveChanges();
        // The resident is over 65: this year's 2111 plan, planned from January.
        var plan = ElderPlan2111.Create(resident, today.Year, new DateOnly(today.Year, 1, 1), new VisitMonths(1, 7));
        db.ElderPlans.Add(plan);
        // Over 60 with a signed contract: eligible for a home bed, opened today.
        var bed = OpenBed(resident, doctor, nurse, today);
        db.HomeBeds.Add(bed);
        var visit = RecordVisit(resident, doctor, today);
        db.Visits.Add(visit);
        var referral = Referral.Request(resident, Institution(db, centre.CountyId, AllianceInstitutionKind.TownshipCentre, centre),
            Institution(db, centre.CountyId, AllianceInstitutionKind.LeadingHospital, null), ReferralAlliance.UpForm(),
            new ReferralActor(doctor.Id, doctor.Name), ChinaTime.StartOf(today));
        db.Referrals.Add(referral);
        db.SaveChanges();
        return new TeamRecords(team.Id, centre.Id, resident.Id, household.Id, contract.Id, doctor.Id,
            resident.Name, resident.IdNumber, phone, household.Address, plan.Item(PlanItemKind.PhysicalExam).Id, centre.Code)
        {
            NurseId = nurse.Id, HomeBedId = bed.Id, BedOrderId = bed.Orders.Single().Id, VisitId = visit.Id, ReferralId = referral.Id,
        };
    }

    /// <summary>A second hospital-kind institution of the county (made after the teams' records, which go to the first): party to none of their referrals.</summary>
    public static AllianceInstitution SecondHospital(Func<CareTeamsDbContext> systemContext, int countyId)
    {
        using var db = systemContext();
        var made = new AllianceInstitution(countyId, "测试县中医院", AllianceInstitutionKind.LeadingHospital);
        db.AllianceInstitutions.Add(made);
        db.SaveChanges();
        return made;
    }

    /// <summary>The county's institution of the kind (the centre's own township institution), made the first time.</summary>
    private static AllianceInstitution Institution(CareTeamsDbContext db, int countyId, AllianceInstitutionKind kind, Centre? centre)
    {
        var found = db.AllianceInstitutions.FirstOrDefault(a => a.CountyId == countyId && a.Kind == kind && a.CentreId == (centre == null ? null : centre.Id));
        if (found is not null)
            return found;
        var made = new AllianceInstitution(countyId, centre?.Name ?? "县人民医院", kind, centre?.Id);
        db.AllianceInstitutions.Add(made);
        db.SaveChanges();
        return made;
    }

    /// <summary>A valid opening (建床) today through the domain, for an eligible resident (60+, signed contract, active), with one nursing order.</summary>
    public static HomeBed OpenBed(Resident resident, StaffMember doctor, StaffMember nurse, DateOnly today) =>
        HomeBed.Open(resident, [], doctor, nurse, Opening(today), hasSignedContract: true, doctor.Id, HomeBedSettings.Default, today);

    /// <summary>A complete, valid opening form (建床) dated <paramref name="today"/>.</summary>
    public static BedOpening Opening(DateOnly today) => new(
        new BedApplication(HomeBedKind.Treatment, BedCondition.ChronicDisease, "高血压病史多年，近期控制不佳。", "需连续治疗和监测。", null, today),
        today,
        new AdmissionAssessment("神志清，血压偏高。", null, null),
        [new DiagnosisInput("原发性高血压", "I10")],
        new BedConsent("家属", "儿子", today),
        [new BedOrderSpec(BedOrderKind.Nursing, "血压监测", OrderFrequency.EveryNDays(3), today, null, "早晚各测一次")]);

    /// <summary>A home visit by <paramref name="staff"/> yesterday morning, its notes naming the resident.</summary>
    public static VisitLog RecordVisit(Resident resident, StaffMember staff, DateOnly today)
    {
        var start = today.AddDays(-1).ToDateTime(new TimeOnly(9, 0));
        return VisitLog.Record(resident, staff,
            new VisitDetails(start, start.AddMinutes(30), VisitPlace.Home, VisitKind.Other, ServiceKind.HomeVisit,
                VitalSigns.Create(132, 84, 76), Notes: resident.Name + "血压平稳"),
            start.AddHours(1));
    }
}
