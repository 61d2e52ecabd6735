using DiligenceEngine.Data.Cms;
using DiligenceEngine.Data.Csv;
using DiligenceEngine.Data.Inputs;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Tests.Shared;

namespace DiligenceEngine.Data.Tests.Inputs;

/// <summary>
/// A small, valid market dataset and target practice written to a temporary folder; tests break one line of
/// one file and check what the loaders report.
/// </summary>
internal sealed class InputFixture : IDisposable
{
    private static readonly Lazy<MedicareBaseline> SharedBaseline = new(() =>
        MedicareReferenceLoader.Load(RepoPaths.CmsFolder, CptCatalog.Default, new DataIssueLog()).Baseline!);

    private readonly TempFolder folder = new();

    private readonly Dictionary<string, List<string>> files = new()
    {
        ["market/payors.csv"] =
        [
            "payor,type,aliases",
            "UnitedHealthcare,commercial,UHC|United Healthcare",
            "Aetna,commercial,",
            "Humana Medicare Advantage,medicare_advantage,Humana MA",
        ],
        ["market/markets.csv"] =
        [
            "market_id,name,state,cbsa,medicare_locality",
            "MI-DETROIT,Detroit,MI,19820,08202-01",
            "OH-COLUMBUS,Columbus,OH,18140,15202-00",
        ],
        ["market/rates.csv"] =
        [
            "market_id,payor,cpt,rate,rate_type,practice_id,year,medicare_year,source",
            "MI-DETROIT,UHC,97110,31.50,negotiated,P1,2025,,tic",
            "MI-DETROIT,Aetna,97110,$33.00,negotiated,P1,2025,,tic",
            "MI-DETROIT,UnitedHealthcare,97110,110%,percent_of_medicare,P2,2025,2025,survey",
            "OH-COLUMBUS,UHC,97140,29.10,negotiated,P3,2025,,tic",
        ],
        ["market/negotiations.csv"] =
        [
            "payor,market_id,year,strategy,requested,achieved,outcome,months_to_effective",
            "UHC,MI-DETROIT,2024,uniform_increase,6%,6%,success,4",
            "Aetna,,2023,timed_code_carve_out,10%,0%,failed,6",
        ],
        ["market/visit-mix.csv"] =
        [
            "basket,cpt,units_per_visit,source",
            "PT,97110,1.5,test",
            "PT,97161,0.09,test",
        ],
        ["target/locations.csv"] =
        [
            "location_id,name,market_id",
            "DET-01,Dearborn,MI-DETROIT",
        ],
        ["target/contracts.csv"] =
        [
            "contract_id,payor,markets,effective_date,term_end,auto_renew,renewal_term_months,notice_days,escalator,rate_basis,medicare_percent,medicare_year,medicare_locality,mppr,mppr_percent,mppr_evaluations_exempt,daily_unit_cap,change_of_ownership",
            "C-UHC,UHC,MI-DETROIT,2022-01-01,2027-03-31,true,12,90,0%,fee_schedule,,,,cms,50%,false,,assignable",
            "C-AETNA,Aetna,MI-DETROIT|OH-COLUMBUS,2020-01-01,2026-12-31,true,12,90,2%,percent_of_medicare,105%,2025,08202-01,none,,,4,consent_required",
        ],
        ["target/fee-schedules.csv"] =
        [
            "contract_id,cpt,rate",
            "C-UHC,97110,30.00",
            "C-UHC,97161,95.00",
        ],
        ["target/claims.csv"] =
        [
            "claim_id,date_of_service,location_id,payor,cpt,units,billed,paid",
            "V1,2026-01-05,DET-01,UHC,97110,2,150.00,60.00",
            "V1,2026-01-05,DET-01,UHC,97161,1,260.00,95.00",
            "V2,2026-01-06,DET-01,Aetna,97110,1,75.00,31.00",
        ],
    };

    public static MedicareBaseline Baseline => SharedBaseline.Value;

    public string MarketFolder => Path.Combine(folder.Path, "market");

    public string TargetFolder => Path.Combine(folder.Path, "target");

    /// <summary>Replaces 1-based physical line <paramref name="line"/> of <paramref name="file"/>.</summary>
    public InputFixture Line(string file, int line, string content)
    {
        files[file][line - 1] = content;
        return this;
    }

    public InputFixture Append(string file, string content)
    {
        if (!files.TryGetValue(file, out var lines))
        {
            files[file] = lines = [];
        }

        lines.Add(content);
        return this;
    }

    public InputFixture Without(string file)
    {
        files.Remove(file);
        return this;
    }

    public (InputSet? Inputs, DataIssueLog Log) Load()
    {
        foreach (var (name, lines) in files)
        {
            folder.File(name, string.Join("\n", lines) + "\n");
        }

        var log = new DataIssueLog();
        return (InputLoader.LoadAgainst(Baseline, [], MarketFolder, TargetFolder, CptCatalog.Default, log), log);
    }

    public void Dispose() => folder.Dispose();
}
