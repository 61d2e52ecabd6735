using System.Collections;
using System.Runtime.CompilerServices;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.MarketData;

/// <summary>
/// The rate observations of a market dataset, stored by column: each observation is a row of small numbers (which
/// market, payor, code, practice and source of the table's lists) beside its rate type, year and stated rate. A market
/// file can hold tens of millions of rows; as columns they take 32 bytes a row in a handful of arrays, which the garbage
/// collector never scans, and the market model groups and normalises them by those numbers without hashing a text.
/// Reading a row by position gives it back as a <see cref="RateObservation"/>.
/// </summary>
public sealed class RateTable : IReadOnlyList<RateObservation>
{
    private readonly MarketId[] markets;
    private readonly Payor[] payors;
    private readonly CptCode[] codes;
    private readonly string[] practices;
    private readonly string[] sources;
    private readonly ushort[] market;
    private readonly ushort[] payor;
    private readonly byte[] code;
    private readonly RateType[] type;
    private readonly short[] year;
    private readonly int[] practice;
    private readonly int[] source;
    private readonly decimal[] stated;

    /// <summary>A table over columns of equal length whose numbers index the lists given.</summary>
    /// <param name="lists">What the numbers of the market, payor, code, practice and source columns refer to.</param>
    /// <param name="columns">One array per field; <see cref="RateColumns.Stated"/> holds dollars, or the fraction of
    /// Medicare for percent-of-Medicare rows.</param>
    /// <param name="count">How many leading rows of the columns are in the table (the arrays may be longer).</param>
    /// <exception cref="ArgumentException">A column is shorter than <paramref name="count"/>, or a row names a list entry
    /// that does not exist or states a rate its type cannot have.</exception>
    public RateTable(RateLists lists, RateColumns columns, int count)
    {
        (markets, payors, codes, practices, sources) = (lists.Markets, lists.Payors, lists.Codes, lists.Practices, lists.Sources);
        (market, payor, code, type, year, practice, source, stated) =
            (columns.Market, columns.Payor, columns.Code, columns.Type, columns.Year, columns.Practice, columns.Source, columns.Stated);
        if (count < 0 || new[] { market.Length, payor.Length, code.Length, type.Length, year.Length, practice.Length, source.Length, stated.Length }.Any(l => l < count))
        {
            throw new ArgumentException($"Every column needs at least {count} rows.", nameof(columns));
        }

        Count = count;
        for (var i = 0; i < count; i++)
        {
            if (market[i] >= markets.Length || payor[i] >= payors.Length || code[i] >= codes.Length || (uint)practice[i] >= (uint)practices.Length
                || (uint)source[i] >= (uint)sources.Length || type[i] > RateType.PercentOfMedicare || stated[i] <= 0m)
            {
                throw new ArgumentException($"Row {i} names a market, payor, code, practice or source the lists lack, or states no positive rate.", nameof(columns));
            }
        }
    }

    public static RateTable Empty { get; } = From([]);

    public int Count { get; }

    /// <summary>The markets, payors, codes, practices and sources rows refer to by position.</summary>
    public IReadOnlyList<MarketId> Markets => markets;

    public IReadOnlyList<Payor> Payors => payors;

    public IReadOnlyList<CptCode> Codes => codes;

    public IReadOnlyList<string> Practices => practices;

    public IReadOnlyList<string> Sources => sources;

    /// <summary>Per row, the position of its market in <see cref="Markets"/>.</summary>
    public ReadOnlySpan<ushort> MarketColumn => market.AsSpan(0, Count);

    public ReadOnlySpan<ushort> PayorColumn => payor.AsSpan(0, Count);

    public ReadOnlySpan<byte> CodeColumn => code.AsSpan(0, Count);

    public ReadOnlySpan<RateType> TypeColumn => type.AsSpan(0, Count);

    /// <summary>Per row, the year the rate was in force, or for percent-of-Medicare rows the Medicare year it names.</summary>
    public ReadOnlySpan<short> YearColumn => year.AsSpan(0, Count);

    public ReadOnlySpan<int> PracticeColumn => practice.AsSpan(0, Count);

    /// <summary>Per row, dollars, or the fraction of Medicare of a percent-of-Medicare rate.</summary>
    public ReadOnlySpan<decimal> StatedColumn => stated.AsSpan(0, Count);

    public RateObservation this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var percent = type[index] == RateType.PercentOfMedicare;
            return new RateObservation(markets[market[index]], payors[payor[index]], codes[code[index]], type[index],
                percent ? null : Money.Usd(stated[index]), percent ? Percent.FromFraction(stated[index]) : null,
                practices[practice[index]], year[index], sources[source[index]]);
        }
    }

    /// <summary>How many rows each rate type has.</summary>
    public IReadOnlyDictionary<RateType, int> CountByType()
    {
        var counts = new int[3];
        foreach (var t in TypeColumn)
        {
            counts[(int)t]++;
        }

        return Enum.GetValues<RateType>().Where(t => counts[(int)t] > 0).ToDictionary(t => t, t => counts[(int)t]);
    }

    /// <summary>How many practices have at least one row.</summary>
    public int DistinctPractices() => new DistinctCounter(practices.Length).Count(PracticeColumn);

    /// <summary>
    /// For every market × payor × code × rate type with rows, how many distinct practices they come from, in the
    /// cells' order of first appearance (<see cref="CellOfRows"/>).
    /// </summary>
    public IReadOnlyList<int> PracticesPerCell()
    {
        var (starts, order) = Buckets.Of(CellOfRows(out var cells), cells);
        var practicesInOrder = order.Select(i => practice[i]).ToArray();
        var counter = new DistinctCounter(practices.Length);
        return [.. Enumerable.Range(0, cells).Select(c => counter.Count(practicesInOrder.AsSpan(starts[c], starts[c + 1] - starts[c])))];
    }

    /// <summary>
    /// The number of a market × payor × code × rate type cell among every combination of the table's lists (given by
    /// their sizes): the key rows are grouped and compared by, with no text hashed.
    /// </summary>
    public static long CellNumber(int market, int payor, int code, RateType type, int payors, int codes) =>
        ((((((long)market * payors) + payor) * codes) + code) * 4) + (byte)type;

    /// <summary>
    /// Per row, the number of its market × payor × code × rate type cell, cells numbered in order of first appearance
    /// from 0 to <paramref name="cells"/> − 1. A cell is found through its index in a table of every combination (a
    /// few thousand to a few million slots), or beyond that a dictionary of the ones that occur: never a text hashed.
    /// </summary>
    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int[] CellOfRows(out int cells)
    {
        var cellOf = new int[Count];
        var combinations = (long)markets.Length * payors.Length * codes.Length * 4;
        var dense = combinations <= 4_000_000 ? new int[combinations] : null;
        var sparse = dense is null ? new Dictionary<long, int>() : null;
        cells = 0;
        for (var i = 0; i < Count; i++)
        {
            var key = CellNumber(market[i], payor[i], code[i], type[i], payors.Length, codes.Length);
            if (dense is not null)
            {
                cellOf[i] = (dense[key] == 0 ? dense[key] = ++cells : dense[key]) - 1;
            }
            else if (!sparse!.TryGetValue(key, out cellOf[i]))
            {
                sparse[key] = cellOf[i] = cells++;
            }
        }

        return cellOf;
    }

    /// <summary>A table of <paramref name="observations"/> in their order (for small sets built in code, such as tests).</summary>
    public static RateTable From(IEnumerable<RateObservation> observations)
    {
        var rows = observations.ToList();
        var marketNumbers = new Numbering<MarketId>();
        var payorNumbers = new Numbering<Payor>();
        var codeNumbers = new Numbering<CptCode>();
        var practiceNumbers = new Numbering<string>();
        var sourceNumbers = new Numbering<string>();
        var columns = RateColumns.Allocate(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            columns.Market[i] = checked((ushort)marketNumbers.Of(r.Market));
            columns.Payor[i] = checked((ushort)payorNumbers.Of(r.Payor));
            columns.Code[i] = checked((byte)codeNumbers.Of(r.Code));
            columns.Type[i] = r.Type;
            columns.Year[i] = checked((short)r.Year);
            columns.Practice[i] = practiceNumbers.Of(r.PracticeId);
            columns.Source[i] = sourceNumbers.Of(r.Source);
            columns.Stated[i] = r.Dollars?.Amount ?? r.PercentOfMedicare!.Value.Fraction;
        }

        return new RateTable(new RateLists([.. marketNumbers.Items], [.. payorNumbers.Items], [.. codeNumbers.Items], [.. practiceNumbers.Items], [.. sourceNumbers.Items]), columns, rows.Count);
    }

    public IEnumerator<RateObservation> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Numbers values in order of first appearance.</summary>
    private sealed class Numbering<T>
        where T : notnull
    {
        private readonly Dictionary<T, int> numbers = [];

        public List<T> Items { get; } = [];

        public int Of(T value)
        {
            if (!numbers.TryGetValue(value, out var number))
            {
                numbers[value] = number = Items.Count;
                Items.Add(value);
            }

            return number;
        }
    }
}

/// <summary>The lists a <see cref="RateTable"/>'s rows refer to by position.</summary>
public sealed record RateLists(MarketId[] Markets, Payor[] Payors, CptCode[] Codes, string[] Practices, string[] Sources);

/// <summary>The columns of a <see cref="RateTable"/>, one array per field (see there for what each holds).</summary>
public sealed record RateColumns(ushort[] Market, ushort[] Payor, byte[] Code, RateType[] Type, short[] Year, int[] Practice, int[] Source, decimal[] Stated)
{
    public static RateColumns Allocate(int rows) =>
        new(new ushort[rows], new ushort[rows], new byte[rows], new RateType[rows], new short[rows], new int[rows], new int[rows], new decimal[rows]);
}
