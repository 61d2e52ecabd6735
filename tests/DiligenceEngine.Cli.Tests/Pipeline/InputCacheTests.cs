using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Cli.Pipeline;
using DiligenceEngine.Cli.Tests.Commands;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Cli.Tests.Pipeline;

/// <summary>A small generated market and practice, copied per test so a test may edit its files.</summary>
public sealed class SmallDataset : IDisposable
{
    private readonly TempFolder source = new();

    public SmallDataset() =>
        CliRunner.Run("sample", "generate", "--medicare", RepoPaths.CmsFolder, "--out", source.Path, "--seed", "11", "--practice-scale", "0.2", "--visits", "300").ExitCode.ShouldBe(0);

    public InputPaths CopyTo(TempFolder folder)
    {
        foreach (var file in Directory.EnumerateFiles(source.Path, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder.Path, Path.GetRelativePath(source.Path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return new InputPaths(RepoPaths.CmsFolder, Path.Combine(folder.Path, "market"), Path.Combine(folder.Path, "target"));
    }

    public void Dispose() => source.Dispose();
}

public class InputCacheTests(SmallDataset data) : IClassFixture<SmallDataset>
{
    [Fact]
    public void UnchangedInputsAreLoadedOnceAndTheirWarningsReportedToEveryJob()
    {
        using var folder = new TempFolder();
        var paths = data.CopyTo(folder);
        var cache = new InputCache();
        var first = new DataIssueLog();
        var second = new DataIssueLog();

        var a = cache.Load(paths, CptCatalog.Default, first);
        var b = cache.Load(paths, CptCatalog.Default, second);

        a.ShouldNotBeNull();
        b.ShouldBeSameAs(a);
        second.Issues.ShouldBe(first.Issues);
        var options = new MarketModelOptions { BootstrapResamples = 200 };
        cache.Model(b!, options).ShouldBeSameAs(cache.Model(a, options));
    }

    [Fact]
    public void AnEditedFileIsLoadedAgain()
    {
        using var folder = new TempFolder();
        var paths = data.CopyTo(folder);
        var cache = new InputCache();
        var before = cache.Load(paths, CptCatalog.Default, new DataIssueLog());
        File.AppendAllText(Path.Combine(paths.MarketFolder, "negotiations.csv"), string.Empty);
        File.SetLastWriteTimeUtc(Path.Combine(paths.MarketFolder, "negotiations.csv"), DateTime.UtcNow.AddMinutes(1));

        cache.Load(paths, CptCatalog.Default, new DataIssueLog()).ShouldNotBeSameAs(before);
    }

    [Fact]
    public void TheCacheKeepsOnlyItsCapacity()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        var first = data.CopyTo(one);
        var second = data.CopyTo(two);
        var cache = new InputCache(capacity: 1);
        var a = cache.Load(first, CptCatalog.Default, new DataIssueLog());
        cache.Load(second, CptCatalog.Default, new DataIssueLog());

        cache.Load(first, CptCatalog.Default, new DataIssueLog()).ShouldNotBeSameAs(a);
    }

    [Fact]
    public void ALoadWithBlockingProblemsIsNotKept()
    {
        using var folder = new TempFolder();
        var paths = data.CopyTo(folder);
        File.WriteAllText(Path.Combine(paths.MarketFolder, "payors.csv"), "payor,type,aliases\nX,not_a_type,\n");
        var cache = new InputCache();
        var log = new DataIssueLog();
        cache.Load(paths, CptCatalog.Default, log).ShouldBeNull();
        log.HasBlocking.ShouldBeTrue();
        var again = new DataIssueLog();
        cache.Load(paths, CptCatalog.Default, again).ShouldBeNull();
        again.BlockingCount.ShouldBe(log.BlockingCount);
    }
}
