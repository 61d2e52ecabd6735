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
        var units = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Units < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(lines), lines[i].Units, $"Line {i} ({lines[i].Code}) has negative units.");
            }

            units.AddRange(Enumerable.Repeat(i, lines[i].Units));
        }

        var paid = units
            .OrderByDescending(i => lines[i].Fee.Amount)
            .ThenByDescending(i => lines[i].Rvus.PracticeExpense)
            .ThenBy(i => lines[i].Code)
            .Take(policy.DailyUnitCap ?? int.MaxValue)
            .ToList();

        bool Exempt(int line) => policy.EvaluationsExempt && lines[line].IsEvaluation;

        var reducible = paid.Where(i => !Exempt(i)).ToList();
        int? primary = policy.Kind switch
        {
            MpprKind.CmsPracticeExpense when reducible.Count > 0 => reducible
                .OrderByDescending(i => lines[i].Rvus.PracticeExpense).ThenByDescending(i => lines[i].Fee.Amount).ThenBy(i => lines[i].Code).First(),
            MpprKind.FlatSecondary when reducible.Count > 0 => reducible
                .OrderByDescending(i => lines[i].Fee.Amount).ThenByDescending(i => lines[i].Rvus.PracticeExpense).ThenBy(i => lines[i].Code).First(),
            _ => null,
        };

        var amounts = new decimal[lines.Count];
        var paidUnits = new int[lines.Count];
        var primaryTaken = false;
        foreach (var i in paid)
        {
            paidUnits[i]++;
            var isPrimary = !primaryTaken && i == primary;
            primaryTaken |= isPrimary;
            amounts[i] += lines[i].Fee.Amount * Factor(lines[i], policy, isPrimary || Exempt(i));
        }

        return lines.Select((l, i) => new PricedLine(l.Code, l.Units, paidUnits[i], (l.Fee * l.Units).RoundToCents(), Money.Usd(amounts[i]).RoundToCents())).ToList();
    }

    /// <summary>The share of its fee a unit is paid.</summary>
    private static decimal Factor(VisitLine line, MpprPolicy policy, bool paidInFull) =>
        paidInFull ? 1m : policy.Kind switch
        {
            MpprKind.CmsPracticeExpense => 1m - (policy.Percent.Fraction * line.Rvus.PracticeExpenseShare),
            MpprKind.FlatSecondary => policy.Percent.Fraction,
            _ => 1m,
        };
}
