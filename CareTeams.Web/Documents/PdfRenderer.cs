using SkiaSharp;

namespace CareTeams.Web.Documents;

/// <summary>
/// Renders a <see cref="PdfDocumentSpec"/> to PDF with Skia. Two passes: the layout pass places every
/// character and counts the pages; then each font face is subset (HarfBuzz) to exactly the characters
/// used, and the pages are drawn with the subset faces, which Skia embeds as CID TrueType fonts whose
/// text extracts exactly. Thread-safe; share one <see cref="DocumentFonts"/>.
/// </summary>
/// <example><code>
/// var pdf = PdfRenderer.Render(new PdfDocumentSpec
/// {
///     Title = "家庭医生签约服务协议书",
///     CreatedAt = clock.Now,
///     Blocks = [new Heading("家庭医生签约服务协议书"), new Paragraph("甲方：……")],
/// }, fonts);
/// </code></example>
public static class PdfRenderer
{
    /// <summary>The document as PDF bytes.</summary>
    public static byte[] Render(PdfDocumentSpec spec, DocumentFonts fonts) => Render(spec, fonts, subsetFonts: true);

    /// <summary>
    /// The document as PDF bytes; <paramref name="subsetFonts"/> false embeds the whole font faces
    /// (megabytes: for comparison and diagnosis only).
    /// </summary>
    public static byte[] Render(PdfDocumentSpec spec, DocumentFonts fonts, bool subsetFonts)
    {
        using var output = new MemoryStream();
        Render(spec, fonts, output, subsetFonts);
        return output.ToArray();
    }

    /// <summary>Writes the document as PDF to <paramref name="output"/>.</summary>
    public static void Render(PdfDocumentSpec spec, DocumentFonts fonts, Stream output, bool subsetFonts = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        Draw(spec, fonts, buffer, subsetFonts);
        var pdf = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        PdfDates.Rewrite(pdf, spec.CreatedAt);
        output.Write(pdf);
    }

    private static void Draw(PdfDocumentSpec spec, DocumentFonts fonts, Stream output, bool subsetFonts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(fonts);

        var (pages, width, height) = PageLayout.Run(spec, fonts);

        // Every character each face draws, then one subset per face.
        var used = new SortedSet<int>[fonts.FaceCount];
        foreach (var op in pages.SelectMany(p => p).OfType<TextOp>())
            (used[op.Slot] ??= []).UnionWith(op.CodePoints);

        var typefaces = new SKTypeface?[fonts.FaceCount];
        var owned = new List<IDisposable>();
        var skFonts = new Dictionary<(int Slot, float Size), SKFont>();
        try
        {
            for (var slot = 0; slot < used.Length; slot++)
            {
                if (used[slot] is not { Count: > 0 } codePoints)
                    continue;
                if (!subsetFonts)
                {
                    typefaces[slot] = fonts.Face(slot).Typeface;
                    continue;
                }
                var data = SKData.CreateCopy(fonts.Face(slot).Subset(codePoints));
                owned.Add(data);
                var typeface = SKTypeface.FromData(data)
                    ?? throw new InvalidOperationException($"Skia could not load the font subset of {fonts.Face(slot).Path}.");
                owned.Add(typeface);
                typefaces[slot] = typeface;
            }

            var metadata = new SKDocumentPdfMetadata
            {
                Title = spec.Title,
                Author = spec.Author,
                Subject = spec.Subject,
                Keywords = spec.Keywords,
                Creator = "CareTeams",
                Producer = "CareTeams",
                // Placeholders: SkiaSharp derives the offset it writes from the machine's time zone, and
                // wrongly west of UTC; PdfDates.Rewrite puts the real dates in afterwards.
                Creation = spec.CreatedAt.LocalDateTime,
                Modified = spec.CreatedAt.LocalDateTime,
                RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
                EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
            };
            using var document = SKDocument.CreatePdf(output, metadata)
                ?? throw new InvalidOperationException("Skia could not start a PDF document.");
            using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
            using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, IsAntialias = true };
            foreach (var page in pages)
            {
                var canvas = document.BeginPage(width, height);
                foreach (var op in page)
                {
                    switch (op)
                    {
                        case RectOp rect:
                            if (rect.Fill is { } fillColor)
                            {
                                fill.Color = fillColor;
                                canvas.DrawRect(rect.Rect, fill);
                            }
                            if (rect.Stroke is { } strokeColor)
                            {
                                stroke.Color = strokeColor;
                                stroke.StrokeWidth = rect.StrokeWidth;
                                canvas.DrawRect(rect.Rect, stroke);
                            }
                            break;
                        case LineOp line:
                            stroke.Color = line.Color;
                            stroke.StrokeWidth = line.Width;
                            canvas.DrawLine(line.X1, line.Y1, line.X2, line.Y2, stroke);
                            break;
                        case TextOp text:
                            DrawText(canvas, text, FontFor(text.Slot, text.Size), fill);
                            break;
                    }
                }
                document.EndPage();
            }
            document.Close();
        }
        finally
        {
            foreach (var font in skFonts.Values)
                font.Dispose();
            for (var i = owned.Count - 1; i >= 0; i--)
                owned[i].Dispose();
        }

        SKFont FontFor(int slot, float size)
        {
            if (!skFonts.TryGetValue((slot, size), out var font))
            {
                font = FontFace.CreateFont(typefaces[slot]!, size);
                skFonts[(slot, size)] = font;
            }
            return font;
        }
    }

    private static void DrawText(SKCanvas canvas, TextOp text, SKFont font, SKPaint paint)
    {
        var glyphs = new ushort[text.CodePoints.Length];
        font.GetGlyphs(text.CodePoints, glyphs);
        using var builder = new SKTextBlobBuilder();
        builder.AddHorizontalRun(glyphs, font, text.Xs, text.Baseline);
        using var blob = builder.Build();
        if (blob is null)
            return;
        paint.Color = text.Color;
        canvas.DrawText(blob, 0, 0, paint);
    }
}
