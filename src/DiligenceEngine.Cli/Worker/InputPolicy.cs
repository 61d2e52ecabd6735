using System.Runtime.InteropServices;
using DiligenceEngine.Cli.Jobs;

namespace DiligenceEngine.Cli.Worker;

/// <summary>
/// What a job arriving in an inbox may read. Jobs are untrusted: every input folder must resolve — through any
/// symbolic links — inside one of the data roots, every file in it too, and each file is capped in bytes and lines.
/// Problems quote only the offending path or number, never file contents.
/// </summary>
public sealed class InputPolicy(IReadOnlyList<string> roots, long maxFileBytes, int maxRows)
{
    private readonly IReadOnlyList<string> realRoots = roots.Select(r => RealPath(r) ?? Path.GetFullPath(r)).ToList();

    public IReadOnlyList<string> Check(ResolvedJob job)
    {
        var problems = new List<string>();
        foreach (var (jsonPath, folder) in new[] { ("$.inputs.medicare", job.MedicareFolder), ("$.inputs.market", job.MarketFolder), ("$.inputs.target", job.TargetFolder), ("$.report.templates", job.TemplatesFolder) })
        {
            if (folder is null)
            {
                continue;
            }

            var real = RealPath(folder);
            if (real is null)
            {
                problems.Add($"{jsonPath}: '{folder}' does not exist");
                continue;
            }

            if (!Inside(real))
            {
                problems.Add($"{jsonPath}: '{folder}' is outside the data roots this worker may read ({string.Join(", ", realRoots)}); put the data under one of them or ask for the root to be added");
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(real, "*", SearchOption.AllDirectories))
            {
                var realFile = RealPath(file);
                if (realFile is null || !Inside(realFile))
                {
                    problems.Add($"{jsonPath}: '{Path.GetFileName(file)}' links outside the data roots; copy the file in instead of linking it");
                    continue;
                }

                var info = new FileInfo(realFile);
                if (info.Length > maxFileBytes)
                {
                    problems.Add($"{jsonPath}: '{Path.GetFileName(file)}' is {info.Length:N0} bytes, above this worker's limit of {maxFileBytes:N0}");
                }
                else if (file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && CountLines(realFile, maxRows) > maxRows)
                {
                    problems.Add($"{jsonPath}: '{Path.GetFileName(file)}' has more than {maxRows:N0} lines, this worker's limit");
                }
            }
        }

        return problems;
    }

    private bool Inside(string real) =>
        realRoots.Any(root => real == root || real.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal));

    /// <summary>Counts lines up to one past <paramref name="limit"/>, without reading further.</summary>
    private static int CountLines(string path, int limit)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        var lines = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0 && lines <= limit)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    /// <summary>The canonical path with every symbolic link resolved (POSIX realpath), or null when it does not exist.</summary>
    internal static string? RealPath(string path)
    {
        var result = NativeRealPath(Path.GetFullPath(path), IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            Marshal.FreeHGlobal(result);
        }
    }

    // realpath allocates the result with malloc; Marshal.FreeHGlobal is free() on Unix.
    [DllImport("libc", EntryPoint = "realpath", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr NativeRealPath(string path, IntPtr resolved);
}
