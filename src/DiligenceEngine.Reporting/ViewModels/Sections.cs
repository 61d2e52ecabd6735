using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Reporting.Charts;
using DiligenceEngine.Reporting.Results;

namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>One report section: builds its view model from the results, or null when the results lack its data.</summary>
public interface IReportSection
{
    Section? Build(ResultsDocument results);
}

internal static class T
{
    public static Table Table(string? caption, string[] headers, bool[] numeric, IEnumerable<string[]> rows, string? footnote = null, IEnumerable<int>? flagged = null) =>
        new(caption, headers, rows.Select(r => (IReadOnlyList<string>)r).ToList(), numeric, footnote, (flagged ?? []).ToHashSet());

    public static string Strategy(Domain.MarketData.NegotiationStrategy? s) => s switch
    {
        Domain.MarketData.NegotiationStrategy.UniformIncrease => "Uniform increase",
        Domain.MarketData.NegotiationStrategy.TimedCodeCarveOut => "Timed-code carve-out",
        Domain.MarketData.NegotiationStrategy.EvaluationFocus => "Evaluation focus",
        Domain.MarketData.NegotiationStrategy.MoveToMarketPercentile => "Move to market percentile",
        _ => "—",
    };

    public static string CloseEffect(CloseEffect e) => e switch
    {
        Analysis.Projection.CloseEffect.Continues => "continues",
        Analysis.Projection.CloseEffect.ConsentPending => "consent required",
        _ => "terminates",
    };

    /// <summary>The headline visit rate rows: the PT basket (or the first basket) for each contract and market.</summary>
    public static IReadOnlyList<VisitRateComparison> HeadlineVisits(VisitEconomicsResults v)
    {
        var basket = v.VisitRates.Any(r => r.Basket == "PT") ? "PT" : v.VisitRates.Select(r => r.Basket).FirstOrDefault();
        return v.VisitRates.Where(r => r.Basket == basket).ToList();
    }

    /// <summary>Each contract's main market: where its own-mix visits are most numerous.</summary>
    public static IReadOnlyDictionary<string, string> MainMarkets(VisitEconomicsResults v) =>
        v.Positions.GroupBy(p => p.ContractId).ToDictionary(g => g.Key, g =>
            HeadlineVisits(v).Where(r => r.ContractId == g.Key).OrderByDescending(r => r.OwnMixVisits ?? 0).Select(r => r.Market).FirstOrDefault() ?? g.First().Market);
}

/// <summary>Executive summary: headline figures, visit-rate percentile per payor, top three actions.</summary>
public sealed class SummarySection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.VisitEconomics is not { } v)
        {
            return null;
        }

        var blocks = new List<Block>();
        var kpis = new List<Kpi>
        {
            new("Revenue at stake to market P50", Fmt.Dollars(v.RevenueAtStakeTotal.UpsideToP50), $"a year, codes below median; {Fmt.Dollars(v.RevenueAtStakeTotal.UpsideToP75)} to P75"),
        };
        if (r.Projection is { } p)
        {
            kpis.Insert(0, new Kpi("Uplift NPV (P50)", Fmt.Dollars(p.UpliftNpv.P50), $"P10 {Fmt.Dollars(p.UpliftNpv.P10)} – P90 {Fmt.Dollars(p.UpliftNpv.P90)}, {p.Parameters.HorizonMonths} months at {Fmt.Percent(p.Parameters.DiscountRate, 0)}"));
            kpis.Add(new Kpi($"P(NPV > {Fmt.Dollars(p.Parameters.UpliftThresholdDollars)})", Fmt.Percent(p.ProbabilityNpvAboveThreshold), $"{Fmt.Count(p.Parameters.Paths)} Monte Carlo paths"));
            kpis.Add(new Kpi("Revenue at risk at close", Fmt.Dollars(p.RevenueAtRisk.Mean), "mean, from terminations and consent holds"));
        }

        blocks.Add(new KpiRow(kpis));
        var visits = T.HeadlineVisits(v);
        blocks.Add(T.Table(
            $"Adjusted ({visits.FirstOrDefault()?.Basket} basket) visit rate percentile per payor — effective, MPPR-adjusted economics, not raw code rates",
            ["Payor", "Contract", "Market", "Target / visit", "Market P50", "Percentile", "Interval", "Practices"],
            [false, false, false, true, true, true, true, true],
            visits.Select(x => new[] { x.Payor, x.ContractId, x.Market, Fmt.Cents(x.TargetVisitRate), Fmt.Cents(x.MarketP50), Fmt.Percentile(x.Percentile),
                $"{Fmt.Percentile(x.PercentileLow)}–{Fmt.Percentile(x.PercentileHigh)}", x.SmallSample ? $"{x.Practices} *" : Fmt.Count(x.Practices) }),
            "* small sample: fewer practices than the threshold; the comparison uses a shrunk or fallback distribution (methodology).",
            visits.Select((x, i) => (x, i)).Where(t => t.x.SmallSample).Select(t => t.i)));
        blocks.Add(new Paragraph("Top three actions"));
        blocks.Add(new NumberedList(Actions(r, v).Take(3).ToList()));
        return new Section("summary", "Executive summary", blocks);
    }

    private static IEnumerable<string> Actions(ResultsDocument r, VisitEconomicsResults v)
    {
        if (r.Projection is { } p)
        {
            foreach (var c in p.Contributions.Where(c => c.MeanNpvDollars > 0).Take(2))
            {
                var plan = p.Plans.Single(x => x.ContractId == c.ContractId);
                yield return $"Renegotiate {plan.ContractId} ({plan.Payor}) with a {T.Strategy(plan.Strategy).ToLowerInvariant()} ({plan.StrategyDescription}): notice due {Fmt.Date(plan.Timeline.NoticeDeadline)}, new rates from {Fmt.Date(plan.Timeline.EarliestEffective)} at the earliest; expected NPV {Fmt.Dollars(c.MeanNpvDollars)}.";
            }

            var risk = p.Contributions.Where(c => c.MeanRevenueAtRiskDollars > 0).MaxBy(c => c.MeanRevenueAtRiskDollars);
            if (risk is not null)
            {
                yield return $"Start credentialing or consent for {risk.ContractId} ({risk.Payor}) before close: {Fmt.Dollars(risk.MeanRevenueAtRiskDollars)} of revenue is at risk in the gap.";
            }
        }

        var under = v.Repricing?.Underpayments.MaxBy(u => u.ShortfallDollars + u.DeniedExpectedDollars);
        if (under is not null && under.ShortfallDollars + under.DeniedExpectedDollars > 0)
        {
            yield return $"Recover {Fmt.Dollars(under.ShortfallDollars)} underpaid on {Fmt.Count(under.UnderpaidClaims)} claims and review {Fmt.Count(under.DeniedLines)} denied lines ({Fmt.Dollars(under.DeniedExpectedDollars)} contracted) from {under.Payor}.";
        }
    }
}

/// <summary>Payors and codes ranked by the revenue they carry.</summary>
public sealed class RevenueSection : IReportSection
{
    public Section? Build(ResultsDocument r) => r.VisitEconomics is not { } v ? null : new Section("revenue", "Payors and codes by revenue carried",
    [
        T.Table("Payors ranked by paid dollars in the 12 months of claims, with their codes' market position",
            ["#", "Payor", "Paid", "Share", "Below", "At", "Above", "No data"], [true, false, true, true, true, true, true, true],
            v.Payors.Select(p => new[] { p.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Payor, Fmt.Dollars(p.PaidDollars), Fmt.Percent(p.ShareOfPaid), Fmt.Count(p.CodesBelow), Fmt.Count(p.CodesAt), Fmt.Count(p.CodesAbove), Fmt.Count(p.CodesWithoutMarketData) }),
            "Below / at / above: contract × market × code positions against the market median (at market = within ±5%)."),
        T.Table("Codes ranked by paid dollars", ["#", "Code", "Description", "Units", "Paid", "Share"], [true, false, false, true, true, true],
            v.Codes.Select(c => new[] { c.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Code, c.Name, Fmt.Count(c.Units), Fmt.Dollars(c.PaidDollars), Fmt.Percent(c.ShareOfPaid) })),
    ]);
}

/// <summary>Rate position per code and payor: box plots of the market with the target marked, and the detail.</summary>
public sealed class RatePositionSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.VisitEconomics is not { } v)
        {
            return null;
        }

        var blocks = new List<Block> { new Paragraph("For each contract, in its main market: each code's market P10-P90 (whiskers), P25-P75 (box) and median, drawn relative to that code's median (100%) so codes of different prices share one axis, with the target's rate as a red diamond. Dollar figures are in the table. Codes marked * are small samples compared with a shrunk or fallback distribution.") };
        foreach (var (contract, market) in T.MainMarkets(v))
        {
            var rows = v.Positions.Where(p => p.ContractId == contract && p.Market == market).ToList();
            var first = rows[0];
            var svg = ChartBuilder.BoxPlot(rows.Select(p => Relative(p)).ToList(), $"{contract} — {first.Payor}, {market} (% of each code's market median)", v => Fmt.Percent(v, 0));
            blocks.Add(new Figure(svg, $"{contract} ({first.Payor}) in {market}: market distribution per code and the target's rate."));
            blocks.Add(T.Table(null, ["Code", "n", "Target", "P25", "P50", "P75", "Pctl", "Interval", "Gap to P50", "Band"], [false, true, true, true, true, true, true, true, true, false],
                rows.Select(p => new[] { p.Code + (p.SmallSample ? " *" : string.Empty), Fmt.Count(p.Practices), Fmt.Cents(p.TargetRate), Fmt.Cents(p.MarketP25), Fmt.Cents(p.MarketP50), Fmt.Cents(p.MarketP75),
                    Fmt.Percentile(p.Percentile), $"{Fmt.Percentile(p.PercentileLow)}–{Fmt.Percentile(p.PercentileHigh)}", Fmt.Cents(p.GapToP50), p.Band }),
                null, rows.Select((p, i) => (p, i)).Where(t => t.p.SmallSample).Select(t => t.i)));
        }

        return new Section("rates", "Rate position per code and payor", blocks);
    }

    private static BoxRow Relative(Analysis.Visits.CodePosition p)
    {
        var median = (double)p.MarketP50;
        return new BoxRow(p.Code, (double)p.MarketP10 / median, (double)p.MarketP25 / median, 1, (double)p.MarketP75 / median, (double)p.MarketP90 / median, (double)p.TargetRate / median, p.Practices, p.SmallSample);
    }
}
