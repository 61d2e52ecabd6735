using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Visits;

/// <summary>One code of a priced basket: its average units per visit, its fee, and what those units earn per visit.</summary>
public sealed record BasketLine(CptCode Code, decimal UnitsPerVisit, decimal Fee, decimal PaidPerVisit);

/// <summary>What an average visit of a basket earns under one fee schedule and MPPR policy.</summary>
public sealed record BasketPrice(decimal PerVisit, IReadOnlyList<BasketLine> Lines);

/// <summary>
/// Prices a visit basket (average units of each code per visit, fractional) under a fee schedule and an MPPR policy.
/// A basket is an average visit, so the policy is applied to expected units:
/// <list type="number">
/// <item>Daily cap: when the basket's units exceed the cap, the highest-fee units are kept up to the cap.</item>
/// <item>Exempt evaluations are paid in full.</item>
/// <item>Every visit has one primary unit paid in full. The primary slot (one unit) is filled down the policy's
/// ranking (CMS-style: highest PE RVU first; flat: highest fee first), taking each code's units until one unit is
/// filled; this treats the highest-ranked codes in the basket as the ones that lead their visits.</item>
/// <item>Every other unit is paid as <see cref="MpprCalculator"/> pays a later unit.</item>
/// </list>
/// The total is rounded to cents once. A basket equal to a whole visit prices exactly as that visit's claim lines do.
/// </summary>
public static class BasketPricer
{
    public static BasketPrice Price(VisitBasket basket, Func<CptCode, decimal> fee, Func<CptCode, RvuSet> rvus, CptCatalog catalog, MpprPolicy policy)
    {
        var lines = basket.Entries
            .Select(e => (e.Code, Units: e.UnitsPerVisit, Fee: fee(e.Code), Rvus: rvus(e.Code), IsEvaluation: catalog[e.Code].IsEvaluation))
            .ToList();

        var paidUnits = lines.ToDictionary(l => l.Code, l => l.Units);
        if (policy.DailyUnitCap is { } cap)
        {
            var room = (decimal)cap;
            foreach (var l in lines.OrderByDescending(l => l.Fee).ThenByDescending(l => l.Rvus.PracticeExpense).ThenBy(l => l.Code))
            {
                paidUnits[l.Code] = Math.Min(l.Units, room);
                room -= paidUnits[l.Code];
            }
        }

        bool Exempt((CptCode Code, decimal Units, decimal Fee, RvuSet Rvus, bool IsEvaluation) l) =>
            policy.Kind == MpprKind.None || (policy.EvaluationsExempt && l.IsEvaluation);

        var ranked = policy.Kind == MpprKind.FlatSecondary
            ? lines.Where(l => !Exempt(l)).OrderByDescending(l => l.Fee).ThenByDescending(l => l.Rvus.PracticeExpense).ThenBy(l => l.Code)
            : lines.Where(l => !Exempt(l)).OrderByDescending(l => l.Rvus.PracticeExpense).ThenByDescending(l => l.Fee).ThenBy(l => l.Code);
        var primaryUnits = new Dictionary<CptCode, decimal>();
        var slot = 1m;
        foreach (var l in ranked)
        {
            primaryUnits[l.Code] = Math.Min(paidUnits[l.Code], slot);
            slot -= primaryUnits[l.Code];
        }

        var priced = lines.Select(l =>
        {
            var units = paidUnits[l.Code];
            var primary = Exempt(l) ? units : primaryUnits.GetValueOrDefault(l.Code);
            var laterFactor = MpprCalculator.LaterUnitFactor(policy, l.Rvus);
            return new BasketLine(l.Code, l.Units, l.Fee, (primary * l.Fee) + ((units - primary) * l.Fee * laterFactor));
        }).ToList();
        return new BasketPrice(Math.Round(priced.Sum(p => p.PaidPerVisit), 2, MidpointRounding.AwayFromZero), priced);
    }
}
