using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Market;

/// <summary>
/// One observation in comparable terms: dollars and a share of its locality's Medicare rate for its year. It refers to
/// its observation by position in the dataset's list rather than holding a copy: 32 bytes instead of 80, for millions.
/// </summary>
public readonly struct NormalizedRate(IReadOnlyList<RateObservation> observations, int position, double dollars, double medicareDollars)
{
    public RateObservation Source => observations[position];

    public double Dollars => dollars;

    public double MedicareDollars => medicareDollars;

    public double ShareOfMedicare => dollars / medicareDollars;
}

/// <summary>Why an observation was left out of the distributions; each is counted per cell and reported.</summary>
public enum ExclusionReason
{
    /// <summary>Below or above the configured band of the locality Medicare rate.</summary>
    Outlier,

    /// <summary>No Medicare fee schedule is loaded for the observation's year, or it lacks the code.</summary>
    NoMedicareBaseline,
}

public readonly record struct ExcludedRate(RateObservation Source, ExclusionReason Reason, double? ShareOfMedicare);

/// <summary>
/// The normalisation stage: converts percent-of-Medicare observations to dollars for their named Medicare year and
/// the market's locality, expresses every rate as a share of that locality's Medicare rate, and excludes (and keeps
/// for counting) observations outside the outlier band.
/// </summary>
public static class RateNormalizer
{
    public static (List<NormalizedRate> Kept, List<ExcludedRate> Excluded) Normalize(
        IReadOnlyList<RateObservation> rates, IReadOnlyDictionary<MarketId, Domain.Markets.Market> markets, MedicareBaseline medicare, MarketModelOptions options)
    {
        var kept = new List<NormalizedRate>(rates.Count);
        var excluded = new List<ExcludedRate>();
        var medicareRates = new Dictionary<(int, LocalityId, CptCode), double?>();
        for (var position = 0; position < rates.Count; position++)
        {
            var rate = rates[position];
            var locality = markets[rate.Market].MedicareLocality;
            if (!medicareRates.TryGetValue((rate.Year, locality, rate.Code), out var medicareDollars))
            {
                medicareDollars = medicare.HasYear(rate.Year) && medicare.ForYear(rate.Year).HasCode(rate.Code)
                    ? (double)medicare.ForYear(rate.Year).Rate(rate.Code, locality).Amount
                    : null;
                medicareRates[(rate.Year, locality, rate.Code)] = medicareDollars;
            }

            if (medicareDollars is not { } m || m <= 0)
            {
                excluded.Add(new ExcludedRate(rate, ExclusionReason.NoMedicareBaseline, null));
                continue;
            }

            var dollars = rate.Type == RateType.PercentOfMedicare
                ? (double)rate.PercentOfMedicare!.Value.Fraction * m
                : (double)rate.Dollars!.Value.Amount;
            var share = dollars / m;
            if (share < options.OutlierBelowMedicareFraction || share > options.OutlierAboveMedicareFraction)
            {
                excluded.Add(new ExcludedRate(rate, ExclusionReason.Outlier, share));
                continue;
            }

            kept.Add(new NormalizedRate(rates, position, dollars, m));
        }

        return (kept, excluded);
    }
}
