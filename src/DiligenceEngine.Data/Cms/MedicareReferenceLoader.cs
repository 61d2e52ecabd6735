using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Data.Cms;

/// <summary>
/// Loads a folder of CMS fee-schedule release files as downloaded (any number of years): PPRRVU*.csv (RVUs),
/// GPCI*.csv (GPCIs) and *LOCCO*.csv (counties per locality), and builds the Medicare baseline from them and
/// the built-in catalog.
/// </summary>
public static class MedicareReferenceLoader
{
    public static (MedicareBaseline? Baseline, IReadOnlyList<LocalityCounties> Counties) Load(string folder, CptCatalog catalog, DataIssueLog log)
    {
        if (!Directory.Exists(folder))
        {
            log.Blocking(DisplayPath.Of(folder), null, null, null, null, "the CMS reference folder does not exist; point it at a folder holding CMS's PPRRVUyyyy and GPCIyyyy csv files");
            return (null, []);
        }

        var before = log.BlockingCount;
        var rvus = Files(folder, "PPRRVU*.csv").Select(f => PprrvuFileLoader.Load(f, DisplayPath.Of(f), log)).OfType<RvuRelease>().ToList();
        var gpcis = Files(folder, "GPCI*.csv").Select(f => GpciFileLoader.Load(f, DisplayPath.Of(f), log)).OfType<GpciRelease>().ToList();
        var counties = Files(folder, "*LOCCO*.csv").SelectMany(f => LocalityCountyFileLoader.Load(f, DisplayPath.Of(f), log)).ToList();
        foreach (var duplicate in rvus.GroupBy(r => r.Year).Where(g => g.Count() > 1))
        {
            log.Blocking(DisplayPath.Of(folder), null, null, null, null, $"more than one RVU file for {duplicate.Key} ({string.Join(", ", duplicate.Select(d => d.Source))}); keep the latest release only");
        }

        foreach (var duplicate in gpcis.GroupBy(r => r.Year).Where(g => g.Count() > 1))
        {
            log.Blocking(DisplayPath.Of(folder), null, null, null, null, $"more than one GPCI file for {duplicate.Key}; keep one");
        }

        if (gpcis.Count == 0 && log.BlockingCount == before)
        {
            log.Blocking(DisplayPath.Of(folder), null, null, null, null, "no GPCIyyyy.csv file found; copy CMS's GPCI file of the RVU release into this folder");
        }

        return log.BlockingCount > before ? (null, counties) : (MedicareBaseline.Build(catalog, rvus, gpcis), counties);
    }

    private static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).Order(StringComparer.Ordinal);
}
