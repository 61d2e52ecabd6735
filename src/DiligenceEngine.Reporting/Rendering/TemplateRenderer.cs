using RazorLight;

namespace DiligenceEngine.Reporting.Rendering;

/// <summary>
/// Renders Razor templates from a templates folder (the shipped <c>templates/</c>, or a firm's own copy). One engine
/// per process: the first render of a template compiles it (~2 s); later renders come from the memory cache.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly RazorLightEngine engine;
    private readonly Dictionary<string, Task> warming = [];

    public TemplateRenderer(string templatesRoot)
    {
        if (!Directory.Exists(templatesRoot))
        {
            throw new RenderingException($"The templates folder '{templatesRoot}' does not exist; point the job's report.templates (or --templates) at a folder laid out like the shipped templates/.");
        }

        TemplatesRoot = Path.GetFullPath(templatesRoot);
        engine = new RazorLightEngineBuilder().UseFileSystemProject(TemplatesRoot).UseMemoryCachingProvider().Build();
    }

    public string TemplatesRoot { get; }

    /// <summary>The shipped templates, copied next to the application.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "templates");

    public string ReadFile(string relativePath)
    {
        var path = Path.Combine(TemplatesRoot, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : throw new RenderingException($"Template file '{path}' is missing; copy it from the shipped templates/ folder.");
    }

    /// <summary>
    /// Starts compiling a kind's report template and the shared partials in the background, so a job's first report
    /// does not wait for Roslyn: the compile then overlaps the analysis. Idempotent per kind.
    /// </summary>
    public void StartWarming(string kind)
    {
        lock (warming)
        {
            if (!warming.ContainsKey(kind))
            {
                warming[kind] = Task.Run(() => CompileAsync(kind));
            }
        }
    }

    public async Task<string> RenderAsync<TModel>(string template, TModel model)
    {
        try
        {
            Task[] compiling;
            lock (warming)
            {
                compiling = [.. warming.Values];
            }

            // A render racing the warm-up would compile the same templates a second time.
            await Task.WhenAll(compiling).ConfigureAwait(false);
            return await engine.CompileRenderAsync(template, model).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RenderingException)
        {
            throw new RenderingException($"Template '{template}' in {TemplatesRoot} failed to render: {e.Message}", e);
        }
    }

    private async Task CompileAsync(string kind)
    {
        var shared = Path.Combine(TemplatesRoot, "shared");
        IEnumerable<string> partials = Directory.Exists(shared) ? Directory.EnumerateFiles(shared, "*.cshtml").Order(StringComparer.Ordinal) : [];
        foreach (var key in partials.Select(f => "shared/" + Path.GetFileName(f)).Append($"{kind}/report.cshtml"))
        {
            try
            {
                await engine.CompileTemplateAsync(key).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Warming only saves time: a template that does not compile fails its render, with the whole error.
            }
        }
    }
}
