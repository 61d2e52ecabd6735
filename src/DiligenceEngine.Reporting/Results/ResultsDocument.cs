using DiligenceEngine.Analysis.Expansion;
using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Recruiting;
using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Analysis.Visits;

namespace DiligenceEngine.Reporting.Results;

/// <summary>The parameters a run used, so every figure in the results can be reproduced.</summary>
public sealed record RunParameters(MarketModelOptions MarketModel, VisitEconomicsOptions VisitEconomics, int MarketDataYear);

/// <summary>Observations left out of the distributions, by reason (counted, never silently dropped).</summary>
public sealed record ExclusionSummary(int Outliers, int NoMedicareBaseline, double OutlierBandLowShareOfMedicare, double OutlierBandHighShareOfMedicare);

/// <summary>
/// results.json: everything a run computed, in one document. Schema and units: docs/results.md.
/// </summary>
public sealed record ResultsDocument(
    string SchemaVersion,
    JobSection Job,
    RunParameters Parameters,
    MedicareSection Medicare,
    MarketSection Market,
    ExclusionSummary Exclusions,
    TargetSection? Target,
    VisitEconomicsResults? VisitEconomics,
    ProjectionResults? Projection,
    ExpansionResults? Expansion,
    RecruitingResults? Recruiting,
    IReadOnlyList<CellDistribution> Cells,
    IReadOnlyList<IssueRow> DataQuality)
{
    public const string CurrentSchemaVersion = "1.0";

    public static ResultsDocument From(InputSummary inputs, MarketModel model, VisitEconomicsOptions visitOptions, VisitEconomicsResults? visits, ProjectionResults? projection,
        ExpansionResults? expansion = null, RecruitingResults? recruiting = null) =>
        new(
            CurrentSchemaVersion,
            inputs.Job,
            new RunParameters(model.Options, visitOptions, model.MarketDataYear),
            inputs.Medicare,
            inputs.Market,
            new ExclusionSummary(
                model.Excluded.Count(e => e.Reason == ExclusionReason.Outlier),
                model.Excluded.Count(e => e.Reason == ExclusionReason.NoMedicareBaseline),
                model.Options.OutlierBelowMedicareFraction,
                model.Options.OutlierAboveMedicareFraction),
            inputs.Target,
            visits,
            projection,
            expansion,
            recruiting,
            model.Cells.OrderBy(c => c.Key.Level).ThenBy(c => c.Key.Geography, StringComparer.Ordinal).ThenBy(c => c.Key.Payor, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Code).ThenBy(c => c.Key.Type).ToList(),
            inputs.DataQuality);
}
