namespace DiligenceEngine.Domain.Medicare;

/// <summary>
/// The three relative value units of a code in one fee-schedule year, non-facility setting
/// (outpatient therapy clinics bill non-facility).
/// </summary>
/// <param name="Work">Work RVU.</param>
/// <param name="PracticeExpense">Non-facility practice-expense RVU; the MPPR reduces this share.</param>
/// <param name="Malpractice">Malpractice (MP) RVU.</param>
public readonly record struct RvuSet(decimal Work, decimal PracticeExpense, decimal Malpractice)
{
    public decimal Total => Work + PracticeExpense + Malpractice;

    /// <summary>
    /// The practice-expense share of the total, PE / total. Commercial payors that follow CMS MPPR (Aetna, UHC)
    /// apply it to the contracted fee rather than to GPCI-adjusted dollars (domain.md §2).
    /// </summary>
    public decimal PracticeExpenseShare => Total == 0m ? 0m : PracticeExpense / Total;

    public RvuSet Validated(string code, int year)
    {
        if (Work < 0m || PracticeExpense < 0m || Malpractice < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(Work), $"RVUs of {code} for {year} must not be negative: work {Work}, PE {PracticeExpense}, MP {Malpractice}.");
        }

        return this;
    }
}
