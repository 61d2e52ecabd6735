using System.Globalization;

namespace DiligenceEngine.Reporting.Charts;

/// <summary>One row of a box plot: the market distribution of a code and where the target sits.</summary>
public sealed record BoxRow(string Label, double P10, double P25, double P50, double P75, double P90, double Target, int N, bool Flagged);

/// <summary>A point of a fan chart: its axis label (a month), an optional baseline and the band.</summary>
public sealed record FanPoint(string Label, double? Baseline, double P10, double P50, double P90);

/// <summary>A step of a waterfall: a total (drawn from zero) or a change (drawn from the running total).</summary>
public sealed record WaterfallStep(string Label, double Value, bool IsTotal);

/// <summary>A bar of a tornado: the outcome at the parameter's low and high settings.</summary>
public sealed record TornadoRow(string Label, string LowSetting, string HighSetting, double Low, double High);

/// <summary>A row of a Gantt chart: spans (start, end inclusive, kind) and point markers.</summary>
public sealed record GanttRow(string Label, IReadOnlyList<(DateOnly From, DateOnly To, string Kind)> Spans, IReadOnlyList<(DateOnly At, string Kind)> Markers);

/// <summary>A horizontal bar with an optional reference mark (e.g. the market median).</summary>
public sealed record BarRow(string Label, double Value, double? Reference, string ValueLabel);

/// <summary>
/// The report's chart builders, one per chart kind. Each returns self-contained SVG with encoded labels; each has a
/// test on a tiny known input that pins its geometry.
/// </summary>
public static class ChartBuilder
{
    internal const double LabelWidth = 150;
    private const string Ink = "#1f2a44";
    private const string Accent = "#c0392b";
    private const string Band = "#7f9cc9";
    private const string Muted = "#8a94a6";

    /// <summary>Box plots: whiskers P10-P90, box P25-P75, median line, target as a red diamond; n beside each row.</summary>
    public static string BoxPlot(IReadOnlyList<BoxRow> rows, string title, Func<double, string> format, double width = 680)
    {
        const double rowHeight = 22, top = 26, bottom = 28;
        var height = top + (rows.Count * rowHeight) + bottom;
        var (min, max) = Scale.Padded(rows.SelectMany(r => new[] { r.P10, r.P90, r.Target }));
        var x = new Scale(min, max, LabelWidth, width - 60);
        var svg = new Svg(width, height, title).Text(0, 14, title, bold: true, size: 11);
        foreach (var t in Scale.Ticks(min, max))
        {
            svg.Line(x[t], top - 4, x[t], height - bottom, "#e3e6ec").Text(x[t], height - bottom + 14, format(t), "middle", Muted, 9);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + (i * rowHeight) + (rowHeight / 2);
            svg.Text(LabelWidth - 8, y + 3.5, r.Label + (r.Flagged ? " *" : string.Empty), "end", r.Flagged ? Accent : Ink)
                .Line(x[r.P10], y, x[r.P90], y, Ink)
                .Line(x[r.P10], y - 5, x[r.P10], y + 5, Ink)
                .Line(x[r.P90], y - 5, x[r.P90], y + 5, Ink)
                .Rect(x[r.P25], y - 7, x[r.P75] - x[r.P25], 14, "#dbe4f3", Ink)
                .Line(x[r.P50], y - 7, x[r.P50], y + 7, Ink, 2)
                .Polygon([(x[r.Target], y - 6), (x[r.Target] + 6, y), (x[r.Target], y + 6), (x[r.Target] - 6, y)], Accent)
                .Text(width - 4, y + 3.5, $"n={r.N}", "end", Muted, 9);
        }

        return svg.ToString();
    }

    /// <summary>Fan chart: the P10-P90 band, P50 line and, where given, the baseline (dashed) by month.</summary>
    public static string Fan(IReadOnlyList<FanPoint> points, string title, Func<double, string> format, double width = 680, double height = 260)
    {
        const double left = 70, right = 16, top = 26, bottom = 30;
        var (min, max) = Scale.Padded(points.SelectMany(p => new[] { p.P10, p.P90, p.Baseline ?? p.P50 }));
        var baseline = points.All(p => p.Baseline is not null);
        var x = new Scale(0, Math.Max(points.Count - 1, 1), left, width - right);
        var y = new Scale(min, max, height - bottom, top);
        var svg = new Svg(width, height, title).Text(0, 14, title, bold: true, size: 11);
        foreach (var t in Scale.Ticks(min, max))
        {
            svg.Line(left, y[t], width - right, y[t], "#e3e6ec").Text(left - 6, y[t] + 3, format(t), "end", Muted, 9);
        }

        for (var i = 0; i < points.Count; i += Math.Max(1, points.Count / 6))
        {
            svg.Text(x[i], height - bottom + 14, points[i].Label, "middle", Muted, 9);
        }

        svg.Polygon(points.Select((p, i) => (x[i], y[p.P90])).Concat(points.Select((p, i) => (x[i], y[p.P10])).Reverse()), Band, 0.35);
        if (baseline)
        {
            svg.Polyline(points.Select((p, i) => (x[i], y[p.Baseline!.Value])), Muted, 1.5, "5,3");
        }

        svg.Polyline(points.Select((p, i) => (x[i], y[p.P50])), Ink, 2)
            .Text(width - right, top + 4, baseline ? "P50 — band P10-P90 — dashed: baseline" : "P50 — band P10-P90", "end", Muted, 9);
        return svg.ToString();
    }

    /// <summary>Waterfall: totals from zero, changes from the running total, green up, red down.</summary>
    public static string Waterfall(IReadOnlyList<WaterfallStep> steps, string title, Func<double, string> format, double width = 680, double height = 260)
    {
        const double left = 70, right = 10, top = 26, bottom = 44;
        var running = 0.0;
        var bars = new List<(string Label, double From, double To, bool Total, double Value)>();
        foreach (var s in steps)
        {
            var from = s.IsTotal ? 0 : running;
            var to = s.IsTotal ? s.Value : running + s.Value;
            bars.Add((s.Label, from, to, s.IsTotal, s.Value));
            running = to;
        }

        // The axis fits the running totals rather than starting at zero, so changes of a few percent stay visible;
        // totals are drawn up from the axis floor and the chart says the axis is cut.
        var (min, max) = Scale.Padded(bars.SelectMany(b => b.Total ? new[] { b.To } : new[] { b.From, b.To }), 0.25);
        bars = bars.Select(b => b.Total ? b with { From = min } : b).ToList();
        var y = new Scale(min, max, height - bottom, top);
        var slot = (width - left - right) / Math.Max(bars.Count, 1);
        var svg = new Svg(width, height, title).Text(0, 14, title, bold: true, size: 11);
        foreach (var t in Scale.Ticks(min, max))
        {
            svg.Line(left, y[t], width - right, y[t], "#e3e6ec").Text(left - 6, y[t] + 3, format(t), "end", Muted, 9);
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            var x0 = left + (i * slot) + (slot * 0.15);
            var color = b.Total ? Ink : b.Value >= 0 ? "#2e8b57" : Accent;
            svg.Rect(x0, y[Math.Max(b.From, b.To)], slot * 0.7, Math.Max(Math.Abs(y[b.From] - y[b.To]), 1), color)
                .Text(x0 + (slot * 0.35), y[Math.Max(b.From, b.To)] - 4, (b.Total || b.Value < 0 ? string.Empty : "+") + format(b.Value), "middle", Ink, 9)
                .Text(x0 + (slot * 0.35), height - bottom + 14, b.Label, "middle", Ink, 9);
        }

        svg.Text(width - right, 14, "axis does not start at zero", "end", Muted, 8.5);
        return svg.ToString();
    }

    /// <summary>Tornado: one bar per parameter from its low-setting to its high-setting outcome, around the base value.</summary>
    public static string Tornado(IReadOnlyList<TornadoRow> rows, double baseValue, string title, Func<double, string> format, double width = 680)
    {
        const double rowHeight = 24, top = 30, bottom = 26;
        var height = top + (rows.Count * rowHeight) + bottom;
        var (min, max) = Scale.Padded(rows.SelectMany(r => new[] { r.Low, r.High }).Append(baseValue), 0.15);
        var x = new Scale(min, max, LabelWidth, width - 20);
        var svg = new Svg(width, height, title).Text(0, 14, title, bold: true, size: 11);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + (i * rowHeight);
            svg.Text(LabelWidth - 8, y + 14, r.Label, "end", Ink)
                .Rect(Math.Min(x[r.Low], x[baseValue]), y + 4, Math.Abs(x[r.Low] - x[baseValue]), rowHeight - 8, "#e6b0aa")
                .Rect(Math.Min(x[r.High], x[baseValue]), y + 4, Math.Abs(x[r.High] - x[baseValue]), rowHeight - 8, "#a9cce3")
                .Text(x[r.Low] + (r.Low <= baseValue ? -3 : 3), y + 15, r.LowSetting, r.Low <= baseValue ? "end" : "start", Muted, 8.5)
                .Text(x[r.High] + (r.High >= baseValue ? 3 : -3), y + 15, r.HighSetting, r.High >= baseValue ? "start" : "end", Muted, 8.5);
        }

        svg.Line(x[baseValue], top - 4, x[baseValue], height - bottom + 2, Ink, 1.5)
            .Text(x[baseValue], height - 8, "base " + format(baseValue), "middle", Ink, 9);
        return svg.ToString();
    }

    /// <summary>Gantt: spans coloured by kind (gap, negotiation, new rates), diamond markers (close, notice deadline).</summary>
    public static string Gantt(IReadOnlyList<GanttRow> rows, DateOnly from, DateOnly to, string title, double width = 680)
    {
        const double rowHeight = 20, top = 52, bottom = 10;
        var height = top + (rows.Count * rowHeight) + bottom;
        var x = new Scale(from.DayNumber, to.DayNumber, LabelWidth, width - 10);
        var colors = new Dictionary<string, string> { ["gap"] = Accent, ["negotiation"] = Band, ["new rates"] = "#2e8b57", ["consent"] = "#e59866" };
        var svg = new Svg(width, height, title).Text(0, 14, title, bold: true, size: 11);
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(3))
        {
            if (m >= from)
            {
                svg.Line(x[m.DayNumber], top - 6, x[m.DayNumber], height - bottom, "#e3e6ec").Text(x[m.DayNumber], top - 10, m.ToString("MMM yy", CultureInfo.InvariantCulture), "middle", Muted, 8.5);
            }
        }

        var legendX = LabelWidth;
        foreach (var (kind, color) in colors)
        {
            svg.Rect(legendX, 22, 10, 8, color).Text(legendX + 13, 29, kind, "start", Muted, 8.5);
            legendX += 90;
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + (i * rowHeight);
            svg.Text(LabelWidth - 8, y + 13, r.Label, "end", Ink, 9);
            foreach (var (start, end, kind) in r.Spans)
            {
                var (a, b) = (Math.Max(start.DayNumber, from.DayNumber), Math.Min(end.DayNumber, to.DayNumber));
                if (b >= a)
                {
                    svg.Rect(x[a], y + 4, Math.Max(x[b] - x[a], 2), rowHeight - 8, colors.GetValueOrDefault(kind, Muted));
                }
            }

            foreach (var (at, kind) in r.Markers.Where(mk => mk.At >= from && mk.At <= to))
            {
                var cx = x[at.DayNumber];
                svg.Polygon([(cx, y + 3), (cx + 4, y + 10), (cx, y + 17), (cx - 4, y + 10)], kind == "notice deadline" ? "#111" : Muted);
            }
        }

        return svg.ToString();
    }

    /// <summary>Horizontal bars with a reference tick (e.g. target visit rate with the market median marked).</summary>
    public static string Bars(IReadOnlyList<BarRow> rows, string title, Func<double, string> format, double width = 680)
    {
        const double rowHeight = 18, top = 26, bottom = 24, labels = 210;
        var height = top + (rows.Count * rowHeight) + bottom;
        var max = Scale.Padded(rows.SelectMany(r => new[] { r.Value, r.Reference ?? r.Value }).Append(0)).Max;
        var x = new Scale(0, max, labels, width - 70);
        var svg = new Svg(width, height, title).Text(0, 14, title, bold: true, size: 11);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = top + (i * rowHeight);
            svg.Text(labels - 8, y + 12, r.Label, "end", Ink, 9).Rect(x[0], y + 3, x[r.Value] - x[0], rowHeight - 6, Band)
                .Text(x[r.Value] + 4, y + 12, r.ValueLabel, "start", Ink, 9);
            if (r.Reference is { } reference)
            {
                svg.Line(x[reference], y + 1, x[reference], y + rowHeight - 1, Accent, 2);
            }
        }

        return svg.ToString();
    }
}
