using System.Text.Json;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Cli.Tests.Commands;

public class DiligenceCliTests
{
    private static string SampleJob => Path.Combine(RepoPaths.SampleData, "jobs", "acquisition.json");

    [Fact]
    public void HelpListsEveryCommand()
    {
        var (code, output, _) = CliRunner.Run("--help");
        code.ShouldBe(0);
        output.ShouldContain("run");
        output.ShouldContain("validate");
        output.ShouldContain("sample");
    }

    [Fact]
    public void ValidateOnTheSampleJobFindsNoBlockingProblem()
    {
        var (code, output, _) = CliRunner.Run("validate", SampleJob);
        code.ShouldBe(0);
        output.ShouldContain("0 blocking problem(s)");
    }

    [Fact]
    public void ValidateOnABrokenCopyListsEveryProblemWithFileLineColumnAndExits2()
    {
        using var folder = new TempFolder();
        CopyDirectory(RepoPaths.MarketFolder, Path.Combine(folder.Path, "market"));
        CopyDirectory(RepoPaths.TargetFolder, Path.Combine(folder.Path, "target"));
        Replace(Path.Combine(folder.Path, "market", "rates.csv"), 2, l => l.Replace(",93.70,", ",ninety,", StringComparison.Ordinal));
        Replace(Path.Combine(folder.Path, "target", "contracts.csv"), 2, l => l.Replace("2027-03-31", "2027-02-30", StringComparison.Ordinal));
        Replace(Path.Combine(folder.Path, "target", "claims.csv"), 3, l => l.Replace("Humana MA", "Humana MAA", StringComparison.Ordinal));

        var (code, output, _) = CliRunner.Run("validate", "--medicare", RepoPaths.CmsFolder, "--market", Path.Combine(folder.Path, "market"), "--target", Path.Combine(folder.Path, "target"));
        code.ShouldBe(2);
        output.ShouldContain("rates.csv:2:4");
        output.ShouldContain("contracts.csv:2:5");
        output.ShouldContain("claims.csv:3:4");
        output.ShouldContain("3 blocking problem(s)");
        Directory.EnumerateFileSystemEntries(folder.Path).Count().ShouldBe(2, "validate writes nothing");
    }

    [Fact]
    public void ValidateChecksAnExpansionPlanAgainstTheDataNamingEveryProblem()
    {
        using var folder = new TempFolder();
        var job = File.ReadAllText(Path.Combine(RepoPaths.SampleData, "jobs", "expansion.json"))
            .Replace("\"NY-MANHATTAN\"", "\"NY-BROOKLYN\"", StringComparison.Ordinal)
            .Replace("\"Cigna\": 0.06,\n      \"Anthem", "\"Cigna Corp\": 0.06,\n      \"Anthem", StringComparison.Ordinal)
            .Replace("\"../", "\"" + RepoPaths.SampleData + "/", StringComparison.Ordinal);
        var (code, output, _) = CliRunner.Run("validate", folder.File("expansion.json", job));
        code.ShouldBe(2);
        output.ShouldContain("$.expansion.markets[2]: 'NY-BROOKLYN' is not a market id, state or CBSA (cbsa:NNNNN) of the market dataset's markets.csv");
        output.ShouldContain("$.expansion.payorMix['Cigna Corp']: 'Cigna Corp' is not a payor of the market dataset's payors.csv");
        output.ShouldContain("The job's options have 2 problem(s) against the data.");
    }

    [Fact]
    public void RunWritesResultsForTheSampleJob()
    {
        using var folder = new TempFolder();
        var outDir = Path.Combine(folder.Path, "out");
        var (code, output, error) = CliRunner.Run("run", SampleJob, "--out", outDir, "--quiet");
        error.ShouldBeEmpty();
        code.ShouldBe(0);
        output.ShouldContain("results.json");
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var target = results.RootElement.GetProperty("target");
        target.GetProperty("contracts").GetArrayLength().ShouldBe(12);
        target.GetProperty("visits").GetInt32().ShouldBe(20_000);
        results.RootElement.GetProperty("dataQuality").GetArrayLength().ShouldBe(1);
        var projection = results.RootElement.GetProperty("projection");
        projection.GetProperty("plans").GetArrayLength().ShouldBe(12);
        projection.GetProperty("upliftNpv").GetProperty("p50").GetDouble().ShouldBeGreaterThan(0);
        projection.GetProperty("sensitivity").GetArrayLength().ShouldBe(6);
        Directory.GetDirectories(folder.Path).ShouldBe([outDir], "no temporary folder is left behind");
    }

    [Fact]
    public void TheSampleJobsResultsAreReproducibleByteForByte()
    {
        using var folder = new TempFolder();
        CliRunner.Run("run", SampleJob, "--out", Path.Combine(folder.Path, "a")).ExitCode.ShouldBe(0);
        CliRunner.Run("run", SampleJob, "--out", Path.Combine(folder.Path, "b")).ExitCode.ShouldBe(0);
        var a = File.ReadAllText(Path.Combine(folder.Path, "a", "results.json"));
        a.ShouldBe(File.ReadAllText(Path.Combine(folder.Path, "b", "results.json")));

        // The headline figure: the target's adjusted PT visit rate percentile per contract and market.
        using var results = JsonDocument.Parse(a);
        var visitRates = results.RootElement.GetProperty("visitEconomics").GetProperty("visitRates").EnumerateArray().ToList();
        visitRates.Count.ShouldBeGreaterThan(20);
        visitRates.ShouldAllBe(v => v.GetProperty("percentile").GetDouble() >= 0 && v.GetProperty("percentile").GetDouble() <= 1);
    }

    [Fact]
    public void RunOnBrokenInputsWritesNothingAndExits2()
    {
        using var folder = new TempFolder();
        var job = folder.File("job.json", $$$"""
            {"kind":"acquisition","name":"x","practiceName":"X","inputs":{"medicare":"{{{Esc(RepoPaths.CmsFolder)}}}","market":"{{{Esc(folder.Path)}}}/missing","target":"{{{Esc(RepoPaths.TargetFolder)}}}"},"output":"out","parameters":{"closeDate":"2027-01-31"}}
            """);
        var (code, _, error) = CliRunner.Run("run", job);
        code.ShouldBe(2);
        error.ShouldContain("Nothing was written");
        Directory.Exists(Path.Combine(folder.Path, "out")).ShouldBeFalse();
        Directory.GetDirectories(folder.Path).ShouldBeEmpty();
    }

    [Fact]
    public void SampleGenerateIsDeterministicForASeed()
    {
        using var folder = new TempFolder();
        string[] Args(string dir) => ["sample", "generate", "--medicare", RepoPaths.CmsFolder, "--out", dir, "--seed", "11", "--practice-scale", "0.1", "--visits", "200"];
        CliRunner.Run(Args(Path.Combine(folder.Path, "a"))).ExitCode.ShouldBe(0);
        CliRunner.Run(Args(Path.Combine(folder.Path, "b"))).ExitCode.ShouldBe(0);
        File.ReadAllBytes(Path.Combine(folder.Path, "a", "target", "claims.csv"))
            .SequenceEqual(File.ReadAllBytes(Path.Combine(folder.Path, "b", "target", "claims.csv"))).ShouldBeTrue();
    }

    [Fact]
    public void ValidateWithoutInputsExplainsWhatItNeeds()
    {
        var (code, _, error) = CliRunner.Run("validate");
        code.ShouldBe(2);
        error.ShouldContain("needs a job file, or --medicare and --market");
    }

    private static string Esc(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal);

    private static void Replace(string file, int line, Func<string, string> edit)
    {
        var lines = File.ReadAllLines(file);
        var edited = edit(lines[line - 1]);
        edited.ShouldNotBe(lines[line - 1], $"the edit of {Path.GetFileName(file)} line {line} must change it");
        lines[line - 1] = edited;
        File.WriteAllLines(file, lines);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
