namespace DiligenceEngine.Domain.Common;

/// <summary>
/// A span of calendar days. Both <see cref="Start"/> and <see cref="End"/> are inclusive, because contract
/// terms are written that way ("January 1, 2025 through December 31, 2026"): a one-day range has Start == End.
/// </summary>
public readonly record struct DateRange
{
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end < start)
        {
            throw new ArgumentException($"Date range end {end:yyyy-MM-dd} is before its start {start:yyyy-MM-dd}.", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    /// <summary>The last day inside the range (inclusive).</summary>
    public DateOnly End { get; }

    public int Days => End.DayNumber - Start.DayNumber + 1;

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public override string ToString() => $"{Start:yyyy-MM-dd}..{End:yyyy-MM-dd}";
}
