using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace CareTeams.Web.Documents;

/// <summary>The <c>Documents</c> configuration section.</summary>
public sealed class DocumentFontOptions
{
    public const string SectionName = "Documents";

    /// <summary>
    /// <c>Documents:FontPath</c>: a TrueType font (.ttf, or a .ttc collection) with Chinese glyphs. Unset:
    /// the usual fonts of the platform are searched (WenQuanYi on Debian, Microsoft YaHei/SimSun on Windows).
    /// </summary>
    public string? FontPath { get; set; }

    /// <summary><c>Documents:FontIndex</c>: which face of a .ttc collection (0 for the first).</summary>
    public int FontIndex { get; set; }

    /// <summary>
    /// <c>Documents:LatinFontPath</c>: a TrueType font for digits and Latin letters, used only when the
    /// Chinese font has none (Droid Sans Fallback). Unset: DejaVu Sans, Liberation Sans or Arial.
    /// </summary>
    public string? LatinFontPath { get; set; }
}

/// <summary>
/// The fonts documents are drawn with: a TrueType face with Chinese glyphs first, and a Latin face after
/// it when the Chinese one lacks digits. Each character is drawn with the first face that has it. Loads
/// the faces once (make it a singleton); thread-safe. Throws <see cref="InvalidOperationException"/>,
/// naming the setting <c>Documents:FontPath</c>, when no usable font is found.
/// </summary>
public sealed class DocumentFonts : IDisposable
{
    private const string ChineseProbe = "中文家庭医生签约服务协议书";
    private const string LatinProbe = "0123456789ABCXYZabcxyz,.";

    private readonly FontFace[] _faces;
    private readonly FontFace? _latinFirst;

    public DocumentFonts(IOptions<DocumentFontOptions> options) : this(options.Value)
    {
    }

    public DocumentFonts(DocumentFontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var primary = string.IsNullOrWhiteSpace(options.FontPath)
            ? FindDefaultChineseFace()
            : LoadConfiguredChineseFace(options.FontPath.Trim(), options.FontIndex);

        if (primary.HasAll(LatinProbe))
        {
            _faces = [primary];
        }
        else
        {
            var latin = string.IsNullOrWhiteSpace(options.LatinFontPath)
                ? FindDefaultLatinFace(primary)
                : LoadConfiguredLatinFace(options.LatinFontPath.Trim(), primary);
            _faces = [primary, latin];
            _latinFirst = latin;
        }
    }

    /// <summary>The fonts of <paramref name="fontPath"/> (face <paramref name="fontIndex"/> of a .ttc), as if configured.</summary>
    public static DocumentFonts FromFile(string fontPath, int fontIndex = 0) =>
        new(new DocumentFontOptions { FontPath = fontPath, FontIndex = fontIndex });

    /// <summary>The platform's default Chinese font, as with no configuration.</summary>
    public static DocumentFonts FindDefault() => new(new DocumentFontOptions());

    /// <summary>Where a Chinese font is looked for when <c>Documents:FontPath</c> is unset, in order.</summary>
    public static IReadOnlyList<string> DefaultFontPaths()
    {
        if (OperatingSystem.IsWindows())
        {
            var fonts = WindowsFontsFolder();
            return [Path.Combine(fonts, "msyh.ttc"), Path.Combine(fonts, "simsun.ttc"),
                Path.Combine(fonts, "simhei.ttf"), Path.Combine(fonts, "Deng.ttf")];
        }
        if (OperatingSystem.IsMacOS())
            return ["/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/Supplemental/Songti.ttc",
                "/Library/Fonts/Arial Unicode.ttf", "/System/Library/Fonts/Supplemental/Arial Unicode.ttf"];
        // Debian/Ubuntu first (fonts-wqy-microhei, fonts-wqy-zenhei), then Fedora's folders. Noto Sans CJK is
        // left out on purpose: its CFF outlines are embedded as Type 3 glyphs. Droid Sans Fallback last: it
        // has no digits and needs a Latin font beside it.
        return ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf"];
    }

    /// <summary>The faces in fallback order; the first is the Chinese one.</summary>
    public IReadOnlyList<DocumentFontFace> Faces => _faces.Select(f => f.Describe()).ToList();

    internal FontFace Face(int slot) => _faces[slot];

    internal int FaceCount => _faces.Length;

    internal FontFace Primary => _faces[0];

    /// <summary>The face slot that draws <paramref name="codePoint"/>: the first face with a glyph for it, else the Chinese face (.notdef).</summary>
    internal int SlotFor(int codePoint)
    {
        if (_latinFirst is not null && codePoint < 0x0250 && _latinFirst.Has(codePoint))
            return Array.IndexOf(_faces, _latinFirst);
        for (var i = 0; i < _faces.Length; i++)
        {
            if (_faces[i].Has(codePoint))
                return i;
        }
        return 0;
    }

    public void Dispose()
    {
        foreach (var face in _faces)
            face.Dispose();
    }

    private static FontFace LoadConfiguredChineseFace(string path, int index)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"The font set in Documents:FontPath does not exist: \"{path}\". Set Documents:FontPath to a TrueType font " +
                $"with Chinese glyphs, e.g. {ExampleFont()}. " +
                $"配置项 Documents:FontPath 指定的字体文件不存在：“{path}”。请改为含中文字形的 TrueType 字体。");

        var face = FontFace.TryLoad(path, index, out var problem)
            ?? throw new InvalidOperationException(
                $"The font set in Documents:FontPath (\"{path}\", face {index}) cannot be used: {problem}. " +
                $"配置项 Documents:FontPath 指定的字体无法使用。");
        if (!face.HasAll(ChineseProbe))
        {
            face.Dispose();
            throw new InvalidOperationException(
                $"The font set in Documents:FontPath (\"{path}\", face {index}) has no Chinese glyphs. Set Documents:FontPath " +
                $"to a TrueType font with Chinese glyphs, e.g. {ExampleFont()}. " +
                $"配置项 Documents:FontPath 指定的字体不含中文字形，请改为含中文字形的 TrueType 字体。");
        }
        return face;
    }

    private static FontFace FindDefaultChineseFace()
    {
        var tried = new List<string>();
        foreach (var path in DefaultFontPaths())
        {
            if (!File.Exists(path))
                continue;
            var face = FontFace.TryLoad(path, 0, out var problem);
            if (face is not null && face.HasAll(ChineseProbe))
                return face;
            face?.Dispose();
            tried.Add($"{path} ({problem ?? "no Chinese glyphs"})");
        }
        throw new InvalidOperationException(
            "No font with Chinese glyphs was found for documents. Set Documents:FontPath to a TrueType font with Chinese " +
            $"glyphs, e.g. {ExampleFont()}. Looked for: {string.Join(", ", DefaultFontPaths())}" +
            (tried.Count > 0 ? $"; unusable: {string.Join(", ", tried)}" : "") + ". " +
            "未找到含中文字形的字体：请在配置项 Documents:FontPath 中指定含中文字形的 TrueType 字体（Debian 可安装 fonts-wqy-microhei）。");
    }

    private static FontFace LoadConfiguredLatinFace(string path, FontFace primary)
    {
        var face = File.Exists(path) ? FontFace.TryLoad(path, 0, out _) : null;
        if (face is null || !face.HasAll(LatinProbe))
        {
            face?.Dispose();
            primary.Dispose();
            throw new InvalidOperationException(
                $"The font set in Documents:LatinFontPath (\"{path}\") is missing or has no digits and Latin letters; the " +
                $"Chinese font from Documents:FontPath ({primary.Path}) needs one beside it. " +
                "配置项 Documents:LatinFontPath 指定的字体不存在或不含数字与拉丁字母。");
        }
        return face;
    }

    private static FontFace FindDefaultLatinFace(FontFace primary)
    {
        string[] candidates = OperatingSystem.IsWindows()
            ? [Path.Combine(WindowsFontsFolder(), "arial.ttf"), Path.Combine(WindowsFontsFolder(), "segoeui.ttf")]
            : OperatingSystem.IsMacOS()
                ? ["/System/Library/Fonts/Supplemental/Arial.ttf", "/Library/Fonts/Arial.ttf"]
                : ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf"];
        foreach (var path in candidates.Where(File.Exists))
        {
            var face = FontFace.TryLoad(path, 0, out _);
            if (face is not null && face.HasAll(LatinProbe))
                return face;
            face?.Dispose();
        }
        primary.Dispose();
        throw new InvalidOperationException(
            $"The Chinese font {primary.Path} has no digits or Latin letters, and no Latin font was found beside it. Set " +
            "Documents:FontPath to a font that has both (e.g. WenQuanYi Micro Hei), or Documents:LatinFontPath to a Latin " +
            "TrueType font (e.g. DejaVu Sans, Debian package fonts-dejavu-core). " +
            "所配字体不含数字与拉丁字母：请在配置项 Documents:FontPath 中改用文泉驿微米黑等字体，或在 Documents:LatinFontPath 中指定拉丁字体。");
    }

    private static string WindowsFontsFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts");

    private static string ExampleFont() => OperatingSystem.IsWindows()
        ? @"C:\Windows\Fonts\msyh.ttc (Microsoft YaHei)"
        : "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc (Debian package fonts-wqy-microhei)";
}

/// <summary>A face documents are drawn with, as loaded.</summary>
public sealed record DocumentFontFace(string Path, int Index, string FamilyName);

/// <summary>
/// One loaded TrueType face: the Skia typeface that measures text, and the HarfBuzz face that subsets
/// it per document (kept, so HarfBuzz's cached tables make later subsets fast).
/// </summary>
internal sealed class FontFace : IDisposable
{
    private const float MeasureSize = 1000f;

    private readonly HarfBuzzSharp.Blob _blob;
    private readonly HarfBuzzSharp.Face _face;
    private readonly Lock _subsetLock = new();
    private readonly ConcurrentDictionary<int, float> _advances = new(); // per 1 pt of size; < 0: no glyph

    private FontFace(string path, int index, SKTypeface typeface, HarfBuzzSharp.Blob blob, HarfBuzzSharp.Face face)
    {
        Path = path;
        Index = index;
        Typeface = typeface;
        _blob = blob;
        _face = face;
        using var font = CreateFont(typeface, 1f);
        var metrics = font.Metrics;
        Ascent = -metrics.Ascent;
        Descent = metrics.Descent;
    }

    public string Path { get; }
    public int Index { get; }

    /// <summary>The whole face, for measuring only: what is drawn is the subset.</summary>
    public SKTypeface Typeface { get; }

    /// <summary>Ascent and descent for 1 pt of size (both positive).</summary>
    public float Ascent { get; }
    public float Descent { get; }

    public static FontFace? TryLoad(string path, int index, out string? problem)
    {
        HarfBuzzSharp.Blob? blob = null;
        HarfBuzzSharp.Face? face = null;
        SKTypeface? typeface = null;
        try
        {
            blob = HarfBuzzSharp.Blob.FromFile(path);
            if (blob.FaceCount == 0 || index < 0 || index >= blob.FaceCount)
            {
                problem = blob.FaceCount == 0 ? "not a font file" : $"it has {blob.FaceCount} faces, index {index} is out of range";
                return Fail();
            }
            face = new HarfBuzzSharp.Face(blob, index);
            var tables = face.Tables;
            if (!tables.Contains(new HarfBuzzSharp.Tag('g', 'l', 'y', 'f')))
            {
                problem = tables.Contains(new HarfBuzzSharp.Tag('C', 'F', 'F', ' '))
                    ? "it has CFF (PostScript) outlines, which Skia embeds as Type 3 glyphs; use a TrueType (glyf) font"
                    : "it has no TrueType outlines";
                return Fail();
            }
            typeface = SKTypeface.FromFile(path, index);
            if (typeface is null)
            {
                problem = "Skia cannot read it";
                return Fail();
            }
            problem = null;
            return new FontFace(path, index, typeface, blob, face);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or DllNotFoundException)
        {
            problem = e.Message;
            return Fail();
        }

        FontFace? Fail()
        {
            typeface?.Dispose();
            face?.Dispose();
            blob?.Dispose();
            return null;
        }
    }

    public DocumentFontFace Describe() => new(Path, Index, Typeface.FamilyName);

    public bool Has(int codePoint) => AdvancePerPoint(codePoint) >= 0;

    public bool HasAll(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Has(rune.Value))
                return false;
        }
        return true;
    }

    /// <summary>The advance width for 1 pt of size, or -1 when the face has no glyph for it.</summary>
    public float AdvancePerPoint(int codePoint) => _advances.GetOrAdd(codePoint, static (cp, self) =>
    {
        var glyph = self.Typeface.GetGlyph(cp);
        if (glyph == 0)
            return -1f;
        using var font = CreateFont(self.Typeface, MeasureSize);
        Span<float> widths = stackalloc float[1];
        font.GetGlyphWidths([glyph], widths, Span<SKRect>.Empty);
        return widths[0] / MeasureSize;
    }, this);

    /// <summary>This face cut down to <paramref name="codePoints"/>, as TrueType bytes.</summary>
    public byte[] Subset(IReadOnlyCollection<int> codePoints)
    {
        lock (_subsetLock)
            return FontSubsetter.Subset(_face.Handle, codePoints);
    }

    /// <summary>A font that measures and draws alike: unhinted, linear advances, subpixel positions.</summary>
    public static SKFont CreateFont(SKTypeface typeface, float size) => new(typeface, size)
    {
        Hinting = SKFontHinting.None,
        LinearMetrics = true,
        Subpixel = true,
        Edging = SKFontEdging.Antialias,
    };

    public void Dispose()
    {
        _face.Dispose();
        _blob.Dispose();
        Typeface.Dispose();
    }
}
