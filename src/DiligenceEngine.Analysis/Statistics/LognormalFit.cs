using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace DiligenceEngine.Analysis.Statistics;

/// <summary>
/// A lognormal fitted as MathNet's LogNormal.Estimate fits it (μ and σ are the mean and sample standard deviation of
/// the log rates), with the Kolmogorov-Smirnov distance D between the fitted and the empirical CDF as the
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
        // so each logarithm and each CDF value is computed once per run of equal values.
        var n = sorted.Length;
        var logs = new double[n];
        for (var i = 0; i < n; i++)
        {
            logs[i] = i > 0 && sorted[i] == sorted[i - 1] ? logs[i - 1] : Math.Log(sorted[i]);
        }

        var (mu, sigma) = logs.MeanStandardDeviation();
        var distribution = new LogNormal(mu, sigma);
        var d = 0.0;
        var f = 0.0;
        for (var i = 0; i < n; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                f = distribution.CumulativeDistribution(sorted[i]);
            }

            d = Math.Max(d, Math.Max(((i + 1.0) / n) - f, f - ((double)i / n)));
        }

        return new LognormalFit(distribution.Mu, distribution.Sigma, d, KolmogorovPValue(d, n));
    }

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
