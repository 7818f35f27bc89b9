using System.Reflection;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain;

/// <summary>The fixed "today" the domain tests run on, so that ages and date bounds never drift.</summary>
internal static class TestDates
{
    public static readonly DateOnly Today = new(2025, 6, 15);
}

internal static class EntityIds
{
    private static readonly PropertyInfo IdProperty =
        typeof(Entity).GetProperty(nameof(Entity.Id)) ?? throw new InvalidOperationException("Entity.Id not found.");

    /// <summary>Gives an entity the id persistence would (the setter is protected on <see cref="Entity"/>).</summary>
    public static T WithId<T>(this T entity, int id) where T : Entity
    {
        IdProperty.SetValue(entity, id);
        return entity;
    }
}

/// <summary>
/// A county with one centre, one team and one village served by that team, every id set, plus
/// helpers to add more centres, teams, villages and households with fresh ids.
/// </summary>
internal sealed class TestCounty
{
    private int nextId;

    public TestCounty(int countyId = 1, string regionCode = "330106")
    {
        nextId = countyId * 1000;
        County = new County($"C{countyId}", $"测试县{countyId}", regionCode).WithId(countyId);
        Centre = AddCentre("WS01", "城关镇卫生院");
        Team = AddTeam(Centre, "第一团队");
        Village = AddVillage(Centre, "东村", Team);
    }

    public County County { get; }
    public Centre Centre { get; }
    public Team Team { get; }
    public Village Village { get; }
    public string RegionCode => County.RegionCode;

    public Centre AddCentre(string code, string name) =>
        new Centre(County, code, name, CentreKind.TownshipHealthCentre).WithId(++nextId);

    public Team AddTeam(Centre centre, string name) => new Team(centre, name).WithId(++nextId);

    public Village AddVillage(Centre centre, string name, Team? responsibleTeam = null) =>
        new Village(centre, name, VillageKind.AdministrativeVillage, responsibleTeam).WithId(++nextId);

    public Household AddHousehold(Village? village = null, string address = "东村 1 号") =>
        new Household(village ?? Village, address).WithId(++nextId);

    /// <summary>A resident builder already placed in this county's village, with its region code.</summary>
    public ResidentBuilder NewResident() => new ResidentBuilder().InVillage(Village).WithRegion(RegionCode);
}

/// <summary>
/// Builds valid resident input, details and residents. The ID number is composed from the region,
/// date of birth and a sequence whose parity matches the sex, so it always agrees with them.
/// </summary>
internal sealed class ResidentBuilder
{
    private static int nextResidentId = 100_000;

    private string name = "张三";
    private DateOnly dateOfBirth = new(1980, 5, 20);
    private Sex sex = Sex.Male;
    private int? sequence;
    private string regionCode = "330106";
    private string? phone = "13800138000";
    private string? address = "东村 1 号";
    private LivingArrangement livingArrangement = LivingArrangement.Home;
    private KeyPopulation tags = KeyPopulation.None;
    private Village? village;
    private int? id;

    public ResidentBuilder WithName(string value) { name = value; return this; }
    public ResidentBuilder WithBirthDate(DateOnly value) { dateOfBirth = value; return this; }
    public ResidentBuilder WithBirthDate(int year, int month, int day) => WithBirthDate(new DateOnly(year, month, day));
    public ResidentBuilder WithSex(Sex value) { sex = value; return this; }
    public ResidentBuilder WithSequence(int value) { sequence = value; return this; }
    public ResidentBuilder WithRegion(string value) { regionCode = value; return this; }
    public ResidentBuilder WithPhone(string? value) { phone = value; return this; }
    public ResidentBuilder WithoutPhone() => WithPhone(null);
    public ResidentBuilder WithAddress(string? value) { address = value; return this; }
    public ResidentBuilder Living(LivingArrangement value) { livingArrangement = value; return this; }
    public ResidentBuilder WithTags(KeyPopulation value) { tags = value; return this; }
    public ResidentBuilder InVillage(Village value) { village = value; return this; }
    public ResidentBuilder WithId(int value) { id = value; return this; }

    /// <summary>Odd sequences are men's, even ones women's (GB 11643-1999).</summary>
    private int Sequence => sequence ?? (sex == Sex.Male ? 123 : 124);

    public ResidentIdNumber IdNumber => ResidentIdNumber.Compose(regionCode, dateOfBirth, Sequence);

    public ResidentInput Input() => new()
    {
        Name = name,
        IdNumber = IdNumber.Value,
        Sex = sex,
        DateOfBirth = dateOfBirth,
        Phone = phone,
        Address = address,
        LivingArrangement = livingArrangement,
        Tags = tags,
    };

    public ResidentDetails Details(DateOnly? today = null)
    {
        var (details, errors) = ResidentDetails.Validate(Input(), today ?? TestDates.Today);
        if (details is null)
        {
            throw new InvalidOperationException(
                "The builder made invalid details: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        }
        return details;
    }

    public Resident Build(DateOnly? today = null)
    {
        var where = village ?? new TestCounty(regionCode: regionCode).Village;
        return Resident.Register(where, Details(today)).WithId(id ?? Interlocked.Increment(ref nextResidentId));
    }
}
