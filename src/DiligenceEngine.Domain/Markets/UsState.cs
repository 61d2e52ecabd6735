using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Markets;

/// <summary>A US state, DC or territory by its USPS two-letter code.</summary>
public readonly record struct UsState
{
    private static readonly HashSet<string> Codes =
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
        "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "VI", "GU", "AS", "MP",
    ];

    private UsState(string code) => Code = code;

    public string Code { get; }

    public static ParseResult<UsState> Parse(string? text)
    {
        var t = (text ?? string.Empty).Trim().ToUpperInvariant();
        return Codes.Contains(t)
            ? ParseResult<UsState>.Ok(new UsState(t))
            : ParseResult<UsState>.Fail($"'{text}' is not a US state; write the USPS two-letter code, e.g. MI, OH, TX");
    }

    public static UsState Of(string text) => Parse(text).GetValueOrThrow();

    public override string ToString() => Code;
}
