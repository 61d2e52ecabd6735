namespace DiligenceEngine.Data.Csv;

/// <summary>Whether a problem stops the job or travels into the report's data-quality appendix.</summary>
public enum IssueSeverity
{
    /// <summary>The input cannot be trusted as written; the job stops with no outputs.</summary>
    Blocking,

    /// <summary>The input is usable; the problem is counted and reported, never hidden.</summary>
    Warning,
}

/// <summary>
/// One problem found in an input file, located as precisely as the file allows: file, 1-based physical line,
/// 1-based column number and header name, the offending value, and a message that says what is wrong and how
/// to fix it. Modelled on Lean's Analysis (name, issue, sample, solutions).
/// </summary>
public sealed record DataIssue(
    IssueSeverity Severity,
    string File,
    int? Line,
    int? Column,
    string? ColumnName,
    string? Value,
    string Message)
{
    /// <summary>"file:line:column", as far as known, for editors and terminals that jump to it.</summary>
    public string Location => Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";

    public override string ToString()
    {
        var column = ColumnName is null ? string.Empty : $" {ColumnName}";
        var value = Value is null ? string.Empty : $" = \"{Value}\"";
        return $"{Location}:{column}{value}: {Message}";
    }
}

/// <summary>Collects the issues of a load, so every problem of every file is reported in one pass.</summary>
public sealed class DataIssueLog
{
    private readonly List<DataIssue> issues = [];

    public IReadOnlyList<DataIssue> Issues => issues;

    public bool HasBlocking => issues.Any(i => i.Severity == IssueSeverity.Blocking);

    public int BlockingCount => issues.Count(i => i.Severity == IssueSeverity.Blocking);

    public int WarningCount => issues.Count(i => i.Severity == IssueSeverity.Warning);

    public void Add(DataIssue issue) => issues.Add(issue);

    public void Blocking(string file, int? line, int? column, string? columnName, string? value, string message) =>
        Add(new DataIssue(IssueSeverity.Blocking, file, line, column, columnName, value, message));

    public void Warning(string file, int? line, int? column, string? columnName, string? value, string message) =>
        Add(new DataIssue(IssueSeverity.Warning, file, line, column, columnName, value, message));
}
