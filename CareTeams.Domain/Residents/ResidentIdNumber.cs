using System.Globalization;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Residents;

/// <summary>
/// A resident ID number (居民身份证号码) under GB 11643-1999: a 6-digit region code, the date of
/// birth as YYYYMMDD, a 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2
/// check character. Only a number that passes every rule can be constructed.
/// </summary>
public sealed class ResidentIdNumber : IEquatable<ResidentIdNumber>
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Province-level prefixes of GB/T 2260 (71 台湾, 81 香港, 82 澳门, 83 港澳台居民居住证).</summary>
    private static readonly HashSet<string> ProvinceCodes =
    [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ];

    private ResidentIdNumber(string value)
    {
        Value = value;
        DateOfBirth = DateOnly.ParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);
        Sex = (value[16] - '0') % 2 == 1 ? Sex.Male : Sex.Female;
    }

    /// <summary>The 18 characters, with a final <c>X</c> in upper case.</summary>
    public string Value { get; }

    public string RegionCode => Value[..6];
    public DateOnly DateOfBirth { get; }
    public Sex Sex { get; }

    /// <summary>The form shown in lists: the first 6 and last 4 characters, the rest hidden.</summary>
    public string Masked => Mask(Value);

    /// <summary>Masks any stored ID number the way lists show it (first 6 and last 4 shown).</summary>
    public static string Mask(string value) =>
        value.Length <= 10 ? new string('*', value.Length) : string.Concat(value.AsSpan(0, 6), new string('*', value.Length - 10), value.AsSpan(value.Length - 4));

    /// <summary>Reads a number typed by a user; <paramref name="today"/> bounds the date of birth.</summary>
    public static Parsed<ResidentIdNumber> Parse(string? input, DateOnly today)
    {
        var text = (input ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (text.Length == 0)
            return Parsed<ResidentIdNumber>.Failure("请填写身份证号码。");
        if (text.Length != 18)
            return Parsed<ResidentIdNumber>.Failure($"身份证号码应为 18 位，现为 {text.Length} 位。");
        text = text.ToUpperInvariant();
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return Parsed<ResidentIdNumber>.Failure("身份证号码前 17 位只能是数字。");
        }
        if (!char.IsAsciiDigit(text[17]) && text[17] != 'X')
            return Parsed<ResidentIdNumber>.Failure("身份证号码最后一位只能是数字或 X。");
        if (!ProvinceCodes.Contains(text[..2]) || text.AsSpan(2, 4).SequenceEqual("0000"))
            return Parsed<ResidentIdNumber>.Failure($"身份证号码的地区码 {text[..6]} 无效。");
        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            return Parsed<ResidentIdNumber>.Failure($"身份证号码中的出生日期 {text.Substring(6, 8)} 不是有效日期。");
        if (born > today)
            return Parsed<ResidentIdNumber>.Failure("身份证号码中的出生日期晚于今天。");
        if (born.Year < 1890)
            return Parsed<ResidentIdNumber>.Failure("身份证号码中的出生年份过早。");
        if (text.AsSpan(14, 3).SequenceEqual("000"))
            return Parsed<ResidentIdNumber>.Failure("身份证号码的顺序码不能为 000。");
        var expected = CheckCharacterOf(text.AsSpan(0, 17));
        if (text[17] != expected)
            return Parsed<ResidentIdNumber>.Failure("身份证号码校验位不正确，请核对是否输错。");
        return Parsed<ResidentIdNumber>.Success(new ResidentIdNumber(text));
    }

    /// <summary>Reads a number already validated and stored (no date bound); throws on a broken one.</summary>
    public static ResidentIdNumber FromStored(string value)
    {
        var parsed = Parse(value, DateOnly.MaxValue);
        return parsed.Ok ? parsed.Value! : throw new DomainException("resident.id-number.invalid", parsed.Error!);
    }

    /// <summary>Builds the valid number for a region, date of birth and sequence (1–999).</summary>
    public static ResidentIdNumber Compose(string regionCode, DateOnly dateOfBirth, int sequence)
    {
        if (regionCode.Length != 6 || !regionCode.All(char.IsAsciiDigit))
            throw new ArgumentException("The region code has six digits.", nameof(regionCode));
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{dateOfBirth:yyyyMMdd}{sequence:000}");
        return new ResidentIdNumber(first17 + CheckCharacterOf(first17));
    }

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacterOf(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += (first17[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    public bool Equals(ResidentIdNumber? other) => other is not null && other.Value == Value;
    public override bool Equals(object? obj) => Equals(obj as ResidentIdNumber);
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Value;
}
