using System.Net;
using System.Text.RegularExpressions;

namespace Docket.IntegrationTests;

/// <summary>
/// Every answer carries a CSP without inline scripts, no framing, no sniffing; and the pages keep to it: no inline
/// script or event-handler attribute anywhere (behaviour comes from wwwroot/js).
/// </summary>
[Collection(SqliteCollection.Name)]
public sealed partial class SecurityHeadersTests(SqliteAppFactory app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/courts")]
    [InlineData("/Statistics/Public")]
    public async Task Answers_CarryTheSecurityHeaders(string path)
    {
        var r = await app.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotMatch("script-src[^;]*unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", string.Join("", r.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", string.Join("", r.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join("", r.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task DocumentPreview_KeepsItsSandbox_AndMayBeFramedByOurPages()
    {
        var filer = await app.SharedFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var doc = await (await app.UploadAsync(id, filer.Token, "evidence", "e.pdf", TestFiles.Pdf("p"))).ShouldBe(HttpStatusCode.Created);
        var r = await app.GetAsync($"/api/v1/filings/{id}/documents/{doc.Str("id")}/preview", filer.Token);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("sandbox", string.Join("", r.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("SAMEORIGIN", string.Join("", r.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task PageSources_NoInlineScriptsOrHandlers()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Docket.Web/Pages"));
        Assert.True(Directory.Exists(root), root);
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ScriptTag().Matches(text))
                if (!m.Value.Contains("src=", StringComparison.Ordinal) && !m.Value.Contains("application/json", StringComparison.Ordinal))
                    offenders.Add($"{Path.GetRelativePath(root, file)}: {m.Value}");
            foreach (Match m in HandlerAttribute().Matches(text))
                offenders.Add($"{Path.GetRelativePath(root, file)}: {m.Value}");
        }
        Assert.True(offenders.Count == 0, "inline script under the CSP:\n" + string.Join("\n", offenders));
    }

    [GeneratedRegex(@"<script\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex(@"\s on[a-z]+\s*=\s*[""']", RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex HandlerAttribute();
}
