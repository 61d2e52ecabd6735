using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Tests.Medicare;

public class ConversionFactorsTests
{
    [Theory]
    [InlineData("2024-03-08", 32.7442)]
    [InlineData("2024-03-09", 33.2875)]
    [InlineData("2025-07-01", 32.3465)]
    [InlineData("2026-01-01", 33.4009)]
    public void GivesTheFactorInForceOnADate(string date, decimal expected) =>
        ConversionFactors.OnDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);

    [Fact]
    public void AContractYearMeansTheFactorInForceForMostOfThatYear() =>
        ConversionFactors.ForYear(2024).Factor.ShouldBe(33.2875m);

    [Fact]
    public void UnknownYearsAreErrorsNotGuesses()
    {
        Should.Throw<KeyNotFoundException>(() => ConversionFactors.ForYear(2031)).Message.ShouldContain("known years: 2024, 2025, 2026");
        Should.Throw<KeyNotFoundException>(() => ConversionFactors.OnDate(new DateOnly(2023, 12, 31)));
    }
}
