using System.Runtime.CompilerServices;
using DiligenceEngine.Analysis.Statistics;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
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
    private readonly Lazy<PracticeSchedules> schedules;

    private MarketModel(Dictionary<CellKey, CellDistribution> cells, NormalizedRates kept, IReadOnlyList<ExcludedRate> excluded, MarketModelOptions options, int marketDataYear)
    {
        this.cells = cells;
        primaryTypes = cells.Values.Where(c => c.Key.Level == CellLevel.NationalPayor)
            .GroupBy(c => (c.Key.Payor!, c.Key.Code))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Observations).ThenBy(c => c.Key.Type).First().Key.Type);
        Rates = kept;
        schedules = new Lazy<PracticeSchedules>(() => PracticeSchedules.Of(kept));
        Excluded = excluded;
        Options = options;
        MarketDataYear = marketDataYear;
    }

    /// <summary>The observations the distributions were built from, normalised.</summary>
    public NormalizedRates Rates { get; }

    /// <summary>The market practices' own fee schedules by payor and rate type, indexed on first use.</summary>
    public PracticeSchedules PracticeSchedules => schedules.Value;

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

        var tree = CellTree.Of(kept, dataset);
        var built = new CellDistribution[tree.Keys.Count];
        var moments = new CellMoments[tree.Leaves];

        // Per market × payor cell, the one Medicare rate all its observations share (NaN when they span years).
        var commonMedicare = new double[tree.Leaves];

        // Cells are independent and each bootstrap is seeded from its own key, so the parallel build is deterministic.
        // Market × payor cells first: every roll-up merges theirs.
        Parallel.For(0, tree.Leaves, leaf =>
            (built[leaf], moments[leaf], commonMedicare[leaf]) = Leaf(tree.Keys[leaf], kept, tree.Members[leaf], tree.PracticesOf[leaf].Length, excludedByKey.GetValueOrDefault(tree.Keys[leaf]), options));
        Parallel.For(tree.Leaves, tree.Keys.Count, () => new DistinctCounter(dataset.Rates.Practices.Count), (rollUp, _, counter) =>
        {
            built[rollUp] = RollUp(tree, rollUp, built, commonMedicare, kept, counter, excludedByKey.GetValueOrDefault(tree.Keys[rollUp]), options);
            return counter;
        }, _ => { });

        var byKey = built.ToDictionary(c => c.Key);
        ApplyShrinkage(byKey, tree, moments);
        return new MarketModel(byKey, kept, excluded, options, MostCommonYear(kept) ?? medicare.Years.Max());
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
    /// The cells and how they nest. Cells 0 to <see cref="Leaves"/> − 1 are market × payor cells, each with its
    /// observations (positions in the normalised rates, file order) and its number of practices; the rest are roll-ups,
    /// each with the market × payor cells it pools.
    /// </summary>
    private sealed record CellTree(List<CellKey> Keys, int Leaves, int[][] Members, int[][] PracticesOf, int[][] Children, int[] FirstMember)
    {
        /// <summary>
        /// Millions of observations fall into a few thousand market × payor cells: each observation's cell comes from
        /// the table's cell numbering (<see cref="RateTable.CellOfRows"/>: no text hashed); the roll-ups a cell belongs
        /// to are found once per cell.
        /// </summary>
        // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static CellTree Of(NormalizedRates rates, MarketDataset dataset)
        {
            var table = rates.Table;
            var positions = rates.Positions;
            var cellOfRow = table.CellOfRows(out var cells);

            // The table's cells that keep observations become leaves, numbered in order of first appearance.
            var leafOfCell = new int[cells];
            Array.Fill(leafOfCell, -1);
            var leafOf = new int[rates.Count];
            var leafKeys = new List<CellKey>();
            var leafRows = new List<int>();
            for (var i = 0; i < rates.Count; i++)
            {
                var row = positions[i];
                ref var leaf = ref leafOfCell[cellOfRow[row]];
                if (leaf < 0)
                {
                    var r = table[row];
                    leaf = leafKeys.Count;
                    leafKeys.Add(new CellKey(CellLevel.MarketPayor, r.Market.Value, r.Payor.Name, r.Code, r.Type));
                    leafRows.Add(row);
                }

                leafOf[i] = leaf;
            }

            var (starts, order) = Buckets.Of(leafOf, leafKeys.Count);
            var members = Enumerable.Range(0, leafKeys.Count).Select(leaf => order[starts[leaf]..starts[leaf + 1]]).ToArray();

            var keys = new List<CellKey>(leafKeys);
            var ids = new Dictionary<CellKey, int>();
            var children = new List<List<int>>();
            for (var leaf = 0; leaf < leafKeys.Count; leaf++)
            {
                foreach (var parent in KeysOf(table[leafRows[leaf]], dataset).Skip(1))
                {
                    if (!ids.TryGetValue(parent, out var id))
                    {
                        ids[parent] = id = keys.Count;
                        keys.Add(parent);
                        children.Add([]);
                    }

                    children[id - leafKeys.Count].Add(leaf);
                }
            }

            var counter = new DistinctCounter(table.Practices.Count);
            var practiceOf = table.PracticeColumn;
            var practices = new int[members.Length][];
            for (var leaf = 0; leaf < members.Length; leaf++)
            {
                var ofMembers = new int[members[leaf].Length];
                for (var i = 0; i < ofMembers.Length; i++)
                {
                    ofMembers[i] = practiceOf[positions[members[leaf][i]]];
                }

                practices[leaf] = counter.Distinct([ofMembers]);
            }

            var first = members.Select(m => m[0]).ToArray();
            return new CellTree(keys, leafKeys.Count, members, practices, [.. children.Select(c => c.ToArray())], first);
        }
    }

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

    /// <summary>A market × payor cell: its rates sorted, and the moments of its log shares of Medicare for shrinkage.</summary>
    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (CellDistribution Cell, CellMoments LogShares, double CommonMedicare) Leaf(CellKey key, NormalizedRates all, int[] members, int practices, (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
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

        var cell = Summarize(key, dollars, shares, practices, converted, medicare, oneMedicareRate, excluded, options);
        // The lognormal fit of the shares already holds the mean and variance of their logarithms; a cell too small or
        // too uniform to fit has them computed directly.
        var moments = cell.ShareOfMedicare.Lognormal is { } fit
            ? new CellMoments(shares.Length, fit.Mu, fit.Sigma * fit.Sigma * (shares.Length - 1))
            : CellMoments.Of([.. shares.Select(s => Math.Log(s))]);
        return (cell, moments, oneMedicareRate ? medicare : double.NaN);
    }

    /// <summary>A roll-up: the union of its market × payor cells, merged from their sorted rates.</summary>
    private static CellDistribution RollUp(CellTree tree, int id, CellDistribution[] built, double[] commonMedicare, NormalizedRates all, DistinctCounter counter, (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var children = tree.Children[id - tree.Leaves];
        var dollars = SortedRuns.Merge(children.Select(c => built[c].SortedDollars!).ToArray());
        var first = children.Min(c => tree.FirstMember[c]);
        var medicare = all.MedicareDollars[first];
        var oneMedicareRate = children.All(c => commonMedicare[c] == medicare);

        // Under one Medicare rate the shares are the dollars divided by it, in the same order: no second merge.
        var shares = oneMedicareRate ? dollars.Select(d => d / medicare).ToArray() : SortedRuns.Merge(children.Select(c => built[c].SortedShares!).ToArray());
        var practices = counter.Distinct(children.Select(c => tree.PracticesOf[c])).Length;
        var converted = children.Sum(c => built[c].ConvertedFromPercentOfMedicare);
        return Summarize(tree.Keys[id], dollars, shares, practices, converted, medicare, oneMedicareRate, excluded, options);
    }

    /// <summary>
    /// A cell's statistics from its sorted rates. <paramref name="medicare"/> is the Medicare rate of its first
    /// observation, shown for cells within one market. The primary measure is summarised from its rates; when every
    /// observation shares one Medicare rate the other measure is the same sample scaled, and its summary is scaled too.
    /// </summary>
    private static CellDistribution Summarize(CellKey key, double[] dollars, double[] shares, int practices, int converted, double medicare, bool oneMedicareRate,
        (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var withinOneMarket = key.Level is CellLevel.MarketPayor or CellLevel.Market;

        // Dollars are comparable only within one locality; across markets the share of Medicare is the primary measure.
        var primary = withinOneMarket ? dollars : shares;
        var secondary = withinOneMarket ? shares : dollars;
        var intervals = primary.Length >= 2
            ? Bootstrap.QuantileIntervals(primary, BootstrapProbabilities, options.BootstrapResamples, Bootstrap.SeedFor(options.Seed, key.ToString()), options.Confidence)
            : null;
        var primarySummary = DistributionSummary.Of(primary, intervals);
        var secondarySummary = oneMedicareRate
            ? primarySummary.Scaled(withinOneMarket ? 1 / medicare : medicare)
            : DistributionSummary.Of(secondary, null);
        return new CellDistribution(
            key,
            dollars.Length,
            practices,
            converted,
            excluded.Outliers,
            excluded.NoMedicare,
            withinOneMarket ? medicare : null,
            withinOneMarket ? primarySummary : secondarySummary,
            withinOneMarket ? secondarySummary : primarySummary,
            practices < options.SmallCellPractices,
            null)
        {
            SortedDollars = key.Level == CellLevel.MarketPayor ? dollars : null,
            SortedShares = key.Level is CellLevel.MarketPayor or CellLevel.NationalPayor ? shares : null,
        };
    }

    private static void ApplyShrinkage(Dictionary<CellKey, CellDistribution> built, CellTree tree, CellMoments[] moments)
    {
        // Ordered so the estimator's sums run in the same order on every run (the cells were built in parallel).
        var families = Enumerable.Range(0, tree.Leaves)
            .OrderBy(leaf => tree.Keys[leaf].ToString(), StringComparer.Ordinal)
            .GroupBy(leaf => new CellKey(CellLevel.NationalPayor, "US", tree.Keys[leaf].Payor, tree.Keys[leaf].Code, tree.Keys[leaf].Type));
        foreach (var family in families)
        {
            var estimates = ShrinkageEstimator.Estimate($"national {family.Key.Payor} {family.Key.Code} ({family.Key.Type})", family.ToDictionary(leaf => tree.Keys[leaf], leaf => moments[leaf]));
            foreach (var (key, estimate) in estimates)
            {
                built[key] = built[key] with { Shrinkage = estimate };
            }
        }
    }
}
