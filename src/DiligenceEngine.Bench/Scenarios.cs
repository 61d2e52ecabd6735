using System.Diagnostics;
using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Cli.Jobs;
using DiligenceEngine.Cli.Pipeline;
using DiligenceEngine.Data.Cms;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Data.Sample;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;
using DiligenceEngine.Reporting.Rendering;
using DiligenceEngine.Reporting.Results;
using DuckDB.NET.Data;

namespace DiligenceEngine.Bench;

/// <summary>Where the benchmark finds the repository's CMS files and sample job, and keeps the data it generates.</summary>
public sealed record BenchPaths(string Repository, string DataRoot)
{
    public string Cms => Path.Combine(Repository, "sample-data", "cms", "rvu25d");

    public string SampleJob(string kind = "acquisition") => Path.Combine(Repository, "sample-data", "jobs", kind + ".json");

    /// <summary>A market dataset of about <paramref name="rows"/> rate rows, generated once (seed 1) and reused.</summary>
    public string Market(int rows)
    {
        var folder = Path.Combine(DataRoot, $"rows-{rows}");
        var rates = Path.Combine(folder, "market", "rates.csv");
        if (!File.Exists(rates))
        {
            var log = new DataIssueLog();
            var (medicare, _) = MedicareReferenceLoader.Load(Cms, CptCatalog.Default, log);
            var scale = rows / SampleRowsPerScale;
            new SampleGenerator(medicare!, CptCatalog.Default).Generate(new SampleOptions(1, scale, 0), folder);
        }

        return Path.Combine(folder, "market");
    }

    /// <summary>Rate rows the generator writes per unit of practice scale (28,829 at scale 1).</summary>
    private const double SampleRowsPerScale = 28_829;
}

/// <summary>
/// The benchmark scenarios. Each runs in its own process when driven by <c>all</c>, so peak memory is the scenario's.
/// </summary>
public static class Scenarios
{
    /// <summary>Loading the market CSV (and the CMS files) and building the whole market model, as a job does.</summary>
    public static BenchResult MarketModel(BenchPaths paths, int rows, int resamples = 1000)
    {
        var market = paths.Market(rows);
        var log = new DataIssueLog();
        var (medicare, _) = MedicareReferenceLoader.Load(paths.Cms, CptCatalog.Default, log);
        var pauseBefore = GC.GetTotalPauseDuration();
        var (dataset, loadMs) = Measure.Time(() => MarketDatasetLoader.Load(market, medicare!, CptCatalog.Default, log));
        var loadPause = GC.GetTotalPauseDuration() - pauseBefore;
        var loadPeak = Measure.PeakResidentBytes();
        var (model, modelMs) = Measure.Time(() => Analysis.Market.MarketModel.Build(dataset, medicare!, new MarketModelOptions { BootstrapResamples = resamples }));
        var modelPause = GC.GetTotalPauseDuration() - pauseBefore - loadPause;
        return new BenchResult("market-model", resamples == 1000 ? $"{rows:N0} rows" : $"{rows:N0} rows, {resamples:N0} resamples", new Dictionary<string, double>
        {
            ["rows"] = dataset.Rates.Count,
            ["cells"] = model.Cells.Count(),
            ["loadMs"] = loadMs,
            ["modelMs"] = modelMs,
            ["totalMs"] = loadMs + modelMs,
            ["loadGcPauseMs"] = loadPause.TotalMilliseconds,
            ["modelGcPauseMs"] = modelPause.TotalMilliseconds,
            ["loadPeakBytes"] = loadPeak,
            ["peakBytes"] = Measure.PeakResidentBytes(),
        });
    }

    /// <summary>
    /// The reference: DuckDB reading the same rates.csv and computing P10-P90 (quantile_cont, R7) per market × payor ×
    /// code × rate type over the dollar-stated rows.
    /// </summary>
    public static BenchResult DuckDb(BenchPaths paths, int rows)
    {
        var (groups, ms) = Measure.Time(() => DuckDbQuantiles(Path.Combine(paths.Market(rows), "rates.csv")).Count);
        return new BenchResult("duckdb-quantiles", $"{rows:N0} rows", new Dictionary<string, double>
        {
            ["groups"] = groups,
            ["totalMs"] = ms,
            ["peakBytes"] = Measure.PeakResidentBytes(),
        });
    }

    /// <summary>DuckDB's P10, P25, P50, P75 and P90 of each market × payor × code × rate type of a rates.csv (dollar rows).</summary>
    public static Dictionary<(string Market, string Payor, string Code, string Type), double[]> DuckDbQuantiles(string ratesCsv)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT market_id, payor, cpt, rate_type,
                   quantile_cont(TRY_CAST(rate AS DOUBLE), [0.10, 0.25, 0.50, 0.75, 0.90]) AS q
            FROM read_csv('{ratesCsv.Replace("'", "''", StringComparison.Ordinal)}', header = true, all_varchar = true)
            WHERE rate_type <> 'percent_of_medicare'
            GROUP BY ALL
            """;
        using var reader = command.ExecuteReader();
        var groups = new Dictionary<(string, string, string, string), double[]>();
        while (reader.Read())
        {
            groups[(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))] = reader.GetFieldValue<List<double>>(4).ToArray();
        }

        return groups;
    }

    /// <summary>The Monte Carlo engine alone: <paramref name="contracts"/> contracts × paths × months, one thread.</summary>
    public static BenchResult MonteCarlo(int contracts, int paths, int months)
    {
        var options = new ProjectionOptions { CloseDate = new DateOnly(2027, 1, 31), Paths = paths, HorizonMonths = months, Seed = 7 };
        var cases = Enumerable.Range(0, contracts).Select(i => Case(i)).ToList();
        var engine = new MonteCarloEngine(cases, options);
        engine.Run(new RunModifiers());
        var runs = Enumerable.Range(0, 5).Select(_ => Measure.Time(() => engine.Run(new RunModifiers())).Milliseconds).ToList();
        var ms = Measure.Median(runs);
        var steps = (double)contracts * paths * months;
        return new BenchResult("monte-carlo", $"{contracts} contracts × {paths:N0} paths × {months} months", new Dictionary<string, double>
        {
            ["steps"] = steps,
            ["medianMs"] = ms,
            ["stepsPerSecond"] = steps / (ms / 1000),
            ["peakBytes"] = Measure.PeakResidentBytes(),
        });
    }

    private static ContractCase Case(int i)
    {
        var payor = new Payor($"Payor {i % 12}", PayorType.Commercial, []);
        var effect = (i % 7) switch { 0 => ChangeOfOwnership.Terminates, 1 or 2 => ChangeOfOwnership.ConsentRequired, _ => ChangeOfOwnership.Assignable };
        var contract = new Contract($"C{i:00}", payor, [MarketId.Of("MI-DETROIT")], new DateOnly(2022, 1 + (i % 12), 1), new DateOnly(2027, 1 + (i % 12), 28 - (i % 3)), true, 12, 60 + (30 * (i % 3)),
            Percent.FromPoints(i % 4), new RateBasis.FixedFeeSchedule(new Dictionary<CptCode, Money> { [CptCode.Of("97110")] = Money.Usd(30m) }),
            MpprPolicy.None(), effect);
        var seasonality = Enumerable.Range(0, 12).Select(m => 1 + (0.1 * Math.Sin(m))).ToArray();
        var success = Enumerable.Range(0, 101).Select(k => 0.3 + (0.4 * k / 100.0)).ToArray();
        return new ContractCase(contract, 100_000 + (10_000 * i), seasonality, 0.08, 0.9, success, [0.4, 0.7, 1.0], [3, 5, 7, 9]);
    }

    /// <summary>
    /// Rendering a sample report (<paramref name="kind"/>: acquisition, 37 pages; recruiting, 2): cold (a new browser
    /// and template compile, then the first report), warm (the same process, later reports) and a batch of
    /// <paramref name="reports"/> reports through one process; then Chromium's print alone, untagged and tagged.
    /// </summary>
    public static async Task<BenchResult> Pdf(BenchPaths paths, int reports, string kind = "acquisition")
    {
        var results = await SampleResults(paths, kind).ConfigureAwait(false);
        var folder = Directory.CreateTempSubdirectory("diligence-bench-pdf").FullName;
        try
        {
            await using var rendering = new RenderingResources(null);
            var writer = new ReportWriter(rendering.Templates(null), rendering.Printer);
            var (_, coldMs) = await Measure.TimeAsync(() => writer.WriteAsync(results, folder, new ReportOptions())).ConfigureAwait(false);
            var warm = new List<double>();
            var batch = Stopwatch.StartNew();
            for (var i = 0; i < reports; i++)
            {
                var (_, ms) = await Measure.TimeAsync(() => writer.WriteAsync(results, folder, new ReportOptions())).ConfigureAwait(false);
                warm.Add(ms);
            }

            var batchMs = batch.Elapsed.TotalMilliseconds;

            // What Chromium alone takes: printing the same HTML again, without view models or templates; and tagged.
            var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html")).ConfigureAwait(false);
            var printed = Path.Combine(folder, "print-only.pdf");
            async Task<(double Ms, double Kb)> PrintOnly(bool tagged)
            {
                var times = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    var (_, ms) = await Measure.TimeAsync(async () =>
                    {
                        await rendering.Printer.PrintAsync(html, printed, PageSize.Letter, "Payor contract diligence", "Confidential", tagged).ConfigureAwait(false);
                        return 0;
                    }).ConfigureAwait(false);
                    times.Add(ms);
                }

                return (Measure.Median(times), new FileInfo(printed).Length / 1024.0);
            }

            var untagged = await PrintOnly(tagged: false).ConfigureAwait(false);
            var tagged = await PrintOnly(tagged: true).ConfigureAwait(false);
            return new BenchResult("pdf", $"sample {kind} report, {reports} warm", new Dictionary<string, double>
            {
                ["coldMs"] = coldMs,
                ["warmMedianMs"] = Measure.Median(warm),
                ["chromiumPrintMedianMs"] = untagged.Ms,
                ["chromiumTaggedPrintMedianMs"] = tagged.Ms,
                ["pdfKb"] = untagged.Kb,
                ["taggedPdfKb"] = tagged.Kb,
                ["batchMs"] = batchMs,
                ["peakBytes"] = Measure.PeakResidentBytes(),
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A sample job's results document, computed once and untimed by the job pipeline itself (with a browser of its
    /// own, so the timed rendering that follows starts cold).
    /// </summary>
    private static async Task<ResultsDocument> SampleResults(BenchPaths paths, string kind)
    {
        var (job, problems) = JobManifest.Load(paths.SampleJob(kind));
        if (job is null)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }

        var scratch = Directory.CreateTempSubdirectory("diligence-bench-results").FullName;
        try
        {
            await using var rendering = new RenderingResources(null);
            var outcome = await JobRunner.RunAsync(job, Path.Combine(scratch, "job"), rendering).ConfigureAwait(false);
            return outcome.Results ?? throw new InvalidOperationException($"The sample {kind} job failed: {string.Join("; ", outcome.Problems)}; run 'diligence validate' on it.");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The whole sample acquisition job as a new process, as a user runs it (cold: a fresh runtime, JIT and browser).</summary>
    public static BenchResult EndToEnd(BenchPaths paths, string diligenceDll)
    {
        var output = Directory.CreateTempSubdirectory("diligence-bench-e2e").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", ["exec", diligenceDll, "run", paths.SampleJob(), "--out", Path.Combine(output, "job"), "--quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            var ms = clock.Elapsed.TotalMilliseconds;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"the sample job failed with exit code {process.ExitCode}: {stderr.Result}{stdout.Result}");
            }

            return new BenchResult("end-to-end", "sample acquisition job, new process", new Dictionary<string, double> { ["totalMs"] = ms });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
