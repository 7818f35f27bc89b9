using System.Diagnostics;
using System.Text;
using CareTeams.Web.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using Xunit.Abstractions;

namespace CareTeams.Tests.Documents;

/// <summary>
/// Renders documents with the platform's Chinese font (WenQuanYi Micro Hei on Debian: fonts-wqy-microhei)
/// and reads them back with PdfPig, as a person searching or copying from the PDF would.
/// </summary>
[Collection(DocumentsCollection.Name)]
public sealed class PdfDocumentRendering(DocumentFontsFixture fixture, ITestOutputHelper output)
{
    private const int MaxContractBytes = 300 * 1024;
    private readonly DocumentFonts _fonts = fixture.Fonts;

    private static byte[]? s_contract;
    private static readonly Lock s_contractLock = new();

    /// <summary>The sample contract, rendered once for the tests that only read it; also written to the temp folder to look at.</summary>
    private byte[] Contract()
    {
        lock (s_contractLock)
        {
            if (s_contract is null)
            {
                s_contract = PdfRenderer.Render(SampleDocuments.Contract(), _fonts);
                var folder = Path.Combine(Path.GetTempPath(), "docmodel");
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, "sample.pdf"), s_contract);
            }
            return s_contract;
        }
    }

    [Fact]
    public void Chinese_text_amounts_and_names_extract_character_for_character()
    {
        using var pdf = PdfDocument.Open(Contract());
        var text = string.Concat(pdf.GetPages().Select(p => p.Text));

        Assert.Contains("家庭医生签约服务协议书", text);
        Assert.Contains("欧阳娜娜", text);
        Assert.Contains("1,234.50", text);
        Assert.Contains("¥1,234.50", text);
        Assert.Contains("QY-2025-000123", text);
        Assert.Contains("0571-88886666", text);
        // 生 is U+751F, not the Kangxi radical ⽣ (U+2F63) that some fonts map to the same glyph.
        Assert.Contains("\u751F", text);
        Assert.DoesNotContain(text, c => c is >= '\u2E80' and <= '\u2FDF');
        Assert.Contains("本协议依据《关于推进家庭医生签约服务的指导意见》制定。", text);
    }

    [Fact]
    public void Every_page_is_numbered_with_the_total_and_the_table_runs_over_at_least_three_pages()
    {
        using var pdf = PdfDocument.Open(Contract());
        var pages = pdf.GetPages().ToList();

        Assert.Equal(pdf.NumberOfPages, pages.Count);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
        var tablePages = pages.Where(p => p.Text.Contains("FW-", StringComparison.Ordinal)).ToList();
        Assert.True(tablePages.Count >= 3, $"the table is on {tablePages.Count} pages");
        foreach (var page in pages)
            Assert.Contains($"第 {page.Number} 页 / 共 {pages.Count} 页", page.Text);
    }

    [Fact]
    public void The_table_header_is_repeated_above_the_rows_on_every_page_the_table_spans()
    {
        using var pdf = PdfDocument.Open(Contract());
        var tablePages = pdf.GetPages().Where(p => p.Text.Contains("FW-", StringComparison.Ordinal)).ToList();

        Assert.True(tablePages.Count >= 3);
        foreach (var page in tablePages)
        {
            var lines = Lines(page);
            var headerLine = lines.FindIndex(l => SampleDocuments.TableHeaders.All(h => l.Contains(h, StringComparison.Ordinal)));
            Assert.True(headerLine >= 0, $"no table header on page {page.Number}:\n{string.Join('\n', lines)}");
            var firstRow = lines.FindIndex(l => l.Contains("FW-", StringComparison.Ordinal));
            Assert.True(headerLine < firstRow, $"the header is not above the rows on page {page.Number}");
            Assert.Single(lines, l => l.Contains("服务记录号", StringComparison.Ordinal));
        }
        // Every row is there once, in order, and the totals row at the end.
        var all = string.Join('\n', tablePages.SelectMany(Lines));
        var positions = Enumerable.Range(1, 120).Select(i => all.IndexOf($"FW-{i:0000}", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("合计", all);
        Assert.Contains("¥" + SampleDocuments.TotalOf(120).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), all);
    }

    [Fact]
    public void The_contract_with_its_font_subset_is_well_under_300_KB()
    {
        var bytes = Contract();
        output.WriteLine($"sample contract: {bytes.Length:N0} bytes ({bytes.Length / 1024.0:F1} KB), written to {Path.Combine(Path.GetTempPath(), "docmodel", "sample.pdf")}");
        Assert.True(bytes.Length < MaxContractBytes, $"{bytes.Length:N0} bytes");
    }

    [Fact]
    public void Without_subsetting_the_whole_face_goes_in()
    {
        var spec = SampleDocuments.Contract(rows: 10);
        var subset = PdfRenderer.Render(spec, _fonts);
        var whole = PdfRenderer.Render(spec, _fonts, subsetFonts: false);
        output.WriteLine($"10-row contract: {subset.Length:N0} bytes subset, {whole.Length:N0} bytes whole face");
        Assert.True(whole.Length > 5 * subset.Length);

        using var pdf = PdfDocument.Open(whole);
        Assert.Contains("欧阳娜娜", string.Concat(pdf.GetPages().Select(p => p.Text)));
    }

    [Fact]
    public void Metadata_carries_the_title_the_author_and_the_given_creation_time_and_the_bytes_are_reproducible()
    {
        var first = Contract();
        var second = PdfRenderer.Render(SampleDocuments.Contract(), _fonts);

        using var pdf = PdfDocument.Open(first);
        Assert.Equal(SampleDocuments.Title, pdf.Information.Title);
        Assert.Equal("CareTeams", pdf.Information.Author);
        Assert.Equal(SampleDocuments.CreatedAt, pdf.Information.GetCreatedDateTimeOffset());
        Assert.Equal(SampleDocuments.CreatedAt, pdf.Information.GetModifiedDateTimeOffset());
        // In the caller's offset, whatever the server's time zone (SkiaSharp alone would write the server's).
        Assert.Contains("/CreationDate (D:20250314093000+08'00')", Encoding.Latin1.GetString(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Chinese_wraps_between_characters_Latin_between_words_and_closing_marks_never_start_a_line()
    {
        var words = string.Join(" ", Enumerable.Repeat("CareTeams", 40));
        var chinese = string.Concat(Enumerable.Repeat("家庭医生团队为签约居民提供基本医疗、公共卫生和约定的健康管理服务。", 8));
        var spec = new PdfDocumentSpec
        {
            Title = "wrapping",
            CreatedAt = SampleDocuments.CreatedAt,
            Blocks =
            [
                new Paragraph(chinese) { Align = TextAlign.Justify },
                new Paragraph(words),
                new Paragraph("第一行\n第二行\n\n第四行"),
            ],
        };

        using var pdf = PdfDocument.Open(PdfRenderer.Render(spec, _fonts));
        var page = pdf.GetPage(1);
        var lines = Lines(page);
        var right = page.Width - spec.Margins.Right;

        Assert.All(page.Letters, l => Assert.True(l.BoundingBox.Right <= right + 0.5, $"“{l.Value}” ends at {l.BoundingBox.Right:F1} > {right:F1}"));
        // No Latin word is cut: all 40 come back whole, though they run over several lines.
        Assert.Equal(40, lines.Sum(l => CountOf(l, "CareTeams")));
        Assert.True(lines.Count(l => l.Contains("CareTeams", StringComparison.Ordinal)) > 1);
        // Chinese fills each line to the right margin (justified), with no ，。、 at a line's start.
        var chineseLines = lines.Where(l => l.Contains("家庭", StringComparison.Ordinal) || l.Contains("服务", StringComparison.Ordinal)).ToList();
        Assert.True(chineseLines.Count > 3);
        Assert.DoesNotContain(lines, l => "，。、；：？！）》".Contains(l[0], StringComparison.Ordinal));
        Assert.Equal(chinese, string.Concat(chineseLines));
        var chineseRows = Rows(page).Where(r => r[0].Value is "家" or "庭" || r.Any(l => l.Value == "服")).ToList();
        foreach (var row in chineseRows.SkipLast(1))
        {
            Assert.Equal(right, row[^1].EndBaseLine.X, 0.6);
            // Justification stays below 0.1 em a gap, so extractors do not read spaces into the Chinese.
            Assert.All(row.Zip(row.Skip(1)), pair =>
                Assert.True(pair.Second.StartBaseLine.X - pair.First.EndBaseLine.X < 0.1 * ChineseFontSize.Wu));
        }
        // \n starts a new line; an empty line keeps its height.
        var first = Baseline(page, "第一行");
        var second = Baseline(page, "第二行");
        var fourth = Baseline(page, "第四行");
        Assert.True(second < first);
        Assert.Equal(3 * (first - second), first - fourth, 1);
    }

    [Fact]
    public void A_Kangxi_radical_pasted_into_a_name_is_drawn_and_extracted_as_the_ideograph()
    {
        var spec = new PdfDocumentSpec
        {
            Title = "生日",
            CreatedAt = SampleDocuments.CreatedAt,
            Blocks = [new Paragraph("出\u2F63日期：1990-01-01；姓名：杨生")],
        };

        using var pdf = PdfDocument.Open(PdfRenderer.Render(spec, _fonts));

        Assert.Contains("出\u751F日期：1990-01-01；姓名：杨\u751F", pdf.GetPage(1).Text);
    }

    [Fact]
    public void Characters_no_font_has_do_not_stop_the_document()
    {
        var spec = new PdfDocumentSpec
        {
            Title = "缺字",
            CreatedAt = SampleDocuments.CreatedAt,
            Blocks = [new Paragraph("备注：\U0001F600 𪚥 居民签字确认")],
        };

        using var pdf = PdfDocument.Open(PdfRenderer.Render(spec, _fonts));

        Assert.Contains("居民签字确认", pdf.GetPage(1).Text);
    }

    [Fact]
    public void A_three_column_grid_puts_three_pairs_on_a_line_and_a_spanning_pair_on_its_own()
    {
        var spec = new PdfDocumentSpec
        {
            Title = "转诊单",
            CreatedAt = SampleDocuments.CreatedAt,
            Blocks =
            [
                new Heading("双向转诊单"),
                new KeyValueGrid(
                [
                    new KeyValueItem("姓名：", "欧阳娜娜"),
                    new KeyValueItem("性别：", "女"),
                    new KeyValueItem("年龄：", "67岁"),
                    new KeyValueItem("转出原因：", "血压控制不佳，需上级医院调整用药方案", Span: 3),
                    new KeyValueItem("转入医院：", "临安区第一人民医院"),
                ]) { Columns = 3 },
            ],
        };

        using var pdf = PdfDocument.Open(PdfRenderer.Render(spec, _fonts));
        var lines = Lines(pdf.GetPage(1));

        Assert.Contains(lines, l => l.StartsWith("姓名：", StringComparison.Ordinal) && l.Contains("性别：", StringComparison.Ordinal) && l.Contains("年龄：67岁", StringComparison.Ordinal));
        Assert.Contains("转出原因：血压控制不佳，需上级医院调整用药方案", lines);
        Assert.Contains(lines, l => l.StartsWith("转入医院：", StringComparison.Ordinal));
    }

    [Fact]
    public void Landscape_pages_are_A4_on_their_side()
    {
        var spec = new PdfDocumentSpec
        {
            Title = "路线单",
            CreatedAt = SampleDocuments.CreatedAt,
            Orientation = PageOrientation.Landscape,
            Blocks = [new Heading("家庭病床巡诊路线单"), new PageBreak(), new Paragraph("第二页")],
        };

        using var pdf = PdfDocument.Open(PdfRenderer.Render(spec, _fonts));

        Assert.Equal(2, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        Assert.Equal(841.9, page.Width, 0);
        Assert.Equal(595.3, page.Height, 0);
        Assert.Contains("第 2 页 / 共 2 页", pdf.GetPage(2).Text);
    }

    [Fact]
    public void A_three_page_document_renders_quickly()
    {
        var spec = SampleDocuments.Contract(rows: 60);
        PdfRenderer.Render(spec, _fonts); // warm-up: the first render loads native code
        var stopwatch = Stopwatch.StartNew();
        const int runs = 5;
        byte[] bytes = [];
        for (var i = 0; i < runs; i++)
            bytes = PdfRenderer.Render(spec, _fonts);
        stopwatch.Stop();

        using var pdf = PdfDocument.Open(bytes);
        output.WriteLine($"{pdf.NumberOfPages} pages, {bytes.Length:N0} bytes, {stopwatch.Elapsed.TotalMilliseconds / runs:F0} ms per render");
        Assert.True(pdf.NumberOfPages >= 3);
        Assert.True(stopwatch.Elapsed.TotalSeconds / runs < 2, $"{stopwatch.Elapsed.TotalMilliseconds / runs:F0} ms per render");
    }

    /// <summary>The page's text line by line, top to bottom, letters left to right.</summary>
    internal static List<string> Lines(Page page) =>
        page.Letters
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
            .OrderByDescending(g => g.Key)
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).Aggregate(new StringBuilder(), (b, l) => b.Append(l.Value)).ToString().Trim())
            .Where(l => l.Length > 0)
            .ToList();

    /// <summary>The page's letters line by line, top to bottom, left to right.</summary>
    private static List<List<Letter>> Rows(Page page) =>
        page.Letters
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
            .OrderByDescending(g => g.Key)
            .Select(g => g.OrderBy(l => l.StartBaseLine.X).ToList())
            .ToList();

    /// <summary>The baseline of the line whose whole text is <paramref name="text"/>.</summary>
    private static double Baseline(Page page, string text) =>
        page.Letters
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
            .Single(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)).Trim() == text)
            .First().StartBaseLine.Y;

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
