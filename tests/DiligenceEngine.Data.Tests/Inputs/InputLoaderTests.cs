using DiligenceEngine.Data.Csv;
using DiligenceEngine.Domain.Amounts;
using DiligenceEngine.Domain.Codes;
using DiligenceEngine.Domain.Contracts;
using DiligenceEngine.Domain.MarketData;

namespace DiligenceEngine.Data.Tests.Inputs;

public class InputLoaderTests
{
    private static DataIssue SingleBlocking(InputFixture fixture)
    {
        var (inputs, log) = fixture.Load();
        inputs.ShouldBeNull();
        return log.Issues.Where(i => i.Severity == IssueSeverity.Blocking).ShouldHaveSingleItem();
    }

    [Fact]
    public void AValidDatasetLoadsWithNoIssues()
    {
        using var fixture = new InputFixture();
        var (inputs, log) = fixture.Load();
        log.Issues.ShouldBeEmpty();
        inputs!.Market.Rates.Count.ShouldBe(4);
        inputs.Target!.Contracts.Count.ShouldBe(2);
        inputs.Target.Claims.Count.ShouldBe(3);
    }

    [Fact]
    public void AliasesResolveToTheCanonicalPayor()
    {
        using var fixture = new InputFixture();
        var inputs = fixture.Load().Inputs!;
        inputs.Market.Rates.Count(r => r.Payor.Name == "UnitedHealthcare").ShouldBe(3);
    }

    [Fact]
    public void PercentOfMedicareRatesKeepTheirPercentAndMedicareYear()
    {
        using var fixture = new InputFixture();
        var rate = fixture.Load().Inputs!.Market.Rates.Single(r => r.Type == RateType.PercentOfMedicare);
        rate.PercentOfMedicare.ShouldBe(Percent.FromPoints(110m));
        rate.Dollars.ShouldBeNull();
        rate.Year.ShouldBe(2025);
    }

    [Fact]
    public void ContractsCarryTheirRateBasisMpprAndOwnershipTerms()
    {
        using var fixture = new InputFixture();
        var contracts = fixture.Load().Inputs!.Target!.Contracts;
        var uhc = contracts.Single(c => c.Id == "C-UHC");
        uhc.Rates.ShouldBeOfType<RateBasis.FixedFeeSchedule>().Fees[CptCode.Of("97110")].ShouldBe(Money.Usd(30m));
        uhc.Mppr.Kind.ShouldBe(MpprKind.CmsPracticeExpense);
        var aetna = contracts.Single(c => c.Id == "C-AETNA");
        aetna.Rates.ShouldBeOfType<RateBasis.PercentOfMedicare>().Percent.ShouldBe(Percent.FromPoints(105m));
        aetna.Mppr.DailyUnitCap.ShouldBe(4);
        aetna.ChangeOfOwnership.ShouldBe(ChangeOfOwnership.ConsentRequired);
        aetna.Markets.Count.ShouldBe(2);
    }

    [Fact]
    public void ANonNumericRateNamesFileLineColumnAndValue()
    {
        using var fixture = new InputFixture();
        var issue = SingleBlocking(fixture.Line("market/rates.csv", 3, "MI-DETROIT,Aetna,97110,thirty,negotiated,P1,2025,,tic"));
        issue.Location.ShouldEndWith("rates.csv:3:4");
        issue.ColumnName.ShouldBe("rate");
        issue.Value.ShouldBe("thirty");
        issue.Message.ShouldContain("not a dollar amount");
    }

    [Fact]
    public void ANegativeRateIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("target/fee-schedules.csv", 2, "C-UHC,97110,-30.00")).Location.ShouldEndWith("fee-schedules.csv:2:3");
    }

    [Fact]
    public void AMalformedCodeIsBlockingButAnUnknownOneIsACountedWarning()
    {
        using var fixture = new InputFixture();
        fixture.Line("market/rates.csv", 2, "MI-DETROIT,UHC,97-10,31.50,negotiated,P1,2025,,tic")
            .Append("market/rates.csv", "MI-DETROIT,UHC,97750,41.00,negotiated,P1,2025,,tic")
            .Append("market/rates.csv", "MI-DETROIT,UHC,97750,42.00,negotiated,P2,2025,,tic");
        var (_, log) = fixture.Load();
        var blocking = log.Issues.Single(i => i.Severity == IssueSeverity.Blocking);
        blocking.Location.ShouldEndWith("rates.csv:2:3");
        var warning = log.Issues.Single(i => i.Severity == IssueSeverity.Warning);
        warning.Location.ShouldEndWith("rates.csv:6:3");
        warning.Message.ShouldContain("its 2 row(s)");
    }

    [Fact]
    public void AnUnknownPayorIsBlockingWithASuggestion()
    {
        using var fixture = new InputFixture();
        var issue = SingleBlocking(fixture.Line("target/claims.csv", 4, "V2,2026-01-06,DET-01,Aetnaa,97110,1,75.00,31.00"));
        issue.Location.ShouldEndWith("claims.csv:4:4");
        issue.Message.ShouldContain("did you mean 'Aetna'");
    }

    [Fact]
    public void AnAmbiguousPayorAliasIsBlockingInThePayorFile()
    {
        using var fixture = new InputFixture();
        var issue = SingleBlocking(fixture.Line("market/payors.csv", 3, "Aetna,commercial,UHC"));
        issue.Location.ShouldEndWith("payors.csv:3:3");
        issue.Message.ShouldContain("already names payor 'UnitedHealthcare'");
    }

    [Fact]
    public void TheSameContractAndCodeTwiceIsBlocking()
    {
        using var fixture = new InputFixture();
        var issue = SingleBlocking(fixture.Append("target/fee-schedules.csv", "C-UHC,97110,31.00"));
        issue.Location.ShouldEndWith("fee-schedules.csv:4:2");
        issue.Message.ShouldContain("already has a rate for 97110 (line 2)");
    }

    [Fact]
    public void TheSamePracticePayorCodeAndYearTwiceIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Append("market/rates.csv", "MI-DETROIT,UnitedHealthcare,97110,32.00,negotiated,P1,2025,,tic"))
            .Message.ShouldContain("(line 2)");
    }

    [Fact]
    public void InvertedContractDatesAreBlocking()
    {
        using var fixture = new InputFixture();
        var issue = SingleBlocking(fixture.Line("target/contracts.csv", 2,
            "C-UHC,UHC,MI-DETROIT,2027-01-01,2022-03-31,true,12,90,0%,fee_schedule,,,,cms,50%,false,,assignable"));
        issue.Location.ShouldEndWith("contracts.csv:2:5");
        issue.Message.ShouldContain("dates are not swapped");
    }

    [Fact]
    public void AnImpossibleDateIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("target/claims.csv", 4, "V2,2026-02-30,DET-01,Aetna,97110,1,75.00,31.00")).Location.ShouldEndWith("claims.csv:4:2");
    }

    [Fact]
    public void AnEscalatorWrittenAsABareNumberIsCaughtByItsRange()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("target/contracts.csv", 2,
            "C-UHC,UHC,MI-DETROIT,2022-01-01,2027-03-31,true,12,90,3,fee_schedule,,,,cms,50%,false,,assignable"))
            .Message.ShouldContain("if you meant 3%");
    }

    [Fact]
    public void APercentOfMedicareContractMustNameItsYearAndLocality()
    {
        using var fixture = new InputFixture();
        fixture.Line("target/contracts.csv", 3,
            "C-AETNA,Aetna,MI-DETROIT,2020-01-01,2026-12-31,true,12,90,2%,percent_of_medicare,105%,,,none,,,,assignable");
        var (_, log) = fixture.Load();
        log.Issues.Select(i => i.ColumnName).ShouldBe(["medicare_year", "medicare_locality"]);
    }

    [Fact]
    public void MpprWithoutItsPercentIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("target/contracts.csv", 2,
            "C-UHC,UHC,MI-DETROIT,2022-01-01,2027-03-31,true,12,90,0%,fee_schedule,,,,cms,,false,,assignable"))
            .Message.ShouldContain("PE reduction");
    }

    [Fact]
    public void AFeeScheduleContractWithoutRatesIsBlocking()
    {
        using var fixture = new InputFixture();
        fixture.Line("target/fee-schedules.csv", 2, "C-OTHER,97110,30.00").Line("target/fee-schedules.csv", 3, "C-OTHER,97161,95.00");
        var (_, log) = fixture.Load();
        log.Issues.Select(i => i.Message).ShouldContain(m => m.Contains("lists no rates for it"));
        log.Issues.Select(i => i.Message).ShouldContain(m => m.Contains("'C-OTHER' has rates in fee-schedules.csv but is not in contracts.csv"));
    }

    [Fact]
    public void OneClaimIdWithTwoDatesIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("target/claims.csv", 3, "V1,2026-01-07,DET-01,UHC,97161,1,260.00,95.00")).Message.ShouldContain("one claim id is one visit");
    }

    [Fact]
    public void AMarketWithALocalityOfAnotherStateIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("market/markets.csv", 3, "OH-COLUMBUS,Columbus,OH,18140,08202-01")).Message.ShouldContain("is in MI, not OH");
    }

    [Fact]
    public void AFailedNegotiationThatAchievedSomethingIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Line("market/negotiations.csv", 3, "Aetna,,2023,timed_code_carve_out,10%,4%,failed,6")).ColumnName.ShouldBe("achieved");
    }

    [Fact]
    public void ATargetWithoutClaimsOrVolumesIsBlocking()
    {
        using var fixture = new InputFixture();
        SingleBlocking(fixture.Without("target/claims.csv")).Message.ShouldContain("add claims.csv");
    }

    [Fact]
    public void ClaimsForAPayorWithoutAContractAreAWarning()
    {
        using var fixture = new InputFixture();
        fixture.Append("target/claims.csv", "V3,2026-01-07,DET-01,Humana MA,97110,1,75.00,28.00");
        var (inputs, log) = fixture.Load();
        inputs.ShouldNotBeNull();
        log.Issues.Single().Message.ShouldContain("billed to Humana Medicare Advantage, which has no contract");
    }

    [Fact]
    public void EveryProblemOfEveryFileIsReportedInOnePass()
    {
        using var fixture = new InputFixture();
        fixture.Line("market/rates.csv", 2, "MI-DETROIT,UHC,97110,abc,negotiated,P1,2025,,tic")
            .Line("market/rates.csv", 3, "MI-DETROT,Aetna,97110,33.00,negotiated,P1,2025,,tic")
            .Line("target/contracts.csv", 2, "C-UHC,UHC,MI-DETROIT,2022-01-01,2027-03-31,maybe,12,90,0%,fee_schedule,,,,cms,50%,false,,assignable")
            .Line("target/claims.csv", 2, "V1,2026-01-05,DET-01,UHC,97110,0,150.00,60.00");
        var (_, log) = fixture.Load();
        log.Issues.Select(i => i.Location[(i.Location.LastIndexOf('/') + 1)..]).ShouldBe(
            ["rates.csv:2:4", "rates.csv:3:1", "contracts.csv:2:6", "claims.csv:2:6"], ignoreOrder: true);
    }

    [Fact]
    public void AggregatedVolumesLoadWhenThereAreNoClaims()
    {
        using var fixture = new InputFixture();
        fixture.Without("target/claims.csv").Append("target/volumes.csv", "location_id,payor,cpt,units_per_year,visits_per_year")
            .Append("target/volumes.csv", "DET-01,UHC,97110,5120,2730")
            .Append("target/volumes.csv", "DET-01,Aetna,97140,800,790");
        var (inputs, log) = fixture.Load();
        log.Issues.ShouldBeEmpty();
        inputs!.Target!.Volumes.Select(v => (v.Payor.Name, v.UnitsPerYear)).ShouldBe([("UnitedHealthcare", 5120), ("Aetna", 800)]);
    }

    [Fact]
    public void VolumesWithMoreVisitsThanUnitsAreBlocking()
    {
        using var fixture = new InputFixture();
        fixture.Without("target/claims.csv").Append("target/volumes.csv", "location_id,payor,cpt,units_per_year,visits_per_year")
            .Append("target/volumes.csv", "DET-01,UHC,97110,100,2730");
        SingleBlocking(fixture).Location.ShouldEndWith("volumes.csv:2:5");
    }

    [Fact]
    public void VolumesBesideClaimsAreNotUsedAndSaySo()
    {
        using var fixture = new InputFixture();
        fixture.Append("target/volumes.csv", "location_id,payor,cpt,units_per_year,visits_per_year").Append("target/volumes.csv", "DET-01,UHC,97110,100,50");
        var (inputs, log) = fixture.Load();
        inputs!.Target!.Volumes.ShouldBeEmpty();
        log.Issues.Single().Message.ShouldContain("volumes.csv is not used because claims.csv is present");
    }

    [Fact]
    public void TwoContractsOfOnePayorInOneMarketAreBlocking()
    {
        using var fixture = new InputFixture();
        var issue = SingleBlocking(fixture.Line("target/contracts.csv", 3,
            "C-AETNA,UHC,MI-DETROIT|OH-COLUMBUS,2020-01-01,2026-12-31,true,12,90,2%,percent_of_medicare,105%,2025,08202-01,none,,,4,consent_required"));
        issue.Location.ShouldEndWith("contracts.csv:3:3");
        issue.Message.ShouldContain("contracts C-UHC (line 2) and C-AETNA both cover UnitedHealthcare in MI-DETROIT");
    }
}
