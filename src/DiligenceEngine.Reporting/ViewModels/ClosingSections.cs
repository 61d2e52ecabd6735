using System.Globalization;
using DiligenceEngine.Reporting.Charts;
using DiligenceEngine.Reporting.Results;

namespace DiligenceEngine.Reporting.ViewModels;

/// <summary>Projected revenue: the fan chart, the bridge from current revenue to expected, uplift by year and by contract.</summary>
public sealed class UpliftSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Projection is not { } p || r.VisitEconomics is not { } v)
        {
            return null;
        }

        var years = p.Parameters.HorizonMonths / 12.0;
        var current = (double)(v.Repricing?.Total.UnderContractDollars ?? 0) * (v.Repricing?.AnnualizationFactor ?? 1);
        var rawGap = v.RevenueAtStake.Sum(a => (double)(a.MarketP50 - a.TargetRate) * a.AnnualUnits);
        var effectiveGap = (double)v.RevenueAtStakeTotal.ToP50;
        var expected = p.CumulativeUpliftByYear[^1].Mean / years;
        var steps = new List<WaterfallStep>
        {
            new("Current", current, true),
            new("Gap to P50", rawGap, false),
            new("MPPR effect", effectiveGap - rawGap, false),
            new("Timing, odds, strategy", expected - effectiveGap, false),
            new("Expected", current + expected, true),
        };
        return new Section("uplift", "Projected uplift",
        [
            new Figure(ChartBuilder.Fan(p.Total.Select(m => new FanPoint(m.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture), m.BaselineDollars, m.P10, m.P50, m.P90)).ToList(), "Monthly revenue: baseline and projected (P10-P90)", Fmt.Compact),
                $"Baseline: current terms with {Fmt.Percent(p.Parameters.VolumeGrowth, 0)} growth and escalators; projected: with renegotiation and close effects, {Fmt.Count(p.Parameters.Paths)} paths."),
            new Figure(ChartBuilder.Waterfall(steps, "Annual revenue bridge", Fmt.Dollars),
                "Current annual revenue under the contracts (claims re-priced, annualised); the net gap to market median at code rates; what MPPR takes off that gap; the difference timing, success odds and the chosen strategies make (expected uplift per year averaged over the horizon); expected annual revenue."),
            new KpiRow(
            [
                new Kpi("Uplift NPV mean", Fmt.Dollars(p.UpliftNpv.Mean), $"± {Fmt.Dollars(p.UpliftNpv.StandardError)} Monte Carlo standard error"),
                new Kpi("Uplift NPV P10 / P50 / P90", $"{Fmt.Compact(p.UpliftNpv.P10)} / {Fmt.Compact(p.UpliftNpv.P50)} / {Fmt.Compact(p.UpliftNpv.P90)}", $"discounted at {Fmt.Percent(p.Parameters.DiscountRate, 0)}"),
            ]),
            T.Table("Cumulative uplift (undiscounted)", ["Year", "Through", "P10", "P50", "P90", "Mean"], [true, true, true, true, true, true],
                p.CumulativeUpliftByYear.Select(y => new[] { y.Year.ToString(CultureInfo.InvariantCulture), Fmt.Date(y.Through), Fmt.Dollars(y.P10), Fmt.Dollars(y.P50), Fmt.Dollars(y.P90), Fmt.Dollars(y.Mean) })),
            T.Table("Which contracts drive the value, and when", ["Contract", "Payor", "Mean NPV", "Share", "P(success)", "Median new rates", "Revenue at risk"], [false, false, true, true, true, true, true],
                p.Contributions.Select(c => new[] { c.ContractId, c.Payor, Fmt.Dollars(c.MeanNpvDollars), Fmt.Percent(c.ShareOfNpv), Fmt.Percent(c.SuccessShareOfPaths, 0), Fmt.Date(c.MedianEffectiveDate), Fmt.Dollars(c.MeanRevenueAtRiskDollars) })),
        ]);
    }
}

/// <summary>The sensitivity tornado.</summary>
public sealed class SensitivitySection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        if (r.Projection is not { } p)
        {
            return null;
        }

        return new Section("sensitivity", "Sensitivity",
        [
            new Figure(ChartBuilder.Tornado(p.Sensitivity.Select(s => new TornadoRow(s.Parameter, s.LowSetting, s.HighSetting, s.LowP50NpvDollars, s.HighP50NpvDollars)).ToList(), p.UpliftNpv.P50, "P50 uplift NPV when one parameter moves", Fmt.Compact),
                "Each bar re-runs the projection on the same random draws with one parameter moved down (red) and up (blue); widest first."),
            T.Table(null, ["Parameter", "Low", "P50 NPV", "High", "P50 NPV", "Swing"], [false, false, true, false, true, true],
                p.Sensitivity.Select(s => new[] { s.Parameter, s.LowSetting, Fmt.Dollars(s.LowP50NpvDollars), s.HighSetting, Fmt.Dollars(s.HighP50NpvDollars), Fmt.Dollars(s.SwingDollars) })),
        ]);
    }
}

/// <summary>Every parameter the numbers rest on, with its source.</summary>
public sealed class AssumptionsSection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        var m = r.Parameters.MarketModel;
        var rows = new List<string[]>
        {
            new[] { "Small-sample threshold", $"{m.SmallCellPractices} practices", "engine default (methodology: small samples)" },
            new[] { "Outlier band", $"{Fmt.Percent(m.OutlierBelowMedicareFraction, 0)}–{Fmt.Percent(m.OutlierAboveMedicareFraction, 0)} of Medicare", "engine default" },
            new[] { "Bootstrap", $"{Fmt.Count(m.BootstrapResamples)} resamples, {Fmt.Percent(m.Confidence, 0)} intervals, seed {m.Seed}", "engine default; seed from the job" },
            new[] { "At-market band", $"±{Fmt.Percent(m.AtMarketBand, 0)} of the median", "engine default" },
            new[] { "Underpayment tolerance", Fmt.Percent(r.Parameters.VisitEconomics.UnderpaymentTolerance, 0), "engine default" },
            new[] { "Market data year", r.Parameters.MarketDataYear.ToString(CultureInfo.InvariantCulture), "most common year of the market rates" },
        };
        rows.AddRange(r.Medicare.Years.Select(y => new[] { $"Medicare {y.Year}", $"CF {Fmt.Number((double)y.ConversionFactorDollars, 4)} $/RVU", string.Join("; ", y.Provenance) }));
        if (r.Projection is { } p)
        {
            var q = p.Parameters;
            rows.AddRange(
            [
                ["Close date", Fmt.Date(q.CloseDate), "job"],
                ["Deal structure", q.Deal == Analysis.Projection.DealStructure.StockPurchase ? "stock purchase" : "asset purchase", "job (default stock purchase)"],
                ["Projection", $"{q.HorizonMonths} months from {Fmt.Date(q.Start)}, {Fmt.Count(q.Paths)} paths, seed {q.Seed}", "job (defaults 36 months, 10,000 paths)"],
                ["Discount rate", Fmt.Percent(q.DiscountRate, 1), "job (default 10%)"],
                ["Volume growth", Fmt.Percent(q.VolumeGrowth, 1) + " a year", "job (default 0%)"],
                ["Seasonality", q.Seasonality, "target claims"],
                ["Consent delay", $"{q.ConsentDelayMinDays}–{q.ConsentDelayMaxDays} days", "engine default (domain.md §6)"],
                ["Credentialing gap", $"{q.CredentialingGapMinDays}–{q.CredentialingGapMaxDays} days", "engine default: 90-180 days (domain.md §6)"],
                ["Negotiation lead", $"{q.NegotiationLeadDays} days before the notice deadline", "engine default (domain.md §6: 6-12 months)"],
                ["New-entrant rates", $"market P{Math.Round(q.NewEntrantPercentile * 100)}", "engine default"],
                ["Move-to-percentile target", $"market P{Math.Round(q.TargetPercentile * 100)}", "engine default"],
                ["NPV threshold", Fmt.Dollars(q.UpliftThresholdDollars), "job"],
            ]);
        }

        rows.AddRange(r.Medicare.Assumptions.Select(a => new[] { "Medicare substitution", a, "recorded by the Medicare loader" }));
        return new Section("assumptions", "Assumptions", [T.Table(null, ["Parameter", "Value", "Source"], [false, false, false], rows)]);
    }
}

/// <summary>Data quality: warnings, exclusions, small cells and comparisons that could not be made.</summary>
public sealed class DataQualitySection : IReportSection
{
    public Section? Build(ResultsDocument r)
    {
        var blocks = new List<Block>
        {
            new KpiRow(
            [
                new Kpi("Outliers excluded", Fmt.Count(r.Exclusions.Outliers), $"outside {Fmt.Percent(r.Exclusions.OutlierBandLowShareOfMedicare, 0)}–{Fmt.Percent(r.Exclusions.OutlierBandHighShareOfMedicare, 0)} of Medicare"),
                new Kpi("Small cells", $"{Fmt.Count(r.Market.SmallCells)} of {Fmt.Count(r.Market.Cells)}", $"fewer than {r.Market.SmallCellThresholdPractices} practices: shrunk toward the national payor distribution"),
                new Kpi("Warnings", Fmt.Count(r.DataQuality.Count), "listed below; none blocks the analysis"),
            ]),
            T.Table("Warnings from loading the inputs", ["Where", "Column", "Value", "Problem"], [false, false, false, false],
                r.DataQuality.Select(i => new[] { i.Line is null ? Path.GetFileName(i.File) : $"{Path.GetFileName(i.File)}:{i.Line}{(i.Column is null ? string.Empty : ":" + i.Column)}", i.ColumnName ?? string.Empty, i.Value ?? string.Empty, i.Message })),
        };
        if (r.VisitEconomics is { Missing.Count: > 0 } v)
        {
            blocks.Add(T.Table("Comparisons that could not be made", ["Contract", "Market", "Subject", "Reason"], [false, false, false, false],
                v.Missing.Select(x => new[] { x.ContractId, x.Market, x.Subject, x.Reason })));
        }

        if (r.Expansion is { } e)
        {
            var thin = e.Markets.SelectMany(m => m.Payors.Where(p => p.SmallSample).Select(p => new[] { m.Market, p.Payor, Fmt.Count(p.Practices), p.BasisNote })).ToList();
            if (thin.Count > 0)
            {
                blocks.Add(T.Table("Candidate-market payors with thin data", ["Market", "Payor", "n", "How the distribution was obtained"], [false, false, true, false], thin));
            }

            if (e.Notes.Count > 0)
            {
                blocks.Add(new BulletList(e.Notes));
            }
        }

        return new Section("data-quality", "Data-quality appendix", blocks);
    }
}

/// <summary>The methodology, from docs/methodology.md as shipped with the engine.</summary>
public sealed class MethodologySection(string methodologyHtml) : IReportSection
{
    public Section? Build(ResultsDocument r) => new("methodology", "Methodology appendix", [new TrustedHtml(methodologyHtml)]);
}

/// <summary>Builds the acquisition report's view model from results.json, one section class after another.</summary>
public static class AcquisitionReport
{
    public const string ConfidentialityLine = "Confidential — prepared for acquisition due diligence; not for distribution.";

    public static IReadOnlyList<IReportSection> Sections(string methodologyHtml) =>
    [
        new SummarySection(), new RevenueSection(), new RatePositionSection(), new VisitRatesSection(), new MedicareSection(),
        new RepricingSection(), new TimelineSection(), new StrategySection(), new UpliftSection(), new SensitivitySection(),
        new AssumptionsSection(), new DataQualitySection(), new MethodologySection(methodologyHtml),
    ];

    public static ReportDocument Build(ResultsDocument results, string css, string methodologyHtml)
    {
        var cover = new List<Kpi>();
        if (results.Target is { } t)
        {
            cover.Add(new Kpi("Contracts", Fmt.Count(t.Contracts.Count), $"{t.Locations} clinics"));
            cover.Add(new Kpi("Claims analysed", Fmt.Count(t.Visits) + " visits", $"{Fmt.Date(t.FirstDateOfService)} – {Fmt.Date(t.LastDateOfService)}"));
            cover.Add(new Kpi("Paid in the period", Fmt.Dollars(t.PaidDollars), "all payors"));
        }

        cover.Add(new Kpi("Market evidence", Fmt.Count(results.Market.Practices) + " practices", $"{results.Market.Markets} markets, {Fmt.Count(results.Market.RateRowsByType.Values.Sum())} rates"));
        return new ReportDocument(
            "Payor contract diligence",
            results.Job.Practice,
            $"Acquisition due diligence — {results.Job.Name}",
            ConfidentialityLine,
            css,
            cover,
            Sections(methodologyHtml).Select(s => s.Build(results)).OfType<Section>().ToList());
    }
}
