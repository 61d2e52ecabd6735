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

    /// <summary>
    /// On 200 observations (still resampled) 50,000 resamples approximate the exact bootstrap closely: the exact
    /// bounds must sit within two order-statistic spacings of the resampled ones.
    /// </summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void TheExactIntervalIsTheLimitOfResampling(double p)
    {
        var sample = NormalSample(Bootstrap.ExactAbove, 5);
        var resampled = Bootstrap.QuantileIntervals(sample, [p], 50_000, 3, 0.9)[0];
        var exact = Bootstrap.ExactQuantileIntervals(sample, [p], 0.9)[0];
        static int Rank(double[] s, double x) => Array.BinarySearch(s, x) is var i && i >= 0 ? i : ~i;
        Math.Abs(Rank(sample, exact.Low) - Rank(sample, resampled.Low)).ShouldBeLessThanOrEqualTo(2);
        Math.Abs(Rank(sample, exact.High) - Rank(sample, resampled.High)).ShouldBeLessThanOrEqualTo(2);
    }

    /// <summary>
    /// Known answer: for n = 2,000 the median's order statistic k = 1,000 (h = 999.5 rounds up to the 1,001st); its
    /// 90% bounds are where P(Binomial(2000, j/2000) ≥ 1001) crosses 5% and 95%, i.e. about 2000 × (0.5 ∓ 1.645 × √(0.25/2000))
    /// = j ≈ 964 and 1,037.
    /// </summary>
    [Fact]
    public void LargeSamplesUseTheExactBinomialBounds()
    {
        var sample = Enumerable.Range(1, 2_000).Select(i => (double)i).ToArray();
        var interval = Bootstrap.QuantileIntervals(sample, [0.5], 1000, 1, 0.9)[0];
        interval.Low.ShouldBeInRange(963, 966);
        interval.High.ShouldBeInRange(1036, 1039);
        interval.ShouldBe(Bootstrap.ExactQuantileIntervals(sample, [0.5], 0.9)[0]);
    }

    [Theory]
    [InlineData(201, 0.5, 0.9)]
    [InlineData(201, 0.01, 0.9)]
    [InlineData(5_000, 0.75, 0.9)]
    [InlineData(5_000, 0.99, 0.95)]
    [InlineData(1_000_000, 0.5, 0.9)]
    [InlineData(1_000_000, 0.001, 0.8)]
    [InlineData(3_000_000, 0.9, 0.99)]
    public void TheExactBoundsAreTheFirstOrderStatisticsWhoseProbabilityReachesEachTail(int n, double p, double confidence)
    {
        // Reference: halving 1..n for the smallest j with I_{j/n}(k, n − k + 1) ≥ the tail, k the order statistic
        // nearest the R7 position. On the sample 1..n an order statistic is its own rank.
        var h = (n - 1) * p;
        var k = Math.Min(n, (int)Math.Floor(h) + 1 + (h - Math.Floor(h) >= 0.5 ? 1 : 0));
        int Smallest(double target)
        {
            int low = 1, high = n;
            while (low < high)
            {
                var mid = low + ((high - low) / 2);
                if (MathNet.Numerics.SpecialFunctions.BetaRegularized(k, n - k + 1, (double)mid / n) >= target) high = mid; else low = mid + 1;
            }

            return low;
        }

        var sample = Enumerable.Range(1, n).Select(i => (double)i).ToArray();
        var interval = Bootstrap.ExactQuantileIntervals(sample, [p], confidence)[0];
        interval.Low.ShouldBe(Smallest((1 - confidence) / 2));
        interval.High.ShouldBe(Smallest((1 + confidence) / 2));
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

    /// <summary>
    /// Without ties the resampled rank is Binomial(n, b/n)/n: for n = 400, b = 100 the 5% and 95% points of
    /// Binomial(400, 0.25) are 86 and 114 (each the smallest k whose CDF reaches the tail).
    /// </summary>
    [Fact]
    public void TheExactPercentileRankIntervalIsTheBinomialsWhenNothingTies()
    {
        var interval = Bootstrap.ExactPercentileRankInterval(400, 100, 0, 0.9);
        var binomial = new MathNet.Numerics.Distributions.Binomial(0.25, 400);
        var low = Enumerable.Range(0, 401).First(k => binomial.CumulativeDistribution(k) >= 0.05);
        var high = Enumerable.Range(0, 401).First(k => binomial.CumulativeDistribution(k) >= 0.95);
        interval.Low.ShouldBe(low / 400.0, 1e-12);
        interval.High.ShouldBe(high / 400.0, 1e-12);
        (low, high).ShouldBe((86, 114));
    }

    [Theory]
    [InlineData(105.0)]
    [InlineData(100.0)]
    [InlineData(80.0)]
    public void TheExactPercentileRankIntervalIsWhatManyResamplesConvergeTo(double value)
    {
        // Cent-rounded rates tie: the value equals some observations.
        var sample = NormalSample(400, 8).Select(x => Math.Round(x)).Order().ToArray();
        var n = sample.Length;
        var below = sample.Count(x => x < value);
        var equal = sample.Count(x => x == value);
        var exact = Bootstrap.ExactPercentileRankInterval(n, below, equal, 0.9);
        exact.Contains(Quantiles.PercentileRank(sample, value)).ShouldBeTrue();
        Bootstrap.PercentileRankInterval(sample, value, 1000, 1, 0.9).ShouldBe(exact);

        // 40,000 resamples of the same sample, the old way, land within a rank step or two of the exact bounds.
        var many = ManyResamples(sample, value, 40_000);
        exact.Low.ShouldBe(many.Low, 2.5 / n);
        exact.High.ShouldBe(many.High, 2.5 / n);
    }

    private static Interval ManyResamples(double[] sorted, double value, int resamples)
    {
        var random = new Random(3);
        var n = sorted.Length;
        var ranks = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            double rank = 0;
            for (var i = 0; i < n; i++)
            {
                var x = sorted[random.Next(n)];
                rank += x < value ? 1 : x == value ? 0.5 : 0;
            }

            ranks[b] = rank / n;
        }

        Array.Sort(ranks);
        return new Interval(Quantiles.R7(ranks, 0.05), Quantiles.R7(ranks, 0.95));
    }

    [Fact]
    public void CellSeedsAreStableAndDifferByKey()
    {
        Bootstrap.SeedFor(2025, "a").ShouldBe(Bootstrap.SeedFor(2025, "a"));
        Bootstrap.SeedFor(2025, "a").ShouldNotBe(Bootstrap.SeedFor(2025, "b"));
        Bootstrap.SeedFor(2025, "a").ShouldNotBe(Bootstrap.SeedFor(2026, "a"));
    }
}
