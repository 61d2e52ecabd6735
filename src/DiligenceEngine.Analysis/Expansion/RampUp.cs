using System.Globalization;

namespace DiligenceEngine.Analysis.Expansion;

/// <summary>
/// How a new clinic's volume builds: the share of its mature monthly visits reached in each month after opening
/// (month 1 is the first month). After the curve ends the clinic is mature (share 1).
/// </summary>
public sealed record RampUp
{
    private readonly double[] shares;

    private RampUp(double[] shares, string description)
    {
        this.shares = shares;
        Description = description;
    }

    /// <summary>Says how the curve was set, for the assumptions table.</summary>
    public string Description { get; }

    /// <summary>The months before maturity, each with its share of mature volume.</summary>
    public IReadOnlyList<double> Shares => shares;

    /// <summary>
    /// A straight line from <paramref name="startShare"/> in month 1 to full volume in month
    /// <paramref name="monthsToMaturity"/>: month m has start + (1 − start)·(m − 1)/(monthsToMaturity − 1).
    /// </summary>
    public static RampUp Linear(double startShare, int monthsToMaturity)
    {
        if (startShare is <= 0 or > 1 || double.IsNaN(startShare))
        {
            throw new ArgumentOutOfRangeException(nameof(startShare), startShare, "The first month's share of mature volume must be in (0, 1].");
        }

        if (monthsToMaturity is < 1 or > 120)
        {
            throw new ArgumentOutOfRangeException(nameof(monthsToMaturity), monthsToMaturity, "Months to maturity must be 1-120.");
        }

        var curve = new double[monthsToMaturity - 1];
        for (var m = 1; m < monthsToMaturity; m++)
        {
            curve[m - 1] = startShare + ((1 - startShare) * (m - 1) / (monthsToMaturity - 1));
        }

        return new RampUp(curve, monthsToMaturity == 1
            ? "mature from month 1"
            : $"linear from {(startShare * 100).ToString("0.#", CultureInfo.InvariantCulture)}% of mature volume in month 1 to 100% in month {monthsToMaturity}");
    }

    /// <summary>An explicit curve: the share of mature volume in months 1, 2, …; full volume after its last month.</summary>
    public static RampUp FromCurve(IReadOnlyList<double> curve)
    {
        for (var i = 0; i < curve.Count; i++)
        {
            if (curve[i] is < 0 or > 1 || double.IsNaN(curve[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(curve), curve[i], $"Month {i + 1} of the ramp-up curve must be a share of mature volume in [0, 1].");
            }
        }

        return new RampUp([.. curve], $"as given for months 1-{curve.Count} ({string.Join(", ", curve.Select(s => (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%"))}), then 100%");
    }

    /// <summary>The share of mature volume in a month after opening (1-based).</summary>
    public double ShareInMonth(int month)
    {
        if (month < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "Months after opening start at 1.");
        }

        return month <= shares.Length ? shares[month - 1] : 1.0;
    }
}
