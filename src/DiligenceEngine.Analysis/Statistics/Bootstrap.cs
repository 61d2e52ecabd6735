using MathNet.Numerics.Random;

namespace DiligenceEngine.Analysis.Statistics;

/// <summary>A two-sided interval.</summary>
public readonly record struct Interval(double Low, double High)
{
    public bool Contains(double x) => x >= Low && x <= High;
}

/// <summary>
/// Percentile bootstrap on an ascending sample. Each resample draws n positions with replacement; because the
/// sample is sorted, the resample's order statistics follow from how many times each position was drawn, so no
/// resample is ever sorted (O(n) per resample). The interval is the (1 − c)/2 and (1 + c)/2 R7 quantiles of the
/// replicates. Seeded: a cell's seed comes from the job seed and the cell's key (<see cref="SeedFor"/>), so results do
/// not depend on the order in which cells are computed.
/// </summary>
public static class Bootstrap
{
    /// <summary>Intervals for the R7 quantiles at <paramref name="probabilities"/>.</summary>
    public static Interval[] QuantileIntervals(ReadOnlySpan<double> sorted, ReadOnlySpan<double> probabilities, int resamples, int seed, double confidence)
    {
        var n = Check(sorted, resamples, confidence);
        var replicates = new double[probabilities.Length][];
        for (var q = 0; q < probabilities.Length; q++)
        {
            replicates[q] = new double[resamples];
        }

        var counts = new int[n];
        var rng = new Xoshiro256StarStar(seed, threadSafe: false);
        for (var b = 0; b < resamples; b++)
        {
            Draw(counts, rng);
            for (var q = 0; q < probabilities.Length; q++)
            {
                var h = (n - 1) * probabilities[q];
                var lo = (int)Math.Floor(h);
                var low = OrderStatistic(sorted, counts, lo);
                var high = lo + 1 < n ? OrderStatistic(sorted, counts, lo + 1) : low;
                replicates[q][b] = low + ((h - lo) * (high - low));
            }
        }

        return replicates.Select(r => Percentiles(r, confidence)).ToArray();
    }

    /// <summary>Interval for the mid-rank percentile of <paramref name="value"/> (see <see cref="Quantiles.PercentileRank"/>).</summary>
    public static Interval PercentileRankInterval(ReadOnlySpan<double> sorted, double value, int resamples, int seed, double confidence)
    {
        var n = Check(sorted, resamples, confidence);
        var below = 0;
        while (below < n && sorted[below] < value) below++;
        var notAbove = below;
        while (notAbove < n && sorted[notAbove] <= value) notAbove++;

        var counts = new int[n];
        var rng = new Xoshiro256StarStar(seed, threadSafe: false);
        var replicates = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            Draw(counts, rng);
            int countBelow = 0, countEqual = 0;
            for (var i = 0; i < notAbove; i++)
            {
                if (i < below) countBelow += counts[i]; else countEqual += counts[i];
            }

            replicates[b] = (countBelow + (0.5 * countEqual)) / n;
        }

        return Percentiles(replicates, confidence);
    }

    /// <summary>A stable 32-bit seed for a cell: FNV-1a of its key, mixed with the job seed.</summary>
    public static int SeedFor(int jobSeed, string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return unchecked((int)(hash ^ (uint)jobSeed));
    }

    private static int Check(ReadOnlySpan<double> sorted, int resamples, double confidence)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("Cannot bootstrap an empty sample.", nameof(sorted));
        }

        if (resamples < 10 || confidence is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(resamples), $"Need at least 10 resamples and a confidence in (0, 1); got {resamples} and {confidence}.");
        }

        return sorted.Length;
    }

    private static void Draw(int[] counts, Random rng)
    {
        Array.Clear(counts);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[rng.Next(counts.Length)]++;
        }
    }

    /// <summary>The value at 0-based rank <paramref name="rank"/> of the resample described by <paramref name="counts"/>.</summary>
    private static double OrderStatistic(ReadOnlySpan<double> sorted, int[] counts, int rank)
    {
        var seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen > rank)
            {
                return sorted[i];
            }
        }

        return sorted[^1];
    }

    private static Interval Percentiles(double[] replicates, double confidence)
    {
        Array.Sort(replicates);
        var tail = (1 - confidence) / 2;
        return new Interval(Quantiles.R7(replicates, tail), Quantiles.R7(replicates, 1 - tail));
    }
}
