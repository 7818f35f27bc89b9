using CareTeams.Domain.Assessments;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain.Assessments;

public class VitalSignsRules
{
    [Fact]
    public void Nothing_entered_is_valid_and_unflagged()
    {
        Assert.Empty(VitalSigns.Validate());
        var v = VitalSigns.Create();
        Assert.Empty(v.Flags);
        Assert.False(v.IsUrgent);
    }

    [Theory]
    [InlineData(60, 40, true)]
    [InlineData(59, 40, false)]
    [InlineData(260, 100, true)]
    [InlineData(261, 100, false)]
    public void Systolic_range(int systolic, int diastolic, bool ok) =>
        Assert.Equal(ok, VitalSigns.Validate(systolic, diastolic).Count == 0);

    [Theory]
    [InlineData(200, 30, true)]
    [InlineData(200, 29, false)]
    [InlineData(200, 160, true)]
    [InlineData(200, 161, false)]
    public void Diastolic_range(int systolic, int diastolic, bool ok) =>
        Assert.Equal(ok, VitalSigns.Validate(systolic, diastolic).Count == 0);

    [Theory]
    [InlineData(120, 120)]
    [InlineData(120, 130)]
    public void Diastolic_not_below_systolic_is_refused(int systolic, int diastolic)
    {
        var error = Assert.Single(VitalSigns.Validate(systolic, diastolic));
        Assert.Equal(nameof(VitalSigns.Diastolic), error.Field);
        Assert.Contains("应低于收缩压", error.Message);
    }

    [Fact]
    public void Diastolic_one_below_systolic_is_accepted() => Assert.Empty(VitalSigns.Validate(100, 99));

    [Fact]
    public void A_blood_pressure_needs_both_numbers()
    {
        Assert.Equal(nameof(VitalSigns.Diastolic), Assert.Single(VitalSigns.Validate(systolic: 120)).Field);
        Assert.Equal(nameof(VitalSigns.Systolic), Assert.Single(VitalSigns.Validate(diastolic: 80)).Field);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(29, false)]
    [InlineData(220, true)]
    [InlineData(221, false)]
    public void Pulse_range(int pulse, bool ok) => Assert.Equal(ok, VitalSigns.Validate(pulse: pulse).Count == 0);

    [Theory]
    [InlineData("34.0", true)]
    [InlineData("33.9", false)]
    [InlineData("43.0", true)]
    [InlineData("43.1", false)]
    public void Temperature_range(string t, bool ok) =>
        Assert.Equal(ok, VitalSigns.Validate(temperatureC: decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).Count == 0);

    [Theory]
    [InlineData("1.0", true)]
    [InlineData("0.9", false)]
    [InlineData("35.0", true)]
    [InlineData("35.1", false)]
    public void Glucose_range(string g, bool ok) =>
        Assert.Equal(ok, VitalSigns.Validate(fastingGlucose: decimal.Parse(g, System.Globalization.CultureInfo.InvariantCulture)).Count == 0);

    [Theory]
    [InlineData(50, true)]
    [InlineData(49, false)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Oxygen_saturation_range(int spo2, bool ok) =>
        Assert.Equal(ok, VitalSigns.Validate(oxygenSaturation: spo2).Count == 0);

    [Theory]
    [InlineData(20, true)]
    [InlineData(19.9, false)]
    [InlineData(250, true)]
    [InlineData(250.1, false)]
    public void Weight_range(double kg, bool ok) =>
        Assert.Equal(ok, VitalSigns.Validate(weightKg: (decimal)kg).Count == 0);

    [Fact]
    public void Every_problem_is_reported_at_once_in_Chinese()
    {
        var errors = VitalSigns.Validate(300, 20, 10, 50m, 40m, 30, 300m);
        Assert.Equal(
            [nameof(VitalSigns.Systolic), nameof(VitalSigns.Diastolic), nameof(VitalSigns.Pulse), nameof(VitalSigns.TemperatureC),
             nameof(VitalSigns.FastingGlucose), nameof(VitalSigns.OxygenSaturation), nameof(VitalSigns.WeightKg)],
            errors.Select(e => e.Field));
        Assert.Contains("收缩压应在 60–260 mmHg 之间", errors[0].Message);
        Assert.Contains("体温应在 34.0–43.0 ℃ 之间", errors[3].Message);
        var ex = Assert.Throws<DomainException>(() => VitalSigns.Create(300, 20));
        Assert.Equal("vitals.invalid", ex.Code);
    }

    [Theory]
    [InlineData(139, null)]
    [InlineData(140, VitalFlag.SystolicHigh)]
    [InlineData(179, VitalFlag.SystolicHigh)]
    [InlineData(180, VitalFlag.SystolicUrgent)]
    public void Systolic_flags(int systolic, VitalFlag? flag) =>
        Assert.Equal(flag is null ? [] : [flag.Value], VitalSigns.Create(systolic, 60).Flags);

    [Theory]
    [InlineData(89, null)]
    [InlineData(90, VitalFlag.DiastolicHigh)]
    [InlineData(109, VitalFlag.DiastolicHigh)]
    [InlineData(110, VitalFlag.DiastolicUrgent)]
    public void Diastolic_flags(int diastolic, VitalFlag? flag) =>
        Assert.Equal(flag is null ? [] : [flag.Value], VitalSigns.Create(130, diastolic).Flags);

    [Theory]
    [InlineData(49, VitalFlag.PulseLow)]
    [InlineData(50, null)]
    [InlineData(100, null)]
    [InlineData(101, VitalFlag.PulseHigh)]
    public void Pulse_flags(int pulse, VitalFlag? flag) =>
        Assert.Equal(flag is null ? [] : [flag.Value], VitalSigns.Create(pulse: pulse).Flags);

    [Theory]
    [InlineData("37.2", null)]
    [InlineData("37.3", VitalFlag.Fever)]
    public void Temperature_flags(string t, VitalFlag? flag) =>
        Assert.Equal(flag is null ? [] : [flag.Value],
            VitalSigns.Create(temperatureC: decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).Flags);

    [Theory]
    [InlineData("3.8", VitalFlag.GlucoseLow)]
    [InlineData("3.9", null)]
    [InlineData("6.9", null)]
    [InlineData("7.0", VitalFlag.GlucoseHigh)]
    [InlineData("16.6", VitalFlag.GlucoseHigh)]
    [InlineData("16.7", VitalFlag.GlucoseUrgent)]
    public void Glucose_flags(string g, VitalFlag? flag) =>
        Assert.Equal(flag is null ? [] : [flag.Value],
            VitalSigns.Create(fastingGlucose: decimal.Parse(g, System.Globalization.CultureInfo.InvariantCulture)).Flags);

    [Theory]
    [InlineData(93, VitalFlag.OxygenSaturationLow)]
    [InlineData(94, null)]
    public void Oxygen_saturation_flags(int spo2, VitalFlag? flag) =>
        Assert.Equal(flag is null ? [] : [flag.Value], VitalSigns.Create(oxygenSaturation: spo2).Flags);

    [Fact]
    public void Urgent_only_for_danger_values()
    {
        Assert.False(VitalSigns.Create(179, 109, 120, 38.5m, 16.6m, 90).IsUrgent);
        Assert.True(VitalSigns.Create(180, 80).IsUrgent);
        Assert.True(VitalSigns.Create(150, 110).IsUrgent);
        Assert.True(VitalSigns.Create(fastingGlucose: 16.7m).IsUrgent);
    }

    [Fact]
    public void Flags_have_Chinese_text()
    {
        var v = VitalSigns.Create(185, 95, fastingGlucose: 3.5m);
        Assert.Equal([VitalFlag.SystolicUrgent, VitalFlag.DiastolicHigh, VitalFlag.GlucoseLow], v.Flags);
        Assert.Equal(["收缩压危急（≥180 mmHg），需紧急转诊", "舒张压偏高（≥90 mmHg）", "空腹血糖偏低（<3.9 mmol/L）"], v.FlagTexts);
        Assert.All(Enum.GetValues<VitalFlag>(), f => Assert.False(string.IsNullOrWhiteSpace(f.ToChinese())));
    }
}
