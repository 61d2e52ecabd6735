using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DiligenceEngine.Analysis.Statistics;

/// <summary>
/// Sorts doubles ascending by their bits, a byte at a time from the lowest (least-significant-digit radix sort). A
/// market cell's thousands of rates sort in a few linear passes (bytes every value shares are skipped: rates of one
/// cell share their sign, exponent and top mantissa bits) where a comparison sort spends most of its time on
/// mispredicted branches; the result is the order <see cref="Array.Sort{T}(T[])"/> gives, −0 before +0. A NaN has no
/// place in a rate or a simulated amount: it is refused, not sorted to an end where it would pass for a number.
/// </summary>
public static class RadixSort
{
    /// <summary>Below this many values a comparison sort is as fast and needs no buffer.</summary>
    private const int ComparisonSortBelow = 256;

    private const ulong SignBit = 1UL << 63;

    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> values)
    {
        if (values.Length < ComparisonSortBelow)
        {
            values.Sort();
            RefuseNaN(values.IsEmpty ? 0 : values[0]);
            return;
        }

        var n = values.Length;
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        var buffer = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            // Each byte's histogram, all eight in one pass over keys whose unsigned order is the numbers' order.
            var counts = new int[8 * 256];
            for (var i = 0; i < n; i++)
            {
                RefuseNaN(values[i]);
                var key = keys[i] = Ordered(keys[i]);
                for (var b = 0; b < 8; b++)
                {
                    counts[(b << 8) + (int)((key >> (b << 3)) & 0xFF)]++;
                }
            }

            var source = keys;
            var target = buffer.AsSpan(0, n);
            Span<int> next = stackalloc int[256];
            for (var b = 0; b < 8; b++)
            {
                var shift = b << 3;
                var histogram = counts.AsSpan(b << 8, 256);
                if (histogram[(int)((source[0] >> shift) & 0xFF)] == n)
                {
                    continue;
                }

                for (int d = 0, at = 0; d < 256; d++)
                {
                    next[d] = at;
                    at += histogram[d];
                }

                foreach (var key in source)
                {
                    target[next[(int)((key >> shift) & 0xFF)]++] = key;
                }

                var swap = source;
                source = target;
                target = swap;
            }

            for (var i = 0; i < n; i++)
            {
                keys[i] = Original(source[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(buffer);
        }
    }

    /// <summary>The values sorted into a new array.</summary>
    public static double[] Sorted(IEnumerable<double> values)
    {
        var sorted = values.ToArray();
        Sort(sorted);
        return sorted;
    }

    /// <summary>Array.Sort puts NaNs first, so after it the first value tells.</summary>
    private static void RefuseNaN(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException("A value to sort is NaN (not a number): an upstream calculation failed; it is not sorted as a number.", nameof(value));
        }
    }

    /// <summary>IEEE 754 bits mapped so unsigned order is numeric order: negatives flip every bit, the rest the sign bit.</summary>
    private static ulong Ordered(ulong bits) => (bits & SignBit) != 0 ? ~bits : bits | SignBit;

    private static ulong Original(ulong key) => (key & SignBit) != 0 ? key & ~SignBit : ~key;
}
