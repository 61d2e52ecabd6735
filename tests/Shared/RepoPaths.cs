namespace DiligenceEngine.Tests.Shared;

/// <summary>Locates the repository's shipped files (sample data, CMS release files) from a test's output folder.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SampleData => Path.Combine(Root, "sample-data");

    public static string CmsFolder => Path.Combine(SampleData, "cms", "rvu25d");

    public static string MarketFolder => Path.Combine(SampleData, "market");

    public static string TargetFolder => Path.Combine(SampleData, "target");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DiligenceEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"DiligenceEngine.sln not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "diligence-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
