namespace DiligenceEngine.Cli.Output;

/// <summary>
/// Shows a job's stages while it runs: a live status line on a terminal, plain lines when output is redirected;
/// nothing with --quiet; durations with --verbose.
/// </summary>
public sealed class ConsoleProgress(TextWriter writer, bool quiet, bool verbose)
{
    private readonly bool live = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    private bool lineOpen;

    public void Show(string job, string stage, long? durationMs)
    {
        if (quiet)
        {
            return;
        }

        if (durationMs is { } ms)
        {
            if (verbose)
            {
                Line($"  {stage}: {ms:N0} ms");
            }

            return;
        }

        if (live)
        {
            writer.Write($"\r\u001b[K{job}: {stage}");
            lineOpen = true;
        }
        else
        {
            writer.WriteLine($"{job}: {stage}");
        }
    }

    /// <summary>Ends a live status line so later output starts on its own line.</summary>
    public void End()
    {
        if (lineOpen)
        {
            writer.WriteLine();
            lineOpen = false;
        }
    }

    private void Line(string text)
    {
        End();
        writer.WriteLine(text);
    }
}
