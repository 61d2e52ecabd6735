using DiligenceEngine.Analysis.Statistics;
using MathNet.Numerics.Distributions;

namespace DiligenceEngine.Analysis.Tests.Statistics;

public class LognormalFitTests
{
    [Fact]
    public void RecoversTheParametersOfALognormalSampleAndFitsItWell()
    {
        var sample = Enumerable.Range(1, 199).Select(i => Math.Exp(Normal.InvCDF(3.4, 0.1, i / 200.0))).ToArray();
        var fit = LognormalFit.Fit(sample)!;
        fit.Mu.ShouldBe(3.4, 0.001);
        fit.Sigma.ShouldBe(0.1, 0.005);
        fit.KsDistance.ShouldBeLessThan(0.02);
        fit.KsPValue.ShouldBeGreaterThan(0.9);
        fit.Quantile(0.5).ShouldBe(Math.Exp(3.4), 0.05);
    }

    [Fact]
    public void TheFitIsMathNetsEstimateAndTheKsDistanceIsTheLargestGapAtAnyObservation()
    {
        // Many ties, as cent amounts have: the fit reads runs of equal values, the definition reads every observation.
        var random = new Random(7);
        var sample = Enumerable.Range(0, 5_000).Select(_ => Math.Round(Math.Exp(3.4 + (0.15 * Normal.Sample(random, 0, 1))), 0)).Order().ToArray();
        var fit = LognormalFit.Fit(sample)!;

        var mathNet = LogNormal.Estimate(sample);
        fit.Mu.ShouldBe(mathNet.Mu, 1e-12);
        fit.Sigma.ShouldBe(mathNet.Sigma, 1e-12);
        var n = sample.Length;
        var gaps = sample.Select((x, i) => Math.Max(((i + 1.0) / n) - mathNet.CumulativeDistribution(x), mathNet.CumulativeDistribution(x) - ((double)i / n)));
        fit.KsDistance.ShouldBe(gaps.Max(), 1e-9);
    }

    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 20_000)]
    [InlineData(3, 100_000)]
    public void TheKsDistanceOfALargeSampleIsTheLargestGapOverEveryRun(int seed, int n)
    {
        // Blocks of observations are passed over when they cannot hold the largest gap: the result must be the number a
        // pass over every run gives, on samples with ties, with a skewed mixture and with a near-perfect fit.
        var random = new Random(seed);
        var sample = Enumerable.Range(0, n)
            .Select(i => i % 3 == 0 ? Math.Round(Math.Exp(3.4 + (0.15 * Normal.Sample(random, 0, 1))), 2) : Math.Exp(3.9 + (0.05 * Normal.Sample(random, 0, 1))))
            .Order().ToArray();
        var fit = LognormalFit.Fit(sample)!;

        var d = 0.0;
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && sample[end] == sample[start])
            {
                end++;
            }

            var f = Normal.CDF(fit.Mu, fit.Sigma, Math.Log(sample[start]));
            d = Math.Max(d, Math.Max((end / (double)n) - f, f - ((double)start / n)));
            start = end;
        }

        fit.KsDistance.ShouldBe(d);
    }

    [Fact]
    public void ABimodalSampleFitsBadly()
    {
        var sample = Enumerable.Repeat(20.0, 50).Concat(Enumerable.Repeat(40.0, 50)).Select((x, i) => x + (i % 5 * 0.01)).Order().ToArray();
        var fit = LognormalFit.Fit(sample)!;
        fit.KsDistance.ShouldBeGreaterThan(0.25);
        fit.KsPValue.ShouldBeLessThan(0.01);
    }

    [Fact]
    public void TooFewOrIdenticalValuesAreNotFitted()
    {
        LognormalFit.Fit([1.0, 2.0]).ShouldBeNull();
        LognormalFit.Fit([3.0, 3.0, 3.0]).ShouldBeNull();
    }
}
