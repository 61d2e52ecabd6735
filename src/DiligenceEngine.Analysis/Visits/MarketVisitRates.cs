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

    /// <summary>The basket priced at the market's Medicare fees (the market data year) under the same policy.</summary>
    public decimal MedicareVisitRate(VisitBasket basket, MarketId market, MpprPolicy policy)
    {
        var schedule = medicare.ForYear(model.MarketDataYear);
        var locality = markets[market].MedicareLocality;
        return BasketPricer.Price(basket, c => schedule.Rate(c, locality).Amount, schedule.RvusOf, catalog, policy).PerVisit;
    }

    private Dictionary<MarketId, VisitRateDistribution> Build(VisitBasket basket, string payor, RateType type, MpprPolicy policy)
    {
        var schedule = medicare.ForYear(model.MarketDataYear);
        var perMarket = new Dictionary<MarketId, (List<double> Rates, double Medicare, int Imputed, int PracticesImputed, int Excluded)>();
        var mediansByMarket = new Dictionary<MarketId, Dictionary<CptCode, double?>>();
        foreach (var practice in model.PracticeSchedules.For(payor, type))
        {
            var market = practice.Market;
            if (!perMarket.TryGetValue(market, out var acc))
            {
                acc = ([], (double)MedicareVisitRate(basket, market, policy), 0, 0, 0);
            }

            var fees = new Dictionary<CptCode, double>(practice.MeanDollars);
            if (!mediansByMarket.TryGetValue(market, out var medians))
            {
                mediansByMarket[market] = medians = basket.Entries.ToDictionary(e => e.Code, e => benchmarks.For(market, payor, e.Code, type)?.Quantile(0.5));
            }

            var ratios = basket.Entries.Where(e => fees.ContainsKey(e.Code) && medians[e.Code] is not null)
                .Select(e => fees[e.Code] / medians[e.Code]!.Value).Order().ToArray();
            var missing = basket.Entries.Where(e => !fees.ContainsKey(e.Code)).ToList();
            if (ratios.Length == 0 || missing.Any(e => medians[e.Code] is null))
            {
                perMarket[market] = acc with { Excluded = acc.Excluded + 1 };
                continue;
            }

            var level = Statistics.Quantiles.R7(ratios, 0.5);
            foreach (var e in missing)
            {
                fees[e.Code] = level * medians[e.Code]!.Value;
            }

            var price = BasketPricer.Price(basket, c => Math.Round((decimal)fees[c], 2, MidpointRounding.AwayFromZero), schedule.RvusOf, catalog, policy);
            acc.Rates.Add((double)price.PerVisit);
            perMarket[market] = acc with { Imputed = acc.Imputed + missing.Count, PracticesImputed = acc.PracticesImputed + (missing.Count > 0 ? 1 : 0) };
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
            var medicareVisit = MedicareVisitRate(basket, market, policy);
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
