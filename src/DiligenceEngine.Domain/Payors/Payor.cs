namespace DiligenceEngine.Domain.Payors;

/// <summary>The line of business a payor's contracts belong to; rates of different types are not pooled.</summary>
public enum PayorType
{
    Commercial,
    MedicareAdvantage,
    Medicare,
    ManagedMedicaid,
    WorkersCompensation,
}

/// <summary>A payor by its canonical name, with every alias seen in source files.</summary>
public sealed record Payor
{
    public Payor(string name, PayorType type, IReadOnlyList<string> aliases)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A payor needs a canonical name.", nameof(name));
        }

        Name = name.Trim();
        Type = type;
        Aliases = aliases;
    }

    public string Name { get; }

    public PayorType Type { get; }

    public IReadOnlyList<string> Aliases { get; }

    public bool Equals(Payor? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;
}
