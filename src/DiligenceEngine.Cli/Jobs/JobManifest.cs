using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
public sealed record JobReport(string? PageSize, string? Templates, bool? TaggedPdf = null);

/// <summary>A ramp-up: a straight line (start share, months to maturity) or an explicit curve of monthly shares.</summary>
public sealed record JobRampUp(double? StartShare, int? MonthsToMaturity, List<double>? Curve);

/// <summary>
/// An expansion job's plan: candidate markets (market ids, states or CBSAs), the planned clinic and where a new entrant
/// starts. Percentiles and shares are fractions (0.25 is P25; 0.30 is 30% of visits).
/// </summary>
public sealed record JobExpansion(
    [property: JsonRequired] List<string> Markets,
    string? Basket,
    [property: JsonRequired] double VisitsPerYearAtMaturity,
    JobRampUp? RampUp,
    Dictionary<string, double>? PayorMix,
    Dictionary<string, Dictionary<string, double>>? PayorMixByState,
    double? EntryPercentile,
    Dictionary<string, double>? EntryPercentileByPayor,
    double? TargetPercentile,
    int? RenegotiationMonth,
    double? PercentileSpread,
    double? VisitVolumeCv,
    double? RenegotiationSuccessProbability);

/// <summary>A recruiting job's options: the practice's market (default: where most of its claims are), the basket, the competitor set.</summary>
public sealed record JobRecruiting(string? Market, string? Basket, int? CompetitorSetSize, int? TopCodes);

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
    JobReport? Report,
    JobExpansion? Expansion,
    JobRecruiting? Recruiting)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>Reads past unknown fields once they have been reported, so the values of the known ones are checked too.</summary>
    private static readonly JsonSerializerOptions LenientOptions = new(Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };

    private static readonly string[] Kinds = ["acquisition", "expansion", "recruiting"];

    /// <summary>
    /// The fields of <paramref name="element"/> (at JSON path <paramref name="at"/>) that <paramref name="type"/> does not
    /// have, then those of its objects, lists and maps, each with the fields allowed there.
    /// </summary>
    private static IEnumerable<string> UnknownFields(JsonElement element, JsonTypeInfo type, string at)
    {
        if (element.ValueKind == JsonValueKind.Array && ElementType(type.Type) is { } itemType)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var problem in UnknownFields(item, Options.GetTypeInfo(itemType), $"{at}[{index++}]"))
                {
                    yield return problem;
                }
            }

            yield break;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (type.Kind == JsonTypeInfoKind.Dictionary)
        {
            foreach (var entry in element.EnumerateObject())
            {
                foreach (var problem in UnknownFields(entry.Value, Options.GetTypeInfo(type.ElementType!), $"{at}['{entry.Name}']"))
                {
                    yield return problem;
                }
            }

            yield break;
        }

        if (type.Kind != JsonTypeInfoKind.Object)
        {
            yield break;
        }

        var known = type.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            if (!known.TryGetValue(field.Name, out var property))
            {
                yield return $"{at}.{field.Name}: not a field of {(at == "$" ? "a job" : at)}; the fields here are {string.Join(", ", known.Keys)} (see docs/jobs.md)";
                continue;
            }

            foreach (var problem in UnknownFields(field.Value, Options.GetTypeInfo(property.PropertyType), $"{at}.{field.Name}"))
            {
                yield return problem;
            }
        }
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>Reads and checks a job file; problems are returned as messages naming the JSON path.</summary>
    /// <param name="path">The job file.</param>
    /// <param name="baseFolder">Where relative paths resolve; the job file's folder unless given (a worker moves claimed files).</param>
    public static (ResolvedJob? Job, IReadOnlyList<string> Problems) Load(string path, string? baseFolder = null)
    {
        if (!File.Exists(path))
        {
            return (null, [$"{path}: job file not found"]);
        }

        var json = File.ReadAllText(path);
        JobManifest? manifest;
        List<string> problems;
        try
        {
            // Every misspelt field of the file at once, before the values are read, so one pass shows them all.
            using (var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
            {
                problems = UnknownFields(document.RootElement, Options.GetTypeInfo(typeof(JobManifest)), "$").Select(p => $"{path}: {p}").ToList();
            }

            manifest = JsonSerializer.Deserialize<JobManifest>(json, problems.Count == 0 ? Options : LenientOptions);
        }
        catch (JsonException e)
        {
            return (null, [$"{path}: {(e.Path is { } p ? p + ": " : string.Empty)}{e.Message.Split(" Path:")[0]} Fix the JSON at that path (see docs/jobs.md)."]);
        }

        if (manifest is null)
        {
            return (null, [$"{path}: the job file is empty (null); write a JSON object (see docs/jobs.md)"]);
        }

        if (!Kinds.Contains(manifest.Kind))
        {
            problems.Add($"{path}: $.kind: '{manifest.Kind}' is not a job kind; use one of {string.Join(", ", Kinds)}");
        }

        if (manifest.Name.Length == 0 || manifest.Name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            problems.Add($"{path}: $.name: '{manifest.Name}' must be letters, digits, '-' or '_' (it names the output folder)");
        }

        if (manifest.Kind is "acquisition" or "recruiting" && manifest.Inputs.Target is null)
        {
            problems.Add($"{path}: $.inputs.target: {Article(manifest.Kind)} {manifest.Kind} job needs the practice's folder (contracts and claims or volumes)");
        }

        problems.AddRange(CheckKindBlocks(manifest).Select(p => $"{path}: {p}"));
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
                manifest.Report?.Templates is { } t ? Resolve(t) : null, manifest.Expansion, manifest.Recruiting, manifest.Report?.TaggedPdf ?? false), problems);
    }

    private static string Article(string kind) => kind == "acquisition" ? "an" : "a";

    /// <summary>The expansion and recruiting blocks: present for their own kind only, with values in range.</summary>
    private static IEnumerable<string> CheckKindBlocks(JobManifest m)
    {
        if (m.Kind == "expansion" && m.Expansion is null)
        {
            yield return "$.expansion: an expansion job needs its plan (candidate markets, visits a year at maturity, payor mix); see docs/jobs.md";
        }

        if (m.Kind != "expansion" && m.Expansion is not null)
        {
            yield return $"$.expansion: only expansion jobs take a plan; remove it from this {m.Kind} job";
        }

        if (m.Kind != "recruiting" && m.Recruiting is not null)
        {
            yield return $"$.recruiting: only recruiting jobs take recruiting options; remove them from this {m.Kind} job";
        }

        if (m.Expansion is { } e)
        {
            foreach (var problem in CheckExpansion(e))
            {
                yield return problem;
            }
        }

        if (m.Recruiting is { } r)
        {
            foreach (var problem in new[] { Range("recruiting.competitorSetSize", r.CompetitorSetSize, 1, 100_000), Range("recruiting.topCodes", r.TopCodes, 1, 20) }.OfType<string>())
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> CheckExpansion(JobExpansion e)
    {
        if (e.Markets.Count == 0)
        {
            yield return "$.expansion.markets: name at least one candidate market (a market id, a state such as TX, or cbsa:26420)";
        }

        foreach (var problem in new[]
        {
            Range("expansion.visitsPerYearAtMaturity", e.VisitsPerYearAtMaturity, 1, 10_000_000),
            OpenFraction("expansion.entryPercentile", e.EntryPercentile),
            OpenFraction("expansion.targetPercentile", e.TargetPercentile),
            Range("expansion.renegotiationMonth", e.RenegotiationMonth, 1, 120),
            Range("expansion.percentileSpread", e.PercentileSpread, 0, 0.5, " (a fraction: 0.10 is 10 percentile points)"),
            Range("expansion.visitVolumeCv", e.VisitVolumeCv, 0, 2, " (a fraction: 0.15 is 15%)"),
            Range("expansion.renegotiationSuccessProbability", e.RenegotiationSuccessProbability, 0, 1),
        }.Concat((e.EntryPercentileByPayor ?? []).Select(p => OpenFraction($"expansion.entryPercentileByPayor['{p.Key}']", p.Value))).OfType<string>())
        {
            yield return problem;
        }

        if (e.EntryPercentile is { } entry && e.TargetPercentile is { } target && target < entry)
        {
            yield return $"$.expansion.targetPercentile: {target} is below the entry percentile {entry}; a renegotiation aims above where the contract starts";
        }

        foreach (var (mixPath, mix) in (e.PayorMixByState ?? []).Select(s => ($"$.expansion.payorMixByState.{s.Key}", (Dictionary<string, double>?)s.Value)).Prepend(("$.expansion.payorMix", e.PayorMix)))
        {
            if (mix is null)
            {
                continue;
            }

            var bad = mix.Where(x => x.Value is <= 0 or > 1).Select(x => $"{mixPath}['{x.Key}']: {x.Value} is not a share of visits; use a fraction in (0, 1]").ToList();
            foreach (var problem in bad)
            {
                yield return problem;
            }

            if (bad.Count == 0 && Math.Abs(mix.Values.Sum() - 1) > 0.001)
            {
                yield return $"{mixPath}: the shares add up to {mix.Values.Sum():0.###}; they must add up to 1 (100% of visits)";
            }
        }

        if (e.RampUp is { } ramp)
        {
            var linear = ramp.StartShare is not null || ramp.MonthsToMaturity is not null;
            if (linear == (ramp.Curve is not null))
            {
                yield return "$.expansion.rampUp: give either startShare with monthsToMaturity (a straight line) or curve (monthly shares), not both or neither";
            }
            else if (linear && (ramp.StartShare is null || ramp.MonthsToMaturity is null))
            {
                yield return "$.expansion.rampUp: a straight-line ramp-up needs both startShare and monthsToMaturity";
            }
            else if (linear)
            {
                foreach (var problem in new[] { Range("expansion.rampUp.startShare", ramp.StartShare, 0.01, 1), Range("expansion.rampUp.monthsToMaturity", ramp.MonthsToMaturity, 1, 120) }.OfType<string>())
                {
                    yield return problem;
                }
            }
            else
            {
                for (var i = 0; i < ramp.Curve!.Count; i++)
                {
                    if (Range($"expansion.rampUp.curve[{i}]", ramp.Curve[i], 0, 1) is { } problem)
                    {
                        yield return problem;
                    }
                }
            }
        }
    }

    private static string? OpenFraction(string name, double? value) =>
        value is { } v && v is <= 0 or >= 1 ? $"$.{name}: {v} is not a percentile; use a fraction strictly between 0 and 1 (0.25 is P25)" : null;

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

    /// <summary>A range problem at the field's path below $ (a bare name is under parameters), or null.</summary>
    private static string? Range(string name, double? value, double min, double max, string hint = "")
    {
        var at = name.Contains('.', StringComparison.Ordinal) ? name : "parameters." + name;
        return value is not { } v ? null
            : v < min ? $"$.{at}: {v} is below the minimum {min}{hint}"
            : v > max ? $"$.{at}: {v} is above the maximum {max}{hint}"
            : null;
    }
}

/// <summary>A job with every path made absolute.</summary>
public sealed record ResolvedJob(
    string Kind, string Name, string PracticeName, string MedicareFolder, string MarketFolder, string? TargetFolder, string OutputFolder,
    JobParameters Parameters, Reporting.Rendering.PageSize PageSize, string? TemplatesFolder, JobExpansion? Expansion = null, JobRecruiting? Recruiting = null,
    bool TaggedPdf = false);
