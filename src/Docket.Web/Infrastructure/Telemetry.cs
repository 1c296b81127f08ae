using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Docket.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, EF Core, Npgsql, HTTP client, runtime), exported by OTLP when
/// an endpoint is configured with the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and optionally
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>). Without one nothing is collected. Spans carry
/// routes, not query strings or bodies, and database spans carry no parameter values: no personal data leaves.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddDocketTelemetry(this IServiceCollection services, IConfiguration config)
    {
        if (string.IsNullOrWhiteSpace(config[EndpointKey])) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["OTEL_SERVICE_NAME"] ?? "docket", serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/lib"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter());
        return services;
    }
}
