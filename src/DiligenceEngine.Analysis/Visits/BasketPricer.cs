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
        // Arrays over the basket's codes (one entry per code) rather than LINQ and dictionaries: a national market prices
        // the basket for every practice of every payor, millions of calls.
        var entries = basket.Entries;
        var n = entries.Count;
        var fees = new decimal[n];
        var pe = new decimal[n];
        var paidUnits = new decimal[n];
        var exempt = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var code = entries[i].Code;
            fees[i] = fee(code);
            pe[i] = rvus(code).PracticeExpense;
            paidUnits[i] = entries[i].UnitsPerVisit;
            exempt[i] = policy.Kind == MpprKind.None || (policy.EvaluationsExempt && catalog[code].IsEvaluation);
        }

        // Highest fee first (then highest PE RVU, then code): the order the cap keeps units in and flat MPPR ranks by.
        int ByFee(int x, int y) => Descending(fees, pe, x, y) is var c && c != 0 ? c : entries[x].Code.CompareTo(entries[y].Code);

        // Highest PE RVU first (then highest fee, then code): the CMS-style ranking.
        int ByPracticeExpense(int x, int y) => Descending(pe, fees, x, y) is var c && c != 0 ? c : entries[x].Code.CompareTo(entries[y].Code);

        if (policy.DailyUnitCap is { } cap)
        {
            var room = (decimal)cap;
            foreach (var i in Ordered(n, ByFee))
            {
                paidUnits[i] = Math.Min(paidUnits[i], room);
                room -= paidUnits[i];
            }
        }

        var primaryUnits = new decimal[n];
        var slot = 1m;
        foreach (var i in Ordered(n, policy.Kind == MpprKind.FlatSecondary ? ByFee : ByPracticeExpense))
        {
            if (!exempt[i])
            {
                primaryUnits[i] = Math.Min(paidUnits[i], slot);
                slot -= primaryUnits[i];
            }
        }

        var lines = new BasketLine[n];
        var total = 0m;
        for (var i = 0; i < n; i++)
        {
            var units = paidUnits[i];
            var primary = exempt[i] ? units : primaryUnits[i];
            var laterFactor = MpprCalculator.LaterUnitFactor(policy, rvus(entries[i].Code));
            lines[i] = new BasketLine(entries[i].Code, entries[i].UnitsPerVisit, fees[i], (primary * fees[i]) + ((units - primary) * fees[i] * laterFactor));
            total += lines[i].PaidPerVisit;
        }

        return new BasketPrice(Math.Round(total, 2, MidpointRounding.AwayFromZero), lines);
    }

    /// <summary>Orders x before y when its first key is larger, or on a tie its second key; 0 when both tie.</summary>
    private static int Descending(decimal[] first, decimal[] second, int x, int y)
    {
        var c = first[y].CompareTo(first[x]);
        return c != 0 ? c : second[y].CompareTo(second[x]);
    }

    private static int[] Ordered(int n, Comparison<int> comparison)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, comparison);
        return order;
    }
}
