using System.Text.RegularExpressions;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Data.Cms;

/// <summary>
/// Loads CMS's national RVU file (PPRRVUyyyy_*.csv of an RVUyyX release). Its header spans the lines above the
/// row starting "HCPCS", so each column's name is the stacked words of those lines ("WORK" over "RVU" is
/// "WORK RVU"). Only unmodified codes (no MOD) are kept, which is how therapy codes are billed.
/// </summary>
public static partial class PprrvuFileLoader
{
    private const string Hcpcs = "HCPCS";
    private const string Modifier = "MOD";
    private const string Work = "WORK RVU";
    private const string NonFacilityPe = "NON-FAC PE RVU";
    private const string Malpractice = "MP RVU";
    private const string ConversionFactor = "CONV FACTOR";

    public static RvuRelease? Load(string path, string displayName, DataIssueLog log)
    {
        var preamble = new List<string[]>();
        int? year = null;
        Dictionary<string, int>? columns = null;
        var rvus = new Dictionary<CptCode, RvuSet>();
        var factors = new Dictionary<decimal, int>();
        foreach (var (line, fields) in CmsFileReader.Rows(path, displayName, log))
        {
            if (columns is null)
            {
                year ??= fields.Select(f => TitleYear().Match(f)).FirstOrDefault(m => m.Success) is { } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
                if (fields.Length > 0 && fields[0].Equals(Hcpcs, StringComparison.OrdinalIgnoreCase))
                {
                    columns = StackedHeader(preamble, fields);
                    var missing = new[] { Modifier, Work, NonFacilityPe, Malpractice, ConversionFactor }.Where(c => !columns.ContainsKey(c)).ToArray();
                    if (missing.Length > 0)
                    {
                        log.Blocking(displayName, line, null, null, null, $"the header lacks {string.Join(", ", missing)}; is this a CMS PPRRVU file? Use the unmodified PPRRVUyyyy file from the RVU release");
                        return null;
                    }
                }
                else
                {
                    preamble.Add(fields);
                }

                continue;
            }

            var codeText = fields.ElementAtOrDefault(columns[Hcpcs]) ?? string.Empty;
            if (codeText.Length == 0 || (fields.ElementAtOrDefault(columns[Modifier]) ?? string.Empty).Length > 0)
            {
                continue;
            }

            if (!CptCode.Parse(codeText).TryGetValue(out var code))
            {
                log.Blocking(displayName, line, columns[Hcpcs] + 1, Hcpcs, codeText, "not a HCPCS code in a CMS RVU file; re-download the unmodified file");
                continue;
            }

            var w = Value(fields, columns, Work, line, displayName, log);
            var pe = Value(fields, columns, NonFacilityPe, line, displayName, log);
            var mp = Value(fields, columns, Malpractice, line, displayName, log);
            var cf = Value(fields, columns, ConversionFactor, line, displayName, log);
            if (w is null || pe is null || mp is null || cf is null)
            {
                continue;
            }

            rvus[code] = new RvuSet(w.Value, pe.Value, mp.Value);
            factors[cf.Value] = factors.GetValueOrDefault(cf.Value) + 1;
        }

        if (columns is null)
        {
            log.Blocking(displayName, null, null, null, null, "no header row starting with HCPCS was found; is this a CMS PPRRVU file?");
            return null;
        }

        if (year is null)
        {
            log.Blocking(displayName, 1, null, null, null, "the title line naming the year ('2025 National Physician Fee Schedule Relative Value File') was not found; use the unmodified CMS file");
            return null;
        }

        if (factors.Count != 1)
        {
            log.Blocking(displayName, null, null, ConversionFactor, string.Join(" / ", factors.Keys), "the file should carry one conversion factor for all codes; re-download the unmodified file");
            return null;
        }

        return new RvuRelease(year.Value, factors.Keys.Single(), rvus, $"CMS {Path.GetFileName(path)}");
    }

    private static Dictionary<string, int> StackedHeader(List<string[]> linesAbove, string[] headerLine)
    {
        // Only the lines directly above the HCPCS row form the header; the title lines above them sit in
        // the description column, which the engine does not read.
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var col = 0; col < headerLine.Length; col++)
        {
            var parts = linesAbove.TakeLast(3).Select(l => l.ElementAtOrDefault(col) ?? string.Empty).Append(headerLine[col])
                .Where(p => p.Length > 0);
            names.TryAdd(string.Join(' ', parts).ToUpperInvariant(), col);
        }

        return names;
    }

    private static decimal? Value(string[] fields, Dictionary<string, int> columns, string name, int line, string file, DataIssueLog log)
    {
        var text = fields.ElementAtOrDefault(columns[name]) ?? string.Empty;
        var n = CmsFileReader.Number(text);
        if (n is null or < 0m)
        {
            log.Blocking(file, line, columns[name] + 1, name, text, "not a non-negative number in a CMS RVU file; re-download the unmodified file");
        }

        return n;
    }

    [GeneratedRegex(@"^(\d{4}) National Physician Fee Schedule Relative Value File", RegexOptions.IgnoreCase)]
    private static partial Regex TitleYear();
}
