using System.Globalization;
using System.Text;

namespace DiligenceEngine.Data.Sample;

/// <summary>
/// Writes a CSV file atomically: rows go to a temporary file beside the target, renamed into place only once
/// complete, so a reader never sees half a file. Fields are quoted when they need it (RFC 4180).
/// </summary>
internal sealed class CsvOut : IDisposable
{
    private readonly string path;
    private readonly string temporary;
    private readonly StreamWriter writer;
    private bool completed;

    public CsvOut(string path, params string[] header)
    {
        this.path = path;
        temporary = path + $".{Environment.ProcessId}.tmp";
        writer = new StreamWriter(temporary, false, new UTF8Encoding(false)) { NewLine = "\n" };
        Row(header);
    }

    public void Row(params object?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Escape(Format(fields[i])));
        }

        writer.WriteLine();
    }

    /// <summary>Flushes and renames the file into place.</summary>
    public void Complete()
    {
        writer.Dispose();
        File.Move(temporary, path, overwrite: true);
        completed = true;
    }

    public void Dispose()
    {
        writer.Dispose();
        if (!completed && File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        decimal d => d.ToString("0.00##", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
