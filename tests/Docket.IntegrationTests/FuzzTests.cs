using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Docket.IntegrationTests;

/// <summary>
/// Malformed requests, generated with CsCheck, at every POST, PUT and PATCH endpoint under <c>/api/v1</c> (the list is
/// read from the running app, so a new endpoint is fuzzed without touching this test): wrong JSON types, nulls, huge
/// strings and arrays, deep nesting, invalid UTF-8, truncated JSON, unknown fields, numbers out of range, wrong
/// content types, broken multipart (bad boundaries, missing parts, oversized part headers, truncated framing,
/// garbage files behind real magic bytes) and hostile route values. Each is sent as the caller the endpoint expects
/// (filer, clerk) and sometimes as another, against real filings in the states that reach the validation code.
/// No answer may be a 5xx; every 4xx is <c>application/problem+json</c> with a <c>code</c>; and a batch of refused
/// requests leaves the filings it aimed at (and the filer's account) exactly as they were.
/// </summary>
public sealed class FuzzTests(SqliteAppFactory app, ITestOutputHelper output) : IClassFixture<SqliteAppFactory>
{
    const int Threads = 8;
    const int BatchSize = 8;
    const int MinRequests = 10_000;
    /// <summary>Kestrel's request body limit outside uploads (Program.cs).</summary>
    const int MaxJsonBody = 4 * 1024 * 1024;

    [Fact]
    public async Task MalformedRequests_EveryWriteEndpoint_No5xxProblemJsonAndNoStateChange()
    {
        var clock = Stopwatch.StartNew();
        var routes = DiscoverRoutes();
        Assert.True(routes.Count >= 30, $"only {routes.Count} write endpoints found: {string.Join(", ", routes.Select(r => r.Name))}");

        var clerk = await app.ClerkAsync(Courts.Gulang);
        var admin = await app.StaffAsync("admin@demo.docket");
        var slots = new ConcurrentBag<Slot>(await Task.WhenAll(Enumerable.Range(0, Threads).Select(_ => NewSlotAsync(clerk))));
        // Accounts of their own, never a slot's filer: a request another thread sends as "other filer" may well be
        // accepted (its own profile, its own service address) and must not move a slot whose batch is being compared.
        var others = (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.NewFilerAsync()))).Select(f => f.Token).ToArray();
        var stats = new Stats(routes);
        output.WriteLine($"{routes.Count} endpoints; setup {clock.Elapsed.TotalSeconds:F0} s");

        var batches = (MinRequests + BatchSize - 1) / BatchSize;
        // Uploads have the most parsing behind them: they get three times the share.
        var weights = routes.Select(r => r.Body == BodyKind.Multipart ? 3 : 1).ToArray();
        await Gens.Case(weights).Array[BatchSize].SampleAsync(async batch =>
        {
            if (!slots.TryTake(out var slot)) throw new InvalidOperationException("more threads than slots");
            try { await RunBatchAsync(routes, batch, slot, clerk, admin, others, stats); }
            catch (Exception e)
            {
                // The harness itself (a snapshot or a refresh) went wrong: kept for the verdict, without CsCheck shrinking a live server.
                stats.Failures.Add(new Failure("harness", 0, e.GetType().Name, e.ToString()));
            }
            finally { slots.Add(slot); }
        }, iter: batches, threads: Threads);

        output.WriteLine(stats.Summary(clock.Elapsed));
        Assert.True(stats.Failures.IsEmpty, $"{stats.Failures.Count} bad answers, e.g.:\n{string.Join("\n\n", stats.DistinctFailures().Take(8))}");
        Assert.True(stats.StateChanges.IsEmpty, $"refused requests changed state:\n{string.Join("\n\n", stats.StateChanges.Take(3))}");
        Assert.True(stats.Total >= MinRequests, $"{stats.Total} requests sent");
        Assert.True(stats.Compared > 0, "no batch was compared before and after");
        foreach (var r in routes) Assert.True(stats.PerRoute[r.Name].Count >= 50, $"{r.Name}: only {stats.PerRoute[r.Name].Count} requests");
    }

    // --- the endpoints ----------------------------------------------------------------------------------------------

    enum BodyKind { Json, Multipart, Raw }

    enum Caller { Anonymous, Filer, OtherFiler, Clerk, Admin }

    sealed record Route(string Method, string Template, BodyKind Body, Type? RequestType, Caller Caller)
    {
        public string Name => $"{Method} {Template}";
        public string[] Parameters { get; } = [.. Template.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}').Split(':')[0])];
    }

    /// <summary>Every POST, PUT and PATCH under /api/v1, with what its body is and whom it is for.</summary>
    List<Route> DiscoverRoutes()
    {
        var routes = new List<Route>();
        foreach (var e in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var template = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            if (!template.StartsWith("/api/v1/", StringComparison.Ordinal)) continue;
            var accepts = e.Metadata.GetMetadata<IAcceptsMetadata>();
            var body = accepts?.ContentTypes.Contains("multipart/form-data") == true ? BodyKind.Multipart
                : accepts is not null ? BodyKind.Json
                : template.Contains("/uploads/{", StringComparison.Ordinal) ? BodyKind.Raw : BodyKind.Json;
            var requestType = accepts?.RequestType is { } t && t != typeof(IFormFile) ? Nullable.GetUnderlyingType(t) ?? t : null;
            var caller = template.StartsWith("/api/v1/auth", StringComparison.Ordinal) ? Caller.Anonymous
                : template.StartsWith("/api/v1/review", StringComparison.Ordinal) || template.StartsWith("/api/v1/counter", StringComparison.Ordinal) ? Caller.Clerk
                : Caller.Filer;
            foreach (var method in e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
                if (method is "POST" or "PUT" or "PATCH")
                    routes.Add(new Route(method, template, body, requestType, caller));
        }
        return [.. routes.DistinctBy(r => r.Name).OrderBy(r => r.Name, StringComparer.Ordinal)];
    }

    // --- the real filings each batch aims at ------------------------------------------------------------------------

    /// <summary>
    /// One thread's own world: a filer with a complete draft (with a resumable upload under way), a submitted filing
    /// and a counter draft entered by the clerk. Nothing else touches them, so a before/after comparison is exact.
    /// </summary>
    sealed class Slot
    {
        public required DocketAppFactory.Filer Filer { get; set; }
        public required string Draft { get; set; }
        public required string DocId { get; set; }
        public required string UploadId { get; set; }
        public required string Submitted { get; set; }
        public required string CounterDraft { get; set; }
    }

    async Task<Slot> NewSlotAsync(string clerk)
    {
        var filer = await app.NewFilerAsync();
        var slot = new Slot { Filer = filer, Draft = "", DocId = "", UploadId = "", Submitted = "", CounterDraft = "" };
        await NewDraftAsync(slot);
        slot.Submitted = (await app.SubmittedFilingAsync(filer.Token)).Id;
        slot.CounterDraft = await NewCounterDraftAsync(clerk);
        return slot;
    }

    async Task NewDraftAsync(Slot slot)
    {
        var tok = slot.Filer.Token;
        slot.Draft = await app.CompleteFilingAsync(tok);
        var f = await (await app.GetAsync($"/api/v1/filings/{slot.Draft}", tok)).ShouldBe(HttpStatusCode.OK);
        slot.DocId = f.GetProperty("documents")[0].Str("id");
        await NewUploadAsync(slot);
    }

    async Task NewUploadAsync(Slot slot)
    {
        var upload = await app.PostAsync($"/api/v1/filings/{slot.Draft}/uploads", new { kind = "evidence", fileName = "big.pdf", bytes = 4096 }, slot.Filer.Token);
        slot.UploadId = (await upload.ShouldBe(HttpStatusCode.Created, "start upload")).Str("uploadId");
    }

    async Task<string> NewCounterDraftAsync(string clerk)
    {
        var litigant = new
        {
            name = "王五",
            idType = "resident-id",
            idNumber = TestIds.ResidentId("370502", "19700101"),
            phone = "139" + Random.Shared.Next(0, 100_000_000).ToString("D8"),
            postalAddress = "山东省东营市东营区黄河路 1 号",
            electronicServiceConsent = false,
        };
        var r = await app.PostAsync("/api/v1/counter/filings", new { courtId = Courts.Gulang, caseType = "civil-first-instance", identityChecked = true, litigant }, clerk);
        return (await r.ShouldBe(HttpStatusCode.Created, "counter start")).Str("id");
    }

    /// <summary>
    /// What a refused request must not change: the three filings as their owners see them, their histories, the
    /// account. (Not the resumable upload: a chunk whose head is no accepted type ends it with its 415, by design.)
    /// </summary>
    async Task<string> SnapshotAsync(Slot slot, string clerk)
    {
        var tok = slot.Filer.Token;
        var sb = new StringBuilder();
        foreach (var (path, token) in new[]
                 {
                     ($"/api/v1/filings/{slot.Draft}", tok), ($"/api/v1/filings/{slot.Draft}/history", tok),
                     ($"/api/v1/filings/{slot.Submitted}", tok), ($"/api/v1/filings/{slot.Submitted}/history", tok),
                     ($"/api/v1/counter/filings/{slot.CounterDraft}", clerk), ("/api/v1/me", tok),
                 })
        {
            var r = await app.GetAsync(path, token);
            sb.Append(path).Append(" → ").Append((int)r.StatusCode).Append(' ').AppendLine(await r.Content.ReadAsStringAsync());
        }
        return sb.ToString();
    }

    /// <summary>Brings a slot back to the states that reach validation after accepted requests moved its filings on.</summary>
    async Task RefreshAsync(Slot slot, string clerk)
    {
        try { await RefreshFilingsAsync(slot, clerk); }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or KeyNotFoundException or InvalidOperationException)
        {
            // An accepted request changed the filer's own account (a new name, an unverified ID): start over with a new one.
            var fresh = await NewSlotAsync(clerk);
            (slot.Filer, slot.Draft, slot.DocId, slot.UploadId, slot.Submitted, slot.CounterDraft) =
                (fresh.Filer, fresh.Draft, fresh.DocId, fresh.UploadId, fresh.Submitted, fresh.CounterDraft);
        }
    }

    async Task RefreshFilingsAsync(Slot slot, string clerk)
    {
        var tok = slot.Filer.Token;
        async Task<string?> StatusAsync(string path, string token)
        {
            var r = await app.GetAsync(path, token);
            return r.StatusCode == HttpStatusCode.OK ? (await r.ShouldBe(HttpStatusCode.OK)).Str("status") : null;
        }
        var uploadAlive = (await app.GetAsync($"/api/v1/filings/{slot.Draft}/uploads/{slot.UploadId}", tok)).StatusCode == HttpStatusCode.OK;
        if (await StatusAsync($"/api/v1/filings/{slot.Draft}", tok) != "draft" || !uploadAlive) await NewDraftAsync(slot);
        if (await StatusAsync($"/api/v1/filings/{slot.Submitted}", tok) is not ("submitted" or "under-review"))
            slot.Submitted = (await app.SubmittedFilingAsync(tok)).Id;
        if (await StatusAsync($"/api/v1/counter/filings/{slot.CounterDraft}", clerk) != "draft")
            slot.CounterDraft = await NewCounterDraftAsync(clerk);
    }

    // --- one batch ----------------------------------------------------------------------------------------------

    async Task RunBatchAsync(List<Route> routes, FuzzCase[] batch, Slot slot, string clerk, string admin, string[] others, Stats stats)
    {
        var before = await SnapshotAsync(slot, clerk);
        var accepted = false;
        var described = new List<string>();
        foreach (var c in batch)
        {
            var route = routes[c.Route];
            var path = "/" + string.Join('/', route.Template.TrimStart('/').Split('/').Select(seg =>
                seg.StartsWith('{') ? Resolve(c.Ids[Array.IndexOf(route.Parameters, seg.Trim('{', '}').Split(':')[0]) % c.Ids.Length], route.Template, seg, slot) : seg));
            var caller = c.OtherCaller ?? route.Caller;
            var token = caller switch
            {
                Caller.Filer => slot.Filer.Token,
                Caller.OtherFiler => others[c.Seed % others.Length],
                Caller.Clerk => clerk,
                Caller.Admin => admin,
                _ => null,
            };
            var body = route.Body switch
            {
                BodyKind.Multipart => c.Multipart,
                BodyKind.Raw => c.Raw,
                _ => c.Json.With(route.RequestType),
            };
            // A connection of its own: a request refused before its body was read may make Kestrel close the connection
            // after answering, and a pooled connection reused in that moment would fail the next request, not this one.
            var request = new HttpRequestMessage(new HttpMethod(route.Method), path) { Headers = { ConnectionClose = true } };
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body.Bytes is not null)
            {
                request.Content = new ByteArrayContent(body.Bytes);
                if (body.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", body.ContentType);
                // A large body waits for the server's go-ahead, so a 413 comes back instead of a reset connection.
                if (body.Bytes.Length > 1024 * 1024) request.Headers.ExpectContinue = true;
            }
            foreach (var (name, value) in c.Headers.Concat(body.Headers))
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
            var what = $"{route.Method} {Shorten(path, 160)} as {caller} [{body.Label}] content-type '{body.ContentType}' body {Excerpt(body.Bytes)}";
            described.Add(what);

            int status;
            string responseBody;
            string? mediaType;
            try
            {
                using var response = await app.Http.SendAsync(request);
                status = (int)response.StatusCode;
                responseBody = await response.Content.ReadAsStringAsync();
                mediaType = response.Content.Headers.ContentType?.MediaType;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && body.Bytes?.Length > MaxJsonBody)
            {
                // More than Kestrel's 4 MiB default sent to an endpoint that never reads its body: Kestrel answers
                // and then closes the connection rather than drain it, so the client's write fails. Not an answer at all.
                stats.Record(route, 0, body.Label);
                Interlocked.Increment(ref stats.OversizedAborted);
                accepted = true; // the endpoint may well have done its work before the connection went
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                stats.Record(route, 0, body.Label);
                stats.Failures.Add(new Failure(route.Name, 0, "transport", $"{what}\n→ {Shorten(e.ToString(), 1200)}"));
                continue;
            }
            stats.Record(route, status, body.Label);
            if (status is >= 200 and < 300) accepted = true;
            if (status >= 500)
                stats.Failures.Add(new Failure(route.Name, status, CodeOf(responseBody) ?? "", $"{what}\n→ {status} {Shorten(responseBody, 400)}"));
            else if (status == 400 && mediaType is null && responseBody.Length == 0 && path.Contains("%00", StringComparison.Ordinal))
                Interlocked.Increment(ref stats.RefusedByKestrel); // a NUL in the request target: Kestrel's own bare 400, the app never sees it
            else if (status >= 400 && (mediaType != "application/problem+json" || CodeOf(responseBody) is not { Length: > 0 }))
                stats.Failures.Add(new Failure(route.Name, status, "no-problem-json", $"{what}\n→ {status} '{mediaType}' {Shorten(responseBody, 400)}"));
        }

        if (!accepted)
        {
            // Every request of the batch was refused: nothing it aimed at may have moved.
            var after = await SnapshotAsync(slot, clerk);
            Interlocked.Increment(ref stats.Compared);
            if (after != before)
            {
                var changed = before.Split('\n').Zip(after.Split('\n')).Where(p => p.First != p.Second)
                    .Select(p => $"before: {Shorten(p.First, 1200)}\nafter:  {Shorten(p.Second, 1200)}");
                stats.StateChanges.Add($"{string.Join("\n", changed)}\nrequests:\n{string.Join("\n", described)}");
            }
            // A chunk whose first bytes are no accepted type ends its resumable upload (415, by design): start another.
            if ((await app.GetAsync($"/api/v1/filings/{slot.Draft}/uploads/{slot.UploadId}", slot.Filer.Token)).StatusCode != HttpStatusCode.OK)
                await NewUploadAsync(slot);
        }
        else
        {
            await RefreshAsync(slot, clerk);
        }
    }

    /// <summary>A route value: "known" is the slot's filing that the route is for (a clerk reviews the submitted one).</summary>
    static string Resolve(IdChoice id, string template, string segment, Slot slot) => id.Kind switch
    {
        _ when segment.StartsWith("{uploadId", StringComparison.Ordinal) && id.Kind == IdKind.Known => slot.UploadId,
        _ when segment.StartsWith("{docId", StringComparison.Ordinal) && id.Kind == IdKind.Known => slot.DocId,
        IdKind.Known when template.StartsWith("/api/v1/review", StringComparison.Ordinal) => slot.Submitted,
        IdKind.Known when template.StartsWith("/api/v1/counter", StringComparison.Ordinal) => slot.CounterDraft,
        IdKind.Known => slot.Draft,
        IdKind.Submitted => slot.Submitted,
        IdKind.Counter => slot.CounterDraft,
        _ => id.Random,
    };

    static string? CodeOf(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    static string Shorten(string s, int max) => s.Length > max ? s[..max] + $"…({s.Length} chars)" : s;

    static string Excerpt(byte[]? bytes)
    {
        if (bytes is null) return "(none)";
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 240));
        var text = new StringBuilder();
        foreach (var b in head) text.Append(b is >= 0x20 and < 0x7F ? (char)b : $"\\x{b:X2}");
        return $"{bytes.Length} bytes: {text}{(bytes.Length > head.Length ? "…" : "")}";
    }

    // --- bookkeeping ----------------------------------------------------------------------------------------------

    sealed record Failure(string Route, int Status, string Code, string Detail);

    sealed class Stats(List<Route> routes)
    {
        public readonly ConcurrentDictionary<string, ConcurrentDictionary<int, int>> PerRouteStatus = new();
        public readonly Dictionary<string, Counter> PerRoute = routes.ToDictionary(r => r.Name, _ => new Counter());
        public readonly ConcurrentDictionary<string, int> PerGenerator = new();
        public readonly ConcurrentBag<Failure> Failures = [];
        public readonly ConcurrentBag<string> StateChanges = [];
        public int Compared;
        public int RefusedByKestrel;
        public int OversizedAborted;
        int total;
        public int Total => total;

        public sealed class Counter { public int Count; }

        public void Record(Route route, int status, string generator)
        {
            Interlocked.Increment(ref total);
            Interlocked.Increment(ref PerRoute[route.Name].Count);
            PerRouteStatus.GetOrAdd(route.Name, _ => new()).AddOrUpdate(status, 1, (_, n) => n + 1);
            PerGenerator.AddOrUpdate(generator, 1, (_, n) => n + 1);
        }

        public IEnumerable<string> DistinctFailures() =>
            Failures.GroupBy(f => (f.Route, f.Status, f.Code)).Select(g => $"[{g.Count()}×] {g.First().Detail}");

        public string Summary(TimeSpan elapsed)
        {
            var sb = new StringBuilder($"{Total} requests in {elapsed.TotalSeconds:F0} s; {Compared} refused batches compared before/after; " +
                                       $"{RefusedByKestrel} refused by Kestrel itself (NUL in the path: bare 400 before the app); " +
                                       $"{OversizedAborted} bodies over 4 MiB cut off by Kestrel at an endpoint that reads none\n");
            var all = new SortedDictionary<int, int>();
            foreach (var (name, counter) in PerRoute.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var statuses = PerRouteStatus.GetValueOrDefault(name) ?? new();
                foreach (var (s, n) in statuses) all[s] = all.GetValueOrDefault(s) + n;
                sb.AppendLine($"  {counter.Count,5}  {name}  " + string.Join(" ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
            }
            sb.AppendLine("status histogram: " + string.Join(" ", all.Select(p => $"{p.Key}×{p.Value}")));
            sb.AppendLine("generators: " + string.Join(" ", PerGenerator.OrderByDescending(p => p.Value).Select(p => $"{p.Key}×{p.Value}")));
            foreach (var f in DistinctFailures().Take(30)) sb.AppendLine("FAILURE " + f);
            return sb.ToString();
        }
    }

    // --- the generators -------------------------------------------------------------------------------------------

    enum IdKind { Known, Submitted, Counter, Random }

    sealed record IdChoice(IdKind Kind, string Random);

    /// <summary>A body ready to send: bytes (null: no body), content type, extra headers, and which generator made it.</summary>
    sealed record Body(byte[]? Bytes, string? ContentType, string Label, (string Name, string Value)[] Headers);

    /// <summary>A JSON body whose shape depends on the endpoint's request type, known only when the case is sent.</summary>
    sealed record JsonCase(Func<Type?, Body> Make)
    {
        public Body With(Type? requestType) => Make(requestType);
    }

    sealed record FuzzCase(int Route, IdChoice[] Ids, Caller? OtherCaller, JsonCase Json, Body Multipart, Body Raw, (string, string)[] Headers, int Seed);

    static class Gens
    {
        // Strings: what forms and clients really send, what breaks parsers and what breaks storage.
        static readonly string[] Nasty =
        [
            "", " ", "\t\n", "null", "0", "-1", "true", "..", "../../etc/passwd", "..\\..\\windows", "%00", "\0", "a\0b", "<script>alert(1)</script>",
            "'; DROP TABLE \"Filings\";--", "张三", "620622198503120016", "62062219850312001X", "13800138000", "civil-first-instance", "enforcement",
            "620622", "620600", "370502", "complaint", "identity", "evidence", "property", "non-property", "resident-id", "passport", "uscc",
            "plaintiff", "defendant", "person", "organization", "2026-02-30", "2026-12-01", "9999-12-31", "0001-01-01", "1e309", "NaN", "-0",
            "\u202e", "\ufeff", "\u200b", "🙂", "𠀀𠀁", "ｆｕｌｌｗｉｄｔｈ", "a@b", "@", "x@it.test", "admin@demo.docket", "Docket-demo-2026",
            "\ud800", "\udc00", "\uffff", "\u0085", "${jndi:ldap://x}", "{{7*7}}", "%s%s%s%n", "CON", "aux.pdf",
        ];

        static readonly Gen<string> Str = Gen.Frequency(
            (5, Gen.String[Gen.Char.AlphaNumeric, 0, 24]),
            (5, Gen.OneOf(Nasty)),
            (2, Gen.String[Gen.Char, 0, 40]),
            (1, Gen.Int[1_000, 100_000].Select(n => new string('x', n))),
            (1, Gen.Int[100, 5_000].Select(n => string.Concat(Enumerable.Repeat("诉", n)))));

        static readonly Gen<string> Number = Gen.Frequency(
            (3, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (2, Gen.Long.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (2, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "1e999")),
            (4, Gen.OneOf("0", "-0", "-1", "0.5", "1e309", "-1e309", "1e-400", "79228162514264337593543950336", "-79228162514264337593543950336",
                "9223372036854775808", "18446744073709551616", "1.0000000000000000000000000001", "123456789012345678901234567890123456789012345678901234567890",
                "1000000000000.01", "99999999999999999999.99", "1E+2", "2147483648", "-2147483649", "0.000001")),
            (1, Gen.Int[20, 2000].Select(n => new string('9', n))));

        /// <summary>Not JSON at all, or almost: what a broken client or an attacker types.</summary>
        static readonly Gen<string> NotQuiteJson = Gen.OneOf(
            "{", "}", "[", "{\"a\":}", "{,}", "{\"a\":1,}", "[1,2,]", "{'a':1}", "{a:1}", "// comment\n{}", "/* c */{}", "{\"a\":NaN}", "{\"a\":Infinity}",
            "{\"a\":-Infinity}", "{\"a\":0x10}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\ud800\"}",
            "{\"a\":\"unterminated}", "\"just a string", "nul", "tru", "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "\u00a0{}", "{\"\":1}", "[[[[",
            "{\"a\":[1,{\"b\":]}}", "{\"a\" 1}", "{\"a\"::1}", "{{}}", "\u0000", "{\"a\":\"\t\"}", "{\"a\":\"\n\"}");

        static Gen<string> Value(int depth) => depth <= 0
            ? Gen.Frequency((3, Str.Select(Quote)), (2, Number), (1, Gen.OneOf("true", "false", "null")))
            : Gen.Frequency(
                (3, Str.Select(Quote)), (2, Number), (1, Gen.OneOf("true", "false", "null")),
                (1, Value(depth - 1).Array[0, 4].Select(a => "[" + string.Join(",", a) + "]")),
                (1, Gen.Select(Str, Value(depth - 1)).Array[0, 4].Select(kv => "{" + string.Join(",", kv.Select(p => Quote(p.Item1) + ":" + p.Item2)) + "}")));

        /// <summary>A value for a property of type <paramref name="t"/>: usually the right kind, often not.</summary>
        static Gen<string> ValueFor(Type t, int depth)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            var wrong = Value(Math.Min(depth, 1));
            if (t == typeof(string))
                return Gen.Frequency((8, Str.Select(Quote)), (1, Gen.Const("null")), (2, wrong));
            if (t == typeof(bool))
                return Gen.Frequency((6, Gen.OneOf("true", "false")), (1, Gen.OneOf("\"true\"", "1", "0", "null", "\"yes\"")), (2, wrong));
            if (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double))
                return Gen.Frequency((6, Number), (1, Number.Select(n => Quote(n))), (1, Gen.Const("null")), (2, wrong));
            if (t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(DateOnly))
                return Gen.Frequency(
                    (4, Gen.OneOf("\"2026-11-30T10:00:00+08:00\"", "\"2026-11-30\"", "\"2026-02-30T00:00:00Z\"", "\"9999-12-31T23:59:59+14:00\"",
                        "\"0001-01-01T00:00:00-14:00\"", "\"2026-11-30T25:61:61Z\"", "\"yesterday\"", "\"\"", "\"2026-11-30T10:00:00+99:00\"")),
                    (2, wrong));
            if (t != typeof(string) && t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } seq)
            {
                var element = seq.GetGenericArguments()[0];
                var item = depth > 0 ? ValueFor(element, depth - 1) : Value(0);
                return Gen.Frequency(
                    (6, item.Array[0, 6].Select(a => "[" + string.Join(",", a) + "]")),
                    (1, Gen.Int[51, 3_000].Select(n => "[" + string.Join(",", Enumerable.Repeat(element == typeof(string) ? "\"x\"" : "{}", n)) + "]")),
                    (1, Gen.Const("null")), (2, wrong));
            }
            if (depth > 0 && t.IsClass && t.Assembly == typeof(Program).Assembly)
                return Gen.Frequency((6, ObjectFor(t, depth - 1)), (1, Gen.Const("null")), (2, wrong));
            return wrong;
        }

        static readonly Dictionary<(Type, int), Gen<string>> Objects = [];

        /// <summary>
        /// An object with the request type's own properties (camelCase, sometimes other casings, sometimes
        /// repeated), each present or not, plus now and then a field nobody asked for.
        /// </summary>
        static Gen<string> ObjectFor(Type? t, int depth)
        {
            if (t is null) return Value(2);
            lock (Objects)
                if (Objects.TryGetValue((t, depth), out var known)) return known;
            var props = t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);
            var fields = props.Select(p =>
            {
                var camel = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
                var name = Gen.Frequency((12, Gen.Const(camel)), (1, Gen.Const(p.Name)), (1, Gen.Const(camel.ToUpperInvariant())));
                return Gen.Select(Gen.Int[0, 9], name, ValueFor(p.PropertyType, depth), Gen.Int[0, 19])
                    .Select((present, n, v, dup) => present == 0 ? "" : Quote(n) + ":" + v + (dup == 0 ? "," + Quote(n) + ":" + v : ""));
            });
            var extra = Gen.Frequency((8, Gen.Const("")), (1, Gen.Select(Str, Value(1)).Select((k, v) => Quote(k) + ":" + v)),
                (1, Gen.OneOf("\"__proto__\":{\"admin\":true}", "\"id\":\"x\"", "\"status\":\"registered\"", "\"ownerId\":\"x\"", "\"version\":-1")));
            var gen = fields.Append(extra)
                .Aggregate(Gen.Const(Array.Empty<string>()), (acc, g) => Gen.Select(acc, g, (a, b) => (string[])[.. a, b]))
                .Select(parts => "{" + string.Join(",", parts.Where(p => p.Length > 0)) + "}");
            lock (Objects) Objects[(t, depth)] = gen;
            return gen;
        }

        /// <summary>A plausible value for a property, by its name: what a well-behaved client would send.</summary>
        static string Plausible(string name, Type t, int depth)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            switch (name)
            {
                case "parties": return JsonSerializer.Serialize(TestData.FilingBody()["parties"], DocketAppFactory.Json);
                case "claims": return "[\"判令被告支付货款130000元\",\"本案诉讼费用由被告承担\"]";
                case "items": return "[{\"message\":\"请补充证据目录\"}]";
                case "courtId": return "\"620622\"";
                case "caseType": return "\"civil-first-instance\"";
                case "matter": return "\"property\"";
                case "cause" or "title": return "\"买卖合同纠纷\"";
                case "claimAmount" or "amount" or "reducedAmount": return "130000";
                case "kind": return "\"evidence\"";
                case "role": return "\"plaintiff\"";
                case "idType": return "\"resident-id\"";
                case "idNumber": return Quote(TestIds.ResidentId());
                case "phone": return "\"13800138000\"";
                case "email": return "\"fuzz@it.test\"";
                case "fileName": return "\"证据.pdf\"";
                case "bytes": return "4096";
                case "procedure": return "\"ordinary\"";
                case "filerCapacity": return "\"party\"";
                case "password" or "newPassword": return "\"It-pass-2026-fuzz\"";
                case "code" or "smsCode": return "\"123456\"";
                case "dueDate" or "deferredUntil" or "paidAt": return "\"2026-12-31\"";
            }
            if (t == typeof(string)) return name.Contains("address", StringComparison.OrdinalIgnoreCase) ? "\"甘肃省武威市古浪县古浪镇\"" : "\"测试\"";
            if (t == typeof(bool)) return "true";
            if (t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double)) return "1";
            if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "\"2026-11-30T10:00:00+08:00\"";
            if (t == typeof(DateOnly)) return "\"2026-12-31\"";
            if (t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } seq)
                return "[" + Plausible(name, seq.GetGenericArguments()[0], depth) + "]";
            if (depth > 0 && t.IsClass && t.Assembly == typeof(Program).Assembly)
                return "{" + string.Join(",", Properties(t).Select(p => Quote(Camel(p)) + ":" + Plausible(Camel(p), p.PropertyType, depth - 1))) + "}";
            return "null";
        }

        static PropertyInfo[] Properties(Type t) =>
            [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0)];

        static string Camel(PropertyInfo p) => JsonNamingPolicy.CamelCase.ConvertName(p.Name);

        /// <summary>
        /// A body a real client could have sent, with one or two properties made wrong (or left out): the shape that
        /// gets past the first checks and into the rules behind them.
        /// </summary>
        static JsonCase NearlyValid(int seed) => new(t =>
        {
            if (t is null) return Json("{}", "nearly-valid");
            var props = Properties(t);
            var random = new Random(seed);
            var spoiled = new HashSet<int>(Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(props.Length + 1)));
            var parts = props.Select((p, i) => !spoiled.Contains(i) ? Quote(Camel(p)) + ":" + Plausible(Camel(p), p.PropertyType, 2)
                : random.Next(4) == 0 ? "" : Quote(Camel(p)) + ":" + Sample(ValueFor(p.PropertyType, 2), random.Next()));
            return Json("{" + string.Join(",", parts.Where(x => x.Length > 0)) + "}", "nearly-valid");
        });

        static string Quote(string s)
        {
            var sb = new StringBuilder("\"");
            foreach (var c in s)
            {
                if (c == '"') sb.Append("\\\"");
                else if (c == '\\') sb.Append("\\\\");
                else if (c < 0x20 || char.IsSurrogate(c)) sb.Append($"\\u{(int)c:x4}");
                else sb.Append(c);
            }
            return sb.Append('"').ToString();
        }

        static readonly Encoding Utf8 = new UTF8Encoding(false);
        const string JsonType = "application/json";

        static Body Json(string text, string label, string? contentType = JsonType) => new(Utf8.GetBytes(text), contentType, label, []);

        /// <summary>Every way a JSON body can be wrong (and some ways it can be right, so that validation is reached).</summary>
        static readonly Gen<JsonCase> JsonBody = Gen.Frequency(
            (20, Gen.Int[0, int.MaxValue].Select(seed => new JsonCase(t => Json(Sample(ObjectFor(t, 2), seed), "typed")))),
            (15, Gen.Int[0, int.MaxValue].Select(NearlyValid)),
            (5, Value(3).Select(v => new JsonCase(_ => Json(v, "any-value")))),
            (2, Gen.Const(new JsonCase(_ => new Body([], JsonType, "empty", [])))),
            (2, Gen.Const(new JsonCase(_ => new Body(null, null, "no-body", [])))),
            (6, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Double[0, 1]).Select((seed, cut) => new JsonCase(t =>
            {
                var s = Sample(ObjectFor(t, 2), seed);
                return Json(s[..(int)(s.Length * cut)], "truncated");
            }))),
            (5, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf<byte[]>([0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0x80], [0xFE, 0xFF]))
                .Select((seed, bad) => new JsonCase(t => InvalidUtf8(Sample(ObjectFor(t, 2), seed), bad)))),
            (4, Gen.Select(Gen.Int[65, 40_000], Gen.Bool).Select((n, arrays) => new JsonCase(_ => Json(arrays
                ? new string('[', n) + new string(']', n)
                : string.Concat(Enumerable.Repeat("{\"a\":", n)) + "1" + new string('}', n), "deep")))),
            (2, Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[1_000_000, 5_000_000]).Select((seed, n) => new JsonCase(t =>
            {
                var s = Sample(ObjectFor(t, 0), seed);
                var huge = Quote(new string('大', n / 3));
                return Json(s.Length > 2 ? "{\"x\":" + huge + "," + s[1..] : "{\"x\":" + huge + "}", "huge");
            }))),
            (6, Gen.Select(Gen.Int[0, int.MaxValue], Gen.OneOf("text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded", "application/json; charset=latin1", "application/json; charset=utf-16", "application/json; charset=\"",
                    "application/merge-patch+json", "application/octet-stream", "%%%/;;", "application/json;;;", "*/*", "text/json", "application/problem+json"))
                .Select((seed, ct) => new JsonCase(t => Json(Sample(ObjectFor(t, 2), seed), "content-type", ct)))),
            (5, NotQuiteJson.Select(s => new JsonCase(_ => Json(s, "syntax")))),
            (2, Gen.Byte.Array[1, 2000].Select(b => new JsonCase(_ => new Body(b, JsonType, "random-bytes", [])))),
            (1, Gen.Int[0, int.MaxValue].Select(seed => new JsonCase(t => new Body([0xEF, 0xBB, 0xBF, .. Utf8.GetBytes(Sample(ObjectFor(t, 1), seed))], JsonType, "bom", [])))),
            (1, Gen.Int[0, int.MaxValue].Select(seed => new JsonCase(t => new Body(Encoding.Unicode.GetBytes(Sample(ObjectFor(t, 1), seed)), JsonType, "utf-16", [])))),
            (2, Gen.Int[10_000, 300_000].Select(n => new JsonCase(_ => Json("[" + string.Join(",", Enumerable.Repeat("{}", n)) + "]", "huge-array")))));

        /// <summary>Draws one value from a generator, repeatably from a seed.</summary>
        static string Sample(Gen<string> gen, int seed) => gen.Generate(new PCG((uint)seed, (ulong)seed), null, out _);

        static Body InvalidUtf8(string json, byte[] bad)
        {
            var bytes = Utf8.GetBytes(json).ToList();
            // Inside the first string if there is one (where a parser decodes it), anywhere otherwise.
            var at = json.IndexOf('"') is >= 0 and var q ? Utf8.GetByteCount(json[..(q + 1)]) : bytes.Count / 2;
            bytes.InsertRange(Math.Min(at, bytes.Count), bad);
            return new Body([.. bytes], JsonType, "invalid-utf8", []);
        }

        // --- multipart ---

        static readonly Gen<byte[]> FileBytes = Gen.Frequency(
            (2, Gen.Const(Array.Empty<byte>())),
            (3, Gen.Byte.Array[1, 3000]),
            (3, Gen.Int[0, 3].Select(i => i switch { 0 => TestFiles.Pdf("fuzz"), 1 => TestFiles.Png(Random.Shared.Next(1, 40), Random.Shared.Next(1, 40)), 2 => TestFiles.Jpeg(), _ => TestFiles.Text() })),
            // Real magic bytes in front of garbage: passes the sniffer, then meets whatever reads the image or PDF.
            (6, Gen.Select(Gen.OneOf<byte[]>("%PDF-1.7\n"u8.ToArray(), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], [0xFF, 0xD8, 0xFF, 0xE0], [0xFF, 0xD8, 0xFF, 0xE1],
                    [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R']), Gen.Byte.Array[0, 2000])
                .Select((head, tail) => (byte[])[.. head, .. tail])),
            (3, Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1]).Select((i, cut) =>
            {
                var whole = i switch { 0 => TestFiles.Png(8, 8), 1 => TestFiles.Jpeg(), _ => TestFiles.Pdf("cut") };
                return whole[..Math.Max(8, (int)(whole.Length * cut))];
            })),
            (2, Gen.Select(Gen.Int[0, 1], Gen.Int[0, 400], Gen.Byte).Select((i, at, b) =>
            {
                var whole = i == 0 ? TestFiles.Png(6, 6) : TestFiles.Jpeg();
                whole[Math.Min(8 + at, whole.Length - 1)] = b; // one byte flipped past the signature
                return whole;
            })),
            (1, Gen.Const(TestFiles.Executable())));

        static readonly Gen<string> FileName = Gen.Frequency(
            (4, Gen.OneOf("a.pdf", "scan.png", "photo.jpg", "起诉状.pdf", "../../../etc/passwd", "..\\..\\boot.ini", "a\0b.pdf", "%00.pdf", "con.pdf", "",
                " ", ".", "..", "a\u202eFDP.exe", "x.exe", "\"quoted\".pdf", "semi;colon.pdf", "CRLF\r\nX-Injected: 1.pdf")),
            (2, Gen.String[Gen.Char.AlphaNumeric, 0, 30]),
            (1, Gen.Int[200, 3000].Select(n => new string('名', n) + ".pdf")));

        sealed record Part(string? Disposition, string? ContentType, byte[] Body);

        static readonly string[] UploadKinds = ["complaint", "identity", "evidence", "other", "power-of-attorney", "effective-judgment", "fee-voucher", "seal", "scan"];

        static readonly Gen<string> KindValue = Gen.Frequency((5, Gen.OneOf(UploadKinds)), (3, Str), (1, Gen.Int[65, 5000].Select(n => new string('k', n))));

        static readonly Gen<Part> PartGen = Gen.Frequency(
            (5, KindValue.Select(k => new Part("form-data; name=\"kind\"", null, Utf8.GetBytes(k)))),
            (1, Gen.Byte.Array[0, 100].Select(b => new Part("form-data; name=\"kind\"", "text/plain; charset=utf-8", (byte[])[0xFF, 0xFE, .. b]))),
            (8, Gen.Select(FileName, FileBytes, Gen.OneOf("application/pdf", "image/png", "image/jpeg", "text/plain", "application/octet-stream", "", "garbage/;;"))
                .Select((n, b, ct) => new Part($"form-data; name=\"file\"; filename=\"{n}\"", ct.Length == 0 ? null : ct, b))),
            (2, Gen.Select(FileName, FileBytes).Select((n, b) => new Part($"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(n.Replace("\0", ""))}", "application/pdf", b))),
            (1, FileBytes.Select(b => new Part("form-data; name=\"file\"", null, b))),
            (1, Gen.Select(Gen.OneOf("attachment; filename=\"a.pdf\"", "form-data", "form-data; name=", "form-data; name=\"file\"; filename=", "form-data; name=\"fi\"le\"",
                "inline; name=\"file\"", ";;;", "form-data; name*=UTF-8''%E4%B8%AD", "form-data; name=\"file\"; filename=\"a.pdf\"; filename=\"b.pdf\""), FileBytes)
                .Select((d, b) => new Part(d, "application/pdf", b))),
            (1, FileBytes.Select(b => new Part(null, "application/pdf", b))),
            (1, Gen.Int[16 * 1024, 40 * 1024].Select(n => new Part("form-data; name=\"file\"; filename=\"" + new string('h', n) + ".pdf\"", "application/pdf", TestFiles.Pdf("h")))));

        static readonly Gen<string> Boundary = Gen.Frequency(
            (8, Gen.String[Gen.Char.AlphaNumeric, 1, 40].Select(s => "----fuzz" + s)),
            (1, Gen.Int[201, 400].Select(n => new string('b', n))),
            (1, Gen.OneOf("a b", "\"quoted\"", "-", "=", "a;b", "x\"y", "b\tb")));

        // --- images and PDFs that pass the sniffer and then meet the decoders behind it ---

        static uint Crc32(ReadOnlySpan<byte> data)
        {
            var crc = 0xFFFFFFFFu;
            foreach (var b in data)
            {
                crc ^= b;
                for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
            return ~crc;
        }

        static void PngChunk(MemoryStream png, string type, byte[] data)
        {
            Span<byte> n = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(n, data.Length);
            png.Write(n);
            byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
            png.Write(typed);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(n, Crc32(typed));
            png.Write(n);
        }

        static byte[] Zlib(byte[] raw)
        {
            var z = new MemoryStream();
            using (var s = new System.IO.Compression.ZLibStream(z, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) s.Write(raw);
            return z.ToArray();
        }

        /// <summary>A PNG with correct framing and CRCs but any header: zero or huge sizes, odd bit depths and colour types.</summary>
        static readonly Gen<byte[]> CraftedPng =
            Gen.Select(Gen.OneOf(0, 1, 3, 40, 65535, 1 << 24, int.MaxValue), Gen.OneOf(0, 1, 2, 50, 65535, int.MaxValue), Gen.OneOf<byte>(1, 2, 4, 8, 16, 0, 3, 255),
                    Gen.OneOf<byte>(0, 2, 3, 4, 6, 1, 5, 7), Gen.OneOf<byte>(0, 1, 2), Gen.Byte.Array[0, 600], Gen.Bool, Gen.Bool)
                .Select((w, h, depth, colour, interlace, data, compress, palette) =>
                {
                    var png = new MemoryStream();
                    png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
                    var ihdr = new byte[13];
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), h);
                    (ihdr[8], ihdr[9], ihdr[12]) = (depth, colour, interlace);
                    PngChunk(png, "IHDR", ihdr);
                    if (palette) PngChunk(png, "PLTE", data.Length >= 3 ? data[..(data.Length / 3 * 3)] : [0, 0, 0]);
                    PngChunk(png, "IDAT", compress ? Zlib(data) : data);
                    PngChunk(png, "IEND", []);
                    return png.ToArray();
                });

        /// <summary>
        /// The test JPEG with its frame header rewritten (height, width, component count) and, often, an EXIF block in
        /// front whose orientation entry and offsets are anything.
        /// </summary>
        static readonly Gen<byte[]> CraftedJpeg =
            Gen.Select(Gen.OneOf<ushort>(0, 1, 8, 9, 4000, 65535), Gen.OneOf<ushort>(0, 1, 8, 65535), Gen.OneOf<byte>(1, 0, 3, 4, 255),
                    Gen.Bool, Gen.Bool, Gen.OneOf<uint>(8, 0, 7, 9999, 0xFFFFFFFF, 0x7FFFFFFF), Gen.OneOf<ushort>(1, 0, 65535, 3), Gen.UShort[0, 12])
                .Select((height, width, components, exif, little, ifd, count, orientation) =>
                {
                    var jpeg = TestFiles.Jpeg();
                    // SOI(2) APP0(18) DQT(69), then SOF0: FF C0 00 0B 08 height width components …
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(94), height);
                    System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(96), width);
                    jpeg[98] = components;
                    if (!exif) return jpeg;
                    var tiff = new byte[26];
                    if (little)
                    {
                        "II*\0"u8.CopyTo(tiff);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), ifd);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), count);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(10), 0x0112);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(18), orientation);
                    }
                    else
                    {
                        "MM\0*"u8.CopyTo(tiff);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), ifd);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), count);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), orientation);
                    }
                    byte[] app1Body = [.. "Exif\0\0"u8, .. tiff];
                    byte[] app1 = [0xFF, 0xE1, (byte)((app1Body.Length + 2) >> 8), (byte)(app1Body.Length + 2), .. app1Body];
                    return [.. jpeg[..2], .. app1, .. jpeg[2..]];
                });

        /// <summary>A real file with a few bytes changed past its signature.</summary>
        static readonly Gen<byte[]> Flipped =
            Gen.Select(Gen.Int[0, 2], Gen.Select(Gen.Int[8, 100_000], Gen.Byte).Array[1, 4])
                .Select((which, flips) =>
                {
                    var file = which switch { 0 => TestFiles.Png(Random.Shared.Next(1, 20), Random.Shared.Next(1, 20)), 1 => TestFiles.Jpeg(), _ => TestFiles.Pdf("flip") };
                    foreach (var (at, b) in flips) file[at % file.Length < 8 ? 8 % file.Length : at % file.Length] = b;
                    return file;
                });

        /// <summary>PDFs carrying what the content scan looks for, split or whole.</summary>
        static readonly Gen<byte[]> TaintedPdf =
            Gen.Select(Gen.OneOf("/Encrypt", "/JavaScript", "/JS (app.alert(1))", "/Launch", "/EmbeddedFile", "/RichMedia", "PK\u0005\u0006", "/Enc", "/JavaScrip"),
                    Gen.Double[0, 1])
                .Select((token, where) =>
                {
                    var pdf = TestFiles.Pdf("tainted");
                    var at = Math.Clamp((int)(pdf.Length * where), 8, pdf.Length);
                    return (byte[])[.. pdf[..at], .. Encoding.Latin1.GetBytes(token), .. pdf[at..]];
                });

        static readonly Gen<byte[]> DeepFile = Gen.Frequency(
            (4, CraftedPng), (4, CraftedJpeg), (4, Flipped), (2, TaintedPdf),
            (2, Gen.Int[0, 2].Select(i => i switch { 0 => TestFiles.Png(Random.Shared.Next(1, 60), Random.Shared.Next(1, 60)), 1 => TestFiles.Jpeg(), _ => TestFiles.Pdf("ok") })));

        /// <summary>Well-framed multipart, as a browser sends it — a kind, then one or more files — whose files are the hostile ones.</summary>
        static readonly Gen<Body> WellFramedMultipart =
            Gen.Select(Gen.OneOf("complaint", "identity", "evidence", "other", "fee-voucher"), DeepFile.Array[1, 4], Gen.String[Gen.Char.AlphaNumeric, 8, 30])
                .Select((kind, files, boundary) =>
                {
                    var body = new MemoryStream();
                    void W(string s) => body.Write(Utf8.GetBytes(s));
                    W($"--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n");
                    for (var i = 0; i < files.Length; i++)
                    {
                        var type = MediaSniffer(files[i]);
                        W($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"page-{i + 1}{type.Ext}\"\r\nContent-Type: {type.Media}\r\n\r\n");
                        body.Write(files[i]);
                        W("\r\n");
                    }
                    W($"--{boundary}--\r\n");
                    return new Body(body.ToArray(), $"multipart/form-data; boundary={boundary}", "mp-well-framed", []);
                });

        static (string Media, string Ext) MediaSniffer(byte[] file) => file switch
        {
            [0x89, 0x50, ..] => ("image/png", ".png"),
            [0xFF, 0xD8, ..] => ("image/jpeg", ".jpg"),
            _ => ("application/pdf", ".pdf"),
        };

        static readonly Gen<Body> ChaoticMultipart =
            Gen.Select(Boundary, PartGen.Array[0, 4], Gen.Int[0, 12], Gen.Int[0, 19], Gen.Double[0, 1])
            .Select((boundary, parts, framing, header, cut) =>
            {
                if (framing == 0) parts = [.. parts, .. Enumerable.Repeat(new Part("form-data; name=\"file\"; filename=\"p.png\"", "image/png", TestFiles.Png(2, 2)), 31)];
                var nl = framing == 1 ? "\n" : "\r\n";
                var body = new MemoryStream();
                void W(string s) => body.Write(Utf8.GetBytes(s));
                if (framing == 2) W("preamble garbage" + nl);
                foreach (var p in parts)
                {
                    W("--" + boundary + nl);
                    if (p.Disposition is not null) W("Content-Disposition: " + p.Disposition + nl);
                    if (p.ContentType is not null) W("Content-Type: " + p.ContentType + nl);
                    if (framing != 3) W(nl);
                    body.Write(p.Body);
                    W(nl);
                }
                if (framing != 4) W("--" + boundary + "--" + nl);
                if (framing == 5) W("epilogue garbage");
                var bytes = body.ToArray();
                if (framing == 6) bytes = bytes[..(int)(bytes.Length * cut)];
                var contentType = header switch
                {
                    0 => "multipart/form-data",
                    1 => $"multipart/form-data; boundary=\"{boundary}\"",
                    2 => $"multipart/mixed; boundary={boundary}",
                    3 => "application/json",
                    4 => "multipart/form-data; boundary=other" + boundary.Length,
                    5 => null,
                    _ => $"multipart/form-data; boundary={boundary}",
                };
                var label = framing switch { 0 => "mp-many-parts", 1 => "mp-lf", 2 => "mp-preamble", 3 => "mp-no-blank-line", 4 => "mp-unclosed", 6 => "mp-truncated", _ => "mp" }
                            + (header < 6 ? "-bad-content-type" : "");
                return new Body(bytes, contentType, label, []);
            });

        static readonly Gen<Body> MultipartBody = Gen.Frequency((3, WellFramedMultipart), (4, ChaoticMultipart));

        /// <summary>PATCH chunks of a resumable upload: any bytes, any offset header.</summary>
        static readonly Gen<Body> RawBody =
            Gen.Select(FileBytes, Gen.OneOf<string?>(null, "0", "-1", "abc", "99999999999999999999", " 1", "1e3", "", "0x10", "4096", "1,2", "+0", "8"),
                    Gen.OneOf<string?>(null, "application/offset+octet-stream", "application/octet-stream", "application/json", "multipart/form-data"))
                .Select((bytes, offset, ct) => new Body(bytes, ct, "raw", offset is null ? [] : [("Upload-Offset", offset)]));

        static readonly Gen<IdChoice> Id = Gen.Frequency(
            (16, Gen.Const(new IdChoice(IdKind.Known, ""))),
            (2, Gen.Const(new IdChoice(IdKind.Submitted, ""))),
            (2, Gen.Const(new IdChoice(IdKind.Counter, ""))),
            (2, Gen.String[Gen.Char.AlphaNumeric, 1, 40].Select(s => new IdChoice(IdKind.Random, s))),
            (1, Gen.Guid.Select(g => new IdChoice(IdKind.Random, g.ToString("N")))),
            (3, Gen.OneOf("..", "%2e%2e", "%2E%2E%2F%2E%2E", "%00", "a%00b", "%2F", "..%2F..%2Fetc%2Fpasswd", "%FF%FE", "%C0%AE", "null", "0", "-1",
                "undefined", "%20", "'%20OR%201%3D1--", "%E4%B8%AD", "%", "%zz", "~", "%3Cscript%3E", "con", "ID").Select(s => new IdChoice(IdKind.Random, s))),
            (1, Gen.Int[256, 2000].Select(n => new IdChoice(IdKind.Random, new string('a', n)))));

        static readonly Gen<(string, string)[]> Headers = Gen.Frequency(
            (8, Gen.Const(Array.Empty<(string, string)>())),
            (1, Gen.OneOf("\"1\"", "\"x\"", "*", "", "W/\"1\"", "\"99999999999\"", "1", "\"-1\"", "\"1\", \"2\"").Select(v => new[] { ("If-Match", v) })),
            (1, Gen.Frequency((3, Gen.String[Gen.Char.AlphaNumeric, 0, 40]), (1, Gen.Int[200, 4000].Select(n => new string('k', n)))).Select(v => new[] { ("Idempotency-Key", v) })),
            (1, Gen.OneOf("en", "zh-CN", "xx;q=abc", "*", ";;;", "en-US,en;q=0.9,zh;q=0.8", "zz-ZZ", new string('a', 300)).Select(v => new[] { ("Accept-Language", v) })));

        static readonly Gen<Caller?> OtherCaller = Gen.Frequency(
            (17, Gen.Const((Caller?)null)),
            (1, Gen.Const<Caller?>(Caller.Anonymous)), (1, Gen.Const<Caller?>(Caller.OtherFiler)), (1, Gen.Const<Caller?>(Caller.Clerk)),
            (1, Gen.Const<Caller?>(Caller.Admin)), (1, Gen.Const<Caller?>(Caller.Filer)));

        public static Gen<FuzzCase> Case(int[] weights) =>
            Gen.Select(Gen.Frequency(weights.Select((w, i) => (w, i)).ToArray()), Id.Array[2], OtherCaller, JsonBody, MultipartBody, RawBody, Headers, Gen.Int[0, 1000])
                .Select((route, ids, caller, json, multipart, raw, headers, seed) => new FuzzCase(route, ids, caller, json, multipart, raw, headers, seed));
    }
}
