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

    [Fact]
    public void NoRunsMergeToNothing() => SortedRuns.Merge([]).ShouldBeEmpty();
}
