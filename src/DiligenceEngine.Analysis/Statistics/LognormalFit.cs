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
        // so it is read as runs of equal values: one logarithm per run, each run weighted by its length. The sums are of
        // deviations from the median's logarithm, near the mean, so one pass loses nothing to cancellation.
        var n = sorted.Length;
        var shift = Math.Log(sorted[n / 2]);
        double sum = 0, squares = 0;
        for (var start = 0; start < n;)
        {
            var end = RunEnd(sorted, start, n);
            var deviation = Math.Log(sorted[start]) - shift;
            sum += deviation * (end - start);
            squares += deviation * deviation * (end - start);
            start = end;
        }

        var mu = shift + (sum / n);
        var variance = Math.Max(0, (squares - (sum * sum / n)) / (n - 1));
        var distribution = new LogNormal(mu, Math.Sqrt(variance));
        var d = LargestGap(sorted, distribution.Mu, distribution.Sigma);
        return new LognormalFit(distribution.Mu, distribution.Sigma, d, KolmogorovPValue(d, n));
    }

    /// <summary>
    /// D = max over observations i (0-based) of max((i + 1)/n − F(xᵢ), F(xᵢ) − i/n). Within a run of equal values the
    /// largest gaps are at its two ends, so F is evaluated once per run. A block of observations from a to b − 1 can
    /// hold no gap above max(b/n − F(xₐ), F(x_b−1) − a/n), F being increasing; a block whose bound is below the largest
    /// gap already found is passed over. Blocks of √n/4 observations span a step of the empirical CDF well below the
    /// typical D (about 0.9/√n for a perfect fit), so nearly every block is passed over, and D is the same number a pass
    /// over every run gives: the blocks passed over hold nothing within 1e-12 of it.
    /// </summary>
    private static double LargestGap(ReadOnlySpan<double> sorted, double mu, double sigma)
    {
        const double Margin = 1e-12;
        var n = sorted.Length;
        var block = Math.Max(8, (int)Math.Sqrt(n) / 4);
        double Cdf(double x) => Normal.CDF(mu, sigma, Math.Log(x));
        double Gap(int first, int last, double f) => Math.Max(((last + 1) / (double)n) - f, f - ((double)first / n));

        // The blocks' end observations are observations too: their gaps are a first lower bound on D.
        var blocks = (n + block - 1) / block;
        var lowAt = new double[blocks];
        var highAt = new double[blocks];
        var d = 0.0;
        for (var k = 0; k < blocks; k++)
        {
            var (a, last) = (k * block, Math.Min(n, (k + 1) * block) - 1);
            (lowAt[k], highAt[k]) = (Cdf(sorted[a]), Cdf(sorted[last]));
            d = Math.Max(d, Math.Max(Gap(a, a, lowAt[k]), Gap(last, last, highAt[k])));
        }

        for (var k = 0; k < blocks; k++)
        {
            var (a, b) = (k * block, Math.Min(n, (k + 1) * block));
            if (Math.Max((b / (double)n) - lowAt[k], highAt[k] - ((double)a / n)) < d - Margin)
            {
                continue;
            }

            for (var start = a; start < b;)
            {
                var end = RunEnd(sorted, start, b);
                d = Math.Max(d, Gap(start, end - 1, Cdf(sorted[start])));
                start = end;
            }
        }

        return d;
    }

    /// <summary>The end (exclusive, at most <paramref name="limit"/>) of the run of values equal to sorted[start].</summary>
    private static int RunEnd(ReadOnlySpan<double> sorted, int start, int limit)
    {
        var end = start + 1;
        while (end < limit && sorted[end] == sorted[start])
        {
            end++;
        }

        return end;
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
