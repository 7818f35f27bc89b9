using CareTeams.Domain.Assessments;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Domain.Contracts;
using static CareTeams.Tests.Domain.Contracts.Literals;

namespace CareTeams.Tests.Domain.HomeBeds;

/// <summary>Opening a bed: 2025-06-01, today 2025-06-15, a resident born 1950-03-01.</summary>
public class HomeBedOpening
{
    private readonly BedBuilder builder = new();

    [Fact]
    public void Opening_copies_the_residents_places_and_records_the_form()
    {
        var bed = builder.Open();

        Assert.Equal(builder.Resident.Id, bed.ResidentId);
        Assert.Equal(builder.Resident.CountyId, bed.CountyId);
        Assert.Equal(builder.Resident.CentreId, bed.CentreId);
        Assert.Equal(builder.County.Team.Id, bed.TeamId);
        Assert.Equal(builder.Resident.VillageId, bed.VillageId);
        Assert.Equal(builder.Doctor.Id, bed.ResponsibleDoctorId);
        Assert.Equal(builder.Nurse.Id, bed.ResponsibleNurseId);
        Assert.Equal(builder.Doctor.Id, bed.OpenedByStaffId);
        Assert.Equal(HomeBedStatus.Open, bed.Status);
        Assert.Equal("在床", bed.Status.ChineseName());
        Assert.Equal(D(2025, 6, 1), bed.OpenedOn);
        Assert.Equal(HomeBedKind.Treatment, bed.Kind);
        Assert.Equal(BedCondition.ChronicDisease, bed.Application.Condition);
        Assert.Equal("赵大爷之子", bed.Consent.SignedBy);
        Assert.Equal(90, bed.LimitDays);
        Assert.Equal(D(2025, 8, 30), bed.CycleEndsOn);
        Assert.Null(bed.ClosedOn);
        Assert.Null(bed.BedDays);
        var diagnosis = Assert.Single(bed.OpeningDiagnoses);
        Assert.Equal("原发性高血压（I10）", diagnosis.ToString());
        Assert.Equal(1, diagnosis.Sequence);
        Assert.Empty(bed.ClosingDiagnoses);
        var order = Assert.Single(bed.Orders);
        Assert.Equal("换药 · 每周2次", order.Title);
        Assert.Equal(1, order.Sequence);
        Assert.Equal("按需", order.Instructions);
    }

    [Fact]
    public void The_admission_assessment_keeps_the_ability_level_and_vitals_as_copies_of_their_own()
    {
        var vitals = VitalSigns.Create(systolic: 168, diastolic: 96, pulse: 88);
        var twicePerWeek = OrderFrequency.TimesPerWeek(2);
        var opening = builder.WithOrders(builder.Order("换药", twicePerWeek), builder.Order("翻身拍背", twicePerWeek)).Opening() with
        {
            Assessment = new AdmissionAssessment(" 卧床，骶尾部压疮 ", AbilityLevel.SeverelyImpaired, vitals),
        };

        var bed = HomeBed.Open(builder.Resident, [], builder.Doctor, builder.Nurse, opening, true, builder.Doctor.Id, HomeBedSettings.Default, BedBuilder.Today);

        Assert.Equal("卧床，骶尾部压疮", bed.Assessment.Findings);
        Assert.Equal(AbilityLevel.SeverelyImpaired, bed.Assessment.AbilityLevel);
        Assert.Equal(vitals, bed.Assessment.Vitals);
        Assert.NotSame(vitals, bed.Assessment.Vitals);
        Assert.Equal(bed.Orders[0].Frequency, bed.Orders[1].Frequency);
        Assert.NotSame(bed.Orders[0].Frequency, bed.Orders[1].Frequency);
    }

    [Fact]
    public void The_cycle_limit_comes_from_the_settings()
    {
        var bed = builder.WithSettings(new HomeBedSettings { CycleLimitDays = 60 }).Open();

        Assert.Equal(60, bed.LimitDays);
        Assert.Equal(D(2025, 7, 31), bed.CycleEndsOn);
    }

    [Fact]
    public void Texts_are_trimmed_and_icd10_codes_normalised()
    {
        var bed = builder.WithDiagnoses(new DiagnosisInput("  2型糖尿病 ", " e11.9 "), new DiagnosisInput("压疮", null), new DiagnosisInput("脑梗死后遗症", "")).Open();

        Assert.Equal(["2型糖尿病（E11.9）", "压疮", "脑梗死后遗症"], bed.OpeningDiagnoses.Select(d => d.ToString()));
        Assert.Equal([1, 2, 3], bed.OpeningDiagnoses.Select(d => d.Sequence));
    }

    [Fact]
    public void A_malformed_icd10_code_is_refused_with_the_field_named()
    {
        builder.WithDiagnoses(new DiagnosisInput("高血压", "I1O"));

        var errors = HomeBed.Validate(builder.Opening(), BedBuilder.Today);
        var error = Assert.Single(errors);
        Assert.Equal("Diagnoses[0].Icd10Code", error.Field);
        Assert.Contains("不是有效的 ICD-10 编码", error.Message);
        Refused.By("bed.invalid", () => builder.Open());
    }

    [Fact]
    public void Every_problem_of_the_form_is_listed_at_once()
    {
        var opening = builder.WithDiagnoses().WithOrders().Opening() with
        {
            Application = builder.Opening().Application with { Summary = " ", Indications = "", AppliedOn = D(2025, 6, 2) },
            Assessment = new AdmissionAssessment(""),
            Consent = new BedConsent("", null, D(2025, 6, 2)),
        };

        var fields = HomeBed.Validate(opening, BedBuilder.Today).Select(e => e.Field).ToList();

        Assert.Equal(
            ["Application.Summary", "Application.Indications", "Application.AppliedOn", "Assessment.Findings", "Diagnoses",
             "Consent.SignedBy", "Consent.SignedOn", "Orders"],
            fields);
    }

    [Theory]
    [InlineData(2025, 6, 16, "建床日期不能晚于今天。")]
    [InlineData(2025, 5, 15, "建床日期不能早于 30 天前。")]
    public void The_opening_date_is_today_or_up_to_thirty_days_back(int year, int month, int day, string message)
    {
        builder.OpenedOnDay(D(year, month, day));

        var error = Assert.Single(HomeBed.Validate(builder.Opening(), BedBuilder.Today));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Thirty_days_back_and_today_are_accepted()
    {
        Assert.Equal(D(2025, 5, 16), builder.OpenedOnDay(D(2025, 5, 16)).Open().OpenedOn);
        Assert.Equal(D(2025, 6, 15), new BedBuilder().OpenedOnDay(D(2025, 6, 15)).Open().OpenedOn);
    }

    [Fact]
    public void Orders_may_not_start_before_the_opening_nor_end_before_they_start()
    {
        builder.WithOrders(
            builder.Order("静脉输液", OrderFrequency.TimesPerDay(1), starts: D(2025, 5, 31)),
            builder.Order("吸氧", OrderFrequency.TimesPerDay(2), starts: D(2025, 6, 5), until: D(2025, 6, 4)));

        var errors = HomeBed.Validate(builder.Opening(), BedBuilder.Today);

        Assert.Equal(["Orders[0].StartsOn", "Orders[1].Until"], errors.Select(e => e.Field));
        Assert.Equal("医嘱“静脉输液”：开始日期不能早于建床日期。", errors[0].Message);
        Assert.Equal("医嘱“吸氧”：截止日期不能早于开始日期。", errors[1].Message);
    }

    [Fact]
    public void An_order_with_an_impossible_frequency_is_refused_in_validation()
    {
        var spec = builder.Order("换药", new OrderFrequency(FrequencyUnit.TimesPerWeek, 7));

        var error = Assert.Single(HomeBed.ValidateOrder(spec, BedBuilder.OpenedOn));

        Assert.Equal("Frequency", error.Field);
        Assert.Equal("医嘱“换药”：每周 7 次请选择“每日 1 次”。", error.Message);
    }

    // ---- eligibility ----

    [Theory]
    [InlineData(1965, 6, 1, true)]   // 60 on the opening day
    [InlineData(1965, 6, 2, false)]  // 60 the day after
    [InlineData(1930, 1, 1, true)]
    public void The_resident_is_sixty_or_older_on_the_opening_day(int year, int month, int day, bool eligible)
    {
        var resident = builder.County.NewResident().WithBirthDate(year, month, day).Build();

        Assert.Equal(eligible, HomeBedEligibility.IsEligible(resident, BedCondition.Disability, true, BedBuilder.OpenedOn, HomeBedSettings.Default));
        if (!eligible)
        {
            var ex = Refused.By("bed.not-eligible", () => builder.For(resident).Open());
            Assert.Contains("家庭病床面向 60 岁及以上居民，该居民建床时 59 岁。", ex.Message);
        }
    }

    [Fact]
    public void A_county_without_an_age_limit_sets_the_minimum_age_to_zero()
    {
        var young = builder.County.NewResident().WithBirthDate(1990, 1, 1).Build();
        var settings = new HomeBedSettings { MinimumAge = 0 };

        Assert.True(HomeBedEligibility.IsEligible(young, BedCondition.RecoveryAfterDischarge, true, BedBuilder.OpenedOn, settings));
        Assert.Equal(young.Id, builder.For(young).WithSettings(settings).Open().ResidentId);
    }

    [Fact]
    public void A_signed_contract_is_needed()
    {
        var ex = Refused.By("bed.not-eligible", () => builder.WithoutContract().Open());

        Assert.Equal("不符合建床条件：居民在建床日期没有有效的家庭医生签约协议，请先签约。", ex.Message);
    }

    [Fact]
    public void A_resident_who_moved_away_or_died_cannot_have_a_bed()
    {
        builder.Resident.RecordMovedAway(D(2025, 5, 1), null, BedBuilder.Today);

        var problems = HomeBedEligibility.Problems(builder.Resident, BedCondition.TerminalCare, true, BedBuilder.OpenedOn, HomeBedSettings.Default);

        Assert.Equal(["居民“赵大爷”不是在册状态（已迁出）。"], problems);
        Refused.By("bed.not-eligible", () => builder.Open());
    }

    [Fact]
    public void A_condition_category_is_needed_and_every_reason_is_given()
    {
        var child = builder.County.NewResident().WithBirthDate(2015, 1, 1).Build();

        var problems = HomeBedEligibility.Problems(child, null, false, BedBuilder.OpenedOn, HomeBedSettings.Default);

        Assert.Equal(3, problems.Count);
        Assert.Equal("须属于以下病情之一：慢性病需连续治疗、出院后康复、失能、临终关怀。", problems[2]);
        Assert.Equal("须属于以下病情之一：慢性病需连续治疗、出院后康复、失能、临终关怀。",
            Assert.Single(HomeBedEligibility.Problems(builder.Resident, (BedCondition)99, true, BedBuilder.OpenedOn, HomeBedSettings.Default)));
    }

    [Theory]
    [InlineData(BedCondition.ChronicDisease, "慢性病需连续治疗")]
    [InlineData(BedCondition.RecoveryAfterDischarge, "出院后康复")]
    [InlineData(BedCondition.Disability, "失能")]
    [InlineData(BedCondition.TerminalCare, "临终关怀")]
    public void Each_condition_category_qualifies(BedCondition condition, string chinese)
    {
        Assert.Equal(condition, builder.WithCondition(condition).Open().Application.Condition);
        Assert.Equal(chinese, condition.ChineseName());
    }

    // ---- one open bed per resident ----

    [Fact]
    public void A_resident_has_at_most_one_open_bed()
    {
        var first = builder.Open();

        var ex = Refused.By("bed.already-open", () => builder.WithEarlierBeds(first).Open());
        Assert.Equal("该居民已有一张在床的家庭病床（2025-06-01 建床），请先撤床。", ex.Message);
    }

    [Fact]
    public void After_closing_a_new_bed_may_open_from_the_closing_day()
    {
        var first = builder.OpenedOnDay(D(2025, 5, 20)).Open();
        first.Close(BedBuilder.Closing(D(2025, 6, 1)), builder.Doctor.Id, BedBuilder.Today);

        var second = builder.OpenedOnDay(D(2025, 6, 1)).WithEarlierBeds(first).Open();

        Assert.Equal(HomeBedStatus.Open, second.Status);
        Refused.By("bed.overlap", () => builder.OpenedOnDay(D(2025, 5, 31)).WithEarlierBeds(first).Open());
    }

    [Fact]
    public void Another_residents_open_bed_does_not_count()
    {
        var other = new BedBuilder(builder.County).Open();

        HomeBed.EnsureOnlyOpenBed(builder.Resident.Id, [other], BedBuilder.OpenedOn);
        Assert.Equal(builder.Resident.Id, builder.WithEarlierBeds(other).Open().ResidentId);
    }

    // ---- responsible staff ----

    [Fact]
    public void The_responsible_doctor_is_an_active_doctor_of_the_residents_centre()
    {
        var otherCentre = builder.County.AddCentre("WS02", "河口镇卫生院");
        var otherTeam = builder.County.AddTeam(otherCentre, "河口团队");
        var stranger = TestStaff.In(otherTeam, otherCentre, TeamRole.GeneralPractitioner, "外院医生");
        var publicHealth = TestStaff.In(builder.County.Team, builder.County.Centre, TeamRole.PublicHealth, "公卫");
        var retired = TestStaff.In(builder.County.Team, builder.County.Centre, TeamRole.TeamLeader, "退休医生");
        retired.Deactivate();

        Refused.By("bed.doctor", () => new BedBuilder(builder.County).WithDoctor(stranger).Open());
        Refused.By("bed.doctor", () => new BedBuilder(builder.County).WithDoctor(publicHealth).Open());
        Refused.By("bed.doctor", () => new BedBuilder(builder.County).WithDoctor(retired).Open());
        var villageDoctor = TestStaff.In(builder.County.Team, builder.County.Centre, TeamRole.VillageDoctor, "村医");
        Assert.Equal(villageDoctor.Id, new BedBuilder(builder.County).WithDoctor(villageDoctor).Open().ResponsibleDoctorId);
    }

    [Fact]
    public void The_responsible_nurse_is_a_nurse_of_the_residents_centre()
    {
        var ex = Refused.By("bed.nurse", () => builder.WithNurse(builder.Doctor).Open());

        Assert.Equal("责任护士须为居民所在机构在岗的团队护士。", ex.Message);
    }

    [Fact]
    public void A_resident_without_a_team_takes_the_doctors_team()
    {
        var village = builder.County.AddVillage(builder.County.Centre, "西村");
        var resident = builder.County.NewResident().InVillage(village).WithBirthDate(1950, 1, 1).Build();
        Assert.Null(resident.TeamId);

        Assert.Equal(builder.Doctor.TeamId, builder.For(resident).Open().TeamId);
    }

    [Fact]
    public void Responsible_staff_can_be_changed_within_the_centre()
    {
        var bed = builder.Open();
        var leader = TestStaff.In(builder.County.Team, builder.County.Centre, TeamRole.TeamLeader, "团队长");
        var nurse2 = TestStaff.In(builder.County.Team, builder.County.Centre, TeamRole.Nurse, "张护士");

        bed.ChangeResponsibleStaff(leader, nurse2);

        Assert.Equal((leader.Id, nurse2.Id), (bed.ResponsibleDoctorId, bed.ResponsibleNurseId));
        Refused.By("bed.nurse", () => bed.ChangeResponsibleStaff(leader, leader));
    }

    [Theory]
    [InlineData(HomeBedKind.Treatment, "治疗型")]
    [InlineData(HomeBedKind.Rehabilitation, "康复型")]
    [InlineData(HomeBedKind.Palliative, "舒缓照顾型")]
    public void Kinds_have_chinese_names(HomeBedKind kind, string chinese) => Assert.Equal(chinese, kind.ChineseName());

    [Fact]
    public void Settings_out_of_range_are_a_configuration_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HomeBedSettings { CycleLimitDays = 0 }.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HomeBedSettings { RoundIntervalDays = 0 }.Validated());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HomeBedSettings { MinimumAge = -1 }.Validated());
        Assert.Same(HomeBedSettings.Default, HomeBedSettings.Default.Validated());
        Assert.Equal((90, 7, 60, 7), (HomeBedSettings.Default.CycleLimitDays, HomeBedSettings.Default.RoundIntervalDays,
            HomeBedSettings.Default.MinimumAge, HomeBedSettings.Default.ClosingSoonDays));
    }
}
