namespace DiligenceEngine.Cli.Output;

/// <summary>
/// Shows a job's stages while it runs: a live status line on a terminal, plain lines when output is redirected;
/// nothing with --quiet; durations with --verbose.
/// </summary>
public sealed class ConsoleProgress(TextWriter writer, bool quiet, bool verbose)
{
    private readonly bool live = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    private bool lineOpen;

    public void Show(Pipeline.JobLogEvent e)
    {
        if (quiet)
        {
            return;
        }

        if (e.DurationMs is { } ms)
        {
            if (verbose)
            {
                Line($"  {e.Text}: {ms:N0} ms");
            }

            return;
        }

        if (live)
        {
            writer.Write($"\r\u001b[K{e.Job}: {e.Text}");
            lineOpen = true;
        }
        else
        {
            writer.WriteLine($"{e.Job}: {e.Text}");
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
