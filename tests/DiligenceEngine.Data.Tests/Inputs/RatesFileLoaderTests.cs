using System.Text;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Payors;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Data.Tests.Inputs;

/// <summary>
/// The parallel read of a plain rates.csv must agree with the row-by-row read in everything: the rows kept, in order,
/// and every problem with its line, column, value and message. Files mixing valid rows with every kind of bad field
/// are read both ways and compared.
/// </summary>
public class RatesFileLoaderTests
{
    private const string Header = "market_id,payor,cpt,rate,rate_type,practice_id,year,medicare_year,source";

    private static readonly Dictionary<MarketId, Market> Markets = new()
    {
        [MarketId.Of("MI-DETROIT")] = new(MarketId.Of("MI-DETROIT"), "Detroit", UsState.Of("MI"), null, LocalityId.Of("08202-01")),
        [MarketId.Of("OH-COLUMBUS")] = new(MarketId.Of("OH-COLUMBUS"), "Columbus", UsState.Of("OH"), null, LocalityId.Of("15202-00")),
    };

    private static readonly PayorDirectory Payors = new(
    [
        new Payor("UnitedHealthcare", PayorType.Commercial, ["UHC"]),
        new Payor("Aetna", PayorType.Commercial, []),
        new Payor("Humana Medicare Advantage", PayorType.MedicareAdvantage, ["Humana MA", "Humana"]),
        new Payor("Humana Gold", PayorType.MedicareAdvantage, ["Humana"]),
    ]);

    private static readonly string[][] Variants =
    [
        ["MI-DETROIT", "MI-DETROIT", "OH-COLUMBUS", " MI-DETROIT", "mi-detroit", "MI-DETROT", ""],
        ["UHC", "UnitedHealthcare", "Aetna", "aetna ", "Humana MA", "Humana", "Cigna", ""],
        ["97110", "97140", "97161", "97750", "9711", " 97110", "g0283", ""],
        ["31.50", "31.50", "28.1", "$33.00", "1,234.50", "0", "0.00", "-5", "abc", "110%", "110%", "87.5%", "1.10", "0.05", "%", "5%", "0%", "110 %", "2000%", "031.50", "12.", ".5", "99999999999999999999", ""],
        ["negotiated", "negotiated", "fee_schedule", "percent_of_medicare", "Negotiated", "bogus", ""],
        ["P1", "P2", "P3", "P4", "P5", " P2", "P 6", "café", ""],
        ["2025", "2025", "2024", "1999", "x", ""],
        ["", "", "", "2025", "2030", "20x5"],
        ["tic", "tic", " survey ", "", "café"],
    ];

    /// <summary>Values every row of which is valid, so that half the rows are kept and repeat each other.</summary>
    private static readonly string[][] Valid =
    [
        ["MI-DETROIT", "OH-COLUMBUS"], ["UHC", "UnitedHealthcare", "Aetna"], ["97110", "97140", "97161"], ["31.50", "28.1", "$33.00", "1.10"],
        ["negotiated", "fee_schedule"], ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"], ["2025", "2024"], [""], ["tic", "survey"],
    ];

    [Theory]
    [InlineData(1, "\n", 256)]
    [InlineData(2, "\r\n", 256)]
    [InlineData(3, "\n", 64)]
    [InlineData(4, "\n", 1 << 20)]
    public void TheParallelReadAgreesWithTheRowByRowReadOnEveryRowAndProblem(int seed, string lineEnd, int blockBytes)
    {
        using var folder = new TempFolder();
        var random = new Random(seed);
        var lines = new List<string> { Header };
        for (var i = 0; i < 3_000; i++)
        {
            lines.Add(random.Next(60) switch
            {
                0 => string.Empty,
                1 => "   ",
                2 => "MI-DETROIT,UHC,97110,30.00,negotiated,P1,2025",
                3 => "MI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,tic,extra",
                < 30 => string.Join(',', Variants.Select(v => v[random.Next(v.Length)])),
                _ => string.Join(',', Valid.Select(v => v[random.Next(v.Length)])),
            });
        }

        var path = folder.File("rates.csv", string.Join(lineEnd, lines) + lineEnd);
        var (parallel, parallelIssues) = Load(path, blockBytes);
        var (rowByRow, rowByRowIssues) = Load(path, 0);

        rowByRow.Count.ShouldBeGreaterThan(100);
        rowByRowIssues.Count(i => i.Message.Contains("already has a", StringComparison.Ordinal)).ShouldBeGreaterThan(10);
        parallelIssues.Select(Describe).ShouldBe(rowByRowIssues.Select(Describe));
        parallel.ToList().ShouldBe(rowByRow.ToList());
        parallel.Practices.ShouldBe(rowByRow.Practices);
    }

    [Theory]
    [InlineData("MI-DETROIT,UHC,97110,\"30.00\",negotiated,P1,2025,,tic")]
    [InlineData("MI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,\"a, b\"")]
    [InlineData("MI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,tic\rMI-DETROIT,UHC,97140,30.00,negotiated,P1,2025,,tic")]
    public void AFileThatIsNotPlainIsReadRowByRowWithTheSameResult(string oddLine)
    {
        using var folder = new TempFolder();
        var path = folder.File("rates.csv", $"{Header}\nOH-COLUMBUS,Aetna,97110,29.00,negotiated,P9,2025,,tic\n{oddLine}\nMI-DETROIT,UHC,97110,31.00,negotiated,P9,2025,,tic\n");
        var (parallel, parallelIssues) = Load(path, 64);
        var (rowByRow, rowByRowIssues) = Load(path, 0);
        parallelIssues.Select(Describe).ShouldBe(rowByRowIssues.Select(Describe));
        parallel.ToList().ShouldBe(rowByRow.ToList());
        parallel.Count.ShouldBeGreaterThanOrEqualTo(2);
    }

    public static TheoryData<string, byte[]> EdgeFiles => new()
    {
        { "a byte-order mark", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes($"{Header}\nMI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,tic\n")] },
        { "no line end at the end", Encoding.UTF8.GetBytes($"{Header}\nMI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,tic\nMI-DETROIT,UHC,97140,29.00,negotiated,P1,2025,,tic") },
        { "a header and no rows", Encoding.UTF8.GetBytes($"{Header}\n") },
        { "blank lines before the header", Encoding.UTF8.GetBytes($"\n  \n{Header}\nMI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,tic\n") },
        { "bytes that are not UTF-8", [.. Encoding.UTF8.GetBytes($"{Header}\nMI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,caf"), 0xE9, (byte)'\n'] },
        { "an unknown column and a missing optional one", Encoding.UTF8.GetBytes("market_id,payor,cpt,rate,rate_type,practice_id,year,notes\nMI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,x\n") },
        { "a missing required column", Encoding.UTF8.GetBytes("market_id,payor,cpt,rate_type,practice_id,year\nMI-DETROIT,UHC,97110,negotiated,P1,2025\n") },
        { "nothing at all", [] },
    };

    [Theory]
    [MemberData(nameof(EdgeFiles))]
    public void EdgeCasesOfTheFileReadTheSameEitherWay(string what, byte[] content)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "rates.csv");
        File.WriteAllBytes(path, content);
        var (parallel, parallelIssues) = Load(path, 64);
        var (rowByRow, rowByRowIssues) = Load(path, 0);
        parallelIssues.Select(Describe).ShouldBe(rowByRowIssues.Select(Describe), what);
        parallel.ToList().ShouldBe(rowByRow.ToList(), what);
    }

    [Fact]
    public void AFileWhoseFirstLinesAreLongerThanTheRestReadsWhole()
    {
        // The table is sized from the first block's rows per byte: long lines first make that too small, and the table
        // must grow rather than drop or overwrite rows.
        using var folder = new TempFolder();
        var longSource = new string('s', 400);
        var rows = Enumerable.Range(0, 3_000)
            .Select(i => $"MI-DETROIT,UHC,{(i % 2 == 0 ? "97110" : "97140")},{30 + (i % 7)}.00,negotiated,P{i / 2},2025,,{(i < 20 ? longSource : "t")}");
        var path = folder.File("rates.csv", string.Join('\n', rows.Prepend(Header)) + "\n");
        var (parallel, parallelIssues) = Load(path, 4_096);
        var (rowByRow, _) = Load(path, 0);
        parallelIssues.ShouldBeEmpty();
        parallel.Count.ShouldBe(3_000);
        parallel.ToList().ShouldBe(rowByRow.ToList());
    }

    [Fact]
    public void ADuplicateIsReportedAgainstTheFirstRowEvenInAnotherBlock()
    {
        using var folder = new TempFolder();
        var rows = Enumerable.Range(0, 200).Select(i => $"MI-DETROIT,UHC,97110,{30 + (i % 7)}.00,negotiated,P{i},2025,,tic").ToList();
        rows.Add("MI-DETROIT,UnitedHealthcare,97110,44.00,negotiated,P3,2025,,survey");
        var (table, issues) = Load(folder.File("rates.csv", string.Join('\n', rows.Prepend(Header)) + "\n"), 256);
        var issue = issues.ShouldHaveSingleItem();
        issue.Location.ShouldEndWith("rates.csv:202:6");
        issue.Message.ShouldBe("practice P3 already has a 2025 UnitedHealthcare 97110 rate of this type in MI-DETROIT (line 5); keep one");
        table.Count.ShouldBe(200);
    }

    [Fact]
    public void DuplicatesAreFoundWhenEachPracticesRowsComeTogether()
    {
        // Practices listed one after another (as extracts are) are grouped without a sorting pass: the duplicate inside
        // the second practice must still be found, and the same identity under another practice is no duplicate.
        using var folder = new TempFolder();
        string[] rows =
        [
            Header,
            "MI-DETROIT,UHC,97110,30.00,negotiated,P1,2025,,tic",
            "MI-DETROIT,UHC,97140,31.00,negotiated,P1,2025,,tic",
            "MI-DETROIT,UHC,97110,30.00,negotiated,P2,2025,,tic",
            "MI-DETROIT,UHC,97140,32.00,negotiated,P2,2025,,tic",
            "MI-DETROIT,UnitedHealthcare,97110,33.00,negotiated,P2,2025,,tic",
            "MI-DETROIT,UHC,97110,30.00,negotiated,P3,2025,,tic",
        ];
        var (table, issues) = Load(folder.File("rates.csv", string.Join('\n', rows) + "\n"), 64);
        var issue = issues.ShouldHaveSingleItem();
        issue.Location.ShouldEndWith("rates.csv:6:6");
        issue.Message.ShouldBe("practice P2 already has a 2025 UnitedHealthcare 97110 rate of this type in MI-DETROIT (line 4); keep one");
        table.Count.ShouldBe(5);
    }

    [Fact]
    public void RowsKeepTheirStatedRateToTheDigitAsWritten()
    {
        using var folder = new TempFolder();
        var (table, issues) = Load(folder.File("rates.csv", $"{Header}\nMI-DETROIT,UHC,97110,026.70,negotiated,P1,2025,,tic\nMI-DETROIT,UHC,97110,1.10,percent_of_medicare,P2,2025,2025,tic\n"), 64);
        issues.ShouldBeEmpty();
        table[0].Dollars!.Value.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("26.70");
        table[1].PercentOfMedicare!.Value.Fraction.ShouldBe(1.10m);
        table[1].Year.ShouldBe(2025);
    }

    private static string Describe(DataIssue issue) => $"{issue.Severity} {issue} ({issue.ColumnName})";

    private static (RateTable Table, IReadOnlyList<DataIssue> Issues) Load(string path, int blockBytes)
    {
        var log = new DataIssueLog();
        var resolver = new RowResolver(Payors, CptCatalog.Default, log);
        var table = RatesFileLoader.Load(path, Markets, InputFixture.Baseline, resolver, log, blockBytes);
        resolver.ReportUnknownCodes();
        return (table, log.Issues);
    }
}
