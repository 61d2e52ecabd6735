using DiligenceEngine.Domain.Codes;

namespace DiligenceEngine.Domain.Tests.Codes;

public class CptCodeTests
{
    [Theory]
    [InlineData("97110", "97110")]
    [InlineData(" g0283 ", "G0283")]
    [InlineData("0001F", "0001F")]
    public void ParsesTheThreeCodeShapes(string text, string expected)
    {
        CptCode.Parse(text).TryGetValue(out var code).ShouldBeTrue();
        code.Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("9711")]
    [InlineData("97110-GP")]
    [InlineData("ABCDE")]
    [InlineData("97 10")]
    public void RejectsMalformedCodesWithTheExpectedShape(string text)
    {
        var result = CptCode.Parse(text);
        result.Success.ShouldBeFalse();
        result.Error!.ShouldContain($"'{text}' is not a CPT/HCPCS code");
        result.Error!.ShouldContain("five digits");
    }

    [Fact]
    public void EmptyCodeSaysItIsEmpty() => CptCode.Parse("  ").Error!.ShouldContain("empty");

    [Fact]
    public void EqualCodesAreEqualAndHashAlike()
    {
        CptCode.Of("97110").ShouldBe(CptCode.Of(" 97110"));
        CptCode.Of("97110").GetHashCode().ShouldBe(CptCode.Of("97110").GetHashCode());
        (CptCode.Of("97110") != CptCode.Of("97112")).ShouldBeTrue();
    }

    [Fact]
    public void DefaultCodeRefusesToBeRead() => Should.Throw<InvalidOperationException>(() => default(CptCode).Value);
}
