using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.HomeBeds;

/// <summary>
/// Who may have a home bed (DOMAIN.md "Home beds"): a resident on the register (在册), with a contract signed and in
/// force on the opening date (the caller looks it up and passes whether there is one), aged at least
/// <see cref="HomeBedSettings.MinimumAge"/> on the opening date (X县: 60), whose condition falls in one of the
/// categories of <see cref="BedCondition"/> (continuing medical care that does not need a hospital ward).
/// </summary>
public static class HomeBedEligibility
{
    /// <summary>Every reason the resident cannot have a bed opened on <paramref name="on"/>, in Chinese; empty when eligible.</summary>
    public static IReadOnlyList<string> Problems(Resident resident, BedCondition? condition, bool hasSignedContract, DateOnly on, HomeBedSettings settings)
    {
        var problems = new List<string>();
        if (resident.Status != ResidentStatus.Active)
            problems.Add($"居民“{resident.Name}”不是在册状态（{resident.Status.ChineseName()}）。");
        if (!hasSignedContract)
            problems.Add("居民在建床日期没有有效的家庭医生签约协议，请先签约。");
        var age = resident.AgeOn(on);
        if (age < settings.MinimumAge)
            problems.Add($"家庭病床面向 {settings.MinimumAge} 岁及以上居民，该居民建床时 {age} 岁。");
        if (condition is not { } c || !Enum.IsDefined(c))
            problems.Add("须属于以下病情之一：慢性病需连续治疗、出院后康复、失能、临终关怀。");
        return problems;
    }

    public static bool IsEligible(Resident resident, BedCondition? condition, bool hasSignedContract, DateOnly on, HomeBedSettings settings) =>
        Problems(resident, condition, hasSignedContract, on, settings).Count == 0;

    /// <summary>Refuses with <c>bed.not-eligible</c> and every reason when the resident is not eligible.</summary>
    public static void Ensure(Resident resident, BedCondition? condition, bool hasSignedContract, DateOnly on, HomeBedSettings settings)
    {
        var problems = Problems(resident, condition, hasSignedContract, on, settings);
        if (problems.Count > 0)
            throw new DomainException("bed.not-eligible", "不符合建床条件：" + string.Join("", problems));
    }
}
