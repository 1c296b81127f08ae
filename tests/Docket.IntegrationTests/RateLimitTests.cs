using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Docket.IntegrationTests;

public sealed class LowLimitsAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Docket:RateLimits:SignInPerMinute", "4");
        builder.UseSetting("Docket:RateLimits:RegisterPerMinute", "3");
        builder.UseSetting("Docket:RateLimits:UploadPerMinute", "3");
    }
}

/// <summary>Sign-in, registration and uploads are limited per client address: the excess answers 429 ProblemDetails with Retry-After.</summary>
public sealed class RateLimitTests(LowLimitsAppFactory app) : IClassFixture<LowLimitsAppFactory>
{
    static async Task AssertLimitedAsync(HttpResponseMessage r, string what)
    {
        await r.ShouldBeProblem(429, "request.rate-limited", what);
        Assert.True(r.Headers.RetryAfter is not null, $"{what}: no Retry-After");
    }

    [Fact]
    public async Task SignInRegisterAndUpload_OverTheLimit_429WithRetryAfter()
    {
        // Registration: 3 a minute from one address (NewFilerAsync registers once and signs in once).
        var filer = await app.NewFilerAsync();
        for (var i = 0; i < 2; i++)
            await (await app.PostAsync("/api/v1/auth/register", new { email = $"r{Guid.NewGuid():N}"[..12] + "@it.test", password = "It-pass-2026-abcdef" })).ShouldBe(HttpStatusCode.OK);
        await AssertLimitedAsync(await app.PostAsync("/api/v1/auth/register", new { email = "over@it.test", password = "It-pass-2026-abcdef" }), "4th register");

        // Sign-in: 4 a minute; wrong passwords count as much as right ones.
        for (var i = 0; i < 3; i++)
            await (await app.PostAsync("/api/v1/auth/login", new { email = filer.Email, password = "wrong" })).ShouldBeProblem(401);
        await AssertLimitedAsync(await app.PostAsync("/api/v1/auth/login", new { email = filer.Email, password = filer.Password }), "5th sign-in");
        var page = await app.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);

        // Uploads: 3 a minute.
        var id = await app.CreateDraftAsync(filer.Token);
        for (var i = 0; i < 3; i++)
            await (await app.UploadAsync(id, filer.Token, "evidence", $"e{i}.pdf", TestFiles.Pdf($"e{i}"))).ShouldBe(HttpStatusCode.Created);
        await AssertLimitedAsync(await app.UploadAsync(id, filer.Token, "evidence", "over.pdf", TestFiles.Pdf("over")), "4th upload");
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal(3, f.GetProperty("documents").GetArrayLength());
    }
}
