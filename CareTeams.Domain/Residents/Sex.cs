namespace CareTeams.Domain.Residents;

/// <summary>Sex as GB/T 2261.1 codes it (1 男, 2 女), the values the resident ID number encodes.</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}
