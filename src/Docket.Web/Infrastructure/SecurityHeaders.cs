namespace Docket.Web.Infrastructure;

/// <summary>
/// Headers on every answer: a Content-Security-Policy without inline or external scripts (pages declare behaviour in
/// markup and load it from <c>wwwroot/js</c>), no framing by other sites, no MIME sniffing, no referrer to other
/// origins. An answer that set its own policy (a sandboxed document preview, framed by our own pages) keeps it.
/// HSTS is added by <c>UseHsts</c> on HTTPS requests.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            var own = h.ContentSecurityPolicy.Count > 0;
            if (!own) h.ContentSecurityPolicy = Policy;
            h.XFrameOptions = own ? "SAMEORIGIN" : "DENY";
            h.XContentTypeOptions = "nosniff";
            h["Referrer-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
