using System.Text.Json;
using System.Text.Json.Serialization;

namespace DiligenceEngine.Cli.Jobs;

/// <summary>Where a job reads its inputs; relative paths resolve against the job file's folder.</summary>
public sealed record JobInputs(
    [property: JsonRequired] string Medicare,
    [property: JsonRequired] string Market,
    string? Target);

/// <summary>Analysis parameters of a job; every field is optional except the close date of an acquisition.</summary>
public sealed record JobParameters(
    DateOnly? CloseDate,
    string? DealStructure,
    int? HorizonMonths,
    int? Paths,
    int? Seed,
    double? DiscountRate,
    double? VolumeGrowth,
    double? UpliftThresholdDollars,
    Dictionary<string, string>? StrategyOverrides);

/// <summary>Report options: page size and a templates folder replacing the shipped one (a firm's branding).</summary>
public sealed record JobReport(string? PageSize, string? Templates);

/// <summary>
/// A job file: what to run, on which inputs, and where the outputs go. Unknown fields are an error, so a typo
/// in a field name never silently falls back to a default.
/// </summary>
public sealed record JobManifest(
    [property: JsonRequired] string Kind,
    [property: JsonRequired] string Name,
    [property: JsonRequired] string PracticeName,
    [property: JsonRequired] JobInputs Inputs,
    [property: JsonRequired] string Output,
    JobParameters? Parameters,
    JobReport? Report)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly string[] Kinds = ["acquisition", "expansion", "recruiting"];

    /// <summary>Reads and checks a job file; problems are returned as messages naming the JSON path.</summary>
    /// <param name="path">The job file.</param>
    /// <param name="baseFolder">Where relative paths resolve; the job file's folder unless given (a worker moves claimed files).</param>
    public static (ResolvedJob? Job, IReadOnlyList<string> Problems) Load(string path, string? baseFolder = null)
    {
        if (!File.Exists(path))
        {
            return (null, [$"{path}: job file not found"]);
        }

        JobManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<JobManifest>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            return (null, [$"{path}: {(e.Path is { } p ? p + ": " : string.Empty)}{e.Message.Split(" Path:")[0]} Fix the JSON at that path (see docs/jobs.md)."]);
        }

        if (manifest is null)
        {
            return (null, [$"{path}: the job file is empty (null); write a JSON object (see docs/jobs.md)"]);
        }

        var problems = new List<string>();
        if (!Kinds.Contains(manifest.Kind))
        {
            problems.Add($"{path}: $.kind: '{manifest.Kind}' is not a job kind; use one of {string.Join(", ", Kinds)}");
        }

        if (manifest.Name.Length == 0 || manifest.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problems.Add($"{path}: $.name: '{manifest.Name}' must be letters, digits, '-' or '_' (it names the output folder)");
        }

        if (manifest.Kind == "acquisition" && manifest.Inputs.Target is null)
        {
            problems.Add($"{path}: $.inputs.target: an acquisition job needs the target practice's folder");
        }

        problems.AddRange(CheckParameters(manifest.Kind, manifest.Parameters).Select(p => $"{path}: {p}"));
        if (manifest.Report?.PageSize is { } size && size is not ("letter" or "a4"))
        {
            problems.Add($"{path}: $.report.pageSize: '{size}' is not a page size; use letter or a4");
        }

        var folder = baseFolder ?? Path.GetDirectoryName(Path.GetFullPath(path))!;
        string Resolve(string p) => Path.GetFullPath(Path.Combine(folder, p));
        return problems.Count > 0
            ? (null, problems)
            : (new ResolvedJob(manifest.Kind, manifest.Name, manifest.PracticeName, Resolve(manifest.Inputs.Medicare), Resolve(manifest.Inputs.Market),
                manifest.Inputs.Target is null ? null : Resolve(manifest.Inputs.Target), Resolve(manifest.Output), manifest.Parameters ?? Empty,
                manifest.Report?.PageSize == "a4" ? Reporting.Rendering.PageSize.A4 : Reporting.Rendering.PageSize.Letter,
                manifest.Report?.Templates is { } t ? Resolve(t) : null), problems);
    }

    private static readonly JobParameters Empty = new(null, null, null, null, null, null, null, null, null);

    private static readonly string[] Deals = ["stock_purchase", "asset_purchase"];

    private static readonly string[] StrategyNames = ["uniform_increase", "timed_code_carve_out", "evaluation_focus", "move_to_market_percentile"];

    private static IEnumerable<string> CheckParameters(string kind, JobParameters? p)
    {
        if (p is null || p.CloseDate is null)
        {
            if (kind == "acquisition")
            {
                yield return "$.parameters.closeDate: an acquisition job needs the expected close date (yyyy-mm-dd); the projection starts from it";
            }

            if (p is null)
            {
                yield break;
            }
        }

        if (p.DealStructure is { } d && !Deals.Contains(d))
        {
            yield return $"$.parameters.dealStructure: '{d}' is not a deal structure; use {string.Join(" or ", Deals)}";
        }

        foreach (var problem in new[]
        {
            Range("horizonMonths", p.HorizonMonths, 1, 120),
            Range("paths", p.Paths, 100, 1_000_000),
            Range("discountRate", p.DiscountRate, 0, 1, " (a fraction: 0.10 is 10%)"),
            Range("volumeGrowth", p.VolumeGrowth, -0.5, 1, " (a fraction: 0.02 is 2% a year)"),
            Range("upliftThresholdDollars", p.UpliftThresholdDollars, 0, 1e12),
        }.OfType<string>())
        {
            yield return problem;
        }

        foreach (var (payor, strategy) in p.StrategyOverrides ?? [])
        {
            if (!StrategyNames.Contains(strategy))
            {
                yield return $"$.parameters.strategyOverrides['{payor}']: '{strategy}' is not a strategy; use one of {string.Join(", ", StrategyNames)}";
            }
        }
    }

    private static string? Range(string name, double? value, double min, double max, string hint = "") =>
        value is not { } v ? null
        : v < min ? $"$.parameters.{name}: {v} is below the minimum {min}{hint}"
        : v > max ? $"$.parameters.{name}: {v} is above the maximum {max}{hint}"
        : null;
}

/// <summary>A job with every path made absolute.</summary>
public sealed record ResolvedJob(
    string Kind, string Name, string PracticeName, string MedicareFolder, string MarketFolder, string? TargetFolder, string OutputFolder,
    JobParameters Parameters, Reporting.Rendering.PageSize PageSize, string? TemplatesFolder);
