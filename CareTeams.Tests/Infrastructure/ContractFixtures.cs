using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Security;
using CareTeams.Web.Services;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// What contract tests need on top of <see cref="SmallCounty"/>: a doctor and a nurse in each team of
/// the centre, and a catalogue of a free basic package, a 65+ elder package and a hypertension package.
/// Prices are chosen so that the fee arithmetic has fen in it.
/// </summary>
public sealed class ContractCatalogue
{
    public required SmallCounty County { get; init; }
    public required StaffMember DoctorA { get; init; }
    public required StaffMember NurseA { get; init; }
    public required StaffMember DoctorB { get; init; }
    public required StaffMember NurseB { get; init; }
    public required ServicePackage Basic { get; init; }
    public required ServicePackage Elder { get; init; }
    public required ServicePackage Hypertension { get; init; }

    /// <summary>Basic: 建立健康档案 1× + 健康指导 4×, all free (planned 5).</summary>
    public static readonly Money BasicPrice = Money.Zero;

    /// <summary>Elder: 健康体检 1 × 120.00 + 中医体质辨识 1 × 30.50 + 医养结合服务 2 × 45.25 = 241.00; subsidy 100.00; own 141.00 (planned 4).</summary>
    public static readonly Money ElderPrice = Money.Of(241.00m);
    public static readonly Money ElderSubsidy = Money.Of(100.00m);

    /// <summary>Hypertension: 高血压随访 4 × 12.35 + 检验检查 2 × 18.83 = 87.06; subsidy 60.00; own 27.06 (planned 6).</summary>
    public static readonly Money HypertensionPrice = Money.Of(87.06m);
    public static readonly Money HypertensionSubsidy = Money.Of(60.00m);

    public UserScope DoctorOfTeamA => ScopeOf(DoctorA, "doctor-a");
    public UserScope NurseOfTeamA => ScopeOf(NurseA, "nurse-a");
    public UserScope DoctorOfTeamB => ScopeOf(DoctorB, "doctor-b");
    public UserScope NurseOfTeamB => ScopeOf(NurseB, "nurse-b");

    /// <summary>A team user who is this staff member (signs as them).</summary>
    public UserScope ScopeOf(StaffMember staff, string userName) =>
        new(ScopeLevel.Team, County.County.Id, County.Centre.Id, staff.TeamId!.Value, userName, "u-" + userName) { StaffMemberId = staff.Id };

    /// <summary>What the wizard would send: signed today, starting today, the doctor responsible.</summary>
    public SignContractInput Input(Resident resident, StaffMember doctor, DateOnly today, params ServicePackage[] packages) => new()
    {
        ResidentId = resident.Id,
        TeamId = doctor.TeamId!.Value,
        ResponsibleDoctorId = doctor.Id,
        PackageIds = packages.Select(p => p.Id).ToList(),
        Start = today,
        SignedOn = today,
    };
}

public static class ContractFixtures
{
    /// <summary>Adds staff to the teams and the three packages to the county's centre, saved as the system.</summary>
    public static ContractCatalogue AddContractCatalogue(this SmallCounty county, TestDatabase database)
    {
        var doctorA = AddStaff(database, county.Centre, county.TeamA, "王医生", TeamRole.TeamLeader);
        var nurseA = AddStaff(database, county.Centre, county.TeamA, "赵护士", TeamRole.Nurse);
        var doctorB = AddStaff(database, county.Centre, county.TeamB, "钱医生", TeamRole.GeneralPractitioner);
        var nurseB = AddStaff(database, county.Centre, county.TeamB, "孙护士", TeamRole.Nurse);
        var basic = AddPackage(database, county.Centre, "JC-01", "基础包", PackageKind.Basic, KeyPopulation.None, Money.Zero,
            new(ServiceKind.HealthRecord, "建立健康档案", 1, Money.Zero),
            new(ServiceKind.HealthGuidance, "健康指导", 4, Money.Zero));
        var elder = AddPackage(database, county.Centre, "LNR-01", "老年人健康包", PackageKind.KeyPopulation, KeyPopulation.Elderly65,
            ContractCatalogue.ElderSubsidy,
            new(ServiceKind.PhysicalExam, "健康体检", 1, Money.Of(120.00m)),
            new(ServiceKind.TcmConstitution, "中医体质辨识", 1, Money.Of(30.50m)),
            new(ServiceKind.IntegratedCare, "医养结合服务", 2, Money.Of(45.25m)));
        var hypertension = AddPackage(database, county.Centre, "GXY-01", "高血压管理包", PackageKind.KeyPopulation, KeyPopulation.Hypertension,
            ContractCatalogue.HypertensionSubsidy,
            new(ServiceKind.HypertensionFollowUp, "高血压随访", 4, Money.Of(12.35m)),
            new(ServiceKind.LabTest, "血压血脂检验", 2, Money.Of(18.83m)));
        return new ContractCatalogue
        {
            County = county, DoctorA = doctorA, NurseA = nurseA, DoctorB = doctorB, NurseB = nurseB,
            Basic = basic, Elder = elder, Hypertension = hypertension,
        };
    }

    public static StaffMember AddStaff(TestDatabase database, Centre centre, Team team, string name, TeamRole role)
    {
        using var db = database.Context(UserScope.System);
        var staff = new StaffMember(db.Centres.Single(c => c.Id == centre.Id), name, "13900139000");
        staff.JoinTeam(db.Teams.Single(t => t.Id == team.Id), role);
        db.Staff.Add(staff);
        db.SaveChanges();
        return staff;
    }

    public static ServicePackage AddPackage(TestDatabase database, Centre centre, string code, string name, PackageKind kind,
        KeyPopulation target, Money subsidy, params PackageItemSpec[] items)
    {
        using var db = database.Context(UserScope.System);
        var package = new ServicePackage(db.Centres.Single(c => c.Id == centre.Id), code, name, kind, target, null, items, subsidy);
        db.ServicePackages.Add(package);
        db.SaveChanges();
        return package;
    }
}
