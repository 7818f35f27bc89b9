using System.Text;
using CareTeams.Domain.SeedWork;

namespace CareTeams.Domain.Residents;

/// <summary>
/// A mainland Chinese phone number: an 11-digit mobile (1[3-9]x xxxx xxxx) or a landline with its
/// area code (0 + 2–3 digits, then 7–8 digits, optional extension). Stored normalised: digits only
/// for a mobile, <c>0xxx-xxxxxxx[-ext]</c> for a landline.
/// </summary>
public sealed record PhoneNumber
{
    private PhoneNumber(string value, bool isMobile)
    {
        Value = value;
        IsMobile = isMobile;
    }

    public string Value { get; }
    public bool IsMobile { get; }

    public static Parsed<PhoneNumber> Parse(string? input)
    {
        var raw = (input ?? string.Empty).Trim();
        if (raw.Length == 0)
            return Parsed<PhoneNumber>.Failure("请填写联系电话。");
        var compact = new StringBuilder();
        foreach (var c in raw)
        {
            if (c is ' ' or '(' or ')' or '（' or '）')
                continue;
            compact.Append(c is '－' or '—' ? '-' : c);
        }
        var text = compact.ToString();
        if (text.StartsWith("+86", StringComparison.Ordinal))
            text = text[3..].TrimStart('-');
        else if (text.StartsWith("0086", StringComparison.Ordinal))
            text = text[4..].TrimStart('-');

        // A mobile is often written 138-0013-8000: the dashes carry no meaning there.
        var mobile = text.Replace("-", string.Empty, StringComparison.Ordinal);
        if (mobile.All(char.IsAsciiDigit) && mobile.Length == 11 && mobile[0] == '1')
        {
            return mobile[1] is >= '3' and <= '9'
                ? Parsed<PhoneNumber>.Success(new PhoneNumber(mobile, isMobile: true))
                : Parsed<PhoneNumber>.Failure("手机号码第二位应为 3–9。");
        }

        if (text.Length > 0 && text[0] == '0')
        {
            var parts = text.Split('-');
            if (parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
                return Parsed<PhoneNumber>.Failure("固定电话只能包含数字和“-”，如 0571-87654321。");
            string area, local;
            string? extension = null;
            if (parts.Length == 1)
            {
                // 010 / 02x are three-digit area codes, the rest four digits.
                var areaLength = text[1] is '1' or '2' ? 3 : 4;
                area = text[..Math.Min(areaLength, text.Length)];
                local = text.Length > areaLength ? text[areaLength..] : string.Empty;
            }
            else
            {
                area = parts[0];
                local = parts[1];
                extension = parts.Length > 2 ? string.Join(string.Empty, parts.Skip(2)) : null;
            }
            if (area.Length is < 3 or > 4)
                return Parsed<PhoneNumber>.Failure("固定电话区号应为 3–4 位，以 0 开头。");
            if (local.Length is < 7 or > 8 || local[0] is '0' or '1')
                return Parsed<PhoneNumber>.Failure("固定电话号码应为 7–8 位，不以 0 或 1 开头。");
            if (extension is { Length: > 6 })
                return Parsed<PhoneNumber>.Failure("分机号最多 6 位。");
            var normalised = extension is null ? $"{area}-{local}" : $"{area}-{local}-{extension}";
            return Parsed<PhoneNumber>.Success(new PhoneNumber(normalised, isMobile: false));
        }

        if (text.All(char.IsAsciiDigit) && text.Length is 7 or 8)
            return Parsed<PhoneNumber>.Failure("固定电话请加区号，如 0571-87654321。");
        return Parsed<PhoneNumber>.Failure("联系电话应为 11 位手机号码或带区号的固定电话。");
    }

    /// <summary>Reads a number already validated and stored; throws on a broken one.</summary>
    public static PhoneNumber FromStored(string value)
    {
        var parsed = Parse(value);
        return parsed.Ok ? parsed.Value! : throw new DomainException("resident.phone.invalid", parsed.Error!);
    }

    public override string ToString() => Value;
}
