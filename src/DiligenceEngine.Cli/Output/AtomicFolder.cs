namespace DiligenceEngine.Cli.Output;

/// <summary>
/// An output folder built under a temporary name beside its destination and renamed into place only when
/// complete, so a reader never sees a half-written set of outputs. Disposing without <see cref="Commit"/>
/// deletes the temporary folder.
/// </summary>
public sealed class AtomicFolder : IDisposable
{
    private readonly string destination;
    private bool committed;

    public AtomicFolder(string destination)
    {
        this.destination = Path.GetFullPath(destination);
        var parent = Path.GetDirectoryName(this.destination)!;
        Directory.CreateDirectory(parent);
        TemporaryPath = Path.Combine(parent, $".{Path.GetFileName(this.destination)}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(TemporaryPath);
    }

    /// <summary>The temporary folder to write into.</summary>
    public string TemporaryPath { get; }

    /// <summary>Replaces the destination with the finished folder.</summary>
    public void Commit()
    {
        if (Directory.Exists(destination))
        {
            // Move the old outputs aside first so the destination is never a mix of two runs.
            var old = destination + $".old-{Guid.NewGuid():N}";
            Directory.Move(destination, old);
            Directory.Move(TemporaryPath, destination);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(TemporaryPath, destination);
        }

        committed = true;
    }

    public void Dispose()
    {
        if (!committed && Directory.Exists(TemporaryPath))
        {
            Directory.Delete(TemporaryPath, recursive: true);
        }
    }
}
