using System.Collections.Frozen;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Codes;

/// <summary>
/// The PT/OT codes the engine prices, with built-in Medicare RVUs by year.
/// Sources (shared/domain.md §1): 2025 from CMS PPRRVU2025_Oct.csv (RVU25D) [primary]; 2024 from
/// PPRRVU24_OCT as processed by Psuncode/RVU-Calculator [secondary]; 2026 only where a source gave the
/// work/PE/MP split (97110, 97112, 97530) [secondary]. A year missing here must come from a CMS RVU file
/// loaded by the user; the engine never guesses RVUs.
/// </summary>
public sealed class CptCatalog
{
    private const string Source2024 = "PPRRVU24_OCT via Psuncode/RVU-Calculator (secondary)";
    private const string Source2025 = "CMS PPRRVU2025_Oct.csv, RVU25D (primary)";
    private const string Source2026 = "RVU26A as quoted by payerready.com (secondary; work/PE/MP split only for 97110, 97112, 97530)";

    private readonly FrozenDictionary<CptCode, CptCodeInfo> codes;

    private CptCatalog(IEnumerable<CptCodeInfo> entries) =>
        codes = entries.ToFrozenDictionary(e => e.Code);

    /// <summary>The built-in PT/OT catalog.</summary>
    public static CptCatalog Default { get; } = new(BuildDefault());

    public IEnumerable<CptCodeInfo> All => codes.Values.OrderBy(c => c.Code);

    public bool Contains(CptCode code) => codes.ContainsKey(code);

    public bool TryGet(CptCode code, out CptCodeInfo info) => codes.TryGetValue(code, out info!);

    public CptCodeInfo this[CptCode code] =>
        codes.TryGetValue(code, out var info)
            ? info
            : throw new KeyNotFoundException($"CPT {code} is not in the PT/OT catalog; known codes: {string.Join(", ", codes.Keys.Order())}.");

    private static IEnumerable<CptCodeInfo> BuildDefault()
    {
        var pt = Discipline.PhysicalTherapy;
        var ot = Discipline.OccupationalTherapy;
        var both = Discipline.Both;

        RvuSet Rvu(decimal w, decimal pe, decimal mp) => new(w, pe, mp);

        // Evaluations: the three complexity levels share RVUs within a discipline.
        var ptEval = Years(Rvu(1.54m, 1.43m, 0.04m), Rvu(1.54m, 1.45m, 0.04m), null);
        var otEval = Years(Rvu(1.54m, 1.46m, 0.04m), Rvu(1.54m, 1.53m, 0.04m), null);

        return
        [
            Entry("97161", "PT evaluation, low complexity", pt, CodeCategory.Evaluation, ptEval),
            Entry("97162", "PT evaluation, moderate complexity", pt, CodeCategory.Evaluation, ptEval),
            Entry("97163", "PT evaluation, high complexity", pt, CodeCategory.Evaluation, ptEval),
            Entry("97164", "PT re-evaluation", pt, CodeCategory.ReEvaluation, Years(Rvu(0.96m, 1.10m, 0.03m), Rvu(0.96m, 1.11m, 0.02m), null)),
            Entry("97165", "OT evaluation, low complexity", ot, CodeCategory.Evaluation, otEval),
            Entry("97166", "OT evaluation, moderate complexity", ot, CodeCategory.Evaluation, otEval),
            Entry("97167", "OT evaluation, high complexity", ot, CodeCategory.Evaluation, otEval),
            Entry("97168", "OT re-evaluation", ot, CodeCategory.ReEvaluation, Years(Rvu(0.96m, 1.11m, 0.03m), Rvu(0.96m, 1.16m, 0.03m), null)),
            Entry("97110", "Therapeutic exercise, each 15 min", both, CodeCategory.Timed15Minute, Years(Rvu(0.45m, 0.42m, 0.01m), Rvu(0.45m, 0.43m, 0.01m), Rvu(0.45m, 0.41m, 0.01m))),
            Entry("97112", "Neuromuscular re-education, each 15 min", both, CodeCategory.Timed15Minute, Years(Rvu(0.50m, 0.50m, 0.01m), Rvu(0.50m, 0.48m, 0.01m), Rvu(0.50m, 0.47m, 0.01m))),
            Entry("97140", "Manual therapy, each 15 min", both, CodeCategory.Timed15Minute, Years(Rvu(0.43m, 0.37m, 0.01m), Rvu(0.43m, 0.40m, 0.01m), null)),
            Entry("97530", "Therapeutic activities, each 15 min", both, CodeCategory.Timed15Minute, Years(Rvu(0.44m, 0.65m, 0.01m), Rvu(0.44m, 0.62m, 0.01m), Rvu(0.44m, 0.60m, 0.01m))),
            Entry("97535", "Self-care/home management training, each 15 min", both, CodeCategory.Timed15Minute, Years(Rvu(0.45m, 0.52m, 0.01m), Rvu(0.45m, 0.53m, 0.01m), null)),
            Entry("97116", "Gait training, each 15 min", both, CodeCategory.Timed15Minute, Years(null, Rvu(0.45m, 0.43m, 0.01m), null)),
            Entry("97035", "Ultrasound, each 15 min", both, CodeCategory.Timed15Minute, Years(null, Rvu(0.21m, 0.21m, 0.01m), null)),
            Entry("97150", "Group therapeutic procedures", both, CodeCategory.Untimed, Years(null, Rvu(0.29m, 0.24m, 0.01m), null)),
            Entry("97014", "Electrical stimulation, unattended (commercial)", both, CodeCategory.Untimed, Years(null, Rvu(0.18m, 0.19m, 0.01m), null)),
            Entry("G0283", "Electrical stimulation, unattended (Medicare)", both, CodeCategory.Untimed, Years(null, Rvu(0.18m, 0.19m, 0.01m), null)),
        ];
    }

    private static Dictionary<int, RvuSet> Years(RvuSet? y2024, RvuSet? y2025, RvuSet? y2026)
    {
        var years = new Dictionary<int, RvuSet>();
        if (y2024 is { } a) years[2024] = a;
        if (y2025 is { } b) years[2025] = b;
        if (y2026 is { } c) years[2026] = c;
        return years;
    }

    private static CptCodeInfo Entry(string code, string name, Discipline discipline, CodeCategory category, Dictionary<int, RvuSet> rvus)
    {
        var sources = rvus.Keys.Order().Select(y => y switch
        {
            2024 => Source2024,
            2025 => Source2025,
            _ => Source2026,
        });
        return new CptCodeInfo(CptCode.Of(code), name, discipline, category, rvus.ToFrozenDictionary(), string.Join("; ", sources));
    }
}
