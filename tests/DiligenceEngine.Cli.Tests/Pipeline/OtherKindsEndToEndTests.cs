using System.Text.Json;
using DiligenceEngine.Cli.Tests.Commands;
using DiligenceEngine.Reporting.ViewModels;
using DiligenceEngine.Tests.Shared;
using UglyToad.PdfPig;

namespace DiligenceEngine.Cli.Tests.Pipeline;

/// <summary>The shipped expansion and recruiting sample jobs, each run once through the CLI into a temporary folder.</summary>
public sealed class OtherKindsRun : IDisposable
{
    private readonly TempFolder root = new();

    public OtherKindsRun()
    {
        foreach (var kind in new[] { "expansion", "recruiting" })
        {
            var folder = Path.Combine(root.Path, kind);
            var (code, output, error) = CliRunner.Run("run", Path.Combine(RepoPaths.SampleData, "jobs", kind + ".json"), "--out", folder);
            code.ShouldBe(0, error);
            Output[kind] = output;
        }
    }

    public Dictionary<string, string> Output { get; } = [];

    public string Folder(string kind) => Path.Combine(root.Path, kind);

    public JsonElement Results(string kind) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(kind), "results.json"))).RootElement;

    public string PdfText(string kind) => ReportText.Of(Path.Combine(Folder(kind), "report.pdf"));

    public void Dispose() => root.Dispose();
}

public class OtherKindsEndToEndTests(OtherKindsRun run) : IClassFixture<OtherKindsRun>
{
    [Theory]
    [InlineData("expansion", "market_ranking.csv")]
    [InlineData("expansion", "market_payors.csv")]
    [InlineData("expansion", "code_spreads.csv")]
    [InlineData("expansion", "group_contracts.csv")]
    [InlineData("recruiting", "payor_position.csv")]
    [InlineData("recruiting", "revenue_codes.csv")]
    public void EachSampleJobWritesItsOutputs(string kind, string table)
    {
        foreach (var file in new[] { "report.pdf", "report.html", "results.json", "tables.xlsx", "market_cells.csv", table })
        {
            File.Exists(Path.Combine(run.Folder(kind), file)).ShouldBeTrue($"{kind}: {file}");
        }
    }

    [Theory]
    [InlineData("Executive summary")]
    [InlineData("Market ranking")]
    [InlineData("Best and worst market per code")]
    [InlineData("Your contracts against each market")]
    [InlineData("Assumptions")]
    [InlineData("Data-quality appendix")]
    [InlineData("Methodology appendix")]
    public void TheExpansionReportHasEverySection(string title) => run.PdfText("expansion").ShouldContain(title);

    [Fact]
    public void TheExpansionRankingInThePdfFollowsExpectedRevenueFromResultsJson()
    {
        var markets = run.Results("expansion").GetProperty("expansion").GetProperty("markets").EnumerateArray().ToList();
        markets.Select(m => m.GetProperty("horizon").GetProperty("meanDollars").GetDecimal()).ShouldBeInOrder(SortDirection.Descending);
        var text = run.PdfText("expansion");
        foreach (var m in markets)
        {
            text.ShouldContain($"{m.GetProperty("rank").GetInt32()}. {m.GetProperty("name").GetString()} ({m.GetProperty("market").GetString()})");
            text.ShouldContain($"{m.GetProperty("market").GetString()} {Fmt.Cents(m.GetProperty("entryRevenuePerVisit").GetDecimal())} {Fmt.Cents(m.GetProperty("expectedRevenuePerVisit").GetDecimal())}");
        }

        run.Output["expansion"].ShouldContain($"Leading market of {markets.Count}: {markets[0].GetProperty("market").GetString()}");
    }

    [Fact]
    public void TheRecruitingSummaryIsAtMostTwoPagesAndPrintsEveryNarrativeLine()
    {
        using (var pdf = PdfDocument.Open(Path.Combine(run.Folder("recruiting"), "report.pdf")))
        {
            pdf.NumberOfPages.ShouldBeLessThanOrEqualTo(2);
        }

        var recruiting = run.Results("recruiting").GetProperty("recruiting");
        var text = run.PdfText("recruiting");

        // Chromium may break a line after a hyphen, which leaves a space in the extracted text.
        static string Packed(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", string.Empty);
        foreach (var line in recruiting.GetProperty("narrative").EnumerateArray())
        {
            Packed(text).ShouldContain(Packed(line.GetString()!));
        }

        foreach (var payor in recruiting.GetProperty("payors").EnumerateArray())
        {
            text.ShouldContain($"{payor.GetProperty("payor").GetString()} {Fmt.Dollars(payor.GetProperty("paidDollars").GetDecimal())}");
        }
    }

    [Fact]
    public void TheRecruitingTopQuartileCountMatchesThePayorPercentiles()
    {
        var recruiting = run.Results("recruiting").GetProperty("recruiting");
        var top = recruiting.GetProperty("payors").EnumerateArray().Count(p => p.GetProperty("percentile").GetDouble() >= 0.75);
        recruiting.GetProperty("topQuartilePayors").GetInt32().ShouldBe(top);
        run.PdfText("recruiting").ShouldContain($"{top} of {recruiting.GetProperty("payors").GetArrayLength()}");
    }
}
