using CareTeams.Domain.Assessments;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Assessments;

public class PhysicalExamRecording
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static PhysicalExamInput Input(ExamGeneral? general = null, ExamResult? evaluation = null) =>
        new(Today, general ?? new ExamGeneral(36.5m, 72, 18, 128, 78, 130, 80, 165m, 65m, 85m), evaluation ?? ExamResult.Normal);

    [Theory]
    // 65 ÷ 1.65² = 65 ÷ 2.7225 = 23.875… → 23.9
    [InlineData(65, 165, 23.9)]
    // 50 ÷ 1.60² = 50 ÷ 2.56 = 19.53125 → 19.5
    [InlineData(50, 160, 19.5)]
    // 80 ÷ 1.75² = 80 ÷ 3.0625 = 26.122… → 26.1
    [InlineData(80, 175, 26.1)]
    // 72.9 ÷ 1.80² = 72.9 ÷ 3.24 = 22.5 exactly
    [InlineData(72.9, 180, 22.5)]
    public void Bmi_is_kg_over_metres_squared_to_one_decimal(double kg, double cm, double bmi)
    {
        var general = new ExamGeneral(HeightCm: (decimal)cm, WeightKg: (decimal)kg);
        Assert.Equal((decimal)bmi, general.Bmi);
    }

    [Fact]
    public void Bmi_needs_height_and_weight() => Assert.Null(new ExamGeneral(WeightKg: 65m).Bmi);

    [Fact]
    public void A_complete_exam_is_recorded()
    {
        var selfCare = SelfCareAssessment.Score(Enum.GetValues<SelfCareItem>().ToDictionary(i => i, _ => SelfCareLevel.MildlyDependent));
        var input = Input() with
        {
            SelfAssessedHealth = SelfAssessedHealth.BasicallySatisfied,
            SelfCare = selfCare,
            Lifestyle = new Lifestyle(ExerciseFrequency.Daily, DietHabit.Balanced | DietHabit.SaltHeavy, SmokingStatus.Current,
                DrinkingFrequency.Occasionally, ExerciseMinutesPerSession: 30, ExerciseKind: "散步", CigarettesPerDay: 10),
            Organs = new OrganFunction(ExamResult.Normal, ExamResult.Abnormal("左眼白内障"), ExamResult.Normal, ExamResult.Normal),
            AuxiliaryTests = new Dictionary<AuxiliaryTest, ExamResult>
            {
                [AuxiliaryTest.BloodRoutine] = ExamResult.Normal,
                [AuxiliaryTest.Ecg] = ExamResult.Abnormal("窦性心动过缓"),
            },
            FastingGlucoseMmolPerL = 6.1m,
            Guidance = ExamGuidance.Recheck,
            GuidanceText = "  三个月后复查心电图 ",
        };
        Assert.Empty(PhysicalExamRecord.Validate(input, Today));
        var exam = PhysicalExamRecord.Record(7, input, Today);
        Assert.Equal(7, exam.ResidentId);
        Assert.Equal(23.9m, exam.Bmi);
        // 轻度依赖 on every item: 0 + 1 + 0 + 1 + 1 = 3
        Assert.Equal(3, exam.SelfCareScore);
        Assert.Equal("三个月后复查心电图", exam.GuidanceText);
        Assert.Empty(exam.Vitals.Flags);
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(49.9, false)]
    [InlineData(250, true)]
    [InlineData(250.1, false)]
    public void Height_range(double cm, bool ok) =>
        Assert.Equal(ok, PhysicalExamRecord.Validate(Input(new ExamGeneral(HeightCm: (decimal)cm)), Today).Count == 0);

    [Theory]
    [InlineData(40, true)]
    [InlineData(39.9, false)]
    [InlineData(200, true)]
    [InlineData(200.1, false)]
    public void Waist_range(double cm, bool ok) =>
        Assert.Equal(ok, PhysicalExamRecord.Validate(Input(new ExamGeneral(WaistCm: (decimal)cm)), Today).Count == 0);

    [Theory]
    [InlineData(5, true)]
    [InlineData(4, false)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    public void Respiration_range(int perMinute, bool ok) =>
        Assert.Equal(ok, PhysicalExamRecord.Validate(Input(new ExamGeneral(Respiration: perMinute)), Today).Count == 0);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var input = Input(new ExamGeneral(TemperatureC: 45m, Pulse: 10, LeftSystolic: 120, RightSystolic: 120, RightDiastolic: 125,
            HeightCm: 300m, WeightKg: 10m, WaistCm: 10m), ExamResult.Abnormal(" ")) with { ExamDate = Today.AddDays(1) };
        var fields = PhysicalExamRecord.Validate(input, Today).Select(e => e.Field).ToList();
        Assert.Equal(
            ["ExamDate", "General.TemperatureC", "General.Pulse", "General.LeftDiastolic", "General.RightDiastolic",
             "General.HeightCm", "General.WeightKg", "General.WaistCm", "HealthEvaluation"],
            fields);
        var ex = Assert.Throws<DomainException>(() => PhysicalExamRecord.Record(1, input, Today));
        Assert.Equal("exam.invalid", ex.Code);
        Assert.Contains("右侧血压舒张压", ex.Message);
    }

    [Fact]
    public void An_abnormal_auxiliary_test_needs_a_description()
    {
        var input = Input() with
        {
            AuxiliaryTests = new Dictionary<AuxiliaryTest, ExamResult> { [AuxiliaryTest.AbdominalUltrasound] = new(ExamFinding.Abnormal) },
        };
        var error = Assert.Single(PhysicalExamRecord.Validate(input, Today));
        Assert.Equal("AuxiliaryTests.AbdominalUltrasound", error.Field);
        Assert.Contains("腹部B超", error.Message);
    }

    [Fact]
    public void Cigarettes_only_for_a_current_smoker()
    {
        var input = Input() with
        {
            Lifestyle = new Lifestyle(ExerciseFrequency.Never, DietHabit.None, SmokingStatus.Never, DrinkingFrequency.Never, CigarettesPerDay: 5),
        };
        Assert.Equal("Lifestyle.CigarettesPerDay", Assert.Single(PhysicalExamRecord.Validate(input, Today)).Field);
    }
}
