using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Tests.Common;

public class DateRangeTests
{
    [Fact]
    public void BothEndsAreInclusive()
    {
        var year = new DateRange(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        year.Days.ShouldBe(365);
        year.Contains(new DateOnly(2025, 12, 31)).ShouldBeTrue();
        year.Contains(new DateOnly(2026, 1, 1)).ShouldBeFalse();
        new DateRange(new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 1)).Days.ShouldBe(1);
    }

    [Fact]
    public void AnEndBeforeTheStartIsRejected() =>
        Should.Throw<ArgumentException>(() => new DateRange(new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 31))).Message.ShouldContain("before its start");
}
