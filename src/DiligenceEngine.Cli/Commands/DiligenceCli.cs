using System.CommandLine;
using Microsoft.Extensions.Hosting;
using System.Text.Json;
using DiligenceEngine.Cli.Pipeline;
using DiligenceEngine.Cli.Jobs;
using DiligenceEngine.Cli.Output;
using DiligenceEngine.Reporting.Results;
using DiligenceEngine.Data.Cms;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Data.Sample;
using DiligenceEngine.Domain.Codes;

namespace DiligenceEngine.Cli.Commands;

/// <summary>The `diligence` command line: run, validate and sample generate.</summary>
public sealed class DiligenceCli(TextWriter output, TextWriter error)
{
    public RootCommand Build()
    {
        var root = new RootCommand("DiligenceEngine: payor-contract diligence for PT/OT practices. Exit codes: 0 ok, 1 unexpected error, 2 bad input, 3 render/dependency failure.");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(ValidateCommand());
        root.Subcommands.Add(SampleCommand());
        root.Subcommands.Add(ServeCommand());
        return root;
    }

    public int Invoke(string[] args) => InvokeAsync(args).GetAwaiter().GetResult();

    public async Task<int> InvokeAsync(string[] args)
    {
        try
        {
            return await Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"unexpected error: {e}");
            return ExitCodes.Unexpected;
        }
    }

    private Command RunCommand()
    {
        var job = new Argument<FileInfo>("job") { Description = "The job file (JSON); see docs/jobs.md." };
        var outOption = new Option<DirectoryInfo?>("--out") { Description = "Write the outputs directly into this folder instead of the job's output folder." };
        var chromium = new Option<string?>("--chromium") { Description = "Path of the Chromium executable (default: $DILIGENCE_CHROMIUM_PATH, else /usr/bin/chromium)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print nothing but errors and the output paths." };
        var verbose = new Option<bool>("--verbose") { Description = "Print each stage with its duration." };
        var command = new Command("run", "Run one job and exit: load and validate every input, analyse, and write results.json, report.html, report.pdf, CSV tables and tables.xlsx.") { job, outOption, chromium, quiet, verbose };
        command.SetAction(async (parse, cancel) =>
        {
            var (resolved, problems) = JobManifest.Load(parse.GetValue(job)!.FullName);
            if (resolved is null)
            {
                problems.ToList().ForEach(error.WriteLine);
                return ExitCodes.BadInput;
            }

            var destination = parse.GetValue(outOption)?.FullName ?? resolved.OutputFolder;
            await using var rendering = new RenderingResources(parse.GetValue(chromium) ?? Environment.GetEnvironmentVariable("DILIGENCE_CHROMIUM_PATH"));
            var progress = new ConsoleProgress(error, parse.GetValue(quiet), parse.GetValue(verbose));
            var outcome = await JobRunner.RunAsync(resolved, destination, rendering, new JobLog(resolved.Name, TimeProvider.System, progress.Show), cancel).ConfigureAwait(false);
            progress.End();
            if (outcome.Results is null)
            {
                IssueTable.Write(error, outcome.Log.Issues);
                outcome.Problems.ToList().ForEach(error.WriteLine);
                error.WriteLine($"{IssueTable.Summary(outcome.Log)} Nothing was written; fix the problems above and run again.");
                return outcome.ExitCode;
            }

            if (!parse.GetValue(quiet))
            {
                WriteRunSummary(outcome.Results, outcome.Log);
            }

            output.WriteLine($"Results: {Path.Combine(destination, "results.json")}");
            if (outcome.PdfPath is { } pdf)
            {
                output.WriteLine($"Report: {pdf}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private Command ValidateCommand()
    {
        var job = new Argument<FileInfo?>("job") { Description = "A job file whose inputs to check; or give the folders with the options below.", Arity = ArgumentArity.ZeroOrOne };
        var medicare = new Option<DirectoryInfo?>("--medicare") { Description = "Folder of CMS files (PPRRVUyyyy*.csv, GPCIyyyy.csv, yyLOCCO.csv)." };
        var market = new Option<DirectoryInfo?>("--market") { Description = "Market dataset folder (payors, markets, rates, negotiations, visit-mix)." };
        var target = new Option<DirectoryInfo?>("--target") { Description = "Target practice folder (locations, contracts, fee-schedules, claims or volumes)." };
        var command = new Command("validate", "Check a job's inputs (or the given folders), print every problem as a table, and write nothing. Exits 2 if any problem blocks.")
        {
            job, medicare, market, target,
        };
        command.SetAction(parse =>
        {
            InputPaths paths;
            ResolvedJob? checkedJob = null;
            if (parse.GetValue(job) is { } jobFile)
            {
                var (resolved, problems) = JobManifest.Load(jobFile.FullName);
                if (resolved is null)
                {
                    problems.ToList().ForEach(error.WriteLine);
                    return ExitCodes.BadInput;
                }

                checkedJob = resolved;
                paths = new InputPaths(resolved.MedicareFolder, resolved.MarketFolder, resolved.TargetFolder);
            }
            else if (parse.GetValue(medicare) is { } m && parse.GetValue(market) is { } k)
            {
                paths = new InputPaths(m.FullName, k.FullName, parse.GetValue(target)?.FullName);
            }
            else
            {
                error.WriteLine("validate needs a job file, or --medicare and --market (and optionally --target). See 'diligence validate --help'.");
                return ExitCodes.BadInput;
            }

            var log = new DataIssueLog();
            var inputs = InputLoader.Load(paths, CptCatalog.Default, log);
            IssueTable.Write(output, log.Issues);
            var planProblems = checkedJob is not null && inputs is not null ? JobRunner.PlanProblems(checkedJob, inputs) : [];
            planProblems.ToList().ForEach(output.WriteLine);
            output.WriteLine(IssueTable.Summary(log) + (planProblems.Count > 0 ? $" The job's options have {planProblems.Count} problem(s) against the data." : string.Empty));
            return log.HasBlocking || planProblems.Count > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }

    private Command ServeCommand()
    {
        var inbox = new Option<DirectoryInfo>("--inbox") { Description = "Folder to watch for job files (*.json).", Required = true };
        var outbox = new Option<DirectoryInfo>("--outbox") { Description = "Where each job's outputs appear, as outbox/<job>/.", Required = true };
        var done = new Option<DirectoryInfo?>("--done") { Description = "Where finished job files go (default: a 'done' sibling of the inbox)." };
        var failed = new Option<DirectoryInfo?>("--failed") { Description = "Where failed job files and their error.json/error.txt go (default: a 'failed' sibling of the inbox)." };
        var concurrency = new Option<int?>("--max-concurrency") { Description = "Jobs run at once (default: the number of cores)." };
        var roots = new Option<string[]>("--data-root") { Description = "A folder jobs may read inputs from, besides the inbox's parent; repeat for several.", AllowMultipleArgumentsPerToken = false };
        var chromium = new Option<string?>("--chromium") { Description = "Path of the Chromium executable." };
        var command = new Command("serve", "Run the hosted worker: claim each job arriving in the inbox, run it, and move it to done/ or failed/. Settings also come from appsettings.json and DILIGENCE_Worker__* environment variables.")
        {
            inbox, outbox, done, failed, concurrency, roots, chromium,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Worker:Inbox"] = parse.GetValue(inbox)!.FullName,
                ["Worker:Outbox"] = parse.GetValue(outbox)!.FullName,
            };
            if (parse.GetValue(done) is { } d) settings["Worker:Done"] = d.FullName;
            if (parse.GetValue(failed) is { } f) settings["Worker:Failed"] = f.FullName;
            if (parse.GetValue(concurrency) is { } c) settings["Worker:MaxConcurrentJobs"] = c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (parse.GetValue(chromium) is { } path) settings["Worker:ChromiumPath"] = path;
            var extraRoots = parse.GetValue(roots) ?? [];
            for (var i = 0; i < extraRoots.Length; i++)
            {
                settings[$"Worker:DataRoots:{i}"] = Path.GetFullPath(extraRoots[i]);
            }

            try
            {
                using var host = Worker.WorkerHost.Build(settings);
                await host.RunAsync(cancel).ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                error.WriteLine($"invalid worker settings: {string.Join("; ", e.Failures)}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private Command SampleCommand()
    {
        var medicare = new Option<DirectoryInfo>("--medicare") { Description = "Folder of CMS files the rates are calibrated to.", Required = true };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder to write market/ and target/ into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed writes the same files.", DefaultValueFactory = _ => 2025 };
        var scale = new Option<double>("--practice-scale") { Description = "Multiplies practices per market (100 writes ~3M rate rows for benchmarks).", DefaultValueFactory = _ => 1.0 };
        var visits = new Option<int>("--visits") { Description = "Visits in the target's 12 months of claims; 0 writes no target.", DefaultValueFactory = _ => 20_000 };
        var generate = new Command("generate", "Write a synthetic, Medicare-calibrated market dataset and target practice.") { medicare, outDir, seed, scale, visits };
        generate.SetAction(parse =>
        {
            if (parse.GetValue(scale) is <= 0 or > 10_000 || parse.GetValue(visits) is < 0 or > 10_000_000)
            {
                error.WriteLine("--practice-scale must be in (0, 10000] and --visits in [0, 10000000].");
                return ExitCodes.BadInput;
            }

            var log = new DataIssueLog();
            var (baseline, _) = MedicareReferenceLoader.Load(parse.GetValue(medicare)!.FullName, CptCatalog.Default, log);
            if (baseline is null)
            {
                IssueTable.Write(error, log.Issues);
                return ExitCodes.BadInput;
            }

            var options = new SampleOptions(parse.GetValue(seed), parse.GetValue(scale), parse.GetValue(visits));
            var summary = new SampleGenerator(baseline, CptCatalog.Default).Generate(options, parse.GetValue(outDir)!.FullName);
            output.WriteLine($"Wrote {summary.RateRows:N0} rate rows ({summary.Practices:N0} practices, {summary.Markets} markets, {summary.Payors} payors), {summary.Negotiations} negotiations, " +
                $"{summary.Contracts} target contracts and {summary.ClaimLines:N0} claim lines ({summary.Visits:N0} visits) to {parse.GetValue(outDir)!.FullName}");
            return ExitCodes.Ok;
        });
        return new Command("sample", "Synthetic data.") { generate };
    }

    private void WriteRunSummary(ResultsDocument results, DataIssueLog log)
    {
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        output.WriteLine($"Medicare years: {string.Join(", ", results.Medicare.Years.Select(y => y.Year))}; market: {results.Market.Markets} markets, {results.Market.Practices} practices, {results.Market.RateRowsByType.Values.Sum():N0} rate rows.");
        if (results.Target is { } t)
        {
            output.WriteLine($"Target: {t.Locations} locations, {t.Contracts.Count} contracts, {t.ClaimLines:N0} claim lines ({t.Visits:N0} visits).");
        }

        if (results.Job.Kind == "acquisition" && results.VisitEconomics is { } v)
        {
            output.WriteLine(string.Create(culture, $"Revenue at stake to market P50: {v.RevenueAtStakeTotal.UpsideToP50:C0} upside ({v.RevenueAtStakeTotal.ToP50:C0} net); to P75: {v.RevenueAtStakeTotal.UpsideToP75:C0} upside."));
        }

        if (results.Projection is { } p)
        {
            output.WriteLine(string.Create(culture, $"Uplift NPV over {p.Parameters.HorizonMonths} months at {p.Parameters.DiscountRate:P0}: P10 {p.UpliftNpv.P10:C0}, P50 {p.UpliftNpv.P50:C0}, P90 {p.UpliftNpv.P90:C0} ({p.Parameters.Paths:N0} paths)."));
        }

        if (results.Expansion is { Markets.Count: > 0 } e)
        {
            var first = e.Markets[0];
            output.WriteLine(string.Create(culture, $"Leading market of {e.Markets.Count}: {first.Market}, expected {first.Horizon.MeanDollars:C0} over {e.Parameters.HorizonMonths} months (P10 {first.Horizon.P10Dollars:C0}, P90 {first.Horizon.P90Dollars:C0}); last: {e.Markets[^1].Market}, {e.Markets[^1].Horizon.MeanDollars:C0}."));
        }

        if (results.Recruiting is { OverallPercentile: { } overall } r)
        {
            output.WriteLine($"Competitive position in {r.Market}: {Analysis.Recruiting.RecruitingNarrative.P(overall)} overall (revenue-weighted); top quartile with {r.TopQuartilePayors} of {r.Payors.Count} payors.");
        }

        output.WriteLine(IssueTable.Summary(log) + (log.WarningCount > 0 ? " Warnings are listed in results.json (dataQuality)." : string.Empty));
    }
}
