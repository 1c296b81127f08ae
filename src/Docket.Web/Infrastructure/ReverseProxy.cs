using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Docket.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy or load balancer: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed only
/// from the addresses or networks in <c>Docket__TrustedProxies</c> (comma-separated, e.g. <c>10.0.0.5,10.1.0.0/16</c>),
/// so the client address (rate limits) and the scheme (secure cookies, links in notices) are the caller's own.
/// Without the setting the headers are ignored.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services, DocketOptions options)
    {
        var entries = (options.TrustedProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0) return services;
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var e in entries)
            {
                if (e.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(e));
                else o.KnownProxies.Add(IPAddress.Parse(e));
            }
        });
        return services;
    }

    public static bool Enabled(DocketOptions options) => !string.IsNullOrWhiteSpace(options.TrustedProxies);
}
