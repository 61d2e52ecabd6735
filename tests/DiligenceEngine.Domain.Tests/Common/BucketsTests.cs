using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Tests.Common;

public class BucketsTests
{
    [Fact]
    public void PositionsAreGroupedByKeyInPositionOrder()
    {
        var (starts, order) = Buckets.Of([2, 0, 2, 1, 0], 4);
        starts.ShouldBe([0, 2, 3, 5, 5]);
        order.ShouldBe([1, 4, 3, 0, 2]);
    }

    [Fact]
    public void NoPositionsMakeEmptyGroups()
    {
        var (starts, order) = Buckets.Of([], 2);
        starts.ShouldBe([0, 0, 0]);
        order.ShouldBeEmpty();
    }
}
