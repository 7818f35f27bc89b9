using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Tests.Security;

/// <summary>
/// What one team holds that no other team may reach: a resident (name, ID number, phone) heading a
/// household, with a signed contract — one of each kind of record a URL, a download or a circuit event
/// can name. Later features add their record here (a home bed, a visit, a 2111 plan) and a row to
/// <see cref="ForeignRecordPages"/> / <see cref="DownloadEndpointRows"/>.
/// </summary>
public sealed record TeamRecords(int TeamId, int CentreId, int ResidentId, int HouseholdId, int ContractId, int DoctorId,
    string Name, string IdNumber, string Phone, string HouseholdAddress, int PlanItemId, string CentreCode)
{
    /// <summary>Text that must never reach another team's user: in a page, a download, a circuit's render.</summary>
    public IReadOnlyList<string> Secrets => [Name, IdNumber, ResidentIdNumber.Mask(IdNumber), Phone, HouseholdAddress];

    /// <summary>
    /// Creates the records in the village's team through the domain, saved as the system.
    /// <paramref name="sequence"/> keeps ID numbers apart (1–400).
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
        db.SaveChanges();
        return new TeamRecords(team.Id, centre.Id, resident.Id, household.Id, contract.Id, doctor.Id,
            resident.Name, resident.IdNumber, phone, household.Address, plan.Item(PlanItemKind.PhysicalExam).Id, centre.Code);
    }
}
