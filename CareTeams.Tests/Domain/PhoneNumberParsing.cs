using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain;

public class PhoneNumberParsing
{
    private static PhoneNumber Accepted(string input)
    {
        var parsed = PhoneNumber.Parse(input);
        Assert.True(parsed.Ok, $"“{input}” was refused: {parsed.Error}");
        return parsed.Value!;
    }

    [Fact]
    public void A_valid_mobile_number_is_accepted_as_a_mobile()
    {
        var phone = Accepted("13800138000");

        Assert.Equal("13800138000", phone.Value);
        Assert.True(phone.IsMobile);
        Assert.Equal("13800138000", phone.ToString());
    }

    [Theory]
    [InlineData("13012345678")]
    [InlineData("15987654321")]
    [InlineData("19900001111")]
    public void Mobiles_with_a_second_digit_from_3_to_9_are_accepted(string input)
    {
        Assert.Equal(input, Accepted(input).Value);
    }

    [Theory]
    [InlineData("+8613800138000")]
    [InlineData("+86 138 0013 8000")]
    [InlineData("+86-13800138000")]
    [InlineData("008613800138000")]
    public void The_country_code_is_dropped_from_a_mobile(string input)
    {
        var phone = Accepted(input);

        Assert.Equal("13800138000", phone.Value);
        Assert.True(phone.IsMobile);
    }

    [Theory]
    [InlineData("138 0013 8000")]
    [InlineData(" 13800138000 ")]
    [InlineData("1380 013 8000")]
    public void Spaces_in_a_mobile_are_removed(string input)
    {
        Assert.Equal("13800138000", Accepted(input).Value);
    }

    [Theory]
    [InlineData("138-0013-8000")]
    [InlineData("138-00138000")]
    [InlineData("+86-138-0013-8000")]
    public void Dashes_in_a_mobile_are_removed(string input)
    {
        Assert.Equal("13800138000", Accepted(input).Value);
    }

    [Theory]
    [InlineData("12800138000")]
    [InlineData("+86 12800138000")]
    public void A_mobile_whose_second_digit_is_2_is_refused(string input)
    {
        var parsed = PhoneNumber.Parse(input);

        Assert.False(parsed.Ok);
        Assert.Equal("手机号码第二位应为 3–9。", parsed.Error);
    }

    [Theory]
    [InlineData("10800138000")]
    [InlineData("11800138000")]
    public void A_mobile_whose_second_digit_is_0_or_1_is_refused(string input)
    {
        Assert.Equal("手机号码第二位应为 3–9。", PhoneNumber.Parse(input).Error);
    }

    [Theory]
    [InlineData("0571-87654321", "0571-87654321")]
    [InlineData("0571 8765 4321", "0571-87654321")]
    [InlineData("(0571)87654321", "0571-87654321")]
    [InlineData("（0571）87654321", "0571-87654321")]
    [InlineData("0571－87654321", "0571-87654321")] // full-width hyphen
    [InlineData("0571—87654321", "0571-87654321")] // em dash
    [InlineData("057187654321", "0571-87654321")]
    [InlineData("0571-8765432", "0571-8765432")] // seven-digit local number
    [InlineData("+86-0571-87654321", "0571-87654321")]
    public void A_landline_with_its_area_code_is_normalised_to_area_dash_number(string input, string expected)
    {
        var phone = Accepted(input);

        Assert.Equal(expected, phone.Value);
        Assert.False(phone.IsMobile);
    }

    [Theory]
    [InlineData("01065123456", "010-65123456")]
    [InlineData("02087654321", "020-87654321")]
    [InlineData("02164000000", "021-64000000")]
    public void Area_codes_010_and_02x_are_read_as_three_digits_when_there_is_no_dash(string input, string expected)
    {
        Assert.Equal(expected, Accepted(input).Value);
    }

    [Fact]
    public void The_010_number_without_a_dash_from_the_brief_is_refused_because_its_local_part_starts_with_1()
    {
        // 01012345678 splits as 010 + 12345678, and local numbers may not start with 0 or 1.
        Assert.Equal("固定电话号码应为 7–8 位，不以 0 或 1 开头。", PhoneNumber.Parse("01012345678").Error);
        Assert.Equal("固定电话号码应为 7–8 位，不以 0 或 1 开头。", PhoneNumber.Parse("010-12345678").Error);
    }

    [Fact]
    public void An_extension_is_kept_after_a_second_dash()
    {
        Assert.Equal("0571-87654321-8023", Accepted("0571-87654321-8023").Value);
    }

    [Fact]
    public void An_extension_longer_than_six_digits_is_refused()
    {
        Assert.Equal("分机号最多 6 位。", PhoneNumber.Parse("0571-87654321-1234567").Error);
    }

    [Theory]
    [InlineData("05-87654321")]
    [InlineData("05711-87654321")]
    public void An_area_code_that_is_not_3_or_4_digits_is_refused(string input)
    {
        Assert.Equal("固定电话区号应为 3–4 位，以 0 开头。", PhoneNumber.Parse(input).Error);
    }

    [Theory]
    [InlineData("0571-876543")]
    [InlineData("0571-876543210")]
    [InlineData("0571-07654321")]
    [InlineData("0571-17654321")]
    public void A_local_number_of_the_wrong_length_or_leading_digit_is_refused(string input)
    {
        Assert.Equal("固定电话号码应为 7–8 位，不以 0 或 1 开头。", PhoneNumber.Parse(input).Error);
    }

    [Theory]
    [InlineData("0571-8765a321")]
    [InlineData("0571--87654321")]
    [InlineData("0571-87654321-")]
    public void A_landline_with_other_characters_or_empty_parts_is_refused(string input)
    {
        Assert.Equal("固定电话只能包含数字和“-”，如 0571-87654321。", PhoneNumber.Parse(input).Error);
    }

    [Theory]
    [InlineData("8765432")]
    [InlineData("87654321")]
    [InlineData("8765 4321")]
    public void A_seven_or_eight_digit_number_without_area_code_is_refused_with_its_own_message(string input)
    {
        var parsed = PhoneNumber.Parse(input);

        Assert.False(parsed.Ok);
        Assert.Equal("固定电话请加区号，如 0571-87654321。", parsed.Error);
    }

    [Theory]
    [InlineData("1380013800")]
    [InlineData("138001380001")]
    [InlineData("abc")]
    [InlineData("123456")]
    public void Anything_else_is_refused_with_the_general_message(string input)
    {
        Assert.Equal("联系电话应为 11 位手机号码或带区号的固定电话。", PhoneNumber.Parse(input).Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_number_asks_for_one(string? input)
    {
        Assert.Equal("请填写联系电话。", PhoneNumber.Parse(input).Error);
    }

    [Fact]
    public void A_stored_number_is_read_back_and_a_broken_one_throws()
    {
        Assert.Equal("0571-87654321", PhoneNumber.FromStored("0571-87654321").Value);

        var ex = Assert.Throws<DomainException>(() => PhoneNumber.FromStored("12800138000"));
        Assert.Equal("resident.phone.invalid", ex.Code);
    }

    [Fact]
    public void Two_spellings_of_one_number_are_equal()
    {
        Assert.Equal(Accepted("+86 138 0013 8000"), Accepted("13800138000"));
        Assert.NotEqual(Accepted("13800138000"), Accepted("13800138001"));
    }
}
