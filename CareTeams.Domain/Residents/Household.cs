using CareTeams.Domain.Institutions;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Residents;

/// <summary>A household (户): people living together in one village, with at most one head (户主).</summary>
public sealed class Household : AggregateRoot
{
    private Household() { Address = string.Empty; }

    public Household(Village village, string address)
    {
        CountyId = village.CountyId;
        CentreId = village.CentreId;
        VillageId = village.Id;
        Address = CheckedAddress(address);
    }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public int VillageId { get; private set; }
    public string Address { get; private set; }
    public int? HeadResidentId { get; private set; }

    public void MakeHead(Resident resident)
    {
        if (resident.HouseholdId != Id)
            throw new DomainException("household.head-not-member", "户主必须是本户成员。");
        if (resident.Status == ResidentStatus.Deceased)
            throw new DomainException("household.head-deceased", "已死亡的居民不能作为户主。");
        HeadResidentId = resident.Id;
    }

    /// <summary>Called when the head leaves the household or dies: the household has no head until one is named.</summary>
    public void ClearHead(Resident resident)
    {
        if (HeadResidentId == resident.Id)
            HeadResidentId = null;
    }

    public void ChangeAddress(string address) => Address = CheckedAddress(address);

    private static string CheckedAddress(string address)
    {
        var checkedAddress = County.Required(address, "家庭住址");
        return checkedAddress.Length > ResidentDetails.AddressMaxLength
            ? throw new DomainException("household.address", $"家庭住址最多 {ResidentDetails.AddressMaxLength} 个字。")
            : checkedAddress;
    }
}
