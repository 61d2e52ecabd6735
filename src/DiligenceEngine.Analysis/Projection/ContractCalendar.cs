using DiligenceEngine.Domain.Contracts;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>How the acquisition is structured (domain.md §6).</summary>
public enum DealStructure
{
    /// <summary>The practice's legal entity is bought: provider agreements stay in force, subject to change-of-control clauses.</summary>
    StockPurchase,

    /// <summary>The assets are bought: agreements must be assigned, consented to, or re-contracted with new enrollment.</summary>
    AssetPurchase,
}

/// <summary>What happens to a contract at close.</summary>
public enum CloseEffect
{
    Continues,

    /// <summary>The payor must consent; the buyer cannot reopen rates until it does (asset deals: claims are held too).</summary>
    ConsentPending,

    /// <summary>The agreement ends; the practice re-contracts and credentials as a new entrant.</summary>
    Terminates,
}

/// <summary>Timing parameters of the calendar; each is reported with the results.</summary>
public sealed record CalendarOptions
{
    /// <summary>Days from close until a payor's consent to the change of ownership arrives.</summary>
    public int ConsentDelayDays { get; init; } = 60;

    /// <summary>Days a terminated contract's payor pays nothing while the new entity is credentialed (90-180 typical).</summary>
    public int CredentialingGapDays { get; init; } = 120;

    /// <summary>How long before a notice deadline a renegotiation can open (payors rarely talk earlier).</summary>
    public int NegotiationLeadDays { get; init; } = 180;

    public void Validate()
    {
        if (ConsentDelayDays is < 0 or > 730) throw new ArgumentOutOfRangeException(nameof(ConsentDelayDays), ConsentDelayDays, "must be 0-730 days");
        if (CredentialingGapDays is < 0 or > 730) throw new ArgumentOutOfRangeException(nameof(CredentialingGapDays), CredentialingGapDays, "must be 0-730 days");
        if (NegotiationLeadDays is < 0 or > 730) throw new ArgumentOutOfRangeException(nameof(NegotiationLeadDays), NegotiationLeadDays, "must be 0-730 days");
    }
}

/// <summary>
/// One contract's timeline after close, with the reasoning in words. <see cref="RenewalDate"/> is the last day of the
/// term whose renewal is renegotiated; new rates can start the day after it at the earliest. Revenue is at risk from
/// <see cref="RevenueAtRiskFrom"/> through <see cref="RevenueAtRiskTo"/> (inclusive) when a gap applies.
/// Renegotiation dates are null for a terminated contract, which is re-contracted instead.
/// </summary>
public sealed record ContractTimeline(
    string ContractId,
    string Payor,
    CloseEffect CloseEffect,
    DateOnly ActionDate,
    DateOnly? RevenueAtRiskFrom,
    DateOnly? RevenueAtRiskTo,
    DateOnly? RenewalDate,
    DateOnly? NoticeDeadline,
    int RenewalsRolled,
    DateOnly? EarliestOpening,
    DateOnly? EarliestEffective,
    IReadOnlyList<DateOnly> EscalatorDates,
    IReadOnlyList<string> Reasoning);

/// <summary>
/// Works out, for each contract, what close does to it and when its rates can next be reopened:
/// <list type="number">
/// <item>Close effect: a contract that terminates on a change of ownership ends at close in either structure, and the
/// payor pays nothing for the credentialing gap; one that needs consent cannot be reopened until consent arrives
/// (in an asset deal its claims are held meanwhile); an assignable one continues.</item>
/// <item>Renewal: the current term end, rolled forward by the renewal term while its notice deadline (term end − notice
/// days) falls before the date the buyer can act — a missed notice window waits for the next renewal. A contract that
/// does not renew expires at its term end and is renegotiated then.</item>
/// <item>Opening: the later of the action date and the notice deadline − the negotiation lead; earliest effective
/// date: the later of the day after the renewal date and opening + the negotiation duration.</item>
/// <item>Escalators: each anniversary of the effective date after close and up to the new rates raises the fees.</item>
/// </list>
/// </summary>
public static class ContractCalendar
{
    public static ContractTimeline Plan(Contract contract, DateOnly close, DealStructure deal, CalendarOptions options, int negotiationMonths)
    {
        options.Validate();
        var why = new List<string>();
        var action = close;
        DateOnly? riskFrom = null, riskTo = null;
        var effect = contract.ChangeOfOwnership switch
        {
            ChangeOfOwnership.Terminates => CloseEffect.Terminates,
            ChangeOfOwnership.ConsentRequired => CloseEffect.ConsentPending,
            _ => CloseEffect.Continues,
        };

        switch (effect)
        {
            case CloseEffect.Terminates:
                riskFrom = close;
                riskTo = close.AddDays(options.CredentialingGapDays - 1);
                why.Add($"Terminates on a change of ownership: ends at close {close:yyyy-MM-dd}; the practice re-contracts as a new entrant and {contract.Payor.Name} pays nothing for the {options.CredentialingGapDays}-day credentialing gap (to {riskTo:yyyy-MM-dd}).");
                return new ContractTimeline(contract.Id, contract.Payor.Name, effect, close.AddDays(options.CredentialingGapDays), riskFrom, riskTo, null, null, 0, null, null, [], why);
            case CloseEffect.ConsentPending:
                action = close.AddDays(options.ConsentDelayDays);
                if (deal == DealStructure.AssetPurchase)
                {
                    riskFrom = close;
                    riskTo = action.AddDays(-1);
                    why.Add($"Asset purchase with a consent-required clause: claims are held until consent, expected {action:yyyy-MM-dd} ({options.ConsentDelayDays} days after close).");
                }
                else
                {
                    why.Add($"Change-of-control consent required: rates cannot be reopened before consent, expected {action:yyyy-MM-dd} ({options.ConsentDelayDays} days after close).");
                }

                break;
            default:
                why.Add(deal == DealStructure.StockPurchase
                    ? "Stock purchase: the agreement stays in force unchanged."
                    : "Asset purchase: the agreement is assignable and continues on notice of assignment.");
                break;
        }

        var (renewal, deadline, rolled) = NextRenewal(contract, action);
        if (rolled > 0)
        {
            why.Add($"The notice deadline {contract.CurrentTermEnd.AddDays(-contract.NoticeDays):yyyy-MM-dd} for the term ending {contract.CurrentTermEnd:yyyy-MM-dd} falls before {action:yyyy-MM-dd}: the contract renews for {contract.RenewalTermMonths} months at a time and waits for the next renewal ({rolled} renewal(s) pass).");
        }

        if (!contract.AutoRenews && deadline < action)
        {
            why.Add($"The contract does not renew: it expires {renewal:yyyy-MM-dd} and must be renegotiated by then, notice or not.");
        }
        else
        {
            why.Add($"Renegotiate the renewal after {renewal:yyyy-MM-dd}: notice is due by {deadline:yyyy-MM-dd} ({contract.NoticeDays} days before).");
        }

        var opening = Opening(action, deadline, options);
        var effective = Later(renewal.AddDays(1), opening.AddMonths(negotiationMonths));
        why.Add($"Talks can open {opening:yyyy-MM-dd}; with a {negotiationMonths}-month negotiation new rates start {effective:yyyy-MM-dd} at the earliest.");

        var escalators = Anniversaries(contract.EffectiveDate, close, effective).ToList();
        if (contract.AnnualEscalator.Fraction > 0 && escalators.Count > 0)
        {
            why.Add($"The {contract.AnnualEscalator} escalator applies on {string.Join(", ", escalators.Select(d => d.ToString("yyyy-MM-dd")))} until then.");
        }

        return new ContractTimeline(contract.Id, contract.Payor.Name, effect, action, riskFrom, riskTo, renewal, deadline, rolled, opening, effective,
            contract.AnnualEscalator.Fraction > 0 ? escalators : [], why);
    }

    /// <summary>
    /// The renewal to renegotiate when the buyer can act on <paramref name="action"/>: the current term end, rolled by the
    /// renewal term while its notice deadline falls before the action date.
    /// </summary>
    public static (DateOnly Renewal, DateOnly Deadline, int Rolled) NextRenewal(Contract contract, DateOnly action)
    {
        var renewal = contract.CurrentTermEnd;
        var rolled = 0;
        while (contract.AutoRenews && renewal.AddDays(-contract.NoticeDays) < action)
        {
            renewal = renewal.AddMonths(contract.RenewalTermMonths);
            rolled++;
        }

        return (renewal, renewal.AddDays(-contract.NoticeDays), rolled);
    }

    /// <summary>The day talks can open: the action date, or the notice deadline less the negotiation lead if later.</summary>
    public static DateOnly Opening(DateOnly action, DateOnly deadline, CalendarOptions options) => Later(action, deadline.AddDays(-options.NegotiationLeadDays));

    /// <summary>Anniversaries of <paramref name="start"/> after <paramref name="after"/> and on or before <paramref name="until"/>.</summary>
    public static IEnumerable<DateOnly> Anniversaries(DateOnly start, DateOnly after, DateOnly until)
    {
        for (var years = 1; start.AddYears(years) <= until; years++)
        {
            if (start.AddYears(years) > after)
            {
                yield return start.AddYears(years);
            }
        }
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
