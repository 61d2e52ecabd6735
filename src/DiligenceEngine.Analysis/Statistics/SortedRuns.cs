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
        var merged = new double[TotalLength(runs)];
        Merge(runs, merged, runs.Count > 1 ? new double[merged.Length] : []);
        return merged;
    }

    /// <summary>
    /// Merges into <paramref name="into"/> (as long as the runs together), passing through <paramref name="scratch"/>
    /// (as long, or empty for one run): a caller that merges many roll-ups reuses both instead of allocating per merge.
    /// </summary>
    public static void Merge(IReadOnlyList<double[]> runs, Span<double> into, Span<double> scratch)
    {
        if (into.Length != TotalLength(runs))
        {
            throw new ArgumentException($"The merge needs {TotalLength(runs)} values of room, not {into.Length}.", nameof(into));
        }

        // Neighbouring runs are merged pairwise, back and forth between the two buffers, until one is left; the runs
        // start in whichever buffer makes the last round land in the result.
        var rounds = 0;
        for (var left = runs.Count; left > 1; left = (left + 1) / 2)
        {
            rounds++;
        }

        var source = rounds % 2 == 0 ? into : scratch;
        var target = rounds % 2 == 0 ? scratch : into;
        var bounds = new List<int>(runs.Count + 1) { 0 };
        foreach (var run in runs)
        {
            run.CopyTo(source[bounds[^1]..]);
            bounds.Add(bounds[^1] + run.Length);
        }

        while (bounds.Count > 2)
        {
            var merged = new List<int>((bounds.Count / 2) + 2) { 0 };
            for (var r = 0; r + 1 < bounds.Count; r += 2)
            {
                var end = r + 2 < bounds.Count ? bounds[r + 2] : bounds[r + 1];
                var middle = bounds[r + 1];
                MergeTwo(source[bounds[r]..middle], source[middle..end], target[bounds[r]..end]);
                merged.Add(end);
            }

            var swap = source;
            source = target;
            target = swap;
            bounds = merged;
        }
    }

    private static int TotalLength(IReadOnlyList<double[]> runs)
    {
        var total = 0;
        foreach (var run in runs)
        {
            total += run.Length;
        }

        return total;
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
