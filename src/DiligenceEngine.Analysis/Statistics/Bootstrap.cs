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
    /// <summary>Above this many observations quantile intervals are computed exactly instead of by resampling.</summary>
    public const int ExactAbove = 200;

    /// <summary>
    /// Intervals for the R7 quantiles at <paramref name="probabilities"/>: by resampling, or for samples of more than
    /// <see cref="ExactAbove"/> observations by the exact bootstrap distribution (<see cref="ExactQuantileIntervals"/>).
    /// </summary>
    public static Interval[] QuantileIntervals(ReadOnlySpan<double> sorted, ReadOnlySpan<double> probabilities, int resamples, int seed, double confidence)
    {
        var n = Check(sorted, resamples, confidence);
        if (n > ExactAbove)
        {
            return ExactQuantileIntervals(sorted, probabilities, confidence);
        }
        var replicates = new double[probabilities.Length][];
        for (var q = 0; q < probabilities.Length; q++)
        {
            replicates[q] = new double[resamples];
        }

        // The order statistics each quantile needs, ascending, read in one pass over each resample's counts.
        var ranks = new int[probabilities.Length * 2];
        for (var q = 0; q < probabilities.Length; q++)
        {
            var lo = (int)Math.Floor((n - 1) * probabilities[q]);
            ranks[2 * q] = lo;
            ranks[(2 * q) + 1] = Math.Min(lo + 1, n - 1);
        }

        var order = Enumerable.Range(0, ranks.Length).OrderBy(i => ranks[i]).ToArray();
        var values = new double[ranks.Length];
        var counts = new int[n];
        var rng = new IndexGenerator(seed);
        for (var b = 0; b < resamples; b++)
        {
            Draw(counts, ref rng);
            var seen = 0;
            var next = 0;
            for (var i = 0; i < n && next < order.Length; i++)
            {
                seen += counts[i];
                while (next < order.Length && seen > ranks[order[next]])
                {
                    values[order[next++]] = sorted[i];
                }
            }

            for (var q = 0; q < probabilities.Length; q++)
            {
                var h = (n - 1) * probabilities[q];
                var low = values[2 * q];
                replicates[q][b] = low + ((h - Math.Floor(h)) * (values[(2 * q) + 1] - low));
            }
        }

        return replicates.Select(r => Percentiles(r, confidence)).ToArray();
    }

    /// <summary>
    /// The limit of infinitely many resamples, computed without resampling. A resample's k-th order statistic is at most
    /// x₍ⱼ₎ exactly when at least k of its n draws fall at or below x₍ⱼ₎, a Binomial(n, j/n) event, so
    /// P(X*₍ₖ₎ ≤ x₍ⱼ₎) = I_{j/n}(k, n − k + 1) (the regularized incomplete beta). The interval bounds are the smallest
    /// x₍ⱼ₎ where that probability reaches (1 − c)/2 and (1 + c)/2, found by search on j. R7 interpolates between the
    /// order statistics ⌊h⌋ + 1 and ⌊h⌋ + 2 (h = (n − 1)p); the nearer one is used, a difference below one spacing
    /// between neighbouring observations. Cost O(log n) per quantile instead of O(n) per resample.
    /// </summary>
    public static Interval[] ExactQuantileIntervals(ReadOnlySpan<double> sorted, ReadOnlySpan<double> probabilities, double confidence)
    {
        var n = Check(sorted, 10, confidence);
        var tail = (1 - confidence) / 2;
        var intervals = new Interval[probabilities.Length];
        for (var q = 0; q < probabilities.Length; q++)
        {
            var h = (n - 1) * probabilities[q];
            var k = Math.Min(n, (int)Math.Floor(h) + 1 + (h - Math.Floor(h) >= 0.5 ? 1 : 0));
            intervals[q] = new Interval(sorted[FirstReaching(n, k, tail) - 1], sorted[FirstReaching(n, k, 1 - tail) - 1]);
        }

        return intervals;
    }

    /// <summary>
    /// The smallest 1-based j with P(Binomial(n, j/n) ≥ k) ≥ target (j = n reaches 1). The probability rises with j, so
    /// the search gallops out from the normal approximation's j (within a few steps of the answer at any n) to a
    /// bracket, then halves it: a dozen beta evaluations where halving 1..n would take log₂ n.
    /// </summary>
    private static int FirstReaching(int n, int k, double target)
    {
        bool Reaches(int j) => MathNet.Numerics.SpecialFunctions.BetaRegularized(k, n - k + 1, (double)j / n) >= target;
        var guess = (int)Math.Clamp(Math.Round(k + (MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, target) * Math.Sqrt(k * (1 - ((double)k / n))))), 1, n);
        int low, high;
        if (Reaches(guess))
        {
            // The answer is at or below the guess: step down until a j does not reach.
            high = guess;
            var step = 1;
            while (high - step >= 1 && Reaches(high - step))
            {
                high -= step;
                step *= 2;
            }

            low = Math.Max(1, high - step + 1);
        }
        else
        {
            // The answer is above the guess: step up until a j reaches (n always does).
            low = guess + 1;
            var step = 1;
            while (low + step - 1 < n && !Reaches(low + step - 1))
            {
                low += step;
                step *= 2;
            }

            high = Math.Min(n, low + step - 1);
        }

        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (Reaches(mid))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// Interval for the mid-rank percentile of <paramref name="value"/> (see <see cref="Quantiles.PercentileRank"/>): by
    /// resampling, or for samples of more than <see cref="ExactAbove"/> observations from the exact bootstrap
    /// distribution (<see cref="ExactPercentileRankInterval"/>).
    /// </summary>
    public static Interval PercentileRankInterval(ReadOnlySpan<double> sorted, double value, int resamples, int seed, double confidence)
    {
        var n = Check(sorted, resamples, confidence);
        var below = 0;
        while (below < n && sorted[below] < value) below++;
        var notAbove = below;
        while (notAbove < n && sorted[notAbove] <= value) notAbove++;
        if (n > ExactAbove)
        {
            return ExactPercentileRankInterval(n, below, notAbove - below, confidence);
        }

        var counts = new int[n];
        var rng = new IndexGenerator(seed);
        var replicates = new double[resamples];
        for (var b = 0; b < resamples; b++)
        {
            Draw(counts, ref rng);
            int countBelow = 0, countEqual = 0;
            for (var i = 0; i < notAbove; i++)
            {
                if (i < below) countBelow += counts[i]; else countEqual += counts[i];
            }

            replicates[b] = (countBelow + (0.5 * countEqual)) / n;
        }

        return Percentiles(replicates, confidence);
    }

    /// <summary>
    /// The limit of infinitely many resamples for the percentile rank. A resample's counts below, equal to and above the
    /// value are Multinomial(n; b/n, e/n, a/n), and its rank is (B + E/2)/n, so the distribution of 2B + E is summed
    /// exactly from the multinomial probabilities (computed in logs), over the counts within twelve standard
    /// deviations of their means (the mass left out is below 10⁻³⁰). The interval bounds are the smallest ranks whose
    /// cumulative probability reaches (1 − c)/2 and (1 + c)/2. Cost O(n + σ_B·σ_E) instead of O(n) per resample.
    /// </summary>
    public static Interval ExactPercentileRankInterval(int n, int below, int equal, double confidence)
    {
        var (pb, pe) = ((double)below / n, (double)equal / n);
        var pa = 1 - pb - pe;
        var logFactorial = new double[n + 1];
        for (var k = 2; k <= n; k++)
        {
            logFactorial[k] = logFactorial[k - 1] + Math.Log(k);
        }

        static double Term(int count, double p) => count == 0 ? 0 : count * Math.Log(p);
        static (int Low, int High) Window(int n, double p)
        {
            var spread = 12 * Math.Sqrt(n * p * (1 - p));
            return ((int)Math.Max(0, Math.Floor((n * p) - spread - 1)), (int)Math.Min(n, Math.Ceiling((n * p) + spread + 1)));
        }

        var mass = new double[(2 * n) + 1];
        var (bLow, bHigh) = pb == 0 ? (0, 0) : Window(n, pb);
        var (eLow, eHigh) = pe == 0 ? (0, 0) : Window(n, pe);
        for (var b = bLow; b <= bHigh; b++)
        {
            for (var e = eLow; e <= Math.Min(eHigh, n - b); e++)
            {
                var a = n - b - e;
                if (a > 0 && pa == 0)
                {
                    continue;
                }

                mass[(2 * b) + e] += Math.Exp(logFactorial[n] - logFactorial[b] - logFactorial[e] - logFactorial[a] + Term(b, pb) + Term(e, pe) + Term(a, pa));
            }
        }

        var tail = (1 - confidence) / 2;
        double? low = null;
        var cumulative = 0.0;
        for (var r = 0; r < mass.Length; r++)
        {
            cumulative += mass[r];
            if (low is null && cumulative >= tail)
            {
                low = r / (2.0 * n);
            }

            if (cumulative >= 1 - tail)
            {
                return new Interval(low!.Value, r / (2.0 * n));
            }
        }

        // Rounding can leave the total a hair below 1 - tail: the top of the support is then the bound.
        var top = Array.FindLastIndex(mass, m => m > 0);
        return new Interval(low ?? top / (2.0 * n), top / (2.0 * n));
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

    private static void Draw(int[] counts, ref IndexGenerator rng)
    {
        Array.Clear(counts);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[rng.Next(counts.Length)]++;
        }
    }

    /// <summary>
    /// SplitMix64 with Lemire's multiply-shift to an index. A bootstrap draws n indices per resample, hundreds of
    /// millions per model; a virtual Random.Next(int) call costs several times this inlined step.
    /// </summary>
    private struct IndexGenerator(int seed)
    {
        private ulong state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL);

        public int Next(int exclusiveMax)
        {
            unchecked
            {
                state += 0x9E3779B97F4A7C15UL;
                var z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return (int)(((z >> 32) * (ulong)exclusiveMax) >> 32);
            }
        }
    }

    private static Interval Percentiles(double[] replicates, double confidence)
    {
        Array.Sort(replicates);
        var tail = (1 - confidence) / 2;
        return new Interval(Quantiles.R7(replicates, tail), Quantiles.R7(replicates, 1 - tail));
    }
}
