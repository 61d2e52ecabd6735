namespace DiligenceEngine.Analysis.Visits;

/// <summary>
/// The target's position on one code of one contract in one market. Dollars are per unit; fractions are 0-1
/// (0.25 = 25%); gaps are market minus target, so a positive gap means the target is paid below market.
/// </summary>
public sealed record CodePosition(
    string ContractId,
    string Payor,
    string Market,
    string Code,
    string ComparedWithRateType,
    decimal TargetRate,
    decimal MedicareRate,
    double TargetShareOfMedicare,
    string Basis,
    string BasisNote,
    int Practices,
    int Observations,
    bool SmallSample,
    double? ShrinkageWeight,
    double Percentile,
    double PercentileLow,
    double PercentileHigh,
    decimal MarketP10,
    decimal MarketP25,
    decimal MarketP50,
    decimal MarketP75,
    decimal MarketP90,
    decimal GapToP50,
    double GapToP50Fraction,
    decimal GapToP75,
    double GapToP75Fraction,
    string Band);

/// <summary>Counts of codes below, at and above market for one payor, with the revenue it carries.</summary>
public sealed record PayorPositionSummary(int Rank, string Payor, decimal PaidDollars, double ShareOfPaid, int CodesBelow, int CodesAt, int CodesAbove, int CodesWithoutMarketData);

/// <summary>The revenue one code carries across all payors.</summary>
public sealed record CodeRevenue(int Rank, string Code, string Name, int Units, decimal PaidDollars, double ShareOfPaid);

/// <summary>
/// The adjusted (MPPR-effective) visit rate of one contract in one market against the market's distribution of
/// practices priced on the same basket under the same policy, and the target's own-mix visit rate.
/// Rate effect = target basket rate − market median basket rate; mix effect = own-mix rate − target basket rate.
/// </summary>
public sealed record VisitRateComparison(
    string Basket,
    string ContractId,
    string Payor,
    string Market,
    string MpprPolicy,
    decimal TargetVisitRate,
    decimal MedicareVisitRate,
    double TargetShareOfMedicare,
    string Basis,
    string BasisNote,
    int Practices,
    int PracticesWithImputedCodes,
    int ImputedCodes,
    int PracticesExcluded,
    bool SmallSample,
    double Percentile,
    double PercentileLow,
    double PercentileHigh,
    decimal MarketP10,
    decimal MarketP25,
    decimal MarketP50,
    decimal MarketP75,
    decimal MarketP90,
    decimal? OwnMixVisitRate,
    int? OwnMixVisits,
    decimal RateEffect,
    decimal? MixEffect);

/// <summary>
/// Annual revenue at stake on one code of one contract in one market: (market quantile − target rate) × annual units ×
/// the code's effective MPPR factor (what its units are actually paid under the contract ÷ fee × units).
/// </summary>
public sealed record RevenueAtStakeLine(
    string ContractId,
    string Payor,
    string Market,
    string Code,
    double AnnualUnits,
    double EffectiveMpprFactor,
    decimal TargetRate,
    decimal MarketP50,
    decimal MarketP75,
    decimal AtStakeToP50,
    decimal AtStakeToP75);

/// <summary>Totals of revenue at stake; "upside" adds only lines where the target is below the market quantile.</summary>
public sealed record RevenueAtStakeTotal(string Payor, decimal ToP50, decimal ToP75, decimal UpsideToP50, decimal UpsideToP75);

/// <summary>The target's claims re-priced under its contracts and at market P50 and P75, side by side, per payor.</summary>
public sealed record RepricingRow(string Payor, int Visits, int Lines, decimal PaidDollars, decimal UnderContractDollars, decimal AtMarketP50Dollars, decimal AtMarketP75Dollars);

/// <summary>Lines paid below contract × (1 − tolerance), and denied lines (paid 0), per payor.</summary>
public sealed record UnderpaymentRow(string Payor, int UnderpaidLines, int UnderpaidClaims, decimal ShortfallDollars, int DeniedLines, int DeniedClaims, decimal DeniedExpectedDollars);

public sealed record RepricingResults(
    DateOnly FirstDateOfService,
    DateOnly LastDateOfService,
    double AnnualizationFactor,
    double UnderpaymentTolerance,
    IReadOnlyList<RepricingRow> ByPayor,
    RepricingRow Total,
    IReadOnlyList<UnpricedVisits> Unpriced,
    IReadOnlyList<UnderpaymentRow> Underpayments);

/// <summary>Everything the visit-economics stage produces for a target practice.</summary>
public sealed record VisitEconomicsResults(
    IReadOnlyList<CodePosition> Positions,
    IReadOnlyList<PayorPositionSummary> Payors,
    IReadOnlyList<CodeRevenue> Codes,
    IReadOnlyList<VisitRateComparison> VisitRates,
    IReadOnlyList<RevenueAtStakeLine> RevenueAtStake,
    IReadOnlyList<RevenueAtStakeTotal> RevenueAtStakeByPayor,
    RevenueAtStakeTotal RevenueAtStakeTotal,
    RepricingResults? Repricing,
    IReadOnlyList<MissingComparison> Missing)
{
    /// <summary>The re-priced visits themselves, for the projection; not written to results.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<RepricedVisit> RepricedVisits { get; init; } = [];
}
