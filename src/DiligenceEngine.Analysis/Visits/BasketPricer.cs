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
    public static BasketPrice Price(VisitBasket basket, Func<CptCode, decimal> fee, Func<CptCode, RvuSet> rvus, CptCatalog catalog, MpprPolicy policy) =>
        Prepare(basket, rvus, catalog).Price([.. basket.Entries.Select(e => fee(e.Code))], policy);

    /// <summary>The basket with what pricing it needs besides fees, looked up once for pricing it many times.</summary>
    public static PreparedBasket Prepare(VisitBasket basket, Func<CptCode, RvuSet> rvus, CptCatalog catalog) =>
        new(basket, [.. basket.Entries.Select(e => rvus(e.Code))], [.. basket.Entries.Select(e => catalog[e.Code].IsEvaluation)]);
}

/// <summary>
/// A visit basket with each code's RVUs and whether it is an evaluation, in the basket's order. A national market
/// prices the basket for every practice of every payor, millions of times: this does the lookups once, and
/// <see cref="Price"/> works over arrays rather than LINQ and dictionaries.
/// </summary>
public sealed class PreparedBasket(VisitBasket basket, RvuSet[] rvus, bool[] isEvaluation)
{
    /// <summary>
    /// The share of its fee each code's later units are paid under the policy last priced: a division of RVUs per code
    /// that would otherwise be repeated for every practice (threads pricing at once may each compute it; the results are
    /// the same).
    /// </summary>
    private LaterUnitFactors? laterUnitFactors;

    /// <summary>Prices the basket at <paramref name="fees"/>, one per basket entry in the basket's order.</summary>
    public BasketPrice Price(ReadOnlySpan<decimal> fees, MpprPolicy policy)
    {
        var entries = basket.Entries;
        var n = entries.Count;
        if (fees.Length != n)
        {
            throw new ArgumentException($"The basket has {n} codes; {fees.Length} fees were given.", nameof(fees));
        }

        var fee = fees.ToArray();
        var paidUnits = new decimal[n];
        var exempt = new bool[n];
        for (var i = 0; i < n; i++)
        {
            paidUnits[i] = entries[i].UnitsPerVisit;
            exempt[i] = policy.Kind == MpprKind.None || (policy.EvaluationsExempt && isEvaluation[i]);
        }

        // Highest fee first (then highest PE RVU, then code): the order the cap keeps units in and flat MPPR ranks by.
        int ByFee(int x, int y) => FirstDifference(fee[y].CompareTo(fee[x]), rvus[y].PracticeExpense.CompareTo(rvus[x].PracticeExpense)) is var c && c != 0
            ? c : entries[x].Code.CompareTo(entries[y].Code);

        // Highest PE RVU first (then highest fee, then code): the CMS-style ranking.
        int ByPracticeExpense(int x, int y) => FirstDifference(rvus[y].PracticeExpense.CompareTo(rvus[x].PracticeExpense), fee[y].CompareTo(fee[x])) is var c && c != 0
            ? c : entries[x].Code.CompareTo(entries[y].Code);

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

        var laterFactors = LaterFactorsFor(policy);
        var lines = new BasketLine[n];
        var total = 0m;
        for (var i = 0; i < n; i++)
        {
            var units = paidUnits[i];
            var primary = exempt[i] ? units : primaryUnits[i];
            lines[i] = new BasketLine(entries[i].Code, entries[i].UnitsPerVisit, fee[i], (primary * fee[i]) + ((units - primary) * fee[i] * laterFactors[i]));
            total += lines[i].PaidPerVisit;
        }

        return new BasketPrice(Math.Round(total, 2, MidpointRounding.AwayFromZero), lines);
    }

    private decimal[] LaterFactorsFor(MpprPolicy policy)
    {
        if (laterUnitFactors is { } known && known.Policy == policy)
        {
            return known.Factors;
        }

        var factors = rvus.Select(r => MpprCalculator.LaterUnitFactor(policy, r)).ToArray();
        laterUnitFactors = new LaterUnitFactors(policy, factors);
        return factors;
    }

    /// <summary>The first comparison, or on a tie the second.</summary>
    private static int FirstDifference(int first, int second) => first != 0 ? first : second;

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

/// <summary>Each code's later-unit share of its fee under one policy, in the basket's order.</summary>
internal sealed record LaterUnitFactors(MpprPolicy Policy, decimal[] Factors);
