using System.Text.Json;
using DiligenceEngine.Analysis.Market;
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

    public ValueTask DisposeAsync() => Printer.DisposeAsync();
}

/// <summary>
/// Runs one job through the pipeline in order — load and validate, market model, visit economics, projection — and
/// writes its outputs into a folder that appears only when complete.
/// </summary>
public static class JobRunner
{
    /// <param name="job">The job, paths resolved.</param>
    /// <param name="destination">The output folder; it appears only when every output is written.</param>
    /// <param name="rendering">The process's warm browser and compiled templates.</param>
    /// <param name="progress">The job's log; receives each stage as it starts and is written as job.log with the outputs.</param>
    /// <param name="cancel">Checked between stages; a cancelled job writes nothing.</param>
    public static async Task<JobOutcome> RunAsync(ResolvedJob job, string destination, RenderingResources rendering, JobLog? progress = null, CancellationToken cancel = default)
    {
        if (job.Kind != "acquisition")
        {
            return new JobOutcome(Commands.ExitCodes.BadInput, new DataIssueLog(), [$"$.kind: {job.Kind} jobs are not available in this version; only acquisition jobs run (docs/jobs.md)"], null);
        }

        var log = new DataIssueLog();
        progress?.Report("Loading and validating inputs");
        var inputs = InputLoader.Load(new InputPaths(job.MedicareFolder, job.MarketFolder, job.TargetFolder), CptCatalog.Default, log);
        if (inputs is null)
        {
            return new JobOutcome(Commands.ExitCodes.BadInput, log, [], null);
        }

        var (projectionOptions, problems) = ProjectionOptionsFor(job, inputs.Market.Payors);
        if (problems.Count > 0)
        {
            return new JobOutcome(Commands.ExitCodes.BadInput, log, problems, null);
        }

        var marketOptions = new MarketModelOptions { Seed = job.Parameters.Seed ?? 2025 };
        var visitOptions = new VisitEconomicsOptions();
        cancel.ThrowIfCancellationRequested();
        progress?.Report("Building the market model");
        var model = MarketModel.Build(inputs.Market, inputs.Medicare, marketOptions);
        cancel.ThrowIfCancellationRequested();
        progress?.Report("Visit economics and claims re-pricing");
        var visits = inputs.Target is null ? null : new VisitEconomics(inputs, model, CptCatalog.Default, visitOptions).Analyze();
        cancel.ThrowIfCancellationRequested();
        progress?.Report($"Monte Carlo projection ({projectionOptions?.Paths ?? 0:N0} paths, with sensitivity)");
        var projection = visits is null || projectionOptions is null ? null : new UpliftProjection(inputs, model, visits, CptCatalog.Default, projectionOptions).Run();
        cancel.ThrowIfCancellationRequested();
        var summary = InputSummary.From(job.Kind, job.Name, job.PracticeName, inputs, log, marketOptions.SmallCellPractices);
        var results = ResultsDocument.From(summary, model, visitOptions, visits, projection);

        progress?.Report("Writing results, tables and the report");
        using var folder = new AtomicFolder(destination);
        await File.WriteAllTextAsync(Path.Combine(folder.TemporaryPath, "results.json"), JsonSerializer.Serialize(results, JsonOutput.Options)).ConfigureAwait(false);
        TableExports.Write(results, folder.TemporaryPath);
        if (job.Kind == "acquisition" && results.VisitEconomics is not null)
        {
            try
            {
                var writer = new ReportWriter(rendering.Templates(job.TemplatesFolder), rendering.Printer);
                await writer.WriteAcquisitionAsync(results, folder.TemporaryPath, new ReportOptions(job.PageSize, job.TemplatesFolder)).ConfigureAwait(false);
            }
            catch (RenderingException e)
            {
                // Nothing is committed: the temporary folder is deleted, so no partial outputs appear.
                return new JobOutcome(Commands.ExitCodes.DependencyFailure, log, [$"report rendering failed: {e.Message}"], null);
            }
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

    /// <summary>The projection's options from the job; null for jobs without a close date (no projection asked for).</summary>
    private static (ProjectionOptions? Options, IReadOnlyList<string> Problems) ProjectionOptionsFor(ResolvedJob job, PayorDirectory payors)
    {
        var p = job.Parameters;
        if (p.CloseDate is not { } close)
        {
            return (null, []);
        }

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
