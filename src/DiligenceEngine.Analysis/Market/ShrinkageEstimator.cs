namespace DiligenceEngine.Analysis.Market;

/// <summary>
/// Method-of-moments empirical Bayes on the log share of Medicare of the market cells under one parent
/// (same payor, code and rate type, all markets):
/// within variance σ²_w = pooled within-cell variance; between variance τ² = variance of cell means − mean(σ²_w / n_c),
/// floored at zero; k = σ²_w / τ²; weight w = n / (n + k); shrunk location = w·ȳ_cell + (1 − w)·ȳ_parent, where
/// ȳ_parent is the mean log share of all the parent's observations. With τ² = 0 the cells are indistinguishable and
/// every cell takes the parent's location (w = 0); with one cell there is no between-cell evidence and w = 1.
/// </summary>
public static class ShrinkageEstimator
{
    /// <param name="parent">Names the parent, e.g. "national UnitedHealthcare 97110".</param>
    /// <param name="logSharesByCell">Each cell's log shares of Medicare.</param>
    public static IReadOnlyDictionary<TKey, ShrinkageEstimate> Estimate<TKey>(string parent, IReadOnlyDictionary<TKey, double[]> logSharesByCell)
        where TKey : notnull
    {
        var cells = logSharesByCell.Where(c => c.Value.Length > 0).ToList();
        var all = cells.SelectMany(c => c.Value).ToArray();
        var parentMean = all.Average();
        var means = cells.ToDictionary(c => c.Key, c => c.Value.Average());
        var degrees = cells.Sum(c => c.Value.Length - 1);
        var within = degrees > 0
            ? cells.Sum(c => c.Value.Sum(x => (x - means[c.Key]) * (x - means[c.Key]))) / degrees
            : 0;

        double? between = null;
        if (cells.Count >= 2)
        {
            var meanOfMeans = means.Values.Average();
            var varianceOfMeans = means.Values.Sum(m => (m - meanOfMeans) * (m - meanOfMeans)) / (cells.Count - 1);
            between = Math.Max(0, varianceOfMeans - cells.Average(c => within / c.Value.Length));
        }

        double? k = between switch
        {
            null => 0,
            0 => null,
            var b => within / b,
        };
        return cells.ToDictionary(c => c.Key, c =>
        {
            var n = c.Value.Length;
            var weight = k is { } kk ? n / (n + kk) : 0;
            return new ShrinkageEstimate(parent, cells.Count, all.Length, within, between, k, weight, means[c.Key], parentMean, (weight * means[c.Key]) + ((1 - weight) * parentMean));
        });
    }
}
