using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Contracts;

/// <summary>One line of a visit to be priced: a code, its units, the contracted fee per unit and the code's RVUs.</summary>
public readonly record struct VisitLine(CptCode Code, int Units, Money Fee, RvuSet Rvus, bool IsEvaluation);

/// <summary>What one line was paid: units paid after any daily cap, and the amount after MPPR, rounded to cents.</summary>
public readonly record struct PricedLine(CptCode Code, int Units, int PaidUnits, Money FullAmount, Money Paid);

/// <summary>
/// Applies a contract's MPPR policy to the lines of one patient visit (one date of service).
/// <list type="number">
/// <item>Daily cap: when the policy caps units per day, the highest-fee units are paid (ties: higher PE RVU, then code)
/// and the rest are not; every unit counts toward the cap, evaluations included.</item>
/// <item>Primary unit: CMS-style picks the unit with the highest PE RVU (ties: the higher fee); flat picks the highest fee
/// (ties: the higher PE RVU). Exempt evaluations are paid in full and never take the primary slot.</item>
/// <item>Later units: CMS-style pays fee × (1 − X · PE/total RVU); flat pays fee × Y.</item>
/// <item>Rounding: each line's payment (all its units) is rounded to cents once, half away from zero, as remittances
/// are paid per claim line.</item>
/// </list>
/// </summary>
public static class MpprCalculator
{
    public static IReadOnlyList<PricedLine> Price(IReadOnlyList<VisitLine> lines, MpprPolicy policy)
    {
        var total = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Units < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(lines), lines[i].Units, $"Line {i} ({lines[i].Code}) has negative units.");
            }

            total += lines[i].Units;
        }

        // One entry per unit, naming its line; visits carry a handful of units, so this runs on the stack.
        Span<int> units = total <= 64 ? stackalloc int[total] : new int[total];
        for (int i = 0, u = 0; i < lines.Count; i++)
        {
            for (var k = 0; k < lines[i].Units; k++)
            {
                units[u++] = i;
            }
        }

        SortUnits(units, (a, b) => CompareByFee(lines[a], lines[b]));
        var paid = units[..Math.Min(total, policy.DailyUnitCap ?? int.MaxValue)];

        var primary = -1;
        if (policy.Kind != MpprKind.None)
        {
            foreach (var unit in paid)
            {
                if (!Exempt(lines[unit], policy) && (primary < 0 || ComparePrimary(lines[unit], lines[primary], policy) < 0))
                {
                    primary = unit;
                }
            }
        }

        var amounts = new decimal[lines.Count];
        var paidUnits = new int[lines.Count];
        var primaryTaken = false;
        foreach (var unit in paid)
        {
            paidUnits[unit]++;
            var isPrimary = !primaryTaken && unit == primary;
            primaryTaken |= isPrimary;
            amounts[unit] += lines[unit].Fee.Amount * Factor(lines[unit], policy, isPrimary || Exempt(lines[unit], policy));
        }

        var priced = new PricedLine[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            priced[i] = new PricedLine(lines[i].Code, lines[i].Units, paidUnits[i], (lines[i].Fee * lines[i].Units).RoundToCents(), Money.Usd(amounts[i]).RoundToCents());
        }

        return priced;
    }

    private static bool Exempt(VisitLine line, MpprPolicy policy) => policy.EvaluationsExempt && line.IsEvaluation;

    /// <summary>Cap order: higher fee first, then higher PE RVU, then code.</summary>
    private static int CompareByFee(VisitLine a, VisitLine b)
    {
        var c = b.Fee.Amount.CompareTo(a.Fee.Amount);
        c = c != 0 ? c : b.Rvus.PracticeExpense.CompareTo(a.Rvus.PracticeExpense);
        return c != 0 ? c : a.Code.CompareTo(b.Code);
    }

    /// <summary>Primary order: CMS-style ranks by PE RVU then fee; flat by fee then PE RVU; then code.</summary>
    private static int ComparePrimary(VisitLine a, VisitLine b, MpprPolicy policy)
    {
        if (policy.Kind == MpprKind.FlatSecondary)
        {
            return CompareByFee(a, b);
        }

        var c = b.Rvus.PracticeExpense.CompareTo(a.Rvus.PracticeExpense);
        c = c != 0 ? c : b.Fee.Amount.CompareTo(a.Fee.Amount);
        return c != 0 ? c : a.Code.CompareTo(b.Code);
    }

    /// <summary>Insertion sort: stable and fastest for the few units of a visit.</summary>
    private static void SortUnits(Span<int> units, Func<int, int, int> compare)
    {
        for (var i = 1; i < units.Length; i++)
        {
            var x = units[i];
            var j = i - 1;
            while (j >= 0 && compare(units[j], x) > 0)
            {
                units[j + 1] = units[j];
                j--;
            }

            units[j + 1] = x;
        }
    }

    /// <summary>The share of its fee a unit is paid.</summary>
    private static decimal Factor(VisitLine line, MpprPolicy policy, bool paidInFull) =>
        paidInFull ? 1m : LaterUnitFactor(policy, line.Rvus);

    /// <summary>The share of its fee a unit after the primary one is paid: 1 − X·PE/total (CMS-style), Y (flat), or 1.</summary>
    public static decimal LaterUnitFactor(MpprPolicy policy, RvuSet rvus) => policy.Kind switch
    {
        MpprKind.CmsPracticeExpense => 1m - (policy.Percent.Fraction * rvus.PracticeExpenseShare),
        MpprKind.FlatSecondary => policy.Percent.Fraction,
        _ => 1m,
    };
}
