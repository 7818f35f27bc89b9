namespace CareTeams.Web.Documents;

/// <summary>
/// A printable document: page set-up, metadata, running header and footer, and the blocks that flow
/// down the pages. <see cref="PdfRenderer.Render"/> turns it into PDF bytes. All lengths are in PDF
/// points (1/72 inch); <see cref="PageMargins.Millimetres"/> converts from millimetres.
/// </summary>
public sealed record PdfDocumentSpec
{
    /// <summary>The document title: PDF metadata, and what a viewer shows in its title bar.</summary>
    public required string Title { get; init; }

    /// <summary>
    /// When the document was made; written as the PDF creation and modification date, so the same spec
    /// renders to the same bytes. Pass the clock's time, not <c>DateTimeOffset.Now</c> inside a renderer.
    /// </summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public string? Subject { get; init; }
    public string? Keywords { get; init; }

    /// <summary>PDF metadata author; CareTeams unless a document has a reason to say otherwise.</summary>
    public string Author { get; init; } = "CareTeams";

    public PageOrientation Orientation { get; init; } = PageOrientation.Portrait;
    public PageMargins Margins { get; init; } = PageMargins.Default;

    /// <summary>Text size of paragraphs, grids, tables and signatures unless a block sets its own (五号 10.5 pt).</summary>
    public float BaseFontSize { get; init; } = ChineseFontSize.Wu;

    /// <summary>Small text at the top left of every page, above a thin rule (e.g. the institution's name).</summary>
    public string? HeaderText { get; init; }

    /// <summary>Small text at the top right of every page (e.g. the contract number).</summary>
    public string? HeaderRightText { get; init; }

    /// <summary>Small text at the bottom left of every page.</summary>
    public string? FooterText { get; init; }

    /// <summary>
    /// The page number, centred at the bottom of every page: <c>{0}</c> is the page, <c>{1}</c> the total.
    /// Null leaves page numbers out.
    /// </summary>
    public string? PageNumberFormat { get; init; } = "第 {0} 页 / 共 {1} 页";

    public IReadOnlyList<DocumentBlock> Blocks { get; init; } = [];
}

public enum PageOrientation
{
    Portrait,
    Landscape,
}

public enum TextAlign
{
    Left,
    Center,
    Right,
    /// <summary>Both edges straight (两端对齐); the last line of a paragraph stays left-aligned.</summary>
    Justify,
}

/// <summary>Page margins in points. The running header and footer sit inside the top and bottom margins.</summary>
public sealed record PageMargins(float Top, float Right, float Bottom, float Left)
{
    public const float PointsPerMillimetre = 72f / 25.4f;

    /// <summary>25 mm top and bottom, 20 mm left and right.</summary>
    public static PageMargins Default { get; } = Millimetres(25, 20, 25, 20);

    public static PageMargins Millimetres(float top, float right, float bottom, float left) =>
        new(top * PointsPerMillimetre, right * PointsPerMillimetre, bottom * PointsPerMillimetre, left * PointsPerMillimetre);

    public static PageMargins Millimetres(float all) => Millimetres(all, all, all, all);
}

/// <summary>The traditional Chinese type sizes (字号), in points.</summary>
public static class ChineseFontSize
{
    /// <summary>一号</summary>
    public const float Yi = 26f;
    /// <summary>小一</summary>
    public const float XiaoYi = 24f;
    /// <summary>二号</summary>
    public const float Er = 22f;
    /// <summary>小二</summary>
    public const float XiaoEr = 18f;
    /// <summary>三号</summary>
    public const float San = 16f;
    /// <summary>小三</summary>
    public const float XiaoSan = 15f;
    /// <summary>四号</summary>
    public const float Si = 14f;
    /// <summary>小四</summary>
    public const float XiaoSi = 12f;
    /// <summary>五号</summary>
    public const float Wu = 10.5f;
    /// <summary>小五</summary>
    public const float XiaoWu = 9f;
}

/// <summary>One piece of the document's flow. The kinds are the records deriving from this one.</summary>
public abstract record DocumentBlock;

/// <summary>A title, centred by default (e.g. 家庭医生签约服务协议书). Kept on the same page as what follows it.</summary>
public sealed record Heading(string Text) : DocumentBlock
{
    public float FontSize { get; init; } = ChineseFontSize.XiaoEr;
    public TextAlign Align { get; init; } = TextAlign.Center;
    public float SpaceBefore { get; init; } = 4;
    public float SpaceAfter { get; init; } = 12;
}

/// <summary>
/// Running text. Chinese breaks between any two characters (never before a closing mark such as ，。）
/// nor after an opening one such as （“), Latin text between words; <c>\n</c> starts a new line.
/// </summary>
public sealed record Paragraph(string Text) : DocumentBlock
{
    /// <summary>Null: the document's <see cref="PdfDocumentSpec.BaseFontSize"/>.</summary>
    public float? FontSize { get; init; }

    /// <summary>Line height as a multiple of the font size.</summary>
    public float LineSpacing { get; init; } = 1.6f;

    public TextAlign Align { get; init; } = TextAlign.Left;

    /// <summary>Indent of the first line (and of the first line after each <c>\n</c>), in characters: 2 is 首行缩进两字符.</summary>
    public float FirstLineIndent { get; init; }

    public float SpaceAfter { get; init; } = 6;
}

/// <summary>Label–value pairs in 2 or 3 columns (合同编号：…  签约日期：…). Labels line up; long values wrap.</summary>
public sealed record KeyValueGrid(IReadOnlyList<KeyValueItem> Items) : DocumentBlock
{
    /// <summary>2 or 3.</summary>
    public int Columns { get; init; } = 2;

    public float? FontSize { get; init; }
    public float LineSpacing { get; init; } = 1.5f;
    public float SpaceAfter { get; init; } = 8;
}

/// <param name="Span">How many grid columns the pair takes (e.g. an address across the whole row).</param>
public sealed record KeyValueItem(string Label, string Value, int Span = 1);

/// <summary>
/// A bordered table. Its header row is repeated at the top of every page it runs onto; cells wrap; a
/// row is never split across pages. An optional totals row closes it.
/// </summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock
{
    /// <summary>One entry per column (null or "" for an empty cell), or null for no totals row.</summary>
    public IReadOnlyList<string?>? Totals { get; init; }

    public float? FontSize { get; init; }
    public bool RepeatHeader { get; init; } = true;
    public float SpaceAfter { get; init; } = 10;
}

/// <param name="Width">Relative width: the table's width is shared out in proportion.</param>
public sealed record TableColumn(string Header, float Width = 1, TextAlign Align = TextAlign.Left);

/// <summary>Two or more signature boxes side by side, kept together on one page.</summary>
public sealed record SignatureBlock(IReadOnlyList<SignatureBox> Boxes) : DocumentBlock
{
    public float? FontSize { get; init; }
    public bool Bordered { get; init; } = true;
    public float SpaceBefore { get; init; } = 12;
    public float SpaceAfter { get; init; } = 10;
}

/// <summary>
/// One party's box: its name, then "签字：" and a line to sign on, then "日期：____年__月__日".
/// </summary>
/// <param name="Party">e.g. 乙方（居民或监护人）.</param>
public sealed record SignatureBox(string Party)
{
    public string SignatureLabel { get; init; } = "签字：";
    public bool ShowDate { get; init; } = true;
    public string DateLabel { get; init; } = "日期：";

    /// <summary>Extra lines under the date, e.g. （盖章）.</summary>
    public IReadOnlyList<string> ExtraLines { get; init; } = [];
}

/// <summary>Vertical space, in points. Dropped at the top of a page.</summary>
public sealed record Spacer(float Height) : DocumentBlock;

/// <summary>Starts a new page.</summary>
public sealed record PageBreak : DocumentBlock;
