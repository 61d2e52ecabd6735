using DiligenceEngine.Data.Csv;
using static DiligenceEngine.Data.Csv.CsvSchema;

namespace DiligenceEngine.Data.Inputs;

/// <summary>The input files of a market dataset and a target practice. docs/data-formats.md documents the same columns.</summary>
public static class InputSchemas
{
    public static readonly CsvSchema Payors = new(
        "payors.csv",
        Required("payor", "the canonical payor name, e.g. UnitedHealthcare"),
        Required("type", "commercial, medicare_advantage, medicare, managed_medicaid or workers_comp"),
        Optional("aliases", "other spellings seen in files, separated by |, e.g. UHC|United Healthcare"));

    public static readonly CsvSchema Markets = new(
        "markets.csv",
        Required("market_id", "1-64 letters, digits, '-', '_' or '.', e.g. MI-DETROIT"),
        Required("name", "a readable market name, e.g. Detroit metro"),
        Required("state", "USPS two-letter state code, e.g. MI"),
        Optional("cbsa", "5-digit core-based statistical area code, e.g. 19820"),
        Required("medicare_locality", "Medicare MAC-locality as in CMS's GPCI file, e.g. 08202-01"));

    public static readonly CsvSchema Rates = new(
        "rates.csv",
        Required("market_id", "a market_id from markets.csv"),
        Required("payor", "a payor name or alias from payors.csv"),
        Required("cpt", "the 5-character CPT/HCPCS code, e.g. 97110"),
        Required("rate", "dollars per unit (1234.50 or $1,234.50); for percent_of_medicare, the percent (115% or 1.15)"),
        Required("rate_type", "negotiated, fee_schedule or percent_of_medicare"),
        Required("practice_id", "anonymised id of the practice holding the rate"),
        Required("year", "the year the rate was in force, e.g. 2025"),
        Optional("medicare_year", "for percent_of_medicare rows: the Medicare fee-schedule year the percent applies to"),
        Optional("source", "where the rate came from, e.g. TiC file name or survey"));

    public static readonly CsvSchema Negotiations = new(
        "negotiations.csv",
        Required("payor", "a payor name or alias from payors.csv"),
        Optional("market_id", "a market_id from markets.csv; empty when the record is not market-specific"),
        Required("year", "year the negotiation opened"),
        Required("strategy", "uniform_increase, timed_code_carve_out, evaluation_focus or move_to_percentile"),
        Required("requested", "increase asked for, e.g. 8% or 0.08"),
        Required("achieved", "increase obtained, e.g. 5% or 0.05; 0% when failed"),
        Required("outcome", "success, partial or failed"),
        Required("months_to_effective", "months from opening to new rates taking effect, 0-36"));

    public static readonly CsvSchema VisitMix = new(
        "visit-mix.csv",
        Required("basket", "basket name, e.g. PT or OT"),
        Required("cpt", "the 5-character CPT/HCPCS code"),
        Required("units_per_visit", "average units of the code per visit, evaluations amortised (0.09 = one in eleven visits)"),
        Optional("source", "where the mix comes from"));

    public static readonly CsvSchema Locations = new(
        "locations.csv",
        Required("location_id", "the practice's clinic id as used in claims/volumes"),
        Required("name", "clinic name"),
        Required("market_id", "a market_id from the market dataset's markets.csv"));

    public static readonly CsvSchema Contracts = new(
        "contracts.csv",
        Required("contract_id", "unique id of the agreement"),
        Required("payor", "a payor name or alias from payors.csv"),
        Required("markets", "market_ids the contract covers, separated by |"),
        Required("effective_date", "first day of the agreement, yyyy-mm-dd"),
        Required("term_end", "last day of the current term (inclusive), yyyy-mm-dd"),
        Required("auto_renew", "true if the agreement renews itself (evergreen), else false"),
        Optional("renewal_term_months", "length of each renewal term in months; required when auto_renew is true"),
        Required("notice_days", "days of notice before term end to renegotiate or terminate, 0-730"),
        Required("escalator", "annual increase on each anniversary, e.g. 2% (0% when none)"),
        Required("rate_basis", "fee_schedule (rates in fee-schedules.csv) or percent_of_medicare"),
        Optional("medicare_percent", "for percent_of_medicare: the percent, e.g. 110%"),
        Optional("medicare_year", "for percent_of_medicare: the Medicare year named in the contract"),
        Optional("medicare_locality", "for percent_of_medicare: the MAC-locality named in the contract, e.g. 15202-00"),
        Required("mppr", "none, cms (PE share of later units reduced) or flat (later units paid at a percent)"),
        Optional("mppr_percent", "cms: the PE reduction (50%); flat: the share later units are paid (e.g. 50%)"),
        Optional("mppr_evaluations_exempt", "true if evaluation codes are never reduced; required unless mppr is none"),
        Optional("daily_unit_cap", "most units paid per patient per day; empty means no cap"),
        Required("change_of_ownership", "assignable, consent_required or terminates"));

    public static readonly CsvSchema FeeSchedules = new(
        "fee-schedules.csv",
        Required("contract_id", "a contract_id from contracts.csv with rate_basis fee_schedule"),
        Required("cpt", "the 5-character CPT/HCPCS code"),
        Required("rate", "contracted dollars per unit, e.g. 32.50"));

    public static readonly CsvSchema Claims = new(
        "claims.csv",
        Required("claim_id", "visit/claim id; lines sharing it and the date are one visit"),
        Required("date_of_service", "yyyy-mm-dd"),
        Required("location_id", "a location_id from locations.csv"),
        Required("payor", "a payor name or alias from payors.csv"),
        Required("cpt", "the 5-character CPT/HCPCS code"),
        Required("units", "units billed on the line, 1-24"),
        Required("billed", "billed charge in dollars"),
        Required("paid", "amount paid in dollars (0 when denied)"));

    public static readonly CsvSchema Volumes = new(
        "volumes.csv",
        Required("location_id", "a location_id from locations.csv"),
        Required("payor", "a payor name or alias from payors.csv"),
        Required("cpt", "the 5-character CPT/HCPCS code"),
        Required("units_per_year", "units billed in 12 months"),
        Required("visits_per_year", "visits in 12 months on which the code was billed"));

    public static IReadOnlyList<CsvSchema> All { get; } =
        [Payors, Markets, Rates, Negotiations, VisitMix, Locations, Contracts, FeeSchedules, Claims, Volumes];

    /// <summary>The column of <paramref name="schema"/> named <paramref name="name"/>.</summary>
    public static ColumnSpec Col(this CsvSchema schema, string name) =>
        schema.Columns.First(c => c.Name == name);
}
