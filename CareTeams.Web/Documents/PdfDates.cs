using System.Globalization;
using System.Text;

namespace CareTeams.Web.Documents;

/// <summary>
/// Writes the document's creation and modification dates into the Info dictionary Skia wrote, in place.
/// SkiaSharp turns a DateTime into a PDF date with the hour difference between the machine's local time
/// and UTC as the offset: the bytes then depend on the server's time zone, and west of UTC the offset
/// is wrong ("+20'00'" in New York). Both dates have the fixed-width form D:YYYYMMDDHHmmSS+HH'mm', so
/// they are replaced with the same number of bytes and the cross-reference offsets stay right.
/// </summary>
internal static class PdfDates
{
    private const int DateLength = 23; // D:20250314093000+08'00'

    public static void Rewrite(Span<byte> pdf, DateTimeOffset when)
    {
        var date = Encoding.ASCII.GetBytes(Format(when));
        Replace(pdf, "/CreationDate ("u8, date);
        Replace(pdf, "/ModDate ("u8, date);
    }

    /// <summary>The PDF date of <paramref name="when"/> in its own offset, e.g. D:20250314093000+08'00'.</summary>
    public static string Format(DateTimeOffset when)
    {
        var offset = when.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"D:{when:yyyyMMddHHmmss}{sign}{offset.Hours:00}'{offset.Minutes:00}'");
    }

    private static void Replace(Span<byte> pdf, ReadOnlySpan<byte> key, ReadOnlySpan<byte> date)
    {
        // The Info dictionary comes after the pages; search from the end.
        var at = pdf.LastIndexOf(key);
        if (at < 0)
            return;
        var value = pdf.Slice(at + key.Length);
        if (value.Length <= DateLength || value[DateLength] != (byte)')' || !IsPdfDate(value[..DateLength]))
            return; // not the form expected: leave Skia's date
        date.CopyTo(value);
    }

    private static bool IsPdfDate(ReadOnlySpan<byte> text)
    {
        if (text[0] != 'D' || text[1] != ':' || text[16] is not ((byte)'+' or (byte)'-') || text[19] != '\'' || text[22] != '\'')
            return false;
        for (var i = 2; i < DateLength; i++)
        {
            if (i is 16 or 19 or 22)
                continue;
            if (text[i] is < (byte)'0' or > (byte)'9')
                return false;
        }
        return true;
    }
}
