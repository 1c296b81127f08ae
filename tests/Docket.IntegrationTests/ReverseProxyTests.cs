using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Docket.IntegrationTests;

public sealed class BehindProxyAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Docket:TrustedProxies", "127.0.0.1,::1");
    }
}

/// <summary>X-Forwarded-Proto is believed from a configured proxy only: then the cookies a page sets are Secure.</summary>
public sealed class ReverseProxyTests(BehindProxyAppFactory proxied) : IClassFixture<BehindProxyAppFactory>
{
    static async Task<string> LoginPageCookiesAsync(DocketAppFactory app)
    {
        var r = await app.GetAsync("/Account/Login", configure: m => m.Headers.Add("X-Forwarded-Proto", "https"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return string.Join("\n", r.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task ForwardedHttps_FromATrustedProxy_CookiesSecure() =>
        Assert.Contains("secure", await LoginPageCookiesAsync(proxied), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task ForwardedHttps_WithoutTrustedProxies_Ignored()
    {
        await using var direct = new SqliteAppFactory();
        await direct.InitializeAsync();
        Assert.DoesNotContain("secure", await LoginPageCookiesAsync(direct), StringComparison.OrdinalIgnoreCase);
    }
}
