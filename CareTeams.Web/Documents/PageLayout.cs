using System.Globalization;
using SkiaSharp;

namespace CareTeams.Web.Documents;

/// <summary>
/// The measure pass: flows a spec's blocks down pages and returns, per page, what to draw where. Nothing
/// is drawn here, so the renderer knows every character (and the page count) before it embeds a font.
/// </summary>
internal sealed class PageLayout
{
    public const float A4Width = 595.2756f;  // 210 mm
    public const float A4Height = 841.8898f; // 297 mm

    private static readonly SKColor Ink = SKColors.Black;
    private static readonly SKColor Muted = new(0x55, 0x55, 0x55);
    private static readonly SKColor Rule = new(0x44, 0x44, 0x44);
    private static readonly SKColor HeaderFill = new(0xEC, 0xEC, 0xEC);
    private static readonly SKColor TotalsFill = new(0xF5, 0xF5, 0xF5);
    private const float RuleWidth = 0.5f;
    private const float RunningTextSize = ChineseFontSize.XiaoWu;

    private readonly PdfDocumentSpec _spec;
    private readonly TextLayout _text;
    private readonly List<List<DrawOp>> _pages = [];
    private float _y;

    private PageLayout(PdfDocumentSpec spec, DocumentFonts fonts)
    {
        _spec = spec;
        _text = new TextLayout(fonts);
        (PageWidth, PageHeight) = spec.Orientation == PageOrientation.Landscape ? (A4Height, A4Width) : (A4Width, A4Height);
        var m = spec.Margins;
        Left = m.Left;
        Top = m.Top;
        Right = PageWidth - m.Right;
        Bottom = PageHeight - m.Bottom;
        if (Right - Left < 72 || Bottom - Top < 72)
            throw new ArgumentException("The page margins leave less than an inch for the content.", nameof(spec));
        NewPage();
    }

    public float PageWidth { get; }
    public float PageHeight { get; }
    private float Left { get; }
    private float Top { get; }
    private float Right { get; }
    private float Bottom { get; }
    private float Width => Right - Left;
    private List<DrawOp> Page => _pages[^1];
    private bool AtTop => _y <= Top + 0.01f;

    /// <summary>Lays the spec out: one list of draw operations per page, header and footer included.</summary>
    public static (List<List<DrawOp>> Pages, float Width, float Height) Run(PdfDocumentSpec spec, DocumentFonts fonts)
    {
        var layout = new PageLayout(spec, fonts);
        var blocks = spec.Blocks;
        for (var i = 0; i < blocks.Count; i++)
            layout.Place(blocks[i], i + 1 < blocks.Count ? blocks[i + 1] : null);
        layout.AddRunningHeadAndFoot();
        return (layout._pages, layout.PageWidth, layout.PageHeight);
    }

    private void NewPage()
    {
        _pages.Add([]);
        _y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits in what is left (or the page is still empty).</summary>
    private void EnsureRoom(float height)
    {
        if (_y + height > Bottom + 0.01f && !AtTop)
            NewPage();
    }

    private void Place(DocumentBlock block, DocumentBlock? next)
    {
        switch (block)
        {
            case Heading heading: PlaceHeading(heading, next); break;
            case Paragraph paragraph: PlaceParagraph(paragraph); break;
            case KeyValueGrid grid: PlaceGrid(grid); break;
            case Table table: PlaceTable(table); break;
            case SignatureBlock signatures: PlaceSignatures(signatures); break;
            case Spacer spacer:
                if (!AtTop)
                    _y = Math.Min(_y + Math.Max(0, spacer.Height), Bottom);
                break;
            case PageBreak:
                if (!AtTop || Page.Count > 0)
                    NewPage();
                break;
            default:
                throw new NotSupportedException($"No layout for {block.GetType().Name}.");
        }
    }

    // ---- Headings and paragraphs -------------------------------------------------------------------

    private void PlaceHeading(Heading heading, DocumentBlock? next)
    {
        var size = heading.FontSize;
        var lineHeight = size * 1.35f;
        var lines = _text.Break(heading.Text, size, Width);
        var before = AtTop ? 0 : heading.SpaceBefore;
        // Keep with next: the heading plus two lines of what follows, or start a new page.
        var keep = next is null or PageBreak ? 0 : 2 * _spec.BaseFontSize * 1.6f;
        EnsureRoom(before + lines.Count * lineHeight + heading.SpaceAfter + keep);
        _y += AtTop ? 0 : before;
        foreach (var line in lines)
        {
            EmitLine(line, Left, Width, _y, lineHeight, size, heading.Align, Ink);
            _y += lineHeight;
        }
        _y += heading.SpaceAfter;
    }

    private void PlaceParagraph(Paragraph paragraph)
    {
        var size = paragraph.FontSize ?? _spec.BaseFontSize;
        var lineHeight = size * Math.Max(1f, paragraph.LineSpacing);
        foreach (var line in _text.Break(paragraph.Text, size, Width, paragraph.FirstLineIndent * size))
        {
            EnsureRoom(lineHeight);
            EmitLine(line, Left, Width, _y, lineHeight, size, paragraph.Align, Ink);
            _y += lineHeight;
        }
        _y = Math.Min(_y + paragraph.SpaceAfter, Bottom);
    }

    // ---- Key–value grid ----------------------------------------------------------------------------

    private void PlaceGrid(KeyValueGrid grid)
    {
        var columns = Math.Clamp(grid.Columns, 1, 4);
        var size = grid.FontSize ?? _spec.BaseFontSize;
        var lineHeight = size * Math.Max(1f, grid.LineSpacing);
        const float gutter = 12f;
        var columnWidth = (Width - gutter * (columns - 1)) / columns;
        var labelWidth = Math.Min(grid.Items.Select(i => _text.Measure(i.Label, size)).DefaultIfEmpty(0).Max() + size * 0.25f,
            columnWidth * 0.45f);

        foreach (var row in PackGridRows(grid.Items, columns))
        {
            var cells = row.Select(cell =>
            {
                var width = cell.Span * columnWidth + (cell.Span - 1) * gutter;
                var label = _text.Break(cell.Item.Label, size, labelWidth);
                var value = _text.Break(cell.Item.Value, size, Math.Max(size, width - labelWidth));
                return (cell.Column, cell.Item, Width: width, Label: label, Value: value);
            }).ToList();
            var rowHeight = cells.Max(c => Math.Max(c.Label.Count, c.Value.Count)) * lineHeight;
            EnsureRoom(rowHeight);
            foreach (var cell in cells)
            {
                var x = Left + cell.Column * (columnWidth + gutter);
                var y = _y;
                foreach (var line in cell.Label)
                {
                    EmitLine(line, x, labelWidth, y, lineHeight, size, TextAlign.Left, Muted);
                    y += lineHeight;
                }
                y = _y;
                foreach (var line in cell.Value)
                {
                    EmitLine(line, x + labelWidth, cell.Width - labelWidth, y, lineHeight, size, TextAlign.Left, Ink);
                    y += lineHeight;
                }
            }
            _y += rowHeight;
        }
        _y = Math.Min(_y + grid.SpaceAfter, Bottom);
    }

    private static IEnumerable<List<(int Column, int Span, KeyValueItem Item)>> PackGridRows(IReadOnlyList<KeyValueItem> items, int columns)
    {
        var row = new List<(int Column, int Span, KeyValueItem Item)>();
        var column = 0;
        foreach (var item in items)
        {
            var span = Math.Clamp(item.Span, 1, columns);
            if (column + span > columns)
            {
                yield return row;
                row = [];
                column = 0;
            }
            row.Add((column, span, item));
            column += span;
        }
        if (row.Count > 0)
            yield return row;
    }

    // ---- Table -------------------------------------------------------------------------------------

    private sealed record TableRow(List<List<TextLine>> Cells, float Height, SKColor? Fill, bool IsHeader);

    private void PlaceTable(Table table)
    {
        if (table.Columns.Count == 0)
            return;
        var size = table.FontSize ?? _spec.BaseFontSize;
        var lineHeight = size * 1.4f;
        const float padX = 4f, padY = 3f;
        var totalWeight = table.Columns.Sum(c => Math.Max(0.01f, c.Width));
        var widths = table.Columns.Select(c => Width * Math.Max(0.01f, c.Width) / totalWeight).ToArray();
        var edges = new float[widths.Length + 1];
        edges[0] = Left;
        for (var i = 0; i < widths.Length; i++)
            edges[i + 1] = edges[i] + widths[i];
        edges[^1] = Right;

        TableRow Measure(IReadOnlyList<string?> texts, SKColor? fill, bool isHeader)
        {
            var cells = new List<List<TextLine>>(widths.Length);
            for (var c = 0; c < widths.Length; c++)
            {
                var text = c < texts.Count ? texts[c] ?? "" : "";
                cells.Add(_text.Break(text, size, Math.Max(size, widths[c] - 2 * padX)));
            }
            return new TableRow(cells, cells.Max(l => l.Count) * lineHeight + 2 * padY, fill, isHeader);
        }

        var header = Measure(table.Columns.Select(c => (string?)c.Header).ToList(), HeaderFill, isHeader: true);
        var rows = table.Rows.Select(r => Measure(r, null, isHeader: false)).ToList();
        if (table.Totals is { } totals)
            rows.Add(Measure(totals, TotalsFill, isHeader: false));

        var rowsOnPage = 0;
        var firstPage = 0;
        void StartSegment()
        {
            rowsOnPage = 0;
            if (table.RepeatHeader || _pages.Count == firstPage)
                DrawRow(header);
        }
        void EndSegment() => Page.Add(new LineOp(Left, _y, Right, _y, RuleWidth, Rule));
        void DrawRow(TableRow row)
        {
            var top = _y;
            if (row.Fill is { } fill)
                Page.Add(new RectOp(new SKRect(Left, top, Right, top + row.Height), fill, null));
            for (var c = 0; c < widths.Length; c++)
            {
                var lines = row.Cells[c];
                var align = row.IsHeader ? TextAlign.Center : table.Columns[c].Align;
                var y = top + (row.Height - lines.Count * lineHeight) / 2; // centred vertically
                foreach (var line in lines)
                {
                    EmitLine(line, edges[c] + padX, widths[c] - 2 * padX, y, lineHeight, size, align, Ink);
                    y += lineHeight;
                }
            }
            Page.Add(new LineOp(Left, top, Right, top, RuleWidth, Rule));
            foreach (var x in edges)
                Page.Add(new LineOp(x, top, x, top + row.Height, RuleWidth, Rule));
            _y = top + row.Height;
        }

        // The header and the first row start together.
        EnsureRoom(header.Height + (rows.Count > 0 ? rows[0].Height : 0));
        firstPage = _pages.Count;
        StartSegment();
        foreach (var row in rows)
        {
            // A row that does not fit goes to the next page, unless it would be alone there too.
            if (_y + row.Height > Bottom + 0.01f && rowsOnPage > 0)
            {
                EndSegment();
                NewPage();
                StartSegment();
            }
            DrawRow(row);
            rowsOnPage++;
        }
        EndSegment();
        _y = Math.Min(_y + table.SpaceAfter, Bottom);
    }

    // ---- Signatures --------------------------------------------------------------------------------

    private void PlaceSignatures(SignatureBlock block)
    {
        var boxes = block.Boxes;
        if (boxes.Count == 0)
            return;
        var size = block.FontSize ?? _spec.BaseFontSize;
        const float gap = 16f, pad = 8f;
        var lineHeight = size * 1.6f;
        var signHeight = size * 3.2f; // room to sign above the line
        var boxWidth = (Width - gap * (boxes.Count - 1)) / boxes.Count;
        var inner = boxWidth - 2 * pad;

        var measured = boxes.Select(box =>
        {
            var party = _text.Break(box.Party, size, inner);
            var extras = box.ExtraLines.SelectMany(l => _text.Break(l, size, inner)).ToList();
            var height = 2 * pad + party.Count * lineHeight + signHeight + (box.ShowDate ? signHeight : 0)
                + (extras.Count > 0 ? size * 0.4f + extras.Count * lineHeight : 0);
            return (Box: box, Party: party, Extras: extras, Height: height);
        }).ToList();
        var boxHeight = measured.Max(m => m.Height);

        var before = AtTop ? 0 : block.SpaceBefore;
        EnsureRoom(before + boxHeight);
        _y += AtTop ? 0 : before;
        var top = _y;
        for (var i = 0; i < measured.Count; i++)
        {
            var (box, party, extras, _) = measured[i];
            var x = Left + i * (boxWidth + gap);
            if (block.Bordered)
                Page.Add(new RectOp(new SKRect(x, top, x + boxWidth, top + boxHeight), null, Rule));
            var y = top + pad;
            foreach (var line in party)
            {
                EmitLine(line, x + pad, inner, y, lineHeight, size, TextAlign.Left, Ink);
                y += lineHeight;
            }

            // 签字：__________
            var baseline = y + signHeight - size * 0.6f;
            var labelEnd = EmitText(box.SignatureLabel, x + pad, baseline, size, Ink);
            Underline(labelEnd + 2, x + pad + inner, baseline, size);
            y += signHeight;

            if (box.ShowDate)
            {
                // 日期：____年__月__日, the blanks shrunk if the box is narrow.
                baseline = y + signHeight - size * 0.6f;
                var fixedWidth = _text.Measure(box.DateLabel + "年月日", size);
                float[] wanted = [3.2f * size, 2f * size, 2f * size];
                var scale = Math.Min(1f, Math.Max(0.3f, (inner - fixedWidth) / wanted.Sum()));
                var cursor = EmitText(box.DateLabel, x + pad, baseline, size, Ink);
                string[] units = ["年", "月", "日"];
                for (var u = 0; u < units.Length; u++)
                {
                    var blank = wanted[u] * scale;
                    Underline(cursor + 1, cursor + blank - 1, baseline, size);
                    cursor = EmitText(units[u], cursor + blank, baseline, size, Ink);
                }
                y += signHeight;
            }

            y += extras.Count > 0 ? size * 0.4f : 0;
            foreach (var line in extras)
            {
                EmitLine(line, x + pad, inner, y, lineHeight, size, TextAlign.Left, Ink);
                y += lineHeight;
            }
        }
        _y = Math.Min(top + boxHeight + block.SpaceAfter, Bottom);
    }

    private void Underline(float x1, float x2, float baseline, float size)
    {
        if (x2 > x1)
            Page.Add(new LineOp(x1, baseline + size * 0.15f, x2, baseline + size * 0.15f, RuleWidth, Ink));
    }

    // ---- Running header and footer -----------------------------------------------------------------

    private void AddRunningHeadAndFoot()
    {
        var total = _pages.Count;
        var size = RunningTextSize;
        for (var p = 0; p < total; p++)
        {
            var page = _pages[p];
            if (_spec.HeaderText is not null || _spec.HeaderRightText is not null)
            {
                var ruleY = Top - 10;
                var baseline = ruleY - 4 - _text.Descent(size);
                if (!string.IsNullOrEmpty(_spec.HeaderText))
                    EmitSingleLine(page, _spec.HeaderText, Left, Width, baseline, size, TextAlign.Left, Muted);
                if (!string.IsNullOrEmpty(_spec.HeaderRightText))
                    EmitSingleLine(page, _spec.HeaderRightText, Left, Width, baseline, size, TextAlign.Right, Muted);
                page.Add(new LineOp(Left, ruleY, Right, ruleY, RuleWidth, Muted));
            }

            var footBaseline = Bottom + 14 + _text.Ascent(size);
            if (!string.IsNullOrEmpty(_spec.FooterText))
                EmitSingleLine(page, _spec.FooterText, Left, Width, footBaseline, size, TextAlign.Left, Muted);
            if (!string.IsNullOrEmpty(_spec.PageNumberFormat))
            {
                var number = string.Format(CultureInfo.InvariantCulture, _spec.PageNumberFormat, p + 1, total);
                EmitSingleLine(page, number, Left, Width, footBaseline, size, TextAlign.Center, Muted);
            }
        }
    }

    private void EmitSingleLine(List<DrawOp> page, string text, float x, float width, float baseline, float size, TextAlign align, SKColor color)
    {
        var line = _text.Break(text.Replace('\n', ' '), size, float.MaxValue / 4)[0];
        EmitAt(page, line, x, width, baseline, size, align, color);
    }

    // ---- Text placement ----------------------------------------------------------------------------

    /// <summary>Draws one line in a slot <paramref name="lineHeight"/> tall whose top is <paramref name="top"/>.</summary>
    private void EmitLine(TextLine line, float x, float width, float top, float lineHeight, float size, TextAlign align, SKColor color)
    {
        var ascent = _text.Ascent(size);
        var baseline = top + (lineHeight - (ascent + _text.Descent(size))) / 2 + ascent;
        EmitAt(Page, line, x, width, baseline, size, align, color);
    }

    /// <summary>Draws a short text at a baseline; returns where it ends.</summary>
    private float EmitText(string text, float x, float baseline, float size, SKColor color)
    {
        var line = _text.Break(text, size, float.MaxValue / 4)[0];
        EmitAt(Page, line, x, line.Width, baseline, size, TextAlign.Left, color);
        return x + line.Width;
    }

    private static void EmitAt(List<DrawOp> page, TextLine line, float x, float width, float baseline, float size, TextAlign align, SKColor color)
    {
        if (line.IsEmpty)
            return;
        var start = align switch
        {
            TextAlign.Center => x + (width - line.Width) / 2,
            TextAlign.Right => x + width - line.Width,
            _ => x + line.Indent,
        };
        var (spaceExtra, gapExtra) = align == TextAlign.Justify && !line.EndsHardLine
            ? JustifyExtras(line, width - line.Indent - line.Width, size)
            : (0f, 0f);

        // One TextOp per run of characters from the same face.
        var cursor = start;
        var codePoints = new List<int>();
        var xs = new List<float>();
        var slot = -1;
        void Flush()
        {
            if (codePoints.Count > 0)
                page.Add(new TextOp(slot, size, baseline, [.. codePoints], [.. xs], color));
            codePoints.Clear();
            xs.Clear();
        }
        foreach (var unit in line.Units)
        {
            foreach (var glyph in unit.Glyphs)
            {
                if (glyph.Slot != slot)
                {
                    Flush();
                    slot = glyph.Slot;
                }
                codePoints.Add(glyph.CodePoint);
                xs.Add(cursor);
                cursor += glyph.Advance;
            }
            cursor += gapExtra + (unit.IsSpace ? spaceExtra : 0);
        }
        Flush();
    }

    /// <summary>
    /// How much to widen each space, and each gap between units, to justify a line. Spaces take the slack
    /// first; gaps between Chinese characters get at most 0.08 em, because wider gaps make text
    /// extractors (poppler's pdftotext among them) read a space between every two characters. What
    /// cannot be spread that way stays at the line's end.
    /// </summary>
    private static (float Space, float Gap) JustifyExtras(TextLine line, float slack, float size)
    {
        if (slack <= 0 || line.Units.Count < 2)
            return (0, 0);
        var spaces = line.Units.Count(u => u.IsSpace);
        var perSpace = spaces > 0 ? Math.Min(slack / spaces, size * 0.6f) : 0;
        slack -= perSpace * spaces;
        var perGap = Math.Min(slack / (line.Units.Count - 1), size * 0.08f);
        return (perSpace, perGap);
    }
}
