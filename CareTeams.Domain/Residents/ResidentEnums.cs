namespace CareTeams.Domain.Residents;

/// <summary>Where a resident lives: at home (居家) or in a care institution (机构).</summary>
public enum LivingArrangement
{
    Home = 1,
    CareInstitution = 2,
}

/// <summary>A resident is never deleted: they move away or die, and the record stays.</summary>
public enum ResidentStatus
{
    Active = 1,
    MovedAway = 2,
    Deceased = 3,
}

public static class ResidentTerms
{
    public static string ChineseName(this Sex sex) => sex == Sex.Male ? "男" : "女";

    public static string ChineseName(this LivingArrangement living) =>
        living == LivingArrangement.Home ? "居家" : "机构养老";

    public static string ChineseName(this ResidentStatus status) => status switch
    {
        ResidentStatus.Active => "在册",
        ResidentStatus.MovedAway => "已迁出",
        ResidentStatus.Deceased => "已死亡",
        _ => status.ToString(),
    };
}
