using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Codes;

/// <summary>
/// What the engine knows about one code: its own plain name (CPT descriptors are AMA copyright and are not
/// reproduced), discipline, billing category and the Medicare RVUs it carries built in, by year.
/// </summary>
public sealed record CptCodeInfo(
    CptCode Code,
    string PlainName,
    Discipline Discipline,
    CodeCategory Category,
    IReadOnlyDictionary<int, RvuSet> RvusByYear,
    string RvuSource)
{
    public bool IsEvaluation => Category is CodeCategory.Evaluation or CodeCategory.ReEvaluation;

    public bool IsTimed => Category == CodeCategory.Timed15Minute;
}
