using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Medicare;

namespace DiligenceEngine.Domain.Tests.Medicare;

/// <summary>Known answers from shared/domain.md §1 (CMS RVU25D, GPCI2025, CF $32.3465).</summary>
public class MedicareFeeScheduleTests
{
    private static readonly Dictionary<string, (string State, string Name, Gpci Gpci)> Localities = new()
    {
        ["10112-00"] = ("AL", "ALABAMA", new Gpci(1.000m, 0.869m, 0.575m)),
        ["08202-99"] = ("MI", "REST OF MICHIGAN", new Gpci(1.000m, 0.911m, 1.173m)),
        ["08202-01"] = ("MI", "DETROIT", new Gpci(1.003m, 0.986m, 1.718m)),
        ["13202-01"] = ("NY", "MANHATTAN", new Gpci(1.065m, 1.166m, 1.656m)),
        ["01112-05"] = ("CA", "SAN FRANCISCO", new Gpci(1.088m, 1.419m, 0.445m)),
        ["02102-01"] = ("AK", "ALASKA", new Gpci(1.500m, 1.081m, 0.592m)),
    };

    private static MedicareBaseline Baseline()
    {
        var gpcis = new GpciRelease(2025, Localities.Select(l => new MedicareLocality(LocalityId.Of(l.Key), l.Value.State, l.Value.Name, l.Value.Gpci)).ToList(), "test GPCIs");
        return MedicareBaseline.Build(CptCatalog.Default, [], [gpcis]);
    }

    [Theory]
    [InlineData("97110", 28.79)]
    [InlineData("97112", 32.02)]
    [InlineData("97140", 27.17)]
    [InlineData("97530", 34.61)]
    [InlineData("97535", 32.02)]
    [InlineData("97161", 98.01)]
    [InlineData("97164", 67.60)]
    [InlineData("97165", 100.60)]
    [InlineData("97168", 69.54)]
    public void National2025AmountIsTotalRvusTimesConversionFactor(string code, decimal expected) =>
        Baseline().ForYear(2025).NationalRate(CptCode.Of(code)).Amount.ShouldBe(expected);

    [Theory]
    [InlineData("10112-00", 26.83)]
    [InlineData("08202-99", 27.61)]
    [InlineData("08202-01", 28.87)]
    [InlineData("13202-01", 32.26)]
    [InlineData("01112-05", 35.72)]
    [InlineData("02102-01", 37.06)]
    public void Locality2025AmountOf97110AppliesEachGpciToItsRvu(string locality, decimal expected) =>
        Baseline().ForYear(2025).Rate(CptCode.Of("97110"), LocalityId.Of(locality)).Amount.ShouldBe(expected);

    [Theory]
    [InlineData("97110", 29.29)]
    [InlineData("97530", 36.62)]
    [InlineData("97161", 100.20)]
    [InlineData("97168", 69.90)]
    public void National2024AmountUsesTheFactorInForceFromMarch9(string code, decimal expected) =>
        Baseline().ForYear(2024).NationalRate(CptCode.Of(code)).Amount.ShouldBe(expected);

    [Theory]
    [InlineData("97110", 29.06)]
    [InlineData("97112", 32.73)]
    [InlineData("97530", 35.07)]
    public void National2026AmountUsesTheNonApmFactor(string code, decimal expected) =>
        Baseline().ForYear(2026).NationalRate(CptCode.Of(code)).Amount.ShouldBe(expected);

    [Fact]
    public void AYearPricedWithAnotherYearsGpcisIsRecordedAsAnAssumption()
    {
        var baseline = Baseline();
        baseline.Assumptions.ShouldContain(a => a.StartsWith("Medicare 2026: no 2026 GPCI file", StringComparison.Ordinal));
        baseline.Assumptions.ShouldNotContain(a => a.StartsWith("Medicare 2025", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingRvusSayWhichFileToLoad() =>
        Should.Throw<KeyNotFoundException>(() => Baseline().ForYear(2026).NationalRate(CptCode.Of("97140")))
            .Message.ShouldContain("load the CMS PPRRVU file for 2026");

    [Fact]
    public void UnknownLocalityIsAnError() =>
        Should.Throw<KeyNotFoundException>(() => Baseline().ForYear(2025).Rate(CptCode.Of("97110"), LocalityId.Of("99999-01")));
}
