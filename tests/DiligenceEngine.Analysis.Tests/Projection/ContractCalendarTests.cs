using DiligenceEngine.Analysis.Projection;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.Markets;
using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Analysis.Tests.Projection;

public class ContractCalendarTests
{
    private static readonly CalendarOptions Options = new() { ConsentDelayDays = 60, CredentialingGapDays = 120, NegotiationLeadDays = 180 };

    private static Contract Contract(string termEnd, bool autoRenews = true, int noticeDays = 90, ChangeOfOwnership ownership = ChangeOfOwnership.Assignable,
        string effective = "2022-04-01", decimal escalatorPoints = 0m) =>
        new("C", new Payor("P", PayorType.Commercial, []), [MarketId.Of("M")], D(effective), D(termEnd), autoRenews, autoRenews ? 12 : 0, noticeDays,
            Percent.FromPoints(escalatorPoints), new RateBasis.FixedFeeSchedule(new Dictionary<CptCode, Money>()), MpprPolicy.None(), ownership);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static ContractTimeline Plan(Contract c, string close, DealStructure deal = DealStructure.StockPurchase, int months = 4) =>
        ContractCalendar.Plan(c, D(close), deal, Options, months);

    [Fact]
    public void ANoticeDeadlineFallingOnTheCloseDateIsJustMet()
    {
        var t = Plan(Contract("2027-03-31"), "2026-12-31");
        t.NoticeDeadline.ShouldBe(D("2026-12-31"));
        t.RenewalDate.ShouldBe(D("2027-03-31"));
        t.RenewalsRolled.ShouldBe(0);
        t.EarliestOpening.ShouldBe(D("2026-12-31"));
        t.EarliestEffective.ShouldBe(D("2027-04-30"));
    }

    [Fact]
    public void ANoticeDeadlineOneDayBeforeCloseIsMissedAndRollsToTheNextRenewal()
    {
        var t = Plan(Contract("2027-03-31"), "2027-01-01");
        t.RenewalsRolled.ShouldBe(1);
        t.RenewalDate.ShouldBe(D("2028-03-31"));
        t.NoticeDeadline.ShouldBe(D("2028-01-01"));
        t.EarliestOpening.ShouldBe(D("2027-07-05"));
        t.EarliestEffective.ShouldBe(D("2028-04-01"));
        t.Reasoning.ShouldContain(r => r.Contains("waits for the next renewal"));
    }

    [Fact]
    public void AnEvergreenContractRollsAsManyRenewalsAsHavePassed()
    {
        var t = Plan(Contract("2020-12-31", effective: "2018-01-01"), "2026-06-01");
        t.RenewalsRolled.ShouldBe(6);
        t.RenewalDate.ShouldBe(D("2026-12-31"));
    }

    [Fact]
    public void NewRatesWaitForTheRenewalEvenWhenTalksEndEarly() =>
        Plan(Contract("2027-12-31"), "2026-01-15", months: 2).EarliestEffective.ShouldBe(D("2028-01-01"));

    [Fact]
    public void ALongNegotiationPushesNewRatesPastTheRenewal() =>
        Plan(Contract("2027-03-31"), "2026-12-31", months: 9).EarliestEffective.ShouldBe(D("2027-09-30"));

    [Fact]
    public void AConsentClauseDelaysTheActionDateAndCanMissTheNoticeWindow()
    {
        var t = Plan(Contract("2027-03-31", ownership: ChangeOfOwnership.ConsentRequired), "2026-12-01");
        t.CloseEffect.ShouldBe(CloseEffect.ConsentPending);
        t.ActionDate.ShouldBe(D("2027-01-30"));
        t.RenewalDate.ShouldBe(D("2028-03-31"));
        t.RevenueAtRiskFrom.ShouldBeNull();
    }

    [Fact]
    public void InAnAssetDealConsentHoldsClaimsUntilItArrives()
    {
        var t = Plan(Contract("2027-03-31", ownership: ChangeOfOwnership.ConsentRequired), "2026-12-01", DealStructure.AssetPurchase);
        t.RevenueAtRiskFrom.ShouldBe(D("2026-12-01"));
        t.RevenueAtRiskTo.ShouldBe(D("2027-01-29"));
    }

    [Fact]
    public void ATerminatingContractHasACredentialingGapAndNoRenegotiation()
    {
        var t = Plan(Contract("2027-03-31", ownership: ChangeOfOwnership.Terminates), "2026-12-01");
        t.CloseEffect.ShouldBe(CloseEffect.Terminates);
        t.RevenueAtRiskFrom.ShouldBe(D("2026-12-01"));
        t.RevenueAtRiskTo.ShouldBe(D("2027-03-30"));
        t.RenewalDate.ShouldBeNull();
        t.EarliestEffective.ShouldBeNull();
    }

    [Fact]
    public void ANonRenewingContractPastItsNoticeDeadlineIsRenegotiatedAtExpiry()
    {
        var t = Plan(Contract("2027-01-31", autoRenews: false), "2026-12-15");
        t.RenewalDate.ShouldBe(D("2027-01-31"));
        t.RenewalsRolled.ShouldBe(0);
        t.Reasoning.ShouldContain(r => r.Contains("does not renew"));
    }

    /// <summary>Notice due 2027-12-31, talks open 2027-07-04, new rates 2028-04-01: one anniversary (2027-07-01) falls between.</summary>
    [Fact]
    public void EscalatorsApplyOnEachAnniversaryUntilTheNewRates()
    {
        var t = Plan(Contract("2028-03-31", effective: "2021-07-01", escalatorPoints: 2m), "2026-12-31");
        t.EarliestEffective.ShouldBe(D("2028-04-01"));
        t.EscalatorDates.ShouldBe([D("2027-07-01")]);
        Plan(Contract("2028-03-31", effective: "2021-07-01"), "2026-12-31").EscalatorDates.ShouldBeEmpty();
    }
}
