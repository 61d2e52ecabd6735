using System.Text.Json;
using DiligenceEngine.Cli.Commands;
using DiligenceEngine.Cli.Jobs;
using DiligenceEngine.Cli.Output;
using DiligenceEngine.Cli.Pipeline;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Reporting.Results;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiligenceEngine.Cli.Worker;

/// <summary>
/// The hosted worker: watches the inbox, claims each arriving job atomically, runs up to
/// <see cref="WorkerOptions.MaxConcurrentJobs"/> at once, and finishes each by committing its outputs to
/// outbox/&lt;job&gt;/ and moving the job file to done/ — or to failed/ with error.json and error.txt. A bad job never
/// stops the worker. On start it removes orphan temporary outputs and re-runs jobs whose worker died mid-run; on
/// shutdown it stops claiming, lets running jobs finish within the grace period, then cancels and requeues them.
/// Jobs share the process's warm browser, compiled templates and loaded inputs (<see cref="InputCache"/>).
/// </summary>
public sealed class JobWorker(IOptions<WorkerOptions> options, RenderingResources rendering, InputCache inputs, TimeProvider clock, ILogger<JobWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var folders = o.Folders();
        folders.Create();
        var removed = folders.RemoveOrphanTemporaryFolders();
        logger.LogInformation("Worker watching {Inbox}, {MaxConcurrentJobs} jobs at once; removed {Orphans} orphan temporary folders", folders.Inbox, o.MaxConcurrentJobs, removed);
        var policy = new InputPolicy([Path.GetDirectoryName(folders.Inbox) ?? folders.Inbox, .. o.DataRoots], o.MaxInputFileBytes, o.MaxInputRows);
        using var slots = new SemaphoreSlim(o.MaxConcurrentJobs);
        using var abort = new CancellationTokenSource();
        var running = new List<Task>();

        void TryStart(Func<JobClaim?> claim)
        {
            if (stoppingToken.IsCancellationRequested || !slots.Wait(0))
            {
                return;
            }

            var claimed = claim();
            if (claimed is null)
            {
                slots.Release();
                return;
            }

            running.Add(Task.Run(async () =>
            {
                try
                {
                    await ProcessAsync(claimed, folders, policy, abort.Token).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }, CancellationToken.None));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var claimed in folders.Claimed())
            {
                TryStart(() => JobClaim.TryRecover(folders, claimed));
            }

            foreach (var waiting in folders.Waiting())
            {
                TryStart(() => JobClaim.TryClaim(folders, waiting));
            }

            running.RemoveAll(t => t.IsCompleted);
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(o.PollIntervalMilliseconds), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        logger.LogInformation("Shutting down: {Running} job(s) running, {GraceSeconds} s to finish", running.Count(t => !t.IsCompleted), o.ShutdownGraceSeconds);
        abort.CancelAfter(TimeSpan.FromSeconds(o.ShutdownGraceSeconds));
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task ProcessAsync(JobClaim claim, JobFolders folders, InputPolicy policy, CancellationToken abort)
    {
        using var _ = claim;
        using var scope = logger.BeginScope("Job {JobId}", claim.Name);
        var kind = "unknown";
        var log = new JobLog(claim.Name, clock, e =>
        {
            if (e.DurationMs is { } duration)
            {
                logger.LogInformation("Job {JobId} kind {Kind} stage {Stage} done in {DurationMs} ms", e.Job, kind, e.Text, duration);
            }
            else if (!e.Ended)
            {
                logger.LogInformation("Job {JobId} kind {Kind} stage {Stage} started", e.Job, kind, e.Text);
            }
        });
        try
        {
            var (job, problems) = JobManifest.Load(claim.JobPath, folders.Inbox);
            if (job is null)
            {
                Fail(claim, ExitCodes.BadInput, problems, null, log);
                return;
            }

            var policyProblems = policy.Check(job);
            if (policyProblems.Count > 0)
            {
                Fail(claim, ExitCodes.BadInput, policyProblems, null, log);
                return;
            }

            kind = job.Kind;
            logger.LogInformation("Job {JobId} kind {Kind} started", claim.Name, job.Kind);
            var outcome = await JobRunner.RunAsync(job with { OutputFolder = claim.OutputFolder }, claim.OutputFolder, rendering, log, abort, inputs).ConfigureAwait(false);
            if (outcome.Results is null)
            {
                Fail(claim, outcome.ExitCode, outcome.Problems, outcome.Log, log);
                return;
            }

            claim.Complete();
            logger.LogInformation("Job {JobId} done: outputs in {Outputs}", claim.Name, claim.OutputFolder);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            claim.Requeue();
            logger.LogWarning("Job {JobId} cancelled by shutdown and returned to the inbox", claim.Name);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {JobId} failed unexpectedly", claim.Name);
            Fail(claim, ExitCodes.Unexpected, [$"unexpected error: {e.Message}"], null, log);
        }
    }

    private void Fail(JobClaim claim, int exitCode, IReadOnlyList<string> problems, DataIssueLog? issues, JobLog log)
    {
        log.Finish($"failed with exit code {exitCode}");
        var rows = issues?.Issues.Select(i => new IssueRow(i.Severity.ToString(), i.File, i.Line, i.Column, i.ColumnName, i.Value, i.Message)).ToList() ?? [];
        var json = JsonSerializer.Serialize(new { job = claim.Name, exitCode, problems, issues = rows }, JsonOutput.Options);
        var text = new StringWriter();
        text.WriteLine($"Job {claim.Name} failed (exit code {exitCode}: {ExitCodes.Describe(exitCode)}).");
        problems.ToList().ForEach(text.WriteLine);
        if (issues is not null)
        {
            text.WriteLine();
            IssueTable.Write(text, issues.Issues);
        }

        text.WriteLine();
        text.Write(log.Text());
        claim.Fail(json, text.ToString());
        logger.LogWarning("Job {JobId} failed with exit code {ExitCode}: {Problems} problem(s), {Issues} input issue(s)", claim.Name, exitCode, problems.Count, issues?.Issues.Count ?? 0);
    }
}
