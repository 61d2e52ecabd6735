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

    [Fact]
    public async Task ReportsPrintedOneAfterAnotherAndAtOnceEachHoldOnlyTheirOwnContent()
    {
        // Tabs are kept for the next report: what a tab printed before must not show through, and reports printed at
        // the same time each get a tab of their own.
        string Html(int i) => $"<html><body><h1>Report {i}</h1>{(i % 2 == 0 ? "<p>Only in even reports</p>" : string.Empty)}</body></html>";
        string Pdf(int i) => Path.Combine(folder.Path, $"report-{i}.pdf");
        await printer.PrintAsync(Html(0), Pdf(0), PageSize.Letter, "Header", "Footer");
        await printer.PrintAsync(Html(1), Pdf(1), PageSize.Letter, "Header", "Footer");
        await Task.WhenAll(Enumerable.Range(2, 4).Select(i => printer.PrintAsync(Html(i), Pdf(i), PageSize.Letter, "Header", "Footer")));

        for (var i = 0; i < 6; i++)
        {
            using var document = PdfDocument.Open(Pdf(i));
            var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            text.ShouldContain($"Report {i}");
            text.Contains("Only in even reports", StringComparison.Ordinal).ShouldBe(i % 2 == 0);
            Enumerable.Range(0, 6).Where(other => other != i).ShouldAllBe(other => !text.Contains($"Report {other}", StringComparison.Ordinal));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await printer.DisposeAsync();
        folder.Dispose();
    }
}
