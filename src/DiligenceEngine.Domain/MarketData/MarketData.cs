using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.MarketData;

/// <summary>
/// How an observed rate was stated. Types are never averaged together: a negotiated rate, a published fee
/// schedule and a percent-of-Medicare term are different kinds of evidence.
/// </summary>
public enum RateType
{
    Negotiated,
    FeeSchedule,
    PercentOfMedicare,
}

/// <summary>
/// One practice's rate for one code from one payor in one market. Dollar rates carry <see cref="Dollars"/>;
/// percent-of-Medicare rates carry <see cref="PercentOfMedicare"/>, converted to dollars by the market model for
/// <see cref="Year"/> (the Medicare year the term names) and the market's locality.
/// </summary>
public sealed record RateObservation(
    MarketId Market,
    Payor Payor,
    CptCode Code,
    RateType Type,
    Money? Dollars,
    Percent? PercentOfMedicare,
    string PracticeId,
    int Year,
    string Source);

/// <summary>The negotiation approaches the engine models (issue: strategy evidence per payor).</summary>
public enum NegotiationStrategy
{
    UniformIncrease,
    TimedCodeCarveOut,
    EvaluationFocus,
    MoveToMarketPercentile,
}

public enum NegotiationOutcome
{
    /// <summary>The payor agreed to the full request.</summary>
    Success,

    /// <summary>The payor agreed to less than requested but more than nothing.</summary>
    Partial,

    /// <summary>No increase.</summary>
    Failed,
}

/// <summary>One past renegotiation with a payor: what was asked, what was achieved, how long it took.</summary>
public sealed record NegotiationRecord(
    Payor Payor,
    MarketId? Market,
    int Year,
    NegotiationStrategy Strategy,
    Percent Requested,
    Percent Achieved,
    NegotiationOutcome Outcome,
    int MonthsToEffective);

/// <summary>
/// The standard visit basket used to compare visit rates: average units of each code per visit, with
/// evaluations amortised (e.g. one evaluation in eleven visits is 0.091 per visit).
/// </summary>
public sealed record VisitBasket(string Name, IReadOnlyList<(CptCode Code, decimal UnitsPerVisit)> Entries)
{
    public decimal UnitsPerVisit => Entries.Sum(e => e.UnitsPerVisit);
}
