using DiligenceEngine.Domain.Amounts;
using FsCheck.Xunit;

namespace DiligenceEngine.Domain.Tests.Amounts;

public class MoneyTests
{
    [Fact]
    public void AddsAndSubtractsExactlyInDecimal()
    {
        (Money.Usd(0.1m) + Money.Usd(0.2m)).ShouldBe(Money.Usd(0.3m));
        (Money.Usd(10m) - Money.Usd(2.5m)).Amount.ShouldBe(7.5m);
    }

    [Theory]
    [InlineData(0.125, 0.13)]
    [InlineData(0.135, 0.14)]
    [InlineData(-0.125, -0.13)]
    [InlineData(28.788385, 28.79)]
    public void RoundsCentsHalfAwayFromZero(decimal amount, decimal expected) =>
        Money.Usd(amount).RoundToCents().Amount.ShouldBe(expected);

    [Fact]
    public void RefusesToMixCurrencies()
    {
        var euros = Money.Of(1m, "EUR");
        Should.Throw<InvalidOperationException>(() => Money.Usd(1m) + euros).Message.ShouldContain("same currency");
        Should.Throw<InvalidOperationException>(() => Money.Usd(1m).CompareTo(euros));
    }

    [Theory]
    [InlineData(1234.5, "$1,234.50")]
    [InlineData(0, "$0.00")]
    [InlineData(-5.25, "-$5.25")]
    public void FormatsAsUsDollarsWithTwoDecimals(decimal amount, string expected) =>
        Money.Usd(amount).ToString().ShouldBe(expected);

    [Fact]
    public void RejectsACurrencyThatIsNotAnIsoCode() =>
        Should.Throw<ArgumentException>(() => Money.Of(1m, "dollars")).Message.ShouldContain("ISO 4217");

    [Fact]
    public void DefaultValueIsUsdZero() => default(Money).ShouldBe(Money.Zero);

    [Fact]
    public void OverflowThrowsInsteadOfWrapping() =>
        Should.Throw<OverflowException>(() => Money.Usd(decimal.MaxValue) + Money.Usd(1m));

    [Property]
    public bool AddingThenSubtractingReturnsTheOriginal(int cents, int otherCents)
    {
        var a = Money.Usd(cents / 100m);
        var b = Money.Usd(otherCents / 100m);
        return a + b - b == a;
    }

    [Property]
    public bool ComparisonAgreesWithAmounts(int x, int y) =>
        Money.Usd(x).CompareTo(Money.Usd(y)) == x.CompareTo(y) && (Money.Usd(x) == Money.Usd(y)) == (x == y);

    [Property]
    public bool EqualValuesHaveEqualHashCodes(int cents) =>
        Money.Usd(cents / 100m).GetHashCode() == Money.Usd(cents / 100m).GetHashCode();
}
