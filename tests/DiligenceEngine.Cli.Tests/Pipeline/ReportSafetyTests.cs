using System.Text.Json;
using DiligenceEngine.Cli.Tests.Commands;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Cli.Tests.Pipeline;

/// <summary>A small generated dataset in which Cigna is renamed to a hostile string, and a job over it.</summary>
public sealed class HostileDataset : IDisposable
{
    public const string HostileName = "<script>alert(1)</script> & Sons";

    public HostileDataset()
    {
        CliRunner.Run("sample", "generate", "--medicare", RepoPaths.CmsFolder, "--out", Folder.Path, "--seed", "5", "--practice-scale", "0.3", "--visits", "1500").ExitCode.ShouldBe(0);
        var payors = Path.Combine(Folder.Path, "market", "payors.csv");
        var lines = File.ReadAllLines(payors).Select(l => l.StartsWith("Cigna,", StringComparison.Ordinal) ? $"{HostileName},commercial,Cigna|CIGNA|Cigna Healthcare" : l).ToArray();
        lines.ShouldContain(l => l.StartsWith(HostileName, StringComparison.Ordinal));
        File.WriteAllLines(payors, lines);
    }

    public TempFolder Folder { get; } = new();

    public string Job(string name, string? templates = null)
    {
        var report = templates is null ? string.Empty : $", \"report\": {{\"templates\": {JsonSerializer.Serialize(templates)}}}";
        return Folder.File($"{name}.json",
            $$"""{"kind":"acquisition","name":"{{name}}","practiceName":"Hostile & Co <b>","inputs":{"medicare":{{JsonSerializer.Serialize(RepoPaths.CmsFolder)}},"market":"market","target":"target"},"output":"out/{{name}}","parameters":{"closeDate":"2026-10-31","paths":300}{{report}}}""");
    }

    public void Dispose() => Folder.Dispose();
}

public class ReportSafetyTests(HostileDataset data) : IClassFixture<HostileDataset>
{
    [Fact]
    public void AHostilePayorNameAppearsLiterallyInHtmlAndPdf()
    {
        var (code, _, error) = CliRunner.Run("run", data.Job("hostile"), "--quiet");
        (code, error).ShouldBe((0, string.Empty));
        var folder = Path.Combine(data.Folder.Path, "out", "hostile");
        var html = File.ReadAllText(Path.Combine(folder, "report.html"));
        html.ShouldNotContain("<script>alert(1)");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons");
        html.ShouldNotContain("<b>");
        var pdf = ReportText.Of(Path.Combine(folder, "report.pdf"));
        pdf.ShouldContain(HostileDataset.HostileName);
        pdf.ShouldContain("Hostile & Co <b>");
    }

    [Fact]
    public void AMissingChromiumIsAClearErrorWithExitCode3AndNoOutputs()
    {
        var (code, _, error) = CliRunner.Run("run", data.Job("nochrome"), "--chromium", "/nonexistent/chromium");
        code.ShouldBe(3);
        error.ShouldContain("Chromium was not found at /nonexistent/chromium");
        error.ShouldContain("apt-get install");
        Directory.Exists(Path.Combine(data.Folder.Path, "out", "nochrome")).ShouldBeFalse();
        Directory.GetDirectories(Path.Combine(data.Folder.Path, "out")).ShouldNotContain(d => Path.GetFileName(d).Contains("nochrome", StringComparison.Ordinal));
    }

    [Fact]
    public void AFirmsOwnTemplatesFolderReplacesTheShippedOne()
    {
        var templates = Path.Combine(data.Folder.Path, "branded");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "templates"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(templates, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "templates"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var main = Path.Combine(templates, "shared", "_cover.cshtml");
        File.WriteAllText(main, File.ReadAllText(main).Replace("<h1>@Model.Title</h1>", "<h1>@Model.Title</h1><p>Prepared by Acme Advisory</p>", StringComparison.Ordinal));
        var (code, _, error) = CliRunner.Run("run", data.Job("branded", "branded"), "--quiet");
        (code, error).ShouldBe((0, string.Empty));
        ReportText.Of(Path.Combine(data.Folder.Path, "out", "branded", "report.pdf")).ShouldContain("Prepared by Acme Advisory");
    }
}
