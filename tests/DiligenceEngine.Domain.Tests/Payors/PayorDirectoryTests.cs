using DiligenceEngine.Domain.Payors;

namespace DiligenceEngine.Domain.Tests.Payors;

public class PayorDirectoryTests
{
    private static readonly Payor Uhc = new("UnitedHealthcare", PayorType.Commercial, ["UHC", "United Healthcare"]);
    private static readonly Payor Bcbsm = new("Blue Cross Blue Shield of Michigan", PayorType.Commercial, ["BCBSM"]);
    private static readonly Payor Humana = new("Humana Medicare Advantage", PayorType.MedicareAdvantage, ["Humana"]);
    private static readonly Payor HumanaCommercial = new("Humana Commercial", PayorType.Commercial, ["Humana"]);

    [Theory]
    [InlineData("UnitedHealthcare")]
    [InlineData("uhc")]
    [InlineData("United Healthcare.")]
    [InlineData("  UNITED-HEALTHCARE ")]
    public void MatchesNamesAndAliasesIgnoringCaseSpacingAndPunctuation(string name)
    {
        new PayorDirectory([Uhc, Bcbsm]).Resolve(name).ShouldBe(new PayorMatch.Found(Uhc));
    }

    [Fact]
    public void AmpersandReadsAsAnd() =>
        new PayorDirectory([new Payor("Smith and Sons Health", PayorType.Commercial, [])]).Resolve("Smith & Sons Health")
            .ShouldBeOfType<PayorMatch.Found>();

    [Fact]
    public void ANearMissIsUnknownWithASuggestionNotAMatch() =>
        new PayorDirectory([Uhc, Bcbsm]).Resolve("Untied Healthcare").ShouldBe(new PayorMatch.Unknown("UnitedHealthcare"));

    [Fact]
    public void AFarMissHasNoSuggestion() =>
        new PayorDirectory([Uhc, Bcbsm]).Resolve("Kaiser Permanente").ShouldBe(new PayorMatch.Unknown(null));

    [Fact]
    public void AnAliasSharedByTwoPayorsIsAmbiguous()
    {
        var directory = new PayorDirectory([Humana, HumanaCommercial]);
        directory.Resolve("humana").ShouldBeOfType<PayorMatch.Ambiguous>().Candidates.Count.ShouldBe(2);
        directory.AmbiguousNames.Single().Key.ShouldBe("humana");
    }
}
