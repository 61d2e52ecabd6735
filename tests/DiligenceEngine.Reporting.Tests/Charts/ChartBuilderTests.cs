using System.Xml.Linq;
using DiligenceEngine.Reporting.Charts;

namespace DiligenceEngine.Reporting.Tests.Charts;

/// <summary>Each chart builder on a tiny known input, with its geometry pinned.</summary>
public class ChartBuilderTests
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Values 10..50 padded by 5% of 40 (2) on each side give a data range 8..52 over pixels 150..620 (width 680 − 60):
    /// x(v) = 150 + (v − 8) / 44 × 470. P10 = 10 → 171.36, P90 = 50 → 598.64, median 30 → 385.
    /// </summary>
    [Fact]
    public void TheBoxPlotPutsWhiskersAndMedianAtTheirQuantiles()
    {
        var svg = Parse(ChartBuilder.BoxPlot([new BoxRow("97110", 10, 20, 30, 40, 50, 25, 12, false)], "t", v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var lines = svg.Elements(Ns + "line").Where(l => l.Attribute("stroke")!.Value == "#1f2a44").ToList();
        var whisker = lines.First();
        Attr(whisker, "x1").ShouldBe(171.36, 0.01);
        Attr(whisker, "x2").ShouldBe(598.64, 0.01);
        var median = lines.Single(l => l.Attribute("stroke-width")!.Value == "2");
        Attr(median, "x1").ShouldBe(385, 0.01);
        var box = svg.Elements(Ns + "rect").Single(r => r.Attribute("fill")!.Value == "#dbe4f3");
        Attr(box, "x").ShouldBe(278.18, 0.01);
        Attr(box, "width").ShouldBe(213.64, 0.01);
        svg.Elements(Ns + "text").ShouldContain(t => t.Value == "n=12");
    }

    [Fact]
    public void LabelsAreEncodedSoUserTextCannotBreakTheSvg()
    {
        var raw = ChartBuilder.Bars([new BarRow("<script>alert(1)</script> & Sons", 10, 12, "$10")], "t", v => "$" + v);
        raw.ShouldNotContain("<script>");
        Parse(raw).Elements(Ns + "text").ShouldContain(t => t.Value == "<script>alert(1)</script> & Sons");
    }

    [Fact]
    public void CoordinatesUseAPointDecimalSeparatorWhateverTheCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var svg = ChartBuilder.BoxPlot([new BoxRow("a", 10.5, 20.25, 30.75, 40.5, 50.25, 25.5, 3, true)], "t", v => "x");
            svg.ShouldNotContain("x1=\"171,");
            Parse(svg).ShouldNotBeNull();
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    /// <summary>Steps 100 (total), +20, −5, total 115: the bars run 0→100, 100→120, 120→115, axis floor→115.</summary>
    [Fact]
    public void TheWaterfallStacksChangesOnTheRunningTotal()
    {
        var svg = Parse(ChartBuilder.Waterfall([new("Start", 100, true), new("Up", 20, false), new("Down", -5, false), new("End", 115, true)], "t", v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var bars = svg.Elements(Ns + "rect").ToList();
        bars.Count.ShouldBe(4);
        bars[1].Attribute("fill")!.Value.ShouldBe("#2e8b57");
        bars[2].Attribute("fill")!.Value.ShouldBe("#c0392b");
        (Attr(bars[1], "y") + Attr(bars[1], "height")).ShouldBe(Attr(bars[0], "y"), 0.01);
        Attr(bars[2], "y").ShouldBe(Attr(bars[1], "y"), 0.01);
        Attr(bars[3], "y").ShouldBe(Attr(bars[2], "y") + Attr(bars[2], "height"), 0.02);
        svg.Elements(Ns + "text").ShouldContain(t => t.Value == "+20");
        svg.Elements(Ns + "text").ShouldContain(t => t.Value == "-5");
    }

    [Fact]
    public void TheTornadoDrawsEachBarFromTheBaseToItsSettingOutcome()
    {
        var svg = Parse(ChartBuilder.Tornado([new TornadoRow("Rate", "low", "high", 80, 130)], 100, "t", v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var bars = svg.Elements(Ns + "rect").ToList();
        var baseLine = svg.Elements(Ns + "line").Single();
        Attr(bars[0], "x").ShouldBeLessThan(Attr(baseLine, "x1"));
        (Attr(bars[0], "x") + Attr(bars[0], "width")).ShouldBe(Attr(baseLine, "x1"), 0.01);
        Attr(bars[1], "x").ShouldBe(Attr(baseLine, "x1"), 0.01);
    }

    [Fact]
    public void TheFanChartBandSpansP10ToP90()
    {
        var points = new[] { new FanPoint("Jan 2027", 100, 90, 100, 110), new FanPoint("Feb 2027", 100, 95, 105, 120) };
        var svg = Parse(ChartBuilder.Fan(points, "t", v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var band = svg.Elements(Ns + "polygon").Single();
        band.Attribute("points")!.Value.Split(' ').Length.ShouldBe(4);
        svg.Elements(Ns + "polyline").Count().ShouldBe(2);
    }

    [Fact]
    public void AFanChartWithoutABaselineDrawsOnlyTheMedianLine()
    {
        var points = new[] { new FanPoint("Month 1", null, 90, 100, 110), new FanPoint("Month 2", null, 95, 105, 120) };
        var svg = Parse(ChartBuilder.Fan(points, "t", v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        svg.Elements(Ns + "polyline").Count().ShouldBe(1);
        svg.ToString().ShouldNotContain("baseline");
    }

    [Fact]
    public void TheGanttPlacesASpanBetweenItsDates()
    {
        var from = new DateOnly(2027, 1, 1);
        var to = new DateOnly(2027, 12, 31);
        var svg = Parse(ChartBuilder.Gantt([new GanttRow("C1", [(new DateOnly(2027, 7, 2), new DateOnly(2027, 12, 31), "new rates")], [])], from, to, "t"));
        var span = svg.Elements(Ns + "rect").Last();
        var expectedX = 150 + ((new DateOnly(2027, 7, 2).DayNumber - from.DayNumber) / (double)(to.DayNumber - from.DayNumber) * (680 - 10 - 150));
        Attr(span, "x").ShouldBe(expectedX, 0.01);
        (Attr(span, "x") + Attr(span, "width")).ShouldBe(670, 0.01);
    }
}
