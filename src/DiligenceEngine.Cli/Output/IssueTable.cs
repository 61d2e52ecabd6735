using DiligenceEngine.Data.Csv;

namespace DiligenceEngine.Cli.Output;

/// <summary>Prints data issues as a table a person can read in a terminal: where, what value, what is wrong and the fix.</summary>
public static class IssueTable
{
    public static void Write(TextWriter output, IReadOnlyList<DataIssue> issues)
    {
        if (issues.Count == 0)
        {
            output.WriteLine("No problems found.");
            return;
        }

        var ordered = issues.OrderBy(i => i.Severity).ThenBy(i => i.File, StringComparer.Ordinal).ThenBy(i => i.Line ?? 0).ThenBy(i => i.Column ?? 0).ToList();
        var locationWidth = Math.Clamp(ordered.Max(i => i.Location.Length), "WHERE".Length, 60);
        var columnWidth = Math.Clamp(ordered.Max(i => (i.ColumnName ?? string.Empty).Length), "COLUMN".Length, 24);
        var valueWidth = Math.Clamp(ordered.Max(i => Quote(i.Value).Length), "VALUE".Length, 30);
        output.WriteLine($"{"SEVERITY",-8}  {"WHERE".PadRight(locationWidth)}  {"COLUMN".PadRight(columnWidth)}  {"VALUE".PadRight(valueWidth)}  PROBLEM AND FIX");
        foreach (var issue in ordered)
        {
            output.WriteLine(
                $"{(issue.Severity == IssueSeverity.Blocking ? "BLOCKING" : "warning"),-8}  {Fit(issue.Location, locationWidth)}  {Fit(issue.ColumnName ?? string.Empty, columnWidth)}  {Fit(Quote(issue.Value), valueWidth)}  {issue.Message}");
        }
    }

    public static string Summary(DataIssueLog log) =>
        $"{log.BlockingCount} blocking problem(s), {log.WarningCount} warning(s).";

    private static string Quote(string? value) => value is null ? string.Empty : $"\"{value}\"";

    private static string Fit(string text, int width) => text.Length <= width ? text.PadRight(width) : "…" + text[^(width - 1)..];
}
