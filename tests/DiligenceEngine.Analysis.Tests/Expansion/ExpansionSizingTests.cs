using DiligenceEngine.Analysis.Expansion;
using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Statistics;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Domain.Codes;
using static DiligenceEngine.Analysis.Tests.TinyMarket;

namespace DiligenceEngine.Analysis.Tests.Expansion;

/// <summary>
/// The tiny market, sized for a clinic with payor P only, on the PT basket (1.5 units of 97110 a visit): Detroit has 12
/// practices at $30-$41, Columbus 3 (a small sample), Indianapolis none (national fallback).
/// </summary>
public class ExpansionSizingTests
{
    private static readonly Data.Inputs.InputSet Tiny = Inputs();
    private static readonly MarketModel Model = MarketModel.Build(Tiny.Market, Tiny.Medicare, new MarketModelOptions { BootstrapResamples = 200 });

    private static ExpansionPlan Plan(IReadOnlyDictionary<string, double>? mix = null) => new()
    {
        Markets = [Detroit, Columbus, Indianapolis],
        Basket = Tiny.Market.VisitBaskets[0],
        BasketSource = "test",
        VisitsPerYearAtMaturity = 12_000,
        RampUp = RampUp.Linear(0.5, 6),
        PayorMix = mix ?? new Dictionary<string, double> { ["P"] = 1.0 },
        Paths = 2_000,
        HorizonMonths = 24,
        RenegotiationMonth = 12,
    };

    private static readonly ExpansionResults Results = new ExpansionSizing(Tiny, Model, Plan(), CptCatalog.Default).Run().Results!;

    private static decimal VisitRate(decimal fee) =>
        BasketPricer.Price(Tiny.Market.VisitBaskets[0], _ => fee, Tiny.Medicare.ForYear(2025).RvusOf, CptCatalog.Default, ExpansionSizing.DefaultPolicy);

    [Fact]
    public void EntryAndRenegotiatedRatesAreTheEntryAndTargetPercentilesOfThePractices()
    {
        var detroit = Results.Markets.Single(m => m.Market == Detroit.Value).Payors.Single();
        var rates = Enumerable.Range(30, 12).Select(f => (double)VisitRate(f)).ToArray();
        detroit.Practices.ShouldBe(12);
        detroit.EntryRate.ShouldBe(Math.Round((decimal)Quantiles.R7(rates, 0.25), 2, MidpointRounding.AwayFromZero));
        detroit.RenegotiatedRate.ShouldBe(Math.Round((decimal)Quantiles.R7(rates, 0.50), 2, MidpointRounding.AwayFromZero));
        detroit.SmallSample.ShouldBeFalse();
    }

    [Fact]
    public void ThinMarketsAreFlaggedAndAMarketWithoutPracticesFallsBackExplicitly()
    {
        var columbus = Results.Markets.Single(m => m.Market == Columbus.Value);
        columbus.Payors.Single().SmallSample.ShouldBeTrue();
        columbus.Payors.Single().Basis.ShouldBe("Shrunk");
        var indianapolis = Results.Markets.Single(m => m.Market == Indianapolis.Value);
        indianapolis.FallbackPayors.ShouldBe(1);
        indianapolis.MinimumPractices.ShouldBe(0);
        indianapolis.Payors.Single().EntryRate.ShouldBeGreaterThan(0m);
    }

    [Fact]
    public void MarketsAreRankedByExpectedRevenue()
    {
        Results.Markets.Select(m => m.Rank).ShouldBe([1, 2, 3]);
        Results.Markets.Select(m => m.Horizon.MeanDollars).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void TheMedicareIndexIsTheMedianVisitRateOverTheMedicareVisitRate()
    {
        var detroit = Results.Markets.Single(m => m.Market == Detroit.Value);
        detroit.MedicareIndex.ShouldBe((double)(detroit.MarketMedianRevenuePerVisit / detroit.MedicareRevenuePerVisit), 1e-12);
        detroit.MedicareRevenuePerVisit.ShouldBe(detroit.Payors.Single().MedicareVisitRate);
    }

    [Fact]
    public void MatureRevenueAtEntryIsVisitsTimesTheEntryRatePerVisit()
    {
        var detroit = Results.Markets.Single(m => m.Market == Detroit.Value);
        detroit.MatureAnnualRevenueAtEntry.ShouldBe(detroit.EntryRevenuePerVisit * 12_000m);
        detroit.Years.Select(y => y.Period).ShouldBe(["Year 1", "Year 2"]);
    }

    [Fact]
    public void APayorWithoutRatesAnywhereStopsTheAnalysisNamingItsMix()
    {
        var (results, problems) = new ExpansionSizing(Tiny, Model, Plan(new Dictionary<string, double> { ["P"] = 0.5, ["Q"] = 0.5 }), CptCatalog.Default).Run();
        results.ShouldBeNull();
        problems.Single().ShouldStartWith("$.expansion.payorMix['Q']: no practice in the market dataset has Q rates");
    }

    [Fact]
    public void TheGroupsContractIsComparedOnlyWhereThePayorHasPractices()
    {
        Results.GroupContracts.Select(g => g.Market).ShouldBe([Detroit.Value, Columbus.Value]);
        var detroit = Results.GroupContracts[0];
        detroit.GroupVisitRate.ShouldBe(VisitRate(33m));
        detroit.Difference.ShouldBe((double)(detroit.MarketP50 / detroit.GroupVisitRate) - 1, 1e-12);
        Results.GroupMarkets.Single(g => g.Market == Detroit.Value).PaysMateriallyBetter.ShouldBe(detroit.Difference > 0.05);
    }

    [Fact]
    public void TheOwnMixBasketIsUnitsPerVisitOverTheGroupsClaims()
    {
        var basket = ExpansionSizing.OwnMix([Claim("V1", "2025-01-01", 2, 58m), Claim("V2", "2025-01-02", 1, 33m)]);
        basket.Entries.Single().ShouldBe((Ex, 1.5m));
    }
}
