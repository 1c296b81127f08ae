using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Docket.IntegrationTests;

/// <summary>
/// Every API endpoint × every relation to the data: anonymous 401, a role that may never call it 403, someone
/// else's filing or another court's 404 — and the relations that may call it get through (any answer but 401, 403,
/// 404 or a 5xx). The route list comes from the app's endpoint data source, so an endpoint added without an entry
/// here fails the test. A refusal never carries the filing's data, and a staff read of a filing is logged.
/// </summary>
public sealed class AccessMatrixTests(SqliteAppFactory app, ITestOutputHelper output) : IClassFixture<SqliteAppFactory>
{
    enum Rel { Anonymous, Owner, OtherFiler, Clerk, OtherCourtClerk, CourtAdmin, Admin }

    /// <summary>Allowed: anything but a refusal of access (the body may still be refused: 400, 409, 415 …).</summary>
    const int A = 0;

    /// <summary>What each relation gets, in <see cref="Rel"/> order.</summary>
    static int[] E(params int[] byRelation) => byRelation;

    static readonly int[] Public = E(A, A, A, A, A, A, A);
    static readonly int[] SignedIn = E(401, A, A, A, A, A, A);
    static readonly int[] OwnersFiling = E(401, A, 404, 404, 404, 404, 404);
    static readonly int[] CourtQueue = E(401, 403, 403, A, A, A, 403);
    static readonly int[] CourtsFiling = E(401, 403, 403, A, 404, A, 403);
    static readonly int[] Litigants = E(401, A, A, 403, 403, 403, 403);
    static readonly int[] CourtStats = E(401, 403, 403, A, 404, A, A);
    /// <summary>Mediation reads: mediators, court staff and admins, each scoped (a mediator is no relation here).</summary>
    static readonly int[] MediationStaff = E(401, 403, 403, A, A, A, A);
    /// <summary>A case the Gulang court diverted: its staff and admins see it, another court's clerk does not.</summary>
    static readonly int[] DivertedCase = E(401, 403, 403, A, 404, A, A);
    /// <summary>Only a room's mediators act on its cases: every relation here is refused by role.</summary>
    static readonly int[] MediatorOnly = E(401, 403, 403, 403, 403, 403, 403);
    /// <summary>Dispute screening reads: officers of the unit (no relation here) and admins.</summary>
    static readonly int[] ScreeningReads = E(401, 403, 403, 403, 403, 403, A);
    /// <summary>Only officers log and act on disputes: every relation here is refused by role.</summary>
    static readonly int[] OfficerOnly = E(401, 403, 403, 403, 403, 403, 403);
    /// <summary>
    /// Staff education: officers, unit admins, the committee and admins (scoped by unit); filers and court staff are no
    /// part of the organisation. Of these relations only the admin gets through; scoping by unit is EducationTests'.
    /// </summary>
    static readonly int[] Organisation = E(401, 403, 403, 403, 403, 403, A);
    /// <summary>QR check-in: only an officer whose account is linked to a roll entry (the admin is none).</summary>
    static readonly int[] LinkedOfficer = E(401, 403, 403, 403, 403, 403, 403);

    /// <summary>Which data a route's parameters point at.</summary>
    enum Target { None, Registered, Draft, Counter, Mediation, Dispute, Unit, Event, Rectification, Material, Officer }

    static readonly Dictionary<string, (Target Target, int[] Expected)> Matrix = new()
    {
        ["GET api/v1/fees/quote"] = (Target.None, Public),
        ["GET api/v1/calendar/deadline"] = (Target.None, Public),
        ["GET api/v1/courts"] = (Target.None, Public),
        ["GET api/v1/courts/{id}/policy"] = (Target.None, Public),
        ["GET api/v1/stats/public"] = (Target.None, Public),
        ["GET api/v1/dev/sms-outbox"] = (Target.None, Public),
        ["POST api/v1/auth/register"] = (Target.None, Public),
        ["POST api/v1/auth/login"] = (Target.None, Public),
        ["POST api/v1/auth/sms-code"] = (Target.None, Public),
        ["POST api/v1/auth/login-sms"] = (Target.None, Public),
        ["POST api/v1/auth/password-reset"] = (Target.None, Public),
        ["POST api/v1/auth/refresh"] = (Target.None, Public),

        ["GET api/v1/me"] = (Target.None, SignedIn),
        ["PUT api/v1/me/profile"] = (Target.None, SignedIn),
        ["POST api/v1/me/phone/code"] = (Target.None, SignedIn),
        ["PUT api/v1/me/phone"] = (Target.None, SignedIn),
        // Staff accounts have confirmed no service address of their own: theirs is not found.
        ["GET api/v1/me/service-address"] = (Target.None, E(401, A, A, 404, 404, 404, 404)),
        ["PUT api/v1/me/service-address"] = (Target.None, SignedIn),
        ["GET api/v1/me/service-address/history"] = (Target.None, SignedIn),
        ["GET api/v1/me/served-documents"] = (Target.None, SignedIn),
        ["GET api/v1/notifications"] = (Target.None, SignedIn),
        ["POST api/v1/notifications/read"] = (Target.None, SignedIn),
        ["POST api/v1/notifications/{id}/read"] = (Target.Registered, OwnersFiling),
        // Any signed-in account may start and list its own filings (a clerk's list is its own, empty one).
        ["POST api/v1/filings"] = (Target.None, SignedIn),
        ["GET api/v1/filings"] = (Target.None, SignedIn),

        ["GET api/v1/filings/{id}"] = (Target.Registered, OwnersFiling),
        ["PUT api/v1/filings/{id}"] = (Target.Draft, OwnersFiling),
        ["POST api/v1/filings/{id}/documents"] = (Target.Draft, OwnersFiling),
        ["POST api/v1/filings/{id}/documents/photos"] = (Target.Draft, OwnersFiling),
        ["POST api/v1/filings/{id}/uploads"] = (Target.Draft, OwnersFiling),
        ["GET api/v1/filings/{id}/uploads/{uploadId}"] = (Target.Draft, OwnersFiling),
        ["PATCH api/v1/filings/{id}/uploads/{uploadId}"] = (Target.Draft, OwnersFiling),
        ["DELETE api/v1/filings/{id}/uploads/{uploadId}"] = (Target.Draft, OwnersFiling),
        ["GET api/v1/filings/{id}/documents/{docId}/content"] = (Target.Registered, OwnersFiling),
        ["GET api/v1/filings/{id}/documents/{docId}/preview"] = (Target.Registered, OwnersFiling),
        ["DELETE api/v1/filings/{id}/documents/{docId}"] = (Target.Draft, OwnersFiling),
        ["GET api/v1/filings/{id}/check"] = (Target.Draft, OwnersFiling),
        ["POST api/v1/filings/{id}/submit"] = (Target.Draft, OwnersFiling),
        ["GET api/v1/filings/{id}/receipt"] = (Target.Registered, OwnersFiling),
        ["POST api/v1/filings/{id}/withdraw"] = (Target.Draft, OwnersFiling),
        ["GET api/v1/filings/{id}/history"] = (Target.Registered, OwnersFiling),
        ["GET api/v1/filings/{id}/history/verify"] = (Target.Registered, OwnersFiling),
        ["POST api/v1/filings/{id}/fee/voucher"] = (Target.Registered, OwnersFiling),
        ["POST api/v1/filings/{id}/fee/pay"] = (Target.Registered, OwnersFiling),
        ["POST api/v1/filings/{id}/judicial-aid"] = (Target.Registered, OwnersFiling),
        ["GET api/v1/filings/{id}/notices"] = (Target.Registered, OwnersFiling),
        ["GET api/v1/filings/{id}/notices/{noticeId}"] = (Target.Registered, OwnersFiling),
        ["POST api/v1/filings/claim"] = (Target.None, Litigants),
        ["POST api/v1/filings/claim/confirm"] = (Target.None, Litigants),

        ["GET api/v1/review/queue"] = (Target.None, CourtQueue),
        ["GET api/v1/review/search"] = (Target.None, CourtQueue),
        ["GET api/v1/review/filings/{id}"] = (Target.Registered, CourtsFiling),
        ["GET api/v1/review/filings/{id}/documents/{docId}/content"] = (Target.Registered, CourtsFiling),
        ["GET api/v1/review/filings/{id}/documents/{docId}/preview"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/claim"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/release"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/register"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/request-correction"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/reject"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/divert-to-mediation"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/forward"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/originals"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/fee/confirm"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/fee/reject-voucher"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/judicial-aid/decide"] = (Target.Registered, CourtsFiling),
        ["POST api/v1/review/filings/{id}/fee/unpaid-withdrawn"] = (Target.Registered, CourtsFiling),
        ["GET api/v1/review/filings/{id}/notices"] = (Target.Registered, CourtsFiling),
        ["GET api/v1/review/filings/{id}/notices/{noticeId}"] = (Target.Registered, CourtsFiling),
        ["GET api/v1/stats/courts/{id}"] = (Target.None, CourtStats),

        ["POST api/v1/counter/filings"] = (Target.None, CourtQueue),
        ["GET api/v1/counter/filings"] = (Target.None, CourtQueue),
        ["GET api/v1/counter/filings/{id}"] = (Target.Counter, CourtsFiling),
        ["PUT api/v1/counter/filings/{id}"] = (Target.Counter, CourtsFiling),
        ["POST api/v1/counter/filings/{id}/documents"] = (Target.Counter, CourtsFiling),
        ["POST api/v1/counter/filings/{id}/documents/scans"] = (Target.Counter, CourtsFiling),
        ["DELETE api/v1/counter/filings/{id}/documents/{docId}"] = (Target.Counter, CourtsFiling),
        ["GET api/v1/counter/filings/{id}/check"] = (Target.Counter, CourtsFiling),
        ["POST api/v1/counter/filings/{id}/submit"] = (Target.Counter, CourtsFiling),
        ["POST api/v1/counter/filings/{id}/counter-receipt"] = (Target.Counter, CourtsFiling),

        ["GET api/v1/mediation/rooms"] = (Target.None, Public),
        ["GET api/v1/mediation/stats"] = (Target.None, MediationStaff),
        ["GET api/v1/mediation/cases"] = (Target.None, MediationStaff),
        ["POST api/v1/mediation/cases"] = (Target.None, MediatorOnly),
        ["GET api/v1/mediation/cases/{id}"] = (Target.Mediation, DivertedCase),
        ["GET api/v1/mediation/cases/{id}/agreement"] = (Target.Mediation, DivertedCase),
        ["POST api/v1/mediation/cases/{id}/sessions"] = (Target.Mediation, MediatorOnly),
        ["POST api/v1/mediation/cases/{id}/close"] = (Target.Mediation, MediatorOnly),
        ["POST api/v1/mediation/cases/{id}/feedback"] = (Target.Mediation, MediatorOnly),
        ["POST api/v1/mediation/cases/{id}/judicial-confirmation"] = (Target.Mediation, MediatorOnly),

        ["GET api/v1/disputes/stats"] = (Target.None, ScreeningReads),
        ["GET api/v1/disputes"] = (Target.None, ScreeningReads),
        ["POST api/v1/disputes"] = (Target.None, OfficerOnly),
        ["GET api/v1/disputes/{id}"] = (Target.Dispute, ScreeningReads),
        ["POST api/v1/disputes/{id}/actions"] = (Target.Dispute, OfficerOnly),
        ["POST api/v1/disputes/{id}/resolve"] = (Target.Dispute, OfficerOnly),
        ["GET api/v1/org/units"] = (Target.None, Organisation),
        ["GET api/v1/org/units/{id}/officers"] = (Target.Unit, Organisation),
        ["POST api/v1/org/units/{id}/officers/import"] = (Target.Unit, Organisation),
        ["PUT api/v1/org/officers/{id}/account"] = (Target.Officer, Organisation),
        ["GET api/v1/education/events"] = (Target.None, Organisation),
        ["POST api/v1/education/events"] = (Target.None, Organisation),
        ["GET api/v1/education/events/{id}"] = (Target.Event, Organisation),
        ["POST api/v1/education/events/{id}/attendance"] = (Target.Event, Organisation),
        ["POST api/v1/education/events/{id}/attendance/import"] = (Target.Event, Organisation),
        ["GET api/v1/education/events/{id}/report"] = (Target.Event, Organisation),
        ["GET api/v1/education/events/{id}/report/export"] = (Target.Event, Organisation),
        ["GET api/v1/education/events/{id}/absentees"] = (Target.Event, Organisation),
        ["GET api/v1/education/events/{id}/checkin-token"] = (Target.Event, Organisation),
        ["POST api/v1/education/checkin"] = (Target.None, LinkedOfficer),
        ["GET api/v1/education/units/{id}/timetable"] = (Target.Unit, Organisation),
        ["PUT api/v1/education/units/{id}/timetable"] = (Target.Unit, Organisation),
        ["POST api/v1/education/study-records"] = (Target.None, Organisation),
        ["GET api/v1/education/participation"] = (Target.None, Organisation),
        ["POST api/v1/education/rectifications"] = (Target.None, Organisation),
        ["GET api/v1/education/rectifications"] = (Target.None, Organisation),
        ["POST api/v1/education/rectifications/{id}/status"] = (Target.Rectification, Organisation),
        ["POST api/v1/education/rectifications/{id}/close"] = (Target.Rectification, Organisation),
        ["POST api/v1/education/rectifications/{id}/evidence"] = (Target.Rectification, Organisation),
        ["GET api/v1/education/rectifications/report"] = (Target.None, Organisation),
        ["POST api/v1/education/service-activities"] = (Target.None, Organisation),
        ["GET api/v1/education/service-activities"] = (Target.None, Organisation),
        ["GET api/v1/education/service-activities/report"] = (Target.None, Organisation),
        ["POST api/v1/education/materials"] = (Target.None, Organisation),
        ["GET api/v1/education/materials"] = (Target.None, Organisation),
        ["GET api/v1/education/materials/{id}"] = (Target.Material, Organisation),
        ["POST api/v1/education/materials/{id}/read"] = (Target.Material, LinkedOfficer),
        ["POST api/v1/education/materials/{id}/attempts"] = (Target.Material, LinkedOfficer),
        ["PUT api/v1/education/materials/{id}/printed-copies"] = (Target.Material, Organisation),
        ["GET api/v1/education/materials/{id}/report"] = (Target.Material, Organisation),
    };

    sealed record Data(string Id, string? DocId, string? NoticeId, string? UploadId, string? NotificationId, string Title);

    sealed record Callers(string Owner, string OtherFiler, string Clerk, string OtherClerk, string CourtAdmin, string Admin)
    {
        public string? Token(Rel r) => r switch
        {
            Rel.Owner => Owner, Rel.OtherFiler => OtherFiler, Rel.Clerk => Clerk, Rel.OtherCourtClerk => OtherClerk,
            Rel.CourtAdmin => CourtAdmin, Rel.Admin => Admin, _ => null,
        };
    }

    static IEnumerable<RouteEndpoint> ApiEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true);

    static string Key(string method, RouteEndpoint e) => $"{method} {e.RoutePattern.RawText!.Trim('/')}";

    static List<string> Routes(IServiceProvider services) =>
        [.. ApiEndpoints(services).SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => Key(m, e)))
            .Distinct().Order()];

    /// <summary>Upload endpoints declare multipart: any other body is refused as 415 before anything else is asked.</summary>
    static HashSet<string> Multipart(IServiceProvider services) =>
        [.. ApiEndpoints(services)
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => Key(m, e)))];

    [Fact]
    public void EveryApiEndpoint_HasAnEntry()
    {
        var routes = Routes(app.Services);
        Assert.True(routes.Count > 60, $"only {routes.Count} routes found");
        var missing = routes.Where(r => !Matrix.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "endpoints without an access entry:\n" + string.Join("\n", missing));
        var stale = Matrix.Keys.Where(k => !routes.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "entries for endpoints that no longer exist:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task EveryEndpoint_EveryRelation_ExactlyTheExpectedAccess()
    {
        var owner = await app.NewFilerAsync();
        var callers = new Callers(owner.Token, (await app.NewFilerAsync()).Token, await app.ClerkAsync(Courts.Gulang),
            await app.ClerkAsync(Courts.Tianzhu), await app.StaffAsync("courtadmin.620622@demo.docket"), await app.StaffAsync("admin@demo.docket"));

        // Shared data for the refusals and the reads; a state-changing call that is let through gets data of its own.
        var shared = new Dictionary<Target, Data>
        {
            [Target.Registered] = await RegisteredAsync(owner.Token, callers.Clerk),
            [Target.Draft] = await DraftAsync(owner.Token),
            [Target.Counter] = await CounterAsync(callers.Clerk),
            [Target.Mediation] = await MediationAsync(owner.Token, callers.Clerk),
            [Target.Dispute] = await DisputeAsync(),
            [Target.Unit] = new Data("620600", null, null, null, null, "武威市中级人民法院"),
            [Target.Event] = await EventAsync(callers.Admin),
            [Target.Rectification] = await RectificationAsync(callers.Admin),
            [Target.Material] = await MaterialAsync(callers.Admin),
            [Target.Officer] = new Data("o-620600-0002", null, null, null, null, "o-620600-0002"),
        };

        var multipart = Multipart(app.Services);
        var failures = new List<string>();
        var calls = 0;
        foreach (var route in Routes(app.Services))
        {
            var (target, expected) = Matrix[route];
            var method = route[..route.IndexOf(' ')];
            var template = route[(route.IndexOf(' ') + 1)..];
            foreach (var rel in Enum.GetValues<Rel>())
            {
                var want = expected[(int)rel];
                var data = target == Target.None ? null : shared[target];
                if (want == A && method != "GET" && target != Target.None)
                    data = target switch
                    {
                        Target.Registered => await RegisteredAsync(owner.Token, callers.Clerk),
                        Target.Draft => await DraftAsync(owner.Token),
                        Target.Mediation => await MediationAsync(owner.Token, callers.Clerk),
                        Target.Unit => shared[Target.Unit],
                        Target.Officer => shared[Target.Officer],
                        Target.Event => await EventAsync(callers.Admin),
                        Target.Rectification => await RectificationAsync(callers.Admin),
                        Target.Material => await MaterialAsync(callers.Admin),
                        _ => await CounterAsync(callers.Clerk),
                    };
                var path = "/" + Fill(template, data);
                var r = await SendAsync(method, path, callers.Token(rel), multipart.Contains(route));
                calls++;
                var status = (int)r.StatusCode;
                var body = await r.Content.ReadAsStringAsync();
                var ok = want == A ? status is not (401 or 403 or 404) && status < 500 : status == want;
                if (!ok) failures.Add($"{route} as {rel}: expected {(want == A ? "access" : want.ToString())}, got {status} {body[..Math.Min(body.Length, 160)]}");
                if (status is 401 or 403 or 404 && data is not null && body.Contains(data.Title, StringComparison.Ordinal))
                    failures.Add($"{route} as {rel}: the refusal carries the filing's title");
            }
        }
        output.WriteLine($"{calls} calls over {Matrix.Count} endpoints × {Enum.GetValues<Rel>().Length} relations");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task StaffReads_OfAFilingAndItsDocuments_AreLogged()
    {
        var owner = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync(Courts.Gulang);
        var data = await RegisteredAsync(owner.Token, clerk);
        await (await app.GetAsync($"/api/v1/review/filings/{data.Id}", clerk)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/v1/review/filings/{data.Id}/documents/{data.DocId}/content", clerk)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync($"/api/v1/review/filings/{data.Id}/notices/{data.NoticeId}", clerk)).StatusCode);
        // Another court's clerk is refused, and a refusal is no read.
        await (await app.GetAsync($"/api/v1/review/filings/{data.Id}", await app.ClerkAsync(Courts.Tianzhu))).ShouldBeProblem(404);

        var clerkId = await app.UserIdAsync(clerk);
        var reads = await app.ReadDbAsync(db => db.StaffReads.Where(r => r.FilingId == data.Id).OrderBy(r => r.At).ToListAsync());
        Assert.All(reads, r => Assert.Equal((clerkId, Courts.Gulang), (r.UserId, r.CourtId)));
        var what = reads.Select(r => r.What).ToList();
        Assert.Contains("filing", what);
        Assert.Contains("document:" + data.DocId, what);
        Assert.Contains("notice:" + data.NoticeId, what);
    }

    static string Fill(string template, Data? d) => template
        .Replace("{id}", template.StartsWith("api/v1/courts/", StringComparison.Ordinal) || template.StartsWith("api/v1/stats/courts/", StringComparison.Ordinal)
            ? Courts.Gulang : template.StartsWith("api/v1/notifications/", StringComparison.Ordinal) ? d?.NotificationId ?? "none" : d?.Id ?? "none")
        .Replace("{docId}", d?.DocId ?? "none").Replace("{noticeId}", d?.NoticeId ?? "none").Replace("{uploadId}", d?.UploadId ?? "none");

    Task<HttpResponseMessage> SendAsync(string method, string path, string? token, bool multipart) =>
        app.SendAsync(new HttpMethod(method), path, token, method == "GET" || method == "DELETE" ? null
            : multipart ? TestFiles.Multipart("evidence", "e.pdf", TestFiles.Pdf("matrix")) : DocketAppFactory.RawJson("{}"));

    async Task<Data> DraftAsync(string owner)
    {
        var id = await app.DraftFilingAsync(owner);
        var f = await app.FilingAsync(id, owner);
        var upload = await (await app.PostAsync($"/api/v1/filings/{id}/uploads", new { kind = "evidence", fileName = "big.pdf", bytes = 20_000_000 }, owner))
            .ShouldBe(HttpStatusCode.Created, "start an upload");
        return new Data(id, f.GetProperty("documents")[0].Str("id"), null, upload.Str("uploadId"), null, f.Str("title"));
    }

    async Task<Data> RegisteredAsync(string owner, string clerk)
    {
        var (id, _) = await app.SubmittedFilingAsync(owner);
        await app.ReviewAsync("claim", id, clerk);
        await app.ReviewAsync("register", id, clerk);
        var f = await app.FilingAsync(id, owner);
        var notices = await (await app.GetAsync($"/api/v1/filings/{id}/notices", owner)).ShouldBe(HttpStatusCode.OK);
        var notification = (await app.NotificationsAsync(owner)).First(n => n.TryGetProperty("filingId", out var fid) && fid.GetString() == id);
        return new Data(id, f.GetProperty("documents")[0].Str("id"), notices[0].Str("id"), null, notification.Str("id"), f.Str("title"));
    }

    /// <summary>The mediation case of a Gulang filing diverted to the demo room.</summary>
    async Task<Data> MediationAsync(string owner, string clerk)
    {
        var (id, _) = await app.SubmittedFilingAsync(owner);
        await app.ReviewAsync("claim", id, clerk);
        var f = await app.ReviewAsync("divert-to-mediation", id, clerk, new { mediationRoomId = "dajing", filerConsent = true });
        var caseId = await app.ReadDbAsync(db => db.MediationCases.Where(c => c.FilingId == id).Select(c => c.Id).SingleAsync());
        return new Data(caseId, null, null, null, null, f.Str("title"));
    }

    async Task<Data> DisputeAsync()
    {
        var title = "排查纠纷" + Guid.NewGuid().ToString("N")[..8];
        var d = await (await app.PostAsync("/api/v1/disputes", new
        {
            unitId = "dachaigou", disputeType = "neighbourhood", location = "打柴沟镇", riskLevel = "medium", summary = title,
            parties = new[]
            {
                new { role = "plaintiff", kind = "person", name = "甲某" }, new { role = "defendant", kind = "person", name = "乙某" },
            },
        }, await app.StaffAsync("officer.dachaigou@demo.docket"))).ShouldBe(HttpStatusCode.Created, "dispute");
        return new Data(d.Str("id"), null, null, null, null, title);
    }

    /// <summary>A training event of the committee for the intermediate court's subtree.</summary>
    async Task<Data> EventAsync(string admin)
    {
        var title = "矩阵培训" + Guid.NewGuid().ToString("N")[..8];
        var e = await (await app.PostAsync("/api/v1/education/events", new
        {
            title, startDate = "2026-03-01", endDate = "2026-03-01", sessions = new[] { new { date = "2026-03-01", part = "am" } },
            venues = new[] { new { name = "主会场", kind = "main" } }, unitIds = new[] { "620600" },
        }, admin)).ShouldBe(HttpStatusCode.Created, "event");
        return new Data(e.Str("id"), null, null, null, null, title);
    }

    async Task<Data> RectificationAsync(string admin)
    {
        var description = "矩阵整改" + Guid.NewGuid().ToString("N")[..8];
        var r = await (await app.PostAsync("/api/v1/education/rectifications", new
        {
            unitId = "620600", category = "interference", description, responsible = "张某", dueDate = "2026-12-31", measures = "建立台账",
        }, admin)).ShouldBe(HttpStatusCode.Created, "rectification");
        return new Data(r.Str("id"), null, null, null, null, description);
    }

    async Task<Data> MaterialAsync(string admin)
    {
        var title = "矩阵应知应会" + Guid.NewGuid().ToString("N")[..8];
        var m = await (await app.PostAsync("/api/v1/education/materials", new
        {
            title, markdown = "# 第一章\n\n防止干预司法“三个规定”。",
            questions = new[] { new { text = "“三个规定”有几个？", kind = "single", options = new[] { "两个", "三个" }, answer = new[] { 1 } } },
        }, admin)).ShouldBe(HttpStatusCode.Created, "material");
        return new Data(m.Str("id"), null, null, null, null, title);
    }

    async Task<Data> CounterAsync(string clerk)
    {
        var started = await (await app.PostAsync("/api/v1/counter/filings", new
        {
            courtId = Courts.Gulang, caseType = "civil-first-instance", identityChecked = true,
            litigant = new { name = "赵六", idNumber = TestIds.ResidentId(), phone = "13912345678", postalAddress = "甘肃省古浪县", electronicServiceConsent = true },
        }, clerk)).ShouldBe(HttpStatusCode.Created, "counter start");
        var id = started.Str("id");
        var doc = await (await app.SendAsync(HttpMethod.Post, $"/api/v1/counter/filings/{id}/documents", clerk,
            TestFiles.Multipart("complaint", "c.pdf", TestFiles.Pdf("c")))).ShouldBe(HttpStatusCode.Created, "counter upload");
        return new Data(id, doc.Str("id"), null, null, null, "赵六");
    }
}
