using System.Collections.Concurrent;
using DiligenceEngine.Cli.Pipeline;
using DiligenceEngine.Cli.Tests.Commands;
using DiligenceEngine.Cli.Worker;
using DiligenceEngine.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiligenceEngine.Cli.Tests.Worker;

/// <summary>
/// A small generated market and target, and the CMS files, under one data root. IAsyncLifetime rather than
/// IAsyncDisposable: xunit 2 disposes class fixtures only through IDisposable or IAsyncLifetime, and a fixture it never
/// disposes leaves its Chromium running after the test host exits.
/// </summary>
public sealed class WorkerData : IAsyncLifetime
{
    public WorkerData()
    {
        CliRunner.Run("sample", "generate", "--medicare", RepoPaths.CmsFolder, "--out", Data, "--seed", "9", "--practice-scale", "0.25", "--visits", "800").ExitCode.ShouldBe(0);
        Directory.CreateDirectory(Path.Combine(Data, "cms"));
        foreach (var file in Directory.EnumerateFiles(RepoPaths.CmsFolder))
        {
            File.Copy(file, Path.Combine(Data, "cms", Path.GetFileName(file)));
        }
    }

    public TempFolder Root { get; } = new();

    public string Data => Path.Combine(Root.Path, "data");

    public RenderingResources Rendering { get; } = new(null);

    /// <summary>Shared by every worker of the tests, as one process's workers share it.</summary>
    public InputCache Inputs { get; } = new();

    /// <summary>A valid acquisition job whose inputs are named relative to an inbox two levels below the root.</summary>
    public static string Job(string name, int paths = 300) =>
        $$$"""{"kind":"acquisition","name":"{{{name}}}","practiceName":"Test Practice","inputs":{"medicare":"../../data/cms","market":"../../data/market","target":"../../data/target"},"output":"ignored","parameters":{"closeDate":"2026-10-31","paths":{{{paths}}}}}""";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Rendering.DisposeAsync();
        Root.Dispose();
    }
}

/// <summary>Records log messages, so tests can count how often each job started.</summary>
internal sealed class RecordingLogger : ILogger<JobWorker>
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Messages.Enqueue(formatter(state, exception));
}

public class JobWorkerTests(WorkerData data) : IClassFixture<WorkerData>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private (WorkerOptions Options, JobFolders Folders) Folders(string test, int concurrency = 2, int graceSeconds = 30)
    {
        var options = new WorkerOptions
        {
            Inbox = Path.Combine(data.Root.Path, test, "inbox"),
            Outbox = Path.Combine(data.Root.Path, test, "outbox"),
            MaxConcurrentJobs = concurrency,
            PollIntervalMilliseconds = 100,
            ShutdownGraceSeconds = graceSeconds,
            DataRoots = [data.Root.Path],
        };
        var folders = options.Folders();
        folders.Create();
        return (options, folders);
    }

    private JobWorker Worker(WorkerOptions options, RecordingLogger? logger = null) =>
        new(Options.Create(options), data.Rendering, data.Inputs, TimeProvider.System, logger ?? new RecordingLogger());

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the worker did not reach the expected state in time");
            await Task.Delay(100);
        }
    }

    private static int Count(string folder, string pattern) => Directory.EnumerateFiles(folder, pattern).Count();

    [Fact]
    public async Task ThreeJobsWithOneBadGiveTwoDoneWithOutputsAndOneFailedWithErrorFiles()
    {
        var (options, folders) = Folders("three");
        File.WriteAllText(Path.Combine(folders.Inbox, "a.json"), WorkerData.Job("a"));
        File.WriteAllText(Path.Combine(folders.Inbox, "b.json"), WorkerData.Job("b"));
        File.WriteAllText(Path.Combine(folders.Inbox, "bad.json"), WorkerData.Job("bad").Replace("\"paths\":300", "\"paths\":300,\"horizonMonths\":400", StringComparison.Ordinal));
        var worker = Worker(options);
        await worker.StartAsync(CancellationToken.None);
        await Until(() => Count(folders.Done, "*.json") + Count(folders.Failed, "*.json") == 3 + 1);
        await worker.StopAsync(CancellationToken.None);

        Directory.EnumerateFiles(folders.Done).Select(Path.GetFileName).Order().ShouldBe(["a.json", "b.json"]);
        File.Exists(Path.Combine(folders.Outbox, "a", "report.pdf")).ShouldBeTrue();
        File.Exists(Path.Combine(folders.Outbox, "b", "job.log")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(folders.Failed, "bad.error.txt")).ShouldContain("$.parameters.horizonMonths: 400 is above the maximum 120");
        File.ReadAllText(Path.Combine(folders.Failed, "bad.error.json")).ShouldContain("\"exitCode\": 2");
        File.Exists(Path.Combine(folders.Failed, "bad.json")).ShouldBeTrue();
        Directory.Exists(Path.Combine(folders.Outbox, "bad")).ShouldBeFalse();
        Directory.EnumerateFileSystemEntries(folders.Claims).ShouldBeEmpty();
    }

    [Fact]
    public async Task AJobLeftClaimedByAKilledWorkerIsCompletedOnceAfterRestart()
    {
        var (options, folders) = Folders("stale");
        File.WriteAllText(Path.Combine(folders.Claims, "orphan.json"), WorkerData.Job("orphan"));
        File.WriteAllText(Path.Combine(folders.Claims, "orphan.lock"), "999999");
        var leftover = Directory.CreateDirectory(Path.Combine(folders.Outbox, ".orphan.tmp-999999-0123abcd")).FullName;
        var logger = new RecordingLogger();
        var worker = Worker(options, logger);
        await worker.StartAsync(CancellationToken.None);
        await Until(() => File.Exists(Path.Combine(folders.Done, "orphan.json")));
        await Task.Delay(500);
        await worker.StopAsync(CancellationToken.None);

        Directory.Exists(leftover).ShouldBeFalse();
        File.Exists(Path.Combine(folders.Outbox, "orphan", "report.pdf")).ShouldBeTrue();
        logger.Messages.Count(m => m.Contains("Job orphan kind acquisition started", StringComparison.Ordinal)).ShouldBe(1);
        Directory.EnumerateFileSystemEntries(folders.Claims).ShouldBeEmpty();
        Directory.EnumerateDirectories(folders.Outbox).Select(Path.GetFileName).ShouldBe(["orphan"]);
    }

    [Fact]
    public async Task TwoWorkersOnOneInboxNeverRunTheSameJob()
    {
        var (options, folders) = Folders("two", concurrency: 1);
        var names = new[] { "j1", "j2", "j3", "j4" };
        foreach (var name in names)
        {
            File.WriteAllText(Path.Combine(folders.Inbox, name + ".json"), WorkerData.Job(name));
        }

        var logger = new RecordingLogger();
        var first = Worker(options, logger);
        var second = Worker(options, logger);
        await Task.WhenAll(first.StartAsync(CancellationToken.None), second.StartAsync(CancellationToken.None));
        await Until(() => Count(folders.Done, "*.json") == names.Length);
        await Task.WhenAll(first.StopAsync(CancellationToken.None), second.StopAsync(CancellationToken.None));

        foreach (var name in names)
        {
            logger.Messages.Count(m => m.Contains($"Job {name} kind acquisition started", StringComparison.Ordinal)).ShouldBe(1, name);
        }
    }

    [Fact]
    public async Task ShutdownMidJobRequeuesItAndLeavesNoPartialOutputs()
    {
        var (options, folders) = Folders("shutdown", graceSeconds: 0);
        File.WriteAllText(Path.Combine(folders.Inbox, "long.json"), WorkerData.Job("long", paths: 200_000));
        var worker = Worker(options);
        await worker.StartAsync(CancellationToken.None);
        await Until(() => File.Exists(Path.Combine(folders.Claims, "long.json")));
        await worker.StopAsync(CancellationToken.None);

        File.Exists(Path.Combine(folders.Inbox, "long.json")).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(folders.Outbox).ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(folders.Claims).ShouldBeEmpty();
        Directory.EnumerateFileSystemEntries(folders.Done).ShouldBeEmpty();
    }

    [Fact]
    public async Task InputsOutsideTheDataRootsAreRefused()
    {
        var (options, folders) = Folders("escape");
        options.DataRoots = [];
        File.WriteAllText(Path.Combine(folders.Inbox, "escape.json"), WorkerData.Job("escape").Replace("../../data/market", "/etc", StringComparison.Ordinal));
        var link = Path.Combine(data.Root.Path, "escape", "market-link");
        Directory.CreateSymbolicLink(link, Path.Combine(data.Data, "market"));
        File.WriteAllText(Path.Combine(folders.Inbox, "link.json"), WorkerData.Job("link").Replace("../../data/market", "../market-link", StringComparison.Ordinal));
        var worker = Worker(options);
        await worker.StartAsync(CancellationToken.None);
        await Until(() => Count(folders.Failed, "*.error.txt") == 2);
        await worker.StopAsync(CancellationToken.None);

        var escape = File.ReadAllText(Path.Combine(folders.Failed, "escape.error.txt"));
        escape.ShouldContain("$.inputs.market: '/etc' is outside the data roots this worker may read");
        File.ReadAllText(Path.Combine(folders.Failed, "link.error.txt")).ShouldContain("$.inputs.market:");
        Directory.EnumerateFileSystemEntries(folders.Outbox).ShouldBeEmpty();
    }
}
