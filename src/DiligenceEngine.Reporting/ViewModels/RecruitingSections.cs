using DiligenceEngine.Analysis.Recruiting;
using DiligenceEngine.Reporting.Charts;
using DiligenceEngine.Reporting.Results;

namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>
/// The recruiting summary: one or two pages on the practice's competitive position in its market. Percentiles are
/// printed rounded down (<see cref="RecruitingNarrative.P"/>), the way the narrative states them.
/// </summary>
public static class RecruitingReport
{
    public const string ConfidentialityLine = "Confidential — competitive-position summary for recruiting conversations.";

    public static ReportDocument Build(ResultsDocument results, string css)
    {
        var c = results.Recruiting ?? throw new InvalidOperationException("A recruiting report needs recruiting results.");
        var largest = c.Payors.MaxBy(p => p.PaidDollars);
        var blocks = new List<Block>
        {
            new KpiRow(
            [
                new Kpi("Overall position", c.OverallPercentile is { } overall ? RecruitingNarrative.P(overall) : "—", "adjusted visit rate, revenue-weighted across payors"),
                new Kpi("Top-quartile payors", $"{c.TopQuartilePayors} of {c.Payors.Count}", "at or above the market's P75"),
                new Kpi("Largest payor", largest is null ? "—" : Fmt.Percent(largest.RevenueShare, 0), largest?.Payor ?? "no revenue in the market"),
                new Kpi("Market", c.Market, c.MarketName),
            ]),
            new BulletList(c.Narrative),
        };
        if (c.Payors.Count > 0)
        {
            blocks.Add(new Figure(ChartBuilder.Bars(c.Payors.Select(p => new BarRow(p.Payor, p.Percentile * 100, 75, RecruitingNarrative.P(p.Percentile) + (p.SmallSample ? " *" : string.Empty))).ToList(),
                "Adjusted visit rate percentile per payor (red tick: P75, the top quartile)", t => "P" + t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)), "Where each contract's effective visit rate sits among the market's practices."));
            blocks.Add(T.Table("Position by payor, largest revenue first", ["Payor", "Revenue", "Share", "Visit rate", "Market P50", "Pctl", "Interval", "Ahead of"],
                [false, true, true, true, true, true, true, true],
                c.Payors.Select(p => new[]
                {
                    p.Payor, Fmt.Dollars(p.PaidDollars), Fmt.Percent(p.RevenueShare, 0), Fmt.Cents(p.VisitRate), Fmt.Cents(p.MarketP50), RecruitingNarrative.P(p.Percentile) + (p.SmallSample ? " *" : string.Empty),
                    $"{RecruitingNarrative.P(p.PercentileLow)}–{RecruitingNarrative.P(p.PercentileHigh)}", p.CompetitorSet is { } n ? $"{p.CompetitorsBehind} of {n}" : "—",
                }),
                c.CompetitorSetSize is { } set
                    ? $"Ahead of: practices of a competitor set of {set} paid below the practice, at its percentile. * small sample: a shrunk or national-fallback distribution."
                    : "Ahead of: market practices priced on the basket that are paid below the practice. * small sample: a shrunk or national-fallback distribution.",
                c.Payors.Select((p, i) => (p, i)).Where(t => t.p.SmallSample).Select(t => t.i)));
        }

        if (c.Codes.Count > 0)
        {
            blocks.Add(T.Table("Codes that drive revenue: rate position across payors", ["Code", "Description", "Share", "Payors", "Above", "At", "Below", "Median pctl"],
                [false, false, true, true, true, true, true, true],
                c.Codes.Select(x => new[] { x.Code, x.Name, Fmt.Percent(x.RevenueShare, 0), Fmt.Count(x.Payors), Fmt.Count(x.AboveMarket), Fmt.Count(x.AtMarket), Fmt.Count(x.BelowMarket), x.MedianPercentile is { } median ? RecruitingNarrative.P(median) : "—" }),
                $"Above / at / below: payors whose code rate is above, within ±{Fmt.Percent(results.Parameters.MarketModel.AtMarketBand, 0)} of, or below the market median."));
        }


        blocks.Add(new Paragraph($"How this was measured: each contract's fees are priced on the {c.Basket} visit basket under its own MPPR policy, the way payors actually pay a visit, and set among the same basket priced with each {c.MarketName} practice's rates from that payor (market data {results.Parameters.MarketDataYear}). The overall position weights each payor's percentile by the practice's revenue from it. Intervals are 90% bootstrap intervals. Full methodology: docs/methodology.md."));
        if (c.NotCompared.Count > 0)
        {
            blocks.Add(new Paragraph("Not compared: " + string.Join("; ", c.NotCompared) + "."));
        }

        if (results.DataQuality.Count > 0)
        {
            blocks.Add(new Paragraph($"Data notes: {Fmt.Count(results.DataQuality.Count)} input warning(s), none blocking; listed in results.json (dataQuality)."));
        }

        return new ReportDocument(
            "Competitive position",
            results.Job.Practice,
            $"Payor contracts against {c.MarketName} practices — {results.Job.Name}",
            ConfidentialityLine,
            css,
            [],
            [new Section("position", "How the practice is paid against its market", blocks)]);
    }
}
