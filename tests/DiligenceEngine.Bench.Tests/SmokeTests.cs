using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Data.Cms;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Bench.Tests;

/// <summary>
/// The harness's smoke mode, as CI runs it: every scenario once at a tiny size. Speed is never judged here (timings
/// belong in docs/performance.md); what is checked is that each scenario runs and that the reference agrees with us.
/// </summary>
public sealed class SmokeTests : IDisposable
{
    private readonly TempFolder data = new();

    private BenchPaths Paths => new(RepoPaths.Root, data.Path);

    [Fact]
    public async Task EveryScenarioRunsAtATinySize()
    {
        var results = await BenchCli.Smoke(Paths);
        results.Select(r => r.Scenario).ShouldBe(["market-model", "duckdb-quantiles", "monte-carlo", "pdf"]);
        results.ShouldAllBe(r => r.Figures.Values.All(v => v >= 0 && !double.IsNaN(v)));
        results[0].Figures["rows"].ShouldBeGreaterThan(15_000);
        results[2].Figures["steps"].ShouldBe(4 * 500 * 12);
    }

    /// <summary>
    /// DuckDB's quantile_cont is R7, like ours: on every market × payor × code cell with nothing excluded as an outlier,
    /// the two give the same P10-P90 (the benchmark compares like with like).
    /// </summary>
    [Fact]
    public void DuckDbAndTheMarketModelAgreeOnEveryCellsQuantiles()
    {
        var market = Paths.Market(20_000);
        var reference = Scenarios.DuckDbQuantiles(Path.Combine(market, "rates.csv"));
        var log = new DataIssueLog();
        var (medicare, _) = MedicareReferenceLoader.Load(RepoPaths.CmsFolder, CptCatalog.Default, log);
        var dataset = MarketDatasetLoader.Load(market, medicare!, CptCatalog.Default, log);
        var model = MarketModel.Build(dataset, medicare!, new MarketModelOptions { BootstrapResamples = 100 });
        var compared = 0;
        foreach (var cell in model.Cells.Where(c => c.Key.Level == CellLevel.MarketPayor && c.Key.Type != RateType.PercentOfMedicare && c.ExcludedOutliers == 0))
        {
            var type = cell.Key.Type == RateType.Negotiated ? "negotiated" : "fee_schedule";
            var q = reference[(cell.Key.Geography, cell.Key.Payor!, cell.Key.Code.Value, type)];
            new[] { cell.Dollars.P10, cell.Dollars.P25, cell.Dollars.P50, cell.Dollars.P75, cell.Dollars.P90 }.ShouldBe(q, tolerance: 1e-9);
            compared++;
        }

        compared.ShouldBeGreaterThan(500);
    }

    public void Dispose() => data.Dispose();
}
