using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Domain.Codes;
using static DiligenceEngine.Analysis.Tests.TinyMarket;

namespace DiligenceEngine.Analysis.Tests.Visits;

/// <summary>
/// Contract C1 pays $33.00 for 97110 with CMS-style MPPR (a later unit keeps 1 − 0.5 × 0.43/0.89 = 0.758427).
/// Claims: V1 two units paid $58.03 (33 + 25.03, as contracted), V2 one unit paid $25.00 (underpaid by $8.00),
/// V3 one unit denied. Detroit P50 = $35.50, P75 = $38.25 (R7 of $30..$41).
/// </summary>
public class VisitEconomicsTests
{
    private static readonly VisitEconomicsResults Results = Analyze();

    private static VisitEconomicsResults Analyze()
    {
        var inputs = Inputs(Claim("V1", "2025-01-01", 2, 58.03m), Claim("V2", "2025-06-01", 1, 25.00m), Claim("V3", "2025-12-31", 1, 0m));
        var model = MarketModel.Build(inputs.Market, inputs.Medicare, new MarketModelOptions { BootstrapResamples = 500 });
        return new VisitEconomics(inputs, model, CptCatalog.Default, new VisitEconomicsOptions()).Analyze();
    }

    [Fact]
    public void ACodeBelowTheMedianByMoreThanTheBandIsBelowMarket()
    {
        var position = Results.Positions.Single(p => p.Code == "97110");
        position.MarketP50.ShouldBe(35.50m);
        position.MarketP75.ShouldBe(38.25m);
        position.GapToP50.ShouldBe(2.50m);
        position.GapToP50Fraction.ShouldBe((35.5 / 33) - 1, 1e-9);
        position.Percentile.ShouldBe(3.5 / 12, 1e-9);
        position.Band.ShouldBe("below market");
        position.Basis.ShouldBe("Empirical");
    }

    [Fact]
    public void ACodeWithoutMarketRatesIsListedAsMissingNotComparedWithZero()
    {
        Results.Positions.ShouldNotContain(p => p.Code == "97161");
        Results.Missing.ShouldContain(m => m.Subject == "97161" && m.Reason.Contains("no P rates for 97161"));
        Results.Payors.Single().CodesWithoutMarketData.ShouldBe(1);
    }

    [Fact]
    public void ClaimsAreRepricedUnderTheContractAndAtMarketQuantilesWithTheContractsMppr()
    {
        var total = Results.Repricing!.Total;
        total.Visits.ShouldBe(3);
        total.PaidDollars.ShouldBe(83.03m);
        total.UnderContractDollars.ShouldBe(58.03m + 33m + 33m);
        total.AtMarketP50Dollars.ShouldBe(62.42m + 35.50m + 35.50m);
        Results.Repricing.AnnualizationFactor.ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void UnderpaymentsAndDenialsAreFoundAgainstTheContractedAmount()
    {
        var row = Results.Repricing!.Underpayments.Single();
        row.UnderpaidLines.ShouldBe(1);
        row.ShortfallDollars.ShouldBe(8.00m);
        row.DeniedLines.ShouldBe(1);
        row.DeniedExpectedDollars.ShouldBe(33.00m);
    }

    /// <summary>Units 4 × effective factor 124.03/132 = 3.758485 effective units; × $2.50 = $9.40; × $5.25 = $19.73.</summary>
    [Fact]
    public void RevenueAtStakeIsTheGapTimesUnitsAfterMppr()
    {
        var line = Results.RevenueAtStake.Single();
        line.AnnualUnits.ShouldBe(4, 1e-9);
        line.EffectiveMpprFactor.ShouldBe(124.03 / 132, 1e-9);
        line.AtStakeToP50.ShouldBe(9.40m);
        line.AtStakeToP75.ShouldBe(19.73m);
        Results.RevenueAtStakeTotal.UpsideToP50.ShouldBe(9.40m);
    }

    /// <summary>
    /// Basket 97110 × 1.5: the target earns 33 + 0.5 × 33 × 0.758427 = $45.51 a visit; its own claims average
    /// (58.03 + 33 + 33) / 3 = $41.34, so coding mix costs it $4.17 a visit against the basket.
    /// </summary>
    [Fact]
    public void TheVisitRateComparesEffectiveEconomicsAndSplitsRateFromMix()
    {
        var visit = Results.VisitRates.Single();
        visit.TargetVisitRate.ShouldBe(45.51m);
        visit.Practices.ShouldBe(12);
        visit.OwnMixVisitRate.ShouldBe(41.34m);
        visit.MixEffect.ShouldBe(41.34m - 45.51m);
        visit.RateEffect.ShouldBe(45.51m - visit.MarketP50);
        visit.MarketP50.ShouldBe(48.96m);
        visit.Percentile.ShouldBeLessThan(0.5);
    }

    [Fact]
    public void PayorsAndCodesAreRankedByTheRevenueTheyCarry()
    {
        Results.Payors.Single().PaidDollars.ShouldBe(83.03m);
        Results.Codes.Single().ShouldBe(new CodeRevenue(1, "97110", "Therapeutic exercise, each 15 min", 4, 83.03m, 1.0));
    }
}
