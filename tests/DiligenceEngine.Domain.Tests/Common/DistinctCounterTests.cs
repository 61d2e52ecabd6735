using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Tests.Common;

public class DistinctCounterTests
{
    [Fact]
    public void CountsEachValueOnceAndForgetsBetweenCounts()
    {
        var counter = new DistinctCounter(200);
        counter.Count([3, 7, 3, 199, 7, 64]).ShouldBe(4);
        counter.Count([3, 3]).ShouldBe(1);
        counter.Count(ReadOnlySpan<int>.Empty).ShouldBe(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void AgreesWithAHashSet(int seed)
    {
        var random = new Random(seed);
        var counter = new DistinctCounter(5_000);
        for (var round = 0; round < 20; round++)
        {
            var values = Enumerable.Range(0, random.Next(0, 300)).Select(_ => random.Next(5_000)).ToArray();
            counter.Count(values).ShouldBe(values.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheDistinctValuesOfRunsOfRepeatsAreLinqsDistinctAndTheCounterForgetsThem(int seed)
    {
        // Practices' rates come in runs of one practice, which the counter passes over without testing a bit.
        var random = new Random(seed);
        var counter = new DistinctCounter(1_000);
        for (var round = 0; round < 20; round++)
        {
            var values = Enumerable.Range(0, random.Next(0, 40)).SelectMany(_ => Enumerable.Repeat(random.Next(1_000), random.Next(1, 6))).ToArray();
            counter.Distinct(values.AsSpan()).ShouldBe(values.Distinct().ToArray());

            // Ascending values take the path without bits; a single step down anywhere takes the other.
            var ascending = values.Order().ToArray();
            counter.Distinct(ascending.AsSpan()).ShouldBe(ascending.Distinct().ToArray());
            int[] stepDown = [.. ascending, 0];
            counter.Distinct(stepDown.AsSpan()).ShouldBe(stepDown.Distinct().ToArray());
        }
    }

    [Fact]
    public void CountsTheDistinctValuesOfSeveralListsTogetherAndForgetsThemForTheNextCount()
    {
        var counter = new DistinctCounter(100);
        counter.Count([[5, 1, 5], [63, 1, 64, 0], []]).ShouldBe(5);
        counter.Count([[5], [5]]).ShouldBe(1);
        counter.Count(Array.Empty<int[]>()).ShouldBe(0);
    }
}
