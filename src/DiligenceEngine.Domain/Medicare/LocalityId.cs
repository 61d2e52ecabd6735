using System.Globalization;
using DiligenceEngine.Domain.Common;

namespace DiligenceEngine.Domain.Medicare;

/// <summary>
/// A Medicare payment locality, keyed as CMS keys it: the MAC contractor number and the locality number,
/// written "08202-01" (Detroit). CMS files spell the same key "08202"/"01" in GPCI2025.csv and "8202"/"1"
/// in 25LOCCO.csv, so both are normalised to five and two digits.
/// </summary>
public readonly record struct LocalityId
{
    private LocalityId(string mac, string locality)
    {
        Mac = mac;
        Locality = locality;
    }

    public string Mac { get; }

    public string Locality { get; }

    public static ParseResult<LocalityId> Parse(string? text)
    {
        var parts = (text ?? string.Empty).Trim().Split('-');
        return parts.Length == 2
            ? FromParts(parts[0], parts[1])
            : ParseResult<LocalityId>.Fail($"'{text}' is not a Medicare locality; write MAC-locality as in CMS's GPCI file, e.g. 08202-01 for Detroit or 15202-00 for Ohio");
    }

    public static ParseResult<LocalityId> FromParts(string? mac, string? locality)
    {
        var m = (mac ?? string.Empty).Trim();
        var l = (locality ?? string.Empty).Trim();
        if (m.Length is < 1 or > 5 || !m.All(char.IsAsciiDigit) || l.Length is < 1 or > 2 || !l.All(char.IsAsciiDigit))
        {
            return ParseResult<LocalityId>.Fail($"'{mac}-{locality}' is not a Medicare locality; the MAC number has up to 5 digits and the locality number up to 2 (e.g. 08202-01)");
        }

        return ParseResult<LocalityId>.Ok(new LocalityId(
            int.Parse(m, CultureInfo.InvariantCulture).ToString("00000", CultureInfo.InvariantCulture),
            int.Parse(l, CultureInfo.InvariantCulture).ToString("00", CultureInfo.InvariantCulture)));
    }

    public static LocalityId Of(string text) => Parse(text).GetValueOrThrow();

    public override string ToString() => $"{Mac}-{Locality}";
}
