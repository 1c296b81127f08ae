using System.Net;
using System.Text.RegularExpressions;

namespace Docket.IntegrationTests;

/// <summary>
/// A browser for page tests: cookies kept, redirects not followed (so they can be asserted), the antiforgery
/// token read from each form. Test classes derive their own for page-specific posts (uploads, scans).
/// </summary>
public partial class PageBrowser(Uri baseAddress) : IDisposable
{
    protected HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public async Task<(HttpStatusCode Status, string Body, string? Location)> SendAsync(HttpMethod method, string path, HttpContent? content = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var m = new HttpRequestMessage(method, path) { Content = content };
        configure?.Invoke(m);
        var r = await Http.SendAsync(m);
        return (r.StatusCode, await r.Content.ReadAsStringAsync(), r.Headers.Location?.OriginalString);
    }

    /// <summary>A page that must answer 200; its HTML.</summary>
    public async Task<string> GetAsync(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body[..Math.Min(body.Length, 400)]}");
        return body;
    }

    /// <summary>The whole answer (for downloads: headers and bytes).</summary>
    public Task<HttpResponseMessage> ResponseAsync(string path) => Http.GetAsync(path);

    public static string Token(string html) => WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);

    public Task<(HttpStatusCode Status, string Body, string? Location)> PostFormAsync(string path, string token, Dictionary<string, string> fields) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    public async Task LoginAsync(string email, string password = DocketAppFactory.DemoPassword)
    {
        var page = await GetAsync("/Account/Login");
        var (status, body, _) = await PostFormAsync("/Account/Login", Token(page), new() { ["Email"] = email, ["Password"] = password });
        Assert.True(status == HttpStatusCode.Redirect, $"login {email}: {(int)status} {body[..Math.Min(body.Length, 400)]}");
    }

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
