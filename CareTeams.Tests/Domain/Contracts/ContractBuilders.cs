using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Contracts;

/// <summary>Short date and money literals for the contract tests.</summary>
internal static class Literals
{
    public static DateOnly D(int year, int month, int day) => new(year, month, day);

    public static Money Yuan(decimal amount) => Money.Of(amount);
}

/// <summary>Asserts that an action breaks the domain rule with the given code.</summary>
internal static class Refused
{
    public static DomainException By(string code, Action action)
    {
        var ex = Assert.Throws<DomainException>(action);
        Assert.Equal(code, ex.Code);
        return ex;
    }

    public static DomainException By(string code, Func<object?> function)
    {
        var ex = Assert.Throws<DomainException>(function);
        Assert.Equal(code, ex.Code);
        return ex;
    }
}

/// <summary>Staff of a centre with an id, in a team with a role.</summary>
internal static class TestStaff
{
    private static int nextStaffId = 800_000;

    public static StaffMember Member(Centre centre, string name = "王医生") =>
        new StaffMember(centre, name).WithId(Interlocked.Increment(ref nextStaffId));

    public static StaffMember In(Team team, Centre centre, TeamRole role, string name = "王医生")
    {
        var staff = Member(centre, name);
        staff.JoinTeam(team, role);
        return staff;
    }
}

/// <summary>
/// Builds service packages with ids. <see cref="Basic"/> is a free 基础包, <see cref="Paid"/> a 定制包 anyone may take
/// (2 × ¥30.00 中医体质辨识 + 4 × ¥50.00 上门访视 = ¥260.00, of which ¥100.00 subsidised), <see cref="ForKeyPopulation"/>
/// a 个性包 for one key population (4 × ¥30.00 随访 = ¥120.00). Each step replaces only what it names.
/// </summary>
internal sealed class PackageBuilder
{
    private static int nextPackageId = 700_000;

    private readonly Centre centre;
    private readonly PackageKind kind;
    private readonly List<PackageItemSpec> items = [];
    private string code;
    private string name;
    private KeyPopulation target = KeyPopulation.None;
    private Money subsidy = Money.Zero;
    private bool inactive;

    private PackageBuilder(Centre centre, PackageKind kind, string code, string name)
    {
        this.centre = centre;
        this.kind = kind;
        this.code = code;
        this.name = name;
    }

    public static PackageBuilder Basic(Centre centre) =>
        new PackageBuilder(centre, PackageKind.Basic, "JC", "基础公共卫生服务包")
            .WithItem(ServiceKind.HealthRecord, "建立健康档案", 1, 0m)
            .WithItem(ServiceKind.PhysicalExam, "健康体检", 1, 0m)
            .WithItem(ServiceKind.HealthGuidance, "健康指导", 4, 0m);

    public static PackageBuilder Paid(Centre centre) =>
        new PackageBuilder(centre, PackageKind.Custom, "ZY", "中医药上门服务包")
            .WithItem(ServiceKind.TcmConstitution, "中医体质辨识", 2, 30.00m)
            .WithItem(ServiceKind.HomeVisit, "上门访视", 4, 50.00m)
            .WithSubsidy(100.00m);

    /// <summary>A 定制包 with no items yet: the test names them.</summary>
    public static PackageBuilder Custom(Centre centre, string code) => new(centre, PackageKind.Custom, code, $"定制包{code}");

    public static PackageBuilder ForKeyPopulation(Centre centre, KeyPopulation target) =>
        new PackageBuilder(centre, PackageKind.KeyPopulation, "GXB", "慢病管理包") { target = target }
            .WithItem(ServiceKind.HypertensionFollowUp, "慢病随访", 4, 30.00m);

    public PackageBuilder WithCode(string value) { code = value; return this; }
    public PackageBuilder Named(string value) { name = value; return this; }
    public PackageBuilder Targeting(KeyPopulation value) { target = value; return this; }
    public PackageBuilder WithSubsidy(decimal yuan) { subsidy = Money.Of(yuan); return this; }
    public PackageBuilder Inactive() { inactive = true; return this; }
    public PackageBuilder WithoutItems() { items.Clear(); return this; }

    public PackageBuilder WithItem(ServiceKind serviceKind, string itemName, int timesPerYear, decimal unitPrice)
    {
        items.Add(new PackageItemSpec(serviceKind, itemName, timesPerYear, Money.Of(unitPrice)));
        return this;
    }

    public ServicePackage Build()
    {
        var package = new ServicePackage(centre, code, name, kind, target, null, items, subsidy)
            .WithId(Interlocked.Increment(ref nextPackageId));
        if (inactive)
            package.Deactivate();
        return package;
    }
}

/// <summary>
/// A signed one-year contract from <see cref="TestDates.Today"/> between an adult resident of the test county's
/// village and its team, with a responsible GP, the free <see cref="BasicPackage"/> and the paid
/// <see cref="PaidPackage"/> (term 2025-06-15 … 2026-06-14, price ¥260.00, subsidy ¥100.00, own payment ¥160.00).
/// By default it is drafted and signed on its start day, so any start date is allowed. Each step says only what
/// matters to the test; the parts are public so a test can renew or break one of them.
/// </summary>
internal sealed class ContractBuilder
{
    private static int nextContractId = 900_000;

    private IReadOnlyList<ServicePackage> packages;
    private Team team;
    private StaffMember doctor;
    private DateOnly start = TestDates.Today;
    private DateOnly? draftedOn;
    private Signatory signatory = Signatory.Resident;
    private int sequence = 1;

    public ContractBuilder(TestCounty? county = null)
    {
        County = county ?? new TestCounty();
        team = County.Team;
        Doctor = doctor = TestStaff.In(County.Team, County.Centre, TeamRole.GeneralPractitioner, "王医生");
        Nurse = TestStaff.In(County.Team, County.Centre, TeamRole.Nurse, "李护士");
        BasicPackage = PackageBuilder.Basic(County.Centre).Build();
        PaidPackage = PackageBuilder.Paid(County.Centre).Build();
        packages = [BasicPackage, PaidPackage];
        Resident = County.NewResident().WithName("张三").WithBirthDate(1980, 5, 20).Build();
    }

    public TestCounty County { get; }
    public Centre Centre => County.Centre;
    public Team Team => County.Team;

    /// <summary>The team's GP, the default responsible doctor and signer.</summary>
    public StaffMember Doctor { get; }
    public StaffMember Nurse { get; }
    public ServicePackage BasicPackage { get; }
    public ServicePackage PaidPackage { get; }
    public Resident Resident { get; private set; }
    public IReadOnlyList<ServicePackage> Packages => packages;

    public ContractBuilder For(Resident value) { Resident = value; return this; }
    public ContractBuilder For(Func<ResidentBuilder, ResidentBuilder> resident) => For(resident(County.NewResident()).Build());
    public ContractBuilder WithPackages(params ServicePackage[] value) { packages = value; return this; }

    /// <summary>The basic package plus the given paid ones.</summary>
    public ContractBuilder WithPaidPackages(params ServicePackage[] value) => WithPackages([BasicPackage, .. value]);
    public ContractBuilder WithTeam(Team value) { team = value; return this; }
    public ContractBuilder WithDoctor(StaffMember value) { doctor = value; return this; }
    public ContractBuilder StartingOn(DateOnly value) { start = value; return this; }
    public ContractBuilder StartingOn(int year, int month, int day) => StartingOn(new DateOnly(year, month, day));
    public ContractBuilder DraftedOn(DateOnly value) { draftedOn = value; return this; }
    public ContractBuilder SignedBy(Signatory value) { signatory = value; return this; }
    public ContractBuilder SignedByGuardian(string name = "张父", string? relation = "父亲") =>
        SignedBy(new Signatory(name, relation, "13900139000"));
    public ContractBuilder WithSequence(int value) { sequence = value; return this; }

    /// <summary>The day the draft is made and signed: the start day unless set.</summary>
    public DateOnly DraftDay => draftedOn ?? start;

    public Contract Draft() =>
        Contract.Draft(Centre, sequence, Resident, team, doctor, ContractTerm.OneYearFrom(start), packages, signatory, DraftDay)
            .WithId(Interlocked.Increment(ref nextContractId));

    /// <summary>Drafted and signed by the doctor on the draft day.</summary>
    public Contract Build()
    {
        var contract = Draft();
        contract.Sign(DraftDay, Doctor, DraftDay);
        return contract;
    }

    /// <summary>Renews with the doctor signing today, at the given catalogue (by default the contract's packages as they are now).</summary>
    public Contract Renew(Contract contract, DateOnly today, IReadOnlyList<ServicePackage>? currentPackages = null) =>
        contract.Renew(++sequence, Centre, Resident, team, doctor, currentPackages ?? packages, Doctor, today, today)
            .WithId(Interlocked.Increment(ref nextContractId));
}
