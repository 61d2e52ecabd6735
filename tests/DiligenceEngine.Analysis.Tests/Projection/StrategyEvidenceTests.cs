using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Analysis.Tests.Projection;

public class StrategyEvidenceTests
{
    private static NegotiationRecord Record(string payor, bool success, double ask = 0.08, double achieved = 0.08, int months = 4, NegotiationStrategy strategy = NegotiationStrategy.UniformIncrease) =>
        new(new Payor(payor, PayorType.Commercial, []), null, 2024, strategy, Percent.FromFraction((decimal)ask), Percent.FromFraction(success ? (decimal)achieved : 0m),
            success ? (achieved < ask ? NegotiationOutcome.Partial : NegotiationOutcome.Success) : NegotiationOutcome.Failed, months);

    /// <summary>
    /// A: 2 of 2, B: 1 of 4, C: 3 of 4 — pooled rate 0.6. Payor rates vary by 0.145833 against a binomial expectation of
    /// 0.08, so κ = 0.24 / 0.065833 − 1 = 2.6456. A's posterior is Beta(0.6κ + 2, 0.4κ) = Beta(3.5873, 1.0582): mean
    /// 0.772, not the certainty its 2 of 2 would suggest.
    /// </summary>
    [Fact]
    public void APayorWithTwoSuccessesIsPulledTowardThePooledRate()
    {
        var history = new[]
        {
            Record("A", true), Record("A", true),
            Record("B", true), Record("B", false), Record("B", false), Record("B", false),
            Record("C", true), Record("C", true), Record("C", true), Record("C", false),
        };
        var a = EvidenceBuilder.For("A", NegotiationStrategy.UniformIncrease, history, 0.9);
        a.PriorMean.ShouldBe(0.6, 1e-12);
        a.PriorStrength.ShouldBe(2.6456, 1e-4);
        a.PosteriorAlpha.ShouldBe(3.5873, 1e-4);
        a.PosteriorBeta.ShouldBe(1.0582, 1e-4);
        a.PosteriorMean.ShouldBe(0.7722, 1e-4);
        a.PosteriorLow.ShouldBeLessThan(a.PosteriorMean);
        a.PosteriorHigh.ShouldBeLessThan(1.0);
    }

    [Fact]
    public void PayorsThatDoNotDifferGetTheStrongestPrior()
    {
        var history = Enumerable.Range(0, 10).SelectMany(i => new[] { Record("A", i % 2 == 0), Record("B", i % 2 == 1) }).ToArray();
        EvidenceBuilder.For("A", NegotiationStrategy.UniformIncrease, history, 0.9).PriorStrength.ShouldBe(50);
    }

    [Fact]
    public void AchievedSharesComeFromThePayorOnlyWithFiveSuccesses()
    {
        var history = Enumerable.Range(0, 5).Select(_ => Record("A", true, 0.10, 0.05))
            .Concat(Enumerable.Range(0, 3).Select(_ => Record("B", true, 0.10, 0.10))).ToArray();
        EvidenceBuilder.For("A", NegotiationStrategy.UniformIncrease, history, 0.9).AchievedShareOfAsk.ShouldAllBe(s => Math.Abs(s - 0.5) < 1e-12);
        var b = EvidenceBuilder.For("B", NegotiationStrategy.UniformIncrease, history, 0.9);
        b.AchievedShareOfAsk.Count.ShouldBe(8);
        b.AchievedSource.ShouldContain("pooled");
    }

    [Fact]
    public void TheTabulatedPosteriorRunsFromItsLowToItsHighQuantiles()
    {
        var e = EvidenceBuilder.For("A", NegotiationStrategy.UniformIncrease, [Record("A", true), Record("B", false), Record("B", true)], 0.9);
        var table = e.PosteriorQuantiles(101);
        table.ShouldBe(table.Order().ToArray());
        table[50].ShouldBe(MathNet.Numerics.Distributions.Beta.InvCDF(e.PosteriorAlpha, e.PosteriorBeta, 0.5), 1e-9);
    }
}

public class StrategiesTests
{
    private static readonly Dictionary<CptCode, Money> Current = new()
    {
        [CptCode.Of("97110")] = Money.Usd(30m),
        [CptCode.Of("97161")] = Money.Usd(90m),
        [CptCode.Of("97150")] = Money.Usd(20m),
    };

    private static Dictionary<CptCode, Money> Ask(NegotiationStrategy s) =>
        Strategies.Proposed(s, Current, 0.10, code => code.Value == "97110" ? Money.Usd(34m) : Money.Usd(85m), CptCatalog.Default);

    [Fact]
    public void UniformRaisesEveryCode() => Ask(NegotiationStrategy.UniformIncrease).Values.ShouldBe([Money.Usd(33m), Money.Usd(99m), Money.Usd(22m)], ignoreOrder: true);

    [Fact]
    public void ACarveOutRaisesOnlyTimedCodes()
    {
        var a = Ask(NegotiationStrategy.TimedCodeCarveOut);
        a[CptCode.Of("97110")].ShouldBe(Money.Usd(33m));
        a[CptCode.Of("97161")].ShouldBe(Money.Usd(90m));
        a[CptCode.Of("97150")].ShouldBe(Money.Usd(20m));
    }

    [Fact]
    public void EvaluationFocusRaisesOnlyEvaluations() => Ask(NegotiationStrategy.EvaluationFocus)[CptCode.Of("97161")].ShouldBe(Money.Usd(99m));

    [Fact]
    public void MovingToAPercentileRaisesOnlyCodesBelowIt()
    {
        var a = Ask(NegotiationStrategy.MoveToMarketPercentile);
        a[CptCode.Of("97110")].ShouldBe(Money.Usd(34m));
        a[CptCode.Of("97161")].ShouldBe(Money.Usd(90m));
        a[CptCode.Of("97150")].ShouldBe(Money.Usd(85m));
    }
}
