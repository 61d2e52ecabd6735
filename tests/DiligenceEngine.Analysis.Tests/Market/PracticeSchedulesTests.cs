using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Analysis.Tests.Market;

public class PracticeSchedulesTests
{
    [Fact]
    public void EachPracticeOfAPayorHasItsOwnScheduleAndNothingOfOtherPayorsOrTypes()
    {
        var model = MarketModel.Build(TinyMarket.Dataset(), TinyMarket.Medicare, new MarketModelOptions { BootstrapResamples = 100 });
        var schedules = model.PracticeSchedules.For("P", RateType.Negotiated).ToList();

        // Detroit's 12 practices (the $200 outlier excluded) and Columbus's 3; the percent-of-Medicare practice is another type.
        schedules.Count.ShouldBe(15);
        schedules.Count(s => s.Market == TinyMarket.Detroit).ShouldBe(12);
        schedules.Single(s => s.Practice == "C2").MeanDollarsOf(TinyMarket.Ex).ShouldBe(40.0);
        schedules.ShouldNotContain(s => s.Practice == "D-OUTLIER" || s.Practice == "D-PCT");
        model.PracticeSchedules.For("P", RateType.PercentOfMedicare).Single().Practice.ShouldBe("D-PCT");
        model.PracticeSchedules.For("Nobody", RateType.Negotiated).ShouldBeEmpty();
    }

    [Fact]
    public void APracticesRatesForOneCodeInSeveralYearsAverage()
    {
        var dataset = TinyMarket.Dataset();
        var evaluation = CptCode.Of("97161");
        var rows = dataset.Rates.Concat(
        [
            new RateObservation(TinyMarket.Detroit, TinyMarket.P, evaluation, RateType.Negotiated, Money.Usd(100m), null, "D0", 2025, "test"),
            new RateObservation(TinyMarket.Detroit, TinyMarket.P, evaluation, RateType.Negotiated, Money.Usd(110m), null, "D0", 2024, "test"),
        ]);
        var model = MarketModel.Build(dataset with { Rates = RateTable.From(rows) }, TinyMarket.Medicare, new MarketModelOptions { BootstrapResamples = 100 });
        var d0 = model.PracticeSchedules.For("P", RateType.Negotiated).Single(s => s.Practice == "D0");
        d0.MeanDollarsOf(evaluation).ShouldBe(105.0);
        d0.MeanDollarsOf(TinyMarket.Ex).ShouldBe(30.0);
        d0.MeanDollarsOf(CptCode.Of("97530")).ShouldBeNull();
    }
}
