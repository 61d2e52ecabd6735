using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Payors;
using DiligenceEngine.Domain.Volumes;

namespace DiligenceEngine.Analysis.Tests;

/// <summary>
/// A market small enough to check by hand. Payor P, code 97110, 2025:
/// Detroit (Medicare $28.87): 12 practices at $30..$41 negotiated, one data-entry outlier at $200, one practice at
/// 120% of Medicare; Columbus (Medicare $27.56): 3 practices at $38, $40, $42; Indianapolis: no rates.
/// The target holds contract C1 with P in Detroit at $33.00 for 97110, CMS-style MPPR at 50%.
/// </summary>
internal static class TinyMarket
{
    public static readonly Payor P = new("P", PayorType.Commercial, []);
    public static readonly CptCode Ex = CptCode.Of("97110");
    public static readonly MarketId Detroit = MarketId.Of("MI-DETROIT");
    public static readonly MarketId Columbus = MarketId.Of("OH-COLUMBUS");
    public static readonly MarketId Indianapolis = MarketId.Of("IN-INDIANAPOLIS");

    public static MedicareBaseline Medicare { get; } = MedicareBaseline.Build(CptCatalog.Default, [], [new GpciRelease(2025,
    [
        new MedicareLocality(LocalityId.Of("08202-01"), "MI", "DETROIT", new Gpci(1.003m, 0.986m, 1.718m)),
        new MedicareLocality(LocalityId.Of("15202-00"), "OH", "OHIO", new Gpci(1m, 0.911m, 1.033m)),
        new MedicareLocality(LocalityId.Of("08102-00"), "IN", "INDIANA", new Gpci(1m, 0.922m, 0.485m)),
    ], "test GPCIs")]);

    public static MarketDataset Dataset()
    {
        var markets = new Dictionary<MarketId, Domain.Markets.Market>
        {
            [Detroit] = new(Detroit, "Detroit", UsState.Of("MI"), null, LocalityId.Of("08202-01")),
            [Columbus] = new(Columbus, "Columbus", UsState.Of("OH"), null, LocalityId.Of("15202-00")),
            [Indianapolis] = new(Indianapolis, "Indianapolis", UsState.Of("IN"), null, LocalityId.Of("08102-00")),
        };
        var rates = new List<RateObservation>();
        for (var i = 0; i < 12; i++)
        {
            rates.Add(Dollars(Detroit, $"D{i}", 30m + i));
        }

        rates.Add(Dollars(Detroit, "D-OUTLIER", 200m));
        rates.Add(new RateObservation(Detroit, P, Ex, RateType.PercentOfMedicare, null, Percent.FromPoints(120m), "D-PCT", 2025, "test"));
        rates.AddRange([Dollars(Columbus, "C1", 38m), Dollars(Columbus, "C2", 40m), Dollars(Columbus, "C3", 42m)]);
        return new MarketDataset(new PayorDirectory([P]), markets, RateTable.From(rates), [], [new VisitBasket("PT", [(Ex, 1.5m)])]);
    }

    public static InputSet Inputs(params ClaimLine[] claims)
    {
        var contract = new Contract("C1", P, [Detroit], new DateOnly(2022, 1, 1), new DateOnly(2027, 12, 31), true, 12, 90, Percent.Zero,
            new RateBasis.FixedFeeSchedule(new Dictionary<CptCode, Money> { [Ex] = Money.Usd(33m), [CptCode.Of("97161")] = Money.Usd(95m) }),
            MpprPolicy.CmsPracticeExpense(Percent.FromPoints(50m), false), ChangeOfOwnership.Assignable);
        var target = new TargetPractice([new Location("L1", "Clinic", Detroit)], [contract], claims, []);
        return new InputSet(Medicare, [], Dataset(), target);
    }

    public static ClaimLine Claim(string id, string date, int units, decimal paid) =>
        new(id, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), "L1", P, Ex, units, Money.Usd(75m * units), Money.Usd(paid));

    private static RateObservation Dollars(MarketId market, string practice, decimal rate) =>
        new(market, P, Ex, RateType.Negotiated, Money.Usd(rate), null, practice, 2025, "test");
}
