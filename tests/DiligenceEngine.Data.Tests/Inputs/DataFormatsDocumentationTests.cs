using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Data.Tests.Inputs;

public class DataFormatsDocumentationTests
{
    [Fact]
    public void EveryColumnOfEveryInputFileIsDocumented()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "data-formats.md"));
        foreach (var schema in InputSchemas.All)
        {
            doc.ShouldContain($"### {schema.FileName}", customMessage: $"docs/data-formats.md lacks a section for {schema.FileName}");
            foreach (var column in schema.Columns)
            {
                doc.ShouldContain($"| `{column.Name}` |", customMessage: $"docs/data-formats.md lacks column {column.Name} of {schema.FileName}");
            }
        }
    }
}
