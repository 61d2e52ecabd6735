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

    private MarketModel(Dictionary<CellKey, CellDistribution> cells, NormalizedRates kept, IReadOnlyList<ExcludedRate> excluded, MarketModelOptions options, int marketDataYear)
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
    public NormalizedRates Rates { get; }

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

        var groups = Group(kept, dataset);

        // Cells are independent and each bootstrap is seeded from its own key, so the parallel build is deterministic.
        var built = groups.AsParallel()
            .Select(g => Distribution(g.Key, kept, g.Value, excludedByKey.GetValueOrDefault(g.Key), options))
            .ToDictionary(c => c.Key);

        ApplyShrinkage(built, groups, kept);
        return new MarketModel(built, kept, excluded, options, MostCommonYear(kept) ?? medicare.Years.Max());
    }

    private static IEnumerable<CellKey> KeysOf(RateObservation r, MarketDataset dataset)
    {
        var payor = r.Payor.Name;
        yield return new CellKey(CellLevel.MarketPayor, r.Market.Value, payor, r.Code, r.Type);
        yield return new CellKey(CellLevel.Market, r.Market.Value, null, r.Code, r.Type);
        yield return new CellKey(CellLevel.StatePayor, dataset.Markets[r.Market].State.Code, payor, r.Code, r.Type);
        yield return new CellKey(CellLevel.NationalPayor, "US", payor, r.Code, r.Type);
    }

    /// <summary>
    /// The observations of every cell, as positions in <paramref name="rates"/> in file order. Millions of observations
    /// fall into a few thousand market × payor cells: each observation finds its market × payor cell by the numbers of
    /// its market, payor, code and rate type (no text is hashed; consecutive rows mostly share a cell), and the roll-up
    /// cells it also belongs to are looked up per market × payor cell rather than per observation.
    /// </summary>
    private static Dictionary<CellKey, CellMembers> Group(NormalizedRates rates, MarketDataset dataset)
    {
        var table = rates.Table;
        var marketOf = table.MarketColumn;
        var payorOf = table.PayorColumn;
        var codeOf = table.CodeColumn;
        var typeOf = table.TypeColumn;
        var practiceOf = table.PracticeColumn;
        var positions = rates.Positions;
        var cellOf = new int[rates.Count];
        var cellIds = new Dictionary<CellKey, int>();
        var leafIds = new Dictionary<long, int>();
        var parentsOf = new List<int[]>();
        var keys = new List<CellKey>();
        var sizes = new List<int>();
        int Id(CellKey key)
        {
            if (!cellIds.TryGetValue(key, out var id))
            {
                cellIds[key] = id = keys.Count;
                keys.Add(key);
                sizes.Add(0);
                parentsOf.Add([]);
            }

            return id;
        }

        var (lastLeaf, lastId) = (-1L, -1);
        for (var i = 0; i < rates.Count; i++)
        {
            var row = positions[i];
            var leaf = ((((((long)marketOf[row] * table.Payors.Count) + payorOf[row]) * table.Codes.Count) + codeOf[row]) * 4) + (byte)typeOf[row];
            if (leaf != lastLeaf && !leafIds.TryGetValue(leaf, out lastId))
            {
                var r = table[row];
                lastId = leafIds[leaf] = Id(new CellKey(CellLevel.MarketPayor, r.Market.Value, r.Payor.Name, r.Code, r.Type));
                parentsOf[lastId] = KeysOf(r, dataset).Skip(1).Select(Id).ToArray();
            }

            lastLeaf = leaf;
            var id = cellOf[i] = lastId;
            sizes[id]++;
            foreach (var parent in parentsOf[id])
            {
                sizes[parent]++;
            }
        }

        var members = sizes.Select(n => new int[n]).ToArray();
        var filled = new int[members.Length];
        for (var i = 0; i < rates.Count; i++)
        {
            var id = cellOf[i];
            members[id][filled[id]++] = i;
            foreach (var parent in parentsOf[id])
            {
                members[parent][filled[parent]++] = i;
            }
        }

        // Distinct practices per cell without hashing: mark each practice with the cell last seen counting it.
        var lastCell = new int[table.Practices.Count];
        Array.Fill(lastCell, -1);
        var practices = new int[members.Length];
        for (var id = 0; id < members.Length; id++)
        {
            foreach (var i in members[id])
            {
                var practice = practiceOf[positions[i]];
                if (lastCell[practice] != id)
                {
                    lastCell[practice] = id;
                    practices[id]++;
                }
            }
        }

        return keys.Select((key, id) => (key, id)).ToDictionary(k => k.key, k => new CellMembers(members[k.id], practices[k.id]));
    }

    /// <summary>A cell's observations (positions in the normalised rates, file order) and how many practices they come from.</summary>
    private readonly record struct CellMembers(int[] Positions, int Practices);

    /// <summary>The year most market rates were in force (the later year on a tie), or null with no rates.</summary>
    private static int? MostCommonYear(NormalizedRates rates)
    {
        var counts = new Dictionary<int, int>();
        var years = rates.Table.YearColumn;
        foreach (var position in rates.Positions)
        {
            counts[years[position]] = counts.GetValueOrDefault(years[position]) + 1;
        }

        return counts.Count == 0 ? null : counts.OrderByDescending(c => c.Value).ThenByDescending(c => c.Key).First().Key;
    }

    private static CellDistribution Distribution(CellKey key, NormalizedRates all, CellMembers cell, (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var members = cell.Positions;
        var allDollars = all.Dollars;
        var allMedicare = all.MedicareDollars;
        var positions = all.Positions;
        var types = all.Table.TypeColumn;
        var dollars = new double[members.Length];
        var converted = 0;
        var oneMedicareRate = true;
        var medicare = allMedicare[members[0]];
        for (var i = 0; i < members.Length; i++)
        {
            var member = members[i];
            dollars[i] = allDollars[member];
            converted += types[positions[member]] == RateType.PercentOfMedicare ? 1 : 0;
            oneMedicareRate &= allMedicare[member] == medicare;
        }

        Array.Sort(dollars);
        var shares = new double[members.Length];
        if (oneMedicareRate)
        {
            // Dividing by one positive Medicare rate keeps the order, so the sorted shares follow from the sorted dollars.
            for (var i = 0; i < dollars.Length; i++)
            {
                shares[i] = dollars[i] / medicare;
            }
        }
        else
        {
            for (var i = 0; i < members.Length; i++)
            {
                shares[i] = allDollars[members[i]] / allMedicare[members[i]];
            }

            Array.Sort(shares);
        }

        var practices = cell.Practices;
        var withinOneMarket = key.Level is CellLevel.MarketPayor or CellLevel.Market;

        // Dollars are comparable only within one locality; across markets the share of Medicare is the primary measure.
        var primary = withinOneMarket ? dollars : shares;
        var intervals = primary.Length >= 2
            ? Bootstrap.QuantileIntervals(primary, BootstrapProbabilities, options.BootstrapResamples, Bootstrap.SeedFor(options.Seed, key.ToString()), options.Confidence)
            : null;
        return new CellDistribution(
            key,
            members.Length,
            practices,
            converted,
            excluded.Outliers,
            excluded.NoMedicare,
            withinOneMarket ? medicare : null,
            DistributionSummary.Of(dollars, withinOneMarket ? intervals : null),
            DistributionSummary.Of(shares, withinOneMarket ? null : intervals),
            practices < options.SmallCellPractices,
            null)
        {
            SortedDollars = dollars,
            SortedShares = shares,
        };
    }

    private static void ApplyShrinkage(Dictionary<CellKey, CellDistribution> built, Dictionary<CellKey, CellMembers> groups, NormalizedRates rates)
    {
        // Ordered so the estimator's sums run in the same order on every run (the cells were built in parallel).
        var families = built.Keys.Where(k => k.Level == CellLevel.MarketPayor)
            .OrderBy(k => k.ToString(), StringComparer.Ordinal)
            .GroupBy(k => new CellKey(CellLevel.NationalPayor, "US", k.Payor, k.Code, k.Type));
        foreach (var family in families)
        {
            var logShares = family.ToDictionary(k => k, k => LogShares(groups[k].Positions, rates));
            foreach (var (key, estimate) in ShrinkageEstimator.Estimate($"national {family.Key.Payor} {family.Key.Code} ({family.Key.Type})", logShares))
            {
                built[key] = built[key] with { Shrinkage = estimate };
            }
        }
    }

    private static double[] LogShares(int[] members, NormalizedRates rates)
    {
        var dollars = rates.Dollars;
        var medicare = rates.MedicareDollars;
        var logs = new double[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            logs[i] = Math.Log(dollars[members[i]] / medicare[members[i]]);
        }

        return logs;
    }
}
