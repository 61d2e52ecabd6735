using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Volumes;

namespace DiligenceEngine.Analysis.Visits;

/// <summary>The three fee schedules a visit is re-priced under.</summary>
public enum Schedule
{
    Contract,
    MarketP50,
    MarketP75,
}

/// <summary>One visit of the target's claims matched to its contract, priced line by line under each schedule.</summary>
public sealed record RepricedVisit(
    string ClaimId,
    Contract Contract,
    MarketId Market,
    IReadOnlyList<ClaimLine> Lines,
    IReadOnlyList<PricedLine> UnderContract,
    IReadOnlyList<PricedLine> AtP50,
    IReadOnlyList<PricedLine> AtP75);

/// <summary>Why a visit could not be re-priced; counted and reported, never priced at zero.</summary>
public sealed record UnpricedVisits(int Visits, int Lines, decimal PaidDollars, string Reason);

/// <summary>
/// Re-prices the target's claims visit by visit (lines sharing a claim id): each visit is matched to the contract of
/// its payor in its clinic's market and priced through that contract's MPPR policy three times, with the contract's
/// fees, the market P50 fees and the market P75 fees of that market and payor. A visit with a line that has no
/// contracted fee or no market benchmark is not re-priced (MPPR works on the whole visit) and is counted instead.
/// </summary>
public static class ClaimsRepricer
{
    public static (IReadOnlyList<RepricedVisit> Visits, IReadOnlyList<UnpricedVisits> Unpriced) Reprice(
        IReadOnlyList<ClaimLine> claims,
        IReadOnlyDictionary<string, MarketId> locationMarkets,
        IReadOnlyDictionary<(string Payor, MarketId Market), Contract> contracts,
        Func<Contract, CptCode, Money?> contractFee,
        Func<MarketId, Contract, CptCode, double, Money?> marketFee,
        MedicareFeeSchedule rvuSchedule,
        CptCatalog catalog)
    {
        var priced = new List<RepricedVisit>();
        var unpriced = new Dictionary<string, (int Visits, int Lines, decimal Paid)>();
        void Skip(string reason, IReadOnlyCollection<ClaimLine> lines)
        {
            var s = unpriced.GetValueOrDefault(reason);
            unpriced[reason] = (s.Visits + 1, s.Lines + lines.Count, s.Paid + lines.Sum(l => l.Paid.Amount));
        }

        foreach (var visit in claims.GroupBy(c => c.ClaimId))
        {
            var lines = visit.ToList();
            var market = locationMarkets[lines[0].LocationId];
            if (!contracts.TryGetValue((lines[0].Payor.Name, market), out var contract))
            {
                Skip($"no contract with the payor in the clinic's market", lines);
                continue;
            }

            var fees = lines.Select(l => (Contract: contractFee(contract, l.Code), P50: marketFee(market, contract, l.Code, 0.50), P75: marketFee(market, contract, l.Code, 0.75))).ToList();
            if (fees.Any(f => f.Contract is null))
            {
                Skip("a code the contract has no fee for", lines);
                continue;
            }

            if (fees.Any(f => f.P50 is null))
            {
                Skip("a code with no market rates for the payor anywhere", lines);
                continue;
            }

            IReadOnlyList<PricedLine> Price(Func<int, Money> fee) => MpprCalculator.Price(
                lines.Select((l, i) => new VisitLine(l.Code, l.Units, fee(i), rvuSchedule.RvusOf(l.Code), catalog[l.Code].IsEvaluation)).ToList(), contract.Mppr);

            priced.Add(new RepricedVisit(visit.Key, contract, market, lines, Price(i => fees[i].Contract!.Value), Price(i => fees[i].P50!.Value), Price(i => fees[i].P75!.Value)));
        }

        return (priced, unpriced.Select(u => new UnpricedVisits(u.Value.Visits, u.Value.Lines, u.Value.Paid, u.Key)).ToList());
    }
}
