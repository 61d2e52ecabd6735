using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DiligenceEngine.Domain.Tests.Contracts;

/// <summary>Known answers at 2025 national Medicare fees (domain.md §2).</summary>
public class MpprCalculatorTests
{
    private static readonly Percent Fifty = Percent.FromPoints(50m);

    private static VisitLine Line(string code, int units, decimal fee) =>
        new(CptCode.Of(code), units, Money.Usd(fee), CptCatalog.Default[CptCode.Of(code)].RvusByYear[2025], CptCatalog.Default[CptCode.Of(code)].IsEvaluation);

    private static readonly VisitLine[] DomainExample = [Line("97530", 1, 34.61m), Line("97110", 2, 28.79m), Line("97140", 1, 27.17m)];

    private static decimal Total(IEnumerable<PricedLine> lines) => lines.Sum(l => l.Paid.Amount);

    [Fact]
    public void WithoutMpprEveryUnitIsPaidItsFee() =>
        Total(MpprCalculator.Price(DomainExample, MpprPolicy.None())).ShouldBe(119.36m);

    /// <summary>
    /// 97530 (PE 0.62, the highest) is paid in full; 97110 keeps 1 − 0.5 × 0.43/0.89 of its fee and 97140 1 − 0.5 × 0.40/0.84.
    /// Rounding each claim line once gives $98.98 (34.61 + 43.67 + 20.70). Medicare's own arithmetic, which reduces the
    /// unrounded RVU dollars and rounds each unit, gives $98.97 (domain.md): the one-cent difference is the rounding point.
    /// </summary>
    [Fact]
    public void CmsStyleReducesThePracticeExpenseShareOfEveryUnitAfterTheHighestPeUnit()
    {
        var priced = MpprCalculator.Price(DomainExample, MpprPolicy.CmsPracticeExpense(Fifty, evaluationsExempt: false));
        priced.Select(p => p.Paid.Amount).ShouldBe([34.61m, 43.67m, 20.70m]);
        Total(priced).ShouldBe(98.98m);
    }

    [Fact]
    public void FlatPolicyPaysLaterUnitsAShareOfTheirFee() =>
        Total(MpprCalculator.Price(DomainExample, MpprPolicy.FlatSecondary(Fifty, evaluationsExempt: false))).ShouldBe(34.61m + 28.79m + 13.59m);

    [Fact]
    public void DailyCapPaysTheHighestFeeUnitsAndNoOthers()
    {
        var priced = MpprCalculator.Price(DomainExample, MpprPolicy.None(dailyUnitCap: 2));
        priced.Select(p => p.PaidUnits).ShouldBe([1, 1, 0]);
        Total(priced).ShouldBe(63.40m);
    }

    [Fact]
    public void AnEvaluationWithTheHighestPeTakesThePrimarySlotUnlessExempt()
    {
        VisitLine[] visit = [Line("97161", 1, 98.01m), Line("97110", 2, 28.79m)];
        Total(MpprCalculator.Price(visit, MpprPolicy.CmsPracticeExpense(Fifty, evaluationsExempt: false))).ShouldBe(98.01m + 43.67m);
        Total(MpprCalculator.Price(visit, MpprPolicy.CmsPracticeExpense(Fifty, evaluationsExempt: true))).ShouldBe(98.01m + 50.63m);
    }

    [Fact]
    public void ASingleUnitVisitIsNeverReduced() =>
        Total(MpprCalculator.Price([Line("97140", 1, 27.17m)], MpprPolicy.CmsPracticeExpense(Fifty, false))).ShouldBe(27.17m);

    private static Arbitrary<VisitLine[]> Visits()
    {
        var codes = new[] { "97110", "97112", "97140", "97530", "97535", "97161", "97164", "97165" };
        var line = from code in Gen.Elements(codes)
                   from units in Gen.Choose(1, 4)
                   from cents in Gen.Choose(1_000, 15_000)
                   select Line(code, units, cents / 100m);
        return Gen.ArrayOf(line).Where(a => a.Length is > 0 and < 6).ToArbitrary();
    }

    private static IEnumerable<MpprPolicy> Policies() =>
    [
        MpprPolicy.None(), MpprPolicy.None(4), MpprPolicy.CmsPracticeExpense(Fifty, false), MpprPolicy.CmsPracticeExpense(Fifty, true, 4),
        MpprPolicy.FlatSecondary(Percent.FromPoints(75m), false), MpprPolicy.FlatSecondary(Fifty, true, 3),
    ];

    [Property]
    public Property MpprNeverRaisesAPayment() =>
        Prop.ForAll(Visits(), visit => Policies().All(policy =>
            MpprCalculator.Price(visit, policy).All(l => l.Paid <= l.FullAmount && !l.Paid.IsNegative)));

    [Property]
    public Property TheOrderOfLinesDoesNotChangeWhatTheVisitIsPaid() =>
        Prop.ForAll(Visits(), visit => Policies().All(policy =>
            Total(MpprCalculator.Price(visit, policy)) == Total(MpprCalculator.Price(visit.Reverse().ToArray(), policy))));
}
