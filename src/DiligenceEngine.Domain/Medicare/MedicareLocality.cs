namespace DiligenceEngine.Domain.Medicare;

/// <summary>Geographic practice cost indices of one locality for one year (work GPCI includes its floor).</summary>
public readonly record struct Gpci(decimal Work, decimal PracticeExpense, decimal Malpractice);

/// <summary>A Medicare payment locality with its GPCIs for one fee-schedule year.</summary>
public sealed record MedicareLocality(LocalityId Id, string State, string Name, Gpci Gpci);
