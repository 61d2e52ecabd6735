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
