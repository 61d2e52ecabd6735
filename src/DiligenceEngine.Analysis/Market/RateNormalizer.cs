using System.Runtime.CompilerServices;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Market;

/// <summary>
/// The observations kept for the distributions, by column: each one's row in the dataset's table, its dollars and its
/// locality's Medicare rate for its year (doubles: these are statistics inputs, not money). 20 bytes an observation.
/// </summary>
public sealed class NormalizedRates(RateTable table, int[] positions, double[] dollars, double[] medicareDollars, int count)
{
    public RateTable Table => table;

    public int Count => count;

    public ReadOnlySpan<int> Positions => positions.AsSpan(0, count);

    public ReadOnlySpan<double> Dollars => dollars.AsSpan(0, count);

    public ReadOnlySpan<double> MedicareDollars => medicareDollars.AsSpan(0, count);
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
    /// <remarks>
    /// The rows are cut into one range per core, normalised in parallel, and joined in range order: the kept and the
    /// excluded observations come out in file order, as one pass would give them.
    /// </remarks>
    public static (NormalizedRates Kept, List<ExcludedRate> Excluded) Normalize(
        RateTable rates, IReadOnlyDictionary<MarketId, Domain.Markets.Market> markets, MedicareBaseline medicare, MarketModelOptions options)
    {
        var medicareRates = MedicareRates(rates, markets, medicare);
        var positions = GC.AllocateUninitializedArray<int>(rates.Count);
        var dollars = GC.AllocateUninitializedArray<double>(rates.Count);
        var medicareDollars = GC.AllocateUninitializedArray<double>(rates.Count);
        var bounds = CoreRanges.Of(rates.Count);
        var ranges = bounds.Length - 1;
        var kept = new int[ranges];
        var excluded = new List<ExcludedRate>[ranges];
        Parallel.For(0, ranges, r =>
        {
            excluded[r] = [];
            kept[r] = NormalizeRange(rates, bounds[r], bounds[r + 1], medicareRates, options, positions, dollars, medicareDollars, excluded[r]);
        });

        // Each range kept its observations from its own first row on; moved down, they follow the ranges before.
        var count = kept[0];
        for (var r = 1; r < ranges; r++)
        {
            Array.Copy(positions, bounds[r], positions, count, kept[r]);
            Array.Copy(dollars, bounds[r], dollars, count, kept[r]);
            Array.Copy(medicareDollars, bounds[r], medicareDollars, count, kept[r]);
            count += kept[r];
        }

        return (new NormalizedRates(rates, positions, dollars, medicareDollars, count), [.. excluded.SelectMany(e => e)]);
    }

    /// <summary>Normalises rows <paramref name="from"/> to <paramref name="to"/> − 1, writing the kept ones from position <paramref name="from"/> on; returns how many were kept.</summary>
    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NormalizeRange(RateTable rates, int from, int to, (int FirstYear, double[][] ByYear) medicareRates, MarketModelOptions options,
        int[] positions, double[] dollars, double[] medicareDollars, List<ExcludedRate> excluded)
    {
        var kept = from;
        var marketOf = rates.MarketColumn;
        var codeOf = rates.CodeColumn;
        var yearOf = rates.YearColumn;
        var typeOf = rates.TypeColumn;
        var stated = rates.StatedColumn;
        for (var i = from; i < to; i++)
        {
            var m = medicareRates.ByYear[yearOf[i] - medicareRates.FirstYear][(marketOf[i] * rates.Codes.Count) + codeOf[i]];
            if (!(m > 0))
            {
                excluded.Add(new ExcludedRate(rates[i], ExclusionReason.NoMedicareBaseline, null));
                continue;
            }

            var rate = (double)stated[i];
            var dollarRate = typeOf[i] == RateType.PercentOfMedicare ? rate * m : rate;
            var share = dollarRate / m;
            if (share < options.OutlierBelowMedicareFraction || share > options.OutlierAboveMedicareFraction)
            {
                excluded.Add(new ExcludedRate(rates[i], ExclusionReason.Outlier, share));
                continue;
            }

            (positions[kept], dollars[kept], medicareDollars[kept]) = (i, dollarRate, m);
            kept++;
        }

        return kept - from;
    }

    /// <summary>
    /// Per year from the table's first to its last (<c>ByYear[year − FirstYear]</c>), the Medicare rate of each
    /// market × code (row-major over the table's markets and codes), NaN where no fee schedule of that year has the code.
    /// </summary>
    private static (int FirstYear, double[][] ByYear) MedicareRates(RateTable rates, IReadOnlyDictionary<MarketId, Domain.Markets.Market> markets, MedicareBaseline medicare)
    {
        if (rates.Count == 0)
        {
            return (0, []);
        }

        int first = short.MaxValue, last = short.MinValue;
        foreach (var year in rates.YearColumn)
        {
            (first, last) = (Math.Min(first, year), Math.Max(last, year));
        }

        var byYear = new double[last - first + 1][];
        for (var year = first; year <= last; year++)
        {
            var table = byYear[year - first] = new double[rates.Markets.Count * rates.Codes.Count];
            for (var m = 0; m < rates.Markets.Count; m++)
            {
                for (var c = 0; c < rates.Codes.Count; c++)
                {
                    var code = rates.Codes[c];
                    table[(m * rates.Codes.Count) + c] = medicare.HasYear(year) && medicare.ForYear(year).HasCode(code)
                        ? (double)medicare.ForYear(year).Rate(code, markets[rates.Markets[m]].MedicareLocality).Amount
                        : double.NaN;
                }
            }
        }

        return (first, byYear);
    }
}
