using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Tests.Market;

public class ShrinkageEstimatorTests
{
    private static CellKey Cell(string market) => new(CellLevel.MarketPayor, market, "P", CptCode.Of("97110"), RateType.Negotiated);

    private const string Parent = "national P 97110";

    /// <summary>
    /// Hand computation: cell means 0.1, 0.5, 0.2; pooled within variance (0.02 + 0.02 + 0.02)/6 = 0.01; variance of
    /// means 0.043333 minus mean(0.01/n) 0.003611 gives between variance 0.039722; k = 0.01/0.039722 = 0.251748;
    /// cell A (n = 2) weight 2/2.251748 = 0.888199; parent mean 2.5/9 = 0.277778; shrunk A = 0.119876.
    /// </summary>
    [Fact]
    public void WeightsAndShrunkLocationsMatchAHandComputation()
    {
        var estimates = ShrinkageEstimator.Estimate(Parent, new Dictionary<CellKey, double[]>
        {
            [Cell("A")] = [0.0, 0.2],
            [Cell("B")] = [0.4, 0.6, 0.5],
            [Cell("C")] = [0.1, 0.3, 0.2, 0.2],
        });
        var a = estimates[Cell("A")];
        a.WithinVariance.ShouldBe(0.01, 1e-12);
        a.BetweenVariance!.Value.ShouldBe(0.0397222222, 1e-9);
        a.K!.Value.ShouldBe(0.2517482517, 1e-9);
        a.Weight.ShouldBe(0.8881987578, 1e-9);
        a.ParentLogMean.ShouldBe(0.2777777778, 1e-9);
        a.ShrunkLogMean.ShouldBe(0.1198757764, 1e-9);
        estimates[Cell("C")].Weight.ShouldBe(0.9407894737, 1e-9);
    }

    [Fact]
    public void IndistinguishableCellsTakeTheParentsLocation()
    {
        var estimates = ShrinkageEstimator.Estimate(Parent, new Dictionary<CellKey, double[]>
        {
            [Cell("A")] = [0.0, 0.4],
            [Cell("B")] = [0.1, 0.3],
        });
        estimates.Values.ShouldAllBe(e => e.K == null && e.Weight == 0 && Math.Abs(e.ShrunkLogMean - 0.2) < 1e-12);
    }

    [Fact]
    public void ALoneCellKeepsItsOwnLocation()
    {
        var only = ShrinkageEstimator.Estimate(Parent, new Dictionary<CellKey, double[]> { [Cell("A")] = [0.1, 0.3] })[Cell("A")];
        only.Weight.ShouldBe(1);
        only.BetweenVariance.ShouldBeNull();
        only.ShrunkLogMean.ShouldBe(0.2, 1e-12);
    }

    [Fact]
    public void MoreObservationsEarnMoreWeight()
    {
        var estimates = ShrinkageEstimator.Estimate(Parent, new Dictionary<CellKey, double[]>
        {
            [Cell("A")] = [0.0, 0.2],
            [Cell("B")] = [0.4, 0.6, 0.5],
            [Cell("C")] = [0.1, 0.3, 0.2, 0.2],
        });
        estimates[Cell("A")].Weight.ShouldBeLessThan(estimates[Cell("B")].Weight);
        estimates[Cell("B")].Weight.ShouldBeLessThan(estimates[Cell("C")].Weight);
    }

    [Fact]
    public void CellMomentsAreTheCountMeanAndSumOfSquaredDeviations()
    {
        var moments = CellMoments.Of([0.1, 0.3, 0.2, 0.2]);
        moments.Count.ShouldBe(4);
        moments.Mean.ShouldBe(0.2, 1e-15);
        moments.SumOfSquares.ShouldBe(0.02, 1e-15);
        CellMoments.Of([]).ShouldBe(default);
    }
}
