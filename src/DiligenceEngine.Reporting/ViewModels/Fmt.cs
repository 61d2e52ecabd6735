using System.Globalization;

namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>
/// How numbers read in reports (en-US, explicit): the one place that formats, so a figure in the PDF can be checked
/// against results.json by formatting the JSON value the same way.
/// </summary>
public static class Fmt
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Whole dollars: $1,234 or -$1,234.</summary>
    public static string Dollars(double value) => Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("$#,##0;-$#,##0", Us);

    public static string Dollars(decimal value) => Dollars((double)value);

    /// <summary>Dollars and cents: $1,234.56.</summary>
    public static string Cents(double value) => value.ToString("$#,##0.00;-$#,##0.00", Us);

    public static string Cents(decimal value) => value.ToString("$#,##0.00;-$#,##0.00", Us);

    /// <summary>Thousands for chart axes: $1.2M, $350k, $45.</summary>
    public static string Compact(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("$#,##0.0M;-$#,##0.0M", Us),
        >= 10_000 => (value / 1_000).ToString("$#,##0k;-$#,##0k", Us),
        _ => value.ToString("$#,##0;-$#,##0", Us),
    };

    /// <summary>A fraction as a percent: 0.452 → 45.2%.</summary>
    public static string Percent(double fraction, int decimals = 1) => (fraction * 100).ToString("0." + new string('0', decimals), Us).TrimEnd('.') + "%";

    /// <summary>A percentile rank as "P37".</summary>
    public static string Percentile(double fraction) => "P" + Math.Round(fraction * 100, 0, MidpointRounding.AwayFromZero).ToString("0", Us);

    public static string Date(DateOnly date) => date.ToString("MMM d, yyyy", Us);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    public static string Count(int n) => n.ToString("#,##0", Us);

    public static string Number(double value, int decimals) => value.ToString("#,##0." + new string('0', decimals), Us);
}
