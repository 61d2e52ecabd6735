using DiligenceEngine.Data.Cms;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Data.Inputs;

/// <summary>Where a job's inputs live: the CMS reference files, the market dataset and (optionally) the target practice.</summary>
public sealed record InputPaths(string MedicareFolder, string MarketFolder, string? TargetFolder);

/// <summary>Every input of a job, loaded and cross-checked.</summary>
public sealed record InputSet(MedicareBaseline Medicare, IReadOnlyList<LocalityCounties> LocalityCounties, MarketDataset Market, TargetPractice? Target);

/// <summary>The load stage: reads all inputs in dependency order and reports every problem of every file.</summary>
public static class InputLoader
{
    /// <returns>The inputs, or null when any blocking problem was logged.</returns>
    public static InputSet? Load(InputPaths paths, CptCatalog catalog, DataIssueLog log)
    {
        var (medicare, counties) = MedicareReferenceLoader.Load(paths.MedicareFolder, catalog, log);
        return medicare is null ? null : LoadAgainst(medicare, counties, paths.MarketFolder, paths.TargetFolder, catalog, log);
    }

    /// <summary>Loads the market dataset and target against an already loaded Medicare baseline.</summary>
    public static InputSet? LoadAgainst(MedicareBaseline medicare, IReadOnlyList<LocalityCounties> counties, string marketFolder, string? targetFolder, CptCatalog catalog, DataIssueLog log)
    {
        foreach (var (folder, what) in new[] { (marketFolder, "market dataset"), (targetFolder, "target practice") })
        {
            if (folder is not null && !Directory.Exists(folder))
            {
                log.Blocking(DisplayPath.Of(folder), null, null, null, null, $"the {what} folder does not exist; check the path (relative paths in a job file resolve against the job file's folder)");
            }
        }

        if (log.HasBlocking)
        {
            return null;
        }

        // Later files are checked against whatever of the earlier ones loaded, so one run lists every problem.
        var market = MarketDatasetLoader.Load(marketFolder, medicare, catalog, log);
        TargetPractice? target = null;
        if (targetFolder is not null && (market.Payors.Payors.Count == 0 || market.Markets.Count == 0))
        {
            // Every row of the target names a payor and a market; checking it now would repeat one error per row.
            log.Blocking(DisplayPath.Of(targetFolder), null, null, null, null, "the target practice was not checked because the market dataset has no usable payors or markets; fix the problems above and validate again");
        }
        else if (targetFolder is not null)
        {
            target = TargetPracticeLoader.Load(targetFolder, market, medicare, catalog, log);
        }

        return log.HasBlocking ? null : new InputSet(medicare, counties, market, target);
    }
}
