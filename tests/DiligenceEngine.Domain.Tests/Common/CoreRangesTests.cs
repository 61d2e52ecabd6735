using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Tests.Common;

public class CoreRangesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(99_999)]
    public void FewRowsAreOneRange(int rows) => CoreRanges.Of(rows).ShouldBe([0, rows]);

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000_003)]
    [InlineData(int.MaxValue)]
    public void ManyRowsAreCutIntoContiguousRangesNoMoreThanOnePerCore(int rows)
    {
        var bounds = CoreRanges.Of(rows);
        bounds[0].ShouldBe(0);
        bounds[^1].ShouldBe(rows);
        (bounds.Length - 1).ShouldBeInRange(1, Environment.ProcessorCount);
        bounds.Zip(bounds.Skip(1)).ShouldAllBe(b => b.First < b.Second);
    }
}
