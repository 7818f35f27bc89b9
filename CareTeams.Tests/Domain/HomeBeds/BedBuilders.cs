using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.Visits;
using CareTeams.Tests.Domain.Contracts;

namespace CareTeams.Tests.Domain.HomeBeds;

/// <summary>
/// Opens a valid home bed: a 75-year-old resident (born 1950-03-01) of the test county's village and team, the team's
/// GP and nurse, opened on <see cref="OpenedOn"/> (2025-06-01, a Sunday) with today <see cref="Today"/>
/// (2025-06-15), a signed contract, one diagnosis (高血压 I10) and one order (换药 每周2次 from the opening day, unless orders are named).
/// Each step replaces only what it names; <see cref="Open"/> gives the bed and its orders ids.
/// </summary>
internal sealed class BedBuilder
{
    public static readonly DateOnly OpenedOn = new(2025, 6, 1);
    public static readonly DateOnly Today = TestDates.Today;

    private static int nextBedId = 500_000;
    private static int nextOrderId = 600_000;

    private DateOnly openedOn = OpenedOn;
    private BedCondition condition = BedCondition.ChronicDisease;
    private List<DiagnosisInput> diagnoses = [new("原发性高血压", "I10")];
    private List<BedOrderSpec>? orders;
    private BedConsent? consent;
    private bool hasContract = true;
    private List<HomeBed> residentBeds = [];

    public BedBuilder(TestCounty? county = null)
    {
        County = county ?? new TestCounty();
        Doctor = TestStaff.In(County.Team, County.Centre, TeamRole.GeneralPractitioner, "王医生");
        Nurse = TestStaff.In(County.Team, County.Centre, TeamRole.Nurse, "李护士");
        Resident = County.NewResident().WithName("赵大爷").WithBirthDate(1950, 3, 1).Build();
    }

    public TestCounty County { get; }
    public StaffMember Doctor { get; private set; }
    public StaffMember Nurse { get; private set; }
    public Resident Resident { get; private set; }
    public HomeBedSettings Settings { get; private set; } = HomeBedSettings.Default;

    public BedOrderSpec Order(string item, OrderFrequency frequency, DateOnly? starts = null, DateOnly? until = null,
        BedOrderKind kind = BedOrderKind.Nursing) =>
        new(kind, item, frequency, starts ?? openedOn, until, "按需");

    public BedBuilder For(Resident value) { Resident = value; return this; }
    public BedBuilder For(Func<ResidentBuilder, ResidentBuilder> resident) => For(resident(County.NewResident()).Build());
    public BedBuilder OpenedOnDay(DateOnly value) { openedOn = value; return this; }
    public BedBuilder WithCondition(BedCondition value) { condition = value; return this; }
    public BedBuilder WithDiagnoses(params DiagnosisInput[] value) { diagnoses = [.. value]; return this; }
    public BedBuilder WithOrders(params BedOrderSpec[] value) { orders = [.. value]; return this; }
    public BedBuilder WithConsent(BedConsent value) { consent = value; return this; }
    public BedBuilder WithoutContract() { hasContract = false; return this; }
    public BedBuilder WithSettings(HomeBedSettings value) { Settings = value; return this; }
    public BedBuilder WithDoctor(StaffMember value) { Doctor = value; return this; }
    public BedBuilder WithNurse(StaffMember value) { Nurse = value; return this; }
    public BedBuilder WithEarlierBeds(params HomeBed[] value) { residentBeds = [.. value]; return this; }

    public BedOpening Opening() => new(
        new BedApplication(HomeBedKind.Treatment, condition, "高血压多年，卧床，需长期用药及换药", "行动不便，需连续治疗", "同意建床", openedOn.AddDays(-2)),
        openedOn,
        new AdmissionAssessment("神志清，血压偏高，骶尾部压疮 2 期", null, null),
        diagnoses,
        consent ?? new BedConsent("赵大爷之子", "儿子", openedOn),
        orders ?? [Order("换药", OrderFrequency.TimesPerWeek(2))]);

    public HomeBed Open(DateOnly? today = null)
    {
        var bed = HomeBed.Open(Resident, residentBeds, Doctor, Nurse, Opening(), hasContract, Doctor.Id, Settings, today ?? Today)
            .WithId(Interlocked.Increment(ref nextBedId));
        foreach (var order in bed.Orders)
            order.WithId(Interlocked.Increment(ref nextOrderId));
        return bed;
    }

    /// <summary>An order added later gets its id as persistence would give it.</summary>
    public static BedOrder Added(BedOrder order) => order.WithId(Interlocked.Increment(ref nextOrderId));

    public static BedClosingInput Closing(DateOnly closedOn, BedOutcome outcome = BedOutcome.Improved, string? note = null) =>
        new(closedOn, outcome, "血压平稳，压疮愈合", "建床期间规律换药、调整降压药，病情好转。", [new("原发性高血压", "i10"), new("压疮", "L89.1")], note);
}

/// <summary>Visits as the schedule sees them.</summary>
internal static class BedVisits
{
    public static BedVisit Round(DateOnly on) => new(on, VisitKind.BedRound, null);

    public static BedVisit For(BedOrder order, DateOnly on) => new(on, VisitKind.NursingVisit, order.Id);
}
