using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Tests.Market;

public class MarketModelTests
{
    private static readonly MarketModel Model = MarketModel.Build(TinyMarket.Dataset(), TinyMarket.Medicare, new MarketModelOptions { BootstrapResamples = 500 });

    private static CellDistribution Cell(CellLevel level, string geography, string? payor, RateType type = RateType.Negotiated) =>
        Model.Find(new CellKey(level, geography, payor, TinyMarket.Ex, type))!;

    [Fact]
    public void AMarketPayorCellHasItsCountsAndR7Quantiles()
    {
        var detroit = Cell(CellLevel.MarketPayor, "MI-DETROIT", "P");
        detroit.Observations.ShouldBe(12);
        detroit.Practices.ShouldBe(12);
        detroit.Dollars.P50.ShouldBe(35.5, 1e-9);
        detroit.Dollars.P25.ShouldBe(32.75, 1e-9);
        detroit.Dollars.P90.ShouldBe(39.9, 1e-9);
        detroit.SmallSample.ShouldBeFalse();
    }

    [Fact]
    public void EveryRateIsAlsoAShareOfItsLocalityMedicareRate()
    {
        var detroit = Cell(CellLevel.MarketPayor, "MI-DETROIT", "P");
        detroit.MedicareDollars.ShouldBe(28.87);
        detroit.ShareOfMedicare.P50.ShouldBe(35.5 / 28.87, 1e-9);
    }

    [Fact]
    public void SharesUnderOneMedicareRateAreSummarisedAsTheScaledDollars()
    {
        var detroit = Cell(CellLevel.MarketPayor, "MI-DETROIT", "P");
        var direct = DistributionSummary.Of([.. detroit.SortedShares!], null);
        var scaled = detroit.ShareOfMedicare;
        foreach (var (a, b) in new[] { (scaled.Mean, direct.Mean), (scaled.StandardDeviation, direct.StandardDeviation), (scaled.P10, direct.P10), (scaled.P75, direct.P75), (scaled.Max, direct.Max) })
        {
            a.ShouldBe(b, 1e-12);
        }

        scaled.Lognormal!.Mu.ShouldBe(direct.Lognormal!.Mu, 1e-12);
        scaled.Lognormal.Sigma.ShouldBe(direct.Lognormal.Sigma, 1e-12);
        scaled.Lognormal.KsDistance.ShouldBe(direct.Lognormal.KsDistance, 1e-12);
        scaled.P50Interval.ShouldBeNull();
        detroit.Dollars.P50Interval.ShouldNotBeNull();
    }

    [Fact]
    public void ARollUpHasTheQuantilesOfAllItsMarketsRates()
    {
        // Detroit's 12 negotiated rates and Columbus's 3 (the outlier and the percent-of-Medicare rate are apart).
        var national = Cell(CellLevel.NationalPayor, "US", "P");
        var shares = Enumerable.Range(0, 12).Select(i => (30.0 + i) / 28.87).Concat([38 / 27.56, 40 / 27.56, 42 / 27.56]).Order().ToArray();
        national.Observations.ShouldBe(15);
        national.SortedShares.ShouldBe(shares);
        national.ShareOfMedicare.P25.ShouldBe(Analysis.Statistics.Quantiles.R7(shares, 0.25), 1e-12);
        national.SortedDollars.ShouldBeNull();
    }

    [Fact]
    public void OutliersAreExcludedAndCountedNotDropped()
    {
        Cell(CellLevel.MarketPayor, "MI-DETROIT", "P").ExcludedOutliers.ShouldBe(1);
        Model.Excluded.Single().ShareOfMedicare!.Value.ShouldBe(200 / 28.87, 1e-9);
    }

    [Fact]
    public void PercentOfMedicareRatesAreConvertedAndKeptInTheirOwnCell()
    {
        var percent = Cell(CellLevel.MarketPayor, "MI-DETROIT", "P", RateType.PercentOfMedicare);
        percent.ConvertedFromPercentOfMedicare.ShouldBe(1);
        percent.Dollars.P50.ShouldBe(1.2 * 28.87, 1e-9);
        Cell(CellLevel.MarketPayor, "MI-DETROIT", "P").Dollars.Max.ShouldBe(41);
    }

    [Fact]
    public void RollUpsPoolPayorsMarketsAndStatesWithinARateType()
    {
        Cell(CellLevel.Market, "MI-DETROIT", null).Observations.ShouldBe(12);
        Cell(CellLevel.StatePayor, "OH", "P").Observations.ShouldBe(3);
        Cell(CellLevel.NationalPayor, "US", "P").Observations.ShouldBe(15);
    }

    [Fact]
    public void ASmallCellIsFlaggedAndCarriesItsShrinkage()
    {
        var columbus = Cell(CellLevel.MarketPayor, "OH-COLUMBUS", "P");
        columbus.SmallSample.ShouldBeTrue();
        columbus.Shrinkage!.ParentCells.ShouldBe(2);
        columbus.Shrinkage.Weight.ShouldBeInRange(0.0, 1.0);
        Cell(CellLevel.MarketPayor, "MI-DETROIT", "P").Shrinkage!.Weight.ShouldBeGreaterThan(columbus.Shrinkage.Weight);
    }

    [Fact]
    public void BootstrapIntervalsBracketTheMedianAndAreReproducible()
    {
        var detroit = Cell(CellLevel.MarketPayor, "MI-DETROIT", "P");
        detroit.Dollars.P50Interval!.Value.Contains(35.5).ShouldBeTrue();
        var again = MarketModel.Build(TinyMarket.Dataset(), TinyMarket.Medicare, new MarketModelOptions { BootstrapResamples = 500 });
        again.Find(detroit.Key)!.Dollars.P50Interval.ShouldBe(detroit.Dollars.P50Interval);
    }

    [Fact]
    public void OptionsOutsideTheirRangesAreRejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => MarketModel.Build(TinyMarket.Dataset(), TinyMarket.Medicare, new MarketModelOptions { Confidence = 1.5 }));
}
