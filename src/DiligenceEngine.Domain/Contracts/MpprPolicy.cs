using DiligenceEngine.Domain.Amounts;

namespace DiligenceEngine.Domain.Contracts;

/// <summary>How a payor reduces payment for the second and later units on one date of service.</summary>
public enum MpprKind
{
    /// <summary>Every unit is paid at its full fee.</summary>
    None,

    /// <summary>
    /// CMS-style: the unit with the highest practice-expense RVU is paid in full; every later unit keeps its work
    /// and MP share but only (100 − X)% of its PE share, i.e. fee × (1 − X% · PE/total RVU). Medicare, UHC, Aetna, BCBSM.
    /// </summary>
    CmsPracticeExpense,

    /// <summary>Every unit after the highest-paid one is paid at Y% of its fee.</summary>
    FlatSecondary,
}

/// <summary>
/// A contract's multiple procedure payment reduction policy.
/// For <see cref="MpprKind.CmsPracticeExpense"/>, <see cref="Percent"/> is the PE reduction X (50% today);
/// for <see cref="MpprKind.FlatSecondary"/> it is the share Y of the fee that later units are paid.
/// </summary>
public sealed record MpprPolicy
{
    private MpprPolicy(MpprKind kind, Percent percent, bool evaluationsExempt, int? dailyUnitCap)
    {
        if (percent < Percent.Zero || percent > Percent.OneHundred)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, $"An MPPR percent must be between 0% and 100%; got {percent}.");
        }

        if (dailyUnitCap is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(dailyUnitCap), dailyUnitCap, $"A daily unit cap must be at least 1 unit; got {dailyUnitCap}. Leave it empty for no cap.");
        }

        Kind = kind;
        Percent = percent;
        EvaluationsExempt = evaluationsExempt;
        DailyUnitCap = dailyUnitCap;
    }

    public MpprKind Kind { get; }

    public Percent Percent { get; }

    /// <summary>When true, evaluation and re-evaluation codes are always paid in full and do not take the primary slot.</summary>
    public bool EvaluationsExempt { get; }

    /// <summary>The most units paid per patient per date of service; null when the contract sets none.</summary>
    public int? DailyUnitCap { get; }

    public static MpprPolicy None(int? dailyUnitCap = null) => new(MpprKind.None, Percent.Zero, false, dailyUnitCap);

    public static MpprPolicy CmsPracticeExpense(Percent practiceExpenseReduction, bool evaluationsExempt, int? dailyUnitCap = null) =>
        new(MpprKind.CmsPracticeExpense, practiceExpenseReduction, evaluationsExempt, dailyUnitCap);

    public static MpprPolicy FlatSecondary(Percent secondaryPaidAt, bool evaluationsExempt, int? dailyUnitCap = null) =>
        new(MpprKind.FlatSecondary, secondaryPaidAt, evaluationsExempt, dailyUnitCap);

    public override string ToString()
    {
        var core = Kind switch
        {
            MpprKind.None => "no MPPR",
            MpprKind.CmsPracticeExpense => $"CMS-style MPPR, {Percent.ToString(0)} PE reduction on later units",
            _ => $"flat MPPR, later units paid at {Percent.ToString(0)}",
        };
        var exempt = Kind != MpprKind.None && EvaluationsExempt ? ", evaluations exempt" : string.Empty;
        var cap = DailyUnitCap is { } c ? $", cap {c} units/day" : string.Empty;
        return core + exempt + cap;
    }
}
