using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Analysis.Expansion;

/// <summary>
/// What an expansion planner asks about: candidate markets and a planned clinic (mature volume, ramp-up, payor mix,
/// visit basket), where a new entrant's contracts start and where they can get to, and the Monte Carlo settings.
/// Percentiles and shares are fractions (0.25 = P25, 0.30 = 30% of visits).
/// </summary>
public sealed record ExpansionPlan
{
    public required IReadOnlyList<MarketId> Markets { get; init; }

    public required VisitBasket Basket { get; init; }

    /// <summary>Where the basket came from (the market dataset's visit mix, or the group's own claims).</summary>
    public required string BasketSource { get; init; }

    public required double VisitsPerYearAtMaturity { get; init; }

    public required RampUp RampUp { get; init; }

    /// <summary>Share of visits per payor (canonical names), used in every market without a state mix.</summary>
    public required IReadOnlyDictionary<string, double> PayorMix { get; init; }

    /// <summary>A payor mix for the markets of one state (e.g. the state's own Blue plan), replacing <see cref="PayorMix"/> there.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PayorMixByState { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>Where a new entrant's contracts start in the market's distribution of adjusted visit rates.</summary>
    public double EntryPercentile { get; init; } = 0.25;

    /// <summary>Entry percentiles that differ by payor (canonical names).</summary>
    public IReadOnlyDictionary<string, double> EntryPercentileByPayor { get; init; } = new Dictionary<string, double>();

    /// <summary>Where a successful first renegotiation takes a contract.</summary>
    public double TargetPercentile { get; init; } = 0.50;

    /// <summary>The last month at entry rates; renegotiated rates apply from the month after (an initial term of two years by default).</summary>
    public int RenegotiationMonth { get; init; } = 24;

    /// <summary>Standard deviation, in percentile points as a fraction, of where a contract lands around its percentile.</summary>
    public double PercentileSpread { get; init; } = 0.10;

    /// <summary>Coefficient of variation of mature annual visits (a lognormal multiplier per path).</summary>
    public double VisitVolumeCv { get; init; } = 0.15;

    /// <summary>
    /// Probability the first renegotiation reaches the target percentile; null takes each payor's posterior success
    /// probability for moving to a market percentile from the negotiation history.
    /// </summary>
    public double? RenegotiationSuccessProbability { get; init; }

    public int HorizonMonths { get; init; } = 36;

    public int Paths { get; init; } = 10_000;

    public int Seed { get; init; } = 2025;

    /// <summary>The payor mix of a market: its state's mix when one is given, else the default mix.</summary>
    public IReadOnlyDictionary<string, double> MixFor(Domain.Markets.Market market) =>
        PayorMixByState.TryGetValue(market.State.Code, out var mix) ? mix : PayorMix;

    public double EntryPercentileFor(string payor) => EntryPercentileByPayor.TryGetValue(payor, out var p) ? p : EntryPercentile;

    public void Validate()
    {
        static void Fraction(string name, double value, bool open = true)
        {
            if (double.IsNaN(value) || (open ? value is <= 0 or >= 1 : value is < 0 or > 1))
            {
                throw new ArgumentOutOfRangeException(name, value, open ? "must be a fraction strictly between 0 and 1" : "must be a fraction in [0, 1]");
            }
        }

        if (Markets.Count == 0) throw new ArgumentException("At least one candidate market is needed.", nameof(Markets));
        if (VisitsPerYearAtMaturity is <= 0 or > 10_000_000) throw new ArgumentOutOfRangeException(nameof(VisitsPerYearAtMaturity), VisitsPerYearAtMaturity, "must be in (0, 10,000,000] visits a year");
        Fraction(nameof(EntryPercentile), EntryPercentile);
        Fraction(nameof(TargetPercentile), TargetPercentile);
        foreach (var (payor, p) in EntryPercentileByPayor)
        {
            Fraction($"{nameof(EntryPercentileByPayor)}[{payor}]", p);
        }

        Fraction(nameof(PercentileSpread), PercentileSpread, open: false);
        if (RenegotiationSuccessProbability is { } s) Fraction(nameof(RenegotiationSuccessProbability), s, open: false);
        if (VisitVolumeCv is < 0 or > 2 || double.IsNaN(VisitVolumeCv)) throw new ArgumentOutOfRangeException(nameof(VisitVolumeCv), VisitVolumeCv, "must be in [0, 2]");
        if (HorizonMonths is < 1 or > 120) throw new ArgumentOutOfRangeException(nameof(HorizonMonths), HorizonMonths, "must be 1-120 months");
        if (RenegotiationMonth < 1) throw new ArgumentOutOfRangeException(nameof(RenegotiationMonth), RenegotiationMonth, "must be at least month 1");
        if (Paths is < 100 or > 1_000_000) throw new ArgumentOutOfRangeException(nameof(Paths), Paths, "must be 100-1,000,000 paths");
        foreach (var mix in PayorMixByState.Values.Prepend(PayorMix))
        {
            var total = mix.Values.Sum();
            if (mix.Count == 0 || mix.Values.Any(v => v is <= 0 or > 1) || Math.Abs(total - 1) > 0.001)
            {
                throw new ArgumentException($"A payor mix needs positive shares that add up to 1 (100% of visits); these add up to {total:0.###}.", nameof(PayorMix));
            }
        }
    }
}
