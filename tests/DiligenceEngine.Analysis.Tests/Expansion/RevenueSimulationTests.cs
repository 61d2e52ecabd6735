using DiligenceEngine.Analysis.Expansion;

namespace DiligenceEngine.Analysis.Tests.Expansion;

/// <summary>
/// A clinic of 12,000 visits a year at maturity (1,000 a month), ramping 50% → 75% → 100% over three months, with
/// payor A (60% of visits, rate 100 + 100·p at percentile p) and payor B (40%, rate 80 + 40·p). At entry (P25) a visit
/// earns 0.6 × 125 + 0.4 × 90 = $111; after a successful renegotiation to P50, 0.6 × 150 + 0.4 × 100 = $130.
/// Renegotiated rates apply from month 3.
/// </summary>
public class RevenueSimulationTests
{
    private static RevenueSimulationInput Input(double success = 1, double logitSd = 0, double volumeCv = 0, int paths = 2_000, int seed = 7) => new(
        [
            new PayorLanding("A", 0.6, p => 100 + (100 * p), 0.25, 0.50, logitSd, logitSd, success),
            new PayorLanding("B", 0.4, p => 80 + (40 * p), 0.25, 0.50, logitSd, logitSd, success),
        ],
        12_000, RampUp.Linear(0.5, 3), RenegotiationMonth: 2, volumeCv, HorizonMonths: 4, paths, seed);

    [Fact]
    public void WithoutUncertaintyEveryPathEarnsTheRampedVolumeTimesTheMixWeightedRate()
    {
        var bands = RevenueSimulation.Run(Input());
        bands.Months.Select(m => m.Mean).ShouldBe([55_500, 83_250, 130_000, 130_000], tolerance: 1e-6);
        bands.Months.ShouldAllBe(m => Math.Abs(m.P10 - m.P90) < 1e-6 && Math.Abs(m.P50 - m.Mean) < 1e-6);
        bands.Horizon.Mean.ShouldBe(398_750, 1e-6);
        bands.Horizon.Period.ShouldBe("Months 1-4");
        bands.MeanEntryRatePerVisit.ShouldBe(111, 1e-9);
        bands.MeanRateAfterRenegotiationPerVisit.ShouldBe(130, 1e-9);
        bands.ExpectedRevenuePerVisit.ShouldBe(398_750 / 3_250.0, 1e-9);
    }

    [Fact]
    public void MonthlyRevenueIsVisitsAMonthTimesRampTimesVolumeTimesRate() =>
        RevenueSimulation.MonthlyRevenue(12_000, 0.75, 1.1, 111).ShouldBe(1_000 * 0.75 * 1.1 * 111, 1e-9);

    [Fact]
    public void AFailedRenegotiationKeepsEntryRates()
    {
        var bands = RevenueSimulation.Run(Input(success: 0));
        bands.Months[3].Mean.ShouldBe(111_000, 1e-6);
        bands.MeanRateAfterRenegotiationPerVisit.ShouldBe(111, 1e-9);
    }

    [Fact]
    public void AnEvenChanceOfSuccessSplitsPathsBetweenTheTwoRates()
    {
        var bands = RevenueSimulation.Run(Input(success: 0.5, paths: 20_000));
        var month = bands.Months[2];
        month.P10.ShouldBe(111_000, 1e-6);
        month.P90.ShouldBe(130_000, 1e-6);
        var sd = Math.Sqrt(0.25 * 19_000 * 19_000 / 20_000.0);
        month.Mean.ShouldBe(120_500, 3 * sd);
    }

    [Fact]
    public void VolumeUncertaintyWidensTheBandButKeepsTheMean()
    {
        var bands = RevenueSimulation.Run(Input(volumeCv: 0.2, paths: 20_000));
        bands.Horizon.Mean.ShouldBe(398_750, 3 * bands.Horizon.MeanStandardError);
        bands.Horizon.P10.ShouldBeLessThan(398_750);
        bands.Horizon.P90.ShouldBeGreaterThan(398_750);
    }

    [Fact]
    public void TheSameSeedGivesTheSameBandsAndAnotherSeedDifferentOnes()
    {
        var a = RevenueSimulation.Run(Input(logitSd: 0.5, volumeCv: 0.15, seed: 1));
        var b = RevenueSimulation.Run(Input(logitSd: 0.5, volumeCv: 0.15, seed: 1));
        var c = RevenueSimulation.Run(Input(logitSd: 0.5, volumeCv: 0.15, seed: 2));
        b.Horizon.ShouldBe(a.Horizon);
        c.Horizon.Mean.ShouldNotBe(a.Horizon.Mean);
        c.Horizon.Mean.ShouldBe(a.Horizon.Mean, 4 * Math.Sqrt((a.Horizon.MeanStandardError * a.Horizon.MeanStandardError) + (c.Horizon.MeanStandardError * c.Horizon.MeanStandardError)));
    }

    [Fact]
    public void ALandingPercentileIsItsCenterWithoutSpreadAndRisesWithTheDraw()
    {
        RevenueSimulation.LandingPercentile(0.25, 0, 2.5).ShouldBe(0.25);
        RevenueSimulation.LandingPercentile(0.25, 0.5, 0).ShouldBe(0.25, 1e-12);
        RevenueSimulation.LandingPercentile(0.25, 0.5, 1).ShouldBeGreaterThan(0.25);
        RevenueSimulation.LandingPercentile(0.25, 0.5, -1).ShouldBeLessThan(0.25);
    }

    [Fact]
    public void TheLogitSpreadMatchesTheGivenPercentilePointsNearTheCenter()
    {
        var sd = RevenueSimulation.LogitSd(0.25, 0.01);
        (RevenueSimulation.LandingPercentile(0.25, sd, 1) - 0.25).ShouldBe(0.01, 0.0005);
    }
}
