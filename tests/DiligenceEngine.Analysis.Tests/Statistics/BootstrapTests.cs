using DiligenceEngine.Analysis.Statistics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace DiligenceEngine.Analysis.Tests.Statistics;

public class BootstrapTests
{
    private static double[] NormalSample(int n, int seed) =>
        Normal.Samples(new MersenneTwister(seed), 100, 10).Take(n).Order().ToArray();

    [Fact]
    public void TheSameSeedGivesTheSameInterval()
    {
        var sample = NormalSample(50, 1);
        Bootstrap.QuantileIntervals(sample, [0.5], 500, 42, 0.9).ShouldBe(Bootstrap.QuantileIntervals(sample, [0.5], 500, 42, 0.9));
    }

    [Fact]
    public void AConstantSampleHasADegenerateInterval() =>
        Bootstrap.QuantileIntervals([5.0, 5.0, 5.0], [0.5, 0.75], 200, 1, 0.9).ShouldAllBe(i => i.Low == 5 && i.High == 5);

    /// <summary>
    /// For a normal sample the median's standard error is about 1.2533·σ/√n, so a 90% interval is about
    /// 2 × 1.645 × 1.2533 × 10 / √400 = 2.06 wide; the bootstrap should land near that and contain the sample median.
    /// </summary>
    [Fact]
    public void TheMedianIntervalHasTheWidthTheoryPredicts()
    {
        var sample = NormalSample(400, 3);
        var interval = Bootstrap.QuantileIntervals(sample, [0.5], 2000, 9, 0.9)[0];
        interval.Contains(Quantiles.R7(sample, 0.5)).ShouldBeTrue();
        (interval.High - interval.Low).ShouldBeInRange(1.4, 2.8);
    }

    [Fact]
    public void ThePercentileRankIntervalBracketsTheRank()
    {
        var sample = NormalSample(60, 4);
        var interval = Bootstrap.PercentileRankInterval(sample, 105, 1000, 5, 0.9);
        interval.Contains(Quantiles.PercentileRank(sample, 105)).ShouldBeTrue();
        interval.Low.ShouldBeGreaterThan(0.5);
        interval.High.ShouldBeLessThan(0.9);
    }

    [Fact]
    public void CellSeedsAreStableAndDifferByKey()
    {
        Bootstrap.SeedFor(2025, "a").ShouldBe(Bootstrap.SeedFor(2025, "a"));
        Bootstrap.SeedFor(2025, "a").ShouldNotBe(Bootstrap.SeedFor(2025, "b"));
        Bootstrap.SeedFor(2025, "a").ShouldNotBe(Bootstrap.SeedFor(2026, "a"));
    }
}
