using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Data.Inputs;

/// <summary>
/// Loads a market dataset folder (payors.csv, markets.csv, rates.csv, negotiations.csv, visit-mix.csv), checking
/// each row and every cross-reference, and logging all problems. The dataset holds the rows that passed, so
/// later files can still be checked against it; callers must not use it when the log has blocking problems.
/// </summary>
public static class MarketDatasetLoader
{
    private static readonly Dictionary<string, PayorType> PayorTypes = new()
    {
        ["commercial"] = PayorType.Commercial,
        ["medicare_advantage"] = PayorType.MedicareAdvantage,
        ["medicare"] = PayorType.Medicare,
        ["managed_medicaid"] = PayorType.ManagedMedicaid,
        ["workers_comp"] = PayorType.WorkersCompensation,
    };

    private static readonly Dictionary<string, NegotiationStrategy> Strategies = new()
    {
        ["uniform_increase"] = NegotiationStrategy.UniformIncrease,
        ["timed_code_carve_out"] = NegotiationStrategy.TimedCodeCarveOut,
        ["evaluation_focus"] = NegotiationStrategy.EvaluationFocus,
        ["move_to_percentile"] = NegotiationStrategy.MoveToMarketPercentile,
    };

    private static readonly Dictionary<string, NegotiationOutcome> Outcomes = new()
    {
        ["success"] = NegotiationOutcome.Success,
        ["partial"] = NegotiationOutcome.Partial,
        ["failed"] = NegotiationOutcome.Failed,
    };

    public static MarketDataset Load(string folder, MedicareBaseline medicare, CptCatalog catalog, DataIssueLog log)
    {
        var payors = LoadPayors(Path.Combine(folder, InputSchemas.Payors.FileName), log);
        var resolver = new RowResolver(payors, catalog, log);
        var markets = LoadMarkets(Path.Combine(folder, InputSchemas.Markets.FileName), medicare, log);
        var rates = RatesFileLoader.Load(Path.Combine(folder, InputSchemas.Rates.FileName), markets, medicare, resolver, log);
        var negotiations = LoadNegotiations(Path.Combine(folder, InputSchemas.Negotiations.FileName), markets, resolver);
        var baskets = LoadVisitMix(Path.Combine(folder, InputSchemas.VisitMix.FileName), resolver);
        resolver.ReportUnknownCodes();
        return new MarketDataset(payors, markets, rates, negotiations, baskets);
    }

    internal static PayorDirectory LoadPayors(string path, DataIssueLog log)
    {
        var s = InputSchemas.Payors;
        var payors = new List<Payor>();
        var firstLineOfName = new Dictionary<string, (int Line, string Payor)>(StringComparer.Ordinal);
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var name = row.Required(s.Col("payor"), FieldParsers.Text);
            var type = row.Required(s.Col("type"), FieldParsers.OneOf(PayorTypes));
            var aliases = row.Text(s.Col("aliases")).Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (row.HasErrors)
            {
                continue;
            }

            // A payor whose name and type parsed is kept even when one of its aliases clashes, so the files that
            // name it do not report it as unknown on top of the clash reported here.
            var kept = new List<string>();
            foreach (var n in aliases.Prepend(name.Value).DistinctBy(PayorDirectory.Key))
            {
                var key = PayorDirectory.Key(n);
                if (firstLineOfName.TryGetValue(key, out var first))
                {
                    row.Error(s.Col(n == name.Value ? "payor" : "aliases"), first.Payor == name.Value
                        ? $"payor '{n}' is listed twice (first on line {first.Line}); merge the two rows"
                        : $"'{n}' already names payor '{first.Payor}' (line {first.Line}); a name or alias may belong to one payor only");
                }
                else
                {
                    firstLineOfName[key] = (row.Line, name.Value);
                    kept.Add(n);
                }
            }

            if (kept.Contains(name.Value))
            {
                payors.Add(new Payor(name.Value, type.Value, kept.Skip(1).ToArray()));
            }
        }

        return new PayorDirectory(payors);
    }

    private static Dictionary<MarketId, Market> LoadMarkets(string path, MedicareBaseline medicare, DataIssueLog log)
    {
        var s = InputSchemas.Markets;
        var latest = medicare.ForYear(medicare.Years.Max());
        var markets = new Dictionary<MarketId, Market>();
        var lines = new Dictionary<MarketId, int>();
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var id = row.Required(s.Col("market_id"), MarketId.Parse);
            var name = row.Required(s.Col("name"), FieldParsers.Text);
            var state = row.Required(s.Col("state"), UsState.Parse);
            var cbsa = row.Optional(s.Col("cbsa"), t => t.Length == 5 && t.All(char.IsAsciiDigit)
                ? ParseResult<string>.Ok(t)
                : ParseResult<string>.Fail("not a CBSA code; write the 5-digit OMB code, e.g. 19820 for Detroit"));
            var locality = row.Required(s.Col("medicare_locality"), LocalityId.Parse);
            if (!(id.Ok && name.Ok && state.Ok && cbsa.Ok && locality.Ok))
            {
                continue;
            }

            if (!latest.HasLocality(locality.Value))
            {
                row.Error(s.Col("medicare_locality"), $"locality {locality.Value} is not in the {latest.Year} CMS GPCI file; pick the MAC-locality of this market from that file (e.g. 08202-01 Detroit)");
            }
            else if (latest.Locality(locality.Value).State != state.Value.Code)
            {
                row.Error(s.Col("medicare_locality"), $"locality {locality.Value} ({latest.Locality(locality.Value).Name}) is in {latest.Locality(locality.Value).State}, not {state.Value}; pick a locality of the market's state");
            }

            if (!lines.TryAdd(id.Value, row.Line))
            {
                row.Error(s.Col("market_id"), $"market {id.Value} is listed twice (first on line {lines[id.Value]}); market ids must be unique");
                continue;
            }

            // Kept even when its locality is wrong (reported above), so rows naming it are not reported as unknown too.
            markets[id.Value] = new Market(id.Value, name.Value, state.Value, cbsa.Present ? cbsa.Value : null, locality.Value);
        }

        return markets;
    }

    private static List<NegotiationRecord> LoadNegotiations(string path, Dictionary<MarketId, Market> markets, RowResolver resolver)
    {
        var s = InputSchemas.Negotiations;
        var records = new List<NegotiationRecord>();
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, resolver.Log))
        {
            var payor = resolver.Payor(row, s.Col("payor"));
            var market = MarketReference(row, s.Col("market_id"), markets, required: false);
            var year = row.Required(s.Col("year"), FieldParsers.Integer(2000, 2100));
            var strategy = row.Required(s.Col("strategy"), FieldParsers.OneOf(Strategies));
            var requested = row.Required(s.Col("requested"), FieldParsers.Percent(0m, 1m));
            var achieved = row.Required(s.Col("achieved"), FieldParsers.Percent(0m, 1m));
            var outcome = row.Required(s.Col("outcome"), FieldParsers.OneOf(Outcomes));
            var months = row.Required(s.Col("months_to_effective"), FieldParsers.Integer(0, 36));
            if (outcome.Ok && achieved.Ok)
            {
                if (outcome.Value == NegotiationOutcome.Failed && achieved.Value != Percent.Zero)
                {
                    row.Error(s.Col("achieved"), "a failed negotiation achieved nothing; set achieved to 0% or the outcome to partial/success");
                }
                else if (outcome.Value != NegotiationOutcome.Failed && achieved.Value == Percent.Zero)
                {
                    row.Error(s.Col("achieved"), $"a {outcome.Value.ToString().ToLowerInvariant()} negotiation must achieve more than 0%; give the increase, or set the outcome to failed");
                }
                else if (requested.Ok && achieved.Value > requested.Value)
                {
                    row.Warn(s.Col("achieved"), $"achieved {achieved.Value} exceeds requested {requested.Value}; kept as written");
                }
            }

            if (!row.HasErrors)
            {
                records.Add(new NegotiationRecord(payor.Value, market?.Id, year.Value, strategy.Value, requested.Value, achieved.Value, outcome.Value, months.Value));
            }
        }

        return records;
    }

    private static List<VisitBasket> LoadVisitMix(string path, RowResolver resolver)
    {
        var s = InputSchemas.VisitMix;
        var entries = new Dictionary<string, List<(CptCode, decimal)>>(StringComparer.OrdinalIgnoreCase);
        var keys = new Dictionary<(string, CptCode), int>();
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, resolver.Log))
        {
            var basket = row.Required(s.Col("basket"), FieldParsers.Text);
            var code = resolver.CatalogCode(row, s.Col("cpt"));
            var units = row.Required(s.Col("units_per_visit"), FieldParsers.Decimal(0m, 10m));
            if (row.HasErrors || !code.Ok)
            {
                continue;
            }

            if (keys.TryGetValue((basket.Value.ToUpperInvariant(), code.Value), out var firstLine))
            {
                row.Error(s.Col("cpt"), $"basket {basket.Value} already lists {code.Value} (line {firstLine}); keep one row per code");
                continue;
            }

            keys[(basket.Value.ToUpperInvariant(), code.Value)] = row.Line;
            if (!entries.TryGetValue(basket.Value, out var list))
            {
                entries[basket.Value] = list = [];
            }

            list.Add((code.Value, units.Value));
        }

        return entries.Select(e => new VisitBasket(e.Key, e.Value)).ToList();
    }

    internal static Market? MarketReference(CsvRecord row, ColumnSpec column, IReadOnlyDictionary<MarketId, Market> markets, bool required, Func<string, ParseResult<MarketId>>? parse = null)
    {
        parse ??= MarketId.Parse;
        var id = required ? row.Required(column, parse) : row.Optional(column, parse);
        if (!id.Present)
        {
            return null;
        }

        if (markets.TryGetValue(id.Value, out var market))
        {
            return market;
        }

        row.Error(column, $"market '{id.Value}' is not in markets.csv; add it there or correct the id");
        return null;
    }
}
