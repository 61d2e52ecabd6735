using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;

namespace DiligenceEngine.Data.Inputs;

/// <summary>
/// The accepted rows of one block of rates.csv, as columns, with the block's own numbering of practices and sources,
/// its problems and its count of codes outside the catalog. Blocks are parsed in parallel, one chunk each, and a
/// <see cref="RateTableBuilder"/> appends them in file order; their columns then go back to the
/// <see cref="RateChunkPool"/> for a later block.
/// </summary>
internal sealed class RateChunk
{
    private readonly RateChunkPool? pool;
    private readonly RatesContext rates;
    private readonly RateRowChecker checker;
    private readonly TextNumbering practices = new();
    private readonly TextNumbering sources = new();
    private readonly FieldMemo<int> market;
    private readonly FieldMemo<int> payor;
    private readonly FieldMemo<int> code;
    private readonly FieldMemo<RateType> type;
    private readonly FieldMemo<int> year;
    private readonly FieldMemo<int> medicareYear;
    private RateColumns columns;
    private short[] keyYears;
    private int[] lines;

    /// <param name="rates">What every chunk of the load shares.</param>
    /// <param name="issues">Where the chunk's problems go.</param>
    /// <param name="capacity">Rows the chunk expects.</param>
    /// <param name="pool">Where the columns come from and go back to (<see cref="Release"/>); null: allocated for this chunk.</param>
    public RateChunk(RatesContext rates, DataIssueLog issues, int capacity, RateChunkPool? pool = null)
    {
        this.rates = rates;
        this.pool = pool;
        Issues = issues;
        Resolver = new RowResolver(rates.Payors, rates.Catalog, issues);
        checker = new RateRowChecker(rates, Resolver);
        (columns, keyYears, lines) = pool?.Take(Math.Max(16, capacity)) ?? ChunkRows.Allocate(Math.Max(16, capacity));

        // What each text of a column means, decided once per distinct text by the checker's own rules; a text that does
        // not parse sends its row to the checker, which says why.
        market = new(t => MarketId.Parse(t.Trim()).TryGetValue(out var id) && rates.MarketNumbers.TryGetValue(id, out var n) ? n : null);
        payor = new(t => t.Trim().Length > 0 && rates.Payors.Resolve(t.Trim()) is Domain.Payors.PayorMatch.Found found ? rates.PayorNumbers[found.Payor.Name] : null);
        code = new(t => Domain.Codes.CptCode.Parse(t).TryGetValue(out var c) && rates.CodeNumbers.TryGetValue(c, out var n) ? n : null);
        var types = FieldParsers.OneOf(RateRowChecker.RateTypes);
        type = new(t => t.Trim().Length > 0 && types(t.Trim()).TryGetValue(out var r) ? r : null);
        var years = FieldParsers.Integer(2000, 2100);
        year = new(t => t.Trim().Length > 0 && years(t.Trim()).TryGetValue(out var y) ? y : null);
        medicareYear = new(t => t.Trim().Length == 0 ? 0 : years(t.Trim()).TryGetValue(out var y) ? y : null);
    }

    public DataIssueLog Issues { get; }

    public RowResolver Resolver { get; }

    /// <summary>The practice_id column's position in the file (1-based), once a row has been seen.</summary>
    public int? PracticeColumnNumber { get; set; }

    /// <summary>Data rows of the block (with the right number of fields), accepted or not.</summary>
    public int DataRows { get; set; }

    public int Count { get; private set; }

    /// <summary>Bytes of the block the chunk was parsed from (0 for a file read row by row).</summary>
    public int BlockBytes { get; init; }

    /// <summary>The practice texts the chunk numbered, in the order of its own numbers.</summary>
    public IReadOnlyList<string> PracticeTexts => practices.Texts;

    /// <summary>The source texts the chunk numbered, in the order of its own numbers.</summary>
    public IReadOnlyList<string> SourceTexts => sources.Texts;

    /// <summary>The accepted rows (the first <see cref="Count"/> of each column).</summary>
    public ChunkRows Rows => new(columns, keyYears, lines);

    /// <summary>Gives the chunk's columns back to its pool, once they have been copied; the chunk is not used after.</summary>
    public void Release()
    {
        pool?.Return(Rows);
        Count = 0;
    }

    /// <summary>Takes a plain line whose every field is already known to be valid; false leaves the row to the checker.</summary>
    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAddPlain(ref PlainCsvReader.LineFields line, RateColumnPositions at)
    {
        if (!market.TryGet(line.Field(at.Market), out var m) || !payor.TryGet(line.Field(at.Payor), out var p)
            || !code.TryGet(line.Field(at.Cpt), out var c) || !type.TryGet(line.Field(at.Type), out var t)
            || !year.TryGet(line.Field(at.Year), out var y) || !medicareYear.TryGet(at.MedicareYear < 0 ? [] : line.Field(at.MedicareYear), out var my))
        {
            return false;
        }

        // "110%" is points, "1.10" a fraction, as the checker reads a percent of Medicare; a % on a dollar rate is its to judge.
        var rate = line.Field(at.Rate);
        var points = rate.Length > 1 && rate[^1] == (byte)'%';
        if (!TryPlainDecimal(points ? rate[..^1] : rate, out var stated))
        {
            return false;
        }

        if (t == RateType.PercentOfMedicare)
        {
            stated = (points ? Percent.FromPoints(stated) : Percent.FromFraction(stated)).Fraction;
            if (my == 0 || !rates.Medicare.HasYear(my) || stated < RateRowChecker.MinPercentOfMedicare || stated > RateRowChecker.MaxPercentOfMedicare)
            {
                return false;
            }
        }
        else if (my != 0 || points)
        {
            return false;
        }

        var practice = practices.OfUtf8(line.Field(at.Practice));
        if (practice < 0)
        {
            return false;
        }

        // An absent source column and an empty source are both the empty source.
        var source = at.Source < 0 ? -1 : sources.OfUtf8(line.Field(at.Source));
        Add(m, p, c, t, stated, practice, y, my == 0 ? y : my, source < 0 ? sources.Of(string.Empty) : source, line.Line);
        return true;
    }

    /// <summary>Judges a row with the checker (which logs its problems) and takes it if it is valid.</summary>
    public void AddChecked(CsvRecord row)
    {
        PracticeColumnNumber ??= row.ColumnNumber(RateRowChecker.PracticeColumn);
        if (checker.TryAccept(row, out var r))
        {
            Add(rates.MarketNumbers[r.Market.Id], rates.PayorNumbers[r.Payor.Name], rates.CodeNumbers[r.Code], r.Type, r.Stated,
                practices.Of(r.Practice), r.KeyYear, r.Year, sources.Of(r.Source), row.Line);
        }
    }

    private void Add(int m, int p, int c, RateType t, decimal stated, int practice, int keyYear, int year, int source, int line)
    {
        if (Count == lines.Length)
        {
            Grow();
        }

        var i = Count++;
        columns.Market[i] = (ushort)m;
        columns.Payor[i] = (ushort)p;
        columns.Code[i] = (byte)c;
        columns.Type[i] = t;
        columns.Year[i] = (short)year;
        columns.Practice[i] = practice;
        columns.Source[i] = source;
        columns.Stated[i] = stated;
        keyYears[i] = (short)keyYear;
        lines[i] = line;
    }

    private void Grow()
    {
        var size = lines.Length + (lines.Length / 2);
        var c = columns;
        columns = new RateColumns(Resized(c.Market, size), Resized(c.Payor, size), Resized(c.Code, size), Resized(c.Type, size), Resized(c.Year, size),
            Resized(c.Practice, size), Resized(c.Source, size), Resized(c.Stated, size));
        keyYears = Resized(keyYears, size);
        lines = Resized(lines, size);
    }

    private static T[] Resized<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }

    /// <summary>
    /// A rate written as plain digits with an optional decimal point ("26.7", "1.10"), as decimal.Parse reads it (the
    /// scale kept), and above zero; anything else ($, thousands commas, signs, %) is left to the checker.
    /// </summary>
    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryPlainDecimal(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        if (text.Length is 0 or > 18 || !char.IsAsciiDigit((char)text[0]) || !char.IsAsciiDigit((char)text[^1]))
        {
            return false;
        }

        long mantissa = 0;
        var scale = -1;
        foreach (var b in text)
        {
            if (b == (byte)'.' && scale < 0)
            {
                scale = 0;
                continue;
            }

            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            mantissa = (mantissa * 10) + (b - '0');
            scale += scale >= 0 ? 1 : 0;
        }

        if (mantissa == 0)
        {
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, false, (byte)Math.Max(0, scale));
        return true;
    }
}

/// <summary>
/// Columns of every chunk of a rates load, reused from block to block: at 4 MB blocks and both cores busy, a handful of
/// chunks' worth is in use at once, where fresh columns per block would be as large as the table itself.
/// </summary>
internal sealed class RateChunkPool
{
    private readonly ConcurrentBag<ChunkRows> idle = [];

    public ChunkRows Take(int capacity) => idle.TryTake(out var rows) && rows.Lines.Length >= capacity ? rows : ChunkRows.Allocate(capacity);

    public void Return(ChunkRows rows) => idle.Add(rows);
}

/// <summary>A chunk's accepted rows: their columns, the year that identifies each among a practice's rows, and each one's line.</summary>
internal sealed record ChunkRows(RateColumns Columns, short[] KeyYears, int[] Lines)
{
    public static ChunkRows Allocate(int capacity) => new(RateColumns.Allocate(capacity), new short[capacity], new int[capacity]);
}

/// <summary>
/// Joins chunks, in file order, into one table: practices and sources numbered across the file, then rows that repeat
/// an earlier row's identity reported and left out (<see cref="Build"/>). A chunk's rows are copied as soon as it is
/// appended, so its columns can serve the next block.
/// </summary>
internal sealed class RateTableBuilder(RatesContext rates, DataIssueLog issues, long fileDataBytes)
{
    private readonly TextNumbering practices = new();
    private readonly TextNumbering sources = new();
    private readonly List<RowResolver> resolvers = [];
    private RateColumns all = RateColumns.Allocate(0);
    private short[] keyYears = [];
    private int[] lines = [];
    private int count;
    private int? practiceColumn;

    /// <summary>Data rows of the chunks appended (with the right number of fields), accepted or not.</summary>
    public int DataRows { get; private set; }

    public void Append(RateChunk chunk)
    {
        foreach (var issue in chunk.Issues == issues ? [] : chunk.Issues.Issues)
        {
            issues.Add(issue);
        }

        resolvers.Add(chunk.Resolver);
        practiceColumn ??= chunk.PracticeColumnNumber;
        DataRows += chunk.DataRows;
        var practiceMap = chunk.PracticeTexts.Select(practices.Of).ToArray();
        var sourceMap = chunk.SourceTexts.Select(sources.Of).ToArray();
        EnsureRoom(count + chunk.Count, chunk);
        var (from, fromKeyYears, fromLines) = chunk.Rows;
        var (n, at) = (chunk.Count, count);
        from.Market.AsSpan(0, n).CopyTo(all.Market.AsSpan(at));
        from.Payor.AsSpan(0, n).CopyTo(all.Payor.AsSpan(at));
        from.Code.AsSpan(0, n).CopyTo(all.Code.AsSpan(at));
        from.Type.AsSpan(0, n).CopyTo(all.Type.AsSpan(at));
        from.Year.AsSpan(0, n).CopyTo(all.Year.AsSpan(at));
        from.Stated.AsSpan(0, n).CopyTo(all.Stated.AsSpan(at));
        fromKeyYears.AsSpan(0, n).CopyTo(keyYears.AsSpan(at));
        fromLines.AsSpan(0, n).CopyTo(lines.AsSpan(at));
        for (var i = 0; i < n; i++)
        {
            all.Practice[at + i] = practiceMap[from.Practice[i]];
            all.Source[at + i] = sourceMap[from.Source[i]];
        }

        count += n;
    }

    /// <summary>The table, with duplicates reported and left out; the chunks' counts of codes outside the catalog go to <paramref name="resolver"/>.</summary>
    public RateTable Build(RowResolver resolver)
    {
        foreach (var chunkResolver in resolvers)
        {
            resolver.Absorb(chunkResolver);
        }

        var lists = new RateLists(rates.MarketIds, rates.PayorList, rates.Codes, [.. practices.Texts], [.. sources.Texts]);
        var duplicate = FindDuplicates(lists);
        return duplicate is null ? new RateTable(lists, all, count) : new RateTable(lists, WithoutRows(duplicate, out var kept), kept);
    }

    /// <summary>
    /// Room for <paramref name="rows"/> rows. The first chunk of a parallel read sizes the table for the whole file from
    /// its rows per byte (2% over, the columns left unwritten beyond the rows: untouched memory costs nothing); a table
    /// that still runs out grows by half.
    /// </summary>
    private void EnsureRoom(int rows, RateChunk chunk)
    {
        if (rows <= lines.Length)
        {
            return;
        }

        var estimate = count == 0 && chunk.BlockBytes > 0 ? (long)(fileDataBytes * (double)chunk.DataRows / chunk.BlockBytes * 1.02) + 1024 : 0;
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(rows, Math.Max(estimate, lines.Length + (lines.Length / 2L))));
        var grown = new RateColumns(Grown(all.Market, capacity), Grown(all.Payor, capacity), Grown(all.Code, capacity), Grown(all.Type, capacity),
            Grown(all.Year, capacity), Grown(all.Practice, capacity), Grown(all.Source, capacity), Grown(all.Stated, capacity));
        (all, keyYears, lines) = (grown, Grown(keyYears, capacity), Grown(lines, capacity));
    }

    private T[] Grown<T>(T[] array, int capacity)
    {
        var grown = GC.AllocateUninitializedArray<T>(capacity);
        array.AsSpan(0, count).CopyTo(grown);
        return grown;
    }

    /// <summary>
    /// Rows whose practice, market, payor, code, rate type and year an earlier row already has, each reported against
    /// the first; null when there are none. Rows are bucketed by practice (in file order), and each practice's few
    /// identities sorted: no table of millions of keys.
    /// </summary>
    private bool[]? FindDuplicates(RateLists lists)
    {
        var c = all;
        var practiceOf = c.Practice.AsSpan(0, count);

        // Files list a practice's rows together, so practice numbers (in order of first appearance) usually ascend:
        // each practice's rows are then already in one run, and no grouping pass is needed.
        var ascending = true;
        for (var i = 1; i < practiceOf.Length && ascending; i++)
        {
            ascending = practiceOf[i] >= practiceOf[i - 1];
        }

        var (starts, order) = ascending ? (Buckets.Starts(practiceOf, lists.Practices.Length), null) : Buckets.Of(practiceOf, lists.Practices.Length);

        // Practices in ranges, the ranges in parallel; a range's duplicates are reported in its order, and the log is
        // put in line order afterwards.
        const int Ranges = 64;
        var found = new List<(int Row, int First)>[Ranges];
        Parallel.For(0, Ranges, range =>
        {
            found[range] = [];
            var keys = new long[16];
            var rows = new int[16];
            for (var p = (int)((long)lists.Practices.Length * range / Ranges); p < (int)((long)lists.Practices.Length * (range + 1) / Ranges); p++)
            {
                var n = starts[p + 1] - starts[p];
                if (n > keys.Length)
                {
                    (keys, rows) = (new long[n], new int[n]);
                }

                for (var j = 0; j < n; j++)
                {
                    var i = rows[j] = order is null ? starts[p] + j : order[starts[p] + j];
                    keys[j] = (RateTable.CellNumber(c.Market[i], c.Payor[i], c.Code[i], c.Type[i], lists.Payors.Length, lists.Codes.Length) * 256) + (keyYears[i] - 1900);
                }

                keys.AsSpan(0, n).Sort(rows.AsSpan(0, n));
                for (var run = 0; run < n;)
                {
                    var end = run + 1;
                    var first = rows[run];
                    while (end < n && keys[end] == keys[run])
                    {
                        first = Math.Min(first, rows[end++]);
                    }

                    for (var j = run; j < end; j++)
                    {
                        if (rows[j] != first)
                        {
                            found[range].Add((rows[j], first));
                        }
                    }

                    run = end;
                }
            }
        });

        bool[]? duplicate = null;
        foreach (var (i, first) in found.SelectMany(f => f))
        {
            duplicate ??= new bool[count];
            duplicate[i] = true;
            issues.Add(RateRowChecker.Duplicate(rates.File, lines[i], practiceColumn, lists.Practices[c.Practice[i]], keyYears[i],
                lists.Payors[c.Payor[i]].Name, lists.Codes[c.Code[i]], lists.Markets[c.Market[i]], lines[first]));
        }

        return duplicate;
    }

    private RateColumns WithoutRows(bool[] drop, out int kept)
    {
        var c = all;
        var keep = Enumerable.Range(0, count).Where(i => !drop[i]).ToArray();
        kept = keep.Length;
        return new RateColumns(keep.Select(i => c.Market[i]).ToArray(), keep.Select(i => c.Payor[i]).ToArray(), keep.Select(i => c.Code[i]).ToArray(),
            keep.Select(i => c.Type[i]).ToArray(), keep.Select(i => c.Year[i]).ToArray(), keep.Select(i => c.Practice[i]).ToArray(),
            keep.Select(i => c.Source[i]).ToArray(), keep.Select(i => c.Stated[i]).ToArray());
    }
}

/// <summary>
/// Numbers texts (practice ids, sources) in order of first appearance, trimmed as <see cref="CsvRecord.Text"/> trims.
/// A text is looked up by its UTF-8 bytes without making a string, and the last one is remembered: a practice's rows
/// and a source's usually come together.
/// </summary>
internal sealed class TextNumbering
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> byChars;
    private readonly List<string> texts = [];
    private byte[] lastBytes = new byte[64];
    private int lastLength = -1;
    private int lastNumber;

    public TextNumbering() => byChars = numbers.GetAlternateLookup<ReadOnlySpan<char>>();

    public IReadOnlyList<string> Texts => texts;

    public int Of(string text)
    {
        if (!numbers.TryGetValue(text, out var number))
        {
            numbers[text] = number = texts.Count;
            texts.Add(text);
        }

        return number;
    }

    /// <summary>The number of the trimmed text of <paramref name="utf8"/>, or −1 when it is empty once trimmed.</summary>
    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int OfUtf8(ReadOnlySpan<byte> utf8)
    {
        if (lastLength >= 0 && utf8.SequenceEqual(lastBytes.AsSpan(0, lastLength)))
        {
            return lastNumber;
        }

        Span<char> buffer = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)].Trim();
        if (chars.IsEmpty)
        {
            return -1;
        }

        if (!byChars.TryGetValue(chars, out var number))
        {
            number = Of(new string(chars));
        }

        if (utf8.Length > lastBytes.Length)
        {
            lastBytes = new byte[utf8.Length];
        }

        utf8.CopyTo(lastBytes);
        (lastLength, lastNumber) = (utf8.Length, number);
        return number;
    }
}

/// <summary>
/// What a column's texts mean, keyed by their UTF-8 bytes, decided once per distinct text (up to 4,096 of them) by
/// <c>parse</c>, which returns null for a text that is not valid. The last text is remembered: consecutive rows mostly
/// repeat it.
/// </summary>
internal sealed class FieldMemo<T>(Func<string, T?> parse)
    where T : struct
{
    private readonly Dictionary<string, T?> known = new(StringComparer.Ordinal);

    /// <summary>Texts of up to seven bytes (codes, years) by their bytes packed into a number: no characters, no string hash.</summary>
    private readonly Dictionary<ulong, T?> knownShort = [];
    private readonly ulong[] recentKeys = new ulong[64];
    private readonly T?[] recentValues = new T?[64];
    private byte[] lastBytes = new byte[32];
    private int lastLength = -1;
    private T? last;

    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> utf8, out T value)
    {
        if (lastLength < 0 || !utf8.SequenceEqual(lastBytes.AsSpan(0, lastLength)))
        {
            last = utf8.Length <= 7 ? Short(utf8) : Long(utf8);
            if (utf8.Length > lastBytes.Length)
            {
                lastBytes = new byte[utf8.Length];
            }

            utf8.CopyTo(lastBytes);
            lastLength = utf8.Length;
        }

        value = last.GetValueOrDefault();
        return last.HasValue;
    }

    private T? Short(ReadOnlySpan<byte> utf8)
    {
        var key = (ulong)utf8.Length << 56;
        for (var i = 0; i < utf8.Length; i++)
        {
            key |= (ulong)utf8[i] << (8 * i);
        }

        // A column that changes every row (the code) looks its few texts up in a small table indexed by a hash of the
        // packed bytes before the dictionary (a key is never 0: its top byte holds the length, and empty texts are
        // looked up in the dictionary).
        var slot = (int)(unchecked(key * 0x9E3779B97F4A7C15UL) >> 58);
        if (key != 0 && recentKeys[slot] == key)
        {
            return recentValues[slot];
        }

        if (!knownShort.TryGetValue(key, out var result))
        {
            result = parse(Encoding.UTF8.GetString(utf8));
            if (knownShort.Count < 4_096)
            {
                knownShort[key] = result;
            }
        }

        if (key != 0)
        {
            (recentKeys[slot], recentValues[slot]) = (key, result);
        }

        return result;
    }

    private T? Long(ReadOnlySpan<byte> utf8)
    {
        Span<char> buffer = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        if (!known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var result))
        {
            var text = new string(chars);
            result = parse(text);
            if (known.Count < 4_096)
            {
                known[text] = result;
            }
        }

        return result;
    }
}
