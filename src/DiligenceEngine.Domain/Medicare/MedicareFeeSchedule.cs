using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Amounts;

namespace DiligenceEngine.Domain.Medicare;

/// <summary>
/// One year of the Medicare physician fee schedule as the engine prices it: RVUs per code, GPCIs per locality,
/// and the conversion factor. Rate = [(work × work GPCI) + (PE × PE GPCI) + (MP × MP GPCI)] × CF, rounded to
/// cents once per code, as CMS publishes its fee-schedule amounts.
/// </summary>
public sealed class MedicareFeeSchedule
{
    private readonly IReadOnlyDictionary<CptCode, RvuSet> rvus;
    private readonly IReadOnlyDictionary<LocalityId, MedicareLocality> localities;

    public MedicareFeeSchedule(
        int year,
        decimal conversionFactor,
        IReadOnlyDictionary<CptCode, RvuSet> rvus,
        IReadOnlyDictionary<LocalityId, MedicareLocality> localities,
        IReadOnlyList<string> provenance)
    {
        if (conversionFactor <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(conversionFactor), conversionFactor, "The conversion factor must be positive dollars per RVU.");
        }

        Year = year;
        ConversionFactor = conversionFactor;
        this.rvus = rvus;
        this.localities = localities;
        Provenance = provenance;
    }

    public int Year { get; }

    /// <summary>Dollars per RVU.</summary>
    public decimal ConversionFactor { get; }

    /// <summary>Where each part of this schedule came from (file names, or the built-in catalog and its source).</summary>
    public IReadOnlyList<string> Provenance { get; }

    public IEnumerable<MedicareLocality> Localities => localities.Values;

    public bool HasCode(CptCode code) => rvus.ContainsKey(code);

    public bool HasLocality(LocalityId id) => localities.ContainsKey(id);

    public RvuSet RvusOf(CptCode code) =>
        rvus.TryGetValue(code, out var set)
            ? set
            : throw new KeyNotFoundException($"The {Year} Medicare fee schedule has no RVUs for {code}; load the CMS PPRRVU file for {Year} that lists it.");

    public MedicareLocality Locality(LocalityId id) =>
        localities.TryGetValue(id, out var locality)
            ? locality
            : throw new KeyNotFoundException($"The {Year} Medicare fee schedule has no locality {id}; check the locality against CMS's GPCI file (MAC-locality, e.g. 08202-01).");

    /// <summary>The non-facility amount of a code in a locality, rounded to cents.</summary>
    public Money Rate(CptCode code, LocalityId locality)
    {
        var r = RvusOf(code);
        var g = Locality(locality).Gpci;
        var geographicRvus = (r.Work * g.Work) + (r.PracticeExpense * g.PracticeExpense) + (r.Malpractice * g.Malpractice);
        return Money.Usd(geographicRvus * ConversionFactor).RoundToCents();
    }

    /// <summary>The national amount (every GPCI 1.0): total RVUs × CF, rounded to cents.</summary>
    public Money NationalRate(CptCode code) => Money.Usd(RvusOf(code).Total * ConversionFactor).RoundToCents();
}
