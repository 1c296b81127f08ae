using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Docket.Web.Infrastructure.Storage;

/// <summary>Optional virus scanning of uploads before they are kept.</summary>
public interface IVirusScanner
{
    bool Enabled { get; }

    /// <summary>The name of what was found, or null when the content is clean.</summary>
    /// <exception cref="VirusScannerUnavailableException">The scanner is configured but cannot be reached or fails.</exception>
    Task<string?> ScanAsync(Stream content, CancellationToken ct);
}

public sealed class VirusScannerUnavailableException(string message, Exception? inner = null) : IOException(message, inner);

public sealed class NoVirusScanner : IVirusScanner
{
    public bool Enabled => false;
    public Task<string?> ScanAsync(Stream content, CancellationToken ct) => Task.FromResult<string?>(null);
}

/// <summary><c>Docket__ClamAv__Socket</c> (clamd's local socket) or <c>Docket__ClamAv__Host</c> and <c>__Port</c>.</summary>
public sealed class ClamAvOptions
{
    public string? Socket { get; set; }
    public string? Host { get; set; }
    public int Port { get; set; } = 3310;
    public int TimeoutSeconds { get; set; } = 60;

    public bool Configured => !string.IsNullOrWhiteSpace(Socket) || !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// clamd's INSTREAM command: the content in length-prefixed chunks, then the verdict ("stream: OK" or
/// "stream: &lt;name&gt; FOUND"). Fails closed: when clamd is configured but unreachable, uploads are refused (503).
/// </summary>
public sealed class ClamdScanner(ClamAvOptions options) : IVirusScanner
{
    const int Chunk = 64 * 1024;
    public bool Enabled => true;

    public async Task<string?> ScanAsync(Stream content, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            using var socket = string.IsNullOrWhiteSpace(options.Socket)
                ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                : new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            if (string.IsNullOrWhiteSpace(options.Socket)) await socket.ConnectAsync(options.Host!, options.Port, timeout.Token);
            else await socket.ConnectAsync(new UnixDomainSocketEndPoint(options.Socket), timeout.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var buffer = new byte[4 + Chunk];
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(4, Chunk), timeout.Token)) > 0)
            {
                BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)read);
                await stream.WriteAsync(buffer.AsMemory(0, 4 + read), timeout.Token);
            }
            await stream.WriteAsync(new byte[4], timeout.Token);
            var reply = new MemoryStream();
            var one = new byte[256];
            while ((read = await stream.ReadAsync(one, timeout.Token)) > 0)
            {
                reply.Write(one, 0, read);
                if (one.AsSpan(0, read).Contains((byte)0)) break;
            }
            var text = Encoding.ASCII.GetString(reply.ToArray()).TrimEnd('\0', '\n').Trim();
            if (text.EndsWith(": OK", StringComparison.Ordinal)) return null;
            if (text.EndsWith(" FOUND", StringComparison.Ordinal))
                return text[(text.IndexOf(':') + 1)..^" FOUND".Length].Trim();
            throw new VirusScannerUnavailableException("clamd answered: " + text);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw e as VirusScannerUnavailableException ?? new VirusScannerUnavailableException("clamd is unreachable", e);
        }
    }
}

public static class VirusScanning
{
    public static IServiceCollection AddVirusScanning(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Docket:ClamAv").Get<ClamAvOptions>() ?? new ClamAvOptions();
        if (options.Configured) services.AddSingleton<IVirusScanner>(new ClamdScanner(options));
        else services.AddSingleton<IVirusScanner, NoVirusScanner>();
        return services;
    }
}

/// <summary>The upload paths' one question to the scanner: 422 when something is found, 503 when it cannot say.</summary>
public static class VirusCheck
{
    public static async Task<Problems.Error?> RefusalAsync(IVirusScanner scanner, Func<Task<Stream>> open, ILogger log, CancellationToken ct)
    {
        if (!scanner.Enabled) return null;
        try
        {
            await using var content = await open();
            var found = await scanner.ScanAsync(content, ct);
            if (found is null) return null;
            log.LogWarning("Upload refused by the virus scanner: {Signature}", found);
            return new Problems.Error(StatusCodes.Status422UnprocessableEntity, "document.infected");
        }
        catch (VirusScannerUnavailableException e)
        {
            log.LogError(e, "Virus scanner unavailable; upload refused");
            return new Problems.Error(StatusCodes.Status503ServiceUnavailable, "document.scanner-unavailable");
        }
    }
}
