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
