using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Data.Sample;
using DiligenceEngine.Data.Tests.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Tests.Shared;
using MathNet.Numerics.Statistics;

namespace DiligenceEngine.Data.Tests.Sample;

public class SampleGeneratorTests
{
    private static readonly SampleOptions Small = new(Seed: 7, PracticeScale: 0.25, TargetVisits: 1_500);

    private static Dictionary<string, byte[]> Generate(SampleOptions options, TempFolder folder)
    {
        new SampleGenerator(InputFixture.Baseline, CptCatalog.Default).Generate(options, folder.Path);
        return Directory.EnumerateFiles(folder.Path, "*.csv", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder.Path, f), File.ReadAllBytes);
    }

    [Fact]
    public void TheSameSeedWritesTheSameFilesByteForByte()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var a = Generate(Small, first);
        var b = Generate(Small, second);
        a.Keys.Order().ShouldBe(b.Keys.Order());
        foreach (var (name, bytes) in a)
        {
            bytes.SequenceEqual(b[name]).ShouldBeTrue($"{name} differs between two runs with seed {Small.Seed}");
        }
    }

    [Fact]
    public void ADifferentSeedWritesDifferentRates()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var a = Generate(Small, first);
        var b = Generate(Small with { Seed = 8 }, second);
        a[Path.Combine("market", "rates.csv")].SequenceEqual(b[Path.Combine("market", "rates.csv")]).ShouldBeFalse();
    }

    [Fact]
    public void TheShippedSampleDataIsWhatSeed2025Writes()
    {
        using var folder = new TempFolder();
        var generated = Generate(new SampleOptions(), folder);
        foreach (var (name, bytes) in generated)
        {
            bytes.SequenceEqual(File.ReadAllBytes(Path.Combine(RepoPaths.SampleData, name))).ShouldBeTrue(
                $"sample-data/{name} is not what 'diligence sample generate --seed 2025' writes; regenerate it (README)");
        }
    }

    [Fact]
    public void GeneratedDataLoadsWithoutBlockingProblems()
    {
        using var folder = new TempFolder();
        Generate(Small, folder);
        var log = new DataIssueLog();
        var inputs = InputLoader.LoadAgainst(InputFixture.Baseline, [], Path.Combine(folder.Path, "market"), Path.Combine(folder.Path, "target"), CptCatalog.Default, log);
        log.Issues.Where(i => i.Severity == IssueSeverity.Blocking).ShouldBeEmpty();
        inputs!.Target!.Contracts.Count.ShouldBe(12);
    }

    [Fact]
    public void ShippedSampleIsCalibratedToThePracticeSpreadAndVisitShapeItClaims()
    {
        var log = new DataIssueLog();
        var inputs = InputLoader.LoadAgainst(InputFixture.Baseline, [], RepoPaths.MarketFolder, RepoPaths.TargetFolder, CptCatalog.Default, log)!;

        // Within one market, payor and code, P90/P10 of negotiated rates sits in the 25-40% range practices report.
        var spreads = inputs.Market.Rates
            .Where(r => r.Type == RateType.Negotiated && r.Payor.Type == Domain.Payors.PayorType.Commercial)
            .GroupBy(r => (r.Market, r.Payor, r.Code))
            .Where(g => g.Count() >= 20)
            .Select(g => g.Select(r => (double)r.Dollars!.Value.Amount).ToArray())
            .Select(x => x.Quantile(0.9) / x.Quantile(0.1))
            .ToArray();
        spreads.Length.ShouldBeGreaterThan(50);
        spreads.Median().ShouldBeInRange(1.22, 1.42);

        // Some cells are small on purpose (fewer than 5 practices).
        inputs.Market.Rates.GroupBy(r => (r.Market, r.Payor, r.Code)).Count(g => g.Select(r => r.PracticeId).Distinct().Count() < 5).ShouldBeGreaterThan(10);

        // About 3-4 units per visit and one evaluation in 10-12 visits.
        var claims = inputs.Target!.Claims;
        var visits = claims.Select(c => c.ClaimId).Distinct().Count();
        ((double)claims.Sum(c => c.Units) / visits).ShouldBeInRange(3.0, 4.0);
        var evaluations = claims.Count(c => CptCatalog.Default[c.Code].Category == CodeCategory.Evaluation);
        ((double)visits / evaluations).ShouldBeInRange(10.0, 12.0);
    }
}
