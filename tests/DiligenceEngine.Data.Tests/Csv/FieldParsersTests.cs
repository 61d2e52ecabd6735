using DiligenceEngine.Data.Csv;

namespace DiligenceEngine.Data.Tests.Csv;

public class FieldParsersTests
{
    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData("$1,234.50", 1234.50)]
    [InlineData(" 32 ", 32)]
    [InlineData("$0.99", 0.99)]
    [InlineData("1234567.891", 1234567.891)]
    public void MoneyAcceptsPlainAndDollarFormats(string text, decimal expected) =>
        FieldParsers.Money(text).GetValueOrThrow().Amount.ShouldBe(expected);

    [Theory]
    [InlineData("12,34.00")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("USD 12")]
    public void MoneyRejectsMalformedAmounts(string text) =>
        FieldParsers.Money(text).Error!.ShouldContain("$1,234.50");

    [Theory]
    [InlineData("-5")]
    [InlineData("$-5.00")]
    [InlineData("(5.00)")]
    public void MoneyRejectsNegativesAndSaysSo(string text) =>
        FieldParsers.Money(text).Error!.ShouldContain("negative");

    [Fact]
    public void PositiveMoneyRejectsAZeroRate() => FieldParsers.PositiveMoney("0.00").Error!.ShouldContain("zero");

    [Theory]
    [InlineData("110%", 1.10)]
    [InlineData("1.10", 1.10)]
    [InlineData("3.5%", 0.035)]
    [InlineData("0.035", 0.035)]
    public void PercentAcceptsPointsWithASignOrAFraction(string text, decimal fraction) =>
        FieldParsers.Percent(0m, 10m)(text).GetValueOrThrow().Fraction.ShouldBe(fraction);

    [Fact]
    public void PercentOutOfRangeSuggestsTheLikelyMeaning()
    {
        var error = FieldParsers.Percent(0m, 0.25m)("3").Error!;
        error.ShouldContain("outside the allowed range");
        error.ShouldContain("if you meant 3%");
    }

    [Theory]
    [InlineData("2025-03-31", 2025, 3, 31)]
    [InlineData("3/31/2025", 2025, 3, 31)]
    public void DateAcceptsIsoAndUsForms(string text, int y, int m, int d) =>
        FieldParsers.Date(text).GetValueOrThrow().ShouldBe(new DateOnly(y, m, d));

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("31/03/2025")]
    [InlineData("March 31")]
    public void DateRejectsImpossibleOrAmbiguousDates(string text) =>
        FieldParsers.Date(text).Error!.ShouldContain("yyyy-mm-dd");

    [Theory]
    [InlineData("yes", true)]
    [InlineData("FALSE", false)]
    [InlineData("1", true)]
    public void BooleanAcceptsCommonSpellings(string text, bool expected) =>
        FieldParsers.Boolean(text).GetValueOrThrow().ShouldBe(expected);

    [Fact]
    public void IntegerNamesItsRange() => FieldParsers.Integer(1, 24)("25").Error!.ShouldContain("1 to 24");

    [Fact]
    public void OneOfListsTheAllowedWords() =>
        FieldParsers.OneOf(new Dictionary<string, int> { ["none"] = 0, ["cms"] = 1 })("half").Error!.ShouldContain("none, cms");
}
