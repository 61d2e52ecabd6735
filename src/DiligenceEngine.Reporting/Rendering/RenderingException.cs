namespace DiligenceEngine.Reporting.Rendering;

/// <summary>A report could not be rendered: a missing dependency (Chromium, a template) or a failed render. The job fails with exit code 3.</summary>
public sealed class RenderingException(string message, Exception? inner = null) : Exception(message, inner);
