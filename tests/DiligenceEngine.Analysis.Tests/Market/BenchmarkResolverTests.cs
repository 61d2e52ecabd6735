using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Tests.Market;

public class BenchmarkResolverTests
{
    private static readonly MarketModel Model = MarketModel.Build(TinyMarket.Dataset(), TinyMarket.Medicare, new MarketModelOptions { BootstrapResamples = 500 });
    private static readonly BenchmarkResolver Resolver = new(Model, TinyMarket.Dataset().Markets, TinyMarket.Medicare);

    [Fact]
    public void ALargeCellIsItsOwnEmpiricalDistribution()
    {
        var b = Resolver.For(TinyMarket.Detroit, "P", TinyMarket.Ex, RateType.Negotiated)!;
        b.Basis.ShouldBe(BenchmarkBasis.Empirical);
        b.Quantile(0.5).ShouldBe(35.5, 1e-9);
        b.PercentileOf(33).ShouldBe(3.5 / 12, 1e-9);
        var interval = b.PercentileIntervalOf(33);
        interval.Contains(3.5 / 12).ShouldBeTrue();
    }

    [Fact]
    public void ASmallCellIsModelledWithItsShrunkLocation()
    {
        var b = Resolver.For(TinyMarket.Columbus, "P", TinyMarket.Ex, RateType.Negotiated)!;
        b.Basis.ShouldBe(BenchmarkBasis.Shrunk);
        b.Note.ShouldContain("small sample: 3 practices (< 10)");
        var s = Model.Find(new CellKey(CellLevel.MarketPayor, "OH-COLUMBUS", "P", TinyMarket.Ex, RateType.Negotiated))!.Shrinkage!;
        b.Quantile(0.5).ShouldBe(27.56 * Math.Exp(s.ShrunkLogMean), 1e-9);
        b.PercentileOf(b.Quantile(0.5)).ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void AnEmptyMarketFallsBackToTheNationalPayorShareExplicitly()
    {
        var b = Resolver.For(TinyMarket.Indianapolis, "P", TinyMarket.Ex, RateType.Negotiated)!;
        b.Basis.ShouldBe(BenchmarkBasis.ParentFallback);
        b.Practices.ShouldBe(0);
        b.Note.ShouldContain("no P 97110 rates in IN-INDIANAPOLIS");
        b.Quantile(0.5).ShouldBeGreaterThan(b.MedicareDollars);
    }

    [Fact]
    public void ACodeThePayorHasNoRatesForAnywhereHasNoBenchmark() =>
        Resolver.For(TinyMarket.Detroit, "P", CptCode.Of("97140"), RateType.Negotiated).ShouldBeNull();
}
