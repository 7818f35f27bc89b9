using CareTeams.Domain.Residents;

namespace CareTeams.Tests.Domain;

public class AgeAndKeyPopulations
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void On_the_birthday_itself_the_new_year_of_age_counts()
    {
        Assert.Equal(65, Age.On(D(1960, 6, 15), D(2025, 6, 15)));
    }

    [Fact]
    public void The_day_before_the_birthday_the_old_age_still_holds()
    {
        Assert.Equal(64, Age.On(D(1960, 6, 15), D(2025, 6, 14)));
        Assert.Equal(64, Age.On(D(1960, 6, 15), D(2025, 5, 31))); // an earlier month, later day
    }

    [Fact]
    public void A_newborn_is_zero_and_a_day_before_birth_is_not_negative()
    {
        Assert.Equal(0, Age.On(D(2025, 6, 15), D(2025, 6, 15)));
        Assert.Equal(0, Age.On(D(2025, 6, 15), D(2025, 6, 14)));
    }

    [Theory]
    [InlineData(2023, 2, 28, 22)] // not a leap year: still 22 on the 28th
    [InlineData(2023, 3, 1, 23)]  // … and 23 from 1 March
    [InlineData(2024, 2, 28, 23)] // a leap year: still 23 on the 28th
    [InlineData(2024, 2, 29, 24)] // … and 24 on the 29th
    [InlineData(2024, 3, 1, 24)]
    public void A_29_February_birthday_counts_from_1_March_in_other_years(int year, int month, int day, int expected)
    {
        Assert.Equal(expected, Age.On(D(2000, 2, 29), D(year, month, day)));
    }

    [Theory]
    [InlineData(2000, 2, 29, 65, 2065, 3, 1)]
    [InlineData(2000, 2, 29, 4, 2004, 2, 29)]
    [InlineData(1960, 6, 15, 65, 2025, 6, 15)]
    [InlineData(2018, 12, 31, 7, 2025, 12, 31)]
    public void Turns_gives_the_day_a_given_age_is_reached(int by, int bm, int bd, int years, int ty, int tm, int td)
    {
        var turns = Age.Turns(D(by, bm, bd), years);

        Assert.Equal(D(ty, tm, td), turns);
        Assert.Equal(years, Age.On(D(by, bm, bd), turns));
        Assert.Equal(years - 1, Age.On(D(by, bm, bd), turns.AddDays(-1)));
    }

    [Fact]
    public void Elderly_65_is_derived_on_the_65th_birthday()
    {
        Assert.Equal(KeyPopulation.Elderly65, Resident.DerivedKeyPopulations(D(1960, 6, 15), D(2025, 6, 15)));
    }

    [Fact]
    public void Elderly_65_is_not_derived_the_day_before_the_65th_birthday()
    {
        Assert.Equal(KeyPopulation.None, Resident.DerivedKeyPopulations(D(1960, 6, 15), D(2025, 6, 14)));
    }

    [Theory]
    [InlineData(2026, 1, 1)]
    [InlineData(2060, 6, 15)]
    public void Elderly_65_stays_derived_after_the_65th_birthday(int year, int month, int day)
    {
        Assert.Equal(KeyPopulation.Elderly65, Resident.DerivedKeyPopulations(D(1960, 6, 15), D(year, month, day)));
    }

    [Fact]
    public void Elderly_65_for_a_29_February_birthday_starts_on_1_March_of_a_common_year()
    {
        var born = D(1960, 2, 29); // turns 65 in 2025, a common year

        Assert.Equal(KeyPopulation.None, Resident.DerivedKeyPopulations(born, D(2025, 2, 28)));
        Assert.Equal(KeyPopulation.Elderly65, Resident.DerivedKeyPopulations(born, D(2025, 3, 1)));
    }

    [Theory]
    [InlineData(2018, 6, 15)] // the day of birth
    [InlineData(2019, 1, 1)]
    [InlineData(2024, 6, 15)] // 6th birthday
    [InlineData(2025, 6, 14)] // the day before the 7th birthday
    public void Child_0_to_6_is_derived_from_birth_up_to_the_day_before_the_7th_birthday(int year, int month, int day)
    {
        Assert.Equal(KeyPopulation.Child0To6, Resident.DerivedKeyPopulations(D(2018, 6, 15), D(year, month, day)));
    }

    [Theory]
    [InlineData(2025, 6, 15)] // the 7th birthday
    [InlineData(2030, 1, 1)]
    public void Child_0_to_6_is_no_longer_derived_from_the_7th_birthday(int year, int month, int day)
    {
        Assert.Equal(KeyPopulation.None, Resident.DerivedKeyPopulations(D(2018, 6, 15), D(year, month, day)));
    }

    [Fact]
    public void Nothing_is_derived_before_the_date_of_birth()
    {
        Assert.Equal(KeyPopulation.None, Resident.DerivedKeyPopulations(D(2018, 6, 15), D(2018, 6, 14)));
    }

    [Fact]
    public void Adults_between_7_and_64_have_no_derived_tag()
    {
        Assert.Equal(KeyPopulation.None, Resident.DerivedKeyPopulations(D(1980, 5, 20), TestDates.Today));
    }

    [Fact]
    public void A_residents_key_populations_combine_recorded_and_derived_tags()
    {
        var resident = new ResidentBuilder()
            .WithBirthDate(1960, 6, 15)
            .WithTags(KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes)
            .Build();

        Assert.Equal(KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes, resident.Tags); // derived ones are not stored
        Assert.Equal(KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes, resident.KeyPopulationsOn(D(2025, 6, 14)));
        Assert.Equal(
            KeyPopulation.Elderly65 | KeyPopulation.Hypertension | KeyPopulation.Type2Diabetes,
            resident.KeyPopulationsOn(D(2025, 6, 15)));
        Assert.Equal(65, resident.AgeOn(D(2025, 6, 15)));
    }

    [Theory]
    [InlineData(KeyPopulation.Elderly65)]
    [InlineData(KeyPopulation.Child0To6)]
    [InlineData(KeyPopulation.Disabled)]
    [InlineData(KeyPopulation.Hypertension | KeyPopulation.Elderly65)]
    public void Derived_and_assessed_tags_cannot_be_recorded_by_hand(KeyPopulation tags)
    {
        var input = new ResidentBuilder().WithBirthDate(1950, 1, 1).WithTags(tags).Input();

        var (details, errors) = ResidentDetails.Validate(input, TestDates.Today);

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal(nameof(ResidentInput.Tags), error.Field);
        Assert.Equal("“老年人”和“0–6岁儿童”由出生日期自动判定，“失能”由能力评估结果判定，不能手工勾选。", error.Message);
    }

    [Fact]
    public void Every_hand_recorded_tag_can_be_recorded_together()
    {
        var input = new ResidentBuilder().WithSex(Sex.Female).WithTags(KeyPopulations.HandRecorded).Input();

        var (details, errors) = ResidentDetails.Validate(input, TestDates.Today);

        Assert.Empty(errors);
        Assert.Equal(KeyPopulations.HandRecorded, details!.Tags);
    }

    [Fact]
    public void Hand_recorded_and_derived_tags_cover_every_tag_but_Disabled_without_overlap()
    {
        Assert.Equal(KeyPopulation.None, KeyPopulations.Derived & KeyPopulations.HandRecorded);
        var union = KeyPopulations.All.Aggregate(KeyPopulation.None, (acc, t) => acc | t);
        Assert.Equal(KeyPopulations.Derived | KeyPopulations.HandRecorded | KeyPopulation.Disabled, union);
        Assert.Equal(12, KeyPopulations.All.Count);
    }

    [Fact]
    public void Tags_are_named_in_Chinese_in_report_order()
    {
        var tags = KeyPopulation.Disabled | KeyPopulation.Hypertension | KeyPopulation.Elderly65;

        Assert.Equal("老年人、高血压、失能", KeyPopulations.ChineseNames(tags));
        Assert.Equal(
            [KeyPopulation.Elderly65, KeyPopulation.Hypertension, KeyPopulation.Disabled],
            KeyPopulations.Split(tags));
    }

    [Theory]
    [InlineData("高血压", KeyPopulation.Hypertension)]
    [InlineData(" 2型糖尿病 ", KeyPopulation.Type2Diabetes)]
    [InlineData("糖尿病", KeyPopulation.Type2Diabetes)]
    [InlineData("65岁及以上老年人", KeyPopulation.Elderly65)]
    [InlineData("低收入", KeyPopulation.LowIncome)]
    [InlineData("失能", KeyPopulation.Disabled)]
    public void Chinese_tag_names_from_the_import_sheet_are_read(string name, KeyPopulation expected)
    {
        Assert.Equal(expected, KeyPopulations.FromChineseName(name));
    }

    [Fact]
    public void An_unknown_Chinese_tag_name_reads_as_null()
    {
        Assert.Null(KeyPopulations.FromChineseName("近视"));
    }
}
