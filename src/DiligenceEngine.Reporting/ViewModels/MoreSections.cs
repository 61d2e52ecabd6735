using System.Globalization;
using DiligenceEngine.Reporting.Charts;
using DiligenceEngine.Reporting.Results;

namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>MPPR-adjusted visit rates, target against market, with the rates-versus-mix split.</summary>
public sealed class VisitRatesSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.VisitEconomics is not { } v || v.VisitRates.Count == 0)
        {
            return null;
        }

        var headline = T.HeadlineVisits(v);
        var blocks = new List<Block>
        {
            new Paragraph("A visit rate is what an average visit earns under a payor's fees and its MPPR policy, on the standard visit basket (methodology). Each market practice is priced on the same basket under the same policy; the target's percentile in that distribution is the comparison that counts. Rate effect = target basket rate − market median; mix effect = the target's own-mix rate (its claims) − its basket rate."),
            new Figure(ChartBuilder.Bars(headline.Select(x => new BarRow($"{x.ContractId} {x.Market}", (double)x.TargetVisitRate, (double)x.MarketP50, Fmt.Cents(x.TargetVisitRate))).ToList(),
                $"{headline[0].Basket} visit rate: target (bar) and market median (red tick)", Fmt.Compact), "Target adjusted visit rate per contract and market against the market median."),
        };
        foreach (var basket in v.VisitRates.GroupBy(x => x.Basket))
        {
            blocks.Add(T.Table($"{basket.Key} basket", ["Contract", "Market", "Target", "P25", "P50", "P75", "Pctl", "Own mix", "Rate effect", "Mix effect"],
                [false, false, true, true, true, true, true, true, true, true],
                basket.Select(x => new[] { x.ContractId, x.Market, Fmt.Cents(x.TargetVisitRate), Fmt.Cents(x.MarketP25), Fmt.Cents(x.MarketP50), Fmt.Cents(x.MarketP75),
                    Fmt.Percentile(x.Percentile) + (x.SmallSample ? " *" : string.Empty), x.OwnMixVisitRate is { } o ? Fmt.Cents(o) : "—", Fmt.Cents(x.RateEffect), x.MixEffect is { } m ? Fmt.Cents(m) : "—" }),
                $"Market practices with a basket code missing had it imputed from their own relative level: {Fmt.Count(basket.Sum(x => x.ImputedCodes))} codes across these rows. * small sample."));
        }

        blocks.Add(T.Table("MPPR policy applied to each contract (and to the market practices it is compared with)", ["Contract", "Payor", "Policy"], [false, false, false],
            v.VisitRates.DistinctBy(x => x.ContractId).Select(x => new[] { x.ContractId, x.Payor, x.MpprPolicy })));
        return new Section("visits", "MPPR and adjusted visit rates", blocks);
    }
}

/// <summary>Every visit rate as a share of the local Medicare visit rate, so markets of different cost levels compare.</summary>
public sealed class MedicareSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.VisitEconomics is not { } v || v.VisitRates.Count == 0)
        {
            return null;
        }

        var headline = T.HeadlineVisits(v);
        return new Section("medicare", "Percent of Medicare view",
        [
            new Paragraph($"The same basket priced at the {r.Parameters.MarketDataYear} Medicare rates of each market's locality (RVU × GPCI × conversion factor, same MPPR policy) is the denominator. Market P50 as % of Medicare uses the market median visit rate."),
            new Figure(ChartBuilder.Bars(headline.Select(x => new BarRow($"{x.ContractId} {x.Market}", x.TargetShareOfMedicare * 100, (double)(x.MarketP50 / x.MedicareVisitRate) * 100, Fmt.Percent(x.TargetShareOfMedicare, 0))).ToList(),
                "Target visit rate as % of Medicare (bar) and market median (red tick)", t => t.ToString("0", CultureInfo.InvariantCulture) + "%"), "Visit rates as a percent of the local Medicare visit rate."),
            T.Table(null, ["Contract", "Market", "Medicare / visit", "Target", "Target % Medicare", "Market P50 % Medicare"], [false, false, true, true, true, true],
                headline.Select(x => new[] { x.ContractId, x.Market, Fmt.Cents(x.MedicareVisitRate), Fmt.Cents(x.TargetVisitRate), Fmt.Percent(x.TargetShareOfMedicare), Fmt.Percent((double)(x.MarketP50 / x.MedicareVisitRate)) })),
        ]);
    }
}

/// <summary>Claims re-priced under contracts and at market P50/P75, and underpayments.</summary>
public sealed class RepricingSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.VisitEconomics?.Repricing is not { } rp)
        {
            return null;
        }

        var blocks = new List<Block>
        {
            new Paragraph($"{Fmt.Date(rp.FirstDateOfService)} to {Fmt.Date(rp.LastDateOfService)}: every visit re-priced through its contract's MPPR policy three times — at the contract's fees, and at the market P50 and P75 fees of its market and payor."),
            T.Table("Re-pricing by payor", ["Payor", "Visits", "Paid", "Under contract", "At market P50", "At market P75"], [false, true, true, true, true, true],
                rp.ByPayor.Append(rp.Total).Select(x => new[] { x.Payor, Fmt.Count(x.Visits), Fmt.Dollars(x.PaidDollars), Fmt.Dollars(x.UnderContractDollars), Fmt.Dollars(x.AtMarketP50Dollars), Fmt.Dollars(x.AtMarketP75Dollars) }),
                null, [rp.ByPayor.Count]),
            T.Table($"Underpayments (paid below contract by more than {Fmt.Percent(rp.UnderpaymentTolerance, 0)}) and denials", ["Payor", "Underpaid lines", "Claims", "Shortfall", "Denied lines", "Contracted on denials"], [false, true, true, true, true, true],
                rp.Underpayments.Select(u => new[] { u.Payor, Fmt.Count(u.UnderpaidLines), Fmt.Count(u.UnderpaidClaims), Fmt.Dollars(u.ShortfallDollars), Fmt.Count(u.DeniedLines), Fmt.Dollars(u.DeniedExpectedDollars) })),
        };
        if (rp.Unpriced.Count > 0)
        {
            blocks.Add(T.Table("Visits not re-priced", ["Reason", "Visits", "Lines", "Paid"], [false, true, true, true],
                rp.Unpriced.Select(u => new[] { u.Reason, Fmt.Count(u.Visits), Fmt.Count(u.Lines), Fmt.Dollars(u.PaidDollars) })));
        }

        return new Section("repricing", "Claims re-pricing and underpayments", blocks);
    }
}

/// <summary>The renegotiation timeline: close effects, notice windows, negotiation and new rates, gaps.</summary>
public sealed class TimelineSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Projection is not { } p)
        {
            return null;
        }

        var close = p.Parameters.CloseDate;
        var end = p.Parameters.Start.AddMonths(p.Parameters.HorizonMonths);
        var rows = p.Plans.Select(plan =>
        {
            var t = plan.Timeline;
            var spans = new List<(DateOnly, DateOnly, string)>();
            if (t.RevenueAtRiskFrom is { } from && t.RevenueAtRiskTo is { } to)
            {
                spans.Add((from, to, "gap"));
            }
            else if (plan.CloseEffect == Analysis.Projection.CloseEffect.ConsentPending)
            {
                spans.Add((close, t.ActionDate, "consent"));
            }

            if (t.EarliestOpening is { } open && t.EarliestEffective is { } eff)
            {
                spans.Add((open, eff, "negotiation"));
                spans.Add((eff, end, "new rates"));
            }

            var markers = new List<(DateOnly, string)> { (close, "close") };
            if (t.NoticeDeadline is { } deadline)
            {
                markers.Add((deadline, "notice deadline"));
            }

            return new GanttRow(plan.ContractId, spans, markers);
        }).ToList();
        return new Section("timeline", "Renegotiation timeline",
        [
            new Figure(ChartBuilder.Gantt(rows, close.AddMonths(-1), end, "Contracts after close: ◆ grey close, ◆ black notice deadline"), "Consent and credentialing gaps, negotiation windows (opening to earliest effective date) and new rates."),
            T.Table(null, ["Contract", "At close", "Renewal", "Notice due", "Rolled", "Talks open", "New rates from"], [false, false, true, true, true, true, true],
                p.Plans.Select(plan => new[] { plan.ContractId, T.CloseEffect(plan.CloseEffect), Fmt.Date(plan.Timeline.RenewalDate), Fmt.Date(plan.Timeline.NoticeDeadline),
                    Fmt.Count(plan.Timeline.RenewalsRolled), Fmt.Date(plan.Timeline.EarliestOpening), Fmt.Date(plan.Timeline.EarliestEffective) }),
                "Dates at the median negotiation duration and the midpoint consent and credentialing delays; the Monte Carlo draws them. Reasoning per contract is in results.json (projection.plans[].timeline.reasoning)."),
        ]);
    }
}

/// <summary>The strategy per contract with its evidence.</summary>
public sealed class StrategySection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Projection is not { } p)
        {
            return null;
        }

        var negotiating = p.Plans.Where(x => x.Strategy is not null).ToList();
        return new Section("strategy", "Strategy per payor and its evidence",
        [
            new Paragraph("For each contract the strategy with the highest expected NPV: P(success) × mean achieved share of the ask × NPV of the full ask at median timing. P(success) is a Beta-binomial posterior with a prior pooled over payors, so a payor with few negotiations is not taken at its own record; the interval is 90%."),
            T.Table(null, ["Contract", "Strategy", "Ask", "n", "P(success)", "Interval", "Share of ask", "Months", "Expected NPV", "Runner-up", "Lead"],
                [false, false, false, true, true, true, true, true, true, false, true],
                negotiating.Select(x =>
                {
                    var e = p.Evidence.Single(ev => ev.Payor == x.Payor && ev.Strategy == x.Strategy);
                    return new[] { x.ContractId + (x.Forced ? " (forced)" : string.Empty), T.Strategy(x.Strategy), x.StrategyDescription ?? "—", Fmt.Count(e.Negotiations), Fmt.Percent(e.PosteriorMean),
                        $"{Fmt.Percent(e.PosteriorLow, 0)}–{Fmt.Percent(e.PosteriorHigh, 0)}", Fmt.Percent(e.MeanAchievedShareOfAsk, 0), Fmt.Count(e.MedianMonths), Fmt.Dollars(x.ExpectedNpvDollars ?? 0),
                        T.Strategy(x.RunnerUp), Fmt.Dollars(x.DifferenceDollars ?? 0) };
                }),
                string.Join(" ", p.Plans.Where(x => x.Strategy is null).Select(x => $"{x.ContractId} terminates at close: re-contracted at market P{Math.Round(p.Parameters.NewEntrantPercentile * 100)} rates ({Fmt.Percent((x.NewEntrantRevenueRatio ?? 1) - 1)} revenue) after the credentialing gap."))),
        ]);
    }
}
