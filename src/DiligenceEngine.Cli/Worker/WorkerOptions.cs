using System.ComponentModel.DataAnnotations;

namespace DiligenceEngine.Cli.Worker;

/// <summary>
/// Settings of the hosted worker, bound from appsettings.json (section "Worker"), environment variables
/// (DILIGENCE_Worker__MaxConcurrentJobs, …) and the serve command's options, validated at start. Units are in the names.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    [Required]
    public string Inbox { get; set; } = string.Empty;

    [Required]
    public string Outbox { get; set; } = string.Empty;

    /// <summary>Where finished job files go; defaults to a "done" sibling of the inbox.</summary>
    public string? Done { get; set; }

    /// <summary>Where failed job files and their error files go; defaults to a "failed" sibling of the inbox.</summary>
    public string? Failed { get; set; }

    [Range(1, 256)]
    public int MaxConcurrentJobs { get; set; } = Environment.ProcessorCount;

    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>How long running jobs may finish after a shutdown request before they are cancelled and requeued.</summary>
    [Range(0, 3_600)]
    public int ShutdownGraceSeconds { get; set; } = 30;

    /// <summary>Largest input file a job may name.</summary>
    [Range(1, long.MaxValue)]
    public long MaxInputFileBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most lines an input file may hold.</summary>
    [Range(1, int.MaxValue)]
    public int MaxInputRows { get; set; } = 50_000_000;

    /// <summary>Folders jobs may read from, besides the inbox's parent.</summary>
    public List<string> DataRoots { get; set; } = [];

    [Required]
    public string ChromiumPath { get; set; } = Reporting.Rendering.PdfPrinter.DefaultChromiumPath;

    public JobFolders Folders()
    {
        var inbox = Path.GetFullPath(Inbox);
        var parent = Path.GetDirectoryName(inbox) ?? inbox;
        return new JobFolders(inbox, Path.GetFullPath(Outbox), Path.GetFullPath(Done ?? Path.Combine(parent, "done")), Path.GetFullPath(Failed ?? Path.Combine(parent, "failed")));
    }
}
