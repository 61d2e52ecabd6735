using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Visits;

/// <summary>The adjusted visit rate distribution of one market × payor, and what went into it.</summary>
public sealed record VisitRateDistribution(Benchmark Benchmark, decimal MedicareVisitRate, int Practices, int PracticesWithImputedCodes, int ImputedCodes, int PracticesExcluded);

/// <summary>
/// Prices the visit basket with every market practice's own rates, under the payor's MPPR policy, giving a
/// distribution of adjusted visit rates per market × payor. A practice's schedule that lacks a basket code is completed
/// from its own relative level: the median, over the codes it has, of its rate ÷ the market benchmark median, times the
/// benchmark median of the missing code; every such imputation is counted. Small markets are shrunk toward the payor's
/// national visit-rate distribution (in shares of the Medicare visit rate), and a market with no practices falls back
/// to it explicitly.
/// </summary>
public sealed class MarketVisitRates(MarketModel model, BenchmarkResolver benchmarks, IReadOnlyDictionary<MarketId, Domain.Markets.Market> markets, MedicareBaseline medicare, CptCatalog catalog)
{
    private readonly Dictionary<(string Basket, string Payor, RateType Type, MpprPolicy Policy), Dictionary<MarketId, VisitRateDistribution>> cache = [];

    public VisitRateDistribution? For(VisitBasket basket, MarketId market, string payor, RateType type, MpprPolicy policy)
    {
        if (!cache.TryGetValue((basket.Name, payor, type, policy), out var byMarket))
        {
            cache[(basket.Name, payor, type, policy)] = byMarket = Build(basket, payor, type, policy);
        }

        return byMarket.GetValueOrDefault(market);
    }

    /// <summary>
    /// A practice's basket at its own fees under the payor's policy, its missing codes imputed from its relative level;
    /// null when it has none of the basket's codes that the market prices, or misses one the market does not price.
    /// Fees, medians and positions are in the basket's order.
    /// </summary>
    private static (decimal? PerVisit, int Imputed) PriceOwnSchedule(PracticeSchedule practice, int[] inSchedule, double?[] medians, PreparedBasket basket, MpprPolicy policy)
    {
        var n = inSchedule.Length;
        var own = new double[n];
        var ratios = new List<double>(n);
        var missing = 0;
        for (var j = 0; j < n; j++)
        {
            own[j] = inSchedule[j] < 0 ? double.NaN : practice.MeanDollars[inSchedule[j]];
            if (double.IsNaN(own[j]))
            {
                missing++;
                if (medians[j] is null)
                {
                    return (null, 0);
                }
            }
            else if (medians[j] is { } median)
            {
                ratios.Add(own[j] / median);
            }
        }

        if (ratios.Count == 0)
        {
            return (null, 0);
        }

        ratios.Sort();
        var level = Statistics.Quantiles.R7(ratios.ToArray(), 0.5);
        Span<decimal> fees = stackalloc decimal[n];
        for (var j = 0; j < n; j++)
        {
            fees[j] = Math.Round((decimal)(double.IsNaN(own[j]) ? level * medians[j]!.Value : own[j]), 2, MidpointRounding.AwayFromZero);
        }

        return (basket.Price(fees, policy), missing);
    }

    /// <summary>The basket priced at the market's Medicare fees (the market data year) under the same policy.</summary>
    public decimal MedicareVisitRate(VisitBasket basket, MarketId market, MpprPolicy policy)
    {
        var schedule = medicare.ForYear(model.MarketDataYear);
        var locality = markets[market].MedicareLocality;
        return BasketPricer.Price(basket, c => schedule.Rate(c, locality).Amount, schedule.RvusOf, catalog, policy);
    }

    private Dictionary<MarketId, VisitRateDistribution> Build(VisitBasket basket, string payor, RateType type, MpprPolicy policy)
    {
        var schedule = medicare.ForYear(model.MarketDataYear);
        var perMarket = new Dictionary<MarketId, (List<double> Rates, double Medicare, int Imputed, int PracticesImputed, int Excluded)>();
        var practices = model.PracticeSchedules.For(payor, type).ToList();
        var prepared = BasketPricer.Prepare(basket, schedule.RvusOf, catalog);

        // Where each basket code sits in the practices' schedules (−1: no practice has a rate for it).
        var codes = model.Rates.Table.Codes;
        var inSchedule = basket.Entries.Select(e => Enumerable.Range(0, codes.Count).FirstOrDefault(i => codes[i].Equals(e.Code), -1)).ToArray();

        // What a practice's pricing reads of its market, looked up once per market before the practices are priced in
        // parallel (each practice on its own; the benchmark cache is not for sharing between threads).
        var medicareVisits = markets.Keys.ToDictionary(m => m, m => MedicareVisitRate(basket, m, policy));
        var medians = new Dictionary<MarketId, double?[]>();
        foreach (var market in practices.Select(p => p.Market).Distinct())
        {
            medians[market] = [.. basket.Entries.Select(e => benchmarks.For(market, payor, e.Code, type)?.Quantile(0.5))];
            perMarket[market] = ([], (double)medicareVisits[market], 0, 0, 0);
        }

        var priced = new (decimal? PerVisit, int Imputed)[practices.Count];
        Parallel.For(0, practices.Count, i => priced[i] = PriceOwnSchedule(practices[i], inSchedule, medians[practices[i].Market], prepared, policy));

        // In the practices' order, so every run adds the same rates in the same order.
        for (var i = 0; i < practices.Count; i++)
        {
            var market = practices[i].Market;
            var acc = perMarket[market];
            if (priced[i].PerVisit is not { } perVisit)
            {
                perMarket[market] = acc with { Excluded = acc.Excluded + 1 };
                continue;
            }

            acc.Rates.Add((double)perVisit);
            var imputed = priced[i].Imputed;
            perMarket[market] = acc with { Imputed = acc.Imputed + imputed, PracticesImputed = acc.PracticesImputed + (imputed > 0 ? 1 : 0) };
        }

        var withRates = perMarket.Where(m => m.Value.Rates.Count > 0).ToDictionary(m => m.Key, m => m.Value);
        var what = $"{payor} {basket.Name} visit rate";
        var shrinkage = withRates.Count == 0
            ? new Dictionary<MarketId, ShrinkageEstimate>()
            : ShrinkageEstimator.Estimate($"national {what}", withRates.ToDictionary(m => m.Key, m => m.Value.Rates.Select(r => Math.Log(r / m.Value.Medicare)).ToArray()));
        var nationalShares = withRates.SelectMany(m => m.Value.Rates.Select(r => r / m.Value.Medicare)).ToArray();

        var result = new Dictionary<MarketId, VisitRateDistribution>();
        foreach (var market in markets.Keys)
        {
            var key = $"visit|{basket.Name}|{market}|{payor}|{type}";
            var medicareVisit = medicareVisits[market];
            if (perMarket.TryGetValue(market, out var acc) && acc.Rates.Count > 0)
            {
                var sorted = acc.Rates.Order().ToArray();
                var benchmark = sorted.Length >= model.Options.SmallCellPractices
                    ? Benchmark.Empirical(key, sorted, sorted.Length, sorted.Length, acc.Medicare, $"{sorted.Length} practices priced on the {basket.Name} basket", model.Options)
                    : Benchmark.Shrunk(key, sorted.Length, sorted.Length, acc.Medicare, shrinkage[market], what, model.Options);
                result[market] = new VisitRateDistribution(benchmark, medicareVisit, sorted.Length, acc.PracticesImputed, acc.Imputed, acc.Excluded);
            }
            else if (nationalShares.Length > 0)
            {
                var benchmark = Benchmark.Fallback(key, $"{payor} practices in {market}", $"national {what}", nationalShares, nationalShares.Length, (double)medicareVisit, model.Options);
                result[market] = new VisitRateDistribution(benchmark, medicareVisit, 0, 0, 0, acc.Excluded);
            }
        }

        return result;
    }
}
