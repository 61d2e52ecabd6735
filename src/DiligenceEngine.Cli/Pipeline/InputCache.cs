using DiligenceEngine.Analysis.Market;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;

namespace DiligenceEngine.Cli.Pipeline;

/// <summary>
/// Loaded inputs and their market models, shared by the jobs of one process (the worker). An entry is keyed by the
/// input folders and every file's name, size and modification time, so a changed file is loaded again; at most
/// <paramref name="capacity"/> entries are kept (least recently used goes first), so memory stays bounded however many
/// jobs run. Only clean loads are kept: a load with blocking problems is never cached.
/// </summary>
public sealed class InputCache(int capacity = 2)
{
    private sealed record Entry(string Key, InputSet Inputs, IReadOnlyList<DataIssue> Warnings, Dictionary<MarketModelOptions, MarketModel> Models);

    private readonly LinkedList<Entry> entries = [];

    /// <summary>Loads (or reuses) a job's inputs; the warnings of a reused load are logged again, so every job reports them.</summary>
    public InputSet? Load(InputPaths paths, CptCatalog catalog, DataIssueLog log)
    {
        var key = Fingerprint(paths);
        lock (entries)
        {
            if (entries.FirstOrDefault(e => e.Key == key) is { } hit)
            {
                entries.Remove(hit);
                entries.AddFirst(hit);
                foreach (var warning in hit.Warnings)
                {
                    log.Add(warning);
                }

                return hit.Inputs;
            }
        }

        var fresh = new DataIssueLog();
        var inputs = InputLoader.Load(paths, catalog, fresh);
        foreach (var issue in fresh.Issues)
        {
            log.Add(issue);
        }

        if (inputs is not null)
        {
            lock (entries)
            {
                entries.AddFirst(new Entry(key, inputs, fresh.Issues, []));
                while (entries.Count > capacity)
                {
                    entries.RemoveLast();
                }
            }
        }

        return inputs;
    }

    /// <summary>The market model of inputs this cache loaded, built once per set of options.</summary>
    public MarketModel Model(InputSet inputs, MarketModelOptions options)
    {
        Dictionary<MarketModelOptions, MarketModel>? models;
        lock (entries)
        {
            models = entries.FirstOrDefault(e => ReferenceEquals(e.Inputs, inputs))?.Models;
            if (models is not null && models.TryGetValue(options, out var cached))
            {
                return cached;
            }
        }

        var model = MarketModel.Build(inputs.Market, inputs.Medicare, options);
        if (models is not null)
        {
            lock (entries)
            {
                models[options] = model;
            }
        }

        return model;
    }

    /// <summary>Folders and each file's name, size and last write time: any edit to an input changes it.</summary>
    internal static string Fingerprint(InputPaths paths) =>
        string.Join("\n", new[] { paths.MedicareFolder, paths.MarketFolder, paths.TargetFolder }.OfType<string>().Select(folder =>
            Directory.Exists(folder)
                ? folder + ":" + string.Join("|", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
                    .Select(f => new FileInfo(f)).Select(f => $"{f.FullName},{f.Length},{f.LastWriteTimeUtc.Ticks}"))
                : folder + ": missing"));
}
