using DiligenceEngine.Analysis.Expansion;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.MarketData;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Cli.Jobs;

/// <summary>The recruiting options, resolved against the loaded inputs.</summary>
public sealed record RecruitingPlan(Market Market, string Basket, int? CompetitorSetSize, int TopCodes);

/// <summary>
/// Resolves the parts of a job that name things in the data — markets, states, CBSAs, payors, baskets — against the
/// loaded inputs. Every problem names the job's JSON path, the value and what the data holds instead.
/// </summary>
public static class PlanResolver
{
    public const string OwnMixBasket = "own-mix";

    public static (ExpansionPlan? Plan, IReadOnlyList<string> Problems) Expansion(JobExpansion e, JobParameters parameters, InputSet inputs)
    {
        var problems = new List<string>();
        var markets = new List<MarketId>();
        for (var i = 0; i < e.Markets.Count; i++)
        {
            var found = MarketsNamed(e.Markets[i], inputs.Market.Markets.Values).ToList();
            if (found.Count == 0)
            {
                problems.Add($"$.expansion.markets[{i}]: '{e.Markets[i]}' is not a market id, state or CBSA (cbsa:NNNNN) of the market dataset's markets.csv; it has {string.Join(", ", inputs.Market.Markets.Keys.Select(k => k.Value).Order(StringComparer.Ordinal))}");
            }

            markets.AddRange(found.Where(m => !markets.Contains(m)));
        }

        var basket = Basket(e.Basket, "$.expansion.basket", inputs, problems);
        var mix = e.PayorMix is null ? OwnPayorMix(inputs, problems) : Mix(e.PayorMix, "$.expansion.payorMix", inputs.Market.Payors, problems);
        var byState = new Dictionary<string, IReadOnlyDictionary<string, double>>();
        foreach (var (state, stateMix) in e.PayorMixByState ?? [])
        {
            if (!UsState.Parse(state).TryGetValue(out var code) || !markets.Any(m => inputs.Market.Markets[m].State == code))
            {
                problems.Add($"$.expansion.payorMixByState.{state}: no candidate market is in '{state}'; key state mixes by the two-letter code of a candidate market's state");
                continue;
            }

            byState[code.Code] = Mix(stateMix, $"$.expansion.payorMixByState.{state}", inputs.Market.Payors, problems);
        }

        var entryByPayor = Mix(e.EntryPercentileByPayor ?? [], "$.expansion.entryPercentileByPayor", inputs.Market.Payors, problems);
        if (problems.Count > 0 || basket is null)
        {
            return (null, problems);
        }

        var defaults = new ExpansionPlan { Markets = markets, Basket = basket, BasketSource = string.Empty, VisitsPerYearAtMaturity = 1, RampUp = RampUp.Linear(1, 1), PayorMix = mix };
        return (defaults with
        {
            BasketSource = basket.Name == "own mix" ? "the group's own claims (units per visit by code)" : "the market dataset's visit-mix.csv",
            VisitsPerYearAtMaturity = e.VisitsPerYearAtMaturity,
            RampUp = e.RampUp switch
            {
                { Curve: { } curve } => RampUp.FromCurve(curve),
                { StartShare: { } start, MonthsToMaturity: { } months } => RampUp.Linear(start, months),
                _ => RampUp.Linear(0.4, 12),
            },
            PayorMixByState = byState,
            EntryPercentile = e.EntryPercentile ?? defaults.EntryPercentile,
            EntryPercentileByPayor = entryByPayor,
            TargetPercentile = e.TargetPercentile ?? defaults.TargetPercentile,
            RenegotiationMonth = e.RenegotiationMonth ?? defaults.RenegotiationMonth,
            PercentileSpread = e.PercentileSpread ?? defaults.PercentileSpread,
            VisitVolumeCv = e.VisitVolumeCv ?? defaults.VisitVolumeCv,
            RenegotiationSuccessProbability = e.RenegotiationSuccessProbability,
            HorizonMonths = parameters.HorizonMonths ?? defaults.HorizonMonths,
            Paths = parameters.Paths ?? defaults.Paths,
            Seed = parameters.Seed ?? defaults.Seed,
        }, problems);
    }

    public static (RecruitingPlan? Plan, IReadOnlyList<string> Problems) Recruiting(JobRecruiting? r, InputSet inputs)
    {
        var problems = new List<string>();
        var practice = inputs.Target!;
        var practiceMarkets = practice.Locations.Select(l => l.Market).Distinct().ToList();
        Market? market = null;
        if (r?.Market is { } named)
        {
            var id = practiceMarkets.FirstOrDefault(m => string.Equals(m.Value, named, StringComparison.OrdinalIgnoreCase));
            if (id == default)
            {
                problems.Add($"$.recruiting.market: '{named}' is not a market of the practice's locations; use one of {string.Join(", ", practiceMarkets.Select(m => m.Value))}");
            }
            else
            {
                market = inputs.Market.Markets[id];
            }
        }
        else
        {
            var markets = practice.Locations.ToDictionary(l => l.Id, l => l.Market, StringComparer.OrdinalIgnoreCase);
            var busiest = practice.Claims.Count > 0
                ? practice.Claims.GroupBy(c => markets[c.LocationId]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Value, StringComparer.Ordinal).First().Key
                : practice.Volumes.GroupBy(v => markets[v.LocationId]).OrderByDescending(g => g.Sum(v => v.VisitsPerYear)).ThenBy(g => g.Key.Value, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault(practiceMarkets[0]);
            market = inputs.Market.Markets[busiest];
        }

        var basket = Basket(r?.Basket, "$.recruiting.basket", inputs, problems, allowOwnMix: false);
        return problems.Count > 0 || market is null || basket is null
            ? (null, problems)
            : (new RecruitingPlan(market, basket.Name, r?.CompetitorSetSize, r?.TopCodes ?? 5), problems);
    }

    /// <summary>Markets named by an id, a two-letter state (all its markets) or cbsa:NNNNN.</summary>
    private static IEnumerable<MarketId> MarketsNamed(string name, IEnumerable<Market> markets)
    {
        var t = name.Trim();
        var cbsa = t.StartsWith("cbsa:", StringComparison.OrdinalIgnoreCase) ? t[5..] : null;
        return markets.Where(m => cbsa is not null ? m.Cbsa == cbsa
                : t.Length == 2 ? string.Equals(m.State.Code, t, StringComparison.OrdinalIgnoreCase)
                : string.Equals(m.Id.Value, t, StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Id).OrderBy(m => m.Value, StringComparer.Ordinal);
    }

    private static VisitBasket? Basket(string? name, string path, InputSet inputs, List<string> problems, bool allowOwnMix = true)
    {
        var wanted = name ?? "PT";
        if (allowOwnMix && string.Equals(wanted, OwnMixBasket, StringComparison.OrdinalIgnoreCase))
        {
            if (inputs.Target is { Claims.Count: > 0 } group)
            {
                return ExpansionSizing.OwnMix(group.Claims);
            }

            problems.Add($"{path}: '{OwnMixBasket}' needs the group's claim lines; give inputs.target with claims.csv, or name a basket of visit-mix.csv");
            return null;
        }

        var basket = inputs.Market.VisitBaskets.FirstOrDefault(b => string.Equals(b.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (basket is null)
        {
            problems.Add($"{path}: '{wanted}' is not a basket of the market dataset's visit-mix.csv; it has {string.Join(", ", inputs.Market.VisitBaskets.Select(b => b.Name))}{(allowOwnMix ? $", or use '{OwnMixBasket}'" : string.Empty)}");
        }

        return basket;
    }

    /// <summary>Payor names (or aliases) → canonical names, with the value each carries.</summary>
    private static IReadOnlyDictionary<string, double> Mix(IReadOnlyDictionary<string, double> given, string path, PayorDirectory payors, List<string> problems)
    {
        var resolved = new Dictionary<string, double>();
        foreach (var (name, value) in given)
        {
            switch (payors.Resolve(name))
            {
                case PayorMatch.Found found when resolved.ContainsKey(found.Payor.Name):
                    problems.Add($"{path}['{name}']: {found.Payor.Name} is named twice (by name or alias); give it once");
                    break;
                case PayorMatch.Found found:
                    resolved[found.Payor.Name] = value;
                    break;
                case PayorMatch.Ambiguous ambiguous:
                    problems.Add($"{path}['{name}']: '{name}' could be {string.Join(" or ", ambiguous.Candidates.Select(c => c.Name))}; use the full name");
                    break;
                case PayorMatch.Unknown unknown:
                    problems.Add($"{path}['{name}']: '{name}' is not a payor of the market dataset's payors.csv{(unknown.Suggestion is { } s ? $"; did you mean '{s}'?" : string.Empty)}");
                    break;
            }
        }

        return resolved;
    }

    /// <summary>Without a payor mix, the group's own: each payor's share of its claim visits.</summary>
    private static IReadOnlyDictionary<string, double> OwnPayorMix(InputSet inputs, List<string> problems)
    {
        if (inputs.Target is not { Claims.Count: > 0 } group)
        {
            problems.Add("$.expansion.payorMix: give the planned clinic's payor mix (payor → share of visits), or the group's claims to take its own mix from");
            return new Dictionary<string, double>();
        }

        var visits = group.Claims.GroupBy(c => (c.ClaimId, c.DateOfService)).Select(g => g.First().Payor.Name).ToList();
        return visits.GroupBy(p => p).ToDictionary(g => g.Key, g => (double)g.Count() / visits.Count);
    }
}
