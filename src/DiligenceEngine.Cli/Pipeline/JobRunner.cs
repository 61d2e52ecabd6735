using System.Text.Json;
using DiligenceEngine.Analysis.Expansion;
using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Recruiting;
using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Cli.Jobs;
using DiligenceEngine.Cli.Output;
using DiligenceEngine.Reporting.Results;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Payors;
using DiligenceEngine.Reporting.Exports;
using DiligenceEngine.Reporting.Rendering;

namespace DiligenceEngine.Cli.Pipeline;

/// <summary>What a job run produced, or why it stopped.</summary>
public sealed record JobOutcome(int ExitCode, DataIssueLog Log, IReadOnlyList<string> Problems, ResultsDocument? Results, string? PdfPath = null);

/// <summary>
/// The heavy resources a process shares across jobs: the warm Chromium and compiled templates per templates folder.
/// </summary>
public sealed class RenderingResources(string? chromiumPath) : IAsyncDisposable
{
    private readonly Dictionary<string, TemplateRenderer> renderers = [];

    public PdfPrinter Printer { get; } = new(chromiumPath);

    public TemplateRenderer Templates(string? folder)
    {
        var root = Path.GetFullPath(folder ?? TemplateRenderer.DefaultRoot);
        lock (renderers)
        {
            if (!renderers.TryGetValue(root, out var renderer))
            {
                renderers[root] = renderer = new TemplateRenderer(root);
            }

            return renderer;
        }
    }

    /// <summary>
    /// Starts what the report of a job of <paramref name="kind"/> will need — its templates compiled and Chromium
    /// running — in the background, while the analysis runs. Problems surface when the report is rendered.
    /// </summary>
    public void StartWarming(string kind, string? templatesFolder)
    {
        Printer.StartLaunching();
        try
        {
            Templates(templatesFolder).StartWarming(kind);
        }
        catch (RenderingException)
        {
            // A missing templates folder fails the job when its report is rendered, as a rendering failure (exit 3).
        }
    }

    public ValueTask DisposeAsync() => Printer.DisposeAsync();
}

/// <summary>
/// Runs one job through the pipeline in order — load and validate, market model, the kind's analysis (visit economics
/// and projection; expansion sizing; competitive position) — and writes its outputs into a folder that appears only
/// when complete.
/// </summary>
public static class JobRunner
{
    /// <param name="job">The job, paths resolved.</param>
    /// <param name="destination">The output folder; it appears only when every output is written.</param>
    /// <param name="rendering">The process's warm browser and compiled templates.</param>
    /// <param name="progress">The job's log; receives each stage as it starts and is written as job.log with the outputs.</param>
    /// <param name="cancel">Checked between stages; a cancelled job writes nothing.</param>
    /// <param name="cache">Inputs and market models shared across the jobs of a process; loaded afresh when null.</param>
    public static async Task<JobOutcome> RunAsync(ResolvedJob job, string destination, RenderingResources rendering, JobLog? progress = null, CancellationToken cancel = default, InputCache? cache = null)
    {
        var log = new DataIssueLog();
        progress?.Report("Loading and validating inputs");
        var paths = new InputPaths(job.MedicareFolder, job.MarketFolder, job.TargetFolder);
        var inputs = cache is null ? InputLoader.Load(paths, CptCatalog.Default, log) : cache.Load(paths, CptCatalog.Default, log);
        if (inputs is null)
        {
            return new JobOutcome(Commands.ExitCodes.BadInput, log, [], null);
        }

        var marketOptions = new MarketModelOptions { Seed = job.Parameters.Seed ?? 2025 };
        var (analyze, problems) = Resolve(job, inputs);
        if (analyze is null)
        {
            return new JobOutcome(Commands.ExitCodes.BadInput, log, problems, null);
        }

        rendering.StartWarming(job.Kind, job.TemplatesFolder);
        cancel.ThrowIfCancellationRequested();
        progress?.Report("Building the market model");
        var model = cache is null ? MarketModel.Build(inputs.Market, inputs.Medicare, marketOptions) : cache.Model(inputs, marketOptions);
        var summary = InputSummary.From(job.Kind, job.Name, job.PracticeName, inputs, log, marketOptions.SmallCellPractices);
        var (results, analysisProblems) = analyze(model, summary, stage =>
        {
            cancel.ThrowIfCancellationRequested();
            progress?.Report(stage);
        });
        if (results is null)
        {
            return new JobOutcome(Commands.ExitCodes.BadInput, log, analysisProblems, null);
        }

        cancel.ThrowIfCancellationRequested();
        progress?.Report("Writing results, tables and the report");
        using var folder = new AtomicFolder(destination);
        await File.WriteAllTextAsync(Path.Combine(folder.TemporaryPath, "results.json"), JsonSerializer.Serialize(results, JsonOutput.Options), cancel).ConfigureAwait(false);
        // The tables (CPU here) and the report (mostly Chromium, another process) do not depend on each other.
        var exports = Task.Run(() => TableExports.Write(results, folder.TemporaryPath), CancellationToken.None);
        try
        {
            var writer = new ReportWriter(rendering.Templates(job.TemplatesFolder), rendering.Printer);
            await writer.WriteAsync(results, folder.TemporaryPath, new ReportOptions(job.PageSize, job.TemplatesFolder, job.TaggedPdf)).ConfigureAwait(false);
        }
        catch (RenderingException e)
        {
            // Nothing is committed: the temporary folder is deleted, so no partial outputs appear.
            return new JobOutcome(Commands.ExitCodes.DependencyFailure, log, [$"report rendering failed: {e.Message}"], null);
        }
        finally
        {
            // The tables finish writing before the folder is committed, or deleted.
            await exports.ConfigureAwait(false);
        }

        cancel.ThrowIfCancellationRequested();
        if (progress is not null)
        {
            progress.Finish("outputs complete");
            await File.WriteAllTextAsync(Path.Combine(folder.TemporaryPath, "job.log"), progress.Text(), cancel).ConfigureAwait(false);
        }

        folder.Commit();
        return new JobOutcome(Commands.ExitCodes.Ok, log, [], results, Path.Combine(destination, "report.pdf"));
    }

    /// <summary>What stops a job once its inputs are loaded: options naming markets, payors or baskets the data lack.</summary>
    public static IReadOnlyList<string> PlanProblems(ResolvedJob job, InputSet inputs) => Resolve(job, inputs).Problems;

    private static (Analysis? Analyze, IReadOnlyList<string> Problems) Resolve(ResolvedJob job, InputSet inputs) => job.Kind switch
    {
        "expansion" => Expansion(job, inputs),
        "recruiting" => Recruiting(job, inputs),
        _ => Acquisition(job, inputs),
    };

    /// <summary>A kind's analysis once its options have resolved: from the market model to the results document.</summary>
    private delegate (ResultsDocument? Results, IReadOnlyList<string> Problems) Analysis(MarketModel model, InputSummary summary, Action<string> stage);

    private static (Analysis? Analyze, IReadOnlyList<string> Problems) Acquisition(ResolvedJob job, InputSet inputs)
    {
        var (projectionOptions, problems) = ProjectionOptionsFor(job, inputs.Market.Payors);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return ((model, summary, stage) =>
        {
            var visitOptions = new VisitEconomicsOptions();
            stage("Visit economics and claims re-pricing");
            var visits = new VisitEconomics(inputs, model, CptCatalog.Default, visitOptions).Analyze();
            stage($"Monte Carlo projection ({projectionOptions!.Paths:N0} paths, with sensitivity)");
            var projection = new UpliftProjection(inputs, model, visits, CptCatalog.Default, projectionOptions).Run();
            return (ResultsDocument.From(summary, model, visitOptions, visits, projection), []);
        }, []);
    }

    private static (Analysis? Analyze, IReadOnlyList<string> Problems) Expansion(ResolvedJob job, InputSet inputs)
    {
        var (plan, problems) = PlanResolver.Expansion(job.Expansion!, job.Parameters, inputs);
        if (plan is null)
        {
            return (null, problems);
        }

        return ((model, summary, stage) =>
        {
            stage($"Sizing {plan.Markets.Count} candidate markets ({plan.Paths:N0} paths each)");
            var (expansion, sizingProblems) = new ExpansionSizing(inputs, model, plan, CptCatalog.Default).Run();
            return expansion is null ? (null, sizingProblems) : (ResultsDocument.From(summary, model, new VisitEconomicsOptions(), null, null, expansion), []);
        }, []);
    }

    private static (Analysis? Analyze, IReadOnlyList<string> Problems) Recruiting(ResolvedJob job, InputSet inputs)
    {
        var (plan, problems) = PlanResolver.Recruiting(job.Recruiting, inputs);
        if (plan is null)
        {
            return (null, problems);
        }

        return ((model, summary, stage) =>
        {
            var visitOptions = new VisitEconomicsOptions();
            stage("Visit economics of the practice's contracts");
            var visits = new VisitEconomics(inputs, model, CptCatalog.Default, visitOptions).Analyze();
            stage($"Competitive position in {plan.Market.Id}");
            var position = CompetitivePosition.Analyze(visits, inputs.Target!, plan.Market, plan.Basket, plan.CompetitorSetSize, plan.TopCodes, inputs.Medicare, CptCatalog.Default);
            return (ResultsDocument.From(summary, model, visitOptions, visits, null, null, position), []);
        }, []);
    }

    /// <summary>The projection's options from the job (whose manifest check ensured a close date).</summary>
    private static (ProjectionOptions? Options, IReadOnlyList<string> Problems) ProjectionOptionsFor(ResolvedJob job, PayorDirectory payors)
    {
        var p = job.Parameters;
        var close = p.CloseDate ?? throw new InvalidOperationException("The job manifest requires a close date for acquisition jobs.");

        var problems = new List<string>();
        var forced = new Dictionary<string, NegotiationStrategy>();
        foreach (var (name, strategy) in p.StrategyOverrides ?? [])
        {
            if (payors.Resolve(name) is PayorMatch.Found found)
            {
                forced[found.Payor.Name] = Enum.Parse<NegotiationStrategy>(strategy.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
            }
            else
            {
                problems.Add($"$.parameters.strategyOverrides['{name}']: '{name}' is not a payor of the market dataset's payors.csv; use its name or an alias");
            }
        }

        var defaults = new ProjectionOptions { CloseDate = close };
        return (defaults with
        {
            Deal = p.DealStructure == "asset_purchase" ? DealStructure.AssetPurchase : DealStructure.StockPurchase,
            HorizonMonths = p.HorizonMonths ?? defaults.HorizonMonths,
            Paths = p.Paths ?? defaults.Paths,
            Seed = p.Seed ?? defaults.Seed,
            DiscountRate = p.DiscountRate ?? defaults.DiscountRate,
            VolumeGrowth = p.VolumeGrowth ?? defaults.VolumeGrowth,
            UpliftThresholdDollars = p.UpliftThresholdDollars ?? defaults.UpliftThresholdDollars,
            ForcedStrategies = forced,
        }, problems);
    }
}
