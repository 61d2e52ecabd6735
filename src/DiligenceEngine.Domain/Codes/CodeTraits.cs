namespace DiligenceEngine.Domain.Codes;

/// <summary>Which therapy discipline bills a code.</summary>
public enum Discipline
{
    PhysicalTherapy,
    OccupationalTherapy,

    /// <summary>Treatment codes billed by PT and OT alike.</summary>
    Both,
}

/// <summary>How a code is billed, which drives unit rules and MPPR exemptions.</summary>
public enum CodeCategory
{
    /// <summary>Initial evaluation, billed once per episode (97161-97163, 97165-97167).</summary>
    Evaluation,

    /// <summary>Re-evaluation (97164, 97168).</summary>
    ReEvaluation,

    /// <summary>15-minute timed procedure, billed in units under the 8-minute rule.</summary>
    Timed15Minute,

    /// <summary>Service-based code billed once per session regardless of minutes.</summary>
    Untimed,
}
