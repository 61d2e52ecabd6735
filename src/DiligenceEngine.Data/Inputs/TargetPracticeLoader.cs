using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;
using DiligenceEngine.Domain.Volumes;

namespace DiligenceEngine.Data.Inputs;

/// <summary>
/// Loads a target practice folder (locations.csv, contracts.csv, fee-schedules.csv, claims.csv and/or
/// volumes.csv) against a loaded market dataset, logging every problem. The result holds the rows that passed;
/// callers must not use it when the log has blocking problems.
/// </summary>
public static class TargetPracticeLoader
{
    private static readonly Dictionary<string, string> RateBases = new() { ["fee_schedule"] = "fee_schedule", ["percent_of_medicare"] = "percent_of_medicare" };

    private static readonly Dictionary<string, MpprKind> MpprKinds = new()
    {
        ["none"] = MpprKind.None,
        ["cms"] = MpprKind.CmsPracticeExpense,
        ["flat"] = MpprKind.FlatSecondary,
    };

    private static readonly Dictionary<string, ChangeOfOwnership> Ownership = new()
    {
        ["assignable"] = ChangeOfOwnership.Assignable,
        ["consent_required"] = ChangeOfOwnership.ConsentRequired,
        ["terminates"] = ChangeOfOwnership.Terminates,
    };

    public static TargetPractice Load(string folder, MarketDataset market, MedicareBaseline medicare, CptCatalog catalog, DataIssueLog log)
    {
        var resolver = new RowResolver(market.Payors, catalog, log);
        var locations = LoadLocations(Path.Combine(folder, InputSchemas.Locations.FileName), market, log);
        var fees = LoadFeeSchedules(Path.Combine(folder, InputSchemas.FeeSchedules.FileName), resolver, log);
        var contracts = LoadContracts(Path.Combine(folder, InputSchemas.Contracts.FileName), market, medicare, fees, resolver, log);

        var claimsPath = Path.Combine(folder, InputSchemas.Claims.FileName);
        var volumesPath = Path.Combine(folder, InputSchemas.Volumes.FileName);
        IReadOnlyList<ClaimLine> claims = [];
        IReadOnlyList<AggregatedVolume> volumes = [];
        if (File.Exists(claimsPath))
        {
            claims = LoadClaims(claimsPath, locations, resolver, log);
            if (File.Exists(volumesPath))
            {
                log.Warning(DisplayPath.Of(volumesPath), null, null, null, null, "volumes.csv is not used because claims.csv is present: claim lines carry the visit detail MPPR needs. Remove one of the two to silence this");
            }
        }
        else if (File.Exists(volumesPath))
        {
            volumes = LoadVolumes(volumesPath, locations, resolver, log);
        }
        else
        {
            log.Blocking(DisplayPath.Of(Path.Combine(folder, "claims.csv")), null, null, null, null, "the target has no volumes: add claims.csv (claim lines, preferred) or volumes.csv (annual units by payor and code)");
        }

        // Cross-file warnings are only meaningful once contracts loaded cleanly; otherwise they echo the errors above.
        if (!log.HasBlocking)
        {
            WarnAboutPayorsWithoutContract(claims.Select(c => (c.Payor, c.Units)).Concat(volumes.Select(v => (v.Payor, v.UnitsPerYear))), contracts, DisplayPath.Of(File.Exists(claimsPath) ? claimsPath : volumesPath), log);
        }

        resolver.ReportUnknownCodes();
        return new TargetPractice(locations.Values.ToList(), contracts, claims, volumes);
    }

    private static Dictionary<string, Location> LoadLocations(string path, MarketDataset market, DataIssueLog log)
    {
        var s = InputSchemas.Locations;
        var locations = new Dictionary<string, Location>(StringComparer.OrdinalIgnoreCase);
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var id = row.Required(s.Col("location_id"), FieldParsers.Text);
            var name = row.Required(s.Col("name"), FieldParsers.Text);
            var m = MarketDatasetLoader.MarketReference(row, s.Col("market_id"), market.Markets, required: true);
            if (id.Ok && lines.TryGetValue(id.Value, out var first))
            {
                row.Error(s.Col("location_id"), $"location {id.Value} is listed twice (first on line {first}); ids must be unique");
            }

            if (!row.HasErrors)
            {
                lines[id.Value] = row.Line;
                locations[id.Value] = new Location(id.Value, name.Value, m!.Id);
            }
        }

        return locations;
    }

    private static Dictionary<string, (int Line, Dictionary<CptCode, Money> Fees)> LoadFeeSchedules(string path, RowResolver resolver, DataIssueLog log)
    {
        var s = InputSchemas.FeeSchedules;
        var result = new Dictionary<string, (int Line, Dictionary<CptCode, Money> Fees)>(StringComparer.OrdinalIgnoreCase);
        var lines = new Dictionary<(string, CptCode), int>();
        if (!File.Exists(path))
        {
            return result;
        }

        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var contract = row.Required(s.Col("contract_id"), FieldParsers.Text);
            var code = resolver.CatalogCode(row, s.Col("cpt"));
            var rate = row.Required(s.Col("rate"), FieldParsers.PositiveMoney);
            if (row.HasErrors || !code.Ok)
            {
                continue;
            }

            var key = (contract.Value.ToUpperInvariant(), code.Value);
            if (lines.TryGetValue(key, out var first))
            {
                row.Error(s.Col("cpt"), $"contract {contract.Value} already has a rate for {code.Value} (line {first}); keep one rate per contract and code");
                continue;
            }

            lines[key] = row.Line;
            if (!result.TryGetValue(contract.Value, out var entry))
            {
                result[contract.Value] = entry = (row.Line, new Dictionary<CptCode, Money>());
            }

            entry.Fees[code.Value] = rate.Value;
        }

        return result;
    }

    private static List<Contract> LoadContracts(
        string path,
        MarketDataset market,
        MedicareBaseline medicare,
        Dictionary<string, (int Line, Dictionary<CptCode, Money> Fees)> fees,
        RowResolver resolver,
        DataIssueLog log)
    {
        var s = InputSchemas.Contracts;
        var contracts = new List<Contract>();
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var id = row.Required(s.Col("contract_id"), FieldParsers.Text);
            var payor = resolver.Payor(row, s.Col("payor"));
            var markets = ParseMarkets(row, s.Col("markets"), market);
            var effective = row.Required(s.Col("effective_date"), FieldParsers.Date);
            var termEnd = row.Required(s.Col("term_end"), FieldParsers.Date);
            var autoRenew = row.Required(s.Col("auto_renew"), FieldParsers.Boolean);
            var renewalMonths = row.Optional(s.Col("renewal_term_months"), FieldParsers.Integer(1, 120));
            var notice = row.Required(s.Col("notice_days"), FieldParsers.Integer(0, 730));
            var escalator = row.Required(s.Col("escalator"), FieldParsers.Percent(0m, 0.25m));
            var basis = row.Required(s.Col("rate_basis"), FieldParsers.OneOf(RateBases));
            var mpprKind = row.Required(s.Col("mppr"), FieldParsers.OneOf(MpprKinds));
            var mpprPercent = row.Optional(s.Col("mppr_percent"), FieldParsers.Percent(0m, 1m));
            var exempt = row.Optional(s.Col("mppr_evaluations_exempt"), FieldParsers.Boolean);
            var cap = row.Optional(s.Col("daily_unit_cap"), FieldParsers.Integer(1, 48));
            var ownership = row.Required(s.Col("change_of_ownership"), FieldParsers.OneOf(Ownership));

            if (effective.Ok && termEnd.Ok && termEnd.Value < effective.Value)
            {
                row.Error(s.Col("term_end"), $"the term ends ({termEnd.Value:yyyy-MM-dd}) before the contract takes effect ({effective.Value:yyyy-MM-dd}); check that the two dates are not swapped");
            }

            if (autoRenew.Ok && autoRenew.Value && !renewalMonths.Present && renewalMonths.Ok)
            {
                row.Error(s.Col("renewal_term_months"), "the contract auto-renews, so give the length of each renewal term in months (often 12)");
            }

            if (id.Ok && !lines.TryAdd(id.Value, row.Line))
            {
                row.Error(s.Col("contract_id"), $"contract {id.Value} is listed twice (first on line {lines[id.Value]}); contract ids must be unique");
            }

            var policy = Mppr(row, mpprKind, mpprPercent, exempt, cap);
            var rates = id.Ok && basis.Ok ? Rates(row, id.Value, basis.Value, fees, medicare) : null;
            if (row.HasErrors || policy is null || rates is null)
            {
                continue;
            }

            contracts.Add(new Contract(id.Value, payor.Value, markets!, effective.Value, termEnd.Value, autoRenew.Value,
                renewalMonths.Present ? renewalMonths.Value : 0, notice.Value, escalator.Value, rates, policy, ownership.Value));
        }

        // Claims are matched to a contract by payor and the clinic's market, so that pair must name one contract.
        var covering = new Dictionary<(Payor, MarketId), Contract>();
        foreach (var contract in contracts)
        {
            foreach (var marketId in contract.Markets)
            {
                if (!covering.TryAdd((contract.Payor, marketId), contract))
                {
                    var other = covering[(contract.Payor, marketId)];
                    log.Blocking(DisplayPath.Of(path), lines[contract.Id], 3, "markets", marketId.Value,
                        $"contracts {other.Id} (line {lines[other.Id]}) and {contract.Id} both cover {contract.Payor.Name} in {marketId}; claims there could not be matched to one contract. Keep one contract per payor and market");
                }
            }
        }

        foreach (var (orphan, (line, _)) in fees.Where(f => !lines.ContainsKey(f.Key)))
        {
            log.Blocking(DisplayPath.Of(Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, InputSchemas.FeeSchedules.FileName)), line, 1, "contract_id", orphan,
                $"contract '{orphan}' has rates in fee-schedules.csv but is not in contracts.csv; add the contract or fix the id");
        }

        return contracts;
    }

    private static List<MarketId>? ParseMarkets(CsvRecord row, ColumnSpec column, MarketDataset market)
    {
        var text = row.Text(column);
        if (text.Length == 0)
        {
            row.Error(column, "markets is required; list the market_ids the contract covers, separated by |");
            return null;
        }

        var ids = new List<MarketId>();
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries))
        {
            if (MarketId.Parse(part).TryGetValue(out var id) && market.Markets.ContainsKey(id))
            {
                ids.Add(id);
            }
            else
            {
                row.Error(column, $"market '{part}' is not in the market dataset's markets.csv; use its market_id (known: {string.Join(", ", market.Markets.Keys.Select(k => k.Value).Order())})");
            }
        }

        return ids;
    }

    private static MpprPolicy? Mppr(CsvRecord row, Field<MpprKind> kind, Field<Percent> percent, Field<bool> exempt, Field<int> cap)
    {
        var s = InputSchemas.Contracts;
        if (!kind.Ok || !percent.Ok || !exempt.Ok || !cap.Ok)
        {
            return null;
        }

        int? dailyCap = cap.Present ? cap.Value : null;
        if (kind.Value == MpprKind.None)
        {
            if (percent.Present)
            {
                row.Error(s.Col("mppr_percent"), "mppr is none, so mppr_percent must be empty; clear it or set mppr to cms or flat");
                return null;
            }

            return MpprPolicy.None(dailyCap);
        }

        if (!percent.Present)
        {
            row.Error(s.Col("mppr_percent"), kind.Value == MpprKind.CmsPracticeExpense
                ? "cms MPPR needs the PE reduction of later units; Medicare and most payors use 50%"
                : "flat MPPR needs the share of the fee later units are paid, e.g. 50%");
        }

        if (!exempt.Present)
        {
            row.Error(s.Col("mppr_evaluations_exempt"), "say whether evaluation codes are exempt from the MPPR (true or false); Medicare does not exempt them");
        }

        if (!percent.Present || !exempt.Present)
        {
            return null;
        }

        return kind.Value == MpprKind.CmsPracticeExpense
            ? MpprPolicy.CmsPracticeExpense(percent.Value, exempt.Value, dailyCap)
            : MpprPolicy.FlatSecondary(percent.Value, exempt.Value, dailyCap);
    }

    private static RateBasis? Rates(CsvRecord row, string contractId, string basis, Dictionary<string, (int Line, Dictionary<CptCode, Money> Fees)> fees, MedicareBaseline medicare)
    {
        var s = InputSchemas.Contracts;
        var percent = row.Optional(s.Col("medicare_percent"), FieldParsers.Percent(0.10m, 10m));
        var year = row.Optional(s.Col("medicare_year"), FieldParsers.Integer(2000, 2100));
        var locality = row.Optional(s.Col("medicare_locality"), LocalityId.Parse);
        var hasFees = fees.TryGetValue(contractId, out var schedule);
        if (basis == "fee_schedule")
        {
            foreach (var c in new[] { "medicare_percent", "medicare_year", "medicare_locality" }.Where(c => row.Text(s.Col(c)).Length > 0))
            {
                row.Error(s.Col(c), $"{c} applies only to percent_of_medicare contracts; clear it or change rate_basis");
            }

            if (!hasFees)
            {
                row.Error(s.Col("rate_basis"), $"contract {contractId} is a fee_schedule contract but fee-schedules.csv lists no rates for it; add its rates there");
                return null;
            }

            return new RateBasis.FixedFeeSchedule(schedule.Fees);
        }

        foreach (var (c, field) in new[] { ("medicare_percent", percent.Present), ("medicare_year", year.Present), ("medicare_locality", locality.Present) })
        {
            if (!field && row.Text(s.Col(c)).Length == 0)
            {
                row.Error(s.Col(c), $"a percent_of_medicare contract must name its {c.Replace("medicare_", string.Empty, StringComparison.Ordinal)} (contracts should name the Medicare year and locality); add it");
            }
        }

        if (hasFees)
        {
            row.Error(s.Col("rate_basis"), $"contract {contractId} is percent_of_medicare but fee-schedules.csv also lists rates for it; keep one rate basis");
        }

        if (year.Present && !medicare.HasYear(year.Value))
        {
            row.Error(s.Col("medicare_year"), $"no Medicare fee schedule is loaded for {year.Value}; available years: {string.Join(", ", medicare.Years)}");
        }
        else if (year.Present && locality.Present && !medicare.ForYear(year.Value).HasLocality(locality.Value))
        {
            row.Error(s.Col("medicare_locality"), $"locality {locality.Value} is not in the {year.Value} Medicare GPCIs; use a MAC-locality from CMS's GPCI file, e.g. 15202-00");
        }

        return percent.Present && year.Present && locality.Present ? new RateBasis.PercentOfMedicare(percent.Value, year.Value, locality.Value) : null;
    }

    private static List<ClaimLine> LoadClaims(string path, Dictionary<string, Location> locations, RowResolver resolver, DataIssueLog log)
    {
        var s = InputSchemas.Claims;
        var claims = new List<ClaimLine>();
        var visitKeys = new Dictionary<string, (DateOnly Date, Payor Payor, string Location, int Line)>(StringComparer.Ordinal);
        var paidOverBilled = 0;
        var firstPaidOverBilled = 0;
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var claimId = row.Required(s.Col("claim_id"), FieldParsers.Text);
            var date = row.Required(s.Col("date_of_service"), FieldParsers.Date);
            var location = LocationReference(row, s.Col("location_id"), locations);
            var payor = resolver.Payor(row, s.Col("payor"));
            var code = resolver.CatalogCode(row, s.Col("cpt"));
            var units = row.Required(s.Col("units"), FieldParsers.Integer(1, 24));
            var billed = row.Required(s.Col("billed"), FieldParsers.Money);
            var paid = row.Required(s.Col("paid"), FieldParsers.Money);
            if (row.HasErrors)
            {
                continue;
            }

            if (visitKeys.TryGetValue(claimId.Value, out var visit))
            {
                if (visit.Date != date.Value || visit.Payor != payor.Value || !string.Equals(visit.Location, location, StringComparison.OrdinalIgnoreCase))
                {
                    row.Error(s.Col("claim_id"), $"claim {claimId.Value} already appears on line {visit.Line} with date {visit.Date:yyyy-MM-dd}, payor {visit.Payor.Name}, location {visit.Location}; one claim id is one visit, so give this line its own claim id or correct it");
                    continue;
                }
            }
            else
            {
                visitKeys[claimId.Value] = (date.Value, payor.Value, location!, row.Line);
            }

            if (paid.Value > billed.Value)
            {
                firstPaidOverBilled = paidOverBilled++ == 0 ? row.Line : firstPaidOverBilled;
            }

            if (code.Ok)
            {
                claims.Add(new ClaimLine(claimId.Value, date.Value, location!, payor.Value, code.Value, units.Value, billed.Value, paid.Value));
            }
        }

        if (paidOverBilled > 0)
        {
            log.Warning(DisplayPath.Of(path), firstPaidOverBilled, null, "paid", null, $"{paidOverBilled} line(s) (first on this line) were paid more than billed; kept as written, but check the charge master or the remittance export");
        }

        return claims;
    }

    private static List<AggregatedVolume> LoadVolumes(string path, Dictionary<string, Location> locations, RowResolver resolver, DataIssueLog log)
    {
        var s = InputSchemas.Volumes;
        var volumes = new List<AggregatedVolume>();
        var keys = new Dictionary<(string, Payor, CptCode), int>();
        foreach (var row in CsvFileReader.Read(path, DisplayPath.Of(path), s, log))
        {
            var location = LocationReference(row, s.Col("location_id"), locations);
            var payor = resolver.Payor(row, s.Col("payor"));
            var code = resolver.CatalogCode(row, s.Col("cpt"));
            var units = row.Required(s.Col("units_per_year"), FieldParsers.Integer(0, 100_000_000));
            var visits = row.Required(s.Col("visits_per_year"), FieldParsers.Integer(0, 100_000_000));
            if (units.Ok && visits.Ok && visits.Value > units.Value)
            {
                row.Error(s.Col("visits_per_year"), $"{visits.Value} visits cannot carry only {units.Value} units: each visit billing the code bills at least one unit; check the two columns are not swapped");
            }

            if (row.HasErrors || !code.Ok)
            {
                continue;
            }

            var key = (location!.ToUpperInvariant(), payor.Value, code.Value);
            if (keys.TryGetValue(key, out var first))
            {
                row.Error(s.Col("cpt"), $"location {location} already has a {payor.Value.Name} {code.Value} volume (line {first}); keep one row per location, payor and code");
                continue;
            }

            keys[key] = row.Line;
            volumes.Add(new AggregatedVolume(location, payor.Value, code.Value, units.Value, visits.Value));
        }

        return volumes;
    }

    private static string? LocationReference(CsvRecord row, ColumnSpec column, Dictionary<string, Location> locations)
    {
        var id = row.Required(column, FieldParsers.Text);
        if (!id.Ok)
        {
            return null;
        }

        if (locations.TryGetValue(id.Value, out var location))
        {
            return location.Id;
        }

        row.Error(column, $"location '{id.Value}' is not in locations.csv; add it there or correct the id");
        return null;
    }

    private static void WarnAboutPayorsWithoutContract(IEnumerable<(Payor Payor, int Units)> volume, IReadOnlyList<Contract> contracts, string file, DataIssueLog log)
    {
        var contracted = contracts.Select(c => c.Payor).ToHashSet();
        foreach (var group in volume.Where(v => !contracted.Contains(v.Payor)).GroupBy(v => v.Payor).OrderBy(g => g.Key.Name))
        {
            log.Warning(file, null, null, "payor", group.Key.Name,
                $"{group.Sum(v => v.Units)} units are billed to {group.Key.Name}, which has no contract in contracts.csv; they are counted in volumes but have no contracted rate to compare or renegotiate (out-of-network, or a contract missing from the file). Add the contract if one exists");
        }
    }
}
