using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DiligenceEngine.Analysis.Statistics;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
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
        var excludedByKey = ExclusionsByCell(excluded, dataset);

        var tree = CellTreeBuilder.Of(kept, dataset);
        var built = new CellDistribution[tree.Keys.Count];
        var moments = new CellMoments[tree.Leaves];

        // Cells are independent and each bootstrap is seeded from its own key, so the parallel build is deterministic.
        // Market × payor cells first: every roll-up merges theirs.
        Parallel.For(0, tree.Leaves, leaf =>
            (built[leaf], moments[leaf]) = Leaf(tree.Keys[leaf], tree.Samples[leaf], excludedByKey.GetValueOrDefault(tree.Keys[leaf]), options));
        Parallel.For(tree.Leaves, tree.Keys.Count, () => new RollUpScratch(dataset.Rates.Practices.Count), (rollUp, _, scratch) =>
        {
            built[rollUp] = RollUp(tree, rollUp, built, scratch, excludedByKey.GetValueOrDefault(tree.Keys[rollUp]), options);
            return scratch;
        }, _ => { });

        var byKey = built.ToDictionary(c => c.Key);
        ApplyShrinkage(byKey, tree, moments);
        return new MarketModel(byKey, kept, excluded, options, MostCommonYear(kept) ?? medicare.Years.Max());
    }

    /// <summary>
    /// The excluded observations counted per cell they would have fallen in, roll-ups included: counted per market ×
    /// payor × code × rate type first (a national file excludes hundreds of thousands of rates into a few thousand of
    /// those), then added up the tree.
    /// </summary>
    private static Dictionary<CellKey, (int Outliers, int NoMedicare)> ExclusionsByCell(List<ExcludedRate> excluded, MarketDataset dataset)
    {
        var byLeaf = new Dictionary<(MarketId, string, CptCode, RateType), (RateObservation First, int Outliers, int NoMedicare)>();
        foreach (var e in excluded)
        {
            var r = e.Source;
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(byLeaf, (r.Market, r.Payor.Name, r.Code, r.Type), out var seen);
            counts = (seen ? counts.First : r, counts.Outliers + (e.Reason == ExclusionReason.Outlier ? 1 : 0), counts.NoMedicare + (e.Reason == ExclusionReason.NoMedicareBaseline ? 1 : 0));
        }

        var byKey = new Dictionary<CellKey, (int Outliers, int NoMedicare)>();
        foreach (var (first, outliers, noMedicare) in byLeaf.Values)
        {
            foreach (var key in KeysOf(first, dataset))
            {
                ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(byKey, key, out _);
                counts = (counts.Outliers + outliers, counts.NoMedicare + noMedicare);
            }
        }

        return byKey;
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
    /// The cells, how they nest, and what each market × payor cell holds. Cells 0 to <see cref="Leaves"/> − 1 are market
    /// × payor cells, each with its observations' dollars and shares of Medicare (unsorted, in arrays the cell keeps),
    /// its practices, its count of converted rates and its Medicare rate; the rest are roll-ups, each with the market ×
    /// payor cells it pools.
    /// </summary>
    private sealed record CellTree(List<CellKey> Keys, int Leaves, int[][] Children, LeafSample[] Samples);

    /// <summary>
    /// A market × payor cell's observations: their dollars and shares of Medicare (in file order until the cell sorts
    /// them), its distinct practices, how many rates were converted from a percent of Medicare, the Medicare rate of its
    /// first observation, whether every observation has that Medicare rate, and the position of its first observation.
    /// </summary>
    private sealed record LeafSample(double[] Dollars, double[] Shares, int[] Practices, int Converted, double Medicare, bool OneMedicareRate, int First);

    private static class CellTreeBuilder
    {
        /// <summary>
        /// Millions of observations fall into a few thousand market × payor cells: each observation's cell comes from
        /// the table's cell numbering (<see cref="RateTable.CellOfRows"/>: no text hashed), and one pass in file order
        /// writes each observation into its cell's arrays (reading the columns in order, where gathering each cell's
        /// observations would jump across hundreds of megabytes). The roll-ups a cell belongs to are found once per cell.
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
            var leafOf = GC.AllocateUninitializedArray<int>(rates.Count);
            var leafKeys = new List<CellKey>();
            var firsts = new List<int>();
            for (var i = 0; i < rates.Count; i++)
            {
                ref var leaf = ref leafOfCell[cellOfRow[positions[i]]];
                if (leaf < 0)
                {
                    var r = table[positions[i]];
                    leaf = leafKeys.Count;
                    leafKeys.Add(new CellKey(CellLevel.MarketPayor, r.Market.Value, r.Payor.Name, r.Code, r.Type));
                    firsts.Add(i);
                }

                leafOf[i] = leaf;
            }

            var samples = Scatter(rates, leafOf, [.. firsts]);
            var keys = new List<CellKey>(leafKeys);
            var ids = new Dictionary<CellKey, int>();
            var children = new List<List<int>>();
            for (var leaf = 0; leaf < leafKeys.Count; leaf++)
            {
                foreach (var parent in KeysOf(table[positions[firsts[leaf]]], dataset).Skip(1))
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

            return new CellTree(keys, leafKeys.Count, [.. children.Select(c => c.ToArray())], samples);
        }

        /// <summary>
        /// Writes each observation into its cell's arrays, in file order. The observations are cut into one range per core;
        /// a range's observations of a cell go after those of the ranges before it, so every cell's arrays are the same
        /// whatever the number of ranges.
        /// </summary>
        private static LeafSample[] Scatter(NormalizedRates rates, int[] leafOf, int[] firsts)
        {
            var leaves = firsts.Length;
            var bounds = CoreRanges.Of(rates.Count);
            var ranges = bounds.Length - 1;
            var starts = new int[ranges][];
            Parallel.For(0, ranges, r =>
            {
                starts[r] = new int[leaves];
                foreach (var leaf in leafOf.AsSpan(bounds[r], bounds[r + 1] - bounds[r]))
                {
                    starts[r][leaf]++;
                }
            });

            var sizes = new int[leaves];
            for (var r = 0; r < ranges; r++)
            {
                for (var leaf = 0; leaf < leaves; leaf++)
                {
                    (starts[r][leaf], sizes[leaf]) = (sizes[leaf], sizes[leaf] + starts[r][leaf]);
                }
            }

            var dollarsOf = sizes.Select(n => GC.AllocateUninitializedArray<double>(n)).ToArray();
            var sharesOf = sizes.Select(n => GC.AllocateUninitializedArray<double>(n)).ToArray();
            var practicesOf = sizes.Select(n => GC.AllocateUninitializedArray<int>(n)).ToArray();
            var medicare = firsts.Select(i => rates.MedicareDollars[i]).ToArray();
            var converted = new int[ranges][];
            var mixed = new bool[ranges][];
            Parallel.For(0, ranges, r =>
            {
                (converted[r], mixed[r]) = (new int[leaves], new bool[leaves]);
                ScatterRange(rates, leafOf, bounds[r], bounds[r + 1], starts[r], medicare, dollarsOf, sharesOf, practicesOf, converted[r], mixed[r]);
            });

            var samples = new LeafSample[leaves];
            Parallel.For(0, leaves, () => new DistinctCounter(rates.Table.Practices.Count), (leaf, _, counter) =>
            {
                samples[leaf] = new LeafSample(dollarsOf[leaf], sharesOf[leaf], counter.Distinct(practicesOf[leaf]), converted.Sum(c => c[leaf]), medicare[leaf], !mixed.Any(m => m[leaf]), firsts[leaf]);
                return counter;
            }, _ => { });
            return samples;
        }

        // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void ScatterRange(NormalizedRates rates, int[] leafOf, int from, int to, int[] filled, double[] medicare,
            double[][] dollarsOf, double[][] sharesOf, int[][] practicesOf, int[] converted, bool[] mixed)
        {
            var dollars = rates.Dollars;
            var medicareDollars = rates.MedicareDollars;
            var positions = rates.Positions;
            var types = rates.Table.TypeColumn;
            var practices = rates.Table.PracticeColumn;
            for (var i = from; i < to; i++)
            {
                var leaf = leafOf[i];
                var at = filled[leaf]++;
                dollarsOf[leaf][at] = dollars[i];
                sharesOf[leaf][at] = dollars[i] / medicareDollars[i];
                practicesOf[leaf][at] = practices[positions[i]];
                converted[leaf] += types[positions[i]] == RateType.PercentOfMedicare ? 1 : 0;
                mixed[leaf] |= medicareDollars[i] != medicare[leaf];
            }
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
    private static (CellDistribution Cell, CellMoments LogShares) Leaf(CellKey key, LeafSample sample, (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var (dollars, shares, medicare) = (sample.Dollars, sample.Shares, sample.Medicare);
        RadixSort.Sort(dollars);
        if (sample.OneMedicareRate)
        {
            // Dividing by one positive Medicare rate keeps the order, so the sorted shares follow from the sorted dollars.
            for (var i = 0; i < dollars.Length; i++)
            {
                shares[i] = dollars[i] / medicare;
            }
        }
        else
        {
            RadixSort.Sort(shares);
        }

        var cell = Summarize(key, dollars, shares, sample.Practices.Length, sample.Converted, medicare, sample.OneMedicareRate, excluded, options) with { SortedDollars = dollars, SortedShares = shares };
        // The lognormal fit of the shares already holds the mean and variance of their logarithms; a cell too small or
        // too uniform to fit has them computed directly.
        var moments = cell.ShareOfMedicare.Lognormal is { } fit
            ? new CellMoments(shares.Length, fit.Mu, fit.Sigma * fit.Sigma * (shares.Length - 1))
            : CellMoments.Of([.. shares.Select(s => Math.Log(s))]);
        return (cell, moments);
    }

    /// <summary>
    /// A roll-up: the union of its market × payor cells, merged from their sorted rates into the thread's reused buffers.
    /// Only a national payor cell keeps its sorted shares (a market without data falls back to them).
    /// </summary>
    private static CellDistribution RollUp(CellTree tree, int id, CellDistribution[] built, RollUpScratch scratch,
        (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var key = tree.Keys[id];
        var children = tree.Children[id - tree.Leaves];
        var n = children.Sum(c => built[c].Observations);
        var dollars = scratch.Dollars(n);
        SortedRuns.Merge(children.Select(c => built[c].SortedDollars!).ToArray(), dollars, scratch.Merge(n));
        var medicare = tree.Samples[children.MinBy(c => tree.Samples[c].First)].Medicare;
        var oneMedicareRate = children.All(c => tree.Samples[c].OneMedicareRate && tree.Samples[c].Medicare == medicare);

        var keptShares = key.Level == CellLevel.NationalPayor ? new double[n] : null;
        var shares = keptShares is not null ? keptShares : scratch.Shares(n);
        if (!oneMedicareRate)
        {
            SortedRuns.Merge(children.Select(c => built[c].SortedShares!).ToArray(), shares, scratch.Merge(n));
        }
        else if (keptShares is not null || !WithinOneMarket(key))
        {
            // Under one Medicare rate the shares are the dollars divided by it, in the same order: no second merge.
            for (var i = 0; i < n; i++)
            {
                shares[i] = dollars[i] / medicare;
            }
        }
        else
        {
            // Within one market under one Medicare rate the shares' summary is the dollars' scaled (Summarize): not needed.
            shares = [];
        }

        var practices = scratch.Practices.Count([.. children.Select(c => tree.Samples[c].Practices)]);
        var converted = children.Sum(c => built[c].ConvertedFromPercentOfMedicare);
        return Summarize(key, dollars, shares, practices, converted, medicare, oneMedicareRate, excluded, options) with { SortedShares = keptShares };
    }

    private static bool WithinOneMarket(CellKey key) => key.Level is CellLevel.MarketPayor or CellLevel.Market;

    /// <summary>
    /// A cell's statistics from its sorted rates. <paramref name="medicare"/> is the Medicare rate of its first
    /// observation, shown for cells within one market. The primary measure is summarised from its rates; when every
    /// observation shares one Medicare rate the other measure is the same sample scaled, and its summary is scaled too
    /// (<paramref name="shares"/> may then be empty for a cell within one market).
    /// </summary>
    private static CellDistribution Summarize(CellKey key, ReadOnlySpan<double> dollars, ReadOnlySpan<double> shares, int practices, int converted, double medicare, bool oneMedicareRate,
        (int Outliers, int NoMedicare) excluded, MarketModelOptions options)
    {
        var withinOneMarket = WithinOneMarket(key);

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
            null);
    }

    /// <summary>
    /// What one thread reuses from roll-up to roll-up: its practice counter, and buffers for the merged dollars and shares
    /// and for the merge's passes (a roll-up of the nation holds millions of rates; fresh arrays for each would be
    /// hundreds of megabytes of new memory for the operating system to zero, docs/performance.md).
    /// </summary>
    private sealed class RollUpScratch(int practices)
    {
        private double[] dollars = [];
        private double[] shares = [];
        private double[] merge = [];

        public DistinctCounter Practices { get; } = new(practices);

        public Span<double> Dollars(int n) => Sized(ref dollars, n);

        public Span<double> Shares(int n) => Sized(ref shares, n);

        public Span<double> Merge(int n) => Sized(ref merge, n);

        private static Span<double> Sized(ref double[] buffer, int n)
        {
            if (buffer.Length < n)
            {
                buffer = new double[Math.Max(n, buffer.Length * 3 / 2)];
            }

            return buffer.AsSpan(0, n);
        }
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
