using System.Runtime.CompilerServices;
using System.Text;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Data.Inputs;

/// <summary>
/// Loads rates.csv, the one input that runs to tens of millions of rows, into a <see cref="RateTable"/>.
/// Every row is judged by <see cref="RateRowChecker"/>, the one statement of what a valid rate row is and of every
/// message about one that is not. A plain file (<see cref="PlainCsvReader"/>) is read in blocks on every core, and a
/// row whose fields are all ones already seen to be valid (the same market, payor, code, type and years as earlier rows;
/// a practice id and source as written; a plain positive decimal rate) is taken without building its strings; any
/// other row goes through the checker, so its problems read exactly as they would on the slow path. A file that is not
/// plain is read by <see cref="CsvFileReader"/> row by row. Duplicates are found once all rows are in.
/// </summary>
internal static class RatesFileLoader
{
    /// <param name="path">rates.csv.</param>
    /// <param name="markets">The markets of markets.csv.</param>
    /// <param name="medicare">The Medicare years loaded.</param>
    /// <param name="resolver">Resolves payors and codes; takes the count of codes outside the catalog.</param>
    /// <param name="log">Where the file's problems go, in line order.</param>
    /// <param name="plainBlockBytes">Block size of the parallel read of a plain file; tests set it small (many blocks)
    /// or to zero (no parallel read: every file row by row, the reference the parallel read must agree with).</param>
    public static RateTable Load(string path, IReadOnlyDictionary<MarketId, Market> markets, MedicareBaseline medicare, RowResolver resolver, DataIssueLog log,
        int plainBlockBytes = PlainCsvReader.DefaultBlockBytes)
    {
        var rates = new RatesContext(DisplayPath.Of(path), markets, medicare, resolver.Payors, resolver.Catalog);
        var issues = new DataIssueLog();
        RateTableBuilder? read = null;
        if (plainBlockBytes > 0 && PlainCsvReader.ReadHeader(path) is { } header
            && CsvFileReader.ReadHeader(header.Fields, header.Line, rates.File, InputSchemas.Rates, issues) is { } columns)
        {
            var builder = new RateTableBuilder(rates, issues, new FileInfo(path).Length - header.DataOffset);
            var pool = new RateChunkPool();
            var positions = new RateColumnPositions(columns);
            if (PlainCsvReader.TryRead(path, header, block => ParsePlainBlock(block, rates, positions, header.Fields.Length, pool), chunk =>
                {
                    builder.Append(chunk);
                    chunk.Release();
                }, plainBlockBytes))
            {
                CsvFileReader.NoRows(issues, rates.File, hadHeader: true, builder.DataRows);
                read = builder;
            }
        }

        if (read is null)
        {
            issues = new DataIssueLog();
            read = new RateTableBuilder(rates, issues, 0);
            read.Append(ReadRowByRow(path, rates, issues));
        }

        var table = read.Build(resolver);
        // In line order, as a row-by-row read reports them (duplicates are found after the rows are read).
        foreach (var issue in issues.Issues.OrderBy(i => i.Line ?? int.MaxValue))
        {
            log.Add(issue);
        }

        return table;
    }

    private static RateChunk ReadRowByRow(string path, RatesContext rates, DataIssueLog issues)
    {
        var chunk = new RateChunk(rates, issues, 1024);
        foreach (var row in CsvFileReader.Read(path, rates.File, InputSchemas.Rates, issues))
        {
            chunk.AddChecked(row);
        }

        return chunk;
    }

    // Runs once per row of a market file: optimised from the first call (docs/performance.md, tiering).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RateChunk ParsePlainBlock(PlainCsvReader.Block block, RatesContext rates, RateColumnPositions columns, int headerFields, RateChunkPool pool)
    {
        var chunk = new RateChunk(rates, new DataIssueLog(), block.Bytes.Length / 80, pool) { PracticeColumnNumber = columns.Practice + 1, BlockBytes = block.Bytes.Length };
        var lines = block.Lines(stackalloc int[headerFields + 1]);
        while (lines.MoveNext())
        {
            if (lines.FieldCount == 1 && PlainCsvReader.IsBlank(lines.Text))
            {
                continue;
            }

            if (lines.FieldCount != headerFields)
            {
                CsvFileReader.WrongFieldCount(chunk.Issues, rates.File, lines.Line, lines.FieldCount, headerFields);
                continue;
            }

            chunk.DataRows++;
            if (!chunk.TryAddPlain(ref lines, columns))
            {
                var texts = new string[headerFields];
                for (var i = 0; i < headerFields; i++)
                {
                    texts[i] = Encoding.UTF8.GetString(lines.Field(i));
                }

                chunk.AddChecked(new CsvRecord(rates.File, lines.Line, texts, new ColumnPositions(columns.ByName), chunk.Issues));
            }
        }

        return chunk;
    }
}

/// <summary>What every part of a rates load shares, read-only: the file's name, markets, Medicare years, payors and codes, and their numbers in the table.</summary>
internal sealed class RatesContext
{
    public RatesContext(string file, IReadOnlyDictionary<MarketId, Market> markets, MedicareBaseline medicare, PayorDirectory payors, CptCatalog catalog)
    {
        (File, Markets, Medicare, Payors, Catalog) = (file, markets, medicare, payors, catalog);
        MarketIds = [.. markets.Keys];
        PayorList = [.. payors.Payors];
        Codes = [.. catalog.All.Select(c => c.Code)];
        MarketNumbers = MarketIds.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        PayorNumbers = PayorList.Select((p, i) => (p, i)).ToDictionary(x => x.p.Name, x => x.i, StringComparer.Ordinal);
        CodeNumbers = Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
    }

    public string File { get; }

    public IReadOnlyDictionary<MarketId, Market> Markets { get; }

    public MedicareBaseline Medicare { get; }

    public PayorDirectory Payors { get; }

    public CptCatalog Catalog { get; }

    public MarketId[] MarketIds { get; }

    public Payor[] PayorList { get; }

    public CptCode[] Codes { get; }

    public Dictionary<MarketId, int> MarketNumbers { get; }

    public Dictionary<string, int> PayorNumbers { get; }

    public Dictionary<CptCode, int> CodeNumbers { get; }
}

/// <summary>Where each rates.csv column sits in a plain file's lines (−1: the optional column is absent).</summary>
internal sealed class RateColumnPositions(Dictionary<string, int> byName)
{
    public Dictionary<string, int> ByName => byName;

    public int Market { get; } = byName["market_id"];

    public int Payor { get; } = byName["payor"];

    public int Cpt { get; } = byName["cpt"];

    public int Rate { get; } = byName["rate"];

    public int Type { get; } = byName["rate_type"];

    public int Practice { get; } = byName["practice_id"];

    public int Year { get; } = byName["year"];

    public int MedicareYear { get; } = byName.GetValueOrDefault("medicare_year", -1);

    public int Source { get; } = byName.GetValueOrDefault("source", -1);
}

/// <summary>A rate row that passed every check, with the year that identifies it among a practice's rows and the year it is priced in.</summary>
internal readonly record struct CheckedRate(Market Market, Payor Payor, CptCode Code, RateType Type, decimal Stated, string Practice, int KeyYear, int Year, string Source);

/// <summary>
/// What a valid rates.csv row is, and every message about a row that is not. One per chunk of rows (it remembers
/// parsed values and, through its <see cref="RowResolver"/>, counts codes outside the catalog): not shared by threads.
/// </summary>
internal sealed class RateRowChecker(RatesContext rates, RowResolver resolver)
{
    public static readonly IReadOnlyDictionary<string, RateType> RateTypes = new Dictionary<string, RateType>
    {
        ["negotiated"] = RateType.Negotiated,
        ["fee_schedule"] = RateType.FeeSchedule,
        ["percent_of_medicare"] = RateType.PercentOfMedicare,
    };

    private readonly Func<string, ParseResult<MarketId>> marketId = FieldParsers.Memoized<MarketId>(MarketId.Parse);
    private readonly Func<string, ParseResult<RateType>> rateType = FieldParsers.Memoized(FieldParsers.OneOf(RateTypes));
    private readonly Func<string, ParseResult<int>> yearNumber = FieldParsers.Memoized(FieldParsers.Integer(2000, 2100));
    private readonly Func<string, ParseResult<Domain.Amounts.Percent>> percentOfMedicare = FieldParsers.Memoized(FieldParsers.Percent(MinPercentOfMedicare, MaxPercentOfMedicare));

    /// <summary>The range a percent-of-Medicare rate may state, as fractions.</summary>
    public const decimal MinPercentOfMedicare = 0.10m;

    public const decimal MaxPercentOfMedicare = 10m;

    public RowResolver Resolver => resolver;

    private static readonly ColumnSpec MarketColumn = InputSchemas.Rates.Col("market_id");
    private static readonly ColumnSpec PayorColumn = InputSchemas.Rates.Col("payor");
    private static readonly ColumnSpec CptColumn = InputSchemas.Rates.Col("cpt");
    private static readonly ColumnSpec TypeColumn = InputSchemas.Rates.Col("rate_type");
    public static readonly ColumnSpec PracticeColumn = InputSchemas.Rates.Col("practice_id");
    private static readonly ColumnSpec YearColumn = InputSchemas.Rates.Col("year");
    private static readonly ColumnSpec MedicareYearColumn = InputSchemas.Rates.Col("medicare_year");
    private static readonly ColumnSpec SourceColumn = InputSchemas.Rates.Col("source");
    private static readonly ColumnSpec RateColumn = InputSchemas.Rates.Col("rate");

    /// <summary>Checks every field of <paramref name="row"/>, logging each problem on the row; true when the row is usable.</summary>
    public bool TryAccept(CsvRecord row, out CheckedRate rate)
    {
        rate = default;
        var market = MarketDatasetLoader.MarketReference(row, MarketColumn, rates.Markets, required: true, marketId);
        var payor = resolver.Payor(row, PayorColumn);
        var code = resolver.CatalogCode(row, CptColumn);
        var type = row.Required(TypeColumn, rateType);
        var practice = row.Required(PracticeColumn, FieldParsers.Text);
        var year = row.Required(YearColumn, yearNumber);
        var medicareYear = row.Optional(MedicareYearColumn, yearNumber);
        var source = row.Text(SourceColumn);
        decimal? stated = null;
        if (type.Ok && type.Value == RateType.PercentOfMedicare)
        {
            stated = row.Required(RateColumn, percentOfMedicare) is { Ok: true } p ? p.Value.Fraction : null;
            if (!medicareYear.Present && medicareYear.Ok)
            {
                row.Error(MedicareYearColumn, "a percent_of_medicare rate must name its Medicare year so it can be converted to dollars; add the year, e.g. 2025");
            }
            else if (medicareYear.Present && !rates.Medicare.HasYear(medicareYear.Value))
            {
                row.Error(MedicareYearColumn, $"no Medicare fee schedule is loaded for {medicareYear.Value}; available years: {string.Join(", ", rates.Medicare.Years)}");
            }
        }
        else if (type.Ok)
        {
            stated = row.Required(RateColumn, FieldParsers.PositiveMoney) is { Ok: true } d ? d.Value.Amount : null;
            if (medicareYear.Present)
            {
                row.Error(MedicareYearColumn, "medicare_year applies only to percent_of_medicare rows; clear it or change rate_type");
            }
        }

        if (row.HasErrors || !code.Ok)
        {
            return false;
        }

        rate = new CheckedRate(market!, payor.Value, code.Value, type.Value, stated!.Value, practice.Value, year.Value, medicareYear.Present ? medicareYear.Value : year.Value, source);
        return true;
    }

    /// <summary>The blocking problem of a row that repeats an earlier row's practice, market, payor, code, rate type and year.</summary>
    public static DataIssue Duplicate(string file, int line, int? practiceColumn, string practice, int year, string payor, CptCode code, MarketId market, int firstLine) =>
        new(IssueSeverity.Blocking, file, line, practiceColumn, PracticeColumn.Name, practice,
            $"practice {practice} already has a {year} {payor} {code} rate of this type in {market} (line {firstLine}); keep one");
}
