using Docket.Web.Features.Counter;

namespace Docket.UnitTests;

public sealed class ClaimCodeRulesTests
{
    [Fact]
    public void NewCode_TwelveUnambiguousCharactersInThreeGroups_AndDifferentEachTime()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ClaimCodeRules.NewCode()).ToList();
        Assert.All(codes, c => Assert.Matches("^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$", c));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKLM", "ABCDEFGHJKLM")]
    [InlineData("abcd efgh jklm", "ABCDEFGHJKLM")]
    [InlineData(" abcdefghjklm ", "ABCDEFGHJKLM")]
    [InlineData("ABCD\u3000EFGH\u3000JKLM", "ABCDEFGHJKLM")]
    public void Normalize_AsTypedFromPaper(string input, string expected) => Assert.Equal(expected, ClaimCodeRules.Normalize(input));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD-EFGH-JKL")]
    [InlineData("ABCD-EFGH-JKLMN")]
    [InlineData("ABCD-EFGH-JKL0")]
    [InlineData("ABCD-EFGH-JKLI")]
    [InlineData("ABCD-EFGH-JKL'")]
    public void Normalize_NotACode_Null(string? input) => Assert.Null(ClaimCodeRules.Normalize(input));

    [Fact]
    public void Hash_OfTheNormalizedCode_SameHowEverTyped() =>
        Assert.Equal(ClaimCodeRules.Hash(ClaimCodeRules.Normalize("abcd-efgh-jklm")!), ClaimCodeRules.Hash(ClaimCodeRules.Normalize("ABCDEFGHJKLM")!));

    [Theory]
    [InlineData("13912345678", "139****5678")]
    [InlineData("123", "****")]
    public void MaskPhone(string phone, string masked) => Assert.Equal(masked, ClaimCodeRules.MaskPhone(phone));
}
