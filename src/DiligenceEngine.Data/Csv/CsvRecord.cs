using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Data.Csv;

/// <summary>The outcome of reading one field: parsed, absent (optional and empty), or failed (already logged).</summary>
public readonly record struct Field<T>(bool Ok, bool Present, T Value)
{
    public static Field<T> Absent => new(true, false, default!);

    public static Field<T> Failed => new(false, false, default!);
}

/// <summary>
/// One data row of an input file. Every accessor that fails records a located issue and marks the row as bad,
/// so a loader reads all fields of a row (and all rows of a file) before deciding what to keep.
/// </summary>
public sealed class CsvRecord
{
    private readonly string[] fields;
    private readonly ColumnPositions columnIndex;
    private readonly DataIssueLog log;

    internal CsvRecord(string file, int line, string[] fields, ColumnPositions columnIndex, DataIssueLog log)
    {
        File = file;
        Line = line;
        this.fields = fields;
        this.columnIndex = columnIndex;
        this.log = log;
    }

    public string File { get; }

    /// <summary>1-based physical line where the record starts.</summary>
    public int Line { get; }

    /// <summary>True once any field of this row failed with a blocking issue.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>The trimmed text of a column, or "" when the column is absent from the file.</summary>
    public string Text(ColumnSpec column) =>
        columnIndex.TryGetValue(column, out var i) && i < fields.Length ? fields[i].Trim() : string.Empty;

    public Field<T> Required<T>(ColumnSpec column, Func<string, ParseResult<T>> parse)
    {
        var text = Text(column);
        if (text.Length == 0)
        {
            Error(column, $"{column.Name} is required and empty; {column.Description}");
            return Field<T>.Failed;
        }

        return Parse(column, text, parse);
    }

    public Field<T> Optional<T>(ColumnSpec column, Func<string, ParseResult<T>> parse)
    {
        var text = Text(column);
        return text.Length == 0 ? Field<T>.Absent : Parse(column, text, parse);
    }

    /// <summary>Records a blocking problem with this row's value of <paramref name="column"/>.</summary>
    public void Error(ColumnSpec column, string message)
    {
        HasErrors = true;
        log.Blocking(File, Line, ColumnNumber(column), column.Name, Text(column), message);
    }

    /// <summary>Records a warning about this row's value of <paramref name="column"/>; the row stays usable.</summary>
    public void Warn(ColumnSpec column, string message) =>
        log.Warning(File, Line, ColumnNumber(column), column.Name, Text(column), message);

    private Field<T> Parse<T>(ColumnSpec column, string text, Func<string, ParseResult<T>> parse)
    {
        var result = parse(text);
        if (result.TryGetValue(out var value))
        {
            return new Field<T>(true, true, value);
        }

        Error(column, result.Error!);
        return Field<T>.Failed;
    }

    /// <summary>1-based position of the column in this file, or null when the file lacks it.</summary>
    public int? ColumnNumber(ColumnSpec column) => columnIndex.TryGetValue(column, out var i) ? i + 1 : null;
}

/// <summary>
/// Where each column of one file sits. Loaders ask for the same few <see cref="ColumnSpec"/> instances on every row, so
/// answers are remembered per instance and found again by reference in a short array: no hashing of column names for
/// every field of millions of rows (a schema has a dozen columns at most).
/// </summary>
internal sealed class ColumnPositions(IReadOnlyDictionary<string, int> byName)
{
    private ColumnSpec[] asked = [];
    private int[] positions = [];

    public bool TryGetValue(ColumnSpec column, out int position)
    {
        for (var i = 0; i < asked.Length; i++)
        {
            if (ReferenceEquals(asked[i], column))
            {
                position = positions[i];
                return position >= 0;
            }
        }

        var found = byName.TryGetValue(column.Name, out position);
        asked = [.. asked, column];
        positions = [.. positions, found ? position : -1];
        return found;
    }
}
