using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Domain.Tests.Markets;

public class MarketTypesTests
{
    [Theory]
    [InlineData("MI-DETROIT")]
    [InlineData("tx_houston.2")]
    public void MarketIdsAcceptLettersDigitsAndSeparators(string id) => MarketId.Of(id).Value.ShouldBe(id);

    [Theory]
    [InlineData("")]
    [InlineData("MI DETROIT")]
    [InlineData("MI/DETROIT")]
    public void MarketIdsRejectSpacesAndSlashes(string id) => MarketId.Parse(id).Error!.ShouldContain("MI-DETROIT");

    [Theory]
    [InlineData("mi", "MI")]
    [InlineData(" DC ", "DC")]
    public void StatesAreUspsCodesInAnyCase(string text, string expected) => UsState.Of(text).Code.ShouldBe(expected);

    [Theory]
    [InlineData("Michigan")]
    [InlineData("XX")]
    public void UnknownStatesAreRejected(string text) => UsState.Parse(text).Error!.ShouldContain("USPS two-letter code");
}
