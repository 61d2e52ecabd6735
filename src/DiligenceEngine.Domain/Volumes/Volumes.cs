using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.Volumes;

/// <summary>Annual volume of one code for one payor at one location, as summarised in a data room.</summary>
public sealed record AggregatedVolume(string LocationId, Payor Payor, CptCode Code, int UnitsPerYear, int VisitsPerYear);

/// <summary>
/// One service line of a claim. Lines sharing a <see cref="ClaimId"/> and <see cref="DateOfService"/> are one
/// patient visit, the grouping MPPR applies to.
/// </summary>
public sealed record ClaimLine(
    string ClaimId,
    DateOnly DateOfService,
    string LocationId,
    Payor Payor,
    CptCode Code,
    int Units,
    Money Billed,
    Money Paid);
