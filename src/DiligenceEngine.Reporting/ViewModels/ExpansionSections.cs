using System.Globalization;
using DiligenceEngine.Analysis.Expansion;
using DiligenceEngine.Reporting.Charts;
using DiligenceEngine.Reporting.Results;

namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>Expansion summary: the leading market, the ranking at a glance and what the data can and cannot say.</summary>
public sealed class ExpansionSummarySection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Expansion is not { Markets.Count: > 0 } e)
        {
            return null;
        }

        var q = e.Parameters;
        var best = e.Markets[0];
        var byIndex = e.Markets.OrderByDescending(m => m.MedicareIndex).ToList();
        var thin = e.Markets.Where(m => m.SmallSamplePayors > 0).ToList();
        var points = new List<string>
        {
            $"{best.Name} ({best.Market}) ranks first: expected revenue of {Fmt.Dollars(best.Horizon.MeanDollars)} over the first {q.HorizonMonths} months (P10 {Fmt.Dollars(best.Horizon.P10Dollars)}, P90 {Fmt.Dollars(best.Horizon.P90Dollars)}), {Fmt.Cents(best.EntryRevenuePerVisit)} a visit at entry rising to {Fmt.Cents(best.RenegotiatedRevenuePerVisit)} after a successful renegotiation.",
        };
        if (e.Markets.Count > 1)
        {
            var last = e.Markets[^1];
            points.Add($"{last.Name} ({last.Market}) ranks last at {Fmt.Dollars(last.Horizon.MeanDollars)}: the first market is expected to earn {Fmt.Percent((double)(best.Horizon.MeanDollars / last.Horizon.MeanDollars) - 1, 0)} more on the same clinic.");
            points.Add($"Against local Medicare, payors pay most in {byIndex[0].Name} ({Fmt.Percent(byIndex[0].MedicareIndex, 0)} of Medicare at the market median) and least in {byIndex[^1].Name} ({Fmt.Percent(byIndex[^1].MedicareIndex, 0)}).");
        }

        if (e.CodeSpreads.Count > 0)
        {
            var widest = e.CodeSpreads[0];
            points.Add($"The widest gap between markets is on {widest.Code} ({widest.Name}): {Fmt.Cents(widest.BestRate)} in {widest.BestMarket} against {Fmt.Cents(widest.WorstRate)} in {widest.WorstMarket} ({Fmt.Percent(widest.SpreadFraction, 0)}).");
        }

        points.Add(thin.Count == 0
            ? "Every payor of every candidate market has at least the small-sample threshold of practices."
            : $"Thin data: {string.Join(", ", thin.Select(m => $"{m.Market} ({m.SmallSamplePayors} payor{(m.SmallSamplePayors == 1 ? string.Empty : "s")})"))} rest partly on small samples or national fallbacks (flagged * in the market pages).");

        return new Section("summary", "Executive summary",
        [
            new KpiRow(
            [
                new Kpi("Leading market", best.Market, best.Name),
                new Kpi($"Expected revenue, {q.HorizonMonths} months", Fmt.Dollars(best.Horizon.MeanDollars), $"P10 {Fmt.Compact((double)best.Horizon.P10Dollars)} – P90 {Fmt.Compact((double)best.Horizon.P90Dollars)}"),
                new Kpi("Markets compared", Fmt.Count(e.Markets.Count), $"{Fmt.Count(q.Paths)} Monte Carlo paths each"),
                new Kpi("Planned clinic", Fmt.Count((int)q.VisitsPerYearAtMaturity) + " visits", "a year at maturity"),
            ]),
            new BulletList(points),
            RankingSection.Table(e, compact: true),
        ]);
    }
}

/// <summary>The ranking of candidate markets by expected revenue, with the Medicare index compared across them.</summary>
public sealed class RankingSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Expansion is not { Markets.Count: > 0 } e)
        {
            return null;
        }

        return new Section("ranking", "Market ranking",
        [
            new Paragraph($"Markets are ranked by expected (mean) revenue over the first {e.Parameters.HorizonMonths} months of the planned clinic: the same clinic, ramp-up and payor mix in each market, priced at what each market's payors pay a new entrant. The Medicare index is the payor-mix-weighted market median visit rate divided by the same mix at the market's own Medicare rates, so it compares payment levels net of local costs."),
            new Figure(ChartBuilder.Bars(e.Markets.Select(m => new BarRow($"{m.Rank}. {m.Market}", (double)m.Horizon.MeanDollars, null, Fmt.Compact((double)m.Horizon.MeanDollars))).ToList(),
                $"Expected revenue over {e.Parameters.HorizonMonths} months", Fmt.Compact), "Markets ranked by expected revenue of the planned clinic."),
            new Figure(ChartBuilder.Bars(e.Markets.OrderByDescending(m => m.MedicareIndex).Select(m => new BarRow($"{m.Market} ({m.State})", m.MedicareIndex * 100, 100, Fmt.Percent(m.MedicareIndex, 0))).ToList(),
                "Market median visit rate as % of local Medicare (red tick: 100%)", t => t.ToString("0", CultureInfo.InvariantCulture) + "%"), "Payment levels net of local costs, highest first."),
            Table(e, compact: false),
        ]);
    }

    /// <summary>The ranking table; the compact form (executive summary) leaves out the yearly columns.</summary>
    internal static Table Table(ExpansionResults e, bool compact)
    {
        var years = e.Markets[0].Years;
        string[] headers = ["#", "Market", "Entry / visit", "Expected / visit", "% Medicare", .. compact ? Array.Empty<string>() : years.Select(y => $"{y.Period} P50"), "Mean", "P10–P90", "Min n"];
        return T.Table(compact ? $"Ranking by expected revenue over {e.Parameters.HorizonMonths} months" : "Revenue by market (dollars over the period; P10–P90 over the horizon)",
            headers, headers.Select(h => h != "Market").ToArray(),
            e.Markets.Select(m => (string[])[m.Rank.ToString(CultureInfo.InvariantCulture), m.Market, Fmt.Cents(m.EntryRevenuePerVisit), Fmt.Cents(m.ExpectedRevenuePerVisit), Fmt.Percent(m.MedicareIndex, 0),
                .. compact ? Array.Empty<string>() : m.Years.Select(y => Fmt.Dollars(y.P50Dollars)),
                Fmt.Dollars(m.Horizon.MeanDollars), $"{Fmt.Compact((double)m.Horizon.P10Dollars)}–{Fmt.Compact((double)m.Horizon.P90Dollars)}", m.SmallSamplePayors > 0 ? $"{m.MinimumPractices} *" : Fmt.Count(m.MinimumPractices)]),
            "Entry / visit: payor-mix-weighted rate at the entry percentiles; expected / visit: mean revenue ÷ mean visits over the horizon. Min n: fewest practices behind any payor's distribution; * some payors rest on small samples or national fallbacks.",
            e.Markets.Select((m, i) => (m, i)).Where(t => t.m.SmallSamplePayors > 0).Select(t => t.i));
    }
}

/// <summary>How far apart the best- and worst-paying candidate markets are on each basket code.</summary>
public sealed class CodeSpreadSection : IReportSection
{
    public Section? Build(ResultsDocument r) => r.Expansion is not { CodeSpreads.Count: > 0 } e ? null : new Section("spread", "Best and worst market per code",
    [
        new Paragraph("For each code of the basket, the payor-mix-weighted market median rate per unit in each candidate market (payors without rates for the code are left out of its weights). Widest spread first."),
        T.Table(null, ["Code", "Description", "Best market", "Rate", "Worst market", "Rate", "Spread", "Spread %"], [false, false, false, true, false, true, true, true],
            e.CodeSpreads.Select(s => new[] { s.Code, s.Name, s.BestMarket, Fmt.Cents(s.BestRate), s.WorstMarket, Fmt.Cents(s.WorstRate), Fmt.Cents(s.SpreadDollars), Fmt.Percent(s.SpreadFraction) })),
    ]);
}

/// <summary>The group's existing contracts set against each candidate market: which markets pay materially better.</summary>
public sealed class GroupComparisonSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Expansion is not { GroupMarkets.Count: > 0 } e)
        {
            return null;
        }

        return new Section("group", "Your contracts against each market",
        [
            new Paragraph($"Each of the group's contracts is priced on the same basket with its own fees and MPPR policy, and set against that payor's market median in each candidate market (under the same policy). Per market, the payors of its mix that the group contracts with are weighted by mix share; a market pays materially better when its median exceeds the group's rates by more than {Fmt.Percent(e.Parameters.AtMarketBand, 0)}."),
            new Figure(ChartBuilder.Bars(e.GroupMarkets.Select(g => new BarRow(g.Market, (double)g.MarketMedianVisitRate, (double)g.GroupVisitRate, $"{Fmt.Cents(g.MarketMedianVisitRate)} ({(g.Difference >= 0 ? "+" : string.Empty)}{Fmt.Percent(g.Difference)})")).ToList(),
                "Market median visit rate (bar) against the group's current rates (red tick)", Fmt.Compact), "Candidate markets against what the group's contracts pay now."),
            T.Table(null, ["Market", "Mix covered", "Group rate", "Market P50", "Difference", "Materially better"], [false, true, true, true, true, false],
                e.GroupMarkets.Select(g => new[] { g.Market, Fmt.Percent(g.MixShareCovered, 0), Fmt.Cents(g.GroupVisitRate), Fmt.Cents(g.MarketMedianVisitRate), Fmt.Percent(g.Difference), g.PaysMateriallyBetter ? "yes" : "no" })),
            T.Table("Contract by contract", ["Contract", "Payor", "Group rate", "Market", "Market P50", "Difference", "Pctl there"], [false, false, true, false, true, true, true],
                e.GroupContracts.Select(g => new[] { g.ContractId, g.Payor, Fmt.Cents(g.GroupVisitRate), g.Market, Fmt.Cents(g.MarketP50), Fmt.Percent(g.Difference), Fmt.Percentile(g.PercentileThere) + (g.SmallSample ? " *" : string.Empty) }),
                "Pctl there: where the contract's visit rate would sit among that market's practices. * small sample."),
        ]);
    }
}

/// <summary>One page per candidate market: its payors, entry and renegotiated rates, and revenue over the ramp-up.</summary>
public sealed class MarketPagesSection(MarketSizing market, ExpansionParameters plan) : IReportSection
{
    public static IEnumerable<IReportSection> For(ResultsDocument r) =>
        r.Expansion is { } e ? e.Markets.Select(m => new MarketPagesSection(m, e.Parameters)) : [];

    public Section? Build(ResultsDocument r)
    {
        var m = market;
        return new Section($"market-{m.Market.ToLowerInvariant()}", $"{m.Rank}. {m.Name} ({m.Market})",
        [
            new KpiRow(
            [
                new Kpi($"Expected revenue, {plan.HorizonMonths} months", Fmt.Dollars(m.Horizon.MeanDollars), $"P10 {Fmt.Compact((double)m.Horizon.P10Dollars)} – P90 {Fmt.Compact((double)m.Horizon.P90Dollars)}"),
                new Kpi("Revenue per visit", $"{Fmt.Cents(m.EntryRevenuePerVisit)} → {Fmt.Cents(m.RenegotiatedRevenuePerVisit)}", $"entry → after renegotiation; expected {Fmt.Cents(m.ExpectedRevenuePerVisit)}"),
                new Kpi("Medicare index", Fmt.Percent(m.MedicareIndex, 0), $"median {Fmt.Cents(m.MarketMedianRevenuePerVisit)} vs Medicare {Fmt.Cents(m.MedicareRevenuePerVisit)} a visit"),
                new Kpi("Mature year at entry rates", Fmt.Dollars(m.MatureAnnualRevenueAtEntry), $"{Fmt.Count((int)plan.VisitsPerYearAtMaturity)} visits"),
            ]),
            new Figure(ChartBuilder.Fan(m.Months.Select(x => new FanPoint($"Month {x.Month}", null, (double)x.P10Dollars, (double)x.P50Dollars, (double)x.P90Dollars)).ToList(), "Monthly revenue after opening (P10-P90)", Fmt.Compact),
                $"Ramp-up {plan.RampUp}; renegotiated rates from month {plan.RenegotiationMonth + 1} where the renegotiation succeeds."),
            T.Table("What each payor pays a new clinic here (adjusted visit rate, MPPR applied)", ["Payor", "Mix", "n", "P25", "P50", "P75", "Entry", "Renegotiated", "P(success)", "% Medicare"],
                [false, true, true, true, true, true, true, true, true, true],
                m.Payors.Select(p => new[] { p.Payor, Fmt.Percent(p.MixShare, 0), p.SmallSample ? $"{p.Practices} *" : Fmt.Count(p.Practices), Fmt.Cents(p.MarketP25), Fmt.Cents(p.MarketP50), Fmt.Cents(p.MarketP75),
                    $"{Fmt.Cents(p.EntryRate)} ({Fmt.Percentile(p.EntryPercentile)})", $"{Fmt.Cents(p.RenegotiatedRate)} ({Fmt.Percentile(p.TargetPercentile)})", Fmt.Percent(p.RenegotiationSuccessProbability, 0), Fmt.Percent((double)(p.MarketP50 / p.MedicareVisitRate), 0) }),
                "n: practices priced on the basket. * small sample or no local data: a shrunk or national-fallback distribution (notes in the data-quality appendix). % Medicare: market median ÷ the basket at local Medicare under the payor's policy.",
                m.Payors.Select((p, i) => (p, i)).Where(t => t.p.SmallSample).Select(t => t.i)),
            T.Table("Revenue by period", ["Period", "Mean", "P10", "P50", "P90"], [false, true, true, true, true],
                m.Years.Append(m.Horizon).Select(y => new[] { y.Period, Fmt.Dollars(y.MeanDollars), Fmt.Dollars(y.P10Dollars), Fmt.Dollars(y.P50Dollars), Fmt.Dollars(y.P90Dollars) }),
                null, [m.Years.Count]),
        ]);
    }
}

/// <summary>The expansion plan's every assumption, with its source.</summary>
public sealed class ExpansionAssumptionsSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Expansion is not { } e)
        {
            return null;
        }

        var q = e.Parameters;
        static string Mix(IReadOnlyDictionary<string, double> mix) => string.Join("; ", mix.OrderByDescending(x => x.Value).Select(x => $"{x.Key} {Fmt.Percent(x.Value, 0)}"));
        var rows = new List<string[]>
        {
            new[] { "Candidate markets", string.Join(", ", q.Markets), "job" },
            new[] { "Visit basket", $"{q.Basket}: {string.Join(", ", q.BasketEntries.Select(b => $"{b.Code} ×{b.UnitsPerVisit.ToString("0.###", CultureInfo.InvariantCulture)}"))}", q.BasketSource },
            new[] { "Visits a year at maturity", Fmt.Count((int)q.VisitsPerYearAtMaturity), "job" },
            new[] { "Ramp-up", q.RampUp, "job (default: linear from 40% to 100% in month 12)" },
            new[] { "Payor mix", Mix(q.PayorMix), "job, or the group's own claims" },
        };
        rows.AddRange(q.PayorMixByState.Select(s => new[] { $"Payor mix in {s.Key}", Mix(s.Value), "job" }));
        rows.AddRange(
        [
            ["Entry percentile", Fmt.Percentile(q.EntryPercentile) + string.Concat(q.EntryPercentileByPayor.Select(x => $"; {x.Key} {Fmt.Percentile(x.Value)}")), "job (default P25: new entrants start low)"],
            ["Target percentile", Fmt.Percentile(q.TargetPercentile), "job (default P50)"],
            ["First renegotiation", $"new rates from month {q.RenegotiationMonth + 1}", "job (default: after a 24-month initial term, domain.md §6)"],
            ["Renegotiation success", q.RenegotiationSuccessProbability is { } s ? Fmt.Percent(s, 0) : "each payor's posterior for moving to a market percentile", q.RenegotiationSuccessProbability is null ? "negotiation history (methodology: strategy evidence)" : "job"],
            ["Landing spread", $"±{Fmt.Number(q.PercentileSpread * 100, 0)} percentile points, plus the sampling error of the percentile with n practices", "job (default 10 points)"],
            ["Volume uncertainty", $"{Fmt.Percent(q.VisitVolumeCv, 0)} coefficient of variation of mature visits", "job (default 15%)"],
            ["Horizon and paths", $"{q.HorizonMonths} months, {Fmt.Count(q.Paths)} paths, seed {q.Seed}", "job (defaults 36 months, 10,000 paths)"],
            ["MPPR for payors without a group contract", "CMS-style, 50% PE reduction on later units", "domain.md §2: Medicare, UHC, Aetna, BCBSM"],
            ["Small-sample threshold", $"{r.Parameters.MarketModel.SmallCellPractices} practices", "engine default"],
            ["Market data year", r.Parameters.MarketDataYear.ToString(CultureInfo.InvariantCulture), "most common year of the market rates"],
        ]);
        rows.AddRange(r.Medicare.Years.Select(y => new[] { $"Medicare {y.Year}", $"CF {Fmt.Number((double)y.ConversionFactorDollars, 4)} $/RVU", string.Join("; ", y.Provenance) }));
        var policies = e.Markets.SelectMany(m => m.Payors).DistinctBy(p => p.Payor).Select(p => new[] { $"MPPR: {p.Payor}", p.MpprPolicy, p.MpprSource });
        return new Section("assumptions", "Assumptions", [T.Table(null, ["Parameter", "Value", "Source"], [false, false, false], rows.Concat(policies))]);
    }
}

/// <summary>Builds the expansion report's view model from results.json.</summary>
public static class ExpansionReport
{
    public const string ConfidentialityLine = "Confidential — prepared for expansion planning; not for distribution.";

    public static ReportDocument Build(ResultsDocument results, string css, string methodologyHtml)
    {
        var e = results.Expansion ?? throw new InvalidOperationException("An expansion report needs expansion results.");
        IReportSection[] sections =
        [
            new ExpansionSummarySection(), new RankingSection(), new CodeSpreadSection(), new GroupComparisonSection(),
            .. MarketPagesSection.For(results),
            new ExpansionAssumptionsSection(), new DataQualitySection(), new MethodologySection(methodologyHtml),
        ];
        return new ReportDocument(
            "Expansion market sizing",
            results.Job.Practice,
            $"What payors pay a new clinic in {Fmt.Count(e.Markets.Count)} candidate markets — {results.Job.Name}",
            ConfidentialityLine,
            css,
            [
                new Kpi("Candidate markets", Fmt.Count(e.Markets.Count), string.Join(", ", e.Markets.Select(m => m.State).Distinct())),
                new Kpi("Planned clinic", Fmt.Count((int)e.Parameters.VisitsPerYearAtMaturity) + " visits", "a year at maturity"),
                new Kpi("Horizon", $"{e.Parameters.HorizonMonths} months", $"{Fmt.Count(e.Parameters.Paths)} paths"),
                new Kpi("Market evidence", Fmt.Count(results.Market.Practices) + " practices", $"{results.Market.Markets} markets, {Fmt.Count(results.Market.RateRowsByType.Values.Sum())} rates"),
            ],
            sections.Select(s => s.Build(results)).OfType<Section>().ToList());
    }
}
