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
        where TKey : notnull =>
        Estimate(parent, logSharesByCell.ToDictionary(c => c.Key, c => CellMoments.Of(c.Value)));

    /// <param name="parent">Names the parent, e.g. "national UnitedHealthcare 97110".</param>
    /// <param name="momentsByCell">Each cell's count, mean and sum of squared deviations of its log shares of Medicare:
    /// all the estimator needs, so a cell of a million observations is summarised once, not copied.</param>
    public static IReadOnlyDictionary<TKey, ShrinkageEstimate> Estimate<TKey>(string parent, IReadOnlyDictionary<TKey, CellMoments> momentsByCell)
        where TKey : notnull
    {
        var cells = momentsByCell.Where(c => c.Value.Count > 0).ToList();
        var observations = cells.Sum(c => c.Value.Count);
        var parentMean = cells.Sum(c => c.Value.Count * c.Value.Mean) / observations;
        var degrees = cells.Sum(c => c.Value.Count - 1);
        var within = degrees > 0 ? cells.Sum(c => c.Value.SumOfSquares) / degrees : 0;

        double? between = null;
        if (cells.Count >= 2)
        {
            var meanOfMeans = cells.Average(c => c.Value.Mean);
            var varianceOfMeans = cells.Sum(c => (c.Value.Mean - meanOfMeans) * (c.Value.Mean - meanOfMeans)) / (cells.Count - 1);
            between = Math.Max(0, varianceOfMeans - cells.Average(c => within / c.Value.Count));
        }

        double? k = between switch
        {
            null => 0,
            0 => null,
            var b => within / b,
        };
        return cells.ToDictionary(c => c.Key, c =>
        {
            var n = c.Value.Count;
            var weight = k is { } kk ? n / (n + kk) : 0;
            return new ShrinkageEstimate(parent, cells.Count, observations, within, between, k, weight, c.Value.Mean, parentMean, (weight * c.Value.Mean) + ((1 - weight) * parentMean));
        });
    }
}

/// <summary>A sample's count, mean and sum of squared deviations from that mean (two passes, for accuracy).</summary>
public readonly record struct CellMoments(int Count, double Mean, double SumOfSquares)
{
    public static CellMoments Of(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return default;
        }

        var sum = 0.0;
        foreach (var x in values)
        {
            sum += x;
        }

        var mean = sum / values.Length;
        var squares = 0.0;
        foreach (var x in values)
        {
            squares += (x - mean) * (x - mean);
        }

        return new CellMoments(values.Length, mean, squares);
    }
}
