using CareTeams.Domain.Residents;

namespace CareTeams.Tests.Infrastructure;

/// <summary>Valid resident form input for tests that go through <c>ResidentDirectory</c> like a page does.</summary>
public static class ResidentInputs
{
    /// <summary>
    /// A form as a user would fill it in: a valid ID number of the test county's region (330122) for the
    /// date of birth and sex, and the given phone. <paramref name="sequence"/> (1–499) keeps numbers apart.
    /// </summary>
    public static ResidentInput Valid(string name, DateOnly dateOfBirth, Sex sex, int sequence, string? phone = "13900139000",
        string? address = "东村1号", KeyPopulation tags = KeyPopulation.None)
    {
        // GB 11643: an odd sequence is a man, an even one a woman.
        var code = (sequence * 2) + (sex == Sex.Male ? 1 : 0);
        return new ResidentInput
        {
            Name = name,
            IdNumber = ResidentIdNumber.Compose("330122", dateOfBirth, code).Value,
            Sex = sex,
            DateOfBirth = dateOfBirth,
            Phone = phone,
            Address = address,
            Tags = tags,
        };
    }
}
