using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Analysis.Market;

/// <summary>
/// Chooses the benchmark for a market × payor × code: the cell itself when it has enough practices, the shrunk cell
/// when it is small, or the national payor distribution applied to the local Medicare rate when the market has no
/// rates at all. Returns null only when the payor has no rates for the code anywhere, which callers report as
/// "no market data", never as zero.
/// </summary>
public sealed class BenchmarkResolver(MarketModel model, IReadOnlyDictionary<MarketId, Domain.Markets.Market> markets, MedicareBaseline medicare)
{
    private readonly Dictionary<(MarketId, string, CptCode, RateType), Benchmark?> cache = [];

    public Benchmark? For(MarketId market, string payor, CptCode code, RateType type)
    {
        if (cache.TryGetValue((market, payor, code, type), out var cached))
        {
            return cached;
        }

        var key = new CellKey(CellLevel.MarketPayor, market.Value, payor, code, type);
        var cell = model.Find(key);
        Benchmark? benchmark;
        if (cell is not null)
        {
            benchmark = cell.SmallSample && cell.Shrinkage is not null
                ? Benchmark.Shrunk(key.ToString(), cell.Practices, cell.Observations, cell.MedicareDollars!.Value, cell.Shrinkage, $"{payor} {code}", model.Options)
                : Benchmark.Empirical(key.ToString(), cell.SortedDollars!, cell.Practices, cell.Observations, cell.MedicareDollars!.Value,
                    $"{cell.Practices} practices, {cell.Observations} rates in the cell", model.Options);
        }
        else
        {
            var parent = model.Find(new CellKey(CellLevel.NationalPayor, "US", payor, code, type));
            var year = medicare.ForYear(model.MarketDataYear);
            benchmark = parent is null || !year.HasCode(code)
                ? null
                : Benchmark.Fallback(key.ToString(), $"{payor} {code} rates in {market}", $"national {payor} {code}", parent.SortedShares!, parent.Practices,
                    (double)year.Rate(code, markets[market].MedicareLocality).Amount, model.Options);
        }

        cache[(market, payor, code, type)] = benchmark;
        return benchmark;
    }
}
