using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using DiligenceEngine.Reporting.Results;

namespace DiligenceEngine.Reporting.Exports;

/// <summary>One column of an exported table: its header, how to read a value from a row, and its Excel number format.</summary>
internal sealed record Column<TRow>(string Header, Func<TRow, object?> Value, string? Format = null);

/// <summary>An exported table: a name (the CSV file and the sheet) and its columns over some rows.</summary>
internal interface IExportTable
{
    string Name { get; }

    IReadOnlyList<string> Headers { get; }

    IReadOnlyList<string?> Formats { get; }

    IEnumerable<object?[]> Rows { get; }
}

internal sealed class ExportTable<TRow>(string name, IEnumerable<TRow> rows, params Column<TRow>[] columns) : IExportTable
{
    public string Name => name;

    public IReadOnlyList<string> Headers => columns.Select(c => c.Header).ToList();

    public IReadOnlyList<string?> Formats => columns.Select(c => c.Format).ToList();

    public IEnumerable<object?[]> Rows => rows.Select(r => columns.Select(c => c.Value(r)).ToArray());
}

/// <summary>
/// Writes the key tables of a results document as CSV files (invariant culture, RFC 4180) and as one Excel workbook
/// with a sheet per table, numbers stored as numbers with display formats — both from the same table definitions.
/// </summary>
public static class TableExports
{
    private const string Dollars = "$#,##0.00";
    private const string WholeDollars = "$#,##0";
    private const string Fraction = "0.0%";

    public static IReadOnlyList<string> Write(ResultsDocument results, string folder)
    {
        var tables = Tables(results).ToList();
        var written = new List<string>();
        foreach (var table in tables)
        {
            var path = Path.Combine(folder, table.Name + ".csv");
            File.WriteAllText(path, Csv(table), new UTF8Encoding(false));
            written.Add(path);
        }

        using var workbook = new XLWorkbook();
        foreach (var table in tables)
        {
            var sheet = workbook.Worksheets.Add(table.Name.Length <= 31 ? table.Name : table.Name[..31]);
            for (var c = 0; c < table.Headers.Count; c++)
            {
                sheet.Cell(1, c + 1).Value = table.Headers[c];
                sheet.Cell(1, c + 1).Style.Font.Bold = true;
            }

            var r = 2;
            foreach (var row in table.Rows)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    var cell = sheet.Cell(r, c + 1);
                    cell.Value = row[c] switch
                    {
                        null => string.Empty,
                        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                        Enum e => e.ToString(),
                        var v => v,
                    };
                    if (table.Formats[c] is { } format)
                    {
                        cell.Style.NumberFormat.Format = format;
                    }
                    else if (row[c] is DateOnly)
                    {
                        cell.Style.NumberFormat.Format = "yyyy-mm-dd";
                    }
                }

                r++;
            }

            sheet.SheetView.FreezeRows(1);

            // ClosedXML 0.95 measures text through libgdiplus (AdjustToContents); a width from the header suffices.
            for (var c = 0; c < table.Headers.Count; c++)
            {
                sheet.Column(c + 1).Width = Math.Clamp(table.Headers[c].Length + 4, 10, 40);
            }
        }

        var xlsx = Path.Combine(folder, "tables.xlsx");
        workbook.SaveAs(xlsx);
        written.Add(xlsx);
        return written;
    }

    internal static IEnumerable<IExportTable> Tables(ResultsDocument results)
    {
        if (results.VisitEconomics is { } v)
        {
            yield return new ExportTable<Analysis.Visits.CodePosition>("positions", v.Positions,
                new("contract_id", p => p.ContractId), new("payor", p => p.Payor), new("market", p => p.Market), new("cpt", p => p.Code),
                new("target_rate", p => p.TargetRate, Dollars), new("market_p10", p => p.MarketP10, Dollars), new("market_p25", p => p.MarketP25, Dollars),
                new("market_p50", p => p.MarketP50, Dollars), new("market_p75", p => p.MarketP75, Dollars), new("market_p90", p => p.MarketP90, Dollars),
                new("percentile", p => p.Percentile, Fraction), new("percentile_low", p => p.PercentileLow, Fraction), new("percentile_high", p => p.PercentileHigh, Fraction),
                new("gap_to_p50", p => p.GapToP50, Dollars), new("gap_to_p75", p => p.GapToP75, Dollars), new("band", p => p.Band), new("basis", p => p.Basis),
                new("practices", p => p.Practices), new("small_sample", p => p.SmallSample), new("target_share_of_medicare", p => p.TargetShareOfMedicare, Fraction));
            yield return new ExportTable<Analysis.Visits.VisitRateComparison>("visit_rates", v.VisitRates,
                new("basket", x => x.Basket), new("contract_id", x => x.ContractId), new("payor", x => x.Payor), new("market", x => x.Market),
                new("target_visit_rate", x => x.TargetVisitRate, Dollars), new("market_p25", x => x.MarketP25, Dollars), new("market_p50", x => x.MarketP50, Dollars),
                new("market_p75", x => x.MarketP75, Dollars), new("percentile", x => x.Percentile, Fraction), new("practices", x => x.Practices),
                new("own_mix_visit_rate", x => x.OwnMixVisitRate, Dollars), new("rate_effect", x => x.RateEffect, Dollars), new("mix_effect", x => x.MixEffect, Dollars),
                new("medicare_visit_rate", x => x.MedicareVisitRate, Dollars), new("target_share_of_medicare", x => x.TargetShareOfMedicare, Fraction));
            yield return new ExportTable<Analysis.Visits.RevenueAtStakeLine>("revenue_at_stake", v.RevenueAtStake,
                new("contract_id", x => x.ContractId), new("payor", x => x.Payor), new("market", x => x.Market), new("cpt", x => x.Code),
                new("annual_units", x => x.AnnualUnits, "#,##0"), new("effective_mppr_factor", x => x.EffectiveMpprFactor, "0.000"), new("target_rate", x => x.TargetRate, Dollars),
                new("market_p50", x => x.MarketP50, Dollars), new("market_p75", x => x.MarketP75, Dollars), new("at_stake_to_p50", x => x.AtStakeToP50, Dollars), new("at_stake_to_p75", x => x.AtStakeToP75, Dollars));
            if (v.Repricing is { } rp)
            {
                yield return new ExportTable<Analysis.Visits.RepricingRow>("repricing", rp.ByPayor.Append(rp.Total),
                    new("payor", x => x.Payor), new("visits", x => x.Visits), new("lines", x => x.Lines), new("paid", x => x.PaidDollars, Dollars),
                    new("under_contract", x => x.UnderContractDollars, Dollars), new("at_market_p50", x => x.AtMarketP50Dollars, Dollars), new("at_market_p75", x => x.AtMarketP75Dollars, Dollars));
                yield return new ExportTable<Analysis.Visits.UnderpaymentRow>("underpayments", rp.Underpayments,
                    new("payor", x => x.Payor), new("underpaid_lines", x => x.UnderpaidLines), new("underpaid_claims", x => x.UnderpaidClaims), new("shortfall", x => x.ShortfallDollars, Dollars),
                    new("denied_lines", x => x.DeniedLines), new("denied_claims", x => x.DeniedClaims), new("denied_contracted", x => x.DeniedExpectedDollars, Dollars));
            }
        }

        if (results.Projection is { } p)
        {
            yield return new ExportTable<Analysis.Projection.ContractPlan>("contract_plans", p.Plans,
                new("contract_id", x => x.ContractId), new("payor", x => x.Payor), new("close_effect", x => x.CloseEffect), new("annual_revenue", x => x.AnnualRevenueDollars, WholeDollars),
                new("strategy", x => x.Strategy), new("strategy_description", x => x.StrategyDescription), new("forced", x => x.Forced), new("expected_npv", x => x.ExpectedNpvDollars, WholeDollars),
                new("runner_up", x => x.RunnerUp), new("lead_over_runner_up", x => x.DifferenceDollars, WholeDollars), new("renewal_date", x => x.Timeline.RenewalDate),
                new("notice_deadline", x => x.Timeline.NoticeDeadline), new("earliest_opening", x => x.Timeline.EarliestOpening), new("earliest_effective", x => x.Timeline.EarliestEffective));
            yield return new ExportTable<Analysis.Projection.MonthBand>("monthly_projection", p.Total,
                new("month", x => x.Month), new("baseline", x => x.BaselineDollars, WholeDollars), new("p10", x => x.P10, WholeDollars), new("p50", x => x.P50, WholeDollars),
                new("p90", x => x.P90, WholeDollars), new("mean", x => x.Mean, WholeDollars));
            yield return new ExportTable<Analysis.Projection.ContractContribution>("contributions", p.Contributions,
                new("contract_id", x => x.ContractId), new("payor", x => x.Payor), new("mean_npv", x => x.MeanNpvDollars, WholeDollars), new("share_of_npv", x => x.ShareOfNpv, Fraction),
                new("success_share_of_paths", x => x.SuccessShareOfPaths, Fraction), new("median_effective_date", x => x.MedianEffectiveDate), new("mean_revenue_at_risk", x => x.MeanRevenueAtRiskDollars, WholeDollars));
            yield return new ExportTable<Analysis.Projection.TornadoBar>("sensitivity", p.Sensitivity,
                new("parameter", x => x.Parameter), new("low_setting", x => x.LowSetting), new("low_p50_npv", x => x.LowP50NpvDollars, WholeDollars),
                new("high_setting", x => x.HighSetting), new("high_p50_npv", x => x.HighP50NpvDollars, WholeDollars), new("swing", x => x.SwingDollars, WholeDollars));
        }

        if (results.Expansion is { } e)
        {
            yield return new ExportTable<Analysis.Expansion.MarketSizing>("market_ranking", e.Markets,
                new("rank", x => x.Rank), new("market", x => x.Market), new("name", x => x.Name), new("state", x => x.State),
                new("entry_revenue_per_visit", x => x.EntryRevenuePerVisit, Dollars), new("renegotiated_revenue_per_visit", x => x.RenegotiatedRevenuePerVisit, Dollars),
                new("expected_revenue_per_visit", x => x.ExpectedRevenuePerVisit, Dollars), new("market_median_per_visit", x => x.MarketMedianRevenuePerVisit, Dollars),
                new("medicare_per_visit", x => x.MedicareRevenuePerVisit, Dollars), new("medicare_index", x => x.MedicareIndex, Fraction),
                new("horizon_mean", x => x.Horizon.MeanDollars, WholeDollars), new("horizon_p10", x => x.Horizon.P10Dollars, WholeDollars), new("horizon_p50", x => x.Horizon.P50Dollars, WholeDollars),
                new("horizon_p90", x => x.Horizon.P90Dollars, WholeDollars), new("mature_annual_at_entry", x => x.MatureAnnualRevenueAtEntry, WholeDollars),
                new("minimum_practices", x => x.MinimumPractices), new("small_sample_payors", x => x.SmallSamplePayors), new("fallback_payors", x => x.FallbackPayors));
            yield return new ExportTable<(string Market, Analysis.Expansion.ExpansionPayorRate Payor)>("market_payors", e.Markets.SelectMany(m => m.Payors.Select(p => (m.Market, p))),
                new("market", x => x.Market), new("payor", x => x.Payor.Payor), new("mix_share", x => x.Payor.MixShare, Fraction), new("practices", x => x.Payor.Practices),
                new("basis", x => x.Payor.Basis), new("small_sample", x => x.Payor.SmallSample), new("market_p10", x => x.Payor.MarketP10, Dollars), new("market_p25", x => x.Payor.MarketP25, Dollars),
                new("market_p50", x => x.Payor.MarketP50, Dollars), new("market_p75", x => x.Payor.MarketP75, Dollars), new("market_p90", x => x.Payor.MarketP90, Dollars),
                new("entry_percentile", x => x.Payor.EntryPercentile, Fraction), new("entry_rate", x => x.Payor.EntryRate, Dollars), new("target_percentile", x => x.Payor.TargetPercentile, Fraction),
                new("renegotiated_rate", x => x.Payor.RenegotiatedRate, Dollars), new("success_probability", x => x.Payor.RenegotiationSuccessProbability, Fraction),
                new("medicare_visit_rate", x => x.Payor.MedicareVisitRate, Dollars), new("mppr_policy", x => x.Payor.MpprPolicy));
            yield return new ExportTable<(string Market, Analysis.Expansion.PeriodRevenueRow Period)>("market_revenue", e.Markets.SelectMany(m => m.Years.Append(m.Horizon).Select(y => (m.Market, y))),
                new("market", x => x.Market), new("period", x => x.Period.Period), new("first_month", x => x.Period.FirstMonth), new("last_month", x => x.Period.LastMonth),
                new("mean", x => x.Period.MeanDollars, WholeDollars), new("p10", x => x.Period.P10Dollars, WholeDollars), new("p50", x => x.Period.P50Dollars, WholeDollars), new("p90", x => x.Period.P90Dollars, WholeDollars));
            yield return new ExportTable<Analysis.Expansion.CodeSpread>("code_spreads", e.CodeSpreads,
                new("cpt", x => x.Code), new("best_market", x => x.BestMarket), new("best_rate", x => x.BestRate, Dollars), new("worst_market", x => x.WorstMarket),
                new("worst_rate", x => x.WorstRate, Dollars), new("spread", x => x.SpreadDollars, Dollars), new("spread_share", x => x.SpreadFraction, Fraction));
            if (e.GroupContracts.Count > 0)
            {
                yield return new ExportTable<Analysis.Expansion.GroupContractPosition>("group_contracts", e.GroupContracts,
                    new("contract_id", x => x.ContractId), new("payor", x => x.Payor), new("group_visit_rate", x => x.GroupVisitRate, Dollars), new("market", x => x.Market),
                    new("market_p50", x => x.MarketP50, Dollars), new("difference", x => x.Difference, Fraction), new("percentile_there", x => x.PercentileThere, Fraction), new("small_sample", x => x.SmallSample));
            }
        }

        if (results.Recruiting is { } rc)
        {
            yield return new ExportTable<Analysis.Recruiting.RecruitingPayorRow>("payor_position", rc.Payors,
                new("payor", x => x.Payor), new("contract_id", x => x.ContractId), new("paid", x => x.PaidDollars, Dollars), new("revenue_share", x => x.RevenueShare, Fraction),
                new("visit_rate", x => x.VisitRate, Dollars), new("market_p50", x => x.MarketP50, Dollars), new("market_p75", x => x.MarketP75, Dollars),
                new("percentile", x => x.Percentile, Fraction), new("percentile_low", x => x.PercentileLow, Fraction), new("percentile_high", x => x.PercentileHigh, Fraction),
                new("practices", x => x.Practices), new("small_sample", x => x.SmallSample), new("top_quartile", x => x.TopQuartile));
            yield return new ExportTable<Analysis.Recruiting.RecruitingCodeRow>("revenue_codes", rc.Codes,
                new("cpt", x => x.Code), new("paid", x => x.PaidDollars, Dollars), new("revenue_share", x => x.RevenueShare, Fraction), new("payors", x => x.Payors),
                new("above_market", x => x.AboveMarket), new("at_market", x => x.AtMarket), new("below_market", x => x.BelowMarket), new("median_percentile", x => x.MedianPercentile, Fraction));
        }

        yield return new ExportTable<Analysis.Market.CellDistribution>("market_cells", results.Cells.Where(c => c.Key.Level == Analysis.Market.CellLevel.MarketPayor),
            new("market", c => c.Key.Geography), new("payor", c => c.Key.Payor), new("cpt", c => c.Key.Code.Value), new("rate_type", c => c.Key.Type),
            new("observations", c => c.Observations), new("practices", c => c.Practices), new("p10", c => c.Dollars.P10, Dollars), new("p25", c => c.Dollars.P25, Dollars),
            new("p50", c => c.Dollars.P50, Dollars), new("p75", c => c.Dollars.P75, Dollars), new("p90", c => c.Dollars.P90, Dollars),
            new("p50_share_of_medicare", c => c.ShareOfMedicare.P50, Fraction), new("small_sample", c => c.SmallSample), new("shrinkage_weight", c => c.Shrinkage?.Weight, "0.00"),
            new("excluded_outliers", c => c.ExcludedOutliers));
    }

    private static string Csv(IExportTable table)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', table.Headers));
        foreach (var row in table.Rows)
        {
            sb.AppendLine(string.Join(',', row.Select(Field)));
        }

        return sb.ToString();
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString() ?? string.Empty,
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
