using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using DiligenceEngine.Cli.Tests.Commands;
using DiligenceEngine.Reporting.ViewModels;
using DiligenceEngine.Tests.Shared;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace DiligenceEngine.Cli.Tests.Pipeline;

/// <summary>Runs the sample acquisition job once; the tests read its outputs back.</summary>
public sealed class SampleRun : IDisposable
{
    public SampleRun()
    {
        var (code, output, error) = CliRunner.Run("run", Path.Combine(RepoPaths.SampleData, "jobs", "acquisition.json"), "--out", Folder, "--verbose");
        code.ShouldBe(0, error);
        Progress = error;
        Results = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "results.json")));
        PdfText = ReportText.Of(Path.Combine(Folder, "report.pdf"));
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "diligence-e2e-" + Guid.NewGuid().ToString("N"));

    public JsonDocument Results { get; }

    public string PdfText { get; }

    /// <summary>What the run printed on stderr: its stages, with durations (--verbose).</summary>
    public string Progress { get; }

    public void Dispose()
    {
        Results.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}

internal static class ReportText
{
    /// <summary>All text of a PDF, ligatures normalised (Chromium writes "ﬁ" for "fi") and whitespace folded.</summary>
    public static string Of(string pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Join("\n", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page))).Normalize(NormalizationForm.FormKC);
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
    }
}

public class ReportEndToEndTests(SampleRun run) : IClassFixture<SampleRun>
{
    private JsonElement Root => run.Results.RootElement;

    [Fact]
    public void EveryOutputIsWritten()
    {
        foreach (var file in new[] { "report.pdf", "report.html", "results.json", "tables.xlsx", "positions.csv", "visit_rates.csv", "revenue_at_stake.csv", "repricing.csv", "underpayments.csv", "contract_plans.csv", "monthly_projection.csv", "sensitivity.csv", "market_cells.csv" })
        {
            File.Exists(Path.Combine(run.Folder, file)).ShouldBeTrue(file);
        }
    }

    [Theory]
    [InlineData("Executive summary")]
    [InlineData("Payors and codes by revenue carried")]
    [InlineData("Rate position per code and payor")]
    [InlineData("MPPR and adjusted visit rates")]
    [InlineData("Percent of Medicare view")]
    [InlineData("Claims re-pricing and underpayments")]
    [InlineData("Renegotiation timeline")]
    [InlineData("Strategy per payor and its evidence")]
    [InlineData("Projected uplift")]
    [InlineData("Sensitivity")]
    [InlineData("Assumptions")]
    [InlineData("Data-quality appendix")]
    [InlineData("Methodology appendix")]
    public void ThePdfHasEverySection(string title) => run.PdfText.ShouldContain(title);

    [Fact]
    public void TheHeadlineFiguresInThePdfAreThoseOfResultsJson()
    {
        var npv = Root.GetProperty("projection").GetProperty("upliftNpv");
        run.PdfText.ShouldContain(Fmt.Dollars(npv.GetProperty("p50").GetDouble()));
        run.PdfText.ShouldContain($"P10 {Fmt.Dollars(npv.GetProperty("p10").GetDouble())} – P90 {Fmt.Dollars(npv.GetProperty("p90").GetDouble())}");
        var stake = Root.GetProperty("visitEconomics").GetProperty("revenueAtStakeTotal");
        run.PdfText.ShouldContain(Fmt.Dollars(stake.GetProperty("upsideToP50").GetDecimal()));
        run.PdfText.ShouldContain(Fmt.Dollars(Root.GetProperty("target").GetProperty("paidDollars").GetDecimal()));
        run.PdfText.ShouldContain(Fmt.Percent(Root.GetProperty("projection").GetProperty("probabilityNpvAboveThreshold").GetDouble()));
    }

    [Fact]
    public void EveryHeadlineVisitRatePercentileIsInThePdf()
    {
        foreach (var v in Root.GetProperty("visitEconomics").GetProperty("visitRates").EnumerateArray().Where(v => v.GetProperty("basket").GetString() == "PT"))
        {
            run.PdfText.ShouldContain($"{v.GetProperty("contractId").GetString()} {v.GetProperty("market").GetString()} {Fmt.Cents(v.GetProperty("targetVisitRate").GetDecimal())} {Fmt.Cents(v.GetProperty("marketP50").GetDecimal())} {Fmt.Percentile(v.GetProperty("percentile").GetDouble())}");
        }
    }

    [Fact]
    public void TheContentsPageLinksToEverySectionAndFontsAreEmbedded()
    {
        using var document = PdfDocument.Open(Path.Combine(run.Folder, "report.pdf"));
        var links = document.GetPage(1).GetAnnotations().Count(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Link);
        links.ShouldBe(13);
        var raw = File.ReadAllBytes(Path.Combine(run.Folder, "report.pdf"));
        System.Text.Encoding.Latin1.GetString(raw).ShouldContain("/FontFile2");
    }

    [Fact]
    public void TheRunShowsEachStageAndWritesItsLog()
    {
        run.Progress.ShouldContain("great-lakes-rehab: Building the market model");
        run.Progress.ShouldContain("Monte Carlo projection (10,000 paths, with sensitivity): ");
        run.Progress.ShouldContain(" ms");
        File.ReadAllText(Path.Combine(run.Folder, "job.log")).ShouldContain("outputs complete");
    }

    [Fact]
    public void TheHtmlIsSelfContained()
    {
        var html = File.ReadAllText(Path.Combine(run.Folder, "report.html"));
        html.ShouldContain("<style>");
        html.ShouldContain("<svg");
        html.ShouldNotContain("src=\"http");
        html.ShouldNotContain("href=\"http");
        html.ShouldNotContain("<link");
    }

    [Fact]
    public void TheWorkbookHoldsNumbersAsNumbersWithFormats()
    {
        using var workbook = new XLWorkbook(Path.Combine(run.Folder, "tables.xlsx"));
        var sheet = workbook.Worksheet("positions");
        sheet.Cell(1, 5).GetString().ShouldBe("target_rate");
        sheet.Cell(2, 5).DataType.ShouldBe(XLDataType.Number);
        sheet.Cell(2, 5).Style.NumberFormat.Format.ShouldBe("$#,##0.00");
        workbook.Worksheets.Select(w => w.Name).ShouldContain("sensitivity");
    }
}
