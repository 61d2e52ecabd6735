using MathNet.Numerics.Distributions;

namespace DiligenceEngine.Analysis.Statistics;

/// <summary>
/// A lognormal fitted as MathNet's LogNormal.Estimate fits it (μ and σ are the mean and sample standard deviation of
/// the log rates; the same up to rounding), with the Kolmogorov-Smirnov distance D between the fitted and the empirical CDF as the
/// goodness-of-fit measure. The p-value uses the asymptotic Kolmogorov distribution; because μ and σ are estimated
/// from the same data it overstates the fit (Lilliefors), so it is indicative, not a formal test.
/// </summary>
public sealed record LognormalFit(double Mu, double Sigma, double KsDistance, double KsPValue)
{
    /// <summary>Fits an ascending sample of positive values; null below 3 observations or when all are equal.</summary>
    public static LognormalFit? Fit(ReadOnlySpan<double> sorted)
    {
        if (sorted.Length < 3 || sorted[0] == sorted[^1])
        {
            return null;
        }

        // Rates repeat (a cell of millions of rows holds a few thousand distinct cent amounts), and the sample is sorted,
        // so it is read as runs of equal values: one logarithm and one CDF value per run, each run weighted by its length.
        var n = sorted.Length;
        var runs = Runs(sorted);
        var sum = 0.0;
        foreach (var (log, start, length) in runs)
        {
            sum += log * length;
        }

        var mu = sum / n;
        var squares = 0.0;
        foreach (var (log, start, length) in runs)
        {
            squares += (log - mu) * (log - mu) * length;
        }

        var distribution = new LogNormal(mu, Math.Sqrt(squares / (n - 1)));

        // Within a run the empirical CDF steps from start/n to (start + length)/n while the fitted CDF stays put, so the
        // largest gaps of the run are at its two ends.
        var d = 0.0;
        foreach (var (log, start, length) in runs)
        {
            var f = Normal.CDF(distribution.Mu, distribution.Sigma, log);
            d = Math.Max(d, Math.Max(((start + length) / (double)n) - f, f - ((double)start / n)));
        }

        return new LognormalFit(distribution.Mu, distribution.Sigma, d, KolmogorovPValue(d, n));
    }

    /// <summary>The sample's runs of equal values: each one's logarithm, first position and length.</summary>
    private static List<(double Log, int Start, int Length)> Runs(ReadOnlySpan<double> sorted)
    {
        var runs = new List<(double, int, int)>();
        for (var start = 0; start < sorted.Length;)
        {
            var end = start + 1;
            while (end < sorted.Length && sorted[end] == sorted[start])
            {
                end++;
            }

            runs.Add((Math.Log(sorted[start]), start, end - start));
            start = end;
        }

        return runs;
    }

    /// <summary>
    /// The fit of the same sample multiplied by <paramref name="factor"/> (dollars to shares of one Medicare rate): the
    /// logs shift by ln(factor), σ and the KS distance do not change.
    /// </summary>
    public LognormalFit Scaled(double factor) => this with { Mu = Mu + Math.Log(factor) };

    public double Cdf(double x) => x <= 0 ? 0 : Normal.CDF(Mu, Sigma, Math.Log(x));

    public double Quantile(double p) => Math.Exp(Normal.InvCDF(Mu, Sigma, p));

    /// <summary>Q_KS(λ) with Stephens' small-sample correction λ = (√n + 0.12 + 0.11/√n)·D.</summary>
    private static double KolmogorovPValue(double d, int n)
    {
        var sqrtN = Math.Sqrt(n);
        var lambda = (sqrtN + 0.12 + (0.11 / sqrtN)) * d;
        if (lambda < 0.2)
        {
            return 1.0;
        }

        var sum = 0.0;
        for (var j = 1; j <= 100; j++)
        {
            var term = 2 * Math.Pow(-1, j - 1) * Math.Exp(-2 * j * j * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < 1e-12)
            {
                break;
            }
        }

        return Math.Clamp(sum, 0, 1);
    }
}
