using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Assessments;

/// <summary>
/// ICD-10 diagnosis codes (疾病分类代码): a letter, two digits for the category (I10, F03), and optionally a dot and
/// up to seven further characters of digits or <c>x</c> for the subcategory and the extension codes of the Chinese
/// clinical edition (E11.9, S72.00, I10.x00x002). Input is trimmed and upper-cased; a lower-case <c>x</c> in the
/// extension is normalised to upper case like the rest.
/// </summary>
public static class Icd10
{
    public const int MaxLength = 11;

    /// <summary>The code normalised (trimmed, upper case), or why it is not an ICD-10 code.</summary>
    public static Parsed<string> Parse(string? input)
    {
        var code = input?.Trim().ToUpperInvariant() ?? string.Empty;
        if (code.Length == 0)
            return Parsed<string>.Failure("请填写 ICD-10 编码。");
        return IsWellFormed(code)
            ? Parsed<string>.Success(code)
            : Parsed<string>.Failure($"“{input!.Trim()}”不是有效的 ICD-10 编码（应为一个字母加两位数字，可带小数点后的细分码，如 I10、E11.9）。");
    }

    /// <summary>The chapter letter and category number (F03.9 → ('F', 3)), or null when the code is not well formed.</summary>
    public static (char Letter, int Number)? Category(string? code)
    {
        var normalised = code?.Trim().ToUpperInvariant();
        return normalised is not null && IsWellFormed(normalised)
            ? (normalised[0], (normalised[1] - '0') * 10 + (normalised[2] - '0'))
            : null;
    }

    private static bool IsWellFormed(string code)
    {
        if (code.Length < 3 || code.Length > MaxLength || !char.IsAsciiLetterUpper(code[0])
            || !char.IsAsciiDigit(code[1]) || !char.IsAsciiDigit(code[2]))
            return false;
        if (code.Length == 3)
            return true;
        return code[3] == '.' && code.Length > 4 && code[4..].All(c => char.IsAsciiDigit(c) || c == 'X');
    }
}
