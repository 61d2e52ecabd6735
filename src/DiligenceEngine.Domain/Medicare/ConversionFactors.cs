namespace DiligenceEngine.Domain.Medicare;

/// <summary>
/// Medicare physician fee schedule conversion factors (dollars per RVU), by effective date.
/// 2024 had two: $32.7442 from Jan 1 and $33.2875 from Mar 9 (Consolidated Appropriations Act 2024).
/// 2026 has two as well; the non-qualifying-APM factor ($33.4009) is the one therapy practices are paid.
/// </summary>
public static class ConversionFactors
{
    private static readonly (DateOnly From, decimal Factor, string Source)[] Schedule =
    [
        (new DateOnly(2024, 1, 1), 32.7442m, "CY2024 PFS final rule (secondary: domain.md §1)"),
        (new DateOnly(2024, 3, 9), 33.2875m, "Consolidated Appropriations Act 2024 (secondary: domain.md §1)"),
        (new DateOnly(2025, 1, 1), 32.3465m, "CMS PPRRVU2025_Oct.csv CONV FACTOR (primary)"),
        (new DateOnly(2026, 1, 1), 33.4009m, "CY2026 PFS final rule, non-qualifying-APM (secondary: domain.md §1)"),
    ];

    public static IReadOnlyList<int> Years => Schedule.Select(s => s.From.Year).Distinct().ToArray();

    /// <summary>The factor in force on a date of service.</summary>
    public static decimal OnDate(DateOnly date)
    {
        if (date < Schedule[0].From || date.Year > Schedule[^1].From.Year)
        {
            throw new KeyNotFoundException($"No Medicare conversion factor is known for {date:yyyy-MM-dd}; known years: {string.Join(", ", Years)}.");
        }

        return Schedule.Last(s => s.From <= date).Factor;
    }

    /// <summary>
    /// The factor a contract means when it names a Medicare year ("110% of 2024 Medicare"): the one in force
    /// for the longest part of that year, which for 2024 is the Mar 9 factor ($33.2875, 298 of 366 days).
    /// </summary>
    public static (decimal Factor, string Source) ForYear(int year)
    {
        var inYear = Schedule
            .Select((s, i) => (s, End: i + 1 < Schedule.Length && Schedule[i + 1].From.Year == year ? Schedule[i + 1].From : new DateOnly(year + 1, 1, 1)))
            .Where(x => x.s.From.Year == year)
            .ToArray();
        if (inYear.Length == 0)
        {
            throw new KeyNotFoundException($"No Medicare conversion factor is known for {year}; known years: {string.Join(", ", Years)}.");
        }

        var longest = inYear.MaxBy(x => x.End.DayNumber - x.s.From.DayNumber).s;
        return (longest.Factor, longest.Source);
    }
}
