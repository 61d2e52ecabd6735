using System.Diagnostics;

namespace DiligenceEngine.Cli.Worker;

/// <summary>
/// The worker's folders. A job file arrives in the inbox; a worker claims it by moving it into <c>inbox/.claims/</c>
/// while holding an exclusive lock on its <c>.lock</c> file, writes outputs to <c>outbox/&lt;job&gt;/</c>, then moves
/// the job file to done/ or failed/.
/// </summary>
public sealed record JobFolders(string Inbox, string Outbox, string Done, string Failed)
{
    public string Claims => Path.Combine(Inbox, ".claims");

    public void Create()
    {
        foreach (var folder in new[] { Inbox, Claims, Outbox, Done, Failed })
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Job files waiting in the inbox, oldest name first.</summary>
    public IEnumerable<string> Waiting() =>
        Directory.EnumerateFiles(Inbox, "*.json").Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal);

    /// <summary>Job files held in claims (running, or left by a worker that died).</summary>
    public IEnumerable<string> Claimed() => Directory.EnumerateFiles(Claims, "*.json").Order(StringComparer.Ordinal);

    /// <summary>
    /// Deletes temporary output folders left by processes that no longer run (their names carry the writer's process
    /// id), so a killed job leaves nothing behind once any worker starts again.
    /// </summary>
    public int RemoveOrphanTemporaryFolders()
    {
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(Outbox, ".*"))
        {
            var name = Path.GetFileName(dir);
            var marker = name.Contains(".tmp-", StringComparison.Ordinal) ? ".tmp-" : name.Contains(".old-", StringComparison.Ordinal) ? ".old-" : null;
            if (marker is null)
            {
                continue;
            }

            var pidText = name[(name.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].Split('-')[0];
            if (marker == ".old-" || !int.TryParse(pidText, out var pid) || !IsRunning(pid))
            {
                Directory.Delete(dir, recursive: true);
                removed++;
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// A claimed job. The exclusive lock on <c>claims/&lt;job&gt;.lock</c> is taken before the job file is moved and held
/// until the job file leaves claims, so: two workers never run one job (the second cannot take the lock), and a claim
/// whose lock can be taken belongs to a worker that died — its job is run again, once.
/// </summary>
public sealed class JobClaim : IDisposable
{
    private readonly JobFolders folders;
    private readonly FileStream lockFile;

    private JobClaim(JobFolders folders, string name, FileStream lockFile)
    {
        this.folders = folders;
        Name = name;
        this.lockFile = lockFile;
    }

    /// <summary>The job file's name without .json; it names the output folder.</summary>
    public string Name { get; }

    public string JobPath => Path.Combine(folders.Claims, Name + ".json");

    public string OutputFolder => Path.Combine(folders.Outbox, Name);

    /// <summary>Claims a job waiting in the inbox; null when another worker holds or took it.</summary>
    public static JobClaim? TryClaim(JobFolders folders, string inboxFile)
    {
        var name = Path.GetFileNameWithoutExtension(inboxFile);
        var lockFile = TryLock(folders, name);
        if (lockFile is null)
        {
            return null;
        }

        try
        {
            File.Move(inboxFile, Path.Combine(folders.Claims, name + ".json"));
            return new JobClaim(folders, name, lockFile);
        }
        catch (Exception e) when (e is FileNotFoundException or IOException)
        {
            Release(folders, name, lockFile);
            return null;
        }
    }

    /// <summary>Takes over a claim whose worker died; null when its worker is alive or the job has moved on.</summary>
    public static JobClaim? TryRecover(JobFolders folders, string claimedFile)
    {
        var name = Path.GetFileNameWithoutExtension(claimedFile);
        var lockFile = TryLock(folders, name);
        if (lockFile is null)
        {
            return null;
        }

        if (!File.Exists(claimedFile))
        {
            Release(folders, name, lockFile);
            return null;
        }

        return new JobClaim(folders, name, lockFile);
    }

    public void Complete() => File.Move(JobPath, Path.Combine(folders.Done, Name + ".json"), overwrite: true);

    public void Fail(string errorJson, string errorText)
    {
        File.WriteAllText(Path.Combine(folders.Failed, Name + ".error.json"), errorJson);
        File.WriteAllText(Path.Combine(folders.Failed, Name + ".error.txt"), errorText);
        File.Move(JobPath, Path.Combine(folders.Failed, Name + ".json"), overwrite: true);
    }

    /// <summary>Puts the job back in the inbox, for a job interrupted by shutdown.</summary>
    public void Requeue() => File.Move(JobPath, Path.Combine(folders.Inbox, Name + ".json"), overwrite: true);

    public void Dispose() => Release(folders, Name, lockFile);

    private static FileStream? TryLock(JobFolders folders, string name)
    {
        try
        {
            return new FileStream(Path.Combine(folders.Claims, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Release(JobFolders folders, string name, FileStream lockFile)
    {
        var path = lockFile.Name;
        if (!File.Exists(Path.Combine(folders.Claims, name + ".json")))
        {
            // Delete while still holding the lock, so no other worker can take a lock on a file about to vanish.
            File.Delete(path);
        }

        lockFile.Dispose();
    }
}
