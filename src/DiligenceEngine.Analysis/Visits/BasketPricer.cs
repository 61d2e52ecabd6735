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
/// policy makes of them (each code's later-unit share, which codes are exempt) and the codes' PE RVU order, and
/// <see cref="Price"/> works over spans rather than LINQ, dictionaries and sorts.
/// </summary>
public sealed class PreparedBasket(VisitBasket basket, RvuSet[] rvus, bool[] isEvaluation)
{
    /// <summary>
    /// The codes by PE RVUs, highest first, then code: the CMS-style ranking looks at fees only to break a tie of PE
    /// RVUs, so starting from this order a fee schedule moves tied codes only.
    /// </summary>
    private readonly int[] practiceExpenseOrder = [.. Enumerable.Range(0, rvus.Length).OrderByDescending(i => rvus[i].PracticeExpense).ThenBy(i => basket.Entries[i].Code)];

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

        var (_, exempt, laterFactors) = TermsFor(policy);
        Span<decimal> paidUnits = stackalloc decimal[n];
        for (var i = 0; i < n; i++)
        {
            paidUnits[i] = entries[i].UnitsPerVisit;
        }

        Span<int> order = stackalloc int[n];
        if (policy.DailyUnitCap is { } cap)
        {
            Rank(order, fees, byFee: true);
            var room = (decimal)cap;
            foreach (var i in order)
            {
                paidUnits[i] = Math.Min(paidUnits[i], room);
                room -= paidUnits[i];
            }
        }

        Rank(order, fees, byFee: policy.Kind == MpprKind.FlatSecondary);
        Span<decimal> primaryUnits = stackalloc decimal[n];
        primaryUnits.Clear();
        var slot = 1m;
        foreach (var i in order)
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

    /// <summary>
    /// Fills <paramref name="order"/> with the codes by fee, highest first, then PE RVUs, then code — the order the cap
    /// keeps units in and flat MPPR ranks by — or by PE RVUs, highest first, then fee, then code — the CMS-style ranking.
    /// Codes are distinct, so the order is total. A basket has a handful of codes: an insertion sort from the PE RVU
    /// order, no allocation, one comparison per code where only tied PE RVUs are to move.
    /// </summary>
    private void Rank(Span<int> order, ReadOnlySpan<decimal> fees, bool byFee)
    {
        practiceExpenseOrder.CopyTo(order);
        for (var i = 1; i < order.Length; i++)
        {
            for (var j = i; j > 0 && Compare(order[j - 1], order[j], fees, byFee) > 0; j--)
            {
                (order[j - 1], order[j]) = (order[j], order[j - 1]);
            }
        }
    }

    private int Compare(int x, int y, ReadOnlySpan<decimal> fees, bool byFee)
    {
        var fee = fees[y].CompareTo(fees[x]);
        var practiceExpense = rvus[y].PracticeExpense.CompareTo(rvus[x].PracticeExpense);
        var first = byFee ? fee : practiceExpense;
        var second = byFee ? practiceExpense : fee;
        return first != 0 ? first : second != 0 ? second : basket.Entries[x].Code.CompareTo(basket.Entries[y].Code);
    }

    private PolicyTerms TermsFor(MpprPolicy policy)
    {
        if (terms is { } known && known.Policy == policy)
        {
            return known;
        }

        var n = rvus.Length;
        var exempt = Enumerable.Range(0, n).Select(i => policy.Kind == MpprKind.None || (policy.EvaluationsExempt && isEvaluation[i])).ToArray();
        var laterFactors = rvus.Select(r => MpprCalculator.LaterUnitFactor(policy, r)).ToArray();

        var computed = new PolicyTerms(policy, exempt, laterFactors);
        terms = computed;
        return computed;
    }

    /// <summary>
    /// What one policy makes of the basket: which codes are paid in full and each code's later-unit share of its fee.
    /// </summary>
    private sealed record PolicyTerms(MpprPolicy Policy, bool[] Exempt, decimal[] LaterFactors);
}
