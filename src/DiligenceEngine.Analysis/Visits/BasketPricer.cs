using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Visits;

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
    /// <summary>What an average visit of <paramref name="basket"/> earns at the fees given, rounded to cents.</summary>
    public static decimal Price(VisitBasket basket, Func<CptCode, decimal> fee, Func<CptCode, RvuSet> rvus, CptCatalog catalog, MpprPolicy policy) =>
        Prepare(basket, rvus, catalog).Price([.. basket.Entries.Select(e => fee(e.Code))], policy);

    /// <summary>The basket with what pricing it needs besides fees, looked up once for pricing it many times.</summary>
    public static PreparedBasket Prepare(VisitBasket basket, Func<CptCode, RvuSet> rvus, CptCatalog catalog) =>
        new(basket, [.. basket.Entries.Select(e => rvus(e.Code))], [.. basket.Entries.Select(e => catalog[e.Code].IsEvaluation)]);
}

/// <summary>
/// A visit basket with each code's RVUs and whether it is an evaluation, in the basket's order. A national market
/// prices the basket for every practice of every payor, millions of times: this does the lookups once, keeps what a
/// policy makes of them (each code's later-unit share, which codes are exempt, and the primary-slot ranking when fees
/// cannot change it), and <see cref="Price"/> works over arrays rather than LINQ and dictionaries.
/// </summary>
public sealed class PreparedBasket(VisitBasket basket, RvuSet[] rvus, bool[] isEvaluation)
{
    /// <summary>What the policy last priced makes of the basket (threads pricing at once may each compute it; the results are the same).</summary>
    private PolicyTerms? terms;

    /// <summary>What an average visit earns at <paramref name="fees"/> (one per basket entry, in the basket's order), rounded to cents.</summary>
    public decimal Price(ReadOnlySpan<decimal> fees, MpprPolicy policy)
    {
        var entries = basket.Entries;
        var n = entries.Count;
        if (fees.Length != n)
        {
            throw new ArgumentException($"The basket has {n} codes; {fees.Length} fees were given.", nameof(fees));
        }

        var (_, exempt, laterFactors, primaryOrder) = TermsFor(policy);
        Span<decimal> paidUnits = stackalloc decimal[n];
        for (var i = 0; i < n; i++)
        {
            paidUnits[i] = entries[i].UnitsPerVisit;
        }

        var fee = policy.DailyUnitCap is not null || primaryOrder is null ? fees.ToArray() : null;
        if (policy.DailyUnitCap is { } cap)
        {
            var room = (decimal)cap;
            foreach (var i in Ordered(n, ByFee(fee!)))
            {
                paidUnits[i] = Math.Min(paidUnits[i], room);
                room -= paidUnits[i];
            }
        }

        Span<decimal> primaryUnits = stackalloc decimal[n];
        primaryUnits.Clear();
        var slot = 1m;
        foreach (var i in primaryOrder ?? Ordered(n, policy.Kind == MpprKind.FlatSecondary ? ByFee(fee!) : ByPracticeExpense(fee!)))
        {
            if (!exempt[i])
            {
                primaryUnits[i] = Math.Min(paidUnits[i], slot);
                slot -= primaryUnits[i];
            }
        }

        var total = 0m;
        for (var i = 0; i < n; i++)
        {
            var units = paidUnits[i];
            var primary = exempt[i] ? units : primaryUnits[i];
            total += (primary * fees[i]) + ((units - primary) * fees[i] * laterFactors[i]);
        }

        return Math.Round(total, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Highest fee first (then highest PE RVU, then code): the order the cap keeps units in and flat MPPR ranks by.</summary>
    private Comparison<int> ByFee(decimal[] fee) => (x, y) =>
        FirstDifference(fee[y].CompareTo(fee[x]), rvus[y].PracticeExpense.CompareTo(rvus[x].PracticeExpense)) is var c && c != 0 ? c : basket.Entries[x].Code.CompareTo(basket.Entries[y].Code);

    /// <summary>Highest PE RVU first (then highest fee, then code): the CMS-style ranking.</summary>
    private Comparison<int> ByPracticeExpense(decimal[] fee) => (x, y) =>
        FirstDifference(rvus[y].PracticeExpense.CompareTo(rvus[x].PracticeExpense), fee[y].CompareTo(fee[x])) is var c && c != 0 ? c : basket.Entries[x].Code.CompareTo(basket.Entries[y].Code);

    private PolicyTerms TermsFor(MpprPolicy policy)
    {
        if (terms is { } known && known.Policy == policy)
        {
            return known;
        }

        var n = rvus.Length;
        var exempt = Enumerable.Range(0, n).Select(i => policy.Kind == MpprKind.None || (policy.EvaluationsExempt && isEvaluation[i])).ToArray();
        var laterFactors = rvus.Select(r => MpprCalculator.LaterUnitFactor(policy, r)).ToArray();

        // The CMS-style ranking looks at fees only to break a tie of PE RVUs: without ties it is the same for every fee schedule.
        var distinctPracticeExpense = rvus.Select(r => r.PracticeExpense).Distinct().Count() == n;
        var primaryOrder = policy.Kind != MpprKind.FlatSecondary && distinctPracticeExpense ? Ordered(n, ByPracticeExpense(new decimal[n])) : null;
        var computed = new PolicyTerms(policy, exempt, laterFactors, primaryOrder);
        terms = computed;
        return computed;
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

    /// <summary>
    /// What one policy makes of the basket: which codes are paid in full, each code's later-unit share of its fee, and
    /// the primary-slot ranking when no fee can change it (null: ranked per fee schedule).
    /// </summary>
    private sealed record PolicyTerms(MpprPolicy Policy, bool[] Exempt, decimal[] LaterFactors, int[]? PrimaryOrder);
}
