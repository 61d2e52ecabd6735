using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.Contracts;

/// <summary>What a provider agreement does when the practice changes hands (domain.md §6).</summary>
public enum ChangeOfOwnership
{
    /// <summary>Continues with the new owner on notice.</summary>
    Assignable,

    /// <summary>Continues only once the payor consents; revenue is at risk while consent is pending.</summary>
    ConsentRequired,

    /// <summary>Ends at close; the practice re-contracts and credentials as a new entrant.</summary>
    Terminates,
}

/// <summary>
/// One payor agreement of the target practice: who, where, its term and renewal mechanics, how rates are
/// set and reduced, and what happens on a change of ownership. <see cref="CurrentTermEnd"/> is the last day
/// of the current term (inclusive).
/// </summary>
public sealed record Contract
{
    public Contract(
        string id,
        Payor payor,
        IReadOnlyList<MarketId> markets,
        DateOnly effectiveDate,
        DateOnly currentTermEnd,
        bool autoRenews,
        int renewalTermMonths,
        int noticeDays,
        Percent annualEscalator,
        RateBasis rates,
        MpprPolicy mppr,
        ChangeOfOwnership changeOfOwnership)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("A contract needs an id.", nameof(id));
        }

        if (markets.Count == 0)
        {
            throw new ArgumentException($"Contract {id} names no market; list at least one.", nameof(markets));
        }

        if (currentTermEnd < effectiveDate)
        {
            throw new ArgumentException($"Contract {id}: term end {currentTermEnd:yyyy-MM-dd} is before its effective date {effectiveDate:yyyy-MM-dd}.", nameof(currentTermEnd));
        }

        if (autoRenews && renewalTermMonths <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(renewalTermMonths), renewalTermMonths, $"Contract {id} auto-renews, so its renewal term must be at least 1 month.");
        }

        if (noticeDays is < 0 or > 730)
        {
            throw new ArgumentOutOfRangeException(nameof(noticeDays), noticeDays, $"Contract {id}: notice days must be between 0 and 730.");
        }

        Id = id;
        Payor = payor;
        Markets = markets;
        EffectiveDate = effectiveDate;
        CurrentTermEnd = currentTermEnd;
        AutoRenews = autoRenews;
        RenewalTermMonths = renewalTermMonths;
        NoticeDays = noticeDays;
        AnnualEscalator = annualEscalator;
        Rates = rates;
        Mppr = mppr;
        ChangeOfOwnership = changeOfOwnership;
    }

    public string Id { get; }

    public Payor Payor { get; }

    public IReadOnlyList<MarketId> Markets { get; }

    public DateOnly EffectiveDate { get; }

    public DateOnly CurrentTermEnd { get; }

    public bool AutoRenews { get; }

    /// <summary>Length of each renewal term in months; 0 when the contract does not auto-renew.</summary>
    public int RenewalTermMonths { get; }

    /// <summary>Days of written notice required before the term end to renegotiate or terminate.</summary>
    public int NoticeDays { get; }

    /// <summary>Rate increase applied on each contract anniversary; zero when none.</summary>
    public Percent AnnualEscalator { get; }

    public RateBasis Rates { get; }

    public MpprPolicy Mppr { get; }

    public ChangeOfOwnership ChangeOfOwnership { get; }
}
