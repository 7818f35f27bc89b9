using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Referrals;

/// <summary>
/// An institution of the county's medical alliance that referrals go from and to: the leading hospital, a township
/// centre, a village clinic or a care institution. <see cref="CentreId"/> is set when it is one of our own centres, or a
/// village clinic one of our centres runs (乡村一体化管理): that centre's teams refer from it and receive for it.
/// </summary>
public sealed class AllianceInstitution : Entity
{
    public const int NameMaxLength = 100;

    private AllianceInstitution()
    {
        Name = string.Empty;
    }

    public AllianceInstitution(int countyId, string name, AllianceInstitutionKind kind, int? centreId = null) : this()
    {
        if (!Enum.IsDefined(kind))
            throw new DomainException("alliance.kind-invalid", "请选择机构类型。");
        if (centreId is not null && kind is not (AllianceInstitutionKind.TownshipCentre or AllianceInstitutionKind.VillageClinic))
            throw new DomainException("alliance.centre-kind", "只有乡镇卫生院/社区卫生服务中心和村卫生室可以关联本系统的机构。");
        CountyId = countyId;
        Name = CheckedName(name);
        Kind = kind;
        CentreId = centreId;
    }

    /// <summary>A new name (the referrals already sent keep pointing at the same institution).</summary>
    public void Rename(string name) => Name = CheckedName(name);

    private static string CheckedName(string? name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
            throw new DomainException("alliance.name-required", "请填写机构名称。");
        return trimmed.Length > NameMaxLength
            ? throw new DomainException("alliance.name-too-long", $"机构名称最多 {NameMaxLength} 个字。")
            : trimmed;
    }

    public int CountyId { get; private set; }
    public string Name { get; private set; }
    public AllianceInstitutionKind Kind { get; private set; }
    public int? CentreId { get; private set; }
}
