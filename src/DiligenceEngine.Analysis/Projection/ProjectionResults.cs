using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>One strategy considered for a contract, with what the evidence says it is worth.</summary>
public sealed record StrategyOption(
    NegotiationStrategy Strategy,
    string Description,
    double AskFraction,
    double SuccessProbability,
    double MeanAchievedShareOfAsk,
    int MedianMonthsToEffective,
    double UpliftAtFullAsk,
    double ExpectedNpvDollars);

/// <summary>The plan for one contract: its timeline, the strategies weighed, and the one projected.</summary>
public sealed record ContractPlan(
    string ContractId,
    string Payor,
    CloseEffect CloseEffect,
    double AnnualRevenueDollars,
    NegotiationStrategy? Strategy,
    string? StrategyDescription,
    bool Forced,
    double? ExpectedNpvDollars,
    NegotiationStrategy? RunnerUp,
    double? RunnerUpExpectedNpvDollars,
    double? DifferenceDollars,
    double? NewEntrantRevenueRatio,
    IReadOnlyList<StrategyOption> Options,
    ContractTimeline Timeline);

/// <summary>Baseline and projected revenue of one month: the projection's P10/P50/P90 and mean across paths.</summary>
public sealed record MonthBand(DateOnly Month, double BaselineDollars, double P10, double P50, double P90, double Mean);

public sealed record PayorBands(string Payor, IReadOnlyList<MonthBand> Months);

/// <summary>Uplift accumulated from the start of the projection to the end of year <see cref="Year"/>.</summary>
public sealed record YearUplift(int Year, DateOnly Through, double P10, double P50, double P90, double Mean);

/// <summary>A distribution across paths: mean with its Monte Carlo standard error, and percentiles.</summary>
public sealed record PathSummary(double Mean, double StandardError, double P10, double P50, double P90);

public sealed record ContractContribution(string ContractId, string Payor, double MeanNpvDollars, double ShareOfNpv, double SuccessShareOfPaths, DateOnly? MedianEffectiveDate, double MeanRevenueAtRiskDollars);

/// <summary>One bar of the tornado: P50 NPV with the parameter moved down and up, everything else (and every draw) held.</summary>
public sealed record TornadoBar(string Parameter, string LowSetting, string HighSetting, double LowP50NpvDollars, double HighP50NpvDollars, double SwingDollars);

public sealed record ProjectionParameters(
    DateOnly CloseDate,
    DealStructure Deal,
    DateOnly Start,
    int HorizonMonths,
    int Paths,
    int Seed,
    double DiscountRate,
    double VolumeGrowth,
    double UpliftThresholdDollars,
    int ConsentDelayMinDays,
    int ConsentDelayMaxDays,
    int CredentialingGapMinDays,
    int CredentialingGapMaxDays,
    int NegotiationLeadDays,
    double NewEntrantPercentile,
    double TargetPercentile,
    string Seasonality);

public sealed record ProjectionResults(
    ProjectionParameters Parameters,
    IReadOnlyList<StrategyEvidence> Evidence,
    IReadOnlyList<ContractPlan> Plans,
    IReadOnlyList<MonthBand> Total,
    IReadOnlyList<PayorBands> ByPayor,
    IReadOnlyList<YearUplift> CumulativeUpliftByYear,
    PathSummary UpliftNpv,
    double ProbabilityNpvAboveThreshold,
    IReadOnlyList<ContractContribution> Contributions,
    PathSummary RevenueAtRisk,
    IReadOnlyList<TornadoBar> Sensitivity);
