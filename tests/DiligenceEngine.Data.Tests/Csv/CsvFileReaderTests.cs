using DiligenceEngine.Data.Csv;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Data.Tests.Csv;

public class CsvFileReaderTests
{
    private static readonly CsvSchema Schema = new(
        "things.csv",
        CsvSchema.Required("id", "an id"),
        CsvSchema.Required("rate", "dollars"),
        CsvSchema.Optional("note", "free text"));

    private static (List<CsvRecord> Rows, DataIssueLog Log) Read(string content, byte[]? raw = null)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "things.csv");
        if (raw is null)
        {
            File.WriteAllText(path, content);
        }
        else
        {
            File.WriteAllBytes(path, raw);
        }

        var log = new DataIssueLog();
        var rows = CsvFileReader.Read(path, "things.csv", Schema, log).ToList();
        return (rows, log);
    }

    [Fact]
    public void ReadsRowsWithTheirPhysicalLineNumbers()
    {
        var (rows, log) = Read("id,rate\na,1\n\nb,2\n");
        log.Issues.ShouldBeEmpty();
        rows.Select(r => r.Line).ShouldBe([2, 4]);
    }

    [Fact]
    public void MatchesHeadersIgnoringCaseSpacesAndAByteOrderMark()
    {
        var (rows, log) = Read(string.Empty, [0xEF, 0xBB, 0xBF, .. "ID , Rate\nx,5\n"u8.ToArray()]);
        log.Issues.ShouldBeEmpty();
        rows.Single().Text(Schema.Columns[1]).ShouldBe("5");
    }

    [Fact]
    public void AMultiLineQuotedFieldKeepsTheLineWhereItsRecordStarts()
    {
        var (rows, _) = Read("id,rate,note\na,1,\"two\nlines\"\nb,2,x\n");
        rows.Select(r => r.Line).ShouldBe([2, 4]);
    }

    [Fact]
    public void AMissingRequiredColumnIsBlockingAndNamesTheColumn()
    {
        var (rows, log) = Read("id,note\na,x\n");
        rows.ShouldBeEmpty();
        var issue = log.Issues.Single();
        issue.Severity.ShouldBe(IssueSeverity.Blocking);
        issue.Line.ShouldBe(1);
        issue.Message.ShouldContain("required column 'rate' is missing");
    }

    [Fact]
    public void AnEmptyFileIsBlocking() => Read(string.Empty).Log.Issues.Single().Message.ShouldContain("file is empty");

    [Fact]
    public void AHeaderWithoutRowsIsBlocking() => Read("id,rate\n").Log.Issues.Single().Message.ShouldContain("no data rows");

    [Fact]
    public void AnUnknownColumnIsAWarningNamingItsPosition()
    {
        var issue = Read("id,rate,colour\na,1,red\n").Log.Issues.Single();
        issue.Severity.ShouldBe(IssueSeverity.Warning);
        issue.Location.ShouldBe("things.csv:1:3");
        issue.Message.ShouldContain("'colour' is not part of things.csv");
    }

    [Fact]
    public void ADuplicatedColumnIsBlocking() =>
        Read("id,rate,RATE\na,1,2\n").Log.Issues.Single().Message.ShouldContain("appears twice");

    [Fact]
    public void MalformedQuotingIsReportedNotRecovered()
    {
        var (rows, log) = Read("id,rate,note\na,1,say \"hi\" there\nb,2,ok\n");
        rows.Select(r => r.Line).ShouldBe([3]);
        var issue = log.Issues.Single();
        issue.Location.ShouldBe("things.csv:2");
        issue.Message.ShouldContain("malformed quoting");
    }

    [Fact]
    public void ARowWithTheWrongNumberOfFieldsIsBlocking()
    {
        var (rows, log) = Read("id,rate\na,1,extra\nb,2\n");
        rows.Select(r => r.Line).ShouldBe([3]);
        log.Issues.Single().Message.ShouldContain("3 fields but the header has 2");
    }

    [Fact]
    public void BytesThatAreNotUtf8AreBlocking()
    {
        var (_, log) = Read(string.Empty, [.. "id,rate\n"u8.ToArray(), 0x61, 0xFF, 0xFE, 0x2C, 0x31, 0x0A]);
        log.Issues.Single().Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public void AMissingFileIsBlockingAndListsTheExpectedColumns()
    {
        var log = new DataIssueLog();
        CsvFileReader.Read("/nonexistent/things.csv", "things.csv", Schema, log).ToList();
        log.Issues.Single().Message.ShouldContain("file not found; expected things.csv with columns id, rate, note");
    }

    [Fact]
    public void EveryBadFieldOfEveryRowIsReportedInOnePass()
    {
        using var folder = new TempFolder();
        var path = folder.File("things.csv", "id,rate\n,abc\nb,-1\nc,3\n");
        var log = new DataIssueLog();
        var good = CsvFileReader.Read(path, "things.csv", Schema, log)
            .Where(r => r.Required(Schema.Columns[0], FieldParsers.Text).Ok & r.Required(Schema.Columns[1], FieldParsers.Money).Ok)
            .ToList();
        good.Count.ShouldBe(1);
        log.Issues.Select(i => i.Location).ShouldBe(["things.csv:2:1", "things.csv:2:2", "things.csv:3:2"]);
    }
}
