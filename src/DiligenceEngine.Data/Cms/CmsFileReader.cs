using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DiligenceEngine.Data.Csv;

namespace DiligenceEngine.Data.Cms;

/// <summary>
/// Reads CMS release CSVs as CMS ships them: preamble lines before a header, headers spanning several lines,
/// blank spacer rows, trailing spaces and footnotes after the data. Yields every raw row with its physical line.
/// </summary>
internal static class CmsFileReader
{
    public static IEnumerable<(int Line, string[] Fields)> Rows(string path, string displayName, DataIssueLog log)
    {
        if (!File.Exists(path))
        {
            log.Blocking(displayName, null, null, null, null, "CMS file not found; download the release from cms.gov (Physician Fee Schedule > Relative Value Files) and point the job at it");
            yield break;
        }

        using var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var bad = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = false,
            BadDataFound = _ => bad = true,
        };
        using var parser = new CsvParser(reader, config);
        var previousEnd = 0;
        while (parser.Read())
        {
            var line = previousEnd + 1;
            previousEnd = parser.RawRow;
            if (bad)
            {
                log.Blocking(displayName, line, null, null, null, "malformed quoting in a CMS file; re-download the unmodified file from cms.gov");
                bad = false;
                continue;
            }

            yield return (line, parser.Record!.Select(f => f.Trim()).ToArray());
        }
    }

    public static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
