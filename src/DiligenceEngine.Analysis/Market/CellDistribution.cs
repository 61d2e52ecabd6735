using System.Text.Json.Serialization;
using DiligenceEngine.Analysis.Statistics;

namespace DiligenceEngine.Analysis.Market;

/// <summary>Descriptive statistics of one measure (dollars, or share of Medicare) of a cell.</summary>
public sealed record DistributionSummary(
    double Mean,
    double StandardDeviation,
    double Min,
    double P10,
    double P25,
    double P50,
    double P75,
    double P90,
    double Max,
    LognormalFit? Lognormal,
    Interval? P50Interval,
    Interval? P75Interval)
{
    internal static DistributionSummary Of(ReadOnlySpan<double> sorted, Interval[]? bootstrap)
    {
        var moments = CellMoments.Of(sorted);
        var sd = sorted.Length > 1 ? Math.Sqrt(moments.SumOfSquares / (sorted.Length - 1)) : 0;
        return new DistributionSummary(
            moments.Mean, sd, sorted[0],
            Quantiles.R7(sorted, 0.10), Quantiles.R7(sorted, 0.25), Quantiles.R7(sorted, 0.50), Quantiles.R7(sorted, 0.75), Quantiles.R7(sorted, 0.90),
            sorted[^1], LognormalFit.Fit(sorted), bootstrap?[0], bootstrap?[1]);
    }

    /// <summary>
    /// The statistics of the same sample multiplied by <paramref name="factor"/> (dollars and shares of one Medicare rate
    /// are such a pair), without intervals: the bootstrap belongs to the measure it was drawn on.
    /// </summary>
    internal DistributionSummary Scaled(double factor) => new(
        Mean * factor, StandardDeviation * factor, Min * factor, P10 * factor, P25 * factor, P50 * factor, P75 * factor, P90 * factor, Max * factor,
        Lognormal?.Scaled(factor), null, null);
}

/// <summary>
/// Empirical-Bayes shrinkage of a small cell's location toward its parent, on log share of Medicare.
/// Weight on the cell = n / (n + k) with k = within-cell variance / between-cell variance of the parent's cells.
/// <see cref="BetweenVariance"/> is null when the parent has one cell (no between-cell evidence: weight 1);
/// <see cref="K"/> is null when the between variance is zero (cells indistinguishable: weight 0).
/// </summary>
public sealed record ShrinkageEstimate(
    string Parent,
    int ParentCells,
    int ParentObservations,
    double WithinVariance,
    double? BetweenVariance,
    double? K,
    double Weight,
    double CellLogMean,
    double ParentLogMean,
    double ShrunkLogMean)
{
    /// <summary>
    /// Standard error of the shrunk log location: within sd / √(n + k), the normal-normal posterior; the parent's own
    /// standard error when the location is the parent's.
    /// </summary>
    public double StandardError(int n) =>
        K is { } k ? Math.Sqrt(WithinVariance / (n + k)) : Math.Sqrt(WithinVariance / ParentObservations);
}

/// <summary>
/// The distribution of one cell: counts, descriptive statistics in dollars and in share of the locality Medicare
/// rate, the bootstrap interval of its primary measure (dollars within one market, share of Medicare across
/// markets), what was converted or excluded, and for market × payor cells the shrinkage toward the national payor cell.
/// </summary>
public sealed record CellDistribution(
    CellKey Key,
    int Observations,
    int Practices,
    int ConvertedFromPercentOfMedicare,
    int ExcludedOutliers,
    int ExcludedNoMedicare,
    double? MedicareDollars,
    DistributionSummary Dollars,
    DistributionSummary ShareOfMedicare,
    bool SmallSample,
    ShrinkageEstimate? Shrinkage)
{
    /// <summary>
    /// The cell's dollar rates, ascending, for percentile queries (not written to results). Kept for market × payor
    /// cells, the ones a contract is compared with; null for roll-ups, whose dollars mix localities.
    /// </summary>
    [JsonIgnore]
    public double[]? SortedDollars { get; init; }

    /// <summary>
    /// The cell's shares of Medicare, ascending. Kept for market × payor cells and national payor cells (what a market
    /// without data falls back to); null for the other roll-ups, which are reported but never queried: at tens of
    /// millions of rates their copies would double the model's memory.
    /// </summary>
    [JsonIgnore]
    public double[]? SortedShares { get; init; }
}
