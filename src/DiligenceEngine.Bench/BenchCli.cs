using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DiligenceEngine.Bench;

/// <summary>
/// The benchmark harness (<c>diligence-bench</c>): one command per scenario, <c>all</c> to run every scenario at the
/// chosen sizes in separate processes and print the medians as the tables of docs/performance.md, and <c>smoke</c> to
/// run each scenario once at a tiny size (what the test suite does; it asserts nothing about speed).
/// </summary>
public static class BenchCli
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static async Task<int> RunAsync(string[] args)
    {
        var repo = new Option<DirectoryInfo?>("--repo") { Description = "The repository (default: found upward from the working folder)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Where generated datasets are kept between runs (default: the temp folder's diligence-bench)." };
        var rows = new Option<int>("--rows") { Description = "Rate rows of the generated market dataset.", DefaultValueFactory = _ => 100_000 };
        var contracts = new Option<int>("--contracts") { DefaultValueFactory = _ => 40 };
        var paths = new Option<int>("--paths") { DefaultValueFactory = _ => 10_000 };
        var months = new Option<int>("--months") { DefaultValueFactory = _ => 60 };
        var reports = new Option<int>("--reports") { Description = "Warm reports rendered after the cold one.", DefaultValueFactory = _ => 100 };
        var kind = new Option<string>("--kind") { Description = "Which sample report: acquisition (37 pages) or recruiting (2).", DefaultValueFactory = _ => "acquisition" };
        kind.AcceptOnlyFromAmong("acquisition", "recruiting");
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated market sizes for 'all'.", DefaultValueFactory = _ => "100000,1000000,10000000" };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples of the market model (default 1000, the engine's), to see what the bootstrap costs.", DefaultValueFactory = _ => 1000 };
        var repeat = new Option<int>("--repeat") { Description = "Runs per measurement for 'all' (medians are reported).", DefaultValueFactory = _ => 3 };

        BenchPaths Paths(ParseResult p) => new(
            p.GetValue(repo)?.FullName ?? FindRepository(),
            p.GetValue(data)?.FullName ?? Path.Combine(Path.GetTempPath(), "diligence-bench"));

        Command Scenario(string name, string description, Func<ParseResult, Task<BenchResult>> run, params Option[] options)
        {
            var command = new Command(name, description);
            foreach (var option in options.Append(repo).Append(data))
            {
                command.Options.Add(option);
            }

            command.SetAction(async (p, _) =>
            {
                Console.WriteLine((await run(p).ConfigureAwait(false)).ToLine());
                return 0;
            });
            return command;
        }

        var root = new RootCommand("DiligenceEngine benchmarks: measured speed and memory, separate from the tests. Results: docs/performance.md.")
        {
            Scenario("market", "Load a generated market dataset and build the market model.", p => Task.FromResult(Scenarios.MarketModel(Paths(p), p.GetValue(rows), p.GetValue(resamples))), rows, resamples),
            Scenario("duckdb", "DuckDB's grouped quantiles on the same rates.csv (the reference).", p => Task.FromResult(Scenarios.DuckDb(Paths(p), p.GetValue(rows))), rows),
            Scenario("montecarlo", "The Monte Carlo engine alone, in contract-month steps per second.", p => Task.FromResult(Scenarios.MonteCarlo(p.GetValue(contracts), p.GetValue(paths), p.GetValue(months))), contracts, paths, months),
            Scenario("pdf", "Render a sample report: cold, warm and a batch; Chromium's print alone, untagged and tagged.", p => Scenarios.Pdf(Paths(p), p.GetValue(reports), p.GetValue(kind)!), reports, kind),
            Scenario("e2e", "The sample acquisition job as a new process.", p => Task.FromResult(Scenarios.EndToEnd(Paths(p), DiligenceDll(Paths(p))))),
        };

        var all = new Command("all", "Every scenario, each measurement in its own process, medians printed as markdown tables.") { sizes, repeat, reports, repo, data };
        all.SetAction(async (p, _) =>
        {
            var benchPaths = Paths(p);
            var report = await All(benchPaths, p.GetValue(sizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(), p.GetValue(repeat), p.GetValue(reports)).ConfigureAwait(false);
            Console.Write(report);
            return 0;
        });
        root.Subcommands.Add(all);

        var smoke = new Command("smoke", "Each scenario once at a tiny size, to show the harness works (no timing is judged).") { repo, data };
        smoke.SetAction(async (p, _) =>
        {
            foreach (var result in await Smoke(Paths(p)).ConfigureAwait(false))
            {
                Console.WriteLine(result.ToLine());
            }

            return 0;
        });
        root.Subcommands.Add(smoke);
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }

    internal static async Task<IReadOnlyList<BenchResult>> Smoke(BenchPaths paths) =>
    [
        Scenarios.MarketModel(paths, 20_000),
        Scenarios.DuckDb(paths, 20_000),
        Scenarios.MonteCarlo(4, 500, 12),
        await Scenarios.Pdf(paths, 1).ConfigureAwait(false),
    ];

    private static async Task<string> All(BenchPaths paths, IReadOnlyList<int> sizes, int repeat, int reports)
    {
        var results = new List<BenchResult>();
        foreach (var size in sizes)
        {
            Console.Error.WriteLine($"generating {size:N0} rows (once, untimed)…");
            paths.Market(size);
            for (var i = 0; i < repeat; i++)
            {
                results.AddRange(await Child(paths, "market", "--rows", size.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false));
                results.AddRange(await Child(paths, "duckdb", "--rows", size.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false));
            }
        }

        for (var i = 0; i < repeat; i++)
        {
            results.AddRange(await Child(paths, "montecarlo").ConfigureAwait(false));
            results.AddRange(await Child(paths, "e2e").ConfigureAwait(false));
        }

        results.AddRange(await Child(paths, "pdf", "--reports", reports.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false));
        results.AddRange(await Child(paths, "pdf", "--reports", reports.ToString(CultureInfo.InvariantCulture), "--kind", "recruiting").ConfigureAwait(false));
        return Tables(results);
    }

    /// <summary>Runs one scenario in a new process of this harness and reads its result lines.</summary>
    private static async Task<IReadOnlyList<BenchResult>> Child(BenchPaths paths, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", typeof(BenchCli).Assembly.Location, .. args, "--repo", paths.Repository, "--data", paths.DataRoot])
        {
            RedirectStandardOutput = true,
        };
        Console.Error.WriteLine($"  {string.Join(' ', args)}");
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"benchmark '{string.Join(' ', args)}' failed with exit code {process.ExitCode}");
        }

        return output.Split('\n').Select(BenchResult.Parse).OfType<BenchResult>().ToList();
    }

    /// <summary>The medians as the markdown tables of docs/performance.md.</summary>
    internal static string Tables(IReadOnlyList<BenchResult> results)
    {
        string Ms(double ms) => ms >= 10_000 ? (ms / 1000).ToString("#,##0.0 s", Us) : ms.ToString("#,##0 ms", Us);
        string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("#,##0 MB", Us);
        double Med(IEnumerable<BenchResult> rs, string figure) => Measure.Median(rs.Select(r => r.Figures[figure]));

        var text = new StringBuilder();
        text.AppendLine("| rows | load | model | ours total | peak after load | peak memory | DuckDB | DuckDB peak | ours / DuckDB |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var size in results.Where(r => r.Scenario == "market-model").GroupBy(r => r.Case))
        {
            var duck = results.Where(r => r.Scenario == "duckdb-quantiles" && r.Case == size.Key).ToList();
            var ours = Med(size, "totalMs");
            var reference = Med(duck, "totalMs");
            text.AppendLine(string.Create(Us, $"| {size.Key} | {Ms(Med(size, "loadMs"))} | {Ms(Med(size, "modelMs"))} | {Ms(ours)} | {Mb(size.Max(r => r.Figures["loadPeakBytes"]))} | {Mb(size.Max(r => r.Figures["peakBytes"]))} | {Ms(reference)} | {Mb(duck.Max(r => r.Figures["peakBytes"]))} | {ours / reference:0.0}× |"));
        }

        text.AppendLine();
        foreach (var group in results.Where(r => r.Scenario is not ("market-model" or "duckdb-quantiles")).GroupBy(r => (r.Scenario, r.Case)))
        {
            var figures = group.First().Figures.Keys.Where(k => k != "peakBytes")
                .Select(k => $"{k} {Med(group, k).ToString(k.EndsWith("PerSecond", StringComparison.Ordinal) ? "#,##0" : "#,##0.#", Us)}");
            text.AppendLine($"- {group.Key.Scenario} ({group.Key.Case}, {group.Count()} run(s), medians): {string.Join(", ", figures)}");
        }

        return text.ToString();
    }

    private static string DiligenceDll(BenchPaths paths)
    {
        var built = Path.Combine(paths.Repository, "src", "DiligenceEngine.Cli", "bin", "Release", "net10.0", "diligence.dll");
        return File.Exists(built) ? built : throw new InvalidOperationException($"{built} is missing; build the CLI first: dotnet build src/DiligenceEngine.Cli -c Release");
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiligenceEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository, or give --repo.");
    }
}
