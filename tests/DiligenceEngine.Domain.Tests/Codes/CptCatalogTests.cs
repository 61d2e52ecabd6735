using DiligenceEngine.Domain.Codes;

namespace DiligenceEngine.Domain.Tests.Codes;

public class CptCatalogTests
{
    private static readonly CptCatalog Catalog = CptCatalog.Default;

    [Theory]
    [InlineData("97161", Discipline.PhysicalTherapy, CodeCategory.Evaluation)]
    [InlineData("97164", Discipline.PhysicalTherapy, CodeCategory.ReEvaluation)]
    [InlineData("97167", Discipline.OccupationalTherapy, CodeCategory.Evaluation)]
    [InlineData("97168", Discipline.OccupationalTherapy, CodeCategory.ReEvaluation)]
    [InlineData("97530", Discipline.Both, CodeCategory.Timed15Minute)]
    [InlineData("97150", Discipline.Both, CodeCategory.Untimed)]
    public void KnowsEachCodesDisciplineAndCategory(string code, Discipline discipline, CodeCategory category)
    {
        var info = Catalog[CptCode.Of(code)];
        info.Discipline.ShouldBe(discipline);
        info.Category.ShouldBe(category);
    }

    [Theory]
    [InlineData("97110", 0.89)]
    [InlineData("97112", 0.99)]
    [InlineData("97140", 0.84)]
    [InlineData("97530", 1.07)]
    [InlineData("97535", 0.99)]
    [InlineData("97161", 3.03)]
    [InlineData("97164", 2.09)]
    [InlineData("97165", 3.11)]
    [InlineData("97168", 2.15)]
    public void Carries2025TotalRvusFromTheCmsFile(string code, decimal total) =>
        Catalog[CptCode.Of(code)].RvusByYear[2025].Total.ShouldBe(total);

    [Theory]
    [InlineData("97110", 0.88)]
    [InlineData("97530", 1.10)]
    [InlineData("97161", 3.01)]
    [InlineData("97168", 2.10)]
    public void Carries2024TotalRvus(string code, decimal total) =>
        Catalog[CptCode.Of(code)].RvusByYear[2024].Total.ShouldBe(total);

    [Fact]
    public void Carries2026OnlyWhereTheWorkPeMpSplitIsKnown()
    {
        Catalog.All.Where(c => c.RvusByYear.ContainsKey(2026)).Select(c => c.Code.Value).Order()
            .ShouldBe(["97110", "97112", "97530"]);
    }

    [Fact]
    public void EvaluationComplexityLevelsShareRvus()
    {
        var pt = new[] { "97161", "97162", "97163" }.Select(c => Catalog[CptCode.Of(c)].RvusByYear[2025]).Distinct();
        pt.Count().ShouldBe(1);
    }

    [Fact]
    public void UnknownCodeNamesTheKnownOnes() =>
        Should.Throw<KeyNotFoundException>(() => Catalog[CptCode.Of("99213")]).Message.ShouldContain("97110");
}
