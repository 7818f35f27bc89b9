using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Institutions;

/// <summary>A county (县/区): the deployment's top level, run by its health bureau (卫生健康局).</summary>
public sealed class County : Entity
{
    private County() { Code = Name = string.Empty; }

    public County(string code, string name, string regionCode)
    {
        Code = Required(code, "县区编码");
        Name = Required(name, "县区名称");
        if (regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit))
            throw new DomainException("county.region-code", "行政区划代码应为 6 位数字。");
        RegionCode = regionCode;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }

    /// <summary>The 6-digit GB/T 2260 code, the prefix of most local resident ID numbers.</summary>
    public string RegionCode { get; private set; } = string.Empty;

    internal static string Required(string value, string what)
    {
        var trimmed = (value ?? string.Empty).Trim();
        return trimmed.Length == 0 ? throw new DomainException("required", $"请填写{what}。") : trimmed;
    }
}

public enum CentreKind
{
    /// <summary>乡镇卫生院</summary>
    TownshipHealthCentre = 1,
    /// <summary>社区卫生服务中心</summary>
    CommunityHealthServiceCentre = 2,
}

/// <summary>A township health centre or community health service centre: owns teams, packages and reports.</summary>
public sealed class Centre : AggregateRoot
{
    private Centre() { Code = Name = string.Empty; }

    public Centre(County county, string code, string name, CentreKind kind)
    {
        CountyId = county.Id;
        Code = County.Required(code, "机构编码").ToUpperInvariant();
        if (Code.Length > 20 || !Code.All(char.IsAsciiLetterOrDigit))
            throw new DomainException("centre.code", "机构编码只能是不超过 20 位的字母或数字。");
        Name = County.Required(name, "机构名称");
        Kind = kind;
    }

    public int CountyId { get; private set; }
    public string Code { get; private set; }
    public string Name { get; private set; }
    public CentreKind Kind { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>The rights-and-obligations clauses printed on this centre's contracts; null uses the standard text.</summary>
    public string? ContractClauses { get; private set; }

    public const int ContractClausesMaxLength = 8000;

    public void Rename(string name, string? phone)
    {
        Name = County.Required(name, "机构名称");
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    /// <summary>Sets the clauses a centre prints on its contracts (empty text restores the standard clauses).</summary>
    public void SetContractClauses(string? clauses)
    {
        var text = string.IsNullOrWhiteSpace(clauses) ? null : clauses.Trim();
        if (text is { Length: > ContractClausesMaxLength })
            throw new DomainException("centre.clauses", $"协议条款最多 {ContractClausesMaxLength} 个字。");
        ContractClauses = text;
    }
}

public enum VillageKind
{
    /// <summary>行政村</summary>
    AdministrativeVillage = 1,
    /// <summary>社区</summary>
    Community = 2,
}

/// <summary>A village (行政村) or urban community (社区) a centre covers; residents live in one.</summary>
public sealed class Village : Entity
{
    private Village() { Name = string.Empty; }

    public Village(Centre centre, string name, VillageKind kind, Team? responsibleTeam = null)
    {
        CentreId = centre.Id;
        CountyId = centre.CountyId;
        Name = County.Required(name, "村/社区名称");
        Kind = kind;
        if (responsibleTeam is not null)
            AssignResponsibleTeam(responsibleTeam);
    }

    public int CountyId { get; private set; }
    public int CentreId { get; private set; }
    public string Name { get; private set; }
    public VillageKind Kind { get; private set; }

    /// <summary>The family-doctor team whose catchment (责任片区) includes this village.</summary>
    public int? ResponsibleTeamId { get; private set; }

    public void AssignResponsibleTeam(Team team)
    {
        if (team.CentreId != CentreId)
            throw new DomainException("village.team-centre", "只能指定本机构的家庭医生团队负责该村/社区。");
        ResponsibleTeamId = team.Id;
    }

    public void Rename(string name) => Name = County.Required(name, "村/社区名称");
}

/// <summary>A family-doctor team (家庭医生团队) of a centre: a leading GP plus GPs, nurses, public-health staff and village doctors.</summary>
public sealed class Team : AggregateRoot
{
    private Team() { Name = string.Empty; }

    public Team(Centre centre, string name, string? phone = null)
    {
        CentreId = centre.Id;
        Name = County.Required(name, "团队名称");
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public int CentreId { get; private set; }
    public string Name { get; private set; }

    /// <summary>The team's service phone, printed on contracts.</summary>
    public string? Phone { get; private set; }
    public bool IsActive { get; private set; } = true;

    public void Update(string name, string? phone)
    {
        Name = County.Required(name, "团队名称");
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public void Deactivate() => IsActive = false;
    public void Reactivate() => IsActive = true;
}

/// <summary>A staff member's role within a family-doctor team.</summary>
public enum TeamRole
{
    /// <summary>团队长（全科医生）</summary>
    TeamLeader = 1,
    /// <summary>全科医生</summary>
    GeneralPractitioner = 2,
    /// <summary>护士</summary>
    Nurse = 3,
    /// <summary>公卫人员</summary>
    PublicHealth = 4,
    /// <summary>乡村医生</summary>
    VillageDoctor = 5,
}

public static class TeamRoles
{
    public static string ChineseName(this TeamRole role) => role switch
    {
        TeamRole.TeamLeader => "团队长",
        TeamRole.GeneralPractitioner => "全科医生",
        TeamRole.Nurse => "护士",
        TeamRole.PublicHealth => "公卫人员",
        TeamRole.VillageDoctor => "乡村医生",
        _ => role.ToString(),
    };

    /// <summary>Roles that may be the responsible doctor of a contract.</summary>
    public static bool IsDoctor(this TeamRole role) =>
        role is TeamRole.TeamLeader or TeamRole.GeneralPractitioner or TeamRole.VillageDoctor;
}

/// <summary>A member of a centre's staff, in at most one team with one role there.</summary>
public sealed class StaffMember : AggregateRoot
{
    private StaffMember() { Name = string.Empty; }

    public StaffMember(Centre centre, string name, string? phone = null)
    {
        CentreId = centre.Id;
        Name = County.Required(name, "姓名");
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public int CentreId { get; private set; }
    public string Name { get; private set; }
    public string? Phone { get; private set; }
    public int? TeamId { get; private set; }
    public TeamRole? TeamRole { get; private set; }
    public bool IsActive { get; private set; } = true;

    public void JoinTeam(Team team, TeamRole role)
    {
        if (team.CentreId != CentreId)
            throw new DomainException("staff.team-centre", "只能加入本机构的家庭医生团队。");
        if (!team.IsActive)
            throw new DomainException("staff.team-inactive", "该团队已停用，不能加入。");
        TeamId = team.Id;
        TeamRole = role;
    }

    public void LeaveTeam()
    {
        TeamId = null;
        TeamRole = null;
    }

    public void Update(string name, string? phone)
    {
        Name = County.Required(name, "姓名");
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
    }

    public void Deactivate()
    {
        IsActive = false;
        LeaveTeam();
    }
}
