using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Volumes;

namespace DiligenceEngine.Data.Inputs;

/// <summary>
/// The practice under review: its clinics, payor contracts and volumes, either as claim lines (what a data room
/// usually holds) or as aggregated annual volumes. When both are given, claims are used and volumes are not.
/// </summary>
public sealed record TargetPractice(
    IReadOnlyList<Location> Locations,
    IReadOnlyList<Contract> Contracts,
    IReadOnlyList<ClaimLine> Claims,
    IReadOnlyList<AggregatedVolume> Volumes);
