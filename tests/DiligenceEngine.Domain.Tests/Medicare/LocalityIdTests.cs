using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Tests.Medicare;

public class LocalityIdTests
{
    [Theory]
    [InlineData("08202-01", "08202-01")]
    [InlineData("8202-1", "08202-01")]
    public void NormalisesTheTwoSpellingsCmsFilesUse(string text, string expected) =>
        LocalityId.Of(text).ToString().ShouldBe(expected);

    [Theory]
    [InlineData("Detroit")]
    [InlineData("082020-01")]
    [InlineData("08202-001")]
    public void RejectsTextThatIsNotMacDashLocality(string text) =>
        LocalityId.Parse(text).Error!.ShouldContain("08202-01");
}
