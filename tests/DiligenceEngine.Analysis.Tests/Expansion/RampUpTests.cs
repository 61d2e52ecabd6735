using DiligenceEngine.Analysis.Expansion;

namespace DiligenceEngine.Analysis.Tests.Expansion;

public class RampUpTests
{
    [Fact]
    public void ALinearRampRisesInEqualStepsToFullVolumeInItsLastMonth()
    {
        var ramp = RampUp.Linear(0.25, 4);
        Enumerable.Range(1, 6).Select(ramp.ShareInMonth).ShouldBe([0.25, 0.5, 0.75, 1.0, 1.0, 1.0]);
    }

    [Fact]
    public void OneMonthToMaturityIsMatureFromTheStart() =>
        RampUp.Linear(0.3, 1).ShareInMonth(1).ShouldBe(1.0);

    [Fact]
    public void AnExplicitCurveIsUsedAsGivenThenFullVolume()
    {
        var ramp = RampUp.FromCurve([0.2, 0.6]);
        Enumerable.Range(1, 4).Select(ramp.ShareInMonth).ShouldBe([0.2, 0.6, 1.0, 1.0]);
        ramp.Description.ShouldContain("20%, 60%");
    }

    [Theory]
    [InlineData(0.0, 12)]
    [InlineData(1.2, 12)]
    [InlineData(0.5, 0)]
    public void ImpossibleLinearRampsAreRejected(double start, int months) =>
        Should.Throw<ArgumentOutOfRangeException>(() => RampUp.Linear(start, months));

    [Fact]
    public void ACurveShareAboveOneIsRejectedNamingItsMonth() =>
        Should.Throw<ArgumentOutOfRangeException>(() => RampUp.FromCurve([0.5, 1.5])).Message.ShouldContain("Month 2");
}
