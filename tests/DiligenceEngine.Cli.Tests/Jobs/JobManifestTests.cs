using DiligenceEngine.Cli.Jobs;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Cli.Tests.Jobs;

public class JobManifestTests
{
    private const string Valid = """{"kind":"acquisition","name":"glr","practiceName":"GLR","inputs":{"medicare":"cms","market":"m","target":"t"},"output":"out"}""";

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
}
