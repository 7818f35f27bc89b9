using CareTeams.Domain.Institutions;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Residents;

/// <summary>
/// A resident (居民) in the registry of a county, living in a village of a centre, in the care of one
/// family-doctor team. Never deleted: a resident moves away or dies and the record stays.
/// </summary>
public sealed class Resident : AggregateRoot
{
    private Resident()
    {
        Name = NameInitials = IdNumber = string.Empty;
    }

    private Resident(Village village, ResidentDetails details) : this()
    {
        CountyId = village.CountyId;
        Apply(details);
        PlaceIn(village);
        Status = ResidentStatus.Active;
    }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public int VillageId { get; private set; }

    /// <summary>The team responsible for this resident: the village's team, or the team the resident signed with.</summary>
    public int? TeamId { get; private set; }
    public int? HouseholdId { get; private set; }

    public string Name { get; private set; }

    /// <summary>Pinyin initials of the name, for search (张三 → ZS).</summary>
    public string NameInitials { get; private set; }
    public Sex Sex { get; private set; }
    public DateOnly DateOfBirth { get; private set; }

    /// <summary>The validated 18-character resident ID number, unique within the county.</summary>
    public string IdNumber { get; private set; }
    public string? Phone { get; private set; }
    public string? Address { get; private set; }
    public LivingArrangement LivingArrangement { get; private set; }
    public ResidentStatus Status { get; private set; }
    public DateOnly? StatusChangedOn { get; private set; }
    public string? StatusNote { get; private set; }

    /// <summary>The recorded key-population tags; the age-derived ones are computed by <see cref="KeyPopulationsOn"/>.</summary>
    public KeyPopulation Tags { get; private set; }

    public string MaskedIdNumber => ResidentIdNumber.Mask(IdNumber);

    public static Resident Register(Village village, ResidentDetails details) => new(village, details);

    public void UpdateDetails(ResidentDetails details)
    {
        EnsureNotDeceased();
        var disabled = Tags & KeyPopulation.Disabled;
        Apply(details);
        Tags |= disabled;
    }

    /// <summary>Moves the resident to another village of the same county; the village's team takes over.</summary>
    public void MoveTo(Village village)
    {
        EnsureNotDeceased();
        if (village.CountyId != CountyId)
            throw new DomainException("resident.village-county", "只能迁入本县区的村/社区；跨县区迁移请登记为“已迁出”。");
        if (village.Id == VillageId)
            return;
        PlaceIn(village);
        HouseholdId = null;
    }

    /// <summary>Puts the resident in the care of a team of their centre (the team they sign with).</summary>
    public void AssignTeam(Team team)
    {
        if (team.CentreId != CentreId)
            throw new DomainException("resident.team-centre", "只能由居民所在机构的家庭医生团队负责。");
        TeamId = team.Id;
    }

    public void JoinHousehold(Household household)
    {
        EnsureNotDeceased();
        if (household.VillageId != VillageId)
            throw new DomainException("resident.household-village", "只能加入本村/社区的家庭户。");
        HouseholdId = household.Id;
    }

    /// <summary>Leaves the household; the caller clears the head if this resident was it.</summary>
    public void LeaveHousehold(Household household)
    {
        if (HouseholdId != household.Id)
            return;
        household.ClearHead(this);
        HouseholdId = null;
    }

    public void RecordMovedAway(DateOnly on, string? note, DateOnly today)
    {
        EnsureNotDeceased();
        if (on > today)
            throw new DomainException("resident.status-future", "迁出日期不能晚于今天。");
        if (on < DateOfBirth)
            throw new DomainException("resident.status-before-birth", "迁出日期不能早于出生日期。");
        Status = ResidentStatus.MovedAway;
        StatusChangedOn = on;
        StatusNote = TrimmedOrNull(note);
    }

    public void RecordDeath(DateOnly on, string? note, DateOnly today)
    {
        EnsureNotDeceased();
        if (on > today)
            throw new DomainException("resident.status-future", "死亡日期不能晚于今天。");
        if (on < DateOfBirth)
            throw new DomainException("resident.status-before-birth", "死亡日期不能早于出生日期。");
        Status = ResidentStatus.Deceased;
        StatusChangedOn = on;
        StatusNote = TrimmedOrNull(note);
    }

    /// <summary>A resident who had moved away comes back.</summary>
    public void RecordMovedBack(DateOnly on, DateOnly today)
    {
        if (Status != ResidentStatus.MovedAway)
            throw new DomainException("resident.not-moved-away", "只有已迁出的居民才能登记迁回。");
        if (on > today)
            throw new DomainException("resident.status-future", "迁回日期不能晚于今天。");
        if (StatusChangedOn is { } movedAway && on < movedAway)
            throw new DomainException("resident.moved-back-before-away", $"迁回日期不能早于迁出日期 {movedAway:yyyy-MM-dd}。");
        Status = ResidentStatus.Active;
        StatusChangedOn = on;
        StatusNote = null;
    }

    /// <summary>Sets or clears the 失能 tag from an ability assessment's level (1–4 is disabled).</summary>
    public void SetDisabilityFromAssessment(int abilityLevel)
    {
        if (abilityLevel is < 0 or > 4)
            throw new ArgumentOutOfRangeException(nameof(abilityLevel), abilityLevel, "Ability levels run 0 to 4.");
        Tags = abilityLevel >= 1 ? Tags | KeyPopulation.Disabled : Tags & ~KeyPopulation.Disabled;
    }

    public int AgeOn(DateOnly day) => Age.On(DateOfBirth, day);

    /// <summary>All key populations on a day: the recorded tags plus 65+ and 0–6 from the date of birth.</summary>
    public KeyPopulation KeyPopulationsOn(DateOnly day) => Tags | DerivedKeyPopulations(DateOfBirth, day);

    /// <summary>The tags that follow from age alone.</summary>
    public static KeyPopulation DerivedKeyPopulations(DateOnly dateOfBirth, DateOnly day)
    {
        var age = Age.On(dateOfBirth, day);
        var tags = KeyPopulation.None;
        if (age >= 65)
            tags |= KeyPopulation.Elderly65;
        if (age <= 6 && dateOfBirth <= day)
            tags |= KeyPopulation.Child0To6;
        return tags;
    }

    private void Apply(ResidentDetails details)
    {
        Name = details.Name;
        NameInitials = PinyinInitials.Of(details.Name);
        IdNumber = details.IdNumber.Value;
        Sex = details.Sex;
        DateOfBirth = details.DateOfBirth;
        Phone = details.Phone?.Value;
        Address = details.Address;
        LivingArrangement = details.LivingArrangement;
        Tags = details.Tags;
    }

    private void PlaceIn(Village village)
    {
        VillageId = village.Id;
        CentreId = village.CentreId;
        TeamId = village.ResponsibleTeamId;
    }

    private void EnsureNotDeceased()
    {
        if (Status == ResidentStatus.Deceased)
            throw new DomainException("resident.deceased", "该居民已登记死亡，档案只读。");
    }

    public const int StatusNoteMaxLength = 200;

    private static string? TrimmedOrNull(string? text)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return trimmed is { Length: > StatusNoteMaxLength }
            ? throw new DomainException("resident.status-note", $"说明最多 {StatusNoteMaxLength} 个字。")
            : trimmed;
    }
}
