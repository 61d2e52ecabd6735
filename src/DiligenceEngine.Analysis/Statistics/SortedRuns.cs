namespace DiligenceEngine.Analysis.Statistics;

/// <summary>
/// Merges ascending arrays into one ascending array. A roll-up distribution (a market over its payors, a payor over
/// its markets) is the union of its market × payor cells, which are sorted already: merging k sorted runs of n values
/// in all costs n·log₂k steps, where sorting them afresh would cost n·log₂n.
/// </summary>
public static class SortedRuns
{
    public static double[] Merge(IReadOnlyList<double[]> runs)
    {
        var total = 0;
        foreach (var run in runs)
        {
            total += run.Length;
        }

        // Runs side by side, then neighbouring runs merged pairwise, back and forth between two buffers, until one is left.
        var source = new double[total];
        var bounds = new List<int>(runs.Count + 1) { 0 };
        foreach (var run in runs)
        {
            run.CopyTo(source, bounds[^1]);
            bounds.Add(bounds[^1] + run.Length);
        }

        if (bounds.Count <= 2)
        {
            return source;
        }

        var target = new double[total];
        while (bounds.Count > 2)
        {
            var merged = new List<int>((bounds.Count / 2) + 2) { 0 };
            for (var r = 0; r + 1 < bounds.Count; r += 2)
            {
                var end = r + 2 < bounds.Count ? bounds[r + 2] : bounds[r + 1];
                var middle = bounds[r + 1];
                MergeTwo(source.AsSpan(bounds[r], middle - bounds[r]), source.AsSpan(middle, end - middle), target.AsSpan(bounds[r], end - bounds[r]));
                merged.Add(end);
            }

            (source, target, bounds) = (target, source, merged);
        }

        return source;
    }

    private static void MergeTwo(ReadOnlySpan<double> left, ReadOnlySpan<double> right, Span<double> into)
    {
        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            into[k++] = right[j] < left[i] ? right[j++] : left[i++];
        }

        left[i..].CopyTo(into[k..]);
        right[j..].CopyTo(into[(k + left.Length - i)..]);
    }
}
