using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;

namespace Docket.IntegrationTests;

/// <summary>
/// Sign-in by mobile number (api.md, auth rows): 6-digit codes valid 5 minutes, 5 tries, rate limits per phone and
/// per client address, the demo's developer inbox, phone verification and password reset by SMS. A fake clock
/// moves past each test's rate-limit window, so the tests do not share limits.
/// </summary>
public sealed partial class SmsSignInTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    static int next;

    /// <summary>A fresh mainland mobile number per test, and a fresh 10-minute window for the shared client address.</summary>
    string NewPhone()
    {
        app.Advance(TimeSpan.FromMinutes(11));
        return "139" + (10_000_000 + Interlocked.Increment(ref next) * 7919 % 89_999_999).ToString("D8");
    }

    async Task<string> CodeAsync(string phone, string purpose = "login")
    {
        var r = await app.PostAsync("/api/v1/auth/sms-code", new { phone, purpose });
        var body = await r.ShouldBe(HttpStatusCode.Accepted, "sms-code");
        Assert.Equal(300, body.GetProperty("expiresIn").GetInt32());
        return await LatestCodeAsync(phone);
    }

    async Task<string> LatestCodeAsync(string phone)
    {
        var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK, "outbox");
        var text = outbox.EnumerateArray().First().Str("text");
        return SixDigits().Match(text).Value;
    }

    Task<HttpResponseMessage> LoginSmsAsync(string phone, string code) => app.PostAsync("/api/v1/auth/login-sms", new { phone, code });

    [Fact]
    public async Task LoginSms_FirstUse_CreatesAVerifiedFilerAndLaterSignsIntoIt()
    {
        var phone = NewPhone();
        var code = await CodeAsync(phone);
        Assert.Matches("^[0-9]{6}$", code);
        var tokens = await (await LoginSmsAsync(phone, code)).ShouldBe(HttpStatusCode.OK, "login-sms");
        Assert.Equal("Bearer", tokens.Str("tokenType"));
        var me = await (await app.GetAsync("/api/v1/me", tokens.Str("accessToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("filer", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(phone, me.Str("phone"));

        var again = await (await LoginSmsAsync(phone, await CodeAsync(phone))).ShouldBe(HttpStatusCode.OK, "second login");
        var me2 = await (await app.GetAsync("/api/v1/me", again.Str("accessToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(me.Str("id"), me2.Str("id"));
    }

    [Fact]
    public async Task LoginSms_UsedCode_CannotBeUsedTwice()
    {
        var phone = NewPhone();
        var code = await CodeAsync(phone);
        await (await LoginSmsAsync(phone, code)).ShouldBe(HttpStatusCode.OK);
        var r = await (await LoginSmsAsync(phone, code)).ShouldBeProblem(400, "sms.code-invalid");
        Assert.Equal(0, r.GetProperty("attemptsLeft").GetInt32());
    }

    [Fact]
    public async Task LoginSms_WrongCodes_AttemptsLeftCountDownAndTheSixthTryVoidsTheCode()
    {
        var phone = NewPhone();
        var code = await CodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var left = 4; left >= 0; left--)
        {
            var r = await (await LoginSmsAsync(phone, wrong)).ShouldBeProblem(400, "sms.code-wrong");
            Assert.Equal(left, r.GetProperty("attemptsLeft").GetInt32());
            Assert.True(r.GetProperty("errors").TryGetProperty("code", out _));
        }
        // The sixth try — even with the right code — is refused and the code is void.
        await (await LoginSmsAsync(phone, code)).ShouldBeProblem(429, "sms.too-many-attempts");
        await (await LoginSmsAsync(phone, code)).ShouldBeProblem(400, "sms.code-invalid");
    }

    [Fact]
    public async Task LoginSms_RightCodeOnTheFifthTry_SignsIn()
    {
        var phone = NewPhone();
        var code = await CodeAsync(phone);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 4; i++) await (await LoginSmsAsync(phone, wrong)).ShouldBeProblem(400, "sms.code-wrong");
        await (await LoginSmsAsync(phone, code)).ShouldBe(HttpStatusCode.OK, "fifth try");
    }

    [Fact]
    public async Task LoginSms_AfterFiveMinutes_CodeExpired()
    {
        var phone = NewPhone();
        var code = await CodeAsync(phone);
        app.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        var stillValid = await CodeAsync(phone); // a new code voids the old one (checked against the new: wrong) …
        if (stillValid != code) await (await LoginSmsAsync(phone, code)).ShouldBeProblem(400, "sms.code-wrong");
        app.Advance(TimeSpan.FromMinutes(5)); // … and lives five minutes, not longer
        await (await LoginSmsAsync(phone, stillValid)).ShouldBeProblem(400, "sms.code-invalid");
    }

    [Fact]
    public async Task SmsCode_SixthRequestForOnePhoneWithinTenMinutes_TooManyRequests()
    {
        var phone = NewPhone();
        for (var i = 0; i < 5; i++) await CodeAsync(phone);
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone })).ShouldBeProblem(429, "sms.too-many-codes");
        app.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        await CodeAsync(phone);
    }

    [Fact]
    public async Task SmsCode_ThirtyFirstRequestFromOneAddressWithinTenMinutes_TooManyRequests()
    {
        NewPhone();
        var baseNumber = 13700000000L + Interlocked.Increment(ref next) * 100;
        for (var i = 0; i < 30; i++)
            await (await app.PostAsync("/api/v1/auth/sms-code", new { phone = (baseNumber + i).ToString() })).ShouldBe(HttpStatusCode.Accepted, "code " + i);
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone = (baseNumber + 30).ToString() })).ShouldBeProblem(429, "sms.too-many-codes");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("23800138000")]
    [InlineData("1380013800a")]
    [InlineData("")]
    public async Task SmsCode_NotAMainlandMobile_FieldError(string phone)
    {
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone })).ShouldBeFieldError("phone", phone);
        await (await app.PostAsync("/api/v1/auth/login-sms", new { phone, code = "123456" })).ShouldBeFieldError("phone", phone);
    }

    [Fact]
    public async Task SmsCode_UnknownPurpose_FieldError() =>
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone = NewPhone(), purpose = "verify-phone" })).ShouldBeFieldError("purpose");

    [Fact]
    public async Task VerifyPhone_EmailAccount_AddsAVerifiedPhoneThenSmsSignInReachesTheSameAccount()
    {
        var filer = await app.NewFilerAsync();
        var phone = NewPhone();
        await (await app.PostAsync("/api/v1/me/phone/code", new { phone }, filer.Token)).ShouldBe(HttpStatusCode.Accepted);
        var me = await (await app.PutAsync("/api/v1/me/phone", new { phone, code = await LatestCodeAsync(phone) }, filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(phone, me.Str("phone"));

        var tokens = await (await LoginSmsAsync(phone, await CodeAsync(phone))).ShouldBe(HttpStatusCode.OK);
        var viaSms = await (await app.GetAsync("/api/v1/me", tokens.Str("accessToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(me.Str("id"), viaSms.Str("id"));

        // Another account cannot take the verified phone.
        var other = await app.NewFilerAsync();
        await (await app.PostAsync("/api/v1/me/phone/code", new { phone }, other.Token)).ShouldBeProblem(409, "sms.phone-taken");
    }

    [Fact]
    public async Task PasswordReset_ByCodeToTheVerifiedPhone_NewPasswordWorksOldDoesNot()
    {
        var filer = await app.NewFilerAsync();
        var phone = NewPhone();
        await (await app.PostAsync("/api/v1/me/phone/code", new { phone }, filer.Token)).ShouldBe(HttpStatusCode.Accepted);
        await (await app.PutAsync("/api/v1/me/phone", new { phone, code = await LatestCodeAsync(phone) }, filer.Token)).ShouldBe(HttpStatusCode.OK);

        var code = await CodeAsync(phone, "reset-password");
        await (await app.PostAsync("/api/v1/auth/password-reset", new { phone, code, newPassword = "short" })).ShouldBeFieldError("newPassword");
        await (await app.PostAsync("/api/v1/auth/password-reset", new { phone, code, newPassword = "A-new-password-2026" })).ShouldBe(HttpStatusCode.NoContent);
        await (await app.PostAsync("/api/v1/auth/login", new { email = filer.Email, password = "A-new-password-2026" })).ShouldBe(HttpStatusCode.OK);
        await (await app.PostAsync("/api/v1/auth/login", new { email = filer.Email, password = filer.Password })).ShouldBeProblem(401);
    }

    [Fact]
    public async Task PasswordReset_PhoneOfNoAccount_AcceptedButNothingSent()
    {
        var phone = NewPhone();
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone, purpose = "reset-password" })).ShouldBe(HttpStatusCode.Accepted);
        var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, outbox.GetArrayLength());
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}

/// <summary>The developer inbox exists in demo mode only.</summary>
public sealed class DevOutboxTests(NoDemoAppFactory app) : IClassFixture<NoDemoAppFactory>
{
    [Fact]
    public async Task DevSmsOutbox_DemoOff_NotFound()
    {
        await (await app.GetAsync("/api/v1/dev/sms-outbox")).ShouldBeProblem(404);
        // Without a gateway nothing can be sent: the caller is told, not left waiting for a code.
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone = "13912345678" })).ShouldBeProblem(503, "sms.unavailable");
    }
}

public sealed class NoDemoAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Docket:Demo", "false");
    }
}
