using DiligenceEngine.Analysis.Statistics;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Market;

/// <summary>
/// The market model: rate distributions for every market × payor × code cell and its roll-ups (market over payors,
/// state × payor, national × payor), per rate type, with small market cells shrunk toward the national payor cell.
/// </summary>
public sealed class MarketModel
{
    private static readonly double[] BootstrapProbabilities = [0.50, 0.75];

    private readonly Dictionary<CellKey, CellDistribution> cells;
    private readonly Dictionary<(string Payor, CptCode Code), RateType> primaryTypes;

    private MarketModel(Dictionary<CellKey, CellDistribution> cells, IReadOnlyList<NormalizedRate> kept, IReadOnlyList<ExcludedRate> excluded, MarketModelOptions options, int marketDataYear)
    {
        this.cells = cells;
        primaryTypes = cells.Values.Where(c => c.Key.Level == CellLevel.NationalPayor)
            .GroupBy(c => (c.Key.Payor!, c.Key.Code))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Observations).ThenBy(c => c.Key.Type).First().Key.Type);
        Rates = kept;
        Excluded = excluded;
        Options = options;
        MarketDataYear = marketDataYear;
    }

    /// <summary>The observations the distributions were built from, normalised.</summary>
    public IReadOnlyList<NormalizedRate> Rates { get; }

    /// <summary>The year most market rates were in force; Medicare rates of this year price fallbacks and baskets.</summary>
    public int MarketDataYear { get; }

    public MarketModelOptions Options { get; }

    public IEnumerable<CellDistribution> Cells => cells.Values;

    public IReadOnlyList<ExcludedRate> Excluded { get; }

    public CellDistribution? Find(CellKey key) => cells.GetValueOrDefault(key);

    /// <summary>The rate type with most observations for a payor (negotiated for most; fee schedules for workers' comp).</summary>
    public RateType PrimaryRateType(string payor, CptCode code) => primaryTypes.GetValueOrDefault((payor, code), RateType.Negotiated);

    public static MarketModel Build(MarketDataset dataset, MedicareBaseline medicare, MarketModelOptions options)
    {
        options.Validate();
        var (kept, excluded) = RateNormalizer.Normalize(dataset.Rates, dataset.Markets, medicare, options);
        var excludedByKey = excluded
            .SelectMany(e => KeysOf(e.Source, dataset).Select(k => (Key: k, e.Reason)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => (Outliers: g.Count(x => x.Reason == ExclusionReason.Outlier), NoMedicare: g.Count(x => x.Reason == ExclusionReason.NoMedicareBaseline)));

        var groups = new Dictionary<CellKey, List<NormalizedRate>>();
        foreach (var rate in kept)
        {
            foreach (var key in KeysOf(rate.Source, dataset))
            {
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(rate);
            }
        }

        // Cells are independent and each bootstrap is seeded from its own key, so the parallel build is deterministic.
        var built = groups.AsParallel()
            .Select(g => Distribution(g.Key, g.Value, excludedByKey.GetValueOrDefault(g.Key), options))
            .ToDictionary(c => c.Key);

        ApplyShrinkage(built, groups);
        var year = kept.Count == 0 ? medicare.Years.Max() : kept.GroupBy(r => r.Source.Year).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
        return new MarketModel(built, kept, excluded, options, year);
    }

    private static IEnumerable<CellKey> KeysOf(RateObservation r, MarketDataset dataset)
    {
        var payor = r.Payor.Name;
        yield return new CellKey(CellLevel.MarketPayor, r.Market.Value, payor, r.Code, r.Type);
        yield return new CellKey(CellLevel.Market, r.Market.Value, null, r.Code, r.Type);
        yield return new CellKey(CellLevel.StatePayor, dataset.Markets[r.Market].State.Code, payor, r.Code, r.Type);
        yield return new CellKey(CellLevel.NationalPayor, "US", payor, r.Code, r.Type);
    }

    private static CellDistribution Distribution(CellKey key, List<NormalizedRate> rates, (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var dollars = rates.Select(r => r.Dollars).Order().ToArray();
        var shares = rates.Select(r => r.ShareOfMedicare).Order().ToArray();
        var practices = rates.Select(r => r.Source.PracticeId).Distinct().Count();
        var withinOneMarket = key.Level is CellLevel.MarketPayor or CellLevel.Market;

        // Dollars are comparable only within one locality; across markets the share of Medicare is the primary measure.
        var primary = withinOneMarket ? dollars : shares;
        var intervals = primary.Length >= 2
            ? Bootstrap.QuantileIntervals(primary, BootstrapProbabilities, options.BootstrapResamples, Bootstrap.SeedFor(options.Seed, key.ToString()), options.Confidence)
            : null;
        return new CellDistribution(
            key,
            rates.Count,
            practices,
            rates.Count(r => r.Source.Type == RateType.PercentOfMedicare),
            excluded.Outliers,
            excluded.NoMedicare,
            withinOneMarket ? rates[0].MedicareDollars : null,
            DistributionSummary.Of(dollars, withinOneMarket ? intervals : null),
            DistributionSummary.Of(shares, withinOneMarket ? null : intervals),
            practices < options.SmallCellPractices,
            null)
        {
            SortedDollars = dollars,
            SortedShares = shares,
        };
    }

    private static void ApplyShrinkage(Dictionary<CellKey, CellDistribution> built, Dictionary<CellKey, List<NormalizedRate>> groups)
    {
        // Ordered so the estimator's sums run in the same order on every run (the cells were built in parallel).
        var families = built.Keys.Where(k => k.Level == CellLevel.MarketPayor)
            .OrderBy(k => k.ToString(), StringComparer.Ordinal)
            .GroupBy(k => new CellKey(CellLevel.NationalPayor, "US", k.Payor, k.Code, k.Type));
        foreach (var family in families)
        {
            var logShares = family.ToDictionary(k => k, k => groups[k].Select(r => Math.Log(r.ShareOfMedicare)).ToArray());
            foreach (var (key, estimate) in ShrinkageEstimator.Estimate($"national {family.Key.Payor} {family.Key.Code} ({family.Key.Type})", logShares))
            {
                built[key] = built[key] with { Shrinkage = estimate };
            }
        }
    }
}
