using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Reporting.Results;

/// <summary>
/// The load stage's results as a document: what was read, from where, and every warning. Money is in dollars
/// (decimal), counts are whole numbers. Later stages add their sections to the same results document.
/// </summary>
public sealed record InputSummary(
    JobSection Job,
    MedicareSection Medicare,
    MarketSection Market,
    TargetSection? Target,
    IReadOnlyList<IssueRow> DataQuality)
{
    public static InputSummary From(string kind, string name, string practice, InputSet inputs, DataIssueLog log, int smallCellPractices)
    {
        var medicare = new MedicareSection(
            inputs.Medicare.Years.Select(y => inputs.Medicare.ForYear(y)).Select(s => new MedicareYear(s.Year, s.ConversionFactor, s.Provenance)).ToList(),
            inputs.Medicare.Assumptions);

        var cells = inputs.Market.Rates.PracticesPerCell();
        var market = new MarketSection(
            inputs.Market.Markets.Count,
            inputs.Market.Payors.Payors.Count,
            inputs.Market.Rates.DistinctPractices(),
            inputs.Market.Rates.CountByType().ToDictionary(t => RateTypeName(t.Key), t => t.Value),
            cells.Count,
            cells.Count(c => c < smallCellPractices),
            smallCellPractices,
            inputs.Market.Negotiations.Count,
            inputs.Market.VisitBaskets.Select(b => new BasketRow(b.Name, b.Entries.Count, b.UnitsPerVisit)).ToList());

        TargetSection? target = null;
        if (inputs.Target is { } t)
        {
            var claims = t.Claims;
            target = new TargetSection(
                practice,
                t.Locations.Count,
                t.Contracts.Select(c => new ContractRow(
                    c.Id, c.Payor.Name, string.Join("|", c.Markets), c.EffectiveDate, c.CurrentTermEnd, c.AutoRenews, c.NoticeDays,
                    c.AnnualEscalator.Fraction,
                    c.Rates switch
                    {
                        RateBasis.PercentOfMedicare p => $"{p.Percent} of {p.MedicareYear} Medicare, locality {p.Locality}",
                        RateBasis.FixedFeeSchedule f => $"fixed fee schedule, {f.Fees.Count} codes",
                        _ => throw new InvalidOperationException("Unknown rate basis."),
                    },
                    c.Mppr.ToString(),
                    c.ChangeOfOwnership.ToString())).ToList(),
                claims.Count,
                claims.Select(c => c.ClaimId).Distinct().Count(),
                claims.Count == 0 ? null : claims.Min(c => c.DateOfService),
                claims.Count == 0 ? null : claims.Max(c => c.DateOfService),
                claims.Sum(c => c.Units),
                claims.Sum(c => c.Billed.Amount),
                claims.Sum(c => c.Paid.Amount),
                claims.GroupBy(c => c.Payor.Name).OrderByDescending(g => g.Sum(c => c.Paid.Amount))
                    .Select(g => new PayorPaidRow(g.Key, g.Select(c => c.ClaimId).Distinct().Count(), g.Sum(c => c.Units), g.Sum(c => c.Paid.Amount))).ToList(),
                t.Volumes.Count);
        }

        return new InputSummary(
            new JobSection(kind, name, practice),
            medicare,
            market,
            target,
            log.Issues.Select(i => new IssueRow(i.Severity.ToString(), i.File, i.Line, i.Column, i.ColumnName, i.Value, i.Message)).ToList());
    }

    private static string RateTypeName(RateType type) => type switch
    {
        RateType.Negotiated => "negotiated",
        RateType.FeeSchedule => "fee_schedule",
        _ => "percent_of_medicare",
    };
}

public sealed record JobSection(string Kind, string Name, string Practice);

public sealed record MedicareYear(int Year, decimal ConversionFactorDollars, IReadOnlyList<string> Provenance);

public sealed record MedicareSection(IReadOnlyList<MedicareYear> Years, IReadOnlyList<string> Assumptions);

public sealed record BasketRow(string Basket, int Codes, decimal UnitsPerVisit);

public sealed record MarketSection(
    int Markets,
    int Payors,
    int Practices,
    IReadOnlyDictionary<string, int> RateRowsByType,
    int Cells,
    int SmallCells,
    int SmallCellThresholdPractices,
    int Negotiations,
    IReadOnlyList<BasketRow> VisitBaskets);

public sealed record ContractRow(
    string Id, string Payor, string Markets, DateOnly EffectiveDate, DateOnly TermEnd, bool AutoRenews, int NoticeDays,
    decimal EscalatorFraction, string RateBasis, string Mppr, string ChangeOfOwnership);

public sealed record PayorPaidRow(string Payor, int Visits, int Units, decimal PaidDollars);

public sealed record TargetSection(
    string Practice,
    int Locations,
    IReadOnlyList<ContractRow> Contracts,
    int ClaimLines,
    int Visits,
    DateOnly? FirstDateOfService,
    DateOnly? LastDateOfService,
    int Units,
    decimal BilledDollars,
    decimal PaidDollars,
    IReadOnlyList<PayorPaidRow> PaidByPayor,
    int AggregatedVolumeRows);

public sealed record IssueRow(string Severity, string File, int? Line, int? Column, string? ColumnName, string? Value, string Message);
