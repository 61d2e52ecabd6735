using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace DiligenceEngine.Bench;

/// <summary>One measured figure set of a scenario run: a name, a case (its size) and named numbers.</summary>
public sealed record BenchResult(string Scenario, string Case, IReadOnlyDictionary<string, double> Figures)
{
    public const string Prefix = "RESULT ";

    public string ToLine() => Prefix + JsonSerializer.Serialize(this);

    public static BenchResult? Parse(string line) =>
        line.StartsWith(Prefix, StringComparison.Ordinal) ? JsonSerializer.Deserialize<BenchResult>(line[Prefix.Length..]) : null;
}

/// <summary>Wall-clock timing (Stopwatch) and the process's peak resident memory (VmHWM).</summary>
public static class Measure
{
    public static (T Value, double Milliseconds) Time<T>(Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        var value = work();
        return (value, clock.Elapsed.TotalMilliseconds);
    }

    public static async Task<(T Value, double Milliseconds)> TimeAsync<T>(Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var value = await work().ConfigureAwait(false);
        return (value, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Peak resident set of this process so far, in bytes (Linux /proc/self/status VmHWM).</summary>
    public static double PeakResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null
            ? Process.GetCurrentProcess().PeakWorkingSet64
            : double.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
