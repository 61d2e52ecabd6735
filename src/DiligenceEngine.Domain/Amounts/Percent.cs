using System.Globalization;

namespace DiligenceEngine.Domain.Amounts;

/// <summary>
/// A percentage stored as a fraction (110% is 1.10), in <see cref="decimal"/> because percents here
/// scale money: escalators, percent-of-Medicare rates, MPPR reductions.
/// </summary>
public readonly struct Percent : IEquatable<Percent>, IComparable<Percent>
{
    private static readonly CultureInfo ReportCulture = CultureInfo.GetCultureInfo("en-US");

    private Percent(decimal fraction) => Fraction = fraction;

    public static Percent Zero => new(0m);

    public static Percent OneHundred => new(1m);

    /// <summary>The value as a fraction: 0.03 for 3%.</summary>
    public decimal Fraction { get; }

    /// <summary>The value in percentage points: 3 for 3%.</summary>
    public decimal Points => Fraction * 100m;

    public static Percent FromFraction(decimal fraction) => new(fraction);

    public static Percent FromPoints(decimal points) => new(points / 100m);

    /// <summary>The share of <paramref name="money"/> this percent represents (110% of $10 is $11).</summary>
    public Money Of(Money money) => money * Fraction;

    public static Percent operator +(Percent left, Percent right) => new(left.Fraction + right.Fraction);

    public static Percent operator -(Percent left, Percent right) => new(left.Fraction - right.Fraction);

    public static bool operator ==(Percent left, Percent right) => left.Equals(right);

    public static bool operator !=(Percent left, Percent right) => !left.Equals(right);

    public static bool operator <(Percent left, Percent right) => left.Fraction < right.Fraction;

    public static bool operator >(Percent left, Percent right) => left.Fraction > right.Fraction;

    public static bool operator <=(Percent left, Percent right) => left.Fraction <= right.Fraction;

    public static bool operator >=(Percent left, Percent right) => left.Fraction >= right.Fraction;

    public bool Equals(Percent other) => Fraction == other.Fraction;

    public override bool Equals(object? obj) => obj is Percent other && Equals(other);

    public override int GetHashCode() => Fraction.GetHashCode();

    public int CompareTo(Percent other) => Fraction.CompareTo(other.Fraction);

    /// <summary>"110.0%" (en-US, one decimal, no space before the sign).</summary>
    public override string ToString() => ToString(1);

    public string ToString(int decimals) =>
        Points.ToString("0." + new string('0', Math.Max(decimals, 0)), ReportCulture).TrimEnd('.') + "%";
}
