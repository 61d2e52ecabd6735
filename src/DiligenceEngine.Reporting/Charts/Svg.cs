using System.Globalization;
using System.Net;
using System.Text;

namespace DiligenceEngine.Reporting.Charts;

/// <summary>
/// A small SVG writer: coordinates printed with the invariant culture (a comma decimal separator would break the
/// SVG), and every piece of text HTML-encoded, because labels carry user-supplied names (payors, practices) and the
/// SVG is inlined into the report unescaped.
/// </summary>
internal sealed class Svg
{
    public const string Font = "DejaVu Sans, Liberation Sans, Arial, sans-serif";

    private readonly StringBuilder sb = new();

    public Svg(double width, double height, string label)
    {
        Width = width;
        Height = height;
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{E(label)}\" font-family=\"{Font}\" font-size=\"10\">");
    }

    public double Width { get; }

    public double Height { get; }

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string E(string text) => WebUtility.HtmlEncode(text);

    public Svg Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")}/>");
        return this;
    }

    public Svg Rect(double x, double y, double w, double h, string fill, string? stroke = null, string? cssClass = null)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(w, 0))}\" height=\"{N(Math.Max(h, 0))}\" fill=\"{fill}\"{(stroke is null ? string.Empty : $" stroke=\"{stroke}\"")}{(cssClass is null ? string.Empty : $" class=\"{cssClass}\"")}/>");
        return this;
    }

    public Svg Circle(double cx, double cy, double r, string fill, string? stroke = null)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" fill=\"{fill}\"{(stroke is null ? string.Empty : $" stroke=\"{stroke}\"")}/>");
        return this;
    }

    public Svg Polygon(IEnumerable<(double X, double Y)> points, string fill, double opacity = 1)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<polygon points=\"{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\" fill=\"{fill}\" fill-opacity=\"{N(opacity)}\"/>");
        return this;
    }

    public Svg Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 1.5, string? dash = null)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))}\" fill=\"none\" stroke=\"{stroke}\" stroke-width=\"{N(width)}\"{(dash is null ? string.Empty : $" stroke-dasharray=\"{dash}\"")}/>");
        return this;
    }

    public Svg Text(double x, double y, string text, string anchor = "start", string fill = "#222", double size = 10, bool bold = false)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" fill=\"{fill}\" font-size=\"{N(size)}\"{(bold ? " font-weight=\"bold\"" : string.Empty)}>{E(text)}</text>");
        return this;
    }

    public override string ToString() => sb + "</svg>";
}

/// <summary>Maps a data range onto a pixel range.</summary>
internal readonly record struct Scale(double DataMin, double DataMax, double PixelMin, double PixelMax)
{
    public double this[double value] => DataMax == DataMin
        ? (PixelMin + PixelMax) / 2
        : PixelMin + ((value - DataMin) / (DataMax - DataMin) * (PixelMax - PixelMin));

    /// <summary>A range padded by <paramref name="share"/> of its width on each side, so marks do not touch the frame.</summary>
    public static (double Min, double Max) Padded(IEnumerable<double> values, double share = 0.05)
    {
        var list = values.Where(double.IsFinite).ToList();
        if (list.Count == 0)
        {
            return (0, 1);
        }

        var (min, max) = (list.Min(), list.Max());
        var pad = (max - min) * share;
        return pad == 0 ? (min - Math.Max(1, Math.Abs(min) * 0.05), max + Math.Max(1, Math.Abs(max) * 0.05)) : (min - pad, max + pad);
    }

    /// <summary>About <paramref name="count"/> round tick values covering [min, max].</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count = 5)
    {
        var raw = (max - min) / Math.Max(count, 1);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var t = Math.Ceiling(min / step) * step; t <= max + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Round(t, 10));
        }

        return ticks;
    }
}
