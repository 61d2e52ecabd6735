using DiligenceEngine.Analysis.Statistics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace DiligenceEngine.Analysis.Expansion;

/// <summary>
/// One payor of a planned clinic: its share of visits, the market's adjusted visit rate at any percentile, where the
/// clinic's contract starts and where a successful renegotiation takes it, how widely it lands around each (standard
/// deviation on the logit scale) and the probability the renegotiation succeeds.
/// </summary>
public sealed record PayorLanding(
    string Payor,
    double MixShare,
    Func<double, double> RateAtPercentile,
    double EntryPercentile,
    double TargetPercentile,
    double EntryLogitSd,
    double TargetLogitSd,
    double SuccessProbability);

/// <summary>The inputs of a new clinic's revenue simulation in one market.</summary>
public sealed record RevenueSimulationInput(
    IReadOnlyList<PayorLanding> Payors,
    double VisitsPerYearAtMaturity,
    RampUp RampUp,
    int RenegotiationMonth,
    double VisitVolumeCv,
    int HorizonMonths,
    int Paths,
    int Seed);

/// <summary>Revenue of one month after opening across paths: mean and P10/P50/P90, with the mean visits.</summary>
public sealed record MonthRevenue(int Month, double MeanVisits, double Mean, double P10, double P50, double P90);

/// <summary>Revenue of one period (a year after opening, or the whole horizon) across paths.</summary>
public sealed record PeriodRevenue(string Period, int FirstMonth, int LastMonth, double Mean, double MeanStandardError, double P10, double P50, double P90);

/// <summary>What the simulation of one market gives.</summary>
public sealed record RevenueBands(
    IReadOnlyList<MonthRevenue> Months,
    IReadOnlyList<PeriodRevenue> Years,
    PeriodRevenue Horizon,
    double MeanEntryRatePerVisit,
    double MeanRateAfterRenegotiationPerVisit,
    double ExpectedRevenuePerVisit);

/// <summary>
/// Monte Carlo of a new clinic's monthly revenue. Each path draws, per payor, one standard normal Z that places the
/// contract in the market distribution — at entry at percentile logistic(logit(entry) + s_e·Z), after a successful
/// renegotiation at logistic(logit(target) + s_t·Z), so a clinic that lands high stays high — a success draw for the
/// renegotiation, and one lognormal volume multiplier (mean 1). Month m earns
/// mature visits / 12 × ramp-up share(m) × volume multiplier × Σ payor share × rate(m), with entry rates through the
/// renegotiation month and, where the renegotiation succeeded, the higher of the entry and target rates after it.
/// Statistics in double; callers round to money for reporting. Seeded (xoshiro256**): same input, same bands.
/// </summary>
public static class RevenueSimulation
{
    /// <summary>Revenue of one month: visits a year at maturity / 12 × ramp-up share × volume multiplier × revenue per visit.</summary>
    public static double MonthlyRevenue(double visitsPerYearAtMaturity, double rampShare, double volumeMultiplier, double revenuePerVisit) =>
        visitsPerYearAtMaturity / 12.0 * rampShare * volumeMultiplier * revenuePerVisit;

    /// <summary>The percentile a contract lands at: logistic(logit(center) + sd·z); exactly the center when sd is 0.</summary>
    public static double LandingPercentile(double center, double logitSd, double z) =>
        logitSd == 0 ? center : 1.0 / (1.0 + Math.Exp(-(Math.Log(center / (1 - center)) + (logitSd * z))));

    /// <summary>
    /// The logit-scale spread whose effect near <paramref name="center"/> is <paramref name="percentilePointsSd"/>
    /// (delta method: d percentile = p(1 − p) d logit).
    /// </summary>
    public static double LogitSd(double center, double percentilePointsSd) => percentilePointsSd / (center * (1 - center));

    public static RevenueBands Run(RevenueSimulationInput input)
    {
        var payors = input.Payors;
        var paths = input.Paths;
        var horizon = input.HorizonMonths;
        var rng = new Xoshiro256StarStar(input.Seed, threadSafe: false);
        var z = new double[paths * (payors.Count + 1)];
        Normal.Samples(rng, z, 0, 1);
        var u = new double[paths * payors.Count];
        rng.NextDoubles(u);

        var volumeSigma = Math.Sqrt(Math.Log(1 + (input.VisitVolumeCv * input.VisitVolumeCv)));
        var ramp = Enumerable.Range(1, horizon).Select(input.RampUp.ShareInMonth).ToArray();
        var revenue = new double[horizon][];
        for (var m = 0; m < horizon; m++)
        {
            revenue[m] = new double[paths];
        }

        double entrySum = 0, afterSum = 0, volumeSum = 0;
        for (var path = 0; path < paths; path++)
        {
            double before = 0, after = 0;
            for (var j = 0; j < payors.Count; j++)
            {
                var p = payors[j];
                var zj = z[(path * (payors.Count + 1)) + j];
                var entry = p.RateAtPercentile(LandingPercentile(p.EntryPercentile, p.EntryLogitSd, zj));
                var succeeded = u[(path * payors.Count) + j] < p.SuccessProbability;
                var renegotiated = succeeded ? Math.Max(entry, p.RateAtPercentile(LandingPercentile(p.TargetPercentile, p.TargetLogitSd, zj))) : entry;
                before += p.MixShare * entry;
                after += p.MixShare * renegotiated;
            }

            var volume = volumeSigma == 0 ? 1.0 : Math.Exp((volumeSigma * z[(path * (payors.Count + 1)) + payors.Count]) - (volumeSigma * volumeSigma / 2));
            entrySum += before;
            afterSum += after;
            volumeSum += volume;
            for (var m = 0; m < horizon; m++)
            {
                revenue[m][path] = MonthlyRevenue(input.VisitsPerYearAtMaturity, ramp[m], volume, m + 1 <= input.RenegotiationMonth ? before : after);
            }
        }

        var meanVolume = volumeSum / paths;
        var months = new List<MonthRevenue>(horizon);
        for (var m = 0; m < horizon; m++)
        {
            var sorted = RadixSort.Sorted(revenue[m]);
            months.Add(new MonthRevenue(m + 1, input.VisitsPerYearAtMaturity / 12.0 * ramp[m] * meanVolume, revenue[m].Average(),
                Quantiles.R7(sorted, 0.10), Quantiles.R7(sorted, 0.50), Quantiles.R7(sorted, 0.90)));
        }

        var years = new List<PeriodRevenue>();
        for (var first = 1; first <= horizon; first += 12)
        {
            var last = Math.Min(first + 11, horizon);
            years.Add(Period(last - first == 11 ? $"Year {((first - 1) / 12) + 1}" : $"Months {first}-{last}", first, last, revenue, paths));
        }

        var total = Period($"Months 1-{horizon}", 1, horizon, revenue, paths);
        var meanVisits = months.Sum(m => m.MeanVisits);
        return new RevenueBands(months, years, total, entrySum / paths, afterSum / paths, meanVisits == 0 ? 0 : total.Mean / meanVisits);
    }

    private static PeriodRevenue Period(string name, int first, int last, double[][] revenue, int paths)
    {
        var sums = new double[paths];
        for (var m = first - 1; m < last; m++)
        {
            for (var path = 0; path < paths; path++)
            {
                sums[path] += revenue[m][path];
            }
        }

        var mean = sums.Average();
        var sd = paths > 1 ? Math.Sqrt(sums.Sum(s => (s - mean) * (s - mean)) / (paths - 1)) : 0;
        Array.Sort(sums);
        return new PeriodRevenue(name, first, last, mean, sd / Math.Sqrt(paths), Quantiles.R7(sums, 0.10), Quantiles.R7(sums, 0.50), Quantiles.R7(sums, 0.90));
    }
}
