using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>Registration, password sign-in with lockout, refresh tokens, the account itself, and the message language.</summary>
[Collection(SqliteCollection.Name)]
public sealed class AccountTests(SqliteAppFactory app)
{
    static string NewEmail() => $"a{Guid.NewGuid():N}"[..13] + "@it.test";

    [Fact]
    public async Task Register_Valid_FilerRole()
    {
        var email = NewEmail();
        var r = await (await app.PostAsync("/api/v1/auth/register", new { email, password = "long-enough-1" })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(email, r.Str("email"));
        Assert.False(string.IsNullOrEmpty(r.Str("id")));
        Assert.Equal(["filer"], r.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("1234567")]
    [InlineData("")]
    public async Task Register_ShortPassword_FieldErrorPassword(string password)
    {
        var email = NewEmail();
        await (await app.PostAsync("/api/v1/auth/register", new { email, password })).ShouldBeFieldError("password");
        // Nothing was created: the address is still free.
        await (await app.PostAsync("/api/v1/auth/register", new { email, password = "long-enough-1" })).ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    public async Task Register_InvalidEmail_FieldErrorEmail(string email)
    {
        await (await app.PostAsync("/api/v1/auth/register", new { email, password = "long-enough-1" })).ShouldBeFieldError("email");
    }

    [Fact]
    public async Task Register_DuplicateEmail_FieldErrorEmail()
    {
        var email = NewEmail();
        await (await app.PostAsync("/api/v1/auth/register", new { email, password = "long-enough-1" })).ShouldBe(HttpStatusCode.OK);
        var dup = await (await app.PostAsync("/api/v1/auth/register", new { email, password = "another-pass-2" })).ShouldBeFieldError("email");
        Assert.Equal("validation.failed", dup.Str("code"));
        await (await app.PostAsync("/api/v1/auth/register", new { email = email.ToUpperInvariant(), password = "another-pass-2" })).ShouldBeFieldError("email");
        // The first password still signs in.
        await app.LoginAsync(email, "long-enough-1");
    }

    [Fact]
    public async Task Login_DemoFiler_BearerTokensAndVerifiedAccount()
    {
        var tokens = await app.LoginTokensAsync("filer@demo.docket");
        Assert.True(tokens.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(tokens.Str("refreshToken")));
        var me = await (await app.GetAsync("/api/v1/me", tokens.Str("accessToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("filer@demo.docket", me.Str("email"));
        Assert.Contains("filer", me.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));
        Assert.True(me.GetProperty("verified").GetBoolean());
        Assert.Equal("620622198503120016", me.GetProperty("profile").Str("idNumber"));
    }

    [Fact]
    public async Task Login_ClerkDemoAccount_ClerkRoleAndCourt()
    {
        var me = await (await app.GetAsync("/api/v1/me", await app.LoginAsync("clerk.620622@demo.docket"))).ShouldBe(HttpStatusCode.OK);
        Assert.Contains("clerk", me.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("620622", me.Str("courtId"));
    }

    [Fact]
    public async Task Login_UnknownEmailOrWrongPassword_UnauthorizedWithSameCode()
    {
        await (await app.PostAsync("/api/v1/auth/login", new { email = NewEmail(), password = "whatever-123" })).ShouldBeProblem(401, "auth.invalid-credentials");
        await (await app.PostAsync("/api/v1/auth/login", new { email = "filer@demo.docket", password = "" })).ShouldBeFieldError("password");
        await (await app.PostAsync("/api/v1/auth/login", new { })).ShouldBeFieldError("email");
    }

    [Fact]
    public async Task Login_WrongPasswordFiveTimes_SixthAttemptLockedOutEvenWithRightPassword()
    {
        var email = NewEmail();
        const string password = "right-password-1";
        await (await app.PostAsync("/api/v1/auth/register", new { email, password })).ShouldBe(HttpStatusCode.OK);
        for (var i = 1; i <= 4; i++)
            await (await app.PostAsync("/api/v1/auth/login", new { email, password = "wrong-password-" + i })).ShouldBeProblem(401, "auth.invalid-credentials", $"attempt {i}");
        var fifth = await app.PostAsync("/api/v1/auth/login", new { email, password = "wrong-password-5" });
        Assert.True(fifth.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"5th attempt: {(int)fifth.StatusCode}");
        var sixth = await (await app.PostAsync("/api/v1/auth/login", new { email, password })).ShouldBeProblem(429, "auth.locked-out");
        Assert.DoesNotContain("accessToken", sixth.ToString());
    }

    [Fact]
    public async Task Refresh_ValidRefreshToken_NewAccessTokenWorks()
    {
        var filer = await app.NewFilerAsync();
        var tokens = await app.LoginTokensAsync(filer.Email, filer.Password);
        var refreshed = await (await app.PostAsync("/api/v1/auth/refresh", new { refreshToken = tokens.Str("refreshToken") })).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Bearer", refreshed.Str("tokenType"));
        Assert.False(string.IsNullOrEmpty(refreshed.Str("refreshToken")));
        var me = await (await app.GetAsync("/api/v1/me", refreshed.Str("accessToken"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(filer.Email, me.Str("email"));
    }

    [Fact]
    public async Task Refresh_InvalidOrMissingToken_Refused()
    {
        await (await app.PostAsync("/api/v1/auth/refresh", new { refreshToken = "garbage" })).ShouldBeProblem(401, "auth.refresh-token-invalid");
        await (await app.PostAsync("/api/v1/auth/refresh", new { })).ShouldBeFieldError("refreshToken");
        // An access token is not a refresh token.
        var access = await app.LoginAsync("filer@demo.docket");
        await (await app.PostAsync("/api/v1/auth/refresh", new { refreshToken = access })).ShouldBeProblem(401, "auth.refresh-token-invalid");
    }

    [Fact]
    public async Task Me_AfterValidProfileAndServiceAddress_FullShapeAndVerified()
    {
        var filer = await app.NewFilerAsync();
        var me = await (await app.GetAsync("/api/v1/me", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(me.Str("id")));
        Assert.Equal(filer.Email, me.Str("email"));
        Assert.Equal(["filer"], me.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));
        Assert.True(me.GetProperty("verified").GetBoolean());
        var profile = me.GetProperty("profile");
        Assert.Equal("张三", profile.Str("fullName"));
        Assert.Equal("resident-id", profile.Str("idType"));
        Assert.Equal(filer.IdNumber, profile.Str("idNumber"));
        Assert.Equal("13800138000", profile.Str("phone"));
        var address = me.GetProperty("serviceAddress");
        Assert.True(address.GetProperty("electronicConsent").GetBoolean());
        Assert.Equal("13800138000", address.Str("phone"));
        Assert.Equal("甘肃省武威市古浪县古浪镇", address.Str("postalAddress"));
    }

    [Fact]
    public async Task Me_BeforeProfile_NotVerifiedAndSubmitBlocked()
    {
        var email = NewEmail();
        await (await app.PostAsync("/api/v1/auth/register", new { email, password = "long-enough-1" })).ShouldBe(HttpStatusCode.OK);
        var tok = await app.LoginAsync(email, "long-enough-1");
        var me = await (await app.GetAsync("/api/v1/me", tok)).ShouldBe(HttpStatusCode.OK);
        Assert.False(me.GetProperty("verified").GetBoolean());
        Assert.True(me.TryGetProperty("serviceAddress", out var sa) && sa.ValueKind == JsonValueKind.Null || !me.TryGetProperty("serviceAddress", out _));

        // Everything else complete: the missing profile and service address still block the submission.
        var id = await app.CompleteFilingAsync(tok);
        var check = await (await app.GetAsync($"/api/v1/filings/{id}/check", tok)).ShouldBe(HttpStatusCode.OK);
        var blocking = check.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("blocking").GetBoolean()).Select(i => i.Str("code")).ToList();
        Assert.Contains("check.profile-incomplete", blocking);
        Assert.Contains("check.service-address-missing", blocking);
        await (await app.PostAsync($"/api/v1/filings/{id}/submit", null, tok)).ShouldBeProblem(409, "filing.incomplete");
    }

    [Fact]
    public async Task UpdateServiceAddress_MissingFields_FieldErrors()
    {
        var filer = await app.SharedFilerAsync();
        var r = await app.PutAsync("/api/v1/me/service-address", new { phone = "no", postalAddress = " " }, filer.Token);
        var json = await r.ShouldBeFieldError("electronicConsent");
        Assert.True(json.GetProperty("errors").TryGetProperty("phone", out _));
        Assert.True(json.GetProperty("errors").TryGetProperty("postalAddress", out _));
    }

    [Fact]
    public async Task Problems_AcceptLanguageEnglish_EnglishDetail()
    {
        var body = new { email = NewEmail(), password = "short" };
        var en = await (await app.PostAsync("/api/v1/auth/register", body, configure: m => m.Headers.AcceptLanguage.ParseAdd("en"))).ShouldBeFieldError("password");
        Assert.Equal("Some fields are invalid; please correct them.", en.Str("detail"));
        Assert.Equal("The password needs at least 8 characters.", en.GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Equal("validation.failed", en.Str("code"));

        var zh = await (await app.PostAsync("/api/v1/auth/register", body)).ShouldBeFieldError("password");
        Assert.Equal("提交的内容有误，请按提示修改。", zh.Str("detail"));
        Assert.Equal("密码至少需要 8 个字符。", zh.GetProperty("errors").GetProperty("password")[0].GetString());
        Assert.Equal("validation.failed", zh.Str("code"));

        var tok = (await app.SharedFilerAsync()).Token;
        var missing = $"/api/v1/filings/{Guid.NewGuid():N}";
        var notFoundEn = await (await app.GetAsync(missing, tok, m => m.Headers.AcceptLanguage.ParseAdd("en-US"))).ShouldBeProblem(404, "not-found");
        Assert.Equal("Not found, or not yours to see.", notFoundEn.Str("detail"));
        var notFoundZh = await (await app.GetAsync(missing, tok, m => m.Headers.AcceptLanguage.ParseAdd("zh-CN"))).ShouldBeProblem(404, "not-found");
        Assert.Equal("未找到该内容，或您无权查看。", notFoundZh.Str("detail"));
    }

    /// <summary>
    /// Problems written outside the handlers — the 401 of the bearer challenge (status code pages), a body that does
    /// not bind (the exception handler) — must speak the caller's language too.
    /// </summary>
    [Theory]
    [InlineData("no token", "Please sign in first.", "请先登录。")]
    [InlineData("malformed JSON", "The request is malformed (e.g. invalid JSON or a field of the wrong type).", "请求格式有误（例如 JSON 无法解析或字段类型不符）。")]
    [InlineData("wrong JSON type", "The request is malformed (e.g. invalid JSON or a field of the wrong type).", "请求格式有误（例如 JSON 无法解析或字段类型不符）。")]
    public async Task FrameworkProblems_AcceptLanguageEnglish_EnglishDetail(string scenario, string english, string chinese)
    {
        var tok = scenario == "no token" ? null : (await app.SharedFilerAsync()).Token;
        Task<HttpResponseMessage> Call(string? language) => scenario switch
        {
            "no token" => app.GetAsync("/api/v1/filings", configure: m => Language(m, language)),
            "malformed JSON" => app.SendAsync(HttpMethod.Post, "/api/v1/filings", tok, DocketAppFactory.RawJson("{not json"), m => Language(m, language)),
            _ => app.SendAsync(HttpMethod.Post, "/api/v1/filings", tok, DocketAppFactory.RawJson("{\"courtId\": [1]}"), m => Language(m, language)),
        };
        var status = scenario == "no token" ? 401 : 400;

        var zh = await (await Call(null)).ShouldBeProblem(status, null, scenario);
        Assert.Equal(chinese, zh.Str("detail"));
        var en = await (await Call("en")).ShouldBeProblem(status, null, scenario + " (en)");
        Assert.Equal(english, en.Str("detail"));
    }

    static void Language(HttpRequestMessage m, string? language)
    {
        if (language is not null) m.Headers.AcceptLanguage.ParseAdd(language);
    }
}
