using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Docket.IntegrationTests;

/// <summary>A stand-in OTLP/HTTP collector: keeps every POSTed body by path.</summary>
public sealed class FakeCollector : IDisposable
{
    readonly HttpListener listener = new();
    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();
    public string Url { get; }

    public FakeCollector()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(Url);
        listener.Start();
        _ = Task.Run(LoopAsync);
    }

    async Task LoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext c;
            try { c = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var ms = new MemoryStream();
            await c.Request.InputStream.CopyToAsync(ms);
            Received.Enqueue((c.Request.Url!.AbsolutePath, ms.ToArray()));
            c.Response.StatusCode = 200;
            c.Response.ContentType = "application/x-protobuf";
            c.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}

public sealed class TelemetryAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite)
{
    public FakeCollector Collector { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Collector.Url.TrimEnd('/'));
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "200");
        builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Collector.Dispose();
    }
}

/// <summary>With an OTLP endpoint configured, traces (HTTP and database) and metrics are exported — without personal data.</summary>
public sealed class TelemetryTests(TelemetryAppFactory app) : IClassFixture<TelemetryAppFactory>
{
    [Fact]
    public async Task Otlp_TracesAndMetricsExported_WithoutIdNumbersOrPhones()
    {
        var filer = await app.NewFilerAsync();
        var id = await app.CompleteFilingAsync(filer.Token);
        await app.SubmitAsync(id, filer.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(Has("/v1/traces", "/api/v1/filings/{id}/submit") && Has("/v1/metrics", "http.server.request.duration")))
            await Task.Delay(200);
        Assert.True(Has("/v1/traces", "/api/v1/filings/{id}/submit"), "no trace of the submit route");
        Assert.True(Has("/v1/traces", "sqlite"), "no database span");
        Assert.True(Has("/v1/metrics", "http.server.request.duration"), "no request metrics");

        // The profile carried an ID number and a phone; neither leaves with the telemetry.
        var all = app.Collector.Received.Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.DoesNotContain(all, s => s.Contains(filer.IdNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(all, s => s.Contains("13800138000", StringComparison.Ordinal));
    }

    bool Has(string path, string text) =>
        app.Collector.Received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));
}
