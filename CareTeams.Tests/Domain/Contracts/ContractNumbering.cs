using CareTeams.Domain.Contracts;

namespace CareTeams.Tests.Domain.Contracts;

public class ContractNumbering
{
    [Theory]
    [InlineData("DEMO01", 1, "DEMO01-000001")]
    [InlineData("WS01", 123456, "WS01-123456")]
    [InlineData("WS01", 1234567, "WS01-1234567")]
    public void The_printed_number_is_the_centre_code_and_the_sequence_padded_to_six_digits(string centreCode, int sequence, string expected)
    {
        Assert.Equal(expected, Contract.NumberOf(centreCode, sequence));
    }
}
