using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Data.Inputs;

/// <summary>
/// Resolves the payor and CPT fields that every input file carries. A code that is well formed but not in the
/// PT/OT catalog is not an error: its rows are left out of the analysis and counted, with one warning per file
/// and code (first line and count) so a market file full of non-therapy codes does not bury the real problems.
/// </summary>
internal sealed class RowResolver(PayorDirectory payors, CptCatalog catalog, DataIssueLog log)
{
    private readonly Dictionary<(string File, CptCode Code), (int Count, int Line, int? Column)> unknownCodes = [];

    public PayorDirectory Payors => payors;

    public CptCatalog Catalog => catalog;

    public DataIssueLog Log => log;

    private readonly Func<string, ParseResult<Payor>> payor = FieldParsers.Memoized<Payor>(text => payors.Resolve(text) switch
        {
            PayorMatch.Found found => ParseResult<Payor>.Ok(found.Payor),
            PayorMatch.Ambiguous ambiguous => ParseResult<Payor>.Fail(
                $"'{text}' is an alias of more than one payor ({string.Join(", ", ambiguous.Candidates.Select(p => p.Name))}); write the canonical name, or fix the aliases in payors.csv"),
            PayorMatch.Unknown { Suggestion: { } suggestion } => ParseResult<Payor>.Fail(
                $"'{text}' is not a payor in payors.csv; did you mean '{suggestion}'? If it is the same payor, add '{text}' to its aliases"),
            _ => ParseResult<Payor>.Fail($"'{text}' is not a payor in payors.csv; add it (or add it as an alias of the payor it is)"),
        });

    private readonly Func<string, ParseResult<CptCode>> code = FieldParsers.Memoized<CptCode>(CptCode.Parse);

    public Field<Payor> Payor(CsvRecord row, ColumnSpec column) => row.Required(column, payor);

    /// <summary>A catalog code; <c>Ok</c> is false both for a malformed code (blocking, logged) and for an unknown one (tallied).</summary>
    public Field<CptCode> CatalogCode(CsvRecord row, ColumnSpec column)
    {
        var parsed = row.Required(column, code);
        if (!parsed.Ok || catalog.Contains(parsed.Value))
        {
            return parsed;
        }

        var key = (row.File, parsed.Value);
        unknownCodes[key] = unknownCodes.TryGetValue(key, out var seen)
            ? (seen.Count + 1, seen.Line, seen.Column)
            : (1, row.Line, row.ColumnNumber(column));
        return Field<CptCode>.Failed;
    }

    /// <summary>Adds the codes <paramref name="later"/> counted, rows read after this resolver's (its first lines count only where this one has none).</summary>
    public void Absorb(RowResolver later)
    {
        foreach (var (key, (count, line, column)) in later.unknownCodes)
        {
            unknownCodes[key] = unknownCodes.TryGetValue(key, out var seen) ? (seen.Count + count, seen.Line, seen.Column) : (count, line, column);
        }

        later.unknownCodes.Clear();
    }

    /// <summary>Writes one warning per file and unknown code.</summary>
    public void ReportUnknownCodes()
    {
        foreach (var ((file, code), (count, line, column)) in unknownCodes.OrderBy(u => u.Key.File).ThenBy(u => u.Key.Code))
        {
            log.Warning(file, line, column, "cpt", code.Value,
                $"CPT {code} is not in the PT/OT catalog, so its {count} row(s) (first on this line) are left out of the analysis and counted in the data-quality appendix; known codes: {string.Join(", ", catalog.All.Select(c => c.Code))}");
        }

        unknownCodes.Clear();
    }
}
