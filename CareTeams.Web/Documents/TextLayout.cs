using System.Text;
using SkiaSharp;

namespace CareTeams.Web.Documents;

/// <summary>One character as laid out: its code point, the face slot that draws it, its advance in points.</summary>
internal readonly record struct LaidGlyph(int CodePoint, int Slot, float Advance);

/// <summary>
/// What cannot be broken inside: one Chinese character (with any closing mark after it or opening mark
/// before it), one Latin word, or one space.
/// </summary>
internal sealed class TextUnit(bool isSpace)
{
    public bool IsSpace { get; } = isSpace;
    public List<LaidGlyph> Glyphs { get; } = [];
    public float Width { get; private set; }

    public void Add(LaidGlyph glyph)
    {
        Glyphs.Add(glyph);
        Width += glyph.Advance;
    }

    public void Append(TextUnit other)
    {
        foreach (var glyph in other.Glyphs)
            Add(glyph);
    }
}

/// <summary>One line of a paragraph: the units on it, less trailing spaces.</summary>
internal sealed class TextLine(float indent, bool startsHardLine)
{
    public float Indent { get; } = indent;
    public bool StartsHardLine { get; } = startsHardLine;
    public List<TextUnit> Units { get; } = [];
    public float Width { get; private set; }

    /// <summary>The last line before a <c>\n</c> or the end of the text: never stretched by justification.</summary>
    public bool EndsHardLine { get; set; }

    public bool IsEmpty => Units.Count == 0;

    public void Add(TextUnit unit)
    {
        Units.Add(unit);
        Width += unit.Width;
    }

    public void TrimTrailingSpaces()
    {
        while (Units.Count > 0 && Units[^1].IsSpace)
        {
            Width -= Units[^1].Width;
            Units.RemoveAt(Units.Count - 1);
        }
    }
}

/// <summary>Breaks text into lines: Chinese between any two characters, Latin between words.</summary>
internal sealed class TextLayout(DocumentFonts fonts)
{
    // Marks that may not start a line (they stay with what precedes them) ...
    private const string NoBreakBefore =
        "!%),.:;?]}¢°·'\"’”‰′″℃、。〃〆〉》」』】〕〗〙〛〞〟！＂％＇），．：；？］｝～｡｣､･ーぁぃぅぇぉっゃゅょゎ々…‥";
    // ... and marks that may not end one (they stay with what follows them).
    private const string NoBreakAfter = "([{£¥$‘“〈《「『【〔〖〘〚〝（［｛＄￡￥#＃";

    public float Advance(int codePoint, float size, out int slot)
    {
        slot = fonts.SlotFor(codePoint);
        var perPoint = fonts.Face(slot).AdvancePerPoint(codePoint);
        return perPoint < 0 ? size * 0.5f : perPoint * size;
    }

    public float Measure(string text, float size)
    {
        var width = 0f;
        foreach (var rune in text.EnumerateRunes())
            width += Advance(rune.Value, size, out _);
        return width;
    }

    /// <summary>Ascent of the Chinese face for <paramref name="size"/> (positive).</summary>
    public float Ascent(float size) => fonts.Primary.Ascent * size;

    public float Descent(float size) => fonts.Primary.Descent * size;

    /// <summary>
    /// The lines of <paramref name="text"/> in a column <paramref name="width"/> points wide. Every line
    /// after a <c>\n</c> (and the first) is indented by <paramref name="firstLineIndent"/> points.
    /// An empty text gives one empty line.
    /// </summary>
    public List<TextLine> Break(string text, float size, float width, float firstLineIndent = 0)
    {
        var lines = new List<TextLine>();
        var hardLines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        foreach (var hardLine in hardLines)
        {
            var indent = Math.Min(firstLineIndent, width / 2);
            var line = new TextLine(indent, startsHardLine: true);
            var pending = new List<TextUnit>();
            foreach (var unit in Tokenize(hardLine, size))
            {
                if (unit.IsSpace)
                {
                    if (!line.IsEmpty || line.StartsHardLine)
                        pending.Add(unit);
                    continue;
                }

                var spaces = pending.Sum(u => u.Width);
                if (line.Width + spaces + unit.Width <= width - line.Indent + 0.01f)
                {
                    foreach (var space in pending)
                        line.Add(space);
                    line.Add(unit);
                    pending.Clear();
                    continue;
                }

                // The unit goes to the next line; spaces before it (or leading spaces that leave no room) go.
                pending.Clear();
                if (!line.IsEmpty)
                {
                    line.TrimTrailingSpaces();
                    lines.Add(line);
                    line = new TextLine(0, startsHardLine: false);
                }
                line = PlaceOnEmptyLine(unit, line, width, lines);
            }
            line.TrimTrailingSpaces();
            line.EndsHardLine = true;
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Puts a unit on an empty line, cutting it between characters if it is wider than the line.</summary>
    private static TextLine PlaceOnEmptyLine(TextUnit unit, TextLine line, float width, List<TextLine> lines)
    {
        if (unit.Width <= width - line.Indent + 0.01f)
        {
            line.Add(unit);
            return line;
        }
        var piece = new TextUnit(isSpace: false);
        foreach (var glyph in unit.Glyphs)
        {
            if (piece.Glyphs.Count > 0 && piece.Width + glyph.Advance > width - line.Indent + 0.01f)
            {
                line.Add(piece);
                lines.Add(line);
                line = new TextLine(0, startsHardLine: false);
                piece = new TextUnit(isSpace: false);
            }
            piece.Add(glyph);
        }
        line.Add(piece);
        return line;
    }

    private List<TextUnit> Tokenize(string text, float size)
    {
        var raw = new List<TextUnit>();
        TextUnit? word = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var codePoint = rune.Value switch
            {
                '\t' => ' ',
                // Kangxi radicals (⽣ U+2F63) look like the ideographs (生 U+751F) and share their glyphs in most
                // fonts, so one of them would extract as the other: draw the ideograph.
                >= 0x2F00 and <= 0x2FD5 => rune.ToString().Normalize(NormalizationForm.FormKC)[0],
                _ => rune.Value,
            };
            if (codePoint < 0x20 || codePoint is >= 0x7F and < 0xA0 || codePoint is 0x200B or 0xFEFF)
                continue; // control characters and zero-width marks are not drawn
            var advance = Advance(codePoint, size, out var slot);
            var glyph = new LaidGlyph(codePoint, slot, advance);
            if (codePoint == ' ')
            {
                word = null;
                var space = new TextUnit(isSpace: true);
                space.Add(glyph);
                raw.Add(space);
            }
            else if (IsBreakableEverywhere(codePoint))
            {
                word = null;
                var single = new TextUnit(isSpace: false);
                single.Add(glyph);
                raw.Add(single);
            }
            else
            {
                if (word is null)
                {
                    word = new TextUnit(isSpace: false);
                    raw.Add(word);
                }
                word.Add(glyph);
            }
        }

        // Keep closing marks with what precedes them and opening marks with what follows.
        var units = new List<TextUnit>(raw.Count);
        foreach (var unit in raw)
        {
            if (units.Count > 0 && !unit.IsSpace && !units[^1].IsSpace
                && (NoBreakBefore.Contains(AsString(unit.Glyphs[0].CodePoint), StringComparison.Ordinal)
                    || NoBreakAfter.Contains(AsString(units[^1].Glyphs[^1].CodePoint), StringComparison.Ordinal)))
            {
                units[^1].Append(unit);
            }
            else
            {
                units.Add(unit);
            }
        }
        return units;
    }

    private static string AsString(int codePoint) => char.ConvertFromUtf32(codePoint);

    /// <summary>Characters of scripts written without spaces (Chinese, Japanese, Korean) and their punctuation.</summary>
    internal static bool IsBreakableEverywhere(int c) =>
        c is >= 0x2E80 and <= 0x2FFF      // radicals, ideographic description
            or >= 0x3000 and <= 0x33FF    // CJK punctuation, kana, bopomofo, enclosed, compatibility
            or >= 0x3400 and <= 0x4DBF    // Extension A
            or >= 0x4E00 and <= 0x9FFF    // Unified ideographs
            or >= 0xA960 and <= 0xA97F
            or >= 0xAC00 and <= 0xD7AF    // Hangul
            or >= 0xF900 and <= 0xFAFF    // compatibility ideographs
            or >= 0xFE30 and <= 0xFE4F    // vertical forms
            or >= 0xFF00 and <= 0xFFEF    // full-width forms
            or >= 0x20000 and <= 0x3FFFF  // Extensions B and on
            or 0x2014 or 0x2026;          // —— and …… as used in Chinese
}

/// <summary>Something to draw on a page, in points from the page's top-left corner.</summary>
internal abstract record DrawOp;

/// <summary>Characters of one face at one size on one baseline; <see cref="Xs"/> holds each one's left edge.</summary>
internal sealed record TextOp(int Slot, float Size, float Baseline, int[] CodePoints, float[] Xs, SKColor Color) : DrawOp;

internal sealed record LineOp(float X1, float Y1, float X2, float Y2, float Width, SKColor Color) : DrawOp;

internal sealed record RectOp(SKRect Rect, SKColor? Fill, SKColor? Stroke, float StrokeWidth = 0.5f) : DrawOp;
