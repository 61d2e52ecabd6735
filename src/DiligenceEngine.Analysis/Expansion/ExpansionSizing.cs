using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Analysis.Statistics;
using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Volumes;

namespace DiligenceEngine.Analysis.Expansion;

/// <summary>
/// The expansion stage: for each candidate market, what payors actually pay a new clinic on the plan's visit basket
/// (the market's adjusted visit rate distribution per payor, under the payor's MPPR policy), where the clinic starts
/// and can get to, and its revenue over the ramp-up by Monte Carlo; then the markets ranked by expected revenue, the
/// best-to-worst spread per code, and the group's existing contracts set against each market.
/// </summary>
public sealed class ExpansionSizing
{
    /// <summary>The policy of Medicare, UHC, Aetna and BCBSM (domain.md §2), used for payors the group has no contract with.</summary>
    public static readonly MpprPolicy DefaultPolicy = MpprPolicy.CmsPracticeExpense(Percent.FromPoints(50m), evaluationsExempt: false);

    private readonly InputSet inputs;
    private readonly MarketModel model;
    private readonly ExpansionPlan plan;
    private readonly CptCatalog catalog;
    private readonly BenchmarkResolver benchmarks;
    private readonly MarketVisitRates visitRates;
    private readonly Domain.Medicare.MedicareFeeSchedule schedule;

    public ExpansionSizing(InputSet inputs, MarketModel model, ExpansionPlan plan, CptCatalog catalog)
    {
        plan.Validate();
        this.inputs = inputs;
        this.model = model;
        this.plan = plan;
        this.catalog = catalog;
        benchmarks = new BenchmarkResolver(model, inputs.Market.Markets, inputs.Medicare);
        visitRates = new MarketVisitRates(model, benchmarks, inputs.Market.Markets, inputs.Medicare, catalog);
        schedule = inputs.Medicare.ForYear(model.MarketDataYear);
    }

    /// <summary>A basket of the group's own coding: average units of each code per visit over its claims.</summary>
    public static VisitBasket OwnMix(IReadOnlyList<ClaimLine> claims)
    {
        var visits = claims.Select(c => (c.ClaimId, c.DateOfService)).Distinct().Count();
        if (visits == 0)
        {
            throw new ArgumentException("The group's own mix needs claim lines.", nameof(claims));
        }

        return new VisitBasket("own mix", claims.GroupBy(c => c.Code).OrderBy(g => g.Key)
            .Select(g => (g.Key, Math.Round((decimal)g.Sum(c => c.Units) / visits, 4, MidpointRounding.AwayFromZero))).ToList());
    }

    /// <returns>The results, or the problems (with the job path they concern) that stop the analysis.</returns>
    public (ExpansionResults? Results, IReadOnlyList<string> Problems) Run()
    {
        var policies = PayorPolicies();
        var problems = CheckPayors(policies);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var sized = plan.Markets.Select(m => Size(inputs.Market.Markets[m], policies)).ToList();
        var ranked = sized.OrderByDescending(s => s.Horizon.MeanDollars).ThenBy(s => s.Market, StringComparer.Ordinal)
            .Select((s, i) => s with { Rank = i + 1 }).ToList();
        var (contracts, groupMarkets, notes) = GroupPositions();
        return (new ExpansionResults(Parameters(), ranked, CodeSpreads(), contracts, groupMarkets, notes), []);
    }

    /// <summary>Every payor of a mix must be priceable on the basket somewhere, or its share of revenue would be unknown.</summary>
    private List<string> CheckPayors(Dictionary<string, (MpprPolicy Policy, string Source)> policies)
    {
        var problems = new List<string>();
        var mixes = plan.PayorMixByState.Select(s => (Path: $"$.expansion.payorMixByState.{s.Key}", Mix: s.Value)).Prepend(("$.expansion.payorMix", plan.PayorMix));
        foreach (var (path, mix) in mixes)
        {
            foreach (var payor in mix.Keys.Where(p => visitRates.For(plan.Basket, plan.Markets[0], p, TypeFor(p), policies[p].Policy) is null))
            {
                problems.Add($"{path}['{payor}']: no practice in the market dataset has {payor} rates for the {plan.Basket.Name} basket's codes in any market, so what it pays cannot be estimated; remove it from the mix or add its rates to rates.csv");
            }
        }

        return problems;
    }

    /// <summary>Each payor's MPPR policy: the group's own contract with it where there is one, else the CMS-style default.</summary>
    private Dictionary<string, (MpprPolicy Policy, string Source)> PayorPolicies()
    {
        var contracts = inputs.Target?.Contracts ?? [];
        return plan.PayorMixByState.Values.Prepend(plan.PayorMix).SelectMany(m => m.Keys).Distinct().ToDictionary(p => p, p =>
            contracts.Where(c => c.Payor.Name == p).OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault() is { } contract
                ? (contract.Mppr, $"the group's {contract.Id} contract")
                : (DefaultPolicy, "engine default: CMS-style, as Medicare, UHC, Aetna and BCBSM apply it (domain.md §2)"));
    }

    private RateType TypeFor(string payor) => model.PrimaryRateType(payor, plan.Basket.Entries.MaxBy(e => e.UnitsPerVisit).Code);

    private MarketSizing Size(Domain.Markets.Market market, Dictionary<string, (MpprPolicy Policy, string Source)> policies)
    {
        var mix = plan.MixFor(market);
        var rows = new List<ExpansionPayorRate>();
        var landings = new List<PayorLanding>();
        foreach (var (payor, share) in mix.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal))
        {
            var (policy, policySource) = policies[payor];
            var type = TypeFor(payor);
            var distribution = visitRates.For(plan.Basket, market.Id, payor, type, policy)
                ?? throw new InvalidOperationException($"{payor} was checked to be priceable, so {market.Id} has its visit-rate distribution or the national fallback.");
            var b = distribution.Benchmark;
            var entry = plan.EntryPercentileFor(payor);
            var target = Math.Max(plan.TargetPercentile, entry);
            var (success, successSource) = SuccessProbability(payor);
            var sampling = Math.Sqrt((plan.PercentileSpread * plan.PercentileSpread) + (entry * (1 - entry) / (distribution.Practices + 1)));
            var samplingAtTarget = Math.Sqrt((plan.PercentileSpread * plan.PercentileSpread) + (target * (1 - target) / (distribution.Practices + 1)));
            rows.Add(new ExpansionPayorRate(
                payor, share, policy.ToString(), policySource, type.ToString(), b.Basis.ToString(), b.Note, distribution.Practices, distribution.PracticesWithImputedCodes, b.SmallSample,
                distribution.MedicareVisitRate, Cents(b.Quantile(0.10)), Cents(b.Quantile(0.25)), Cents(b.Quantile(0.50)), Cents(b.Quantile(0.75)), Cents(b.Quantile(0.90)),
                entry, Cents(b.Quantile(entry)), target, Cents(b.Quantile(target)), sampling, success, successSource));
            landings.Add(new PayorLanding(payor, share, b.Quantile, entry, target,
                RevenueSimulation.LogitSd(entry, sampling), RevenueSimulation.LogitSd(target, samplingAtTarget), success));
        }

        var bands = RevenueSimulation.Run(new RevenueSimulationInput(landings, plan.VisitsPerYearAtMaturity, plan.RampUp, plan.RenegotiationMonth,
            plan.VisitVolumeCv, plan.HorizonMonths, plan.Paths, Bootstrap.SeedFor(plan.Seed, $"expansion|{market.Id}")));
        decimal Weighted(Func<ExpansionPayorRate, decimal> f) => Math.Round(rows.Sum(r => (decimal)r.MixShare * f(r)), 2, MidpointRounding.AwayFromZero);
        var median = Weighted(r => r.MarketP50);
        var medicare = Weighted(r => r.MedicareVisitRate);
        var entryPerVisit = Weighted(r => r.EntryRate);
        return new MarketSizing(0, market.Id.Value, market.Name, market.State.Code, market.Cbsa,
            entryPerVisit, Weighted(r => r.RenegotiatedRate), Cents(bands.ExpectedRevenuePerVisit), median, medicare, (double)(median / medicare),
            Math.Round(entryPerVisit * (decimal)plan.VisitsPerYearAtMaturity, 2, MidpointRounding.AwayFromZero),
            Row(bands.Horizon), bands.Years.Select(Row).ToList(),
            bands.Months.Select(m => new MonthRevenueRow(m.Month, m.MeanVisits, Cents(m.Mean), Cents(m.P10), Cents(m.P50), Cents(m.P90))).ToList(),
            rows.Min(r => r.Practices), rows.Count(r => r.SmallSample), rows.Count(r => r.Basis == nameof(BenchmarkBasis.ParentFallback)), rows);
    }

    private (double Probability, string Source) SuccessProbability(string payor)
    {
        if (plan.RenegotiationSuccessProbability is { } given)
        {
            return (given, "job");
        }

        var e = EvidenceBuilder.For(payor, NegotiationStrategy.MoveToMarketPercentile, inputs.Market.Negotiations, model.Options.Confidence);
        return (e.PosteriorMean, $"{payor}'s {e.Negotiations} move-to-percentile negotiations ({e.Successes} succeeded) with a prior pooled over payors (mean {e.PriorMean:0.00})");
    }

    private List<CodeSpread> CodeSpreads()
    {
        var spreads = new List<CodeSpread>();
        foreach (var (code, _) in plan.Basket.Entries.OrderBy(e => e.Code))
        {
            var byMarket = new List<CodeMarketRate>();
            foreach (var id in plan.Markets)
            {
                var market = inputs.Market.Markets[id];
                var priced = plan.MixFor(market)
                    .Select(m => (m.Value, Benchmark: benchmarks.For(id, m.Key, code, model.PrimaryRateType(m.Key, code))))
                    .Where(x => x.Benchmark is not null).ToList();
                if (priced.Count == 0 || !schedule.HasCode(code))
                {
                    continue;
                }

                var covered = priced.Sum(x => x.Value);
                var medianRate = Cents(priced.Sum(x => x.Value * x.Benchmark!.Quantile(0.5)) / covered);
                byMarket.Add(new CodeMarketRate(id.Value, medianRate, (double)(medianRate / schedule.Rate(code, market.MedicareLocality).Amount), covered));
            }

            if (byMarket.Count == 0)
            {
                continue;
            }

            var best = byMarket.MaxBy(m => m.MedianRate)!;
            var worst = byMarket.MinBy(m => m.MedianRate)!;
            spreads.Add(new CodeSpread(code.Value, catalog[code].PlainName, best.Market, best.MedianRate, worst.Market, worst.MedianRate,
                best.MedianRate - worst.MedianRate, (double)(best.MedianRate / worst.MedianRate) - 1, byMarket));
        }

        return spreads.OrderByDescending(s => s.SpreadFraction).ToList();
    }

    private (List<GroupContractPosition>, List<GroupMarketComparison>, List<string>) GroupPositions()
    {
        var notes = new List<string>();
        if (inputs.Target is not { } group)
        {
            return ([], [], notes);
        }

        var positions = new List<GroupContractPosition>();
        var rates = new Dictionary<string, (Contract Contract, decimal Rate)>();
        foreach (var contract in group.Contracts.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var fees = ContractFees.Resolve(contract, inputs.Medicare, catalog);
            var unpaid = plan.Basket.Entries.Where(e => !fees.ContainsKey(e.Code)).Select(e => e.Code.Value).ToList();
            if (unpaid.Count > 0)
            {
                notes.Add($"{contract.Id} ({contract.Payor.Name}) is not compared: it has no fee for basket code(s) {string.Join(", ", unpaid)}");
                continue;
            }

            var rate = BasketPricer.Price(plan.Basket, c => fees[c].Amount, schedule.RvusOf, catalog, contract.Mppr);
            rates[contract.Id] = (contract, rate);
            foreach (var id in plan.Markets)
            {
                // A payor with no practices in the market (a national fallback) says nothing about that market.
                if (visitRates.For(plan.Basket, id, contract.Payor.Name, TypeFor(contract.Payor.Name), contract.Mppr) is not { Practices: > 0 } d)
                {
                    continue;
                }

                var p50 = Cents(d.Benchmark.Quantile(0.5));
                positions.Add(new GroupContractPosition(contract.Id, contract.Payor.Name, contract.Markets[0].Value, rate, id.Value, p50,
                    (double)(p50 / rate) - 1, d.Benchmark.PercentileOf((double)rate), d.Benchmark.SmallSample));
            }
        }

        var mainContract = MainContractPerPayor(group, rates);
        var comparisons = new List<GroupMarketComparison>();
        foreach (var id in plan.Markets)
        {
            var covered = plan.MixFor(inputs.Market.Markets[id])
                .Where(m => mainContract.ContainsKey(m.Key))
                .Select(m => (Share: (decimal)m.Value, Position: positions.SingleOrDefault(p => p.ContractId == mainContract[m.Key] && p.Market == id.Value)))
                .Where(c => c.Position is not null)
                .Select(c => (c.Share, Position: c.Position!))
                .ToList();
            if (covered.Count == 0)
            {
                continue;
            }

            var share = covered.Sum(c => c.Share);
            var groupRate = Math.Round(covered.Sum(c => c.Share * c.Position.GroupVisitRate) / share, 2, MidpointRounding.AwayFromZero);
            var marketRate = Math.Round(covered.Sum(c => c.Share * c.Position.MarketP50) / share, 2, MidpointRounding.AwayFromZero);
            var difference = (double)(marketRate / groupRate) - 1;
            comparisons.Add(new GroupMarketComparison(id.Value, (double)share, groupRate, marketRate, difference, difference > model.Options.AtMarketBand));
        }

        return (positions, comparisons.OrderByDescending(c => c.Difference).ToList(), notes);
    }

    /// <summary>The group's contract that stands for each payor: the one with most claim lines, else the first by id.</summary>
    private static Dictionary<string, string> MainContractPerPayor(Data.Inputs.TargetPractice group, Dictionary<string, (Contract Contract, decimal Rate)> rates)
    {
        var markets = group.Locations.ToDictionary(l => l.Id, l => l.Market, StringComparer.OrdinalIgnoreCase);
        var lines = group.Claims.GroupBy(c => (c.Payor.Name, markets[c.LocationId])).ToDictionary(g => g.Key, g => g.Count());
        return rates.Values.GroupBy(r => r.Contract.Payor.Name).ToDictionary(g => g.Key, g => g
            .OrderByDescending(r => r.Contract.Markets.Sum(m => lines.GetValueOrDefault((g.Key, m))))
            .ThenBy(r => r.Contract.Id, StringComparer.Ordinal).First().Contract.Id);
    }

    private ExpansionParameters Parameters() => new(
        plan.Markets.Select(m => m.Value).ToList(), plan.Basket.Name, plan.BasketSource,
        plan.Basket.Entries.Select(e => new BasketEntry(e.Code.Value, e.UnitsPerVisit)).ToList(),
        plan.VisitsPerYearAtMaturity, plan.RampUp.Description, plan.RampUp.Shares, plan.PayorMix, plan.PayorMixByState,
        plan.EntryPercentile, plan.EntryPercentileByPayor, plan.TargetPercentile, plan.RenegotiationMonth, plan.PercentileSpread,
        plan.VisitVolumeCv, plan.RenegotiationSuccessProbability, plan.HorizonMonths, plan.Paths, plan.Seed, model.Options.AtMarketBand);

    private static PeriodRevenueRow Row(PeriodRevenue p) =>
        new(p.Period, p.FirstMonth, p.LastMonth, Cents(p.Mean), Cents(p.MeanStandardError), Cents(p.P10), Cents(p.P50), Cents(p.P90));

    private static decimal Cents(double dollars) => Math.Round((decimal)dollars, 2, MidpointRounding.AwayFromZero);
}
