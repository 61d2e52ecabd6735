namespace DiligenceEngine.Analysis.Expansion;

/// <summary>
/// One payor of a candidate market: the market's distribution of adjusted (MPPR-effective) visit rates on the plan's
/// basket, where a new entrant starts and where a successful renegotiation takes it. Dollars per visit; percentiles
/// and shares as fractions.
/// </summary>
public sealed record ExpansionPayorRate(
    string Payor,
    double MixShare,
    string MpprPolicy,
    string MpprSource,
    string ComparedWithRateType,
    string Basis,
    string BasisNote,
    int Practices,
    int PracticesWithImputedCodes,
    bool SmallSample,
    decimal MedicareVisitRate,
    decimal MarketP10,
    decimal MarketP25,
    decimal MarketP50,
    decimal MarketP75,
    decimal MarketP90,
    double EntryPercentile,
    decimal EntryRate,
    double TargetPercentile,
    decimal RenegotiatedRate,
    double LandingSdPercentilePoints,
    double RenegotiationSuccessProbability,
    string SuccessSource);

/// <summary>Revenue over a period after opening, across Monte Carlo paths (dollars).</summary>
public sealed record PeriodRevenueRow(string Period, int FirstMonth, int LastMonth, decimal MeanDollars, decimal MeanStandardErrorDollars, decimal P10Dollars, decimal P50Dollars, decimal P90Dollars);

/// <summary>Revenue of one month after opening: mean visits, mean and P10/P50/P90 dollars.</summary>
public sealed record MonthRevenueRow(int Month, double MeanVisits, decimal MeanDollars, decimal P10Dollars, decimal P50Dollars, decimal P90Dollars);

/// <summary>
/// One candidate market, sized: revenue per visit at entry, after a successful renegotiation and as expected over the
/// horizon; the Medicare index (payor-mix-weighted market median visit rate ÷ the same mix at local Medicare); revenue
/// bands by year and over the horizon; and how deep the data behind it are.
/// </summary>
public sealed record MarketSizing(
    int Rank,
    string Market,
    string Name,
    string State,
    string? Cbsa,
    decimal EntryRevenuePerVisit,
    decimal RenegotiatedRevenuePerVisit,
    decimal ExpectedRevenuePerVisit,
    decimal MarketMedianRevenuePerVisit,
    decimal MedicareRevenuePerVisit,
    double MedicareIndex,
    decimal MatureAnnualRevenueAtEntry,
    PeriodRevenueRow Horizon,
    IReadOnlyList<PeriodRevenueRow> Years,
    IReadOnlyList<MonthRevenueRow> Months,
    int MinimumPractices,
    int SmallSamplePayors,
    int FallbackPayors,
    IReadOnlyList<ExpansionPayorRate> Payors);

/// <summary>A code's payor-mix-weighted market median in one market, and as a share of that market's Medicare rate.</summary>
public sealed record CodeMarketRate(string Market, decimal MedianRate, double ShareOfMedicare, double MixShareCovered);

/// <summary>How far apart the best- and worst-paying candidate markets are on one code of the basket.</summary>
public sealed record CodeSpread(
    string Code,
    string Name,
    string BestMarket,
    decimal BestRate,
    string WorstMarket,
    decimal WorstRate,
    decimal SpreadDollars,
    double SpreadFraction,
    IReadOnlyList<CodeMarketRate> ByMarket);

/// <summary>
/// One of the group's existing contracts set against a candidate market: its visit rate (its own fees and MPPR policy
/// on the plan's basket) against that payor's market median there, and the percentile it would sit at.
/// Difference = market P50 ÷ group rate − 1 (positive: the market pays more).
/// </summary>
public sealed record GroupContractPosition(
    string ContractId,
    string Payor,
    string HomeMarket,
    decimal GroupVisitRate,
    string Market,
    decimal MarketP50,
    double Difference,
    double PercentileThere,
    bool SmallSample);

/// <summary>
/// A candidate market against the group's existing contracts, over the payors of the market's mix that the group
/// contracts with (weighted by mix share): materially better when the market median exceeds the group's rates by more
/// than the at-market band.
/// </summary>
public sealed record GroupMarketComparison(string Market, double MixShareCovered, decimal GroupVisitRate, decimal MarketMedianVisitRate, double Difference, bool PaysMateriallyBetter);

/// <summary>The plan as run, for the assumptions table and reproduction.</summary>
public sealed record ExpansionParameters(
    IReadOnlyList<string> Markets,
    string Basket,
    string BasketSource,
    IReadOnlyList<BasketEntry> BasketEntries,
    double VisitsPerYearAtMaturity,
    string RampUp,
    IReadOnlyList<double> RampUpShares,
    IReadOnlyDictionary<string, double> PayorMix,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PayorMixByState,
    double EntryPercentile,
    IReadOnlyDictionary<string, double> EntryPercentileByPayor,
    double TargetPercentile,
    int RenegotiationMonth,
    double PercentileSpread,
    double VisitVolumeCv,
    double? RenegotiationSuccessProbability,
    int HorizonMonths,
    int Paths,
    int Seed,
    double AtMarketBand);

public sealed record BasketEntry(string Code, decimal UnitsPerVisit);

/// <summary>Everything the expansion stage produces.</summary>
public sealed record ExpansionResults(
    ExpansionParameters Parameters,
    IReadOnlyList<MarketSizing> Markets,
    IReadOnlyList<CodeSpread> CodeSpreads,
    IReadOnlyList<GroupContractPosition> GroupContracts,
    IReadOnlyList<GroupMarketComparison> GroupMarkets,
    IReadOnlyList<string> Notes);
