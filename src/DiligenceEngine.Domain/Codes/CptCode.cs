using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Codes;

/// <summary>
/// A CPT or HCPCS Level II procedure code as billed: five characters, either five digits (97110),
/// a letter and four digits (G0283), or four digits and a letter (0001F). Whether the engine knows the
/// code is a separate question answered by <see cref="CptCatalog"/>.
/// </summary>
public readonly struct CptCode : IEquatable<CptCode>, IComparable<CptCode>
{
    private readonly string? value;

    internal CptCode(string trustedValue) => value = trustedValue;

    public string Value => value ?? throw new InvalidOperationException("A default CptCode holds no code; create one with CptCode.Parse.");

    /// <summary>Parses a code, trimming spaces and upper-casing letters; a wrong shape is a failure with the fix.</summary>
    public static ParseResult<CptCode> Parse(string? text)
    {
        var trimmed = text?.Trim().ToUpperInvariant() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return ParseResult<CptCode>.Fail("the CPT/HCPCS code is empty; write the 5-character code billed, e.g. 97110");
        }

        return IsWellFormed(trimmed)
            ? ParseResult<CptCode>.Ok(new CptCode(trimmed))
            : ParseResult<CptCode>.Fail(
                $"'{text}' is not a CPT/HCPCS code; a code is 5 characters: five digits (97110), a letter and four digits (G0283), or four digits and a letter (0001F), with no modifier");
    }

    /// <summary>Parses a code known to be well formed (catalog literals, tests); throws otherwise.</summary>
    public static CptCode Of(string text) => Parse(text).GetValueOrThrow();

    private static bool IsWellFormed(string s) =>
        s.Length == 5 && (s.All(char.IsAsciiDigit)
            || (char.IsAsciiLetterUpper(s[0]) && s.Skip(1).All(char.IsAsciiDigit))
            || (s.Take(4).All(char.IsAsciiDigit) && char.IsAsciiLetterUpper(s[4])));

    public bool Equals(CptCode other) => string.Equals(value, other.value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is CptCode other && Equals(other);

    public override int GetHashCode() => value is null ? 0 : StringComparer.Ordinal.GetHashCode(value);

    public int CompareTo(CptCode other) => string.CompareOrdinal(value, other.value);

    public static bool operator ==(CptCode left, CptCode right) => left.Equals(right);

    public static bool operator !=(CptCode left, CptCode right) => !left.Equals(right);

    public override string ToString() => value ?? string.Empty;
}
