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

    [Theory]
    [InlineData("", false)]
    [InlineData("\"report\":{\"taggedPdf\":true},", true)]
    [InlineData("\"report\":{\"taggedPdf\":false},", false)]
    public void APdfIsTaggedOnlyWhenTheJobAsks(string report, bool tagged)
    {
        using var folder = new TempFolder();
        var (job, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace("\"output\"", report + "\"output\"", StringComparison.Ordinal)));
        problems.ShouldBeEmpty();
        job!.TaggedPdf.ShouldBe(tagged);
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
    public void EveryUnknownFieldAndEveryBadValueIsReportedInOnePass()
    {
        using var folder = new TempFolder();
        var json = Valid.Replace("\"closeDate\":\"2027-01-31\"", "\"closeDate\":\"2027-01-31\",\"horizonMonths\":400,\"colour\":1", StringComparison.Ordinal)
            .Replace("\"target\":\"t\"", "\"target\":\"t\",\"markte\":\"m\"", StringComparison.Ordinal);
        var (job, problems) = JobManifest.Load(folder.File("a.json", json));
        job.ShouldBeNull();
        problems.Count.ShouldBe(3);
        problems.ShouldContain(p => p.Contains("$.inputs.markte: not a field of $.inputs; the fields here are medicare, market, target", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("$.parameters.colour: not a field of $.parameters;", StringComparison.Ordinal));
        problems.ShouldContain(p => p.EndsWith("$.parameters.horizonMonths: 400 is above the maximum 120", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownFieldsInsideMapsAndListsAreNamedByTheirPath()
    {
        using var folder = new TempFolder();
        var json = Expansion.Replace("\"visitsPerYearAtMaturity\":9000", "\"visitsPerYearAtMaturity\":9000,\"rampUp\":{\"curve\":[0.5],\"shape\":\"s\"}", StringComparison.Ordinal);
        var (_, problems) = JobManifest.Load(folder.File("x.json", json));
        problems.Single().ShouldContain("$.expansion.rampUp.shape: not a field of $.expansion.rampUp; the fields here are startShare, monthsToMaturity, curve");
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

    private const string Expansion = """{"kind":"expansion","name":"x","practiceName":"G","inputs":{"medicare":"cms","market":"m"},"output":"out","expansion":{"markets":["TX"],"visitsPerYearAtMaturity":9000,"payorMix":{"A":0.6,"B":0.4}}}""";

    [Fact]
    public void AnExpansionJobNeedsNoTargetOrCloseDate()
    {
        using var folder = new TempFolder();
        var (job, problems) = JobManifest.Load(folder.File("x.json", Expansion));
        problems.ShouldBeEmpty();
        job!.Expansion!.Markets.ShouldBe(["TX"]);
    }

    [Fact]
    public void AnExpansionJobWithoutItsPlanIsAnError()
    {
        using var folder = new TempFolder();
        var (_, problems) = JobManifest.Load(folder.File("x.json", Valid.Replace("acquisition", "expansion", StringComparison.Ordinal)));
        problems.ShouldContain(p => p.Contains("$.expansion: an expansion job needs its plan", StringComparison.Ordinal));
    }

    [Fact]
    public void APlanOnAnotherKindOfJobIsAnError()
    {
        using var folder = new TempFolder();
        var (_, problems) = JobManifest.Load(folder.File("a.json", Valid.Replace("}}", "},\"recruiting\":{\"market\":\"MI-DETROIT\"}}", StringComparison.Ordinal)));
        problems.Single().ShouldContain("$.recruiting: only recruiting jobs take recruiting options");
    }

    [Fact]
    public void APayorMixThatDoesNotAddUpAndARampGivenTwiceAreNamedByPath()
    {
        using var folder = new TempFolder();
        var json = Expansion.Replace("\"B\":0.4", "\"B\":0.3", StringComparison.Ordinal)
            .Replace("\"visitsPerYearAtMaturity\":9000", "\"visitsPerYearAtMaturity\":9000,\"rampUp\":{\"startShare\":0.3,\"monthsToMaturity\":12,\"curve\":[0.5]},\"entryPercentile\":25", StringComparison.Ordinal);
        var (_, problems) = JobManifest.Load(folder.File("x.json", json));
        problems.ShouldContain(p => p.EndsWith("$.expansion.payorMix: the shares add up to 0.9; they must add up to 1 (100% of visits)", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("$.expansion.rampUp: give either startShare with monthsToMaturity", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("$.expansion.entryPercentile: 25 is not a percentile; use a fraction strictly between 0 and 1 (0.25 is P25)", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecruitingJobNeedsThePractice()
    {
        using var folder = new TempFolder();
        var json = """{"kind":"recruiting","name":"r","practiceName":"P","inputs":{"medicare":"cms","market":"m"},"output":"out"}""";
        var (_, problems) = JobManifest.Load(folder.File("r.json", json));
        problems.Single().ShouldContain("$.inputs.target: a recruiting job needs the practice's folder");
    }
}
