using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Analysis.Recruiting;

/// <summary>
/// One payor of the practice in its market: the revenue it carries there and where the practice's adjusted visit rate
/// sits in the market's distribution. Top quartile means the point estimate is at or above P75.
/// </summary>
public sealed record RecruitingPayorRow(
    string Payor,
    string ContractId,
    decimal PaidDollars,
    double RevenueShare,
    decimal VisitRate,
    decimal MarketP50,
    decimal MarketP75,
    double Percentile,
    double PercentileLow,
    double PercentileHigh,
    int Practices,
    bool SmallSample,
    bool TopQuartile,
    int? CompetitorsBehind,
    int? CompetitorSet);

/// <summary>A code that drives the practice's revenue, and how its rates sit against the market's payor by payor.</summary>
public sealed record RecruitingCodeRow(string Code, string Name, decimal PaidDollars, double RevenueShare, int Payors, int AboveMarket, int AtMarket, int BelowMarket, double? MedianPercentile);

/// <summary>The practice's competitive position in one market, with the narrative lines drawn from it; null percentiles mean nothing could be compared.</summary>
public sealed record RecruitingResults(
    string Market,
    string MarketName,
    string Basket,
    int? CompetitorSetSize,
    double? OverallPercentile,
    int TopQuartilePayors,
    IReadOnlyList<RecruitingPayorRow> Payors,
    IReadOnlyList<RecruitingCodeRow> Codes,
    IReadOnlyList<string> Narrative,
    IReadOnlyList<string> NotCompared);

/// <summary>
/// The recruiting stage: from the visit economics of a practice, its position in one market — per payor (the adjusted
/// visit rate percentile), overall (the revenue-weighted mean of those percentiles), how many payors are top-quartile,
/// its payor mix by revenue, and the codes that drive its revenue — and the narrative that states only what those
/// figures show.
/// </summary>
public static class CompetitivePosition
{
    public const double TopQuartile = 0.75;

    public static RecruitingResults Analyze(VisitEconomicsResults visits, TargetPractice practice, Domain.Markets.Market market, string basket, int? competitorSetSize, int topCodes, Domain.Medicare.MedicareBaseline medicare, CptCatalog catalog)
    {
        var notCompared = new List<string>();
        var revenue = RevenueByPayorAndCode(practice, market.Id, medicare, catalog, notCompared);
        var total = revenue.Values.Sum();
        var byPayor = revenue.GroupBy(r => r.Key.Payor).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        var comparisons = visits.VisitRates.Where(v => v.Basket == basket && v.Market == market.Id.Value).ToList();
        var payors = comparisons.Select(v =>
        {
            var paid = byPayor.GetValueOrDefault(v.Payor);
            var set = competitorSetSize ?? (v.Practices > 0 ? v.Practices : null);
            return new RecruitingPayorRow(v.Payor, v.ContractId, paid, total == 0 ? 0 : (double)(paid / total), v.TargetVisitRate, v.MarketP50, v.MarketP75,
                v.Percentile, v.PercentileLow, v.PercentileHigh, v.Practices, v.SmallSample, v.Percentile >= TopQuartile,
                set is { } n ? (int)Math.Floor(v.Percentile * n) : null, set);
        }).OrderByDescending(p => p.PaidDollars).ThenBy(p => p.Payor, StringComparer.Ordinal).ToList();

        var weight = payors.Sum(p => (double)p.PaidDollars);
        double? overall = payors.Count == 0 ? null
            : weight > 0 ? payors.Sum(p => p.Percentile * (double)p.PaidDollars) / weight
            : payors.Average(p => p.Percentile);

        var codes = revenue.GroupBy(r => r.Key.Code).Select(g => (Code: g.Key, Paid: g.Sum(x => x.Value)))
            .OrderByDescending(c => c.Paid).ThenBy(c => c.Code).Take(topCodes)
            .Select(c =>
            {
                var positions = visits.Positions.Where(p => p.Market == market.Id.Value && p.Code == c.Code.Value).ToList();
                var percentiles = positions.Select(p => p.Percentile).Order().ToArray();
                return new RecruitingCodeRow(c.Code.Value, catalog[c.Code].PlainName, c.Paid, total == 0 ? 0 : (double)(c.Paid / total), positions.Count,
                    positions.Count(p => p.Band == "above market"), positions.Count(p => p.Band == "at market"), positions.Count(p => p.Band == "below market"),
                    percentiles.Length == 0 ? null : Statistics.Quantiles.R7(percentiles, 0.5));
            }).ToList();

        notCompared.AddRange(visits.Missing.Where(m => m.Market == market.Id.Value && m.Subject == $"{basket} visit rate")
            .Select(m => $"{m.Payor} ({m.ContractId}): {m.Reason}"));
        var facts = new RecruitingFacts(market.Name, payors, overall, codes);
        return new RecruitingResults(market.Id.Value, market.Name, basket, competitorSetSize, overall, payors.Count(p => p.TopQuartile), payors, codes,
            RecruitingNarrative.Write(facts), notCompared);
    }

    /// <summary>
    /// Paid dollars per payor × code at the practice's locations in the market: what the claims were paid, or, from
    /// aggregated volumes, units × the contract's fee (no MPPR without visit detail). Volumes no contract prices are
    /// listed as not compared rather than counted as zero.
    /// </summary>
    private static Dictionary<(string Payor, CptCode Code), decimal> RevenueByPayorAndCode(TargetPractice practice, MarketId market, Domain.Medicare.MedicareBaseline medicare, CptCatalog catalog, List<string> notCompared)
    {
        var here = practice.Locations.Where(l => l.Market == market).Select(l => l.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (practice.Claims.Count > 0)
        {
            return practice.Claims.Where(c => here.Contains(c.LocationId)).GroupBy(c => (c.Payor.Name, c.Code)).ToDictionary(g => g.Key, g => g.Sum(c => c.Paid.Amount));
        }

        var revenue = new Dictionary<(string Payor, CptCode Code), decimal>();
        foreach (var v in practice.Volumes.Where(v => here.Contains(v.LocationId)))
        {
            var contract = practice.Contracts.FirstOrDefault(c => c.Payor == v.Payor && c.Markets.Contains(market));
            if (contract is null || !ContractFees.Resolve(contract, medicare, catalog).TryGetValue(v.Code, out var fee))
            {
                notCompared.Add($"{v.Payor.Name} {v.Code} volume at {v.LocationId}: {(contract is null ? "no contract with the payor covers the market" : $"contract {contract.Id} has no fee for the code")}, so its revenue is not counted");
                continue;
            }

            revenue[(v.Payor.Name, v.Code)] = revenue.GetValueOrDefault((v.Payor.Name, v.Code)) + (fee.Amount * v.UnitsPerYear);
        }

        return revenue;
    }
}
