using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Analysis.Tests.Projection;

public class MonteCarloEngineTests
{
    private static readonly double[] Flat = Enumerable.Repeat(1.0, 12).ToArray();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static Contract Contract(string id = "C", string termEnd = "2027-03-31", ChangeOfOwnership ownership = ChangeOfOwnership.Assignable, decimal escalatorPoints = 0m) =>
        new(id, new Payor("P", PayorType.Commercial, []), [MarketId.Of("M")], D("2021-07-01"), D(termEnd), true, 12, 90, Percent.FromPoints(escalatorPoints),
            new RateBasis.FixedFeeSchedule(new Dictionary<CptCode, Money>()), MpprPolicy.None(), ownership);

    private static ProjectionOptions Options(string close = "2026-12-31", int paths = 1000, int seed = 7) => new()
    {
        CloseDate = D(close),
        HorizonMonths = 36,
        Paths = paths,
        Seed = seed,
        DiscountRate = 0.10,
        VolumeGrowth = 0.03,
        CredentialingGapMinDays = 120,
        CredentialingGapMaxDays = 120,
    };

    private static double[] PathNpvs(RunOutput run)
    {
        var npv = new double[run.Paths];
        foreach (var uplift in run.UpliftByPayor.Values)
        {
            for (var p = 0; p < run.Paths; p++)
            {
                for (var m = 0; m < run.Months; m++)
                {
                    npv[p] += uplift[(p * run.Months) + m] * run.Discount[m];
                }
            }
        }

        return npv;
    }

    /// <summary>
    /// An independent, day-by-day calculation: each day earns the month's revenue ÷ its days, grown (1 + g)^(m/12) and
    /// escalated on anniversaries; from the effective date the day also earns share × uplift; each month is discounted
    /// at (1 + r)^(−(m+1)/12).
    /// </summary>
    private static decimal Deterministic(Contract contract, double annual, ProjectionOptions o, DateOnly effective, double share, double uplift)
    {
        var total = 0.0;
        for (var m = 0; m < o.HorizonMonths; m++)
        {
            var first = o.Start.AddMonths(m);
            var days = first.AddMonths(1).DayNumber - first.DayNumber;
            var month = 0.0;
            for (var d = first; d < first.AddMonths(1); d = d.AddDays(1))
            {
                var anniversaries = ContractCalendar.Anniversaries(contract.EffectiveDate, o.CloseDate, d).Count();
                var revenue = annual / 12 / days * Math.Pow(1 + o.VolumeGrowth, m / 12.0) * Math.Pow(1 + (double)contract.AnnualEscalator.Fraction, anniversaries);
                month += d >= effective ? revenue * share * uplift : 0;
            }

            total += month * Math.Pow(1 + o.DiscountRate, -(m + 1) / 12.0);
        }

        return Math.Round((decimal)total, 2);
    }

    [Fact]
    public void WithCertainSuccessAndFixedTermsEveryPathEqualsTheDeterministicCalculationToTheCent()
    {
        var contract = Contract(escalatorPoints: 2m);
        var c = new ContractCase(contract, 120_000, Flat, 0.10, 1, [1.0, 1.0], [0.5], [4]);
        var o = Options();
        var npvs = PathNpvs(new MonteCarloEngine([c], o).Run(new RunModifiers()));

        // Notice due 2026-12-31 = close, talks open at close, 4 months of negotiation: new rates from 2027-04-30.
        var expected = Deterministic(contract, 120_000, o, D("2027-04-30"), 0.5, 0.10);
        expected.ShouldBeGreaterThan(10_000m);
        npvs.ShouldAllBe(npv => Math.Round((decimal)npv, 2) == expected);
    }

    [Fact]
    public void TheMonteCarloMeanLiesWithinIts99PercentIntervalOfTheAnalyticExpectation()
    {
        var contract = Contract();
        var c = new ContractCase(contract, 120_000, Flat, 0.10, 1, [0.6, 0.6], [0.5], [4]);
        var o = Options(paths: 20_000);
        var npvs = PathNpvs(new MonteCarloEngine([c], o).Run(new RunModifiers()));
        var analytic = 0.6 * (double)Deterministic(contract, 120_000, o, D("2027-04-30"), 0.5, 0.10);
        var mean = npvs.Average();
        var standardError = Math.Sqrt(npvs.Sum(v => (v - mean) * (v - mean)) / (npvs.Length - 1) / npvs.Length);
        Math.Abs(mean - analytic).ShouldBeLessThan(2.576 * standardError);
    }

    [Fact]
    public void TheSameSeedGivesIdenticalPathsAndAnotherSeedDifferentButConsistentOnes()
    {
        var c = new ContractCase(Contract(), 120_000, Flat, 0.10, 1, [0.2, 0.9], [0.3, 0.6, 1.0], [2, 4, 9]);
        double[] Run(int seed) => PathNpvs(new MonteCarloEngine([c], Options(paths: 5000, seed: seed)).Run(new RunModifiers()));
        var a = Run(1);
        a.ShouldBe(Run(1));
        var b = Run(2);
        b.ShouldNotBe(a);
        var se = Math.Sqrt((Variance(a) / a.Length) + (Variance(b) / b.Length));
        Math.Abs(a.Average() - b.Average()).ShouldBeLessThan(4 * se);
    }

    [Fact]
    public void ClosingADayAfterTheNoticeDeadlineDelaysNewRatesByAYear()
    {
        var c = new ContractCase(Contract(), 120_000, Flat, 0.10, 1, [1.0, 1.0], [1.0], [4]);
        int Effective(string close) => new MonteCarloEngine([c], Options(close)).Run(new RunModifiers()).Contracts["C"].EffectiveDays[0];
        DateOnly.FromDayNumber(Effective("2026-12-31")).ShouldBe(D("2027-04-30"));
        DateOnly.FromDayNumber(Effective("2027-01-01")).ShouldBe(D("2028-04-01"));
    }

    /// <summary>A 120-day gap from close 2026-12-31: December's last day and January-April 29 earn nothing.</summary>
    [Fact]
    public void ATerminatedContractLosesItsRevenueForTheCredentialingGapThenEarnsEntryRates()
    {
        var c = new ContractCase(Contract(ownership: ChangeOfOwnership.Terminates), 120_000, Flat, 0, 0.9, [0, 0], [0], [0]);
        var o = Options() with { VolumeGrowth = 0 };
        var run = new MonteCarloEngine([c], o).Run(new RunModifiers());
        var tally = run.Contracts["C"];
        DateOnly.FromDayNumber(tally.EffectiveDays[0]).ShouldBe(D("2027-04-30"));
        tally.RevenueAtRisk[0].ShouldBe(10_000 * (3 + (29 / 30.0)), 1e-6);
        run.UpliftByPayor["P"][35].ShouldBe(-1_000, 1e-6);
    }

    [Fact]
    public void SensitivityRunsReuseTheSameDraws()
    {
        var c = new ContractCase(Contract(), 120_000, Flat, 0.10, 1, [0.5, 0.5], [0.5, 1.0], [4]);
        var engine = new MonteCarloEngine([c], Options(paths: 2000));
        var baseline = PathNpvs(engine.Run(new RunModifiers()));
        var more = PathNpvs(engine.Run(new RunModifiers { ShareScale = 1.25 }));
        for (var p = 0; p < baseline.Length; p++)
        {
            more[p].ShouldBe(baseline[p] * 1.25, 1e-6);
        }
    }

    private static double Variance(double[] x)
    {
        var mean = x.Average();
        return x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
    }
}
