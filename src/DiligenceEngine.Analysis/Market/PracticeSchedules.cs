using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Analysis.Market;

/// <summary>
/// One market practice's own fee schedule with one payor, of one rate type: its mean dollar rate per code, by the
/// position of the code in <see cref="Codes"/> (NaN where the practice has no rate for the code).
/// </summary>
public sealed record PracticeSchedule(MarketId Market, string Practice, IReadOnlyList<CptCode> Codes, double[] MeanDollars)
{
    /// <summary>The mean dollar rate of <paramref name="code"/>, or null when the practice has none.</summary>
    public double? MeanDollarsOf(CptCode code)
    {
        for (var i = 0; i < Codes.Count; i++)
        {
            if (Codes[i].Equals(code))
            {
                return double.IsNaN(MeanDollars[i]) ? null : MeanDollars[i];
            }
        }

        return null;
    }
}

/// <summary>
/// The market practices' fee schedules, found by payor and rate type. The model's kept rates are ordered once by payor,
/// rate type, market, practice and code (a counting sort into payor × type × market buckets, each bucket sorted on its
/// own), so a payor's schedules are one contiguous stretch: pricing a visit basket for every practice of a national
/// dataset reads only that payor's rates, once, instead of scanning tens of millions of rates per payor and basket.
/// </summary>
public sealed class PracticeSchedules
{
    private readonly NormalizedRates rates;
    private readonly int[] order;
    private readonly long[] keys;
    private readonly Dictionary<(int Payor, RateType Type), (int Start, int End)> stretches = [];

    private PracticeSchedules(NormalizedRates rates)
    {
        this.rates = rates;
        var table = rates.Table;
        var positions = rates.Positions;
        var market = table.MarketColumn;
        var payor = table.PayorColumn;
        var type = table.TypeColumn;
        var markets = table.Markets.Count;
        var bucketOf = new int[rates.Count];
        for (var i = 0; i < rates.Count; i++)
        {
            var row = positions[i];
            bucketOf[i] = (((payor[row] * 4) + (byte)type[row]) * markets) + market[row];
        }

        (var starts, order) = Buckets.Of(bucketOf, table.Payors.Count * 4 * markets);
        // Market, practice and code in one number (a bucket holds one market, so the market does not change the order):
        // reading a payor's schedules then needs each rate's position only for its dollars.
        keys = new long[rates.Count];
        var practice = table.PracticeColumn;
        var code = table.CodeColumn;
        for (var at = 0; at < rates.Count; at++)
        {
            var row = positions[order[at]];
            keys[at] = ((long)market[row] << 40) | ((long)practice[row] << 8) | code[row];
        }

        Parallel.For(0, starts.Length - 1, b => keys.AsSpan(starts[b], starts[b + 1] - starts[b]).Sort(order.AsSpan(starts[b], starts[b + 1] - starts[b])));
        for (var p = 0; p < table.Payors.Count; p++)
        {
            foreach (var t in Enum.GetValues<RateType>())
            {
                var first = ((p * 4) + (byte)t) * markets;
                stretches[(p, t)] = (starts[first], starts[first + markets]);
            }
        }
    }

    public static PracticeSchedules Of(NormalizedRates rates) => new(rates);

    /// <summary>Every practice's schedule with <paramref name="payor"/> at rate type <paramref name="type"/>, by market and practice.</summary>
    public IEnumerable<PracticeSchedule> For(string payor, RateType type)
    {
        var table = rates.Table;
        var p = Enumerable.Range(0, table.Payors.Count).FirstOrDefault(i => table.Payors[i].Name == payor, -1);
        if (p < 0)
        {
            yield break;
        }

        var (start, end) = stretches[(p, type)];
        for (var i = start; i < end;)
        {
            var marketAndPractice = keys[i] >> 8;
            var fees = new double[table.Codes.Count];
            Array.Fill(fees, double.NaN);
            while (i < end && keys[i] >> 8 == marketAndPractice)
            {
                // A practice may hold a code's rate for more than one year: its schedule has their mean.
                var code = keys[i];
                var (sum, count) = (0.0, 0);
                for (; i < end && keys[i] == code; i++)
                {
                    sum += rates.Dollars[order[i]];
                    count++;
                }

                fees[(int)(code & 0xFF)] = sum / count;
            }

            yield return new PracticeSchedule(table.Markets[(int)(marketAndPractice >> 32)], table.Practices[(int)(marketAndPractice & 0xFFFFFFFF)], table.Codes, fees);
        }
    }
}
