using System.Collections.Frozen;
using DiligenceEngine.Domain.Codes;

namespace DiligenceEngine.Domain.Medicare;

/// <summary>RVUs of one year as read from a CMS PPRRVU file.</summary>
public sealed record RvuRelease(int Year, decimal ConversionFactor, IReadOnlyDictionary<CptCode, RvuSet> Rvus, string Source);

/// <summary>GPCIs of one year as read from a CMS GPCI file.</summary>
public sealed record GpciRelease(int Year, IReadOnlyList<MedicareLocality> Localities, string Source);

/// <summary>
/// The Medicare fee schedules of every year the engine can price. Each year combines RVUs (a loaded CMS RVU
/// file of that year, else the built-in catalog), GPCIs (a loaded GPCI file of that year, else the nearest
/// loaded year, recorded as an assumption) and the conversion factor (the RVU file's own, else the built-in
/// table). What was used is recorded in each schedule's provenance and in <see cref="Assumptions"/>.
/// </summary>
public sealed class MedicareBaseline
{
    private readonly FrozenDictionary<int, MedicareFeeSchedule> years;

    private MedicareBaseline(Dictionary<int, MedicareFeeSchedule> years, IReadOnlyList<string> assumptions)
    {
        this.years = years.ToFrozenDictionary();
        Assumptions = assumptions;
    }

    public IReadOnlyList<int> Years => years.Keys.Order().ToArray();

    /// <summary>Substitutions made because a year's own file was not loaded; each goes to the report's assumptions.</summary>
    public IReadOnlyList<string> Assumptions { get; }

    public bool HasYear(int year) => years.ContainsKey(year);

    public MedicareFeeSchedule ForYear(int year) =>
        years.TryGetValue(year, out var schedule)
            ? schedule
            : throw new KeyNotFoundException($"No Medicare fee schedule for {year}; available years: {string.Join(", ", Years)}. Load CMS's RVU and GPCI files for {year}.");

    public static MedicareBaseline Build(CptCatalog catalog, IReadOnlyList<RvuRelease> rvuReleases, IReadOnlyList<GpciRelease> gpciReleases)
    {
        if (gpciReleases.Count == 0)
        {
            throw new ArgumentException("At least one CMS GPCI file is needed to price Medicare localities.", nameof(gpciReleases));
        }

        var assumptions = new List<string>();
        var candidateYears = catalog.All.SelectMany(c => c.RvusByYear.Keys)
            .Concat(rvuReleases.Select(r => r.Year))
            .Where(y => rvuReleases.Any(r => r.Year == y) || ConversionFactors.Years.Contains(y))
            .Distinct()
            .Order();

        var schedules = new Dictionary<int, MedicareFeeSchedule>();
        foreach (var year in candidateYears)
        {
            var provenance = new List<string>();
            var release = rvuReleases.FirstOrDefault(r => r.Year == year);
            Dictionary<CptCode, RvuSet> rvus;
            decimal factor;
            if (release is not null)
            {
                rvus = new Dictionary<CptCode, RvuSet>(release.Rvus);
                factor = release.ConversionFactor;
                provenance.Add($"RVUs and conversion factor ${factor} from {release.Source}");
            }
            else
            {
                rvus = catalog.All.Where(c => c.RvusByYear.ContainsKey(year)).ToDictionary(c => c.Code, c => c.RvusByYear[year]);
                (factor, var cfSource) = ConversionFactors.ForYear(year);
                provenance.Add($"RVUs from the built-in catalog ({string.Join(", ", rvus.Keys.Order())}); conversion factor ${factor} from {cfSource}");
            }

            var gpci = gpciReleases.FirstOrDefault(g => g.Year == year)
                ?? gpciReleases.MinBy(g => (Math.Abs(g.Year - year), -g.Year))!;
            provenance.Add($"GPCIs from {gpci.Source}");
            if (gpci.Year != year)
            {
                assumptions.Add($"Medicare {year}: no {year} GPCI file was loaded, so {gpci.Year} GPCIs price {year} localities (GPCIs move little year to year, but load CMS's GPCI{year} file to remove this assumption).");
            }

            schedules[year] = new MedicareFeeSchedule(year, factor, rvus, gpci.Localities.ToDictionary(l => l.Id), provenance);
        }

        return new MedicareBaseline(schedules, assumptions);
    }
}
