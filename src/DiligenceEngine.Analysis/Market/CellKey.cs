using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Analysis.Market;

/// <summary>The geographic and payor grain of a rate distribution.</summary>
public enum CellLevel
{
    /// <summary>One market, one payor, one code: the cell a target contract is compared with.</summary>
    MarketPayor,

    /// <summary>One market, one code, all payors pooled.</summary>
    Market,

    /// <summary>One state, one payor, one code (markets pooled, compared in % of Medicare).</summary>
    StatePayor,

    /// <summary>All markets, one payor, one code: the parent small market cells shrink toward.</summary>
    NationalPayor,
}

/// <summary>
/// Identifies one distribution: level, geography (market id, state code, or "US"), payor (null when pooled),
/// code and rate type. Rate types are never pooled.
/// </summary>
public readonly record struct CellKey(CellLevel Level, string Geography, string? Payor, CptCode Code, RateType Type)
{
    public override string ToString() => $"{Level}|{Geography}|{Payor ?? "*"}|{Code}|{Type}";
}
