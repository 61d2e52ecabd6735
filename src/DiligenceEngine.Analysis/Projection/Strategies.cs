using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>
/// Turns a contract's current fee schedule into the schedule a strategy asks for:
/// uniform — every code × (1 + ask); timed-code carve-out — timed 15-minute codes × (1 + ask), others unchanged;
/// evaluation focus — evaluation and re-evaluation codes × (1 + ask); move to market percentile — every code below the
/// market Pxx raised to it. What is achieved is current + share × (asked − current), with the share drawn from history.
/// </summary>
public static class Strategies
{
    public static IReadOnlyList<NegotiationStrategy> All { get; } = Enum.GetValues<NegotiationStrategy>();

    public static Dictionary<CptCode, Money> Proposed(
        NegotiationStrategy strategy, IReadOnlyDictionary<CptCode, Money> current, double ask, Func<CptCode, Money?> marketQuantile, CptCatalog catalog) =>
        current.ToDictionary(f => f.Key, f =>
        {
            var raise = (Money fee) => (fee * (1m + (decimal)ask)).RoundToCents();
            var info = catalog[f.Key];
            return strategy switch
            {
                NegotiationStrategy.UniformIncrease => raise(f.Value),
                NegotiationStrategy.TimedCodeCarveOut => info.IsTimed ? raise(f.Value) : f.Value,
                NegotiationStrategy.EvaluationFocus => info.IsEvaluation ? raise(f.Value) : f.Value,
                _ => marketQuantile(f.Key) is { } q && q > f.Value ? q : f.Value,
            };
        });

    public static string Describe(NegotiationStrategy strategy, double ask, double targetPercentile) => strategy switch
    {
        NegotiationStrategy.UniformIncrease => $"uniform +{Points(ask)} on every code",
        NegotiationStrategy.TimedCodeCarveOut => $"+{Points(ask)} on the timed 15-minute codes",
        NegotiationStrategy.EvaluationFocus => $"+{Points(ask)} on evaluation and re-evaluation codes",
        _ => $"every code below market P{Points(targetPercentile).TrimEnd('%')} raised to it",
    };

    private static string Points(double fraction) => (fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
