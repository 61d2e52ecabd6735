using DiligenceEngine.Data.Cms;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Data.Tests.Cms;

/// <summary>The loaders run on CMS's real RVU25D release files, shipped unmodified in sample-data/cms/rvu25d.</summary>
public class CmsLoadersTests
{
    private static string CmsFile(string name) => Path.Combine(RepoPaths.CmsFolder, name);

    [Fact]
    public void PprrvuLoaderReadsTheStackedHeaderAndTheConversionFactor()
    {
        var log = new DataIssueLog();
        var release = PprrvuFileLoader.Load(CmsFile("PPRRVU2025_Oct.csv"), "PPRRVU2025_Oct.csv", log)!;
        log.Issues.ShouldBeEmpty();
        release.Year.ShouldBe(2025);
        release.ConversionFactor.ShouldBe(32.3465m);
        release.Rvus[CptCode.Of("97530")].ShouldBe(new RvuSet(0.44m, 0.62m, 0.01m));
        release.Rvus.Count.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public void TheCatalogs2025RvusAgreeWithTheCmsFile()
    {
        var release = PprrvuFileLoader.Load(CmsFile("PPRRVU2025_Oct.csv"), "x", new DataIssueLog())!;
        foreach (var info in CptCatalog.Default.All.Where(c => c.RvusByYear.ContainsKey(2025)))
        {
            release.Rvus[info.Code].ShouldBe(info.RvusByYear[2025], $"RVUs of {info.Code}");
        }
    }

    [Fact]
    public void GpciLoaderReadsEveryLocalityAndSkipsFootnotes()
    {
        var log = new DataIssueLog();
        var release = GpciFileLoader.Load(CmsFile("GPCI2025.csv"), "GPCI2025.csv", log)!;
        log.Issues.ShouldBeEmpty();
        release.Year.ShouldBe(2025);
        release.Localities.Count.ShouldBe(109);
        var detroit = release.Localities.Single(l => l.Id == LocalityId.Of("08202-01"));
        detroit.Name.ShouldBe("DETROIT");
        detroit.Gpci.ShouldBe(new Gpci(1.003m, 0.986m, 1.718m));
        release.Localities.Single(l => l.Id == LocalityId.Of("02102-01")).Name.ShouldBe("ALASKA");
    }

    [Fact]
    public void LocalityCountyLoaderCarriesTheStateDownToRowsThatLeaveItBlank()
    {
        var log = new DataIssueLog();
        var counties = LocalityCountyFileLoader.Load(CmsFile("25LOCCO.csv"), "25LOCCO.csv", log);
        log.Issues.ShouldBeEmpty();
        var sanFrancisco = counties.Single(c => c.Locality == LocalityId.Of("01112-05"));
        sanFrancisco.State.ShouldBe("CALIFORNIA");
        sanFrancisco.Counties.ShouldContain("SAN MATEO");
    }

    [Fact]
    public void TheReferenceFolderBuildsA2025BaselineFromTheFilesAndOthersFromTheCatalog()
    {
        var log = new DataIssueLog();
        var (baseline, _) = MedicareReferenceLoader.Load(RepoPaths.CmsFolder, CptCatalog.Default, log);
        log.Issues.ShouldBeEmpty();
        baseline!.Years.ShouldBe([2024, 2025, 2026]);
        baseline.ForYear(2025).Rate(CptCode.Of("97110"), LocalityId.Of("08202-99")).Amount.ShouldBe(27.61m);
        baseline.ForYear(2025).Provenance[0].ShouldContain("PPRRVU2025_Oct.csv");
        baseline.Assumptions.Count.ShouldBe(2);
    }

    [Fact]
    public void AFileThatIsNotAnRvuFileIsRejectedWithWhatWasExpected()
    {
        using var folder = new TempFolder();
        var path = folder.File("PPRRVU2025.csv", "a,b,c\n1,2,3\n");
        var log = new DataIssueLog();
        PprrvuFileLoader.Load(path, "PPRRVU2025.csv", log).ShouldBeNull();
        log.Issues.Single().Message.ShouldContain("no header row starting with HCPCS");
    }

    [Fact]
    public void AFolderWithoutGpciFileIsBlocking()
    {
        using var folder = new TempFolder();
        var log = new DataIssueLog();
        MedicareReferenceLoader.Load(folder.Path, CptCatalog.Default, log).Baseline.ShouldBeNull();
        log.Issues.Single().Message.ShouldContain("no GPCIyyyy.csv file found");
    }
}
