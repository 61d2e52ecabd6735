using DiligenceEngine.Analysis.Recruiting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DiligenceEngine.Analysis.Tests.Recruiting;

public class RecruitingNarrativeTests
{
    private static RecruitingPayorRow Row(string payor, double percentile, decimal paid = 1_000m) =>
        new(payor, "C-" + payor, paid, 0.1, 100m, 100m, 110m, percentile, Math.Max(0, percentile - 0.1), Math.Min(1, percentile + 0.1), 20, false, percentile >= 0.75, null, null);

    private static RecruitingFacts Facts(params RecruitingPayorRow[] rows)
    {
        var weight = rows.Sum(r => (double)r.PaidDollars);
        return new RecruitingFacts("Detroit", rows, rows.Sum(r => r.Percentile * (double)r.PaidDollars) / weight, []);
    }

    [Fact]
    public void TopQuartilePayorsAreNamedWithTheirPercentiles()
    {
        var lines = RecruitingNarrative.Write(Facts(Row("Alpha", 0.81), Row("Beta", 0.40), Row("Gamma", 0.76)));
        lines.ShouldContain("Top quartile (P75 or better) with 2 of 3 payors: Alpha (P81), Gamma (P76).");
    }

    [Fact]
    public void APracticeBelowMarketIsDescribedByItsStrongestContractWithoutClaimingStrength()
    {
        var lines = RecruitingNarrative.Write(Facts(Row("Alpha", 0.30), Row("Beta", 0.10)));
        lines[0].ShouldEndWith("below the market median.");
        lines.ShouldContain("No payor contract is in the market's top quartile (P75 or better).");
        lines.ShouldContain(l => l.StartsWith("Strongest contract: Alpha at P30", StringComparison.Ordinal));
        lines.ShouldContain("Below the market median with 2 of 2 payors; the lowest is Beta at P10.");
    }

    [Fact]
    public void APercentileJustShortOfP75PrintsBelowIt() => RecruitingNarrative.P(0.7499).ShouldBe("P74");

    [Fact]
    public void NothingComparedSaysSo() =>
        RecruitingNarrative.Write(new RecruitingFacts("Detroit", [], null, [])).Single().ShouldStartWith("No payor of the practice could be compared");

    private static Arbitrary<RecruitingPayorRow[]> Practices() =>
        (from count in Gen.Choose(1, 9)
         from percentiles in Gen.ArrayOf(Gen.Choose(0, 10_000), count)
         from paid in Gen.ArrayOf(Gen.Choose(1, 500_000), count)
         select percentiles.Select((p, i) => Row($"Payor-{i:00}", p / 10_000.0, paid[i])).ToArray()).ToArbitrary();

    [Property]
    public Property TheNarrativeNeverCallsAPayorBelowP75TopQuartile() =>
        Prop.ForAll(Practices(), rows =>
        {
            var lines = RecruitingNarrative.Write(Facts(rows));
            return rows.Where(r => r.Percentile < 0.75).All(r => !lines.Any(l =>
                l.Contains("top quartile", StringComparison.OrdinalIgnoreCase) && l.Contains($"{r.Payor} (P", StringComparison.Ordinal)));
        });

    [Property]
    public Property APracticeBelowTheMedianIsNeverSaidToBeAboveIt() =>
        Prop.ForAll(Practices(), rows =>
        {
            var facts = Facts(rows);
            var lines = RecruitingNarrative.Write(facts);
            return facts.OverallPercentile >= 0.5 || !lines.Any(l => l.Contains("above the market median", StringComparison.Ordinal));
        });

    [Property]
    public Property TheCountOfTopQuartilePayorsIsTheCountAtOrAboveP75() =>
        Prop.ForAll(Practices(), rows =>
        {
            var top = rows.Count(r => r.Percentile >= 0.75);
            var lines = RecruitingNarrative.Write(Facts(rows));
            return top == 0
                ? lines.Contains("No payor contract is in the market's top quartile (P75 or better).")
                : lines.Any(l => l.StartsWith($"Top quartile (P75 or better) with {top} of {rows.Length} payor", StringComparison.Ordinal));
        });
}
