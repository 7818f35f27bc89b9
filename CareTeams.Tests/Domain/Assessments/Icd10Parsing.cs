using CareTeams.Domain.Assessments;

namespace CareTeams.Tests.Domain.Assessments;

public class Icd10Parsing
{
    [Theory]
    [InlineData("I10", "I10")]
    [InlineData(" e11.9 ", "E11.9")]
    [InlineData("S72.00", "S72.00")]
    [InlineData("i10.x00x002", "I10.X00X002")]
    [InlineData("F03", "F03")]
    public void Well_formed_codes_are_normalised(string input, string code)
    {
        var parsed = Icd10.Parse(input);

        Assert.True(parsed.Ok);
        Assert.Equal(code, parsed.Value);
    }

    [Theory]
    [InlineData("I1")]
    [InlineData("I1O")]
    [InlineData("110")]
    [InlineData("I10.")]
    [InlineData("I10-9")]
    [InlineData("E11.9A")]
    [InlineData("I10.x00x0021")]
    [InlineData("高血压")]
    public void Malformed_codes_are_refused_in_chinese(string input)
    {
        var parsed = Icd10.Parse(input);

        Assert.False(parsed.Ok);
        Assert.Equal($"“{input}”不是有效的 ICD-10 编码（应为一个字母加两位数字，可带小数点后的细分码，如 I10、E11.9）。", parsed.Error);
    }

    [Fact]
    public void A_blank_code_is_asked_for()
    {
        Assert.Equal("请填写 ICD-10 编码。", Icd10.Parse("  ").Error);
        Assert.Equal("请填写 ICD-10 编码。", Icd10.Parse(null).Error);
    }

    [Theory]
    [InlineData("F03.9", 'F', 3)]
    [InlineData("f20", 'F', 20)]
    [InlineData("I10", 'I', 10)]
    public void The_category_is_the_letter_and_number(string code, char letter, int number) =>
        Assert.Equal((letter, number), Icd10.Category(code));

    [Fact]
    public void A_malformed_code_has_no_category_and_counts_as_no_mental_disorder()
    {
        Assert.Null(Icd10.Category("F0"));
        Assert.False(new Diagnosis("F0x").IsDementia);
    }
}
