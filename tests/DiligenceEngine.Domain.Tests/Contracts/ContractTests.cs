using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.Tests.Contracts;

public class ContractTests
{
    private static Contract Build(DateOnly? effective = null, DateOnly? termEnd = null, bool autoRenews = true, int renewalMonths = 12, int noticeDays = 90, MarketId[]? markets = null) =>
        new("C1", new Payor("Aetna", PayorType.Commercial, []), markets ?? [MarketId.Of("MI-DETROIT")],
            effective ?? new DateOnly(2024, 1, 1), termEnd ?? new DateOnly(2025, 12, 31), autoRenews, renewalMonths, noticeDays,
            Percent.Zero, new RateBasis.FixedFeeSchedule(new Dictionary<CptCode, Money> { [CptCode.Of("97110")] = Money.Usd(30m) }),
            MpprPolicy.None(), ChangeOfOwnership.Assignable);

    [Fact]
    public void AValidContractKeepsItsTerms()
    {
        var contract = Build();
        contract.CurrentTermEnd.ShouldBe(new DateOnly(2025, 12, 31));
        contract.NoticeDays.ShouldBe(90);
    }

    [Fact]
    public void ATermEndingBeforeItStartsIsRejected() =>
        Should.Throw<ArgumentException>(() => Build(effective: new DateOnly(2026, 1, 1))).Message.ShouldContain("before its effective date");

    [Fact]
    public void AnAutoRenewingContractNeedsARenewalTerm() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Build(renewalMonths: 0)).Message.ShouldContain("renewal term");

    [Fact]
    public void AContractCoversAtLeastOneMarket() =>
        Should.Throw<ArgumentException>(() => Build(markets: [])).Message.ShouldContain("names no market");

    [Fact]
    public void NoticeDaysOutsideTwoYearsAreRejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Build(noticeDays: 1000));

    [Fact]
    public void MpprPolicyRejectsPercentsOutsideZeroToHundredAndZeroCaps()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => MpprPolicy.FlatSecondary(Percent.FromPoints(150m), false));
        Should.Throw<ArgumentOutOfRangeException>(() => MpprPolicy.None(dailyUnitCap: 0)).Message.ShouldContain("at least 1 unit");
    }

    [Fact]
    public void MpprPolicyDescribesItself() =>
        MpprPolicy.CmsPracticeExpense(Percent.FromPoints(50m), true, 4).ToString().ShouldBe("CMS-style MPPR, 50% PE reduction on later units, evaluations exempt, cap 4 units/day");
}
