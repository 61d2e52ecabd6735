using System.Diagnostics;
using System.Globalization;

namespace DiligenceEngine.Cli.Pipeline;

/// <summary>One event of a job's log: a stage started (no duration), a stage finished (with its duration), or the job ended.</summary>
public sealed record JobLogEvent(string Job, string Text, long? DurationMs, bool Ended);

/// <summary>
/// The log of one job: each stage with its start time and how long the previous one took. It is written as job.log
/// into the job's outputs, and every event is also handed to <paramref name="sink"/> (the console or a structured logger).
/// </summary>
public sealed class JobLog(string job, TimeProvider clock, Action<JobLogEvent>? sink = null) : IProgress<string>
{
    private readonly List<string> lines = [];
    private readonly Stopwatch stage = Stopwatch.StartNew();
    private string? current;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return lines.ToList();
            }
        }
    }

    /// <summary>Starts a stage, closing the previous one with its duration.</summary>
    public void Report(string value)
    {
        Close();
        lock (lines)
        {
            current = value;
            stage.Restart();
            Add($"{value}…");
        }
    }

    /// <summary>Closes the last stage and records how the job ended.</summary>
    public void Finish(string outcome)
    {
        Close();
        lock (lines)
        {
            Add(outcome, ended: true);
        }
    }

    public string Text() => string.Join("\n", Lines) + "\n";

    private void Close()
    {
        lock (lines)
        {
            if (current is not null)
            {
                var ms = stage.ElapsedMilliseconds;
                Add($"{current}: done in {ms:N0} ms", ms);
                current = null;
            }
        }
    }

    private void Add(string message, long? durationMs = null, bool ended = false)
    {
        lines.Add($"{clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} {job}: {message}");
        sink?.Invoke(new JobLogEvent(job, current ?? message, durationMs, ended));
    }
}
