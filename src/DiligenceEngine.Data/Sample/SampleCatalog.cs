namespace DiligenceEngine.Data.Sample;

/// <summary>A synthetic market: a real metro with its real CBSA and Medicare locality, and how many practices it holds.</summary>
internal sealed record SampleMarket(string Id, string Name, string State, string Cbsa, string Locality, int Practices);

/// <summary>
/// A synthetic payor: its level as a multiple of the locality Medicare rate, where it operates, and how often a
/// practice in its footprint holds a contract with it. StrategyAffinity multiplies the base success rate of uniform,
/// carve-out, evaluation-focus and move-to-percentile asks, in that order: payors resist some approaches more than others.
/// </summary>
internal sealed record SamplePayor(string Name, string Type, string Aliases, double MedicareMultiple, string[]? States, double Presence, int Negotiations, double NegotiationSkill, double[] StrategyAffinity);

/// <summary>The calibration tables of the sample generator; sample-data/README.md explains each choice.</summary>
internal static class SampleCatalog
{
    public static readonly SampleMarket[] Markets =
    [
        new("MI-DETROIT", "Detroit-Warren-Dearborn", "MI", "19820", "08202-01", 36),
        new("MI-GRAND-RAPIDS", "Grand Rapids-Kentwood", "MI", "24340", "08202-99", 14),
        new("OH-COLUMBUS", "Columbus", "OH", "18140", "15202-00", 30),
        new("OH-CLEVELAND", "Cleveland-Elyria", "OH", "17460", "15202-00", 26),
        new("IN-INDIANAPOLIS", "Indianapolis-Carmel-Anderson", "IN", "26900", "08102-00", 24),
        new("IL-CHICAGO", "Chicago-Naperville-Elgin", "IL", "16980", "06102-16", 40),
        new("IL-SPRINGFIELD", "Springfield", "IL", "44100", "06102-99", 6),
        new("TX-HOUSTON", "Houston-The Woodlands-Sugar Land", "TX", "26420", "04412-18", 34),
        new("TX-DALLAS", "Dallas-Fort Worth-Arlington", "TX", "19100", "04412-11", 32),
        new("TX-AUSTIN", "Austin-Round Rock-Georgetown", "TX", "12420", "04412-31", 18),
        new("FL-MIAMI", "Miami-Fort Lauderdale-Pompano Beach", "FL", "33100", "09102-04", 30),
        new("FL-TAMPA", "Tampa-St. Petersburg-Clearwater", "FL", "45300", "09102-99", 22),
        new("NY-MANHATTAN", "New York (Manhattan)", "NY", "35620", "13202-01", 34),
        new("NY-ROCHESTER", "Rochester", "NY", "40380", "13282-99", 8),
        new("CA-LOS-ANGELES", "Los Angeles-Long Beach-Anaheim", "CA", "31080", "01182-18", 34),
        new("CA-SAN-FRANCISCO", "San Francisco-Oakland-Berkeley", "CA", "41860", "01112-05", 24),
    ];

    public static readonly SamplePayor[] Payors =
    [
        new("UnitedHealthcare", "commercial", "UHC|United Healthcare|UnitedHealthcare Insurance Company", 1.08, null, 0.85, 40, 0.85, [1.3, 0.6, 1.0, 0.8]),
        new("Aetna", "commercial", "Aetna Inc|Aetna Health", 1.12, null, 0.80, 30, 1.00, [0.9, 1.3, 0.8, 0.9]),
        new("Cigna", "commercial", "CIGNA|Cigna Healthcare", 1.15, null, 0.30, 12, 1.10, [1.0, 0.8, 1.4, 1.0]),
        new("Blue Cross Blue Shield of Michigan", "commercial", "BCBSM|Blue Cross of Michigan", 1.00, ["MI"], 0.95, 25, 0.60, [1.4, 0.7, 0.9, 0.6]),
        new("Anthem Blue Cross Blue Shield", "commercial", "Anthem|Anthem BCBS", 1.04, ["OH", "IN", "NY", "CA"], 0.90, 30, 0.75, [1.0, 1.2, 0.7, 1.1]),
        new("Blue Cross Blue Shield of Illinois", "commercial", "BCBSIL|BCBS Illinois", 1.06, ["IL"], 0.90, 15, 0.80, [1.1, 0.9, 1.2, 0.8]),
        new("Blue Cross Blue Shield of Texas", "commercial", "BCBSTX|BCBS Texas", 1.03, ["TX"], 0.90, 15, 0.80, [1.0, 1.1, 1.0, 0.9]),
        new("Florida Blue", "commercial", "BCBS Florida|Blue Cross Blue Shield of Florida", 1.02, ["FL"], 0.90, 10, 0.90, [1.2, 0.8, 1.1, 1.0]),
        new("Blue Shield of California", "commercial", "BSC|Blue Shield CA", 1.10, ["CA"], 0.70, 2, 1.00, [1.0, 1.0, 1.0, 1.0]),
        new("Humana Medicare Advantage", "medicare_advantage", "Humana MA|Humana Gold Plus", 0.98, null, 0.60, 8, 0.70, [1.3, 0.7, 1.2, 0.5]),
        new("UnitedHealthcare Medicare Advantage", "medicare_advantage", "UHC MA|AARP Medicare Advantage", 0.99, null, 0.70, 10, 0.70, [1.2, 0.8, 1.1, 0.6]),
        new("Aetna Medicare Advantage", "medicare_advantage", "Aetna MA", 0.97, null, 0.50, 3, 0.80, [1.0, 1.0, 1.0, 1.0]),
        new("Workers' Compensation", "workers_comp", "Workers Comp|WC", 1.45, null, 0.50, 0, 0.0, [1.0, 1.0, 1.0, 1.0]),
    ];

    /// <summary>Codes every practice contract lists, with the chance each is missing from a practice's schedule.</summary>
    public static readonly (string Code, double Missing)[] ContractCodes =
    [
        ("97161", 0.01), ("97162", 0.01), ("97163", 0.01), ("97164", 0.03),
        ("97165", 0.04), ("97166", 0.04), ("97167", 0.04), ("97168", 0.06),
        ("97110", 0.0), ("97112", 0.03), ("97140", 0.02), ("97530", 0.02), ("97535", 0.08),
        ("97116", 0.50), ("97035", 0.70),
    ];

    /// <summary>
    /// Treatment code weights per discipline: 97110 and 97140 carry about half of PT units (bestptbilling 2015,
    /// domain.md §3); OT leans on 97530 and 97535.
    /// </summary>
    public static readonly (string Code, double Weight)[] PtTreatment =
        [("97110", 0.36), ("97140", 0.22), ("97530", 0.20), ("97112", 0.13), ("97116", 0.04), ("97535", 0.03), ("97035", 0.02)];

    public static readonly (string Code, double Weight)[] OtTreatment =
        [("97530", 0.36), ("97110", 0.24), ("97535", 0.18), ("97112", 0.12), ("97140", 0.10)];

    /// <summary>Timed units on a treatment-only visit: ~3.5 on average (AAOS benchmark, domain.md §3).</summary>
    public static readonly (int Units, double Weight)[] TreatmentUnits = [(2, 0.10), (3, 0.33), (4, 0.44), (5, 0.13)];

    /// <summary>Visit volume by calendar month (1 = January): winter holidays and July dip, spring and autumn peaks.</summary>
    public static readonly double[] MonthWeights = [0.95, 0.98, 1.08, 1.05, 1.04, 0.98, 0.92, 1.00, 1.03, 1.05, 0.95, 0.85];
}
