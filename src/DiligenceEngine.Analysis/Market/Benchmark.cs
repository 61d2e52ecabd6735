using DiligenceEngine.Analysis.Statistics;
using MathNet.Numerics.Distributions;

namespace DiligenceEngine.Analysis.Market;

/// <summary>How a benchmark distribution was obtained.</summary>
public enum BenchmarkBasis
{
    /// <summary>The cell's own observations (at least the small-sample threshold of practices).</summary>
    Empirical,

    /// <summary>A small cell: lognormal with the cell's shrunk location and the parent's within-cell spread.</summary>
    Shrunk,

    /// <summary>No observations in the cell: the parent distribution in % of Medicare, applied to the local Medicare rate.</summary>
    ParentFallback,
}

/// <summary>
/// The market distribution a target figure (a code rate or a visit rate) is compared with, in dollars, and how it was
/// obtained. Statistics are <see cref="double"/>; callers convert to money where a figure is paid or reported.
/// </summary>
public sealed class Benchmark
{
    private readonly double[]? sortedDollars;
    private readonly double logLocation;
    private readonly double logSpread;
    private readonly double locationStandardError;
    private readonly int seed;
    private readonly MarketModelOptions options;

    private Benchmark(string key, BenchmarkBasis basis, int practices, int observations, double medicareDollars, double? shrinkageWeight, string note,
        double[]? sortedDollars, double logLocation, double logSpread, double locationStandardError, MarketModelOptions options)
    {
        Key = key;
        Basis = basis;
        Practices = practices;
        Observations = observations;
        MedicareDollars = medicareDollars;
        ShrinkageWeight = shrinkageWeight;
        Note = note;
        this.sortedDollars = sortedDollars;
        this.logLocation = logLocation;
        this.logSpread = logSpread;
        this.locationStandardError = locationStandardError;
        this.options = options;
        seed = Bootstrap.SeedFor(options.Seed, key);
    }

    /// <summary>What the benchmark describes, e.g. a cell key; also seeds its bootstrap.</summary>
    public string Key { get; }

    public BenchmarkBasis Basis { get; }

    /// <summary>Distinct practices behind the figure (0 for a parent fallback).</summary>
    public int Practices { get; }

    public int Observations { get; }

    /// <summary>The local Medicare amount of the same thing, the denominator of every share of Medicare.</summary>
    public double MedicareDollars { get; }

    /// <summary>Weight on the cell's own location when shrunk; null otherwise.</summary>
    public double? ShrinkageWeight { get; }

    /// <summary>A sentence saying how the benchmark was obtained, for the report's footnotes.</summary>
    public string Note { get; }

    public bool SmallSample => Basis != BenchmarkBasis.Empirical;

    public double Quantile(double p) => sortedDollars is not null
        ? Quantiles.R7(sortedDollars, p)
        : MedicareDollars * Math.Exp(logLocation + (logSpread * Normal.InvCDF(0, 1, p)));

    /// <summary>Where a dollar figure sits in the distribution, as a fraction in [0, 1].</summary>
    public double PercentileOf(double dollars) => sortedDollars is not null
        ? Quantiles.PercentileRank(sortedDollars, dollars)
        : ModelCdf(logLocation, Math.Log(dollars / MedicareDollars));

    /// <summary>
    /// The interval of <see cref="PercentileOf"/>: bootstrap for an empirical distribution; for a model, the percentile
    /// at the location ∓ z·(standard error of the location).
    /// </summary>
    public Interval PercentileIntervalOf(double dollars)
    {
        if (sortedDollars is not null)
        {
            return Bootstrap.PercentileRankInterval(sortedDollars, dollars, options.BootstrapResamples, seed ^ dollars.GetHashCode(), options.Confidence);
        }

        var z = Normal.InvCDF(0, 1, 0.5 + (options.Confidence / 2));
        var x = Math.Log(dollars / MedicareDollars);
        return new Interval(ModelCdf(logLocation + (z * locationStandardError), x), ModelCdf(logLocation - (z * locationStandardError), x));
    }

    internal static Benchmark Empirical(string key, double[] sortedDollars, int practices, int observations, double medicareDollars, string note, MarketModelOptions options) =>
        new(key, BenchmarkBasis.Empirical, practices, observations, medicareDollars, null, note, sortedDollars, 0, 0, 0, options);

    /// <summary>A small sample modelled as lognormal with its shrunk location and the parent's within-cell spread.</summary>
    internal static Benchmark Shrunk(string key, int practices, int observations, double medicareDollars, ShrinkageEstimate s, string what, MarketModelOptions options) =>
        new(key, BenchmarkBasis.Shrunk, practices, observations, medicareDollars, s.Weight,
            $"small sample: {practices} practices (< {options.SmallCellPractices}); location shrunk toward the national {what} distribution with weight {s.Weight:0.00} on the cell",
            null, s.ShrunkLogMean, Math.Sqrt(s.WithinVariance), s.StandardError(observations), options);

    /// <summary>No local data: the parent's log shares of Medicare, applied to the local Medicare amount.</summary>
    internal static Benchmark Fallback(string key, string missing, string parent, IReadOnlyCollection<double> parentShares, int parentPractices, double medicareDollars, MarketModelOptions options)
    {
        var logs = parentShares.Select(share => Math.Log(share)).ToArray();
        var mean = logs.Average();
        var sd = logs.Length > 1 ? Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (logs.Length - 1)) : 0;
        return new(key, BenchmarkBasis.ParentFallback, 0, 0, medicareDollars, null,
            $"no {missing}; the {parent} distribution ({parentPractices} practices) in % of Medicare is applied to the local Medicare amount",
            null, mean, sd, sd / Math.Sqrt(logs.Length), options);
    }

    /// <summary>The lognormal model's CDF at log share <paramref name="x"/>; a step when every observation was equal.</summary>
    private double ModelCdf(double location, double x) =>
        logSpread > 1e-12 ? Normal.CDF(location, logSpread, x) : x < location ? 0 : x > location ? 1 : 0.5;
}
