using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Docket.IntegrationTests;

/// <summary>
/// A clamd of our own: Debian's ClamAV ships no signatures and none can be downloaded here, so it gets a one-line
/// database that knows the EICAR test string (anywhere in a file). Needs the clamav-daemon package (test.sh installs it).
/// </summary>
public sealed class ClamdAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite), IAsyncLifetime
{
    public const string Clamd = "/usr/sbin/clamd";
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    readonly string folder = Directory.CreateTempSubdirectory("docket-clamd-").FullName;
    Process? clamd;
    string Socket => Path.Combine(folder, "clamd.sock");

    public static bool Available => File.Exists(Clamd);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Docket:ClamAv:Socket", Socket);
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        if (Available)
        {
            Directory.CreateDirectory(Path.Combine(folder, "db"));
            await File.WriteAllTextAsync(Path.Combine(folder, "db", "eicar.ndb"), $"Docket.EICAR-Test:0:*:{Convert.ToHexStringLower(Encoding.ASCII.GetBytes(Eicar))}\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "clamd.conf"),
                $"Foreground yes\nLocalSocket {Socket}\nDatabaseDirectory {Path.Combine(folder, "db")}\nLogFile {Path.Combine(folder, "clamd.log")}\nStreamMaxLength 100M\n");
            clamd = Process.Start(new ProcessStartInfo(Clamd, ["-c", Path.Combine(folder, "clamd.conf")]) { RedirectStandardOutput = true, RedirectStandardError = true });
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!File.Exists(Socket) && DateTime.UtcNow < deadline && !clamd!.HasExited) await Task.Delay(100);
            if (!File.Exists(Socket)) throw new InvalidOperationException("clamd did not start: " + await File.ReadAllTextAsync(Path.Combine(folder, "clamd.log")));
        }
        else if (PostgresSettings.InCi) throw new InvalidOperationException($"CI=true but {Clamd} is missing: test.sh installs clamav-daemon.");
        await base.InitializeAsync();
    }

    public void StopClamd()
    {
        if (clamd is { HasExited: false }) { clamd.Kill(); clamd.WaitForExit(); }
    }

    public override async ValueTask DisposeAsync()
    {
        StopClamd();
        await base.DisposeAsync();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}

public sealed class ClamdFactAttribute : FactAttribute
{
    public ClamdFactAttribute()
    {
        if (!ClamdAppFactory.Available && !PostgresSettings.InCi) Skip = $"{ClamdAppFactory.Clamd} is not installed (apt-get install clamav-daemon); CI requires it.";
    }
}

/// <summary>With clamd configured, an upload carrying the EICAR test string is refused (422) and not kept; a clean one passes; clamd gone → 503, fail closed.</summary>
public sealed class VirusScanTests(ClamdAppFactory app) : IClassFixture<ClamdAppFactory>
{
    [ClamdFact]
    public async Task Eicar_Refused_CleanAccepted_ScannerDown_FailsClosed()
    {
        var filer = await app.NewFilerAsync();
        var id = await app.CreateDraftAsync(filer.Token);
        var infected = Encoding.ASCII.GetBytes("%PDF-1.4\n% " + ClamdAppFactory.Eicar + "\n%%EOF\n");
        await (await app.UploadAsync(id, filer.Token, "evidence", "x.pdf", infected)).ShouldBeProblem(422, "document.infected");
        await (await app.UploadAsync(id, filer.Token, "evidence", "clean.pdf", TestFiles.Pdf("clean"))).ShouldBe(HttpStatusCode.Created);
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal(1, f.GetProperty("documents").GetArrayLength());
        var stored = Directory.EnumerateFiles(app.DocumentsPath, "*", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}tmp{Path.DirectorySeparatorChar}")).ToList();
        Assert.DoesNotContain(stored, p => File.ReadAllText(p, Encoding.Latin1).Contains("EICAR", StringComparison.Ordinal));

        app.StopClamd();
        await (await app.UploadAsync(id, filer.Token, "evidence", "later.pdf", TestFiles.Pdf("later"))).ShouldBeProblem(503, "document.scanner-unavailable");
    }
}
