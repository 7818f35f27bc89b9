using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain;

public class HouseholdHead
{
    private static readonly DateOnly Today = TestDates.Today;

    [Fact]
    public void A_household_belongs_to_its_villages_county_and_centre_and_starts_without_a_head()
    {
        var county = new TestCounty();

        var household = county.AddHousehold(address: "  东村 1 号 ");

        Assert.Equal(county.County.Id, household.CountyId);
        Assert.Equal(county.Centre.Id, household.CentreId);
        Assert.Equal(county.Village.Id, household.VillageId);
        Assert.Equal("东村 1 号", household.Address);
        Assert.Null(household.HeadResidentId);
    }

    [Fact]
    public void A_household_needs_an_address()
    {
        var county = new TestCounty();

        var ex = Assert.Throws<DomainException>(() => new Household(county.Village, "  "));

        Assert.Equal("required", ex.Code);
    }

    [Fact]
    public void A_member_can_be_made_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var resident = county.NewResident().Build();
        resident.JoinHousehold(household);

        household.MakeHead(resident);

        Assert.Equal(household.Id, resident.HouseholdId);
        Assert.Equal(resident.Id, household.HeadResidentId);
    }

    [Fact]
    public void A_resident_in_no_household_cannot_be_made_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var resident = county.NewResident().Build();

        var ex = Assert.Throws<DomainException>(() => household.MakeHead(resident));

        Assert.Equal("household.head-not-member", ex.Code);
        Assert.Equal("户主必须是本户成员。", ex.Message);
        Assert.Null(household.HeadResidentId);
    }

    [Fact]
    public void A_member_of_another_household_cannot_be_made_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold(address: "东村 1 号");
        var neighbours = county.AddHousehold(address: "东村 2 号");
        var neighbour = county.NewResident().Build();
        neighbour.JoinHousehold(neighbours);

        Assert.Equal("household.head-not-member", Assert.Throws<DomainException>(() => household.MakeHead(neighbour)).Code);
    }

    [Fact]
    public void A_deceased_member_cannot_be_made_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var resident = county.NewResident().Build();
        resident.JoinHousehold(household);
        resident.RecordDeath(new DateOnly(2025, 1, 1), null, Today);

        Assert.Equal("household.head-deceased", Assert.Throws<DomainException>(() => household.MakeHead(resident)).Code);
    }

    [Fact]
    public void Naming_another_member_head_replaces_the_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var father = county.NewResident().WithName("张大山").Build();
        var mother = county.NewResident().WithName("李秀兰").WithSex(Sex.Female).Build();
        father.JoinHousehold(household);
        mother.JoinHousehold(household);
        household.MakeHead(father);

        household.MakeHead(mother);

        Assert.Equal(mother.Id, household.HeadResidentId);
    }

    [Fact]
    public void A_household_of_another_village_cannot_be_joined()
    {
        var county = new TestCounty();
        var otherVillage = county.AddVillage(county.Centre, "西村");
        var household = county.AddHousehold(otherVillage);
        var resident = county.NewResident().Build();

        var ex = Assert.Throws<DomainException>(() => resident.JoinHousehold(household));

        Assert.Equal("resident.household-village", ex.Code);
        Assert.Null(resident.HouseholdId);
    }

    [Fact]
    public void When_the_head_leaves_the_household_has_no_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var head = county.NewResident().Build();
        head.JoinHousehold(household);
        household.MakeHead(head);

        head.LeaveHousehold(household);

        Assert.Null(head.HouseholdId);
        Assert.Null(household.HeadResidentId);
    }

    [Fact]
    public void When_another_member_leaves_the_head_stays()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var head = county.NewResident().WithName("张大山").Build();
        var son = county.NewResident().WithName("张小山").WithBirthDate(2010, 1, 1).WithoutPhone().Build();
        head.JoinHousehold(household);
        son.JoinHousehold(household);
        household.MakeHead(head);

        son.LeaveHousehold(household);

        Assert.Null(son.HouseholdId);
        Assert.Equal(household.Id, head.HouseholdId);
        Assert.Equal(head.Id, household.HeadResidentId);
    }

    [Fact]
    public void Leaving_a_household_one_is_not_in_changes_nothing()
    {
        var county = new TestCounty();
        var household = county.AddHousehold(address: "东村 1 号");
        var other = county.AddHousehold(address: "东村 2 号");
        var head = county.NewResident().Build();
        head.JoinHousehold(household);
        household.MakeHead(head);

        head.LeaveHousehold(other);

        Assert.Equal(household.Id, head.HouseholdId);
        Assert.Equal(head.Id, household.HeadResidentId);
    }

    [Fact]
    public void ClearHead_only_clears_when_given_the_head()
    {
        var county = new TestCounty();
        var household = county.AddHousehold();
        var head = county.NewResident().Build();
        var member = county.NewResident().WithName("李四").Build();
        head.JoinHousehold(household);
        member.JoinHousehold(household);
        household.MakeHead(head);

        household.ClearHead(member);
        Assert.Equal(head.Id, household.HeadResidentId);

        household.ClearHead(head);
        Assert.Null(household.HeadResidentId);
    }
}
