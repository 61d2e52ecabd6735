using DiligenceEngine.Analysis.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DiligenceEngine.Analysis.Tests.Statistics;

public class QuantilesTests
{
    private static readonly double[] OneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    /// <summary>The values numpy.percentile (linear, R7) and Excel PERCENTILE.INC give for 1..10.</summary>
    [Theory]
    [InlineData(0.10, 1.9)]
    [InlineData(0.25, 3.25)]
    [InlineData(0.50, 5.5)]
    [InlineData(0.75, 7.75)]
    [InlineData(0.90, 9.1)]
    [InlineData(0.00, 1)]
    [InlineData(1.00, 10)]
    public void R7MatchesNumpyAndExcel(double p, double expected) =>
        Quantiles.R7(OneToTen, p).ShouldBe(expected, 1e-12);

    [Fact]
    public void R7InterpolatesBetweenUnequalNeighbours() =>
        Quantiles.R7([15, 20, 35, 40, 50], 0.40).ShouldBe(29, 1e-12);

    [Fact]
    public void R7DiffersFromMathNetsDefaultOnSmallSamples() =>
        Math.Abs(MathNet.Numerics.Statistics.Statistics.Quantile(OneToTen, 0.25) - Quantiles.R7(OneToTen, 0.25)).ShouldBeGreaterThan(0.1);

    [Fact]
    public void AnEmptySampleHasNoQuantile() => Should.Throw<ArgumentException>(() => Quantiles.R7([], 0.5));

    [Theory]
    [InlineData(20, 0.5)]
    [InlineData(25, 0.75)]
    [InlineData(5, 0.0)]
    [InlineData(30, 0.875)]
    [InlineData(31, 1.0)]
    public void PercentileRankCountsHalfOfTies(double value, double expected) =>
        Quantiles.PercentileRank([10, 20, 20, 30], value).ShouldBe(expected, 1e-12);

    [Property]
    public Property PercentileRankIsMonotoneInTheRate() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(1, 500)).Where(a => a.Length > 0).ToArbitrary(),
            Gen.Choose(0, 600).ToArbitrary(),
            Gen.Choose(0, 100).ToArbitrary(),
            (sample, rate, step) =>
            {
                var sorted = sample.Select(x => (double)x).Order().ToArray();
                return Quantiles.PercentileRank(sorted, rate) <= Quantiles.PercentileRank(sorted, rate + step);
            });

    [Property]
    public Property QuantilesAreMonotoneInP() =>
        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(1, 500)).Where(a => a.Length > 0).ToArbitrary(),
            sample =>
            {
                var sorted = sample.Select(x => (double)x).Order().ToArray();
                var qs = new[] { 0.1, 0.25, 0.5, 0.75, 0.9 }.Select(p => Quantiles.R7(sorted, p)).ToArray();
                return qs.Zip(qs.Skip(1)).All(pair => pair.First <= pair.Second) && qs[0] >= sorted[0] && qs[^1] <= sorted[^1];
            });
}
