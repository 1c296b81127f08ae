using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Docket.Bench;

/// <summary>Everything measured over HTTP against the running app (bench/README.md says what each figure means).</summary>
public sealed partial class Suite(Uri baseAddress, string dataPath, int appPid, string? postgres, bool quick)
{
    /// <summary>古浪 (甘0622): filings are submitted, registered and uploaded here.</summary>
    const string Court = "620622";
    /// <summary>民勤 (甘0621): the court seeded with 10,000 then 100,000 filings for the queue.</summary>
    const string QueueCourt = "620621";
    const long MiB = 1024 * 1024;

    readonly List<ApiClient> filers = [];
    int nextSource;

    ApiClient NewClient() => new(baseAddress, ApiClient.Loopback(Interlocked.Increment(ref nextSource)));

    DocketDbContext NewContext() => postgres is null
        ? new SqliteDocketDbContext(new DbContextOptionsBuilder<SqliteDocketDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString(Path.GetFullPath(dataPath))).Options)
        : new PostgresDocketDbContext(new DbContextOptionsBuilder<PostgresDocketDbContext>().UseNpgsql(postgres).Options);

    public async Task<int> RunAsync()
    {
        using (var probe = NewClient())
            await probe.CallAsync(HttpMethod.Get, "/readyz");
        if (postgres is not null)
        {
            Report.Log("pg_commit_per_s: one-row PostgreSQL transactions on one connection");
            Report.Emit("pg_commit_per_s", await Disk.PostgresCommitsPerSecondAsync(postgres, TimeSpan.FromSeconds(quick ? 5 : 15)), "1/s");
        }
        await MakeFilersAsync(quick ? 40 : 60);
        var submitted = await SubmitAsync(quick ? 240 : 800, concurrency: 32);
        var registered = await RegisterAsync(submitted.Take(quick ? 64 : 200).ToList(), clients: 8);
        await NoticesAsync(registered);
        await UploadAsync(100 * MiB);
        await QueueAsync();
        await EducationAsync();
        await PeakAsync(ratePerSecond: 30, TimeSpan.FromSeconds(quick ? 10 : 60));
        foreach (var f in filers) f.Dispose();
        return 0;
    }

    async Task MakeFilersAsync(int count)
    {
        var sw = Stopwatch.StartNew();
        var made = new ConcurrentBag<ApiClient>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var c = NewClient();
            await Journeys.NewFilerAsync(c, i);
            made.Add(c);
        });
        filers.AddRange(made);
        Report.Log($"{count} verified filers (each from its own 127.0.0.x address) in {sw.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>submit_per_s: prepared drafts submitted by many filers at once; each answer is a receipt committed durably.</summary>
    async Task<List<(ApiClient Filer, string Id)>> SubmitAsync(int count, int concurrency)
    {
        var sw = Stopwatch.StartNew();
        var drafts = new ConcurrentBag<(ApiClient, string)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var filer = filers[i % filers.Count];
            drafts.Add((filer, await Journeys.DraftAsync(filer, Court)));
        });
        Report.Log($"{count} complete drafts prepared in {sw.Elapsed.TotalSeconds:0.0} s; submitting them with {concurrency} concurrent filers");

        var work = new ConcurrentQueue<(ApiClient Filer, string Id)>(drafts);
        var receipts = new ConcurrentDictionary<string, string>();
        var latencies = new ConcurrentBag<double>();
        var cpu = Cpu.Sample(appPid);
        sw.Restart();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (work.TryDequeue(out var d))
                receipts[d.Id] = await Journeys.SubmitAsync(d.Filer, d.Id, (ms, _) => latencies.Add(ms));
        }));
        var elapsed = sw.Elapsed.TotalSeconds;
        var used = Cpu.Sample(appPid) - cpu;
        if (receipts.Count != count || receipts.Values.Distinct().Count() != count) throw new ApiException("not every submission got its own receipt");
        Report.Emit("submit_per_s", count / elapsed, "1/s");
        Report.Emit("submit_p99_ms", Report.Percentile([.. latencies], 99), "ms");
        // Where the time goes: the app's own CPU per submission, and how busy the machine's cores were meanwhile.
        Report.Emit("submit_app_cpu_ms", used.AppSeconds * 1000 / count, "ms");
        Report.Emit("submit_machine_cpu_busy_pct", used.BusyPercent, "%");
        return [.. drafts.Select(d => (d.Item1, d.Item2))];
    }

    [GeneratedRegex(@"(\d+)号$")]
    private static partial Regex CaseNumberSequence();

    /// <summary>register_per_s: claimed filings registered by 8 clerks' clients at once in one court; the case numbers must be gap-free.</summary>
    async Task<List<(ApiClient Filer, string Id)>> RegisterAsync(List<(ApiClient Filer, string Id)> filings, int clients)
    {
        using var clerk = NewClient();
        await Journeys.LoginAsync(clerk, $"clerk.{Court}@demo.docket");
        foreach (var (_, id) in filings) await clerk.CallAsync(HttpMethod.Post, $"/api/v1/review/filings/{id}/claim");

        var work = new ConcurrentQueue<string>(filings.Select(f => f.Id));
        var numbers = new ConcurrentBag<string>();
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (work.TryDequeue(out var id))
                numbers.Add((await clerk.CallAsync(HttpMethod.Post, $"/api/v1/review/filings/{id}/register", new { })).GetProperty("caseNumber").GetString()!);
        }));
        var elapsed = sw.Elapsed.TotalSeconds;
        var sequence = numbers.Select(n => long.Parse(CaseNumberSequence().Match(n).Groups[1].Value)).Order().ToList();
        if (sequence.Count != filings.Count || sequence.Zip(sequence.Skip(1)).Any(p => p.Second != p.First + 1))
            throw new ApiException($"case numbers are not gap-free: {string.Join(",", sequence)}");
        Report.Log($"{filings.Count} registrations, case numbers {sequence[0]}…{sequence[^1]} without a gap");
        Report.Emit("register_per_s", filings.Count / elapsed, "1/s");
        return filings;
    }

    /// <summary>The notice PDFs of a registered filing (receipt, acceptance, fee), as its filer opens them: median of 20 after a warm-up.</summary>
    async Task NoticesAsync(List<(ApiClient Filer, string Id)> registered)
    {
        var (filer, id) = registered[0];
        var notices = await filer.CallAsync(HttpMethod.Get, $"/api/v1/filings/{id}/notices");
        foreach (var kind in new[] { "receipt", "acceptance", "fee" })
        {
            var url = notices.EnumerateArray().First(n => n.GetProperty("kind").GetString() == kind).GetProperty("url").GetString()!;
            var path = Uri.TryCreate(url, UriKind.Absolute, out var abs) ? abs.PathAndQuery : url;
            var times = new List<double>();
            for (var i = 0; i < 21; i++)
            {
                var (status, body, ms) = await filer.SendAsync(HttpMethod.Get, path);
                if (status != HttpStatusCode.OK || !body.AsSpan().StartsWith("%PDF-"u8)) throw new ApiException($"the {kind} notice is not a PDF");
                if (i > 0) times.Add(ms);
            }
            Report.Emit($"notice_pdf_{kind}_median_ms", Report.Percentile(times, 50), "ms");
        }
    }

    /// <summary>CPU time from /proc: the app's own (utime + stime) and the machine's busy and total jiffies.</summary>
    readonly record struct Cpu(double AppSeconds, long Busy, long Total)
    {
        public double BusyPercent => Total == 0 ? 0 : 100.0 * Busy / Total;

        public static Cpu Sample(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var app = (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0; // utime, stime in USER_HZ (100 on Linux)
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            var idle = cpu[3] + cpu[4];
            var total = cpu.Take(8).Sum();
            return new Cpu(app, total - idle, total);
        }

        public static Cpu operator -(Cpu a, Cpu b) => new(a.AppSeconds - b.AppSeconds, a.Busy - b.Busy, a.Total - b.Total);
    }

    static long RssBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    /// <summary>One 100 MiB document over HTTP (the court's policy raised to allow it), and the app's resident memory meanwhile.</summary>
    async Task UploadAsync(long bytes)
    {
        await using (var db = NewContext())
        {
            var court = await db.Courts.FirstAsync(c => c.Id == Court);
            court.Policy.MaxDocumentBytes = Math.Max(court.Policy.MaxDocumentBytes, bytes + 16 * MiB);
            court.Policy.MaxFilingBytes = Math.Max(court.Policy.MaxFilingBytes, 2 * court.Policy.MaxDocumentBytes);
            await db.SaveChangesAsync();
        }
        var filer = filers[0];
        var id = (await filer.CallAsync(HttpMethod.Post, "/api/v1/filings", new { courtId = Court, caseType = "civil-first-instance" }, HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        // A small upload first, so that the path is warm (JIT) and the baseline is the app's steady state.
        await filer.CallAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", expect: HttpStatusCode.Created,
            content: Journeys.Multipart("identity", "identity.pdf", new ByteArrayContent(Pdfs.Small("identity"))));
        await Task.Delay(1000);

        var baseline = RssBytes(appPid);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssBytes(appPid));
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var content = Journeys.Multipart("evidence", "evidence.pdf", new StreamContent(Pdfs.Large(bytes), 256 * 1024));
        var cpu = Cpu.Sample(appPid);
        var sw = Stopwatch.StartNew();
        var doc = await filer.CallAsync(HttpMethod.Post, $"/api/v1/filings/{id}/documents", expect: HttpStatusCode.Created, content: content);
        var elapsed = sw.Elapsed.TotalSeconds;
        var used = Cpu.Sample(appPid) - cpu;
        stop.Cancel();
        await sampler;
        peak = Math.Max(peak, RssBytes(appPid));
        if (doc.GetProperty("bytes").GetInt64() != bytes) throw new ApiException("the upload's size came back wrong");
        Report.Emit("upload_mib_per_s", bytes / (double)MiB / elapsed, "MiB/s");
        Report.Emit("upload_rss_growth_mib", (peak - baseline) / (double)MiB, "MiB");
        // Where the time goes: the app's CPU seconds per second of upload (1.0 = one core busy throughout), and the machine's.
        Report.Emit("upload_app_cpu_cores", used.AppSeconds / elapsed, "cores");
        Report.Emit("upload_machine_cpu_busy_pct", used.BusyPercent, "%");
        Report.Log($"upload: {elapsed:0.00} s, app RSS {baseline / MiB} MiB before, {peak / MiB} MiB at most");
    }

    /// <summary>The clerk's first queue page (pageSize=20) at 10,000 and at 100,000 filings in the court: 200 requests after a warm-up.</summary>
    async Task QueueAsync()
    {
        var seeder = new Seeder(NewContext, postgres is not null);
        using var clerk = NewClient();
        await Journeys.LoginAsync(clerk, $"clerk.{QueueCourt}@demo.docket");
        var waiting = await seeder.SeedAsync(QueueCourt, 10_000, seed: 10);
        await MeasureQueueAsync(clerk, "10k", waiting);
        waiting += await seeder.SeedAsync(QueueCourt, 90_000, seed: 90);
        await MeasureQueueAsync(clerk, "100k", waiting);
    }

    static async Task MeasureQueueAsync(ApiClient clerk, string label, int waiting)
    {
        const string path = "/api/v1/review/queue?pageSize=20";
        for (var i = 0; i < 20; i++) await clerk.CallAsync(HttpMethod.Get, path);
        var times = new List<double>();
        JsonElement page = default;
        for (var i = 0; i < 200; i++)
        {
            var (status, body, ms) = await clerk.SendAsync(HttpMethod.Get, path);
            if (status != HttpStatusCode.OK) throw new ApiException($"queue: {(int)status} {Encoding.UTF8.GetString(body)}");
            times.Add(ms);
            if (i == 0) page = JsonDocument.Parse(body).RootElement.Clone();
        }
        var total = page.GetProperty("total").GetInt32();
        if (total != waiting || page.GetProperty("items").GetArrayLength() != 20)
            throw new ApiException($"queue at {label}: total {total}, expected {waiting}");
        Report.Log($"queue at {label}: {total} waiting, first deadline {page.GetProperty("items")[0].GetProperty("decisionDeadline")}");
        Report.Emit($"queue_p50_ms_{label}", Report.Percentile(times, 50), "ms");
        Report.Emit($"queue_p99_ms_{label}", Report.Percentile(times, 99), "ms");
    }

    /// <summary>
    /// A province's peak: <paramref name="ratePerSecond"/> new filings per second, open loop (each starts on schedule,
    /// whether or not earlier ones finished). One filing is the filer's whole sequence: create, PUT the content,
    /// upload the complaint and the identity document, submit (5 requests, each with a durable commit).
    /// </summary>
    async Task PeakAsync(int ratePerSecond, TimeSpan duration)
    {
        var count = (int)(ratePerSecond * duration.TotalSeconds);
        var requests = new ConcurrentBag<double>();
        var submits = new ConcurrentBag<double>();
        var sequences = new ConcurrentBag<double>();
        var errors = 0;
        var tasks = new List<Task>(count);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)ratePerSecond);
            if (due > sw.Elapsed) await Task.Delay(due - sw.Elapsed);
            var filer = filers[i % filers.Count];
            tasks.Add(Task.Run(async () =>
            {
                var started = Stopwatch.StartNew();
                void Time(double ms, bool ok)
                {
                    requests.Add(ms);
                    if (!ok) Interlocked.Increment(ref errors);
                }
                try
                {
                    var id = await Journeys.DraftAsync(filer, Court, Time);
                    await Journeys.SubmitAsync(filer, id, (ms, ok) => { Time(ms, ok); submits.Add(ms); });
                    sequences.Add(started.Elapsed.TotalMilliseconds);
                }
                catch (Exception e)
                {
                    if (Volatile.Read(ref errors) <= 3) Report.Log("peak: " + e.Message);
                }
            }));
        }
        var scheduled = sw.Elapsed.TotalSeconds;
        await Task.WhenAll(tasks);
        var elapsed = sw.Elapsed.TotalSeconds;
        Report.Log($"peak: {count} filings scheduled over {scheduled:0.0} s, all done after {elapsed:0.0} s, {sequences.Count} complete");
        Report.Emit("peak_filings_per_s", sequences.Count / elapsed, "1/s");
        Report.Emit("peak_request_p50_ms", Report.Percentile([.. requests], 50), "ms");
        Report.Emit("peak_request_p99_ms", Report.Percentile([.. requests], 99), "ms");
        Report.Emit("peak_submit_p99_ms", Report.Percentile([.. submits], 99), "ms");
        Report.Emit("peak_filing_p50_ms", Report.Percentile([.. sequences], 50), "ms");
        Report.Emit("peak_filing_p99_ms", Report.Percentile([.. sequences], 99), "ms");
        Report.Emit("peak_errors", errors, "requests");
    }
}
