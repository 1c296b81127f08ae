using Docket.Web.Features.Accounts;

namespace Docket.UnitTests;

// Check characters computed by hand:
// resident ID (GB 11643): weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum mod 11 → "10X98765432";
//   11010519491231002 → 167 mod 11 = 2 → X;  44030819800101001 → 186 mod 11 = 10 → 2;
//   31011519000101006 → 100 mod 11 = 1 → 0;  31011519000101123 → 110 mod 11 = 0 → 1.
// USCC (GB 32100): values 0–9, A=10 … Y=30 (no I O Z S V), weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28,
//   check = (31 − sum mod 31) mod 31;  91350100M000100Y4 → 1640 mod 31 = 28 → 3;
//   91440300708460027 → 930 mod 31 = 0 → 0;  91110000600037341 → 538 mod 31 = 11 → 20 = L.
public class IdentityNumbersTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("44030819800101001", '2')]
    [InlineData("31011519000101006", '0')]
    [InlineData("31011519000101123", '1')]
    [InlineData("11010520000229001", '3')]
    public void ResidentIdCheckDigit_First17_Mod11_2(string first17, char expected)
    {
        Assert.Equal(expected, IdentityNumbers.ResidentIdCheckDigit(first17));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100A")]
    public void ResidentIdCheckDigit_NotSeventeenDigits_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => IdentityNumbers.ResidentIdCheckDigit(first17));
    }

    [Theory]
    [InlineData("11010519491231002X", true)] // the well-known example
    [InlineData("11010519491231002x", true)] // lowercase x accepted
    [InlineData("440308198001010012", true)]
    [InlineData("310115190001010060", true)] // born 1900-01-01, check digit 0
    [InlineData("310115190001011231", true)]
    [InlineData("110105200002290013", true)] // 2000-02-29 exists
    [InlineData("110105202506010010", true)] // born today
    [InlineData("110105194912310020", false)] // wrong check digit (should be X)
    [InlineData("440308198001010013", false)] // wrong check digit
    [InlineData("11010519491231002Y", false)] // check is neither digit nor X
    [InlineData("11010519491231002", false)] // 17 characters
    [InlineData("11010519491231002XX", false)] // 19 characters
    [InlineData(" 11010519491231002X", false)] // not trimmed
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("1101051949123100AX", false)] // letter among the first 17
    [InlineData("11010519491231-02X", false)]
    [InlineData("１１０１０５１９４９１２３１００２X", false)] // full-width digits
    [InlineData("110105199902290013", false)] // 1999-02-29 does not exist
    [InlineData("110105199913010013", false)] // month 13
    [InlineData("110105199900000013", false)] // month and day 00
    [InlineData("110105189912310015", false)] // before 1900 (check digit correct)
    [InlineData("110105202506020016", false)] // born tomorrow (check digit correct)
    [InlineData("110105209912310010", false)] // far future (check digit correct)
    public void IsValidResidentId_Value_Expected(string? value, bool expected)
    {
        Assert.Equal(expected, IdentityNumbers.IsValidResidentId(value, Today));
    }

    [Fact]
    public void IsValidResidentId_WithoutToday_UsesCurrentDate()
    {
        Assert.True(IdentityNumbers.IsValidResidentId("11010519491231002X"));
        Assert.False(IdentityNumbers.IsValidResidentId("110105209912310010"));
    }

    [Theory]
    [InlineData("91350100M000100Y4", '3')]
    [InlineData("91350100m000100y4", '3')]
    [InlineData("91440300708460027", '0')]
    [InlineData("91110000600037341", 'L')]
    public void UsccCheckCharacter_First17_Gb32100(string first17, char expected)
    {
        Assert.Equal(expected, IdentityNumbers.UsccCheckCharacter(first17));
    }

    [Theory]
    [InlineData("91350100I000100Y4")]
    [InlineData("9135010O0000100Y4")]
    [InlineData("")]
    [InlineData("91350100M000100Y43")]
    public void UsccCheckCharacter_BadInput_Throws(string first17)
    {
        Assert.Throws<ArgumentException>(() => IdentityNumbers.UsccCheckCharacter(first17));
    }

    [Theory]
    [InlineData("91350100M000100Y43", true)] // the well-known example
    [InlineData("91350100m000100y43", true)] // upper-cased first
    [InlineData("914403007084600270", true)]
    [InlineData("91110000600037341L", true)]
    [InlineData("91110000600037341l", true)]
    [InlineData("91350100M000100Y44", false)] // wrong check character
    [InlineData("91110000600037341M", false)]
    [InlineData("91350100I000100Y43", false)] // I is not in the alphabet
    [InlineData("91350100M0O0100Y43", false)] // O
    [InlineData("91350100Z000100Y43", false)] // Z
    [InlineData("91350100S000100Y43", false)] // S
    [InlineData("91350100V000100Y43", false)] // V
    [InlineData("91110000600037341I", false)] // I as the check character
    [InlineData("91350100M000100Y4", false)] // 17 characters
    [InlineData("91350100M000100Y430", false)] // 19 characters
    [InlineData("91350100M000100Y4 ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsValidUscc_Value_Expected(string? value, bool expected)
    {
        Assert.Equal(expected, IdentityNumbers.IsValidUscc(value));
    }

    [Theory]
    [InlineData(" 11010519491231002x ", "11010519491231002X")]
    [InlineData("\t91350100m000100y43\n", "91350100M000100Y43")]
    [InlineData("", "")]
    public void Normalize_Value_TrimmedAndUppercased(string value, string expected)
    {
        Assert.Equal(expected, IdentityNumbers.Normalize(value));
    }
}
