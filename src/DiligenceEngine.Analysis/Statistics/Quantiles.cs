namespace DiligenceEngine.Analysis.Statistics;

/// <summary>
/// Quantiles and percentile ranks on sorted samples, in <see cref="double"/> (statistics, not money).
/// Quantiles use definition R7 (Hyndman-Fan type 7), as Excel's PERCENTILE.INC, NumPy and DuckDB's quantile_cont do:
/// with h = (n − 1)·p, Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]) on 0-based sorted x.
/// MathNet's Statistics.Quantile is R8, which gives different numbers on small samples, so it is not used.
/// </summary>
public static class Quantiles
{
    /// <summary>The R7 quantile of an ascending sample.</summary>
    public static double R7(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A quantile of an empty sample is undefined; check for data before asking.", nameof(sorted));
        }

        if (p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A quantile's probability must be in [0, 1].");
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        return lo + 1 >= sorted.Length ? sorted[^1] : sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo]));
    }

    /// <summary>
    /// Where <paramref name="value"/> sits in an ascending sample, as a fraction in [0, 1]: the share of observations
    /// below it plus half the share equal to it (mid-rank), so a value equal to every observation sits at 0.5.
    /// </summary>
    public static double PercentileRank(ReadOnlySpan<double> sorted, double value)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A percentile rank within an empty sample is undefined.", nameof(sorted));
        }

        var below = LowerBound(sorted, value);
        var notAbove = UpperBound(sorted, value);
        return (below + (0.5 * (notAbove - below))) / sorted.Length;
    }

    private static int LowerBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }

        return lo;
    }

    private static int UpperBound(ReadOnlySpan<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }

        return lo;
    }
}
