using System.Globalization;

namespace DiligenceEngine.Analysis.Recruiting;

/// <summary>The figures a recruiting summary's narrative may draw on; every one of them is also printed on the page.</summary>
public sealed record RecruitingFacts(string MarketName, IReadOnlyList<RecruitingPayorRow> Payors, double? OverallPercentile, IReadOnlyList<RecruitingCodeRow> Codes);

/// <summary>
/// Short narrative lines generated from the numbers. Each line states a figure shown in the report's tables, and the
/// lines only claim what the figures support: "top quartile" is said of a payor only when its percentile is at or
/// above P75; a practice below the median is described by where it is strongest, never as strong overall.
/// </summary>
public static class RecruitingNarrative
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static IReadOnlyList<string> Write(RecruitingFacts facts)
    {
        var payors = facts.Payors;
        if (payors.Count == 0 || facts.OverallPercentile is not { } overall)
        {
            return [$"No payor of the practice could be compared with {facts.MarketName} practices on an adjusted visit rate; see the notes below."];
        }

        var lines = new List<string>
        {
            $"Weighted by revenue across {Count(payors.Count, "payor")}, the practice's adjusted visit rate sits at {P(overall)} of {facts.MarketName} practices: {Relation(overall)}.",
        };

        var top = payors.Where(p => p.Percentile >= CompetitivePosition.TopQuartile).OrderByDescending(p => p.Percentile).ToList();
        lines.Add(top.Count > 0
            ? $"Top quartile (P75 or better) with {top.Count} of {Count(payors.Count, "payor")}: {string.Join(", ", top.Select(Named))}."
            : "No payor contract is in the market's top quartile (P75 or better).");

        var best = payors.MaxBy(p => p.Percentile)!;
        lines.Add($"Strongest contract: {best.Payor} at {P(best.Percentile)}, {Dollars(best.VisitRate)} a visit against a market median of {Dollars(best.MarketP50)}.");

        var below = payors.Where(p => p.Percentile < 0.5).OrderBy(p => p.Percentile).ToList();
        if (below.Count > 0)
        {
            lines.Add($"Below the market median with {below.Count} of {Count(payors.Count, "payor")}; the lowest is {below[0].Payor} at {P(below[0].Percentile)}.");
        }

        var largest = payors.MaxBy(p => p.PaidDollars)!;
        if (largest.PaidDollars > 0)
        {
            lines.Add($"{largest.Payor} is the largest payor, with {Share(largest.RevenueShare)} of the practice's revenue in {facts.MarketName}.");
        }

        if (facts.Codes.FirstOrDefault(c => c.Payors > 0) is { } code)
        {
            lines.Add($"On {code.Code} ({code.Name}, {Share(code.RevenueShare)} of revenue), rates are above the market band with {code.AboveMarket} of {Count(code.Payors, "payor")}, within it with {code.AtMarket} and below it with {code.BelowMarket}.");
        }

        var small = payors.Count(p => p.SmallSample);
        if (small > 0)
        {
            lines.Add($"{Count(small, "comparison")} rest on small samples (marked *): read them as indications, not rankings.");
        }

        return lines;
    }

    private static string Relation(double percentile) => percentile switch
    {
        > 0.55 => "above the market median",
        < 0.45 => "below the market median",
        _ => "around the market median",
    };

    private static string Named(RecruitingPayorRow p) => $"{p.Payor} ({P(p.Percentile)})";

    /// <summary>
    /// A percentile as the recruiting summary prints it, rounded down, so a figure never reads as a band it has not
    /// reached (P74.6 prints P74, not the top-quartile P75).
    /// </summary>
    public static string P(double fraction) => "P" + Math.Floor(fraction * 100).ToString("0", Us);

    private static string Share(double fraction) => (fraction * 100).ToString("0", Us) + "%";

    private static string Dollars(decimal value) => value.ToString("$#,##0.00", Us);

    private static string Count(int n, string noun) => $"{n.ToString("#,##0", Us)} {noun}{(n == 1 ? string.Empty : "s")}";
}
