using DiligenceEngine.Domain.Common;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Markets;

/// <summary>An identifier for a market as written in the market file (letters, digits, '-', '_', '.').</summary>
public readonly record struct MarketId
{
    private MarketId(string value) => Value = value;

    public string Value { get; }

    public static ParseResult<MarketId> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim();
        return t.Length is > 0 and <= 64 && t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? ParseResult<MarketId>.Ok(new MarketId(t))
            : ParseResult<MarketId>.Fail($"'{text}' is not a market id; use 1-64 letters, digits, '-', '_' or '.', e.g. MI-DETROIT");
    }

    public static MarketId Of(string text) => Parse(text).GetValueOrThrow();

    public override string ToString() => Value;
}

/// <summary>
/// A geographic market: a state, optionally narrowed to a core-based statistical area (CBSA), and the
/// Medicare payment locality whose GPCIs price it.
/// </summary>
public sealed record Market(MarketId Id, string Name, UsState State, string? Cbsa, LocalityId MedicareLocality)
{
    public override string ToString() => $"{Name} ({Id})";
}
