using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace DiligenceEngine.Data.Csv;

/// <summary>
/// Reads a CSV input file against its schema and yields its data rows, logging every structural problem:
/// a missing file, an empty file, missing or duplicated required headers, unknown headers (warning), rows with
/// the wrong number of fields, malformed quoting and bytes that are not UTF-8. CsvHelper tokenises; its
/// default of quietly "recovering" badly quoted fields is replaced by a blocking issue for the row.
/// CsvHelper 33 is used rather than 34 because 33's classic parser exposes raw fields with physical line
/// numbers and a bad-data callback, which is what row-level error reporting needs.
/// </summary>
public static class CsvFileReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="path">File to read.</param>
    /// <param name="displayName">How the file is named in issues (the path as the user gave it).</param>
    /// <param name="schema">Columns the file may carry.</param>
    /// <param name="log">Where problems go.</param>
    public static IEnumerable<CsvRecord> Read(string path, string displayName, CsvSchema schema, DataIssueLog log)
    {
        if (!File.Exists(path))
        {
            log.Blocking(displayName, null, null, null, null, $"file not found; expected {schema.FileName} with columns {string.Join(", ", schema.Columns.Select(c => c.Name))}");
            yield break;
        }

        if (new FileInfo(path).Length == 0)
        {
            log.Blocking(displayName, null, null, null, null, $"file is empty; it needs a header line ({string.Join(",", schema.Columns.Where(c => c.Required).Select(c => c.Name))}) and at least one data row");
            yield break;
        }

        ColumnPositions? columns = null;
        var headerCount = 0;
        var dataRows = 0;
        foreach (var raw in ReadAhead.Of(RawRows(path)))
        {
            if (raw.NotUtf8)
            {
                log.Blocking(displayName, raw.StartLine, null, null, null, "the file is not valid UTF-8 text; re-save it as UTF-8 (with or without BOM)");
                yield break;
            }

            var (record, startLine, badQuoting) = (raw.Record, raw.StartLine, raw.BadFields);
            if (record is null || (record.Length == 1 && record[0].Trim().Length == 0 && badQuoting is null))
            {
                continue;
            }

            if (badQuoting is not null)
            {
                foreach (var field in badQuoting)
                {
                    log.Blocking(displayName, startLine, null, null, Clip(field),
                        "malformed quoting: a quote appears inside an unquoted field or a quoted field is not closed; wrap the whole field in double quotes and double any quote inside it (\"\")");
                }

                if (columns is not null)
                {
                    continue;
                }
            }

            if (columns is null)
            {
                columns = ReadHeader(record, startLine, displayName, schema, log) is { } header ? new ColumnPositions(header) : null;
                headerCount = record.Length;
                if (columns is null)
                {
                    yield break;
                }

                continue;
            }

            if (record.Length != headerCount)
            {
                WrongFieldCount(log, displayName, startLine, record.Length, headerCount);
                continue;
            }

            dataRows++;
            yield return new CsvRecord(displayName, startLine, record, columns, log);
        }

        NoRows(log, displayName, columns is not null, dataRows);
    }

    internal static void WrongFieldCount(DataIssueLog log, string file, int line, int fields, int headerFields) =>
        log.Blocking(file, line, null, null, null,
            $"this row has {fields} fields but the header has {headerFields}; quote any field that contains a comma, and check for missing or extra separators");

    /// <summary>The problem of a file that ended without a header or without data rows, if it did.</summary>
    internal static void NoRows(DataIssueLog log, string file, bool hadHeader, int dataRows)
    {
        if (hadHeader && dataRows == 0)
        {
            log.Blocking(file, null, null, null, null, "the file has a header but no data rows");
        }
        else if (!hadHeader)
        {
            log.Blocking(file, null, null, null, null, "the file has no header line; add one naming the columns");
        }
    }

    /// <summary>One record as CsvHelper tokenised it, with its first physical line and any badly quoted fields.</summary>
    private sealed record RawRow(string[]? Record, int StartLine, string[]? BadFields, bool NotUtf8);

    /// <summary>
    /// The tokenising half of reading: records with their physical line numbers. It holds no issue log, so it can run
    /// ahead on another thread while the rows it has produced are checked, without changing the order of any issue.
    /// </summary>
    private static IEnumerable<RawRow> RawRows(string path)
    {
        // Large reads: with the default 4 KB buffer a 1 GB market file costs a quarter of a million read calls.
        using var reader = new StreamReader(
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan),
            StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var badQuoting = new List<string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Mode = CsvMode.RFC4180,
            // Blank lines are skipped by Read rather than by CsvHelper, whose raw row count then stops matching physical lines.
            IgnoreBlankLines = false,
            BadDataFound = args => badQuoting.Add(args.Field),
        };
        using var parser = new CsvParser(reader, config);
        var previousEndLine = 0;
        while (true)
        {
            string[]? record;
            var notUtf8 = false;
            try
            {
                if (!parser.Read())
                {
                    yield break;
                }

                record = parser.Record;
            }
            catch (DecoderFallbackException)
            {
                (record, notUtf8) = (null, true);
            }

            if (notUtf8)
            {
                yield return new RawRow(null, previousEndLine + 1, null, NotUtf8: true);
                yield break;
            }

            var startLine = previousEndLine + 1;
            previousEndLine = parser.RawRow;
            yield return new RawRow(record, startLine, badQuoting.Count > 0 ? badQuoting.ToArray() : null, NotUtf8: false);
            badQuoting.Clear();
        }
    }

    internal static Dictionary<string, int>? ReadHeader(string[] header, int line, string file, CsvSchema schema, DataIssueLog log)
    {
        var known = schema.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (!known.TryGetValue(name, out var spec))
            {
                log.Warning(file, line, i + 1, name, name, $"column '{name}' is not part of {schema.FileName} and is ignored; known columns: {string.Join(", ", known.Keys)}");
                continue;
            }

            if (!index.TryAdd(spec.Name, i))
            {
                ok = false;
                log.Blocking(file, line, i + 1, spec.Name, name, $"column '{spec.Name}' appears twice in the header (columns {index[spec.Name] + 1} and {i + 1}); keep one");
            }
        }

        foreach (var missing in schema.Columns.Where(c => c.Required && !index.ContainsKey(c.Name)))
        {
            ok = false;
            log.Blocking(file, line, null, missing.Name, null,
                $"required column '{missing.Name}' is missing from the header; add it ({missing.Description}). Header found: {string.Join(",", header)}");
        }

        return ok ? index : null;
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
