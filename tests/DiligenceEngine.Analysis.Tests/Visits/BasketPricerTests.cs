using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Tests.Visits;

public class BasketPricerTests
{
    private static readonly CptCatalog Catalog = CptCatalog.Default;
    private static readonly MpprPolicy Cms50 = MpprPolicy.CmsPracticeExpense(Percent.FromPoints(50m), evaluationsExempt: false);

    private static RvuSet Rvus(CptCode code) => Catalog[code].RvusByYear[2025];

    private static VisitBasket Basket(params (string Code, decimal Units)[] entries) =>
        new("T", entries.Select(e => (CptCode.Of(e.Code), e.Units)).ToList());

    private static decimal Fee(CptCode code) => code.Value switch
    {
        "97530" => 34.61m,
        "97110" => 28.79m,
        "97140" => 27.17m,
        "97161" => 98.01m,
        _ => 30m,
    };

    [Fact]
    public void ABasketOfOneWholeVisitPricesAsThatVisitsClaimLines() =>
        BasketPricer.Price(Basket(("97530", 1m), ("97110", 2m), ("97140", 1m)), Fee, Rvus, Catalog, Cms50).ShouldBe(98.98m);

    /// <summary>
    /// 97161 0.09 + 97110 1.5 at $95 / $30: the primary slot takes 0.09 of 97161 (highest PE) and 0.91 of 97110;
    /// the other 0.59 units of 97110 keep 1 − 0.5 × 0.43/0.89 = 0.758427 of $30.
    /// 0.09 × 95 + 0.91 × 30 + 0.59 × 30 × 0.758427 = 8.55 + 27.30 + 13.4242 = 49.2742 → $49.27.
    /// </summary>
    [Fact]
    public void AFractionalBasketFillsOnePrimaryUnitDownThePeRanking() =>
        BasketPricer.Price(Basket(("97161", 0.09m), ("97110", 1.5m)), c => c.Value == "97161" ? 95m : 30m, Rvus, Catalog, Cms50).ShouldBe(49.27m);

    [Fact]
    public void WithoutMpprABasketIsUnitsTimesFees() =>
        BasketPricer.Price(Basket(("97161", 0.09m), ("97110", 1.5m)), c => c.Value == "97161" ? 95m : 30m, Rvus, Catalog, MpprPolicy.None()).ShouldBe(53.55m);

    [Fact]
    public void ADailyCapKeepsTheHighestFeeUnits() =>
        BasketPricer.Price(Basket(("97530", 2m), ("97110", 3m)), Fee, Rvus, Catalog, MpprPolicy.None(dailyUnitCap: 4)).ShouldBe((2 * 34.61m) + (2 * 28.79m));

    [Fact]
    public void ExemptEvaluationsArePaidInFullAndLeaveThePrimarySlotToTreatment()
    {
        var basket = Basket(("97161", 1m), ("97110", 2m));
        var exempt = MpprPolicy.CmsPracticeExpense(Percent.FromPoints(50m), evaluationsExempt: true);
        BasketPricer.Price(basket, Fee, Rvus, Catalog, exempt).ShouldBe(98.01m + 28.79m + 21.84m);
    }

    [Fact]
    public void FlatPolicyPaysLaterUnitsItsShare() =>
        BasketPricer.Price(Basket(("97530", 1m), ("97110", 1m)), Fee, Rvus, Catalog, MpprPolicy.FlatSecondary(Percent.FromPoints(80m), false))
            .ShouldBe(34.61m + 23.03m);

    [Fact]
    public void UnderTiedPracticeExpenseTheHigherFeeTakesThePrimaryUnit()
    {
        // Two codes with the same PE RVUs: the CMS-style ranking falls back to the fee, so the ranking cannot be kept
        // across fee schedules. Each code's later unit is paid 1 − 50% × PE share.
        var rvus = new RvuSet(1.00m, 0.40m, 0.10m);
        var prepared = new PreparedBasket(Basket(("97110", 1m), ("97140", 1m)), [rvus, rvus], [false, false]);
        var later = 1m - (0.5m * rvus.PracticeExpenseShare);

        prepared.Price([30m, 40m], Cms50).ShouldBe(Math.Round(40m + (30m * later), 2, MidpointRounding.AwayFromZero));
        prepared.Price([40m, 30m], Cms50).ShouldBe(Math.Round(40m + (30m * later), 2, MidpointRounding.AwayFromZero));
    }

    [Fact]
    public void OneBasketPricedUnderPoliciesInTurnPricesAsAFreshOneEachTime()
    {
        // The basket keeps what the policy last priced makes of it: switching policies must not carry one's terms over.
        var basket = Basket(("97161", 0.2m), ("97530", 1m), ("97110", 2m), ("97140", 1m));
        var flat = MpprPolicy.FlatSecondary(Percent.FromPoints(80m), true);
        var capped = MpprPolicy.None(dailyUnitCap: 3);
        var prepared = BasketPricer.Prepare(basket, Rvus, Catalog);
        decimal[] fees = [.. basket.Entries.Select(e => Fee(e.Code))];
        foreach (var policy in new[] { Cms50, flat, Cms50, capped, flat, capped, Cms50 })
        {
            prepared.Price(fees, policy).ShouldBe(BasketPricer.Price(basket, Fee, Rvus, Catalog, policy));
        }

        prepared.Price(fees, Cms50).ShouldNotBe(prepared.Price(fees, flat));
    }
}
