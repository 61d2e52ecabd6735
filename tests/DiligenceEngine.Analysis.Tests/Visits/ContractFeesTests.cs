using DiligenceEngine.Analysis.Visits;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Medicare;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Analysis.Tests.Visits;

public class ContractFeesTests
{
    private static Contract With(RateBasis rates) =>
        new("C", new Payor("Anthem", PayorType.Commercial, []), [MarketId.Of("OH-COLUMBUS")], new DateOnly(2023, 1, 1), new DateOnly(2027, 12, 31),
            true, 12, 90, Percent.Zero, rates, MpprPolicy.None(), ChangeOfOwnership.Assignable);

    private static MedicareBaseline Ohio() => MedicareBaseline.Build(CptCatalog.Default, [],
        [new GpciRelease(2025, [new MedicareLocality(LocalityId.Of("15202-00"), "OH", "OHIO", new Gpci(1m, 0.911m, 1.033m))], "test")]);

    /// <summary>Ohio 2025 97110: (0.45 + 0.43 × 0.911 + 0.01 × 1.033) × 32.3465 = $27.56; × 104% = 28.6624 → $28.66.</summary>
    [Fact]
    public void APercentOfMedicareContractIsPricedAtItsNamedYearAndLocality()
    {
        var fees = ContractFees.Resolve(With(new RateBasis.PercentOfMedicare(Percent.FromPoints(104m), 2025, LocalityId.Of("15202-00"))), Ohio(), CptCatalog.Default);
        fees[CptCode.Of("97110")].ShouldBe(Money.Usd(28.66m));
        fees.Count.ShouldBe(CptCatalog.Default.All.Count(c => c.RvusByYear.ContainsKey(2025)));
    }

    [Fact]
    public void AFixedFeeScheduleIsUsedAsWritten()
    {
        var schedule = new Dictionary<CptCode, Money> { [CptCode.Of("97110")] = Money.Usd(31.25m) };
        ContractFees.Resolve(With(new RateBasis.FixedFeeSchedule(schedule)), Ohio(), CptCatalog.Default).ShouldBe(schedule);
    }
}
