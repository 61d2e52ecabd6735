using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Statistics;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Analysis.Projection;

/// <summary>
/// The projection stage: builds each contract's case (revenue under current terms, the uplift each strategy's ask
/// would bring through the MPPR engine, the evidence), recommends a strategy per contract by expected NPV, runs the
/// Monte Carlo, and summarises bands, NPV, contributions, revenue at risk and the sensitivity tornado.
/// </summary>
public sealed class UpliftProjection(InputSet inputs, MarketModel model, VisitEconomicsResults visits, CptCatalog catalog, ProjectionOptions options)
{
    private const int QuantilePoints = 201;

    public ProjectionResults Run()
    {
        options.Validate();
        var target = inputs.Target ?? throw new InvalidOperationException("The projection needs a target practice.");
        var benchmarks = new BenchmarkResolver(model, inputs.Market.Markets, inputs.Medicare);
        var schedule = inputs.Medicare.ForYear(model.MarketDataYear);
        var annualization = visits.Repricing?.AnnualizationFactor ?? 1.0;
        var (seasonality, seasonNote) = Seasonality(target);
        var visitsByContract = visits.RepricedVisits.GroupBy(v => v.Contract.Id).ToDictionary(g => g.Key, g => g.ToList());
        var evidence = target.Contracts.Select(c => c.Payor.Name).Distinct()
            .SelectMany(p => Strategies.All.Select(s => EvidenceBuilder.For(p, s, inputs.Market.Negotiations, options.Confidence)))
            .ToDictionary(e => (e.Payor, e.Strategy));

        var plans = new List<ContractPlan>();
        var cases = new List<ContractCase>();
        foreach (var contract in target.Contracts)
        {
            var fees = ContractFees.Resolve(contract, inputs.Medicare, catalog);
            var contractVisits = visitsByContract.GetValueOrDefault(contract.Id) ?? [];
            var market = contractVisits.GroupBy(v => v.Market).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault(contract.Markets[0]);
            double Revenue(Func<CptCode, Money> fee) => Revenues(contract, contractVisits, target, fee, schedule) * annualization;
            Money? Quantile(CptCode code, double p) =>
                benchmarks.For(market, contract.Payor.Name, code, model.PrimaryRateType(contract.Payor.Name, code)) is { } b ? Money.Usd((decimal)b.Quantile(p)).RoundToCents() : null;

            var current = Revenue(code => fees[code]);
            if (contract.ChangeOfOwnership == ChangeOfOwnership.Terminates)
            {
                var entry = current == 0 ? 1 : Revenue(code => Quantile(code, options.NewEntrantPercentile) ?? fees[code]) / current;
                var timeline = ContractCalendar.Plan(contract, options.CloseDate, options.Deal, options.Calendar, 0);
                plans.Add(new ContractPlan(contract.Id, contract.Payor.Name, CloseEffect.Terminates, current, null, null, false, null, null, null, null, entry, [], timeline));
                cases.Add(new ContractCase(contract, current, seasonality, 0, entry, [0, 0], [0], [0]));
                continue;
            }

            var strategyOptions = Strategies.All.Select(s =>
            {
                var e = evidence[(contract.Payor.Name, s)];
                var proposed = Strategies.Proposed(s, fees, e.AskFraction, code => Quantile(code, options.TargetPercentile), catalog);
                var uplift = current == 0 ? 0 : (Revenue(code => proposed[code]) / current) - 1;
                var probe = new ContractCase(contract, current, seasonality, uplift, 1, [e.PosteriorMean, e.PosteriorMean], [e.MeanAchievedShareOfAsk], [e.MedianMonths]);
                return new StrategyOption(s, Strategies.Describe(s, e.AskFraction, options.TargetPercentile), e.AskFraction, e.PosteriorMean,
                    e.MeanAchievedShareOfAsk, e.MedianMonths, uplift, e.PosteriorMean * ExpectedGain(probe, e.MedianMonths));
            }).ToList();

            var forced = options.ForcedStrategies.TryGetValue(contract.Payor.Name, out var f);
            var ranked = strategyOptions.OrderByDescending(o => o.ExpectedNpvDollars).ToList();
            var chosen = forced ? strategyOptions.Single(o => o.Strategy == f) : ranked[0];
            var runnerUp = ranked.FirstOrDefault(o => o != chosen);
            var chosenEvidence = evidence[(contract.Payor.Name, chosen.Strategy)];
            plans.Add(new ContractPlan(contract.Id, contract.Payor.Name, Timeline(contract, chosenEvidence).CloseEffect, current, chosen.Strategy, chosen.Description, forced,
                chosen.ExpectedNpvDollars, runnerUp?.Strategy, runnerUp?.ExpectedNpvDollars, runnerUp is null ? null : chosen.ExpectedNpvDollars - runnerUp.ExpectedNpvDollars,
                null, strategyOptions, Timeline(contract, chosenEvidence)));
            cases.Add(new ContractCase(contract, current, seasonality, chosen.UpliftAtFullAsk, 1, chosenEvidence.PosteriorQuantiles(QuantilePoints),
                chosenEvidence.AchievedShareOfAsk.ToArray(), chosenEvidence.MonthsToEffective.ToArray()));
        }

        var engine = new MonteCarloEngine(cases, options);
        var run = engine.Run(new RunModifiers());
        return Summarise(run, cases, plans, evidence.Values.ToList(), seasonNote, engine);
    }

    private ContractTimeline Timeline(Contract contract, StrategyEvidence evidence) =>
        ContractCalendar.Plan(contract, options.CloseDate, options.Deal, options.Calendar, evidence.MedianMonths);

    /// <summary>
    /// NPV of the full ask achieved at the calendar's median timing, with no drawn delays: the deterministic value the
    /// strategy ranking multiplies by the probability of success and the mean achieved share.
    /// </summary>
    private double ExpectedGain(ContractCase c, int months)
    {
        var start = options.Start;
        var monthStart = Enumerable.Range(0, options.HorizonMonths).Select(m => start.AddMonths(m).DayNumber).ToArray();
        var monthEnd = Enumerable.Range(0, options.HorizonMonths).Select(m => start.AddMonths(m + 1).DayNumber - 1).ToArray();
        var revenue = MonteCarloEngine.BaseRevenue(c, start, options.CloseDate, monthStart, monthEnd, options.VolumeGrowth);
        var timeline = ContractCalendar.Plan(c.Contract, options.CloseDate, options.Deal, options.Calendar, months);
        var effective = timeline.EarliestEffective!.Value.DayNumber;
        var value = 0.0;
        for (var m = 0; m < revenue.Length; m++)
        {
            value += revenue[m] * c.AchievedShares[0] * c.UpliftAtFullAsk * MonteCarloEngine.ShareOnOrAfter(effective, monthStart[m], monthEnd[m])
                * Math.Pow(1 + options.DiscountRate, -(m + 1) / 12.0);
        }

        return value;
    }

    /// <summary>A contract's revenue under a fee schedule: its re-priced visits through its MPPR policy, or its volumes at the fee.</summary>
    private double Revenues(Contract contract, IReadOnlyList<RepricedVisit> contractVisits, TargetPractice target, Func<CptCode, Money> fee, Domain.Medicare.MedicareFeeSchedule schedule)
    {
        if (target.Claims.Count > 0)
        {
            return (double)contractVisits.Sum(v => MpprCalculator.Price(
                v.Lines.Select(l => new VisitLine(l.Code, l.Units, fee(l.Code), schedule.RvusOf(l.Code), catalog[l.Code].IsEvaluation)).ToList(), contract.Mppr).Sum(p => p.Paid.Amount));
        }

        var markets = contract.Markets.ToHashSet();
        var locations = target.Locations.Where(l => markets.Contains(l.Market)).Select(l => l.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (double)target.Volumes.Where(v => v.Payor == contract.Payor && locations.Contains(v.LocationId))
            .Sum(v => fee(v.Code).Amount * v.UnitsPerYear);
    }

    /// <summary>Share of visits by calendar month (mean 1) when the claims cover all twelve months; flat otherwise.</summary>
    private static (double[] Factors, string Note) Seasonality(TargetPractice target)
    {
        var byMonth = target.Claims.GroupBy(c => c.ClaimId).Select(g => g.First().DateOfService.Month).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        if (byMonth.Count < 12)
        {
            return (Enumerable.Repeat(1.0, 12).ToArray(), target.Claims.Count == 0
                ? "flat: no claims to measure seasonality from"
                : $"flat: the claims cover {byMonth.Count} calendar months, fewer than 12");
        }

        var mean = byMonth.Values.Average();
        return (Enumerable.Range(1, 12).Select(m => byMonth[m] / mean).ToArray(), "visits by calendar month in the 12 months of claims");
    }

    private ProjectionResults Summarise(RunOutput run, List<ContractCase> cases, List<ContractPlan> plans, List<StrategyEvidence> evidence, string seasonNote, MonteCarloEngine engine)
    {
        var (paths, months) = (run.Paths, run.Months);
        var totalUplift = new double[paths * months];
        foreach (var uplift in run.UpliftByPayor.Values)
        {
            for (var i = 0; i < totalUplift.Length; i++)
            {
                totalUplift[i] += uplift[i];
            }
        }

        var totalBaseline = new double[months];
        foreach (var b in run.BaselineByPayor.Values)
        {
            for (var m = 0; m < months; m++)
            {
                totalBaseline[m] += b[m];
            }
        }

        var npv = Npv(totalUplift, run);
        var atRisk = Enumerable.Range(0, paths).Select(p => run.Contracts.Values.Sum(t => t.RevenueAtRisk[p])).ToArray();
        var totalNpv = run.Contracts.Values.Sum(t => t.NpvSum) / paths;
        var contributions = cases.Select(c =>
        {
            var t = run.Contracts[c.Contract.Id];
            var mean = t.NpvSum / paths;
            return new ContractContribution(c.Contract.Id, c.Contract.Payor.Name, mean, totalNpv == 0 ? 0 : mean / totalNpv,
                c.Contract.ChangeOfOwnership == ChangeOfOwnership.Terminates ? 0 : (double)t.Successes / paths,
                DateOnly.FromDayNumber(t.EffectiveDays.Order().ElementAt(paths / 2)), t.RevenueAtRiskSum / paths);
        }).OrderByDescending(c => c.MeanNpvDollars).ToList();

        var years = Enumerable.Range(1, (months + 11) / 12).Select(y =>
        {
            var last = Math.Min(12 * y, months) - 1;
            var cumulative = new double[paths];
            for (var p = 0; p < paths; p++)
            {
                for (var m = 0; m <= last; m++)
                {
                    cumulative[p] += totalUplift[(p * months) + m];
                }
            }

            var s = Summary(cumulative);
            return new YearUplift(y, run.Start.AddMonths(last + 1).AddDays(-1), s.P10, s.P50, s.P90, s.Mean);
        }).ToList();

        return new ProjectionResults(
            new ProjectionParameters(options.CloseDate, options.Deal, run.Start, months, paths, options.Seed, options.DiscountRate, options.VolumeGrowth, options.UpliftThresholdDollars,
                options.ConsentDelayMinDays, options.ConsentDelayMaxDays, options.CredentialingGapMinDays, options.CredentialingGapMaxDays, options.NegotiationLeadDays,
                options.NewEntrantPercentile, options.TargetPercentile, seasonNote),
            evidence.OrderBy(e => e.Payor, StringComparer.Ordinal).ThenBy(e => e.Strategy).ToList(),
            plans,
            Bands(totalBaseline, totalUplift, run),
            run.BaselineByPayor.Keys.Order(StringComparer.Ordinal).Select(p => new PayorBands(p, Bands(run.BaselineByPayor[p], run.UpliftByPayor[p], run))).ToList(),
            years,
            Summary(npv),
            npv.Count(v => v > options.UpliftThresholdDollars) / (double)paths,
            contributions,
            Summary(atRisk),
            Tornado(engine, Quantiles.R7(RadixSort.Sorted(npv), 0.5)));
    }

    private static double[] Npv(double[] uplift, RunOutput run)
    {
        var npv = new double[run.Paths];
        for (var p = 0; p < run.Paths; p++)
        {
            for (var m = 0; m < run.Months; m++)
            {
                npv[p] += uplift[(p * run.Months) + m] * run.Discount[m];
            }
        }

        return npv;
    }

    private static List<MonthBand> Bands(double[] baseline, double[] uplift, RunOutput run)
    {
        var column = new double[run.Paths];
        return Enumerable.Range(0, run.Months).Select(m =>
        {
            for (var p = 0; p < run.Paths; p++)
            {
                column[p] = baseline[m] + uplift[(p * run.Months) + m];
            }

            var s = Summary(column);
            return new MonthBand(run.Start.AddMonths(m), baseline[m], s.P10, s.P50, s.P90, s.Mean);
        }).ToList();
    }

    private static PathSummary Summary(double[] values)
    {
        var sorted = RadixSort.Sorted(values);
        var mean = sorted.Average();
        var sd = sorted.Length > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1)) : 0;
        return new PathSummary(mean, sd / Math.Sqrt(sorted.Length), Quantiles.R7(sorted, 0.1), Quantiles.R7(sorted, 0.5), Quantiles.R7(sorted, 0.9));
    }

    private static string Points(double fraction) => (fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>P50 NPV with each parameter moved down and up, on the same draws (common random numbers).</summary>
    private List<TornadoBar> Tornado(MonteCarloEngine engine, double baseP50)
    {
        double P50(RunModifiers m)
        {
            var run = engine.Run(m);
            var total = new double[run.Paths * run.Months];
            foreach (var u in run.UpliftByPayor.Values)
            {
                for (var i = 0; i < total.Length; i++)
                {
                    total[i] += u[i];
                }
            }

            return Quantiles.R7(RadixSort.Sorted(Npv(total, run)), 0.5);
        }

        var pp = options.DiscountRate;
        var bars = new (string Name, string Low, string High, RunModifiers Down, RunModifiers Up)[]
        {
            ("Success probability", "×0.8", "×1.2", new() { SuccessScale = 0.8 }, new() { SuccessScale = 1.2 }),
            ("Achieved increase", "×0.75", "×1.25", new() { ShareScale = 0.75 }, new() { ShareScale = 1.25 }),
            ("Negotiation duration", "−3 months", "+3 months", new() { ExtraMonths = -3 }, new() { ExtraMonths = 3 }),
            ("Volume growth", Points(options.VolumeGrowth - 0.02), Points(options.VolumeGrowth + 0.02), new() { GrowthDelta = -0.02 }, new() { GrowthDelta = 0.02 }),
            ("Discount rate", Points(pp - 0.02), Points(pp + 0.02), new() { DiscountDelta = -0.02 }, new() { DiscountDelta = 0.02 }),
            ("Close date", "3 months earlier", "3 months later", new() { CloseShiftMonths = -3 }, new() { CloseShiftMonths = 3 }),
        };
        return bars.Select(b =>
        {
            var (low, high) = (P50(b.Down), P50(b.Up));
            return new TornadoBar(b.Name, b.Low, b.High, low, high, Math.Abs(high - low));
        }).OrderByDescending(b => b.SwingDollars).ToList();
    }
}
