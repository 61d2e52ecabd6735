using System.Text.RegularExpressions;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Data.Cms;

/// <summary>
/// Loads CMS's GPCI file (GPCIyyyy.csv, Addendum E): a title line, a blank line, the header
/// (MAC, State, Locality Number, Locality Name, yyyy PW GPCI (with 1.0 Floor), yyyy PE GPCI, yyyy MP GPCI),
/// the localities, then footnotes. A data row is one whose MAC field is a number; footnotes are not data.
/// </summary>
public static partial class GpciFileLoader
{
    public static GpciRelease? Load(string path, string displayName, DataIssueLog log)
    {
        int? year = null;
        int[]? gpciColumns = null;
        var localities = new List<MedicareLocality>();
        var seen = new Dictionary<LocalityId, int>();
        foreach (var (line, fields) in CmsFileReader.Rows(path, displayName, log))
        {
            if (gpciColumns is null)
            {
                if (fields.Length >= 7 && fields[0].StartsWith("Medicare Administrative Contractor", StringComparison.OrdinalIgnoreCase))
                {
                    var pw = Array.FindIndex(fields, f => f.Contains("PW GPCI", StringComparison.OrdinalIgnoreCase));
                    var pe = Array.FindIndex(fields, f => f.Contains("PE GPCI", StringComparison.OrdinalIgnoreCase));
                    var mp = Array.FindIndex(fields, f => f.Contains("MP GPCI", StringComparison.OrdinalIgnoreCase));
                    var y = HeaderYear().Match(fields[Math.Max(pw, 0)]);
                    if (pw < 0 || pe < 0 || mp < 0 || !y.Success)
                    {
                        log.Blocking(displayName, line, null, null, string.Join(",", fields), "the header lacks 'yyyy PW GPCI', 'yyyy PE GPCI' or 'yyyy MP GPCI'; use the unmodified CMS GPCI file");
                        return null;
                    }

                    year = int.Parse(y.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    gpciColumns = [pw, pe, mp];
                }

                continue;
            }

            if (fields.Length < 4 || fields[0].Length == 0 || !fields[0].All(char.IsAsciiDigit))
            {
                continue;
            }

            if (!LocalityId.FromParts(fields[0], fields[2]).TryGetValue(out var id))
            {
                log.Blocking(displayName, line, 3, "Locality Number", fields[2], "not a locality number; re-download the unmodified CMS file");
                continue;
            }

            var values = gpciColumns.Select(c => CmsFileReader.Number(fields.ElementAtOrDefault(c) ?? string.Empty)).ToArray();
            if (values.Any(v => v is null or <= 0m))
            {
                log.Blocking(displayName, line, null, null, string.Join(",", fields), "a GPCI is missing or not a positive number; re-download the unmodified CMS file");
                continue;
            }

            if (seen.TryGetValue(id, out var firstLine))
            {
                log.Blocking(displayName, line, 3, "Locality Number", id.ToString(), $"locality {id} is listed twice (first on line {firstLine}); keep one");
                continue;
            }

            seen[id] = line;
            localities.Add(new MedicareLocality(id, fields[1], fields[3].TrimEnd('*', ' '), new Gpci(values[0]!.Value, values[1]!.Value, values[2]!.Value)));
        }

        if (gpciColumns is null || year is null)
        {
            log.Blocking(displayName, null, null, null, null, "no header row starting 'Medicare Administrative Contractor' was found; is this a CMS GPCI file?");
            return null;
        }

        return new GpciRelease(year.Value, localities, $"CMS {Path.GetFileName(path)}");
    }

    [GeneratedRegex(@"(\d{4})\s+PW GPCI", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderYear();
}
