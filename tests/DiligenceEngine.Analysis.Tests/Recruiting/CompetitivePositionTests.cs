using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Recruiting;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Domain.Codes;
using static DiligenceEngine.Analysis.Tests.TinyMarket;

namespace DiligenceEngine.Analysis.Tests.Recruiting;

/// <summary>The tiny practice (contract C1 with payor P at $33 for 97110) in Detroit, where P's practices are paid $30-$41.</summary>
public class CompetitivePositionTests
{
    private static readonly RecruitingResults Results = Analyze(null);

    private static RecruitingResults Analyze(int? competitors)
    {
        var inputs = Inputs(Claim("V1", "2025-01-01", 2, 58.03m), Claim("V2", "2025-06-01", 1, 33m));
        var model = MarketModel.Build(inputs.Market, inputs.Medicare, new MarketModelOptions { BootstrapResamples = 200 });
        var visits = new VisitEconomics(inputs, model, CptCatalog.Default, new VisitEconomicsOptions()).Analyze();
        return CompetitivePosition.Analyze(visits, inputs.Target!, inputs.Market.Markets[Detroit], "PT", competitors, 5, inputs.Medicare, CptCatalog.Default);
    }

    [Fact]
    public void TheOnlyPayorsPercentileIsTheOverallPosition()
    {
        var row = Results.Payors.Single();
        row.Payor.ShouldBe("P");
        row.PaidDollars.ShouldBe(91.03m);
        row.RevenueShare.ShouldBe(1.0);
        Results.OverallPercentile.ShouldBe(row.Percentile);
        row.TopQuartile.ShouldBe(row.Percentile >= 0.75);
        Results.TopQuartilePayors.ShouldBe(0);
    }

    [Fact]
    public void ACompetitorSetCountsThePracticesPaidBelowAtThePercentile()
    {
        var row = Analyze(20).Payors.Single();
        row.CompetitorSet.ShouldBe(20);
        row.CompetitorsBehind.ShouldBe((int)Math.Floor(row.Percentile * 20));
    }

    [Fact]
    public void TheCodesThatDriveRevenueCarryTheirMarketPosition()
    {
        var code = Results.Codes.Single();
        code.Code.ShouldBe("97110");
        code.Payors.ShouldBe(1);
        code.BelowMarket.ShouldBe(1);
    }

    [Fact]
    public void TheNarrativeComesFromTheFigures() =>
        Results.Narrative.ShouldContain("No payor contract is in the market's top quartile (P75 or better).");
}
