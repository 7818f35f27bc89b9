using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain;

public class ResidentLifecycle
{
    private static readonly DateOnly Today = TestDates.Today;

    [Fact]
    public void Register_places_the_resident_in_the_village_its_centre_and_its_team()
    {
        var county = new TestCounty();

        var resident = county.NewResident()
            .WithName("张三")
            .WithBirthDate(1980, 5, 20)
            .WithSex(Sex.Male)
            .WithPhone("138 0013 8000")
            .Build();

        Assert.Equal(county.County.Id, resident.CountyId);
        Assert.Equal(county.Centre.Id, resident.CentreId);
        Assert.Equal(county.Village.Id, resident.VillageId);
        Assert.Equal(county.Team.Id, resident.TeamId);
        Assert.Null(resident.HouseholdId);
        Assert.Equal(ResidentStatus.Active, resident.Status);
        Assert.Null(resident.StatusChangedOn);
        Assert.Equal("张三", resident.Name);
        Assert.Equal("ZS", resident.NameInitials);
        Assert.Equal(Sex.Male, resident.Sex);
        Assert.Equal(new DateOnly(1980, 5, 20), resident.DateOfBirth);
        Assert.Equal("13800138000", resident.Phone);
        Assert.Equal(ResidentIdNumber.Compose("330106", new DateOnly(1980, 5, 20), 123).Value, resident.IdNumber);
        Assert.Equal("330106********123" + resident.IdNumber[17], resident.MaskedIdNumber);
    }

    [Fact]
    public void Register_in_a_village_without_a_responsible_team_leaves_the_team_empty()
    {
        var county = new TestCounty();
        var village = county.AddVillage(county.Centre, "西村");

        var resident = county.NewResident().InVillage(village).Build();

        Assert.Equal(village.Id, resident.VillageId);
        Assert.Equal(county.Centre.Id, resident.CentreId);
        Assert.Null(resident.TeamId);
    }

    [Fact]
    public void MoveTo_a_village_of_another_centre_in_the_county_takes_that_centre_and_team_and_leaves_the_household()
    {
        var county = new TestCounty();
        var otherCentre = county.AddCentre("WS02", "南山镇卫生院");
        var otherTeam = county.AddTeam(otherCentre, "南山团队");
        var otherVillage = county.AddVillage(otherCentre, "南山村", otherTeam);
        var resident = county.NewResident().Build();
        resident.JoinHousehold(county.AddHousehold());

        resident.MoveTo(otherVillage);

        Assert.Equal(otherVillage.Id, resident.VillageId);
        Assert.Equal(otherCentre.Id, resident.CentreId);
        Assert.Equal(otherTeam.Id, resident.TeamId);
        Assert.Equal(county.County.Id, resident.CountyId);
        Assert.Null(resident.HouseholdId);
    }

    [Fact]
    public void MoveTo_the_same_village_changes_nothing()
    {
        var county = new TestCounty();
        var resident = county.NewResident().Build();
        var household = county.AddHousehold();
        resident.JoinHousehold(household);

        resident.MoveTo(county.Village);

        Assert.Equal(household.Id, resident.HouseholdId);
    }

    [Fact]
    public void MoveTo_a_village_of_another_county_is_refused()
    {
        var county = new TestCounty(countyId: 1);
        var elsewhere = new TestCounty(countyId: 2, regionCode: "330108");
        var resident = county.NewResident().Build();

        var ex = Assert.Throws<DomainException>(() => resident.MoveTo(elsewhere.Village));

        Assert.Equal("resident.village-county", ex.Code);
        Assert.Equal(county.Village.Id, resident.VillageId);
        Assert.Equal(county.Centre.Id, resident.CentreId);
    }

    [Fact]
    public void AssignTeam_accepts_a_team_of_the_residents_centre_only()
    {
        var county = new TestCounty();
        var secondTeam = county.AddTeam(county.Centre, "第二团队");
        var foreignTeam = county.AddTeam(county.AddCentre("WS02", "南山镇卫生院"), "南山团队");
        var resident = county.NewResident().Build();

        resident.AssignTeam(secondTeam);
        var ex = Assert.Throws<DomainException>(() => resident.AssignTeam(foreignTeam));

        Assert.Equal(secondTeam.Id, resident.TeamId);
        Assert.Equal("resident.team-centre", ex.Code);
    }

    [Fact]
    public void UpdateDetails_replaces_the_details()
    {
        var county = new TestCounty();
        var resident = county.NewResident().WithName("张三").WithTags(KeyPopulation.Hypertension).Build();
        var details = county.NewResident()
            .WithName("李婷").WithSex(Sex.Female).WithBirthDate(1990, 1, 2).WithPhone("0571-87654321")
            .WithTags(KeyPopulation.Type2Diabetes).Details();

        resident.UpdateDetails(details);

        Assert.Equal("李婷", resident.Name);
        Assert.Equal("LT", resident.NameInitials);
        Assert.Equal(Sex.Female, resident.Sex);
        Assert.Equal(new DateOnly(1990, 1, 2), resident.DateOfBirth);
        Assert.Equal(details.IdNumber.Value, resident.IdNumber);
        Assert.Equal("0571-87654321", resident.Phone);
        Assert.Equal(KeyPopulation.Type2Diabetes, resident.Tags);
    }

    [Fact]
    public void A_deceased_resident_cannot_be_updated()
    {
        var county = new TestCounty();
        var resident = county.NewResident().Build();
        resident.RecordDeath(new DateOnly(2025, 6, 1), "病故", Today);
        var details = county.NewResident().WithName("李四").Details();

        var ex = Assert.Throws<DomainException>(() => resident.UpdateDetails(details));

        Assert.Equal("resident.deceased", ex.Code);
        Assert.Equal("该居民已登记死亡，档案只读。", ex.Message);
        Assert.Equal("张三", resident.Name);
    }

    [Fact]
    public void A_deceased_resident_cannot_move_join_a_household_move_away_or_die_again()
    {
        var county = new TestCounty();
        var resident = county.NewResident().Build();
        resident.RecordDeath(new DateOnly(2025, 6, 1), null, Today);
        var otherVillage = county.AddVillage(county.Centre, "西村");

        Assert.Equal("resident.deceased", Assert.Throws<DomainException>(() => resident.MoveTo(otherVillage)).Code);
        Assert.Equal("resident.deceased", Assert.Throws<DomainException>(() => resident.JoinHousehold(county.AddHousehold())).Code);
        Assert.Equal("resident.deceased", Assert.Throws<DomainException>(() => resident.RecordMovedAway(Today, null, Today)).Code);
        Assert.Equal("resident.deceased", Assert.Throws<DomainException>(() => resident.RecordDeath(Today, null, Today)).Code);
        Assert.Equal(new DateOnly(2025, 6, 1), resident.StatusChangedOn);
    }

    [Fact]
    public void RecordDeath_sets_the_status_date_and_trimmed_note()
    {
        var resident = new ResidentBuilder().Build();

        resident.RecordDeath(new DateOnly(2025, 6, 1), "  病故  ", Today);

        Assert.Equal(ResidentStatus.Deceased, resident.Status);
        Assert.Equal(new DateOnly(2025, 6, 1), resident.StatusChangedOn);
        Assert.Equal("病故", resident.StatusNote);
    }

    [Fact]
    public void A_death_or_move_dated_after_today_or_before_birth_is_refused()
    {
        var resident = new ResidentBuilder().WithBirthDate(1980, 5, 20).Build();

        Assert.Equal("resident.status-future", Assert.Throws<DomainException>(() => resident.RecordDeath(Today.AddDays(1), null, Today)).Code);
        Assert.Equal("resident.status-before-birth", Assert.Throws<DomainException>(() => resident.RecordDeath(new DateOnly(1980, 5, 19), null, Today)).Code);
        Assert.Equal("resident.status-future", Assert.Throws<DomainException>(() => resident.RecordMovedAway(Today.AddDays(1), null, Today)).Code);
        Assert.Equal("resident.status-before-birth", Assert.Throws<DomainException>(() => resident.RecordMovedAway(new DateOnly(1980, 5, 19), null, Today)).Code);
        Assert.Equal(ResidentStatus.Active, resident.Status);
    }

    [Fact]
    public void RecordMovedBack_is_refused_for_a_resident_who_has_not_moved_away()
    {
        var resident = new ResidentBuilder().Build();

        var ex = Assert.Throws<DomainException>(() => resident.RecordMovedBack(Today, Today));

        Assert.Equal("resident.not-moved-away", ex.Code);
        Assert.Equal(ResidentStatus.Active, resident.Status);
    }

    [Fact]
    public void RecordMovedBack_is_refused_for_a_deceased_resident()
    {
        var resident = new ResidentBuilder().Build();
        resident.RecordDeath(new DateOnly(2025, 1, 1), null, Today);

        Assert.Equal("resident.not-moved-away", Assert.Throws<DomainException>(() => resident.RecordMovedBack(Today, Today)).Code);
        Assert.Equal(ResidentStatus.Deceased, resident.Status);
    }

    [Fact]
    public void A_resident_who_moved_away_can_move_back()
    {
        var resident = new ResidentBuilder().Build();
        resident.RecordMovedAway(new DateOnly(2024, 3, 1), "去外地务工", Today);
        Assert.Equal(ResidentStatus.MovedAway, resident.Status);
        Assert.Equal("去外地务工", resident.StatusNote);

        resident.RecordMovedBack(new DateOnly(2025, 5, 1), Today);

        Assert.Equal(ResidentStatus.Active, resident.Status);
        Assert.Equal(new DateOnly(2025, 5, 1), resident.StatusChangedOn);
        Assert.Null(resident.StatusNote);
    }

    [Fact]
    public void A_move_back_dated_after_today_is_refused()
    {
        var resident = new ResidentBuilder().Build();
        resident.RecordMovedAway(new DateOnly(2024, 3, 1), null, Today);

        var refused = Assert.Throws<DomainException>(() => resident.RecordMovedBack(Today.AddDays(1), Today));

        Assert.Equal("resident.status-future", refused.Code);
        Assert.Equal(ResidentStatus.MovedAway, resident.Status);
    }

    [Fact]
    public void A_move_back_dated_before_the_move_away_is_refused()
    {
        var resident = new ResidentBuilder().Build();
        resident.RecordMovedAway(new DateOnly(2024, 3, 1), null, Today);

        Assert.Throws<DomainException>(() => resident.RecordMovedBack(new DateOnly(2024, 2, 1), Today));
        Assert.Equal(ResidentStatus.MovedAway, resident.Status);
    }

    [Fact]
    public void A_resident_who_moved_away_can_still_be_updated()
    {
        var resident = new ResidentBuilder().Build();
        resident.RecordMovedAway(new DateOnly(2024, 3, 1), null, Today);

        resident.UpdateDetails(new ResidentBuilder().WithName("张叁").Details());

        Assert.Equal("张叁", resident.Name);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void An_assessment_at_level_1_to_4_sets_Disabled(int level)
    {
        var resident = new ResidentBuilder().WithTags(KeyPopulation.Hypertension).Build();

        resident.SetDisabilityFromAssessment(level);

        Assert.Equal(KeyPopulation.Hypertension | KeyPopulation.Disabled, resident.Tags);
    }

    [Fact]
    public void An_assessment_at_level_0_clears_Disabled_and_keeps_other_tags()
    {
        var resident = new ResidentBuilder().WithTags(KeyPopulation.Hypertension).Build();
        resident.SetDisabilityFromAssessment(3);

        resident.SetDisabilityFromAssessment(0);

        Assert.Equal(KeyPopulation.Hypertension, resident.Tags);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void An_ability_level_outside_0_to_4_is_refused(int level)
    {
        var resident = new ResidentBuilder().Build();

        Assert.Throws<ArgumentOutOfRangeException>(() => resident.SetDisabilityFromAssessment(level));
        Assert.Equal(KeyPopulation.None, resident.Tags);
    }

    [Fact]
    public void UpdateDetails_keeps_Disabled_from_the_assessment()
    {
        var resident = new ResidentBuilder().WithTags(KeyPopulation.Hypertension).Build();
        resident.SetDisabilityFromAssessment(2);

        resident.UpdateDetails(new ResidentBuilder().WithTags(KeyPopulation.Type2Diabetes).Details());

        Assert.Equal(KeyPopulation.Type2Diabetes | KeyPopulation.Disabled, resident.Tags);
    }

    [Fact]
    public void UpdateDetails_does_not_invent_Disabled_for_a_resident_without_it()
    {
        var resident = new ResidentBuilder().Build();

        resident.UpdateDetails(new ResidentBuilder().WithTags(KeyPopulation.Hypertension).Details());

        Assert.Equal(KeyPopulation.Hypertension, resident.Tags);
    }

    [Fact]
    public void Disabled_counts_among_the_key_populations_on_any_day()
    {
        var resident = new ResidentBuilder().WithBirthDate(1950, 1, 1).Build();
        resident.SetDisabilityFromAssessment(4);

        Assert.Equal(KeyPopulation.Elderly65 | KeyPopulation.Disabled, resident.KeyPopulationsOn(Today));
    }
}
