namespace DiligenceEngine.Domain.Common;

/// <summary>
/// Groups positions by a small key in two passes and no hashing (a stable counting sort): how the market data code
/// gathers millions of rows by practice, by cell or by payor.
/// </summary>
public static class Buckets
{
    /// <summary>The positions 0 to n − 1 of <paramref name="keyOf"/>, grouped by their key in ascending order.</summary>
    /// <param name="keyOf">Each position's key, in [0, <paramref name="keys"/>).</param>
    /// <param name="keys">How many keys there are.</param>
    /// <returns><c>Order</c>: the positions, key by key, each group in position order; <c>Starts</c>: where key k's group
    /// begins in <c>Order</c> (key k's group is <c>Order[Starts[k]..Starts[k + 1]]</c>).</returns>
    public static (int[] Starts, int[] Order) Of(ReadOnlySpan<int> keyOf, int keys)
    {
        var starts = Starts(keyOf, keys);
        var order = new int[keyOf.Length];
        var filled = starts[..^1];
        for (var i = 0; i < keyOf.Length; i++)
        {
            order[filled[keyOf[i]]++] = i;
        }

        return (starts, order);
    }

    /// <summary>
    /// Where key k's group begins among the positions grouped by key (<c>Starts[k]..Starts[k + 1]</c>): the first pass of
    /// <see cref="Of"/>, and all that is needed when the keys already ascend (the groups are then the positions themselves).
    /// </summary>
    public static int[] Starts(ReadOnlySpan<int> keyOf, int keys)
    {
        var starts = new int[keys + 1];
        foreach (var key in keyOf)
        {
            starts[key + 1]++;
        }

        for (var k = 1; k <= keys; k++)
        {
            starts[k] += starts[k - 1];
        }

        return starts;
    }
}
