using System.Runtime.InteropServices;

namespace DiligenceEngine.Domain.Common;

/// <summary>
/// Finds the distinct values of lists of small non-negative numbers (practice numbers of a market dataset) without
/// hashing: one bit per possible value (150,000 practices fit in 19 KB, close to the core), set as values are met and
/// cleared again after each count. One instance per thread.
/// </summary>
public sealed class DistinctCounter(int universe)
{
    private readonly ulong[] seen = new ulong[(universe + 63) / 64];

    public int Count(ReadOnlySpan<int> values)
    {
        var distinct = MarkAll(values);
        ClearAll(values);
        return distinct;
    }

    /// <summary>How many distinct values the lists hold together.</summary>
    public int Count(IReadOnlyList<int[]> lists)
    {
        var distinct = 0;
        foreach (var list in lists)
        {
            distinct += MarkAll(list);
        }

        foreach (var list in lists)
        {
            ClearAll(list);
        }

        return distinct;
    }

    /// <summary>The distinct values of <paramref name="values"/>, in order of first appearance.</summary>
    public int[] Distinct(ReadOnlySpan<int> values)
    {
        // A market cell's practices come in file order, which is mostly practice order: ascending values are distinct
        // where they change, with no bit to test.
        var changes = values.IsEmpty ? 0 : 1;
        for (var i = 1; i < values.Length && changes > 0; i++)
        {
            changes = values[i] > values[i - 1] ? changes + 1 : values[i] == values[i - 1] ? changes : 0;
        }

        if (changes > 0)
        {
            var ascending = new int[changes];
            ascending[0] = values[0];
            for (int i = 1, at = 1; i < values.Length; i++)
            {
                if (values[i] != values[i - 1])
                {
                    ascending[at++] = values[i];
                }
            }

            return ascending;
        }

        var distinct = new List<int>();
        foreach (var value in values)
        {
            if (Mark(value))
            {
                distinct.Add(value);
            }
        }

        ClearAll(CollectionsMarshal.AsSpan(distinct));
        return [.. distinct];
    }

    /// <summary>Marks every value seen; how many were not seen before.</summary>
    private int MarkAll(ReadOnlySpan<int> values)
    {
        var fresh = 0;
        foreach (var value in values)
        {
            fresh += Mark(value) ? 1 : 0;
        }

        return fresh;
    }

    /// <summary>Clears the words holding the values' marks, ready for the next count.</summary>
    private void ClearAll(ReadOnlySpan<int> values)
    {
        foreach (var value in values)
        {
            seen[value >> 6] = 0;
        }
    }

    /// <summary>Marks <paramref name="value"/> seen; true when it was not seen before.</summary>
    private bool Mark(int value)
    {
        ref var word = ref seen[value >> 6];
        var bit = 1UL << (value & 63);
        var isNew = (word & bit) == 0;
        word |= bit;
        return isNew;
    }
}
