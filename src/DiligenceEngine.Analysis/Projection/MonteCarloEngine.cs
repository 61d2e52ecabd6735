using DiligenceEngine.Domain.Contracts;
using MathNet.Numerics.Random;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>
/// What the engine needs to project one contract: its expected revenue under its current terms (annual dollars, after
/// MPPR), the practice's seasonality (12 calendar-month factors averaging 1), the uplift its strategy's full ask would
/// bring (a fraction of revenue, priced through the MPPR engine), the revenue ratio of re-contracting as a new entrant
/// (used only when the contract terminates), and the evidence to draw from: a tabulated success-probability quantile
/// function, achieved shares of the ask, and months from opening to effective date.
/// </summary>
public sealed record ContractCase(
    Contract Contract,
    double AnnualRevenue,
    double[] Seasonality,
    double UpliftAtFullAsk,
    double EntryRatio,
    double[] SuccessQuantiles,
    double[] AchievedShares,
    int[] MonthsToEffective);

/// <summary>Perturbations of a run, for sensitivity; the defaults change nothing.</summary>
public sealed record RunModifiers
{
    public double SuccessScale { get; init; } = 1;

    public double ShareScale { get; init; } = 1;

    public int ExtraMonths { get; init; }

    public double GrowthDelta { get; init; }

    public double DiscountDelta { get; init; }

    public int CloseShiftMonths { get; init; }
}

/// <summary>One run's raw outputs: per-path monthly uplift by payor (paths × months, row-major) and per-contract tallies.</summary>
public sealed class RunOutput
{
    public required DateOnly Start { get; init; }

    public required int Paths { get; init; }

    public required int Months { get; init; }

    public required double[] Discount { get; init; }

    /// <summary>Baseline (current terms, no acquisition effects) monthly revenue per payor.</summary>
    public required Dictionary<string, double[]> BaselineByPayor { get; init; }

    /// <summary>Projected minus baseline, per payor, paths × months.</summary>
    public required Dictionary<string, double[]> UpliftByPayor { get; init; }

    public required Dictionary<string, ContractTally> Contracts { get; init; }
}

/// <summary>Per-contract results over all paths.</summary>
public sealed class ContractTally
{
    public double NpvSum { get; set; }

    public int Successes { get; set; }

    public double RevenueAtRiskSum { get; set; }

    public required int[] EffectiveDays { get; init; }

    public required double[] RevenueAtRisk { get; init; }
}

/// <summary>
/// The Monte Carlo projection. Each path draws, per contract: consent delay, credentialing gap, months to effective,
/// the share of the ask achieved, and whether the negotiation succeeds — the success probability drawn once per payor
/// per path from its posterior, so a payor's contracts move together. Draws are uniforms made once per contract from
/// the seed and reused by every sensitivity run (common random numbers), so differences between runs are not noise.
/// Rate changes, gaps and escalators take effect by day: a month's revenue changes by the share of its days they cover.
/// </summary>
public sealed class MonteCarloEngine
{
    private const int Uniforms = 6;
    private readonly IReadOnlyList<ContractCase> cases;
    private readonly ProjectionOptions options;
    private readonly Dictionary<string, double[]> uniforms = [];
    private readonly Dictionary<string, double[]> payorUniforms = [];

    public MonteCarloEngine(IReadOnlyList<ContractCase> cases, ProjectionOptions options)
    {
        options.Validate();
        this.cases = cases;
        this.options = options;
        foreach (var c in cases)
        {
            uniforms[c.Contract.Id] = Draw(Statistics.Bootstrap.SeedFor(options.Seed, "contract|" + c.Contract.Id), options.Paths * Uniforms);
        }

        foreach (var payor in cases.Select(c => c.Contract.Payor.Name).Distinct())
        {
            payorUniforms[payor] = Draw(Statistics.Bootstrap.SeedFor(options.Seed, "payor|" + payor), options.Paths);
        }
    }

    public RunOutput Run(RunModifiers modifiers)
    {
        var close = options.CloseDate.AddMonths(modifiers.CloseShiftMonths);
        var start = (options with { CloseDate = close }).Start;
        var months = options.HorizonMonths;
        var paths = options.Paths;
        var monthStart = new int[months];
        var monthEnd = new int[months];
        var discount = new double[months];
        for (var m = 0; m < months; m++)
        {
            monthStart[m] = start.AddMonths(m).DayNumber;
            monthEnd[m] = start.AddMonths(m + 1).DayNumber - 1;
            discount[m] = Math.Pow(1 + options.DiscountRate + modifiers.DiscountDelta, -(m + 1) / 12.0);
        }

        var baseline = new Dictionary<string, double[]>();
        var uplift = new Dictionary<string, double[]>();
        var tallies = new Dictionary<string, ContractTally>();
        foreach (var c in cases)
        {
            var payor = c.Contract.Payor.Name;
            if (!baseline.ContainsKey(payor))
            {
                baseline[payor] = new double[months];
                uplift[payor] = new double[paths * months];
            }

            var revenue = BaseRevenue(c, start, close, monthStart, monthEnd, options.VolumeGrowth + modifiers.GrowthDelta);
            for (var m = 0; m < months; m++)
            {
                baseline[payor][m] += revenue[m];
            }

            tallies[c.Contract.Id] = Project(c, close, revenue, monthStart, monthEnd, discount, modifiers, uplift[payor]);
        }

        return new RunOutput { Start = start, Paths = paths, Months = months, Discount = discount, BaselineByPayor = baseline, UpliftByPayor = uplift, Contracts = tallies };
    }

    /// <summary>
    /// Monthly revenue under current terms: annual revenue ÷ 12 × the calendar month's seasonality × (1 + growth)^(m/12)
    /// × the escalator, which steps up on each anniversary of the contract's effective date after close.
    /// </summary>
    internal static double[] BaseRevenue(ContractCase c, DateOnly start, DateOnly close, int[] monthStart, int[] monthEnd, double growth)
    {
        var escalator = (double)c.Contract.AnnualEscalator.Fraction;
        var anniversaries = ContractCalendar.Anniversaries(c.Contract.EffectiveDate, close, DateOnly.FromDayNumber(monthEnd[^1])).Select(d => d.DayNumber).ToArray();
        var revenue = new double[monthStart.Length];
        for (var m = 0; m < monthStart.Length; m++)
        {
            var steps = 0.0;
            foreach (var a in anniversaries)
            {
                steps += ShareOnOrAfter(a, monthStart[m], monthEnd[m]);
            }

            // Within a month with an anniversary the multiplier is the day-weighted mix of before and after.
            var whole = Math.Floor(steps);
            var multiplier = Math.Pow(1 + escalator, whole) * (1 + (escalator * (steps - whole)));
            revenue[m] = c.AnnualRevenue / 12 * c.Seasonality[start.AddMonths(m).Month - 1] * Math.Pow(1 + growth, m / 12.0) * multiplier;
        }

        return revenue;
    }

    private ContractTally Project(ContractCase c, DateOnly close, double[] revenue, int[] monthStart, int[] monthEnd, double[] discount, RunModifiers modifiers, double[] payorUplift)
    {
        var months = revenue.Length;
        var u = uniforms[c.Contract.Id];
        var up = payorUniforms[c.Contract.Payor.Name];
        var tally = new ContractTally { EffectiveDays = new int[options.Paths], RevenueAtRisk = new double[options.Paths] };
        var effect = c.Contract.ChangeOfOwnership;
        var closeDay = close.DayNumber;
        for (var p = 0; p < options.Paths; p++)
        {
            var row = p * months;
            var draws = p * Uniforms;
            var npv = 0.0;
            var atRisk = 0.0;
            if (effect == ChangeOfOwnership.Terminates)
            {
                var gap = Between(options.CredentialingGapMinDays, options.CredentialingGapMaxDays, u[draws]);
                var gapEnd = closeDay + gap - 1;
                for (var m = 0; m < months; m++)
                {
                    var lost = revenue[m] * ShareBetween(closeDay, gapEnd, monthStart[m], monthEnd[m]);
                    var change = (revenue[m] * (c.EntryRatio - 1) * ShareOnOrAfter(gapEnd + 1, monthStart[m], monthEnd[m])) - lost;
                    payorUplift[row + m] += change;
                    npv += change * discount[m];
                    atRisk += lost;
                }

                tally.EffectiveDays[p] = gapEnd + 1;
            }
            else
            {
                var consent = effect == ChangeOfOwnership.ConsentRequired ? Between(options.ConsentDelayMinDays, options.ConsentDelayMaxDays, u[draws + 1]) : 0;
                var action = close.AddDays(consent);
                var (renewal, deadline, _) = ContractCalendar.NextRenewal(c.Contract, action);
                var opening = ContractCalendar.Opening(action, deadline, options.Calendar);
                var negotiation = Math.Max(0, c.MonthsToEffective[Index(u[draws + 2], c.MonthsToEffective.Length)] + modifiers.ExtraMonths);
                var effective = Later(renewal.AddDays(1), opening.AddMonths(negotiation)).DayNumber;
                var probability = Math.Min(1, Interpolate(c.SuccessQuantiles, up[p]) * modifiers.SuccessScale);
                var success = u[draws + 3] < probability;
                var share = c.AchievedShares[Index(u[draws + 4], c.AchievedShares.Length)] * modifiers.ShareScale;
                var held = options.Deal == DealStructure.AssetPurchase && consent > 0;
                for (var m = 0; m < months; m++)
                {
                    var lost = held ? revenue[m] * ShareBetween(closeDay, closeDay + consent - 1, monthStart[m], monthEnd[m]) : 0;
                    var gain = success ? revenue[m] * share * c.UpliftAtFullAsk * ShareOnOrAfter(effective, monthStart[m], monthEnd[m]) : 0;
                    payorUplift[row + m] += gain - lost;
                    npv += (gain - lost) * discount[m];
                    atRisk += lost;
                }

                tally.EffectiveDays[p] = effective;
                tally.Successes += success ? 1 : 0;
            }

            tally.NpvSum += npv;
            tally.RevenueAtRiskSum += atRisk;
            tally.RevenueAtRisk[p] = atRisk;
        }

        return tally;
    }

    /// <summary>The share of the days start..end (inclusive) that fall on or after <paramref name="day"/>.</summary>
    internal static double ShareOnOrAfter(int day, int start, int end) =>
        day <= start ? 1 : day > end ? 0 : (end - day + 1) / (double)(end - start + 1);

    /// <summary>The share of the days start..end (inclusive) inside from..to (inclusive).</summary>
    internal static double ShareBetween(int from, int to, int start, int end)
    {
        var overlap = Math.Min(to, end) - Math.Max(from, start) + 1;
        return overlap <= 0 ? 0 : overlap / (double)(end - start + 1);
    }

    private static int Between(int min, int max, double u) => min + (int)Math.Floor(u * (max - min + 1 - 1e-9));

    /// <summary>The tabulated quantile function at <paramref name="u"/>, interpolated linearly between table points.</summary>
    private static double Interpolate(double[] table, double u)
    {
        var x = u * (table.Length - 1);
        var lo = Math.Min((int)x, table.Length - 2);
        return lo < 0 ? table[0] : table[lo] + ((x - lo) * (table[lo + 1] - table[lo]));
    }

    private static int Index(double u, int length) => Math.Min(length - 1, (int)(u * length));

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static double[] Draw(int seed, int count)
    {
        var rng = new Xoshiro256StarStar(seed, threadSafe: false);
        var values = new double[count];
        rng.NextDoubles(values);
        return values;
    }
}
