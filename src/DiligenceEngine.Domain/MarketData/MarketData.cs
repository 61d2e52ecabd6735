using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.MarketData;

/// <summary>
/// How an observed rate was stated. Types are never averaged together: a negotiated rate, a published fee
/// schedule and a percent-of-Medicare term are different kinds of evidence.
/// </summary>
public enum RateType : byte
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
/// <remarks>
/// A market dataset keeps its observations as columns (<see cref="RateTable"/>); this is one row of it, read back by
/// position. The stated rate is one decimal (dollars, or the fraction of Medicare) and the rate type says which.
/// </remarks>
public readonly record struct RateObservation
{
    private readonly decimal stated;

    /// <exception cref="ArgumentException">The rate given does not match <paramref name="type"/>: a percent-of-Medicare
    /// rate needs <paramref name="percentOfMedicare"/> and no dollars; any other type needs dollars and no percent.</exception>
    public RateObservation(MarketId market, Payor payor, CptCode code, RateType type, Money? dollars, Percent? percentOfMedicare, string practiceId, int year, string source)
    {
        stated = (type, dollars, percentOfMedicare) switch
        {
            (RateType.PercentOfMedicare, null, { } percent) => percent.Fraction,
            (not RateType.PercentOfMedicare, { } amount, null) => amount.Amount,
            _ => throw new ArgumentException($"A {type} rate carries {(type == RateType.PercentOfMedicare ? "a percent of Medicare and no dollars" : "dollars and no percent of Medicare")}; got dollars {dollars?.ToString() ?? "none"}, percent {percentOfMedicare?.ToString() ?? "none"}.", nameof(type)),
        };
        Market = market;
        Payor = payor;
        Code = code;
        Type = type;
        PracticeId = practiceId;
        Year = year;
        Source = source;
    }

    public MarketId Market { get; }

    public Payor Payor { get; }

    public CptCode Code { get; }

    public RateType Type { get; }

    public Money? Dollars => Type == RateType.PercentOfMedicare ? null : Money.Usd(stated);

    public Percent? PercentOfMedicare => Type == RateType.PercentOfMedicare ? Percent.FromFraction(stated) : null;

    public string PracticeId { get; }

    public int Year { get; }

    public string Source { get; }
}

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
