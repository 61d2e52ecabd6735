using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Contracts;

/// <summary>How a contract sets its rates.</summary>
public abstract record RateBasis
{
    private RateBasis()
    {
    }

    /// <summary>A fixed dollar fee per code.</summary>
    public sealed record FixedFeeSchedule(IReadOnlyDictionary<CptCode, Money> Fees) : RateBasis;

    /// <summary>
    /// A percent of the Medicare fee schedule of a named year and locality. Such a contract passes CMS's
    /// cuts straight through, which is why the year must be named (domain.md §6).
    /// </summary>
    public sealed record PercentOfMedicare(Percent Percent, int MedicareYear, LocalityId Locality) : RateBasis;
}
