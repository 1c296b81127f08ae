using System.Globalization;
using Docket.Web.Features.CaseNumbers;

namespace Docket.UnitTests;

/// <summary>案号 (case-numbers.md): （{year}）{court abbreviation}{type code}{sequence}号, full-width parentheses, no spaces.</summary>
public class CaseNumberFormatTests
{
    [Theory]
    [InlineData(2026, "甘0622", "民初", 123, "（2026）甘0622民初123号")]
    [InlineData(2026, "甘0622", "民初", 1, "（2026）甘0622民初1号")]
    [InlineData(2027, "甘06", "民终", 45, "（2027）甘06民终45号")]
    [InlineData(2026, "甘", "行初", 7, "（2026）甘行初7号")]
    [InlineData(2026, "鲁0502", "执", 9, "（2026）鲁0502执9号")]
    [InlineData(2026, "甘0622", "民诉前调", 300, "（2026）甘0622民诉前调300号")]
    [InlineData(2026, "甘0622", "民督", 12345, "（2026）甘0622民督12345号")]
    public void Format_CourtTypeAndSequence_SpecFormat(int year, string court, string type, int sequence, string expected)
    {
        Assert.Equal(expected, CaseNumberFormat.Format(year, court, type, sequence));
    }

    [Fact]
    public void Format_Always_FullWidthParenthesesAndNoSpaces()
    {
        var n = CaseNumberFormat.Format(2026, "甘0622", "民初", 123);
        Assert.Equal('\uFF08', n[0]);
        Assert.Equal('\uFF09', n[5]);
        Assert.DoesNotContain(n, char.IsWhiteSpace);
        Assert.DoesNotContain("(", n);
        Assert.DoesNotContain(")", n);
        Assert.EndsWith("号", n);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("zh-CN")]
    [InlineData("fa-IR")]
    public void Format_AnyCurrentCulture_PlainAsciiDigitsWithoutSeparators(string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.Equal("（2026）甘0622民初1234567号", CaseNumberFormat.Format(2026, "甘0622", "民初", 1234567));
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
