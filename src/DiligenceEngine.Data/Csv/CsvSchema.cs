namespace DiligenceEngine.Data.Csv;

/// <summary>One documented column of an input file (docs/data-formats.md lists the same columns).</summary>
public sealed record ColumnSpec(string Name, bool Required, string Description);

/// <summary>The columns an input file may carry. Headers match case-insensitively and ignore surrounding spaces.</summary>
public sealed class CsvSchema
{
    public CsvSchema(string fileName, params ColumnSpec[] columns)
    {
        FileName = fileName;
        Columns = columns;
    }

    /// <summary>The conventional file name inside a data folder, e.g. contracts.csv.</summary>
    public string FileName { get; }

    public IReadOnlyList<ColumnSpec> Columns { get; }

    public static ColumnSpec Required(string name, string description) => new(name, true, description);

    public static ColumnSpec Optional(string name, string description) => new(name, false, description);
}
