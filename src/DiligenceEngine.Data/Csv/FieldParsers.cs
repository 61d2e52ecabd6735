using System.Globalization;
using System.Text.RegularExpressions;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Data.Csv;

/// <summary>
/// Parsers for the value formats of docs/data-formats.md. All use the invariant culture; none coerces:
/// a value that does not match its format exactly is a failure that says what was expected.
/// </summary>
public static partial class FieldParsers
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "M/d/yyyy"];

    /// <summary>Dollars: 1234.5, 1234.50, $1,234.50. Thousands separators must be in the right places; no negatives.</summary>
    public static ParseResult<Money> Money(string text)
    {
        var t = text.Trim();
        if (t.StartsWith('-') || t.StartsWith("$-", StringComparison.Ordinal) || t.StartsWith('('))
        {
            return ParseResult<Money>.Fail("a negative amount is not allowed here; amounts are dollars at or above zero (net any reversal into its original line)");
        }

        // Plain digits with an optional decimal point (nearly every row) skip the pattern for $ and thousands commas.
        if (IsPlainDecimal(t))
        {
            return ParseResult<Money>.Ok(Domain.Amounts.Money.Usd(decimal.Parse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
        }

        if (!MoneyPattern().IsMatch(t))
        {
            return ParseResult<Money>.Fail("not a dollar amount; write it as 1234.50 or $1,234.50 (digits, optional $, commas only between groups of three)");
        }

        return ParseResult<Money>.Ok(Domain.Amounts.Money.Usd(decimal.Parse(t.Replace("$", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The same parser, remembering its result for each distinct text (up to 4,096 of them): columns such as payor,
    /// code, rate type and year repeat a handful of values over millions of rows. One loader, one thread.
    /// </summary>
    public static Func<string, ParseResult<T>> Memoized<T>(Func<string, ParseResult<T>> parse)
    {
        var cache = new Dictionary<string, ParseResult<T>>(StringComparer.Ordinal);
        return text =>
        {
            if (!cache.TryGetValue(text, out var result))
            {
                result = parse(text);
                if (cache.Count < 4_096)
                {
                    cache[text] = result;
                }
            }

            return result;
        };
    }

    /// <summary>A positive dollar rate: like <see cref="Money(string)"/>, and zero is refused (a zero rate is a data problem, not a price).</summary>
    public static ParseResult<Money> PositiveMoney(string text)
    {
        var result = Money(text);
        return result.TryGetValue(out var m) && m.Amount == 0m
            ? ParseResult<Money>.Fail("a rate of zero is not a price; give the contracted dollar amount, or leave the code out if it is not covered")
            : result;
    }

    /// <summary>
    /// A percent written either with a sign (110%, 3.5%) or as a fraction (1.10, 0.035), within [min, max] given as fractions.
    /// The range check catches the classic slip of "3" meaning 3% (which as a fraction is 300%).
    /// </summary>
    public static Func<string, ParseResult<Percent>> Percent(decimal minFraction, decimal maxFraction) => text =>
    {
        var t = text.Trim();
        var isPoints = t.EndsWith('%');
        var number = isPoints ? t[..^1].Trim() : t;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return ParseResult<Percent>.Fail("not a percent; write 110% or the fraction 1.10 (3% is 3% or 0.03)");
        }

        var value = isPoints ? Domain.Amounts.Percent.FromPoints(n) : Domain.Amounts.Percent.FromFraction(n);
        if (value.Fraction < minFraction || value.Fraction > maxFraction)
        {
            var hint = !isPoints && n > maxFraction && n / 100m <= maxFraction ? $"; if you meant {n}%, write {n}% or {n / 100m}" : string.Empty;
            return ParseResult<Percent>.Fail(
                $"{value} is outside the allowed range {Domain.Amounts.Percent.FromFraction(minFraction)} to {Domain.Amounts.Percent.FromFraction(maxFraction)}{hint}");
        }

        return ParseResult<Percent>.Ok(value);
    };

    /// <summary>A whole number within [min, max].</summary>
    public static Func<string, ParseResult<int>> Integer(int min, int max) => text =>
    {
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return ParseResult<int>.Fail($"not a whole number; write digits only, between {min} and {max}");
        }

        return n < min || n > max
            ? ParseResult<int>.Fail($"{n} is outside the allowed range {min} to {max}")
            : ParseResult<int>.Ok(n);
    };

    /// <summary>A decimal number within [min, max] (e.g. units per visit).</summary>
    public static Func<string, ParseResult<decimal>> Decimal(decimal min, decimal max) => text =>
    {
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return ParseResult<decimal>.Fail($"not a number; write digits with an optional decimal point, between {min} and {max}");
        }

        return n < min || n > max
            ? ParseResult<decimal>.Fail($"{n} is outside the allowed range {min} to {max}")
            : ParseResult<decimal>.Ok(n);
    };

    /// <summary>A calendar date, ISO (2025-03-31) or US (3/31/2025). Impossible dates (2025-02-30) fail.</summary>
    public static ParseResult<DateOnly> Date(string text) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? ParseResult<DateOnly>.Ok(d)
            : ParseResult<DateOnly>.Fail("not a valid date; write it as yyyy-mm-dd (2025-03-31) or m/d/yyyy (3/31/2025), and check the day exists in that month");

    /// <summary>true/false, yes/no, y/n, 1/0 (any case).</summary>
    public static ParseResult<bool> Boolean(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "1" => ParseResult<bool>.Ok(true),
        "false" or "no" or "n" or "0" => ParseResult<bool>.Ok(false),
        _ => ParseResult<bool>.Fail("not a yes/no value; write true or false (yes/no, y/n and 1/0 also work)"),
    };

    /// <summary>One of a fixed set of words, matched case-insensitively; the error lists the allowed words.</summary>
    public static Func<string, ParseResult<T>> OneOf<T>(IReadOnlyDictionary<string, T> allowed) => text =>
        allowed.TryGetValue(text.Trim().ToLowerInvariant(), out var value)
            ? ParseResult<T>.Ok(value)
            : ParseResult<T>.Fail($"not an allowed value; use one of: {string.Join(", ", allowed.Keys)}");

    /// <summary>Free text that must not be empty once trimmed.</summary>
    public static ParseResult<string> Text(string text) =>
        text.Trim().Length > 0 ? ParseResult<string>.Ok(text.Trim()) : ParseResult<string>.Fail("empty text");

    private static bool IsPlainDecimal(string t)
    {
        var digits = 0;
        var points = 0;
        foreach (var c in t)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && points++ == 0)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        // A trailing point ("12.") is left to the pattern, which refuses it.
        return digits > 0 && digits <= 20 && t[^1] != '.';
    }

    [GeneratedRegex(@"^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^\$?\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex MoneyPattern();
}
