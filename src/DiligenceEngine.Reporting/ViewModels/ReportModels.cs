namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>A block of a report section; templates render each kind with its own partial.</summary>
public abstract record Block;

/// <summary>Body text. Plain text, HTML-encoded by the template.</summary>
public sealed record Paragraph(string Text) : Block;

/// <summary>A numbered list (e.g. the top actions).</summary>
public sealed record NumberedList(IReadOnlyList<string> Items) : Block;

/// <summary>A bulleted list (e.g. narrative lines drawn from the figures).</summary>
public sealed record BulletList(IReadOnlyList<string> Items) : Block;

/// <summary>Headline figures shown as tiles.</summary>
public sealed record KpiRow(IReadOnlyList<Kpi> Kpis) : Block;

public sealed record Kpi(string Label, string Value, string Note);

/// <summary>An inline SVG chart (labels already encoded by the chart builder) with its caption.</summary>
public sealed record Figure(string Svg, string Caption) : Block;

/// <summary>A table of display strings; <see cref="Numeric"/> marks right-aligned columns, <see cref="FlaggedRows"/> rows to highlight.</summary>
public sealed record Table(string? Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric, string? Footnote, IReadOnlySet<int> FlaggedRows) : Block
{
    public bool IsNumeric(int column) => column < Numeric.Count && Numeric[column];

    public bool IsFlagged(int row) => FlaggedRows.Contains(row);

    /// <summary>CSS class of a cell: numbers right-aligned; single-token text (ids, codes, markets) kept on one line.</summary>
    public string CellClass(int row, int column) =>
        IsNumeric(column) ? "num" : Rows[row][column].Contains(' ', StringComparison.Ordinal) ? string.Empty : "nowrap";
}

/// <summary>Pre-rendered HTML from a trusted source (the methodology document shipped with the engine).</summary>
public sealed record TrustedHtml(string Html) : Block;

/// <summary>One section of a report: an anchor id for the table of contents, a title and its blocks.</summary>
public sealed record Section(string Id, string Title, IReadOnlyList<Block> Blocks);

/// <summary>
/// A whole report as the templates see it: title, subject, print CSS, the sections in order. Nothing in it needs
/// computing: every figure is already formatted from results.json.
/// </summary>
public sealed record ReportDocument(
    string Title,
    string Practice,
    string Subtitle,
    string ConfidentialityLine,
    string Css,
    IReadOnlyList<Kpi> Cover,
    IReadOnlyList<Section> Sections);
