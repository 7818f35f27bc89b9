using System.Text;

namespace CareTeams.Domain.Residents;

/// <summary>
/// The pinyin initials of a Chinese name (张三丰 → ZSF), so staff can search by typing them.
/// The 3,755 level-1 characters of GB 2312 are ordered by pinyin, so a character's code range
/// gives its initial; the level-2 characters common in names are listed by hand. A character
/// with no known initial is left out; Latin letters are kept.
/// </summary>
public static class PinyinInitials
{
    private static readonly Encoding Gb2312;

    // First code of each initial's run in GB 2312 level 1 (A … Z without I, U, V), then the end.
    private static readonly int[] RunStarts =
        [0xB0A1, 0xB0C5, 0xB2C1, 0xB4EE, 0xB6EA, 0xB7A2, 0xB8C1, 0xB9FE, 0xBBF7, 0xBFA6, 0xC0AC, 0xC2E8,
         0xC4C3, 0xC5B6, 0xC5BE, 0xC6DA, 0xC8BB, 0xC8F6, 0xCBFA, 0xCDDA, 0xCEF4, 0xD1B9, 0xD4D1, 0xD7FA];
    private const string RunInitials = "ABCDEFGHJKLMNOPQRSTWXYZ";

    private static readonly Dictionary<char, char> Level2 = BuildLevel2();

    static PinyinInitials()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb2312 = Encoding.GetEncoding(936);
    }

    public static string Of(string name)
    {
        var result = new StringBuilder(name.Length);
        Span<byte> bytes = stackalloc byte[4];
        Span<char> one = stackalloc char[1];
        foreach (var c in name)
        {
            if (char.IsAsciiLetter(c))
            {
                result.Append(char.ToUpperInvariant(c));
                continue;
            }
            if (Level2.TryGetValue(c, out var initial))
            {
                result.Append(initial);
                continue;
            }
            if (c < 0x4E00 || c > 0x9FFF)
                continue;
            one[0] = c;
            // Code page 936 is GBK, a superset: a GB 2312 character has both bytes at 0xA1 or above.
            if (Gb2312.GetBytes(one, bytes) != 2 || bytes[1] < 0xA1)
                continue;
            var code = (bytes[0] << 8) | bytes[1];
            if (code < RunStarts[0] || code >= RunStarts[^1])
                continue;
            var run = Array.BinarySearch(RunStarts, code);
            if (run < 0)
                run = ~run - 1;
            result.Append(RunInitials[run]);
        }
        return result.ToString();
    }

    private static Dictionary<char, char> BuildLevel2()
    {
        // Level-2 GB 2312 characters (ordered by radical, not pinyin) that are common in names.
        var lists = new (char Initial, string Characters)[]
        {
            ('B', "彬蓓璧焙"), ('C', "琛宸琤岑"), ('D', "岱迪棣"), ('F', "芙馥"), ('G', "皋珙"),
            ('H', "昊晗泓皓珩翰桦瀚"), ('J', "璟瑾菁骏珈婕靖婧珏"), ('K', "珂琨"), ('L', "琳璐蕾伶俐琅潞珑"),
            ('M', "淼铭"), ('N', "妮"), ('P', "芃"), ('Q', "琪琦祺茜"), ('R', "睿芮嵘"), ('S', "珊偲晟"),
            ('T', "婷彤"), ('W', "薇炜玮"), ('X', "萱璇馨昕煦"), ('Y', "瑶媛妍瑜芸嫣翊钰沂煜昱颖怡"), ('Z', "峥梓"),
        };
        var map = new Dictionary<char, char>();
        foreach (var (initial, characters) in lists)
        {
            foreach (var c in characters)
                map[c] = initial;
        }
        return map;
    }
}
