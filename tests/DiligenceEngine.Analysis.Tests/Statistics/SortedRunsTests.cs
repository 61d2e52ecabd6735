using DiligenceEngine.Analysis.Statistics;

namespace DiligenceEngine.Analysis.Tests.Statistics;

public class SortedRunsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void MergingSortedRunsGivesTheSortedUnion(int seed)
    {
        var random = new Random(seed);
        var runs = Enumerable.Range(0, random.Next(1, 12))
            .Select(_ => Enumerable.Range(0, random.Next(0, 40)).Select(_ => Math.Round(random.NextDouble() * 10, 1)).Order().ToArray())
            .ToArray();
        SortedRuns.Merge(runs).ShouldBe(runs.SelectMany(r => r).Order().ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    public void MergingIntoReusedBuffersGivesTheSortedUnionWhateverTheNumberOfRounds(int runCount)
    {
        var random = new Random(runCount);
        var runs = Enumerable.Range(0, runCount).Select(_ => Enumerable.Range(0, random.Next(0, 30)).Select(_ => random.NextDouble()).Order().ToArray()).ToArray();
        var total = runs.Sum(r => r.Length);

        // Buffers left dirty by an earlier, longer merge, as a roll-up's reused buffers are.
        var into = Enumerable.Repeat(-1.0, total + 7).ToArray();
        var scratch = Enumerable.Repeat(-2.0, total + 7).ToArray();
        SortedRuns.Merge(runs, into.AsSpan(0, total), scratch.AsSpan(0, total));

        into[..total].ShouldBe(runs.SelectMany(r => r).Order().ToArray());
        into[total..].ShouldAllBe(x => x == -1.0);
    }

    [Fact]
    public void AResultBufferOfTheWrongLengthIsRefused() =>
        Should.Throw<ArgumentException>(() => SortedRuns.Merge([[1.0, 2.0], [1.5]], new double[2], new double[3]));

    [Fact]
    public void NoRunsMergeToNothing() => SortedRuns.Merge([]).ShouldBeEmpty();
}
