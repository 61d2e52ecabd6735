using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Data.Cms;

/// <summary>The counties that make up one Medicare locality, as CMS lists them.</summary>
public sealed record LocalityCounties(LocalityId Locality, string State, string FeeScheduleArea, string Counties);

/// <summary>
/// Loads CMS's locality-to-county file (yyLOCCO.csv): blank spacer rows between entries, and the state written
/// only on the first locality of each state (later rows of the state leave it blank, meaning "same state").
/// </summary>
public static class LocalityCountyFileLoader
{
    public static IReadOnlyList<LocalityCounties> Load(string path, string displayName, DataIssueLog log)
    {
        var result = new List<LocalityCounties>();
        var headerSeen = false;
        var state = string.Empty;
        foreach (var (line, fields) in CmsFileReader.Rows(path, displayName, log))
        {
            if (!headerSeen)
            {
                headerSeen = fields.Length >= 5 && fields[0].StartsWith("Medicare Ad", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (fields.Length < 5 || fields.All(f => f.Length == 0) || !fields[0].All(char.IsAsciiDigit) || fields[0].Length == 0)
            {
                continue;
            }

            if (!LocalityId.FromParts(fields[0], fields[1]).TryGetValue(out var id))
            {
                log.Blocking(displayName, line, 2, "Locality Number", fields[1], "not a locality number; re-download the unmodified CMS file");
                continue;
            }

            state = fields[2].Length > 0 ? fields[2] : state;
            result.Add(new LocalityCounties(id, state, fields[3], fields[4]));
        }

        if (!headerSeen)
        {
            log.Blocking(displayName, null, null, null, null, "no header row starting 'Medicare Administrative Contractor' was found; is this a CMS locality-county (LOCCO) file?");
        }

        return result;
    }
}
