using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Tests.Domain;

public class ResidentDetailsValidation
{
    private static readonly DateOnly Today = TestDates.Today;

    private static (ResidentDetails? Details, IReadOnlyList<ValidationError> Errors) Validate(ResidentInput input) =>
        ResidentDetails.Validate(input, Today);

    private static ValidationError SingleErrorOn(ResidentInput input, string field)
    {
        var (details, errors) = Validate(input);
        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        return error;
    }

    [Fact]
    public void Valid_input_gives_details_with_sex_and_date_of_birth_from_the_id_number()
    {
        var input = new ResidentBuilder()
            .WithName(" 王小红 ")
            .WithSex(Sex.Female)
            .WithBirthDate(1958, 3, 8)
            .WithPhone("+86 139 1234 5678")
            .WithAddress("  东村 3 组 12 号  ")
            .Living(LivingArrangement.CareInstitution)
            .WithTags(KeyPopulation.Hypertension)
            .Input();

        var (details, errors) = Validate(input);

        Assert.Empty(errors);
        Assert.NotNull(details);
        Assert.Equal("王小红", details.Name);
        Assert.Equal(input.IdNumber, details.IdNumber.Value);
        Assert.Equal(Sex.Female, details.Sex);
        Assert.Equal(new DateOnly(1958, 3, 8), details.DateOfBirth);
        Assert.Equal("13912345678", details.Phone!.Value);
        Assert.Equal("东村 3 组 12 号", details.Address);
        Assert.Equal(LivingArrangement.CareInstitution, details.LivingArrangement);
        Assert.Equal(KeyPopulation.Hypertension, details.Tags);
    }

    [Fact]
    public void Sex_and_date_of_birth_may_be_left_out_and_are_taken_from_the_id_number()
    {
        var input = new ResidentInput { Name = "张三", IdNumber = "11010519491231002x", Phone = "13800138000" };

        var (details, errors) = Validate(input);

        Assert.Empty(errors);
        Assert.Equal(Sex.Female, details!.Sex);
        Assert.Equal(new DateOnly(1949, 12, 31), details.DateOfBirth);
        Assert.Equal("11010519491231002X", details.IdNumber.Value);
        Assert.Null(details.Address);
        Assert.Equal(LivingArrangement.Home, details.LivingArrangement);
    }

    [Fact]
    public void Every_error_is_reported_at_once_each_on_its_field()
    {
        var id = ResidentIdNumber.Compose("330106", new DateOnly(1980, 5, 20), 123); // a man born 1980-05-20
        var input = new ResidentInput
        {
            Name = "张3",
            IdNumber = id.Value,
            Sex = Sex.Female,
            DateOfBirth = new DateOnly(1980, 5, 21),
            Phone = "12800138000",
            Address = "<script>",
            LivingArrangement = (LivingArrangement)0,
            Tags = KeyPopulation.Elderly65,
        };

        var (details, errors) = Validate(input);

        Assert.Null(details);
        Assert.Equal(
            ["Name", "Sex", "DateOfBirth", "Phone", "Address", "LivingArrangement", "Tags"],
            errors.Select(e => e.Field));
    }

    [Fact]
    public void A_missing_name_and_a_bad_id_number_are_both_reported()
    {
        var (details, errors) = Validate(new ResidentInput { Name = "  ", IdNumber = "110105194912310021", Phone = "13800138000" });

        Assert.Null(details);
        Assert.Collection(errors,
            e => Assert.Equal(new ValidationError("Name", "请填写姓名。"), e),
            e => Assert.Equal(new ValidationError("IdNumber", "身份证号码校验位不正确，请核对是否输错。"), e));
    }

    [Fact]
    public void A_sex_that_disagrees_with_the_id_number_is_an_error_on_Sex()
    {
        var input = new ResidentBuilder().WithSex(Sex.Male).Input() with { Sex = Sex.Female };

        var error = SingleErrorOn(input, "Sex");

        Assert.Equal("性别与身份证号码不符：号码显示为男性。", error.Message);
    }

    [Fact]
    public void A_date_of_birth_that_disagrees_with_the_id_number_is_an_error_on_DateOfBirth()
    {
        var input = new ResidentBuilder().WithBirthDate(1980, 5, 20).Input() with { DateOfBirth = new DateOnly(1980, 2, 5) };

        var error = SingleErrorOn(input, "DateOfBirth");

        Assert.Equal("出生日期与身份证号码不符：号码显示为 1980-05-20。", error.Message);
    }

    [Fact]
    public void Sex_and_date_of_birth_both_disagreeing_give_two_errors()
    {
        var input = new ResidentBuilder().WithSex(Sex.Female).WithBirthDate(1990, 1, 1).Input()
            with { Sex = Sex.Male, DateOfBirth = new DateOnly(1991, 1, 1) };

        var (_, errors) = Validate(input);

        Assert.Equal(["Sex", "DateOfBirth"], errors.Select(e => e.Field));
        Assert.Contains("女性", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_adult_without_a_phone_number_is_refused()
    {
        var input = new ResidentBuilder().WithBirthDate(2007, 6, 15).WithoutPhone().Input(); // 18 today

        var error = SingleErrorOn(input, "Phone");

        Assert.Equal("请填写联系电话（成年居民必填）。", error.Message);
    }

    [Theory]
    [InlineData(2007, 6, 16)] // 18 tomorrow
    [InlineData(2018, 6, 15)]
    [InlineData(2025, 6, 15)] // born today
    public void A_child_without_a_phone_number_is_accepted(int year, int month, int day)
    {
        var input = new ResidentBuilder().WithBirthDate(year, month, day).WithoutPhone().Input() with { Phone = "   " };

        var (details, errors) = Validate(input);

        Assert.Empty(errors);
        Assert.Null(details!.Phone);
    }

    [Fact]
    public void A_childs_phone_number_given_must_still_be_valid()
    {
        var input = new ResidentBuilder().WithBirthDate(2020, 1, 1).WithPhone("8765432").Input();

        Assert.Equal("固定电话请加区号，如 0571-87654321。", SingleErrorOn(input, "Phone").Message);
    }

    [Fact]
    public void A_missing_phone_is_not_reported_when_the_id_number_is_unreadable()
    {
        // Without a readable ID number the age is unknown, so only the ID number is reported.
        var (_, errors) = Validate(new ResidentInput { Name = "张三", IdNumber = "123" });

        Assert.Equal(["IdNumber"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("张<三")]
    [InlineData("<b>张三</b>")]
    [InlineData("张三2")]
    [InlineData("1234")]
    [InlineData("张三!")]
    [InlineData("张\t三")]
    public void A_name_with_angle_brackets_digits_or_other_symbols_is_refused(string name)
    {
        var input = new ResidentBuilder().WithName(name).Input();

        var error = SingleErrorOn(input, "Name");

        Assert.Equal("姓名只能包含汉字、字母、间隔号“·”和空格。", error.Message);
    }

    [Theory]
    [InlineData("·")]
    [InlineData("· ·")]
    public void A_name_of_only_separators_is_refused(string name)
    {
        var error = SingleErrorOn(new ResidentBuilder().WithName(name).Input(), "Name");

        Assert.Equal("姓名中至少要有一个汉字或字母。", error.Message);
    }

    [Fact]
    public void A_name_longer_than_30_characters_is_refused()
    {
        var error = SingleErrorOn(new ResidentBuilder().WithName(new string('张', 31)).Input(), "Name");

        Assert.Equal("姓名最多 30 个字。", error.Message);
        Assert.Empty(Validate(new ResidentBuilder().WithName(new string('张', 30)).Input()).Errors);
    }

    [Theory]
    [InlineData("阿卜杜拉•艾力")] // U+2022 bullet
    [InlineData("阿卜杜拉・艾力")] // U+30FB katakana middle dot
    [InlineData("阿卜杜拉．艾力")] // U+FF0E full-width full stop
    [InlineData("阿卜杜拉·艾力")] // already U+00B7
    public void Interpuncts_typed_any_way_are_stored_as_the_middle_dot(string name)
    {
        var (details, errors) = Validate(new ResidentBuilder().WithName(name).Input());

        Assert.Empty(errors);
        Assert.Equal("阿卜杜拉\u00B7艾力", details!.Name);
    }

    [Theory]
    [InlineData("Anna Smith")]
    [InlineData("李 Mary")]
    [InlineData("欧阳娜娜")]
    public void Names_with_latin_letters_and_spaces_are_accepted(string name)
    {
        var (details, errors) = Validate(new ResidentBuilder().WithName(name).Input());

        Assert.Empty(errors);
        Assert.Equal(name, details!.Name);
    }

    [Theory]
    [InlineData("东村<3组>")]
    [InlineData("东村\u00073组")]
    public void An_address_with_angle_brackets_or_control_characters_is_refused(string address)
    {
        var error = SingleErrorOn(new ResidentBuilder().WithAddress(address).Input(), "Address");

        Assert.Equal("地址不能包含尖括号或控制字符。", error.Message);
    }

    [Fact]
    public void An_address_longer_than_200_characters_is_refused()
    {
        var error = SingleErrorOn(new ResidentBuilder().WithAddress(new string('村', 201)).Input(), "Address");

        Assert.Equal("地址最多 200 个字。", error.Message);
    }

    [Fact]
    public void A_blank_address_is_stored_as_none()
    {
        var (details, _) = Validate(new ResidentBuilder().WithAddress("   ").Input());

        Assert.Null(details!.Address);
    }

    [Fact]
    public void An_undefined_living_arrangement_is_refused()
    {
        var input = new ResidentBuilder().Living((LivingArrangement)7).Input();

        Assert.Equal("请选择居住状态。", SingleErrorOn(input, "LivingArrangement").Message);
    }

    [Fact]
    public void An_id_number_born_after_today_is_reported_on_IdNumber()
    {
        var input = new ResidentBuilder().WithBirthDate(Today.AddDays(1)).WithoutPhone().Input();

        Assert.Equal("身份证号码中的出生日期晚于今天。", SingleErrorOn(input, "IdNumber").Message);
    }
}
