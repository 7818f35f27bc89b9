using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain;

public class ResidentIdNumberParsing
{
    private static readonly DateOnly Today = TestDates.Today;

    /// <summary>An independent GB 11643-1999 check character, written from the standard, to cross-check the domain's.</summary>
    private static char ReferenceCheckCharacter(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return "10X98765432"[sum % 11];
    }

    /// <summary>The first 17 characters plus their correct check character (for bodies Compose cannot make).</summary>
    private static string WithCheckCharacter(string first17) => first17 + ReferenceCheckCharacter(first17);

    [Fact]
    public void A_commonly_cited_number_ending_in_X_is_valid()
    {
        // 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2   (first 17 digits)
        // 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (weights)
        // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; "10X98765432"[2] = 'X'.
        var parsed = ResidentIdNumber.Parse("11010519491231002X", Today);

        Assert.True(parsed.Ok, parsed.Error);
        var id = parsed.Value!;
        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal("110105", id.RegionCode);
        Assert.Equal(new DateOnly(1949, 12, 31), id.DateOfBirth);
        Assert.Equal(Sex.Female, id.Sex); // sequence 002 is even
        Assert.Equal('X', ResidentIdNumber.CheckCharacterOf("11010519491231002"));
    }

    [Fact]
    public void A_number_whose_check_character_is_a_digit_is_valid()
    {
        // 3 3 0 1 0 6 1 9 8 0 0 1 0 1 1 2 3
        // 21+27+0+5+0+24+2+9+48+0+0+9+0+5+8+8+6 = 172; 172 mod 11 = 7; "10X98765432"[7] = '5'.
        var parsed = ResidentIdNumber.Parse("330106198001011235", Today);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(new DateOnly(1980, 1, 1), parsed.Value!.DateOfBirth);
        Assert.Equal(Sex.Male, parsed.Value.Sex); // sequence 123 is odd
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310029")]
    [InlineData("330106198001011234")]
    [InlineData("33010619800101123X")]
    public void A_wrong_check_character_is_refused(string input)
    {
        var parsed = ResidentIdNumber.Parse(input, Today);

        Assert.False(parsed.Ok);
        Assert.Null(parsed.Value);
        Assert.Equal("身份证号码校验位不正确，请核对是否输错。", parsed.Error);
    }

    [Fact]
    public void A_single_mistyped_body_digit_is_caught_by_the_check_character()
    {
        // 1949 → 1948: a real date still, so only the check character can catch it.
        var parsed = ResidentIdNumber.Parse("11010519481231002X", Today);

        Assert.Equal("身份证号码校验位不正确，请核对是否输错。", parsed.Error);
    }

    [Fact]
    public void A_lowercase_x_is_normalised_to_upper_case()
    {
        var parsed = ResidentIdNumber.Parse("11010519491231002x", Today);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal("11010519491231002X", parsed.Value!.Value);
        Assert.Equal("11010519491231002X", parsed.Value.ToString());
    }

    [Fact]
    public void Surrounding_and_inner_spaces_are_ignored()
    {
        var parsed = ResidentIdNumber.Parse("  110105 19491231 002X ", Today);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal("11010519491231002X", parsed.Value!.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_number_asks_for_one(string? input)
    {
        Assert.Equal("请填写身份证号码。", ResidentIdNumber.Parse(input, Today).Error);
    }

    [Theory]
    [InlineData("11010519491231002", 17)]
    [InlineData("11010519491231002X1", 19)]
    [InlineData("110105491231002", 15)] // the old first-generation 15-digit number
    public void A_number_that_is_not_18_characters_long_is_refused_with_its_length(string input, int length)
    {
        var parsed = ResidentIdNumber.Parse(input, Today);

        Assert.False(parsed.Ok);
        Assert.Equal($"身份证号码应为 18 位，现为 {length} 位。", parsed.Error);
    }

    [Theory]
    [InlineData("1101051949A231002X")]
    [InlineData("11010519491231O02X")] // letter O typed for zero
    [InlineData("X10105194912310021")]
    [InlineData("１10105194912310021")] // a full-width digit
    public void Letters_in_the_first_17_characters_are_refused(string input)
    {
        Assert.Equal("身份证号码前 17 位只能是数字。", ResidentIdNumber.Parse(input, Today).Error);
    }

    [Fact]
    public void A_last_character_other_than_a_digit_or_X_is_refused()
    {
        Assert.Equal("身份证号码最后一位只能是数字或 X。", ResidentIdNumber.Parse("11010519491231002Y", Today).Error);
    }

    [Theory]
    [InlineData("990105")] // no province 99
    [InlineData("000000")]
    [InlineData("100105")] // no province 10
    [InlineData("110000")] // a province with no prefecture or county
    [InlineData("330000")]
    public void A_number_from_an_invalid_region_is_refused(string regionCode)
    {
        // Compose does not check the region, so the check character is right and only the region is wrong.
        var number = ResidentIdNumber.Compose(regionCode, new DateOnly(1980, 1, 1), 123).Value;

        var parsed = ResidentIdNumber.Parse(number, Today);

        Assert.False(parsed.Ok);
        Assert.Equal($"身份证号码的地区码 {regionCode} 无效。", parsed.Error);
    }

    [Theory]
    [InlineData("710000")] // 台湾 is refused as a whole province code, like any xx0000
    [InlineData("820000")]
    public void A_special_region_prefix_still_needs_a_code_below_the_province(string regionCode)
    {
        var number = ResidentIdNumber.Compose(regionCode, new DateOnly(1980, 1, 1), 123).Value;

        Assert.False(ResidentIdNumber.Parse(number, Today).Ok);
    }

    [Theory]
    [InlineData("110101")]
    [InlineData("830100")]
    [InlineData("654001")]
    [InlineData("330106")]
    public void Region_codes_below_a_known_province_are_accepted(string regionCode)
    {
        var number = ResidentIdNumber.Compose(regionCode, new DateOnly(1980, 1, 1), 123).Value;

        Assert.True(ResidentIdNumber.Parse(number, Today).Ok);
    }

    [Theory]
    [InlineData("20230230")]
    [InlineData("20230229")] // 2023 is not a leap year
    [InlineData("19001301")]
    [InlineData("19800100")]
    [InlineData("19800431")]
    public void An_impossible_date_of_birth_is_refused(string yyyymmdd)
    {
        var number = WithCheckCharacter("110105" + yyyymmdd + "123");

        var parsed = ResidentIdNumber.Parse(number, Today);

        Assert.Equal($"身份证号码中的出生日期 {yyyymmdd} 不是有效日期。", parsed.Error);
    }

    [Fact]
    public void The_29th_of_February_of_a_leap_year_is_a_real_date_of_birth()
    {
        var parsed = ResidentIdNumber.Parse(WithCheckCharacter("110105" + "20000229" + "123"), Today);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(new DateOnly(2000, 2, 29), parsed.Value!.DateOfBirth);
    }

    [Fact]
    public void A_date_of_birth_after_today_is_refused()
    {
        var number = ResidentIdNumber.Compose("110105", Today.AddDays(1), 123).Value;

        var parsed = ResidentIdNumber.Parse(number, Today);

        Assert.Equal("身份证号码中的出生日期晚于今天。", parsed.Error);
    }

    [Fact]
    public void The_future_is_judged_against_the_today_argument_not_the_clock()
    {
        var number = ResidentIdNumber.Compose("110105", new DateOnly(2020, 3, 10), 123).Value;

        Assert.False(ResidentIdNumber.Parse(number, new DateOnly(2020, 3, 9)).Ok);
        Assert.True(ResidentIdNumber.Parse(number, new DateOnly(2020, 3, 10)).Ok); // born today
    }

    [Fact]
    public void A_birth_year_before_1890_is_refused()
    {
        // 4 4 0 5 2 4 1 8 8 0 0 1 0 1 0 0 1 → 195; 195 mod 11 = 8 → '4': a valid check character, but 1880 is too early.
        Assert.Equal("身份证号码中的出生年份过早。", ResidentIdNumber.Parse("440524188001010014", Today).Error);
    }

    [Fact]
    public void Sequence_000_is_refused()
    {
        var number = WithCheckCharacter("110105" + "19800101" + "000");

        Assert.Equal("身份证号码的顺序码不能为 000。", ResidentIdNumber.Parse(number, Today).Error);
    }

    [Theory]
    [InlineData(1, Sex.Male)]
    [InlineData(2, Sex.Female)]
    [InlineData(9, Sex.Male)]
    [InlineData(10, Sex.Female)]
    [InlineData(457, Sex.Male)]
    [InlineData(998, Sex.Female)]
    [InlineData(999, Sex.Male)]
    public void Sex_follows_the_parity_of_the_17th_digit(int sequence, Sex expected)
    {
        var number = WithCheckCharacter("330106" + "19800101" + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture));

        var parsed = ResidentIdNumber.Parse(number, Today);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(expected, parsed.Value!.Sex);
    }

    [Fact]
    public void Masked_shows_the_first_6_and_last_4_characters_only()
    {
        var id = ResidentIdNumber.Parse("11010519491231002X", Today).Value!;

        Assert.Equal("110105********002X", id.Masked);
        Assert.Equal(18, id.Masked.Length);
    }

    [Theory]
    [InlineData("330106198001011235", "330106********1235")]
    [InlineData("1234567890", "**********")]
    [InlineData("12345678901", "123456*8901")]
    [InlineData("", "")]
    public void Mask_hides_everything_between_the_first_6_and_last_4(string value, string expected)
    {
        Assert.Equal(expected, ResidentIdNumber.Mask(value));
    }

    [Theory]
    [InlineData("110105", 1949, 12, 31, 2)]
    [InlineData("330106", 1980, 1, 1, 1)]
    [InlineData("330106", 2000, 2, 29, 999)]
    [InlineData("440304", 2025, 6, 15, 458)]
    [InlineData("650102", 1890, 1, 1, 37)]
    [InlineData("810101", 1999, 9, 9, 100)]
    public void Compose_produces_numbers_that_Parse_accepts(string region, int year, int month, int day, int sequence)
    {
        var born = new DateOnly(year, month, day);

        var composed = ResidentIdNumber.Compose(region, born, sequence);
        var parsed = ResidentIdNumber.Parse(composed.Value, Today);

        Assert.True(parsed.Ok, parsed.Error);
        Assert.Equal(composed, parsed.Value);
        Assert.Equal(18, composed.Value.Length);
        Assert.Equal(region, composed.RegionCode);
        Assert.Equal(born, composed.DateOfBirth);
        Assert.Equal(sequence % 2 == 1 ? Sex.Male : Sex.Female, composed.Sex);
        Assert.Equal(ReferenceCheckCharacter(composed.Value[..17]), composed.Value[17]);
    }

    [Fact]
    public void Compose_reproduces_the_commonly_cited_example()
    {
        Assert.Equal("11010519491231002X", ResidentIdNumber.Compose("110105", new DateOnly(1949, 12, 31), 2).Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Compose_refuses_a_sequence_outside_1_to_999(int sequence)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdNumber.Compose("110105", new DateOnly(1980, 1, 1), sequence));
    }

    [Theory]
    [InlineData("11010")]
    [InlineData("1101055")]
    [InlineData("11010A")]
    public void Compose_refuses_a_region_code_that_is_not_six_digits(string region)
    {
        Assert.Throws<ArgumentException>(() => ResidentIdNumber.Compose(region, new DateOnly(1980, 1, 1), 1));
    }

    [Fact]
    public void A_stored_number_is_read_back_whatever_today_is()
    {
        var id = ResidentIdNumber.FromStored("11010519491231002X");

        Assert.Equal(new DateOnly(1949, 12, 31), id.DateOfBirth);
    }

    [Fact]
    public void A_broken_stored_number_throws_a_domain_exception()
    {
        var ex = Assert.Throws<DomainException>(() => ResidentIdNumber.FromStored("110105194912310021"));

        Assert.Equal("resident.id-number.invalid", ex.Code);
        Assert.Equal("身份证号码校验位不正确，请核对是否输错。", ex.Message);
    }

    [Fact]
    public void Two_numbers_are_equal_when_their_values_are()
    {
        var upper = ResidentIdNumber.Parse("11010519491231002X", Today).Value!;
        var lower = ResidentIdNumber.Parse("11010519491231002x", Today).Value!;
        var other = ResidentIdNumber.Parse("330106198001011235", Today).Value!;

        Assert.Equal(upper, lower);
        Assert.Equal(upper.GetHashCode(), lower.GetHashCode());
        Assert.NotEqual(upper, other);
    }
}
