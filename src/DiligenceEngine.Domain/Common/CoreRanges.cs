namespace DiligenceEngine.Domain.Common;

/// <summary>
/// Cuts rows 0 to n − 1 into contiguous ranges, one per core, for a pass whose ranges run in parallel and are joined in
/// range order (so the result is the one a single pass in row order gives). Below 100,000 rows a range is not worth a
/// thread: one range.
/// </summary>
public static class CoreRanges
{
    private const int RowsPerRangeAtLeast = 100_000;

    /// <summary>The ranges' bounds: range r is rows <c>bounds[r]</c> to <c>bounds[r + 1]</c> − 1, for r below <c>bounds.Length − 1</c>.</summary>
    public static int[] Of(int rows)
    {
        var ranges = Math.Clamp(rows / RowsPerRangeAtLeast, 1, Environment.ProcessorCount);
        return [.. Enumerable.Range(0, ranges + 1).Select(r => (int)((long)rows * r / ranges))];
    }
}
