using DiligenceEngine.Cli.Jobs;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Cli.Tests.Jobs;

public class JobManifestTests
{
    private const string Valid = """{"kind":"acquisition","name":"glr","practiceName":"GLR","inputs":{"medicare":"cms","market":"m","target":"t"},"output":"out","parameters":{"closeDate":"2027-01-31"}}""";

    [Fact]
    public void RelativePathsResolveAgainstTheJobFilesFolder()
    {
        using var folder = new TempFolder();
        var (job, problems) = JobManifest.Load(folder.File("jobs/a.json", Valid));
        problems.ShouldBeEmpty();
        job!.MarketFolder.ShouldBe(Path.Combine(folder.Path, "jobs", "m"));
    }

    [Fact]
    public void AnUnknownFieldIsAnErrorNamingItsPath()
    {
        using var folder = new TempFolder();
        var (job, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace("\"output\"", "\"outptu\":\"x\",\"output\"", StringComparison.Ordinal)));
        job.ShouldBeNull();
        problems.Single().ShouldContain("$.outptu");
    }

    [Fact]
    public void AnUnknownKindListsTheKinds()
    {
        using var folder = new TempFolder();
        var (_, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace("acquisition", "merger", StringComparison.Ordinal)));
        problems.Single().ShouldContain("$.kind: 'merger' is not a job kind; use one of acquisition, expansion, recruiting");
    }

    [Fact]
    public void AMissingRequiredFieldIsAnError()
    {
        using var folder = new TempFolder();
        var (_, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace("\"practiceName\":\"GLR\",", string.Empty, StringComparison.Ordinal)));
        problems.Single().ShouldContain("practiceName");
    }

    [Fact]
    public void ParametersOutOfRangeAreNamedByTheirJsonPath()
    {
        using var folder = new TempFolder();
        var (_, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace("\"closeDate\":\"2027-01-31\"", "\"closeDate\":\"2027-01-31\",\"horizonMonths\":400,\"discountRate\":10", StringComparison.Ordinal)));
        problems.ShouldContain(p => p.EndsWith("$.parameters.horizonMonths: 400 is above the maximum 120", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("$.parameters.discountRate: 10 is above the maximum 1 (a fraction: 0.10 is 10%)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnAcquisitionWithoutACloseDateIsAnError()
    {
        using var folder = new TempFolder();
        var (_, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace(",\"parameters\":{\"closeDate\":\"2027-01-31\"}", string.Empty, StringComparison.Ordinal)));
        problems.Single().ShouldContain("$.parameters.closeDate: an acquisition job needs the expected close date");
    }
}
