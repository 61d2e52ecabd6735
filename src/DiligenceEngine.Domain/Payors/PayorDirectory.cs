using System.Text;

namespace DiligenceEngine.Domain.Payors;

/// <summary>The result of looking up a payor name as written in a source file.</summary>
public abstract record PayorMatch
{
    private PayorMatch()
    {
    }

    public sealed record Found(Payor Payor) : PayorMatch;

    /// <summary>No canonical name or alias matched; <see cref="Suggestion"/> is the closest known name, if any is close.</summary>
    public sealed record Unknown(string? Suggestion) : PayorMatch;

    /// <summary>The name is an alias of more than one payor.</summary>
    public sealed record Ambiguous(IReadOnlyList<Payor> Candidates) : PayorMatch;
}

/// <summary>
/// Resolves payor names as written in contracts, claims and market files to canonical payors. Matching ignores
/// case, spacing and punctuation ("United Healthcare, Inc." = "unitedhealthcare inc"), and "&amp;" reads as "and";
/// it never guesses beyond that: a near miss is reported with a suggestion, not matched.
/// </summary>
public sealed class PayorDirectory
{
    private readonly Dictionary<string, List<Payor>> byKey = new(StringComparer.Ordinal);

    public PayorDirectory(IEnumerable<Payor> payors)
    {
        Payors = payors.ToArray();
        foreach (var payor in Payors)
        {
            foreach (var name in payor.Aliases.Prepend(payor.Name))
            {
                var key = Key(name);
                if (!byKey.TryGetValue(key, out var list))
                {
                    byKey[key] = list = [];
                }

                if (!list.Contains(payor))
                {
                    list.Add(payor);
                }
            }
        }
    }

    public IReadOnlyList<Payor> Payors { get; }

    /// <summary>Names (canonical or alias) that point at more than one payor; a payor file with any is invalid.</summary>
    public IEnumerable<(string Key, IReadOnlyList<Payor> Payors)> AmbiguousNames =>
        byKey.Where(kv => kv.Value.Count > 1).Select(kv => (kv.Key, (IReadOnlyList<Payor>)kv.Value));

    public PayorMatch Resolve(string? name)
    {
        var key = Key(name ?? string.Empty);
        if (byKey.TryGetValue(key, out var list))
        {
            return list.Count == 1 ? new PayorMatch.Found(list[0]) : new PayorMatch.Ambiguous(list);
        }

        return new PayorMatch.Unknown(ClosestName(key));
    }

    /// <summary>The comparison key: lower-case letters and digits only, "&amp;" as "and".</summary>
    public static string Key(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name.Replace("&", " and ", StringComparison.Ordinal))
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    private string? ClosestName(string key)
    {
        if (key.Length == 0 || Payors.Count == 0)
        {
            return null;
        }

        var best = Payors
            .SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (Payor: p, Distance: EditDistance(key, Key(n)))))
            .MinBy(x => x.Distance);
        // A suggestion is only useful when it is plausibly a typo, not any payor at all.
        return best.Payor is not null && best.Distance <= Math.Max(2, key.Length / 4) ? best.Payor.Name : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
