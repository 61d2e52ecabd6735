using DiligenceEngine.Domain.MarketData;
using MathNet.Numerics.Distributions;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>
/// What a payor's negotiation history says about one strategy. Success means the payor agreed to any increase
/// (outcome success or partial). Probability of success: Beta(α₀ + successes, β₀ + failures), whose prior mean is the
/// strategy's success rate pooled over all payors and whose prior strength κ = α₀ + β₀ is set by method of moments from
/// how much payors differ, so a payor with two negotiations is pulled toward the pool rather than taken as certain.
/// Achieved share of the ask and months to effective date are the payor's own records when it has at least
/// <see cref="EvidenceBuilder.MinimumOwnRecords"/> successes, else the strategy's records pooled over payors.
/// </summary>
public sealed record StrategyEvidence(
    string Payor,
    NegotiationStrategy Strategy,
    int Negotiations,
    int Successes,
    double PriorMean,
    double PriorStrength,
    double PosteriorAlpha,
    double PosteriorBeta,
    double PosteriorMean,
    double PosteriorLow,
    double PosteriorHigh,
    double AskFraction,
    string AskSource,
    IReadOnlyList<double> AchievedShareOfAsk,
    string AchievedSource,
    IReadOnlyList<int> MonthsToEffective,
    string MonthsSource)
{
    public double MeanAchievedShareOfAsk => AchievedShareOfAsk.Average();

    public int MedianMonths => MonthsToEffective.Order().ElementAt(MonthsToEffective.Count / 2);

    /// <summary>The posterior's quantile function, tabulated so Monte Carlo paths can draw from it cheaply.</summary>
    public double[] PosteriorQuantiles(int points)
    {
        var table = new double[points];
        for (var i = 0; i < points; i++)
        {
            table[i] = Beta.InvCDF(PosteriorAlpha, PosteriorBeta, Math.Clamp(i / (points - 1.0), 1e-9, 1 - 1e-9));
        }

        return table;
    }
}

/// <summary>Builds <see cref="StrategyEvidence"/> for every payor and strategy from the negotiation history.</summary>
public static class EvidenceBuilder
{
    public const int MinimumOwnRecords = 5;

    private const double MinimumStrength = 2;
    private const double MaximumStrength = 50;

    public static StrategyEvidence For(string payor, NegotiationStrategy strategy, IReadOnlyList<NegotiationRecord> history, double confidence)
    {
        var ofStrategy = history.Where(h => h.Strategy == strategy).ToList();
        var pool = ofStrategy.Count > 0 ? ofStrategy : history.ToList();
        var mine = ofStrategy.Where(h => h.Payor.Name == payor).ToList();

        var (priorMean, strength) = Prior(pool);
        var successes = mine.Count(Succeeded);
        var alpha = (priorMean * strength) + successes;
        var beta = ((1 - priorMean) * strength) + (mine.Count - successes);
        var tail = (1 - confidence) / 2;

        var ownSuccesses = mine.Where(Succeeded).ToList();
        var poolSuccesses = pool.Where(Succeeded).ToList();
        var achievedFrom = ownSuccesses.Count >= MinimumOwnRecords ? ownSuccesses : poolSuccesses;
        var asks = mine.Count >= 3 ? mine : pool;
        return new StrategyEvidence(
            payor, strategy, mine.Count, successes, priorMean, strength, alpha, beta, alpha / (alpha + beta),
            Beta.InvCDF(alpha, beta, tail), Beta.InvCDF(alpha, beta, 1 - tail),
            asks.Count == 0 ? 0 : (double)asks.Average(h => h.Requested.Fraction), asks == mine && mine.Count > 0 ? $"{payor}'s {mine.Count} asks" : $"{asks.Count} asks pooled over payors",
            achievedFrom.Count == 0 ? [1.0] : achievedFrom.Select(h => (double)(h.Achieved.Fraction / h.Requested.Fraction)).ToList(),
            achievedFrom.Count == 0 ? "no successful negotiations on record: the full ask is assumed when one succeeds" : achievedFrom == ownSuccesses ? $"{payor}'s {ownSuccesses.Count} successes" : $"{poolSuccesses.Count} successes pooled over payors",
            achievedFrom.Count == 0 ? [6] : achievedFrom.Select(h => h.MonthsToEffective).ToList(),
            achievedFrom.Count == 0 ? "no history: 6 months assumed" : achievedFrom == ownSuccesses ? $"{payor}'s {ownSuccesses.Count} successes" : $"{poolSuccesses.Count} successes pooled over payors");
    }

    private static bool Succeeded(NegotiationRecord r) => r.Outcome != NegotiationOutcome.Failed;

    /// <summary>
    /// Pooled success rate m and prior strength κ by method of moments: payor rates vary by m(1 − m)/(κ + 1) beyond
    /// binomial noise, so κ = m(1 − m)/V − 1 where V is their variance less the mean binomial variance m(1 − m)/n,
    /// clamped to [2, 50] (no evidence of payor differences gives the strongest prior).
    /// </summary>
    internal static (double Mean, double Strength) Prior(IReadOnlyList<NegotiationRecord> pool)
    {
        if (pool.Count == 0)
        {
            return (0.5, MinimumStrength);
        }

        var mean = (double)pool.Count(Succeeded) / pool.Count;
        if (mean is 0 or 1)
        {
            return (Math.Clamp(mean, 0.02, 0.98), MaximumStrength);
        }

        var byPayor = pool.GroupBy(r => r.Payor.Name).Select(g => (Rate: (double)g.Count(Succeeded) / g.Count(), N: g.Count())).ToList();
        if (byPayor.Count < 2)
        {
            return (mean, MinimumStrength);
        }

        var rateMean = byPayor.Average(p => p.Rate);
        var observed = byPayor.Sum(p => (p.Rate - rateMean) * (p.Rate - rateMean)) / (byPayor.Count - 1);
        var excess = observed - byPayor.Average(p => mean * (1 - mean) / p.N);
        var strength = excess <= 0 ? MaximumStrength : (mean * (1 - mean) / excess) - 1;
        return (mean, Math.Clamp(strength, MinimumStrength, MaximumStrength));
    }
}
