using System.Threading.RateLimiting;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Docket.Web.Infrastructure;

/// <summary>Requests per minute per client address (<c>Docket__RateLimits__*</c>).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Password and SMS sign-in attempts (the account lockout after 5 failures works alongside).</summary>
    public int SignInPerMinute { get; set; } = 120;
    /// <summary>New accounts.</summary>
    public int RegisterPerMinute { get; set; } = 20;
    /// <summary>Document uploads (each chunk of a resumable upload counts).</summary>
    public int UploadPerMinute { get; set; } = 240;
}

/// <summary>
/// Rate limits on sign-in, registration and uploads, per client address (the proxy's <c>X-Forwarded-For</c> when
/// the proxy is trusted): an excess answers 429 with a ProblemDetails and <c>Retry-After</c>, never the
/// middleware's default 503.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Register = "register";
    public const string Upload = "upload";

    public static IServiceCollection AddDocketRateLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = config.GetSection("Docket:RateLimits").Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after)
                    ? ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) : "60";
                await new Error(StatusCodes.Status429TooManyRequests, "request.rate-limited").ToProblem(http).ExecuteAsync(http);
            };
            o.AddPolicy(SignIn, http => PerAddress(http, SignIn, limits.SignInPerMinute));
            o.AddPolicy(Register, http => PerAddress(http, Register, limits.RegisterPerMinute));
            o.AddPolicy(Upload, http => PerAddress(http, Upload, limits.UploadPerMinute));
        });
        return services;
    }

    static RateLimitPartition<string> PerAddress(HttpContext http, string policy, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter($"{policy}:{http.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
