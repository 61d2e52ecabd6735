using DiligenceEngine.Analysis.Statistics;

namespace DiligenceEngine.Analysis.Tests.Statistics;

public class RadixSortTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 255)]
    [InlineData(4, 256)]
    [InlineData(5, 5_000)]
    [InlineData(6, 100_000)]
    public void SortsAsArraySortDoesWhateverTheSignsScalesAndRepeats(int seed, int n)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, n).Select(_ => random.Next(6) switch
        {
            0 => Math.Round(20 + (random.NextDouble() * 100), 2),
            1 => -random.NextDouble() * 1e6,
            2 => random.NextDouble() * 1e-300,
            3 => random.Next(3) - 1.0,
            4 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
            _ => random.NextDouble() * 1e300,
        }).ToArray();
        var expected = values.ToArray();
        Array.Sort(expected);

        RadixSort.Sort(values);

        values.ShouldBe(expected);
    }

    [Fact]
    public void RatesOfOneCellSortWhenOnlyTheirLowBytesDiffer()
    {
        // The usual market cell: positive rates within a narrow band share their high bytes, and those passes are skipped.
        var random = new Random(9);
        var values = Enumerable.Range(0, 4_000).Select(_ => 30 + Math.Round(random.NextDouble(), 2)).ToArray();
        var expected = values.Order().ToArray();
        RadixSort.Sort(values);
        values.ShouldBe(expected);
    }

    [Fact]
    public void NegativeZeroComesBeforeZero()
    {
        var values = Enumerable.Repeat(0.0, 200).Concat(Enumerable.Repeat(-0.0, 200)).Append(-1).Append(1).ToArray();
        RadixSort.Sort(values);
        values[0].ShouldBe(-1);
        values[1..201].ShouldAllBe(v => double.IsNegative(v));
        values[201..401].ShouldAllBe(v => v == 0 && !double.IsNegative(v));
        values[^1].ShouldBe(1);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    public void ANaNIsRefusedNotSortedToAnEnd(int n)
    {
        var values = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        values[n / 2] = double.NaN;
        Should.Throw<ArgumentException>(() => RadixSort.Sort(values)).Message.ShouldContain("NaN");
    }

    [Fact]
    public void SortedCopiesAndSorts()
    {
        double[] values = [3, 1, 2];
        RadixSort.Sorted(values).ShouldBe([1, 2, 3]);
        values.ShouldBe([3, 1, 2]);
    }
}
