using System.Text;
using DiligenceEngine.Reporting.Rendering;
using DiligenceEngine.Tests.Shared;
using UglyToad.PdfPig;

namespace DiligenceEngine.Reporting.Tests.Rendering;

public sealed class PdfPrinterTests : IAsyncLifetime
{
    private readonly PdfPrinter printer = new();
    private readonly TempFolder folder = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APdfCarriesADocumentStructureOnlyWhenTagged(bool tagged)
    {
        var pdf = Path.Combine(folder.Path, $"tagged-{tagged}.pdf");
        await printer.PrintAsync("<html><body><h1>Executive summary</h1><p>Adjusted visit rate</p></body></html>", pdf, PageSize.Letter, "Header", "Footer", tagged);

        // A tagged PDF's catalog names its structure tree; the text reads back the same either way.
        Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf)).Contains("/StructTreeRoot", StringComparison.Ordinal).ShouldBe(tagged);
        using var document = PdfDocument.Open(pdf);
        string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text)).ShouldContain("Executive summary");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await printer.DisposeAsync();
        folder.Dispose();
    }
}
