using System.Collections.Concurrent;
using System.Net;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace DiligenceEngine.Reporting.Rendering;

public enum PageSize
{
    Letter,
    A4,
}

/// <summary>
/// Prints self-contained HTML to PDF with headless Chromium (Debian's <c>chromium</c>), driven by PuppeteerSharp.
/// One browser per process, launched on first use and kept warm, with its tabs kept for the next reports (one per
/// report printing at once). Header: report title and target; footer: the confidentiality line and page X of Y. A
/// missing Chromium is a clear error, not a crash.
/// </summary>
public sealed class PdfPrinter : IAsyncDisposable
{
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly string chromiumPath;
    private readonly SemaphoreSlim launch = new(1, 1);

    /// <summary>
    /// Tabs that printed a report and wait for the next. A new tab is a new renderer with cold caches: reusing one saves
    /// about a third of a warm print (docs/performance.md). Setting a tab's content replaces its whole document.
    /// </summary>
    private readonly ConcurrentBag<IPage> idleTabs = [];
    private IBrowser? browser;

    public PdfPrinter(string? chromiumPath = null) => this.chromiumPath = chromiumPath ?? DefaultChromiumPath;

    /// <summary>Prints <paramref name="html"/> to <paramref name="pdfPath"/> on the warm browser.</summary>
    /// <param name="html">A self-contained page (nothing is fetched).</param>
    /// <param name="pdfPath">Where the PDF is written.</param>
    /// <param name="size">Paper size.</param>
    /// <param name="headerText">The running header (HTML-encoded here).</param>
    /// <param name="footerText">The footer's confidentiality line, beside "Page X of Y" (HTML-encoded here).</param>
    /// <param name="tagged">Whether to write a tagged (structure-annotated, screen-reader accessible) PDF. Chromium
    /// then takes about 40% longer and writes a file about six times larger (docs/performance.md).</param>
    public async Task PrintAsync(string html, string pdfPath, PageSize size, string headerText, string footerText, bool tagged = false)
    {
        var warm = await Browser().ConfigureAwait(false);
        var page = idleTabs.TryTake(out var idle) && !idle.IsClosed && idle.Browser == warm ? idle : await warm.NewPageAsync().ConfigureAwait(false);
        try
        {
            await Print(page, html, pdfPath, size, headerText, footerText, tagged).ConfigureAwait(false);
        }
        catch
        {
            // A tab whose print failed is not trusted with another report.
            await page.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        idleTabs.Add(page);
    }

    private static async Task Print(IPage page, string html, string pdfPath, PageSize size, string headerText, string footerText, bool tagged)
    {
        await page.SetContentAsync(html).ConfigureAwait(false);
        await page.PdfAsync(pdfPath, new PdfOptions
        {
            Format = size == PageSize.A4 ? PaperFormat.A4 : PaperFormat.Letter,
            PrintBackground = true,
            Tagged = tagged,
            DisplayHeaderFooter = true,
            HeaderTemplate = $"<div style=\"font-size:7.5pt;width:100%;padding:0 0.6in;color:#55607a;font-family:DejaVu Sans,sans-serif;\">{WebUtility.HtmlEncode(headerText)}</div>",
            FooterTemplate = $"<div style=\"font-size:7pt;width:100%;padding:0 0.6in;color:#55607a;font-family:DejaVu Sans,sans-serif;display:flex;justify-content:space-between;\"><span>{WebUtility.HtmlEncode(footerText)}</span><span>Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>",
            MarginOptions = new MarginOptions { Top = "0.7in", Bottom = "0.65in", Left = "0.6in", Right = "0.6in" },
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts Chromium in the background, so the first report does not wait for it: the launch then overlaps the
    /// analysis. A Chromium that cannot start is reported by the print that needs it, with the whole error.
    /// </summary>
    public void StartLaunching() => _ = Task.Run(async () =>
    {
        try
        {
            await Browser().ConfigureAwait(false);
        }
        catch (RenderingException)
        {
            // PrintAsync launches again and throws the same clear error where it can fail the job.
        }
    });

    public async ValueTask DisposeAsync()
    {
        // Waits for a launch in flight, so no Chromium outlives the process that started it.
        await launch.WaitAsync().ConfigureAwait(false);
        try
        {
            idleTabs.Clear();
            if (browser is not null)
            {
                await browser.CloseAsync().ConfigureAwait(false);
                browser.Dispose();
                browser = null;
            }
        }
        finally
        {
            launch.Release();
        }

        launch.Dispose();
    }

    private async Task<IBrowser> Browser()
    {
        await launch.WaitAsync().ConfigureAwait(false);
        try
        {
            if (browser is { IsConnected: true })
            {
                return browser;
            }

            if (!File.Exists(chromiumPath))
            {
                throw new RenderingException(
                    $"Chromium was not found at {chromiumPath}. Install it with 'apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation' " +
                    "(the README's commands do this), or set DILIGENCE_CHROMIUM_PATH / --chromium to where it is.");
            }

            try
            {
                browser = await Puppeteer.LaunchAsync(new LaunchOptions { Headless = true, ExecutablePath = chromiumPath, Args = Arguments }).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new RenderingException($"Chromium at {chromiumPath} failed to start: {e.Message}", e);
            }

            return browser;
        }
        finally
        {
            launch.Release();
        }
    }
}
