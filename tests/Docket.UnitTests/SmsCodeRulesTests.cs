using Docket.Web.Features.Accounts;

namespace Docket.UnitTests;

public class SmsCodeRulesTests
{
    static SmsCode Issued(DateTime at) => new() { Id = "x", Phone = "13800138000", CreatedAt = at, ExpiresAt = at + SmsCodeRules.Lifetime };

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(300, false)] // valid 5 minutes, not a second longer
    [InlineData(301, false)]
    public void IsLive_SecondsAfterIssue_ValidForFiveMinutes(int seconds, bool live)
    {
        var at = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal(live, SmsCodeRules.IsLive(Issued(at), at.AddSeconds(seconds)));
    }

    [Fact]
    public void IsLive_UsedOrVoided_NotLive()
    {
        var at = new DateTime(2026, 11, 30, 1, 0, 0, DateTimeKind.Utc);
        var used = Issued(at);
        used.UsedAt = at;
        var voided = Issued(at);
        voided.VoidedAt = at;
        Assert.False(SmsCodeRules.IsLive(used, at));
        Assert.False(SmsCodeRules.IsLive(voided, at));
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData("23800138000", null)]
    [InlineData("1380013800", null)]
    [InlineData("138001380001", null)]
    [InlineData("1380013800x", null)]
    [InlineData(null, null)]
    public void NormalizeMobile_Input_MainlandElevenDigitsOrNull(string? input, string? expected) =>
        Assert.Equal(expected, SmsCodeRules.NormalizeMobile(input));

    [Fact]
    public void NewCode_Always_SixDigits()
    {
        for (var i = 0; i < 200; i++) Assert.Matches("^[0-9]{6}$", SmsCodeRules.NewCode());
    }

    [Fact]
    public void Hash_SameCodeOtherRow_Differs() =>
        Assert.NotEqual(SmsCodeRules.Hash("a", "13800138000", "123456"), SmsCodeRules.Hash("b", "13800138000", "123456"));

    [Fact]
    public void Limits_AsTheContractSays_FiveTriesFiveCodesPerPhoneThirtyPerAddress() =>
        Assert.Equal((5, 5, 30, TimeSpan.FromMinutes(10)),
            (SmsCodeRules.MaxTries, SmsCodeRules.PerPhonePerWindow, SmsCodeRules.PerAddressPerWindow, SmsCodeRules.Window));
}
