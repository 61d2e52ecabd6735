using System.Globalization;

namespace DiligenceEngine.Domain.Amounts;

/// <summary>
/// An amount of money in one currency, held as <see cref="decimal"/> so cents add up exactly.
/// Statistics on rates are computed in <see cref="double"/> elsewhere; money is converted back to
/// <see cref="Money"/> only where it is paid or reported. Mixing currencies throws rather than converting.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    /// <summary>The only currency the engine reports in today.</summary>
    public const string UsDollar = "USD";

    private static readonly CultureInfo ReportCulture = CultureInfo.GetCultureInfo("en-US");
    private readonly string? currency;

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        this.currency = currency;
    }

    public static Money Zero => new(0m, UsDollar);

    public decimal Amount { get; }

    /// <summary>ISO 4217 code; a default-initialised value is USD zero.</summary>
    public string Currency => currency ?? UsDollar;

    /// <summary>US dollars.</summary>
    public static Money Usd(decimal amount) => new(amount, UsDollar);

    /// <summary>An amount in the currency with ISO 4217 code <paramref name="currency"/> (three capital letters).</summary>
    public static Money Of(decimal amount, string currency) =>
        currency.Length == 3 && currency.All(char.IsAsciiLetterUpper)
            ? new(amount, currency)
            : throw new ArgumentException($"'{currency}' is not an ISO 4217 currency code; write three capital letters, e.g. USD.", nameof(currency));

    /// <summary>
    /// Rounds to whole cents, half away from zero: the convention of CMS fee-schedule amounts and of
    /// payor remittances (0.125 → 0.13), not banker's rounding.
    /// </summary>
    public Money RoundToCents() => new(Math.Round(Amount, 2, MidpointRounding.AwayFromZero), Currency);

    public bool IsNegative => Amount < 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    public static Money operator *(decimal factor, Money money) => money * factor;

    public static Money operator /(Money money, decimal divisor) => new(money.Amount / divisor, money.Currency);

    /// <summary>The ratio of two amounts in the same currency (e.g. target rate / market median).</summary>
    public static decimal operator /(Money left, Money right)
    {
        SameCurrency(left, right);
        return left.Amount / right.Amount;
    }

    public static bool operator ==(Money left, Money right) => left.Equals(right);

    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public bool Equals(Money other) => Amount == other.Amount && Currency == other.Currency;

    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>"$1,234.56" (en-US, always two decimals); other currencies as "1,234.56 EUR".</summary>
    public override string ToString() =>
        Currency == UsDollar
            ? Amount.ToString("$#,##0.00;-$#,##0.00", ReportCulture)
            : $"{Amount.ToString("#,##0.00", ReportCulture)} {Currency}";

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency
            ? left.Currency
            : throw new InvalidOperationException(
                $"Cannot combine {left.Currency} and {right.Currency} amounts: only values in the same currency can be added, subtracted or compared.");
}
