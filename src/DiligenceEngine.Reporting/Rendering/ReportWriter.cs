using Markdig;
using DiligenceEngine.Reporting.Results;
using DiligenceEngine.Reporting.ViewModels;

namespace DiligenceEngine.Reporting.Rendering;

/// <summary>Report options a job can set.</summary>
/// <summary>How a report is rendered: page size, an optional templates folder (a firm's branding), and whether the PDF
/// is tagged for accessibility (slower to print and larger; off unless asked for).</summary>
public sealed record ReportOptions(PageSize PageSize = PageSize.Letter, string? TemplatesRoot = null, bool TaggedPdf = false);

/// <summary>
/// Renders a results document into report.html (self-contained: inline CSS and SVG, no network fetches) and report.pdf
/// in a folder. Shared, heavy resources — compiled templates and the warm browser — are passed in and reused.
/// </summary>
public sealed class ReportWriter(TemplateRenderer templates, PdfPrinter printer)
{
    private static readonly Lazy<string> Methodology = new(() =>
    {
        using var stream = typeof(ReportWriter).Assembly.GetManifestResourceStream("methodology.md")
            ?? throw new RenderingException("The methodology document is missing from the build.");
        using var reader = new StreamReader(stream);
        return Markdown.ToHtml(reader.ReadToEnd(), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
    });

    /// <summary>Renders the report of the results' job kind: templates/&lt;kind&gt;/report.cshtml over the kind's view model.</summary>
    public async Task<(string Html, string Pdf)> WriteAsync(ResultsDocument results, string folder, ReportOptions options)
    {
        var css = templates.ReadFile(Path.Combine("shared", "report.css"));
        var model = results.Job.Kind switch
        {
            "expansion" => ExpansionReport.Build(results, css, Methodology.Value),
            "recruiting" => RecruitingReport.Build(results, css),
            _ => AcquisitionReport.Build(results, css, Methodology.Value),
        };
        var html = await templates.RenderAsync($"{results.Job.Kind}/report.cshtml", model).ConfigureAwait(false);
        var htmlPath = Path.Combine(folder, "report.html");
        var pdfPath = Path.Combine(folder, "report.pdf");
        await File.WriteAllTextAsync(htmlPath, html).ConfigureAwait(false);
        await printer.PrintAsync(html, pdfPath, options.PageSize, $"{model.Title} — {model.Practice}", model.ConfidentialityLine, options.TaggedPdf).ConfigureAwait(false);
        return (htmlPath, pdfPath);
    }
}
