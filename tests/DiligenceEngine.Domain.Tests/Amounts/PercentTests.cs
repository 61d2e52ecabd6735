using DiligenceEngine.Domain.Amounts;

namespace DiligenceEngine.Domain.Tests.Amounts;

public class PercentTests
{
    [Fact]
    public void PointsAndFractionsDescribeTheSameValue()
    {
        Percent.FromPoints(110m).ShouldBe(Percent.FromFraction(1.10m));
        Percent.FromPoints(3m).Fraction.ShouldBe(0.03m);
        Percent.FromFraction(0.035m).Points.ShouldBe(3.5m);
    }

    [Fact]
    public void OfScalesMoney() => Percent.FromPoints(110m).Of(Money.Usd(28.79m)).Amount.ShouldBe(31.669m);

    [Theory]
    [InlineData(110, 1, "110.0%")]
    [InlineData(3.5, 1, "3.5%")]
    [InlineData(50, 0, "50%")]
    public void FormatsWithoutASpaceBeforeTheSign(decimal points, int decimals, string expected) =>
        Percent.FromPoints(points).ToString(decimals).ShouldBe(expected);

    [Fact]
    public void OrdersByValue()
    {
        (Percent.FromPoints(5m) < Percent.FromPoints(6m)).ShouldBeTrue();
        new[] { Percent.FromPoints(9m), Percent.FromPoints(1m) }.Order().First().ShouldBe(Percent.FromPoints(1m));
    }
}
