using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.Tests.MarketData;

public class RateTableTests
{
    private static readonly Payor Uhc = new("UnitedHealthcare", PayorType.Commercial, ["UHC"]);
    private static readonly Payor Aetna = new("Aetna", PayorType.Commercial, []);
    private static readonly MarketId Detroit = MarketId.Of("MI-DETROIT");
    private static readonly MarketId Columbus = MarketId.Of("OH-COLUMBUS");

    private static RateObservation Dollars(MarketId market, Payor payor, string code, decimal rate, string practice, int year = 2025) =>
        new(market, payor, CptCode.Of(code), RateType.Negotiated, Money.Usd(rate), null, practice, year, "test");

    private static readonly RateObservation[] Rows =
    [
        Dollars(Detroit, Uhc, "97110", 31.50m, "P1"),
        Dollars(Detroit, Uhc, "97110", 32.00m, "P1", 2024),
        Dollars(Detroit, Uhc, "97110", 30.10m, "P2"),
        Dollars(Detroit, Aetna, "97110", 33.00m, "P1"),
        Dollars(Columbus, Uhc, "97140", 28.00m, "P3"),
        new(Detroit, Uhc, CptCode.Of("97110"), RateType.PercentOfMedicare, null, Percent.FromPoints(110m), "P4", 2025, "survey"),
    ];

    [Fact]
    public void RowsReadBackAsTheObservationsTheTableWasBuiltFrom()
    {
        var table = RateTable.From(Rows);
        table.Count.ShouldBe(6);
        table.ToList().ShouldBe(Rows);
        table[5].PercentOfMedicare.ShouldBe(Percent.FromPoints(110m));
        table[5].Dollars.ShouldBeNull();
    }

    [Fact]
    public void CountsByTypePracticesAndPracticesPerCell()
    {
        var table = RateTable.From(Rows);
        table.CountByType().ShouldBe(new Dictionary<RateType, int> { [RateType.Negotiated] = 5, [RateType.PercentOfMedicare] = 1 });
        table.DistinctPractices().ShouldBe(4);

        // Detroit UHC 97110 negotiated: P1 twice (two years) and P2; Detroit Aetna 97110: P1; Columbus UHC 97140: P3;
        // Detroit UHC 97110 percent of Medicare: P4.
        table.PracticesPerCell().Order().ShouldBe([1, 1, 1, 2]);
        RateTable.Empty.DistinctPractices().ShouldBe(0);
        RateTable.Empty.PracticesPerCell().ShouldBeEmpty();
    }

    [Fact]
    public void ARowNamingAnEntryTheListsLackIsRefused()
    {
        var columns = RateColumns.Allocate(1);
        columns.Stated[0] = 30m;
        columns.Market[0] = 1;
        var lists = new RateLists([Detroit], [Uhc], [CptCode.Of("97110")], ["P1"], ["test"]);
        Should.Throw<ArgumentException>(() => new RateTable(lists, columns, 1));
    }

    [Fact]
    public void ARowWithoutAPositiveRateIsRefused()
    {
        var lists = new RateLists([Detroit], [Uhc], [CptCode.Of("97110")], ["P1"], ["test"]);
        Should.Throw<ArgumentException>(() => new RateTable(lists, RateColumns.Allocate(1), 1));
    }
}
