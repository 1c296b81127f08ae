using System.Net;
using System.Text.Json;
using Docket.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// Staff education through HTTP (education.md; api.md, "Staff education"): the organisation tree and rolls as each
/// role sees them, training events with attendance for all 5,798 demo officers in one call, the report and absentees,
/// QR check-in, study and participation, the rectification and service ledgers, and who is refused what.
/// </summary>
public abstract class EducationTestsBase(DocketAppFactory app)
{
    const string Plc = "plc.admin@demo.docket";
    const string CourtAdmin = "unit.admin.620600@demo.docket";
    const string Officer = "officer.dachaigou@demo.docket";

    Task<string> PlcAsync() => app.StaffAsync(Plc);
    Task<string> UnitAdminAsync() => app.StaffAsync(CourtAdmin);
    Task<string> OfficerAsync() => app.StaffAsync(Officer);

    static object Event(string[] unitIds, int days = 3, bool online = true, int? minWatch = null) => new
    {
        title = "全市政法队伍教育整顿政治轮训班",
        startDate = "2026-03-01",
        endDate = $"2026-03-0{days}",
        sessions = Enumerable.Range(1, days).SelectMany(d => new[] { new { date = $"2026-03-0{d}", part = "am" }, new { date = $"2026-03-0{d}", part = "pm" } }),
        venues = new List<object>
        {
            new { name = "市委党校礼堂", kind = "main", location = "武威市凉州区", capacity = 800 },
            new { name = "凉州区分会场", kind = "sub", location = "凉州区政法委", capacity = 300 },
        }.Concat(online ? [new { name = "网络直播", kind = "online" }] : []),
        unitIds,
        minWatchMinutes = minWatch,
    };

    async Task<JsonElement> CreateEventAsync(string token, object body) =>
        await (await app.PostAsync("/api/v1/education/events", body, token)).ShouldBe(HttpStatusCode.Created, "create event");

    static string Venue(JsonElement ev, string kind) =>
        ev.GetProperty("venues").EnumerateArray().First(v => v.Str("kind") == kind).Str("id");

    async Task<List<string>> OfficerIdsAsync(params string[] units) =>
        await app.ReadDbAsync(db => db.Officers.Where(o => units.Contains(o.UnitId)).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());

    static JsonElement Unit(JsonElement report, string unitId) =>
        report.GetProperty("byUnit").EnumerateArray().Single(u => u.Str("unitId") == unitId);

    protected async Task OrgUnits_EachRole_SeesItsOwnPartOfTheTreeAsync()
    {
        var all = await (await app.GetAsync("/api/v1/org/units", await PlcAsync())).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(15, all.GetArrayLength());
        Assert.Equal(5798, all.EnumerateArray().Sum(u => u.GetProperty("officerCount").GetInt32()));
        Assert.Equal("wuwei-plc", all[0].Str("id"));

        var court = await (await app.GetAsync("/api/v1/org/units", await UnitAdminAsync())).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["620600", "620602", "620621", "620622", "620623"], court.EnumerateArray().Select(u => u.Str("id")).Order().ToArray());

        var officer = await (await app.GetAsync("/api/v1/org/units", await OfficerAsync())).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("dachaigou", Assert.Single(officer.EnumerateArray()).Str("id"));

        await (await app.GetAsync("/api/v1/org/units", await app.ClerkAsync())).ShouldBeProblem(403);
    }

    protected async Task Officers_DemoRolls_SeededOnceDeterministicAndPagedAsync()
    {
        Assert.Equal(5798, await app.ReadDbAsync(db => db.Officers.CountAsync()));
        var token = await UnitAdminAsync();
        var page = await (await app.GetAsync("/api/v1/org/units/620600/officers?page=2&pageSize=50", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(212, page.GetProperty("total").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(50, items.Count);
        Assert.Equal(DemoOfficers.Id("620600", 51), items[0].Str("id"));
        Assert.Equal(DemoOfficers.Name("620600", 51), items[0].Str("name"));
        Assert.All(items, o => Assert.InRange(o.Str("name").Length, 2, 3));
        Assert.All(items, o => Assert.Equal("620600", o.Str("unitId")));
        // Own officers only: the sub-units' officers are not on the court's roll.
        var last = await (await app.GetAsync("/api/v1/org/units/620600/officers?page=1&pageSize=500", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(100, last.GetProperty("items").GetArrayLength());

        await (await app.GetAsync("/api/v1/org/units/wuwei-psb/officers", token)).ShouldBeProblem(404);
        await (await app.GetAsync("/api/v1/org/units/no-such-unit/officers", token)).ShouldBeProblem(404);
        await (await app.GetAsync("/api/v1/org/units/dachaigou/officers", await OfficerAsync())).ShouldBeProblem(403);

        // A second seeding (a restart, another node) adds nothing.
        await Docket.Web.Features.Demo.Seeding.SeedAsync(app.Services, demo: true);
        Assert.Equal(5798, await app.ReadDbAsync(db => db.Officers.CountAsync()));
    }

    protected async Task CreateEvent_BadVenuesSessionsOrUnits_400WithFieldErrorsAsync()
    {
        var token = await PlcAsync();
        var twoMains = new
        {
            title = "培训", startDate = "2026-03-01", endDate = "2026-03-01", sessions = new[] { new { date = "2026-03-01", part = "am" } },
            venues = new[] { new { name = "甲", kind = "main" }, new { name = "乙", kind = "main" } }, unitIds = new[] { "620600" },
        };
        var p = await (await app.PostAsync("/api/v1/education/events", twoMains, token)).ShouldBeProblem(400, "validation.failed");
        Assert.True(p.GetProperty("errors").TryGetProperty("venues", out _));

        var twoOnline = new
        {
            title = "培训", startDate = "2026-03-01", endDate = "2026-03-01", sessions = new[] { new { date = "2026-03-02", part = "noon" } },
            venues = new[] { new { name = "甲", kind = "main" }, new { name = "乙", kind = "online" }, new { name = "丙", kind = "online" } },
            unitIds = new[] { "nowhere" },
        };
        p = await (await app.PostAsync("/api/v1/education/events", twoOnline, token)).ShouldBeProblem(400, "validation.failed");
        var errors = p.GetProperty("errors");
        foreach (var field in new[] { "venues", "sessions[0].date", "sessions[0].part", "unitIds[0]" })
            Assert.True(errors.TryGetProperty(field, out _), field + " in " + errors);

        // The court's unit admin does not see the police: enrolling them is enrolling an unknown unit.
        p = await (await app.PostAsync("/api/v1/education/events", Event(["wuwei-psb"]), await UnitAdminAsync())).ShouldBeProblem(400);
        Assert.True(p.GetProperty("errors").TryGetProperty("unitIds[0]", out _));

        await (await app.SendAsync(HttpMethod.Post, "/api/v1/education/events", token, DocketAppFactory.RawJson("{\"title\":"))).ShouldBeProblem(400);
        await (await app.PostAsync("/api/v1/education/events", Event(["620600"]), await OfficerAsync())).ShouldBeProblem(403);
    }

    protected async Task Attendance_All5798OfficersInOneCall_CountedOnceAndReportedAsync()
    {
        var token = await PlcAsync();
        var ev = await CreateEventAsync(token, Event(["wuwei-plc"]));
        Assert.Equal(5798, ev.GetProperty("expected").GetInt32());
        Assert.Equal(6, ev.GetProperty("sessions").GetArrayLength());
        var id = ev.Str("id");
        var (main, sub, online) = (Venue(ev, "main"), Venue(ev, "sub"), Venue(ev, "online"));

        var officers = await OfficerIdsAsync([.. (await app.ReadDbAsync(db => db.OrgUnits.Select(u => u.Id).ToListAsync()))]);
        Assert.Equal(5798, officers.Count);
        var records = officers.Select((o, i) => (i % 10) switch
        {
            < 6 => (object)new { officerId = o, sessionIndex = i % 6, venueId = main, method = "roll" },
            < 8 => new { officerId = o, sessionIndex = 0, venueId = sub, method = "qr" },
            _ => new { officerId = o, sessionIndex = 1, venueId = online, method = "stream", watchedMinutes = 45 },
        }).ToList();
        var result = await (await app.PostAsync($"/api/v1/education/events/{id}/attendance", new { records }, token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5798, result.GetProperty("accepted").GetInt32());
        Assert.Equal(0, result.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, result.GetProperty("rejected").GetArrayLength());

        var again = await (await app.PostAsync($"/api/v1/education/events/{id}/attendance", new { records }, token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("accepted").GetInt32());
        Assert.Equal(5798, again.GetProperty("duplicates").GetInt32());

        var report = await (await app.GetAsync($"/api/v1/education/events/{id}/report", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5798, report.GetProperty("expected").GetInt32());
        Assert.Equal(5798, report.GetProperty("attended").GetInt32());
        Assert.Equal(1.0, report.GetProperty("rate").GetDouble());
        Assert.Equal(15, report.GetProperty("byUnit").GetArrayLength());
        Assert.Equal(1640, Unit(report, "wuwei-psb").GetProperty("expected").GetInt32());
        var channels = report.GetProperty("byChannel");
        Assert.Equal(5798, channels.GetProperty("main").GetInt32() + channels.GetProperty("sub").GetInt32() + channels.GetProperty("online").GetInt32());
        Assert.Equal(officers.Count(o => officers.IndexOf(o) % 10 >= 8), channels.GetProperty("online").GetInt32());
        Assert.Equal(3, report.GetProperty("byVenue").GetArrayLength());
    }

    protected async Task Attendance_BadRecords_RejectedWithReasonsTheRestAcceptedAsync()
    {
        var token = await PlcAsync();
        var ev = await CreateEventAsync(token, Event(["620600"], days: 1));
        var id = ev.Str("id");
        var (main, online) = (Venue(ev, "main"), Venue(ev, "online"));
        var court = await OfficerIdsAsync("620600");
        var police = (await OfficerIdsAsync("wuwei-psb"))[0];
        object[] records =
        [
            new { officerId = court[0], sessionIndex = 0, venueId = main, method = "roll" },
            new { officerId = "o-nobody", sessionIndex = 0, venueId = main, method = "roll" },
            new { officerId = court[1], sessionIndex = 2, venueId = main, method = "roll" },
            new { officerId = court[2], sessionIndex = 0, venueId = main, method = "stream", watchedMinutes = 60 },
            new { officerId = court[3], sessionIndex = 0, venueId = online, method = "stream", watchedMinutes = 20 },
            new { officerId = police, sessionIndex = 0, venueId = main, method = "qr" },
            new { officerId = court[4], sessionIndex = 0, venueId = "v99", method = "roll" },
            new { officerId = court[5], sessionIndex = 1, venueId = online, method = "stream", watchedMinutes = 30 },
            new { officerId = court[0], sessionIndex = 0, venueId = main, method = "qr" },
            new { officerId = court[6], sessionIndex = 0, venueId = main, method = "fax" },
        ];
        var r = await (await app.PostAsync($"/api/v1/education/events/{id}/attendance", new { records }, token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, r.GetProperty("accepted").GetInt32());
        Assert.Equal(1, r.GetProperty("duplicates").GetInt32());
        var reasons = r.GetProperty("rejected").EnumerateArray().ToDictionary(x => x.GetProperty("index").GetInt32(), x => x.Str("reason"));
        Assert.Equal(new Dictionary<int, string>
        {
            [1] = "officer-unknown", [2] = "session-out-of-range", [3] = "stream-not-online", [4] = "stream-too-short",
            [5] = "officer-not-enrolled", [6] = "venue-unknown", [9] = "method-invalid",
        }, reasons);
        Assert.All(r.GetProperty("rejected").EnumerateArray(), x => Assert.False(string.IsNullOrWhiteSpace(x.Str("message"))));

        await (await app.PostAsync($"/api/v1/education/events/{id}/attendance", new { }, token)).ShouldBeProblem(400, "validation.failed");
        await (await app.PostAsync("/api/v1/education/events/nope/attendance", new { records }, token)).ShouldBeProblem(404);
    }

    protected async Task Report_PartialAttendance_ByUnitAbsenteesAndWorkbook_ScopedToTheEventsUnitAsync()
    {
        var token = await UnitAdminAsync();
        var ev = await CreateEventAsync(token, Event(["620600"], online: false));
        Assert.Equal(668, ev.GetProperty("expected").GetInt32());
        var id = ev.Str("id");
        var court = await OfficerIdsAsync("620600");
        var records = court.Take(100).Select(o => new { officerId = o, sessionIndex = 2, venueId = Venue(ev, "main"), method = "roll" });
        await (await app.PostAsync($"/api/v1/education/events/{id}/attendance", new { records }, token)).ShouldBe(HttpStatusCode.OK);

        var report = await (await app.GetAsync($"/api/v1/education/events/{id}/report", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5, report.GetProperty("byUnit").GetArrayLength());
        var row = Unit(report, "620600");
        Assert.Equal((212, 100, 112), (row.GetProperty("expected").GetInt32(), row.GetProperty("attended").GetInt32(), row.GetProperty("absent").GetInt32()));
        Assert.Equal(Math.Round(100.0 / 668, 4), report.GetProperty("rate").GetDouble());
        Assert.Equal(0, Unit(report, "620602").GetProperty("attended").GetInt32());

        var absent = await (await app.GetAsync($"/api/v1/education/events/{id}/absentees?unitId=620600&pageSize=100", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(112, absent.GetProperty("total").GetInt32());
        Assert.Equal(court[100], absent.GetProperty("items")[0].Str("id"));
        await (await app.GetAsync($"/api/v1/education/events/{id}/absentees?unitId=wuwei-psb", token)).ShouldBeProblem(400);

        var xlsx = await app.GetAsync($"/api/v1/education/events/{id}/report/export", token);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);

        // The committee sees the court's event; the court's admin sees a committee event only when it enrols one of their units.
        await (await app.GetAsync($"/api/v1/education/events/{id}/report", await PlcAsync())).ShouldBe(HttpStatusCode.OK);
        var committees = await CreateEventAsync(await PlcAsync(), Event(["wuwei-psb"], days: 1));
        await (await app.GetAsync($"/api/v1/education/events/{committees.Str("id")}/report", token)).ShouldBeProblem(404);
        await (await app.PostAsync($"/api/v1/education/events/{committees.Str("id")}/attendance", new { records }, token)).ShouldBeProblem(404);
    }

    protected async Task CheckIn_OfficerScansTheVenuesCode_RecordedOnceAsQrAsync()
    {
        var plc = await PlcAsync();
        var ev = await CreateEventAsync(plc, Event(["tianzhu-psb"], days: 1));
        var id = ev.Str("id");
        var main = Venue(ev, "main");
        var qr = await (await app.GetAsync($"/api/v1/education/events/{id}/checkin-token?sessionIndex=1&venueId={main}", plc)).ShouldBe(HttpStatusCode.OK);
        var token = qr.Str("token");
        await (await app.GetAsync($"/api/v1/education/events/{id}/checkin-token?sessionIndex=5&venueId={main}", plc)).ShouldBeProblem(400);

        var officer = await OfficerAsync();
        var first = await (await app.PostAsync("/api/v1/education/checkin", new { token }, officer)).ShouldBe(HttpStatusCode.OK);
        Assert.False(first.GetProperty("alreadyRecorded").GetBoolean());
        Assert.Equal(DemoOfficers.Id("dachaigou", 1), first.Str("officerId"));
        var second = await (await app.PostAsync("/api/v1/education/checkin", new { token }, officer)).ShouldBe(HttpStatusCode.OK);
        Assert.True(second.GetProperty("alreadyRecorded").GetBoolean());

        await (await app.PostAsync("/api/v1/education/checkin", new { token = token[..^4] + "AAAA" }, officer)).ShouldBeProblem(400);
        await (await app.PostAsync("/api/v1/education/checkin", new { token = "" }, officer)).ShouldBeProblem(400);
        // The committee's admin is on no roll.
        await (await app.PostAsync("/api/v1/education/checkin", new { token }, plc)).ShouldBeProblem(403);

        var report = await (await app.GetAsync($"/api/v1/education/events/{id}/report", plc)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, report.GetProperty("attended").GetInt32());
        Assert.Equal(1, Unit(report, "dachaigou").GetProperty("attended").GetInt32());
        var method = await app.ReadDbAsync(db => db.Attendances.Where(a => a.EventId == id).Select(a => a.Method).SingleAsync());
        Assert.Equal("qr", method);

        // An event that does not enrol the officer's unit refuses the check-in.
        var other = await CreateEventAsync(plc, Event(["620600"], days: 1));
        var otherToken = (await (await app.GetAsync($"/api/v1/education/events/{other.Str("id")}/checkin-token?sessionIndex=0&venueId={Venue(other, "main")}", plc))
            .ShouldBe(HttpStatusCode.OK)).Str("token");
        await (await app.PostAsync("/api/v1/education/checkin", new { token = otherToken }, officer)).ShouldBeProblem(400);
    }

    protected async Task Study_TimetableRecordsAndParticipation_OverTheSubtreeAsync()
    {
        var token = await UnitAdminAsync();
        object[] week =
        [
            new { weekday = 1, mode = "plenary", topic = "全院集中学习" }, new { weekday = 2, mode = "online-push", topic = "自学" },
            new { weekday = 3, mode = "group", topic = "支部研讨" }, new { weekday = 4, mode = "online-push", topic = "自学" },
            new { weekday = 5, mode = "plenary", topic = "全院集中学习" },
        ];
        var put = await (await app.PutAsync("/api/v1/education/units/620600/timetable", week, token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5, put.GetArrayLength());
        await (await app.PutAsync("/api/v1/education/units/620600/timetable", new[] { new { weekday = 8, mode = "nap", topic = "" } }, token))
            .ShouldBeProblem(400, "validation.failed");
        await (await app.PutAsync("/api/v1/education/units/wuwei-psb/timetable", week, token)).ShouldBeProblem(404);
        var read = await (await app.GetAsync("/api/v1/education/units/620600/timetable", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("group", read[2].Str("mode"));

        var today = ReviewKit.ShanghaiToday().ToString("yyyy-MM-dd");
        var court = await OfficerIdsAsync("620600");
        var liangzhou = await OfficerIdsAsync("620602");
        var police = (await OfficerIdsAsync("wuwei-psb"))[0];
        object Rec(string officerId, string mode = "plenary", string? date = null) => new { officerId, date = date ?? today, mode, minutes = 90, topic = "学习党史" };
        object[] records = [Rec(court[0]), Rec(court[0], "group"), Rec(court[1]), Rec(liangzhou[0]), Rec(court[2], "nap"), Rec(police), Rec(court[3], date: "2099-01-01")];
        var r = await (await app.PostAsync("/api/v1/education/study-records", new { records }, token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(4, r.GetProperty("accepted").GetInt32());
        var reasons = r.GetProperty("rejected").EnumerateArray().Select(x => (x.GetProperty("index").GetInt32(), x.Str("reason"))).ToList();
        Assert.Equal([(4, "mode-invalid"), (5, "officer-unknown"), (6, "date-invalid")], reasons);

        var p = await (await app.GetAsync($"/api/v1/education/participation?unitId=620600&from={today}&to={today}", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(668, p.GetProperty("officers").GetInt32());
        Assert.Equal(3, p.GetProperty("participating").GetInt32());
        Assert.Equal(4, p.GetProperty("children").GetArrayLength());
        var child = p.GetProperty("children").EnumerateArray().Single(c => c.Str("unitId") == "620602");
        Assert.Equal((168, 1), (child.GetProperty("officers").GetInt32(), child.GetProperty("participating").GetInt32()));
        var two = await (await app.GetAsync($"/api/v1/education/participation?unitId=620600&from={today}&to={today}&minRecords=2", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, two.GetProperty("participating").GetInt32());
        // Defaults: the current month, minRecords 1.
        var month = await (await app.GetAsync("/api/v1/education/participation?unitId=620600", token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, month.GetProperty("participating").GetInt32());
        await (await app.GetAsync("/api/v1/education/participation?unitId=wuwei-psb", token)).ShouldBeProblem(404);
        await (await app.GetAsync("/api/v1/education/participation?unitId=620600&from=2026-13-01", token)).ShouldBeProblem(400);
        await (await app.GetAsync("/api/v1/education/participation?unitId=620600&minRecords=0", token)).ShouldBeProblem(400);

        // An officer records their own study only.
        var officer = await OfficerAsync();
        var own = await (await app.PostAsync("/api/v1/education/study-records",
            new { records = new[] { Rec(DemoOfficers.Id("dachaigou", 1)), Rec(DemoOfficers.Id("dachaigou", 2)) } }, officer)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, own.GetProperty("accepted").GetInt32());
        Assert.Equal("officer-unknown", own.GetProperty("rejected")[0].Str("reason"));
        await (await app.GetAsync("/api/v1/education/participation", officer)).ShouldBeProblem(403);
    }

    protected async Task Rectifications_LeadersOnly_OverdueCountsAndNoNamesInTheReportAsync()
    {
        var court = await UnitAdminAsync();
        var plc = await PlcAsync();
        object Item(string unitId, string dueDate, string category = "interference") => new
        {
            unitId, category, description = "违规过问案件未记录报告", responsible = "李责任", dueDate, measures = "组织专题学习，建立记录报告台账",
        };
        var late = await (await app.PostAsync("/api/v1/education/rectifications", Item("620602", "2021-04-30"), court)).ShouldBe(HttpStatusCode.Created);
        Assert.True(late.GetProperty("overdue").GetBoolean());
        Assert.Equal("open", late.Str("status"));
        var later = await (await app.PostAsync("/api/v1/education/rectifications", Item("620600", "2099-12-31", "revolving-door"), court)).ShouldBe(HttpStatusCode.Created);
        var p = await (await app.PostAsync("/api/v1/education/rectifications", Item("620600", "2099-12-31", "gambling"), court)).ShouldBeProblem(400, "validation.failed");
        Assert.True(p.GetProperty("errors").TryGetProperty("category", out _));
        await (await app.PostAsync("/api/v1/education/rectifications", Item("620600", "31/12/2099"), court)).ShouldBeProblem(400);
        // The court's leaders do not see the police's ledger, and cannot write into it.
        await (await app.PostAsync("/api/v1/education/rectifications", Item("liangzhou-psb", "2099-12-31"), court)).ShouldBeProblem(404);
        var police = await (await app.PostAsync("/api/v1/education/rectifications", Item("liangzhou-psb", "2099-12-31", "business"), plc)).ShouldBe(HttpStatusCode.Created);
        await (await app.PostAsync($"/api/v1/education/rectifications/{police.Str("id")}/status", new { status = "in-progress", note = "x" }, court)).ShouldBeProblem(404);
        await (await app.GetAsync("/api/v1/education/rectifications/report?unitId=wuwei-psb", court)).ShouldBeProblem(404);
        await (await app.GetAsync("/api/v1/education/rectifications/report", await OfficerAsync())).ShouldBeProblem(403);

        var moved = await (await app.PostAsync($"/api/v1/education/rectifications/{later.Str("id")}/status", new { status = "in-progress", note = "已约谈" }, court))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("in-progress", moved.Str("status"));
        await (await app.PostAsync($"/api/v1/education/rectifications/{later.Str("id")}/status", new { status = "closed" }, court)).ShouldBeProblem(400);
        await (await app.PostAsync($"/api/v1/education/rectifications/{later.Str("id")}/close", new { evidence = " " }, court)).ShouldBeProblem(400);

        var report = await (await app.GetAsync("/api/v1/education/rectifications/report?unitId=620600", court)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((2, 1, 0), (report.GetProperty("open").GetInt32(), report.GetProperty("overdue").GetInt32(), report.GetProperty("closed").GetInt32()));
        Assert.Equal(1, report.GetProperty("byCategory").GetProperty("revolving-door").GetInt32());
        Assert.Equal(1, report.GetProperty("byCategory").GetProperty("interference").GetInt32());
        Assert.Equal(1, report.GetProperty("categories").GetProperty("revolving-door").GetProperty("open").GetInt32());
        Assert.Equal(1, report.GetProperty("categories").GetProperty("interference").GetProperty("overdue").GetInt32());
        Assert.DoesNotContain("李责任", report.GetRawText());

        var closed = await (await app.PostAsync($"/api/v1/education/rectifications/{later.Str("id")}/close", new { evidence = "整改报告及台账照片" }, court))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal("closed", closed.Str("status"));
        await (await app.PostAsync($"/api/v1/education/rectifications/{later.Str("id")}/close", new { evidence = "再次" }, court)).ShouldBeProblem(409);

        var all = await (await app.GetAsync("/api/v1/education/rectifications/report", plc)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((2, 1, 1), (all.GetProperty("open").GetInt32(), all.GetProperty("overdue").GetInt32(), all.GetProperty("closed").GetInt32()));
        var list = await (await app.GetAsync("/api/v1/education/rectifications?unitId=620600", court)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
    }

    protected async Task ServiceActivities_LinkedAndReportedPerUnitAndMonthAsync()
    {
        var court = await UnitAdminAsync();
        object Activity(string unitId, string date, string? mediationCaseId = null) => new
        {
            unitId, title = "巡回审判进乡村", date, theme = "热心、耐心、诚心", beneficiaries = 35, description = "在古浪县大靖镇巡回审理婚姻家庭纠纷",
            outcome = "当庭调解结案，群众赠送锦旗", mediationCaseId,
        };
        await (await app.PostAsync("/api/v1/education/service-activities", Activity("620622", "2026-03-10"), court)).ShouldBe(HttpStatusCode.Created);
        await (await app.PostAsync("/api/v1/education/service-activities", Activity("620622", "2026-03-20"), court)).ShouldBe(HttpStatusCode.Created);
        await (await app.PostAsync("/api/v1/education/service-activities", Activity("620600", "2026-04-02"), court)).ShouldBe(HttpStatusCode.Created);
        var p = await (await app.PostAsync("/api/v1/education/service-activities", Activity("620600", "2026-04-02", "no-such-case"), court)).ShouldBeProblem(400);
        Assert.True(p.GetProperty("errors").TryGetProperty("mediationCaseId", out _));
        await (await app.PostAsync("/api/v1/education/service-activities", Activity("wuwei-psb", "2026-04-02"), court)).ShouldBeProblem(404);

        var report = await (await app.GetAsync("/api/v1/education/service-activities/report?unitId=620600&from=2026-01-01&to=2026-12-31", court))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal((3, 105), (report.GetProperty("activities").GetInt32(), report.GetProperty("beneficiaries").GetInt32()));
        var rows = report.GetProperty("byUnitAndMonth").EnumerateArray().Select(r => (r.Str("unitId"), r.Str("month"), r.GetProperty("activities").GetInt32())).ToList();
        Assert.Equal([("620600", "2026-04", 1), ("620622", "2026-03", 2)], rows);

        var ledger = await (await app.GetAsync("/api/v1/education/service-activities?unitId=620622", court)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, ledger.GetProperty("total").GetInt32());
        Assert.Equal("2026-03-20", ledger.GetProperty("items")[0].Str("date"));
        await (await app.GetAsync("/api/v1/education/service-activities?unitId=wuwei-psb", court)).ShouldBeProblem(404);
    }

    protected async Task Materials_SanitizedChapterQuizProgressCopiesAndReportAsync()
    {
        var plc = await PlcAsync();
        var body = new
        {
            title = "《教育整顿应知应会》第一章",
            markdown = "# 防止干预司法“三个规定”\n\n<script>alert(1)</script>\n\n[点我](javascript:alert(1)) **记录报告**\n\n| 项 | 内容 |\n|---|---|\n| 一 | 领导干部干预司法活动 |\n",
            questions = new object[]
            {
                new { text = "“三个规定”是指几个规定？", kind = "single", options = new[] { "两个", "三个", "四个" }, answer = new[] { 1 } },
                new { text = "六大顽瘴痼疾包括哪些？", kind = "multiple", options = new[] { "违规经商办企业", "违规参股借贷", "按时上班" }, answer = new[] { 0, 1 } },
            },
        };
        await (await app.PostAsync("/api/v1/education/materials", body, await UnitAdminAsync())).ShouldBeProblem(403);
        var bad = new { title = "x", markdown = "y", questions = new[] { new { text = "?", kind = "single", options = new[] { "a", "b" }, answer = new[] { 0, 1 } } } };
        var p = await (await app.PostAsync("/api/v1/education/materials", bad, plc)).ShouldBeProblem(400);
        Assert.True(p.GetProperty("errors").TryGetProperty("questions[0].answer", out _));

        var m = await (await app.PostAsync("/api/v1/education/materials", body, plc)).ShouldBe(HttpStatusCode.Created);
        var html = m.Str("html");
        Assert.Contains("<h1", html);
        Assert.Contains("<table", html);
        Assert.Contains("<strong>记录报告</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        var id = m.Str("id");

        var officer = await OfficerAsync();
        var read = await (await app.GetAsync($"/api/v1/education/materials/{id}", officer)).ShouldBe(HttpStatusCode.OK);
        Assert.False(read.GetProperty("questions")[0].TryGetProperty("answer", out _));
        Assert.True((await (await app.PostAsync($"/api/v1/education/materials/{id}/read", null, officer)).ShouldBe(HttpStatusCode.OK)).GetProperty("read").GetBoolean());
        var half = await (await app.PostAsync($"/api/v1/education/materials/{id}/attempts", new { answers = new[] { new[] { 1 }, new[] { 0 } } }, officer))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(50, half.GetProperty("score").GetInt32());
        var full = await (await app.PostAsync($"/api/v1/education/materials/{id}/attempts", new { answers = new[] { new[] { 1 }, new[] { 1, 0 } } }, officer))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(100, full.GetProperty("score").GetInt32());
        Assert.Equal(2, full.GetProperty("progress").GetProperty("attempts").GetInt32());
        await (await app.PostAsync($"/api/v1/education/materials/{id}/attempts", new { answers = new[] { new[] { 1 } } }, officer)).ShouldBeProblem(400);
        await (await app.PostAsync($"/api/v1/education/materials/{id}/read", null, plc)).ShouldBeProblem(403);

        var copies = await (await app.PutAsync($"/api/v1/education/materials/{id}/printed-copies", new { unitId = "tianzhu-psb", copies = 650 }, plc))
            .ShouldBe(HttpStatusCode.OK);
        Assert.Equal(650, copies.GetProperty("printedCopies").GetInt32());
        await (await app.PutAsync($"/api/v1/education/materials/{id}/printed-copies", new { unitId = "tianzhu-psb", copies = -1 }, plc)).ShouldBeProblem(400);
        await (await app.PutAsync($"/api/v1/education/materials/{id}/printed-copies", new { unitId = "tianzhu-psb", copies = 5 }, await UnitAdminAsync()))
            .ShouldBeProblem(404);

        var report = await (await app.GetAsync($"/api/v1/education/materials/{id}/report?unitId=tianzhu-psb", plc)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((504, 1, 650), (report.GetProperty("officers").GetInt32(), report.GetProperty("read").GetInt32(), report.GetProperty("printedCopies").GetInt32()));
        Assert.Equal(100.0, report.GetProperty("averageScore").GetDouble());
        var station = report.GetProperty("byUnit").EnumerateArray().Single(u => u.Str("unitId") == "dachaigou");
        Assert.Equal((24, 1), (station.GetProperty("officers").GetInt32(), station.GetProperty("read").GetInt32()));
        Assert.DoesNotContain(DemoOfficers.Name("dachaigou", 1), report.GetRawText());
    }

    protected async Task DashboardPage_CommitteeSeesTheTree_OfficerRefusedAsync()
    {
        using var committee = new PageBrowser(app.Http.BaseAddress!);
        await committee.LoginAsync(Plc);
        var html = await committee.GetAsync("/Education");
        Assert.Contains("本月参学率", html);
        Assert.Contains("中共武威市委政法委员会", html);
        Assert.Contains("武威市公安局", html);

        using var officer = new PageBrowser(app.Http.BaseAddress!);
        await officer.LoginAsync(Officer);
        var (status, _, _) = await officer.SendAsync(HttpMethod.Get, "/Education");
        Assert.NotEqual(HttpStatusCode.OK, status);
    }

    protected async Task CheckInPage_OfficerConfirmsOnThePhone_RecordedAsync()
    {
        var plc = await PlcAsync();
        var ev = await CreateEventAsync(plc, Event(["dachaigou"], days: 1, online: false));
        var token = (await (await app.GetAsync($"/api/v1/education/events/{ev.Str("id")}/checkin-token?sessionIndex=0&venueId={Venue(ev, "sub")}", plc))
            .ShouldBe(HttpStatusCode.OK)).Str("token");

        using var phone = new PageBrowser(app.Http.BaseAddress!);
        await phone.LoginAsync(Officer);
        var qr = await (await app.GetAsync($"/api/v1/education/events/{ev.Str("id")}/checkin-token?sessionIndex=0&venueId={Venue(ev, "sub")}", plc))
            .ShouldBe(HttpStatusCode.OK);
        var form = await phone.GetAsync(qr.Str("url"));
        var (status, body, _) = await phone.PostFormAsync("/Education/CheckIn", PageBrowser.Token(form), new() { ["Token"] = token });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("签到成功", body);
        var (_, again, _) = await phone.PostFormAsync("/Education/CheckIn", PageBrowser.Token(form), new() { ["Token"] = token });
        Assert.Contains("您已签到", again);
        var (_, bad, _) = await phone.PostFormAsync("/Education/CheckIn", PageBrowser.Token(form), new() { ["Token"] = "garbage" });
        Assert.Contains("签到码无效", bad);
    }

    protected async Task AttendanceImport_VenueRollFromExcel_RowsCheckedLikeTheJsonCallAsync()
    {
        var token = await UnitAdminAsync();
        var ev = await CreateEventAsync(token, Event(["620600"], days: 1));
        var id = ev.Str("id");
        var court = await OfficerIdsAsync("620600");
        byte[] sheet;
        using (var s = new MemoryStream())
        {
            MiniExcelLibs.MiniExcel.SaveAs(s, new List<Dictionary<string, object?>>
            {
                new() { ["编号"] = court[0], ["场次"] = 1, ["会场"] = "市委党校礼堂" },
                new() { ["编号"] = court[1], ["场次"] = 2, ["会场"] = Venue(ev, "sub") },
                new() { ["编号"] = court[2], ["场次"] = 3, ["会场"] = "市委党校礼堂" },
                new() { ["编号"] = "o-nobody", ["场次"] = 1, ["会场"] = "市委党校礼堂" },
                new() { ["编号"] = court[0], ["场次"] = 1, ["会场"] = Venue(ev, "main") },
            });
            sheet = s.ToArray();
        }
        Task<HttpResponseMessage> Upload(byte[] bytes)
        {
            var content = new MultipartFormDataContent();
            content.Add(new ByteArrayContent(bytes), "file", "roll.xlsx");
            return app.SendAsync(HttpMethod.Post, $"/api/v1/education/events/{id}/attendance/import", token, content);
        }
        var r = await (await Upload(sheet)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal((2, 1), (r.GetProperty("accepted").GetInt32(), r.GetProperty("duplicates").GetInt32()));
        var rejected = r.GetProperty("rejected").EnumerateArray().Select(x => (x.GetProperty("index").GetInt32(), x.Str("reason"))).ToList();
        Assert.Equal([(4, "session-out-of-range"), (5, "officer-unknown")], rejected);
        Assert.Equal("roll", await app.ReadDbAsync(db => db.Attendances.Where(a => a.EventId == id).Select(a => a.Method).Distinct().SingleAsync()));
        await (await Upload("编号,场次\n"u8.ToArray())).ShouldBeProblem(415);
    }

    protected async Task LinkAccount_ManagerLinksAnAccountToARollEntry_OfficerRecordsOwnStudyAsync()
    {
        var court = await UnitAdminAsync();
        var filer = await app.NewFilerAsync();
        var officerId = DemoOfficers.Id("620602", 3);
        var linked = await (await app.PutAsync($"/api/v1/org/officers/{officerId}/account", new { email = filer.Email }, court)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("620602", linked.Str("unitId"));
        // Linking again is the same answer; the account cannot go to a second officer; the police's roll is not the court's.
        await (await app.PutAsync($"/api/v1/org/officers/{officerId}/account", new { email = filer.Email }, court)).ShouldBe(HttpStatusCode.OK);
        await (await app.PutAsync($"/api/v1/org/officers/{DemoOfficers.Id("620602", 4)}/account", new { email = filer.Email }, court)).ShouldBeProblem(409);
        await (await app.PutAsync($"/api/v1/org/officers/{DemoOfficers.Id("wuwei-psb", 1)}/account", new { email = filer.Email }, court)).ShouldBeProblem(404);
        await (await app.PutAsync($"/api/v1/org/officers/{DemoOfficers.Id("620602", 5)}/account", new { email = "nobody@it.test" }, court))
            .ShouldBeProblem(400, "validation.failed");

        var token = await app.LoginAsync(filer.Email, filer.Password);
        // A past date: this month's participation belongs to the study test.
        var r = await (await app.PostAsync("/api/v1/education/study-records",
            new { records = new[] { new { officerId, date = "2025-01-15", mode = "online-push", minutes = 30, topic = "学习应知应会" } } }, token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, r.GetProperty("accepted").GetInt32());
    }
}

public sealed class EducationTests(SqliteAppFactory app) : EducationTestsBase(app), IClassFixture<SqliteAppFactory>
{
    [Fact]
    public Task OrgUnits_EachRole_SeesItsOwnPartOfTheTree() => OrgUnits_EachRole_SeesItsOwnPartOfTheTreeAsync();

    [Fact]
    public Task Officers_DemoRolls_SeededOnceDeterministicAndPaged() => Officers_DemoRolls_SeededOnceDeterministicAndPagedAsync();

    [Fact]
    public Task CreateEvent_BadVenuesSessionsOrUnits_400WithFieldErrors() => CreateEvent_BadVenuesSessionsOrUnits_400WithFieldErrorsAsync();

    [Fact]
    public Task Attendance_All5798OfficersInOneCall_CountedOnceAndReported() => Attendance_All5798OfficersInOneCall_CountedOnceAndReportedAsync();

    [Fact]
    public Task AttendanceImport_VenueRollFromExcel_RowsCheckedLikeTheJsonCall() => AttendanceImport_VenueRollFromExcel_RowsCheckedLikeTheJsonCallAsync();

    [Fact]
    public Task LinkAccount_ManagerLinksAnAccountToARollEntry_OfficerRecordsOwnStudy() => LinkAccount_ManagerLinksAnAccountToARollEntry_OfficerRecordsOwnStudyAsync();

    [Fact]
    public Task Attendance_BadRecords_RejectedWithReasonsTheRestAccepted() => Attendance_BadRecords_RejectedWithReasonsTheRestAcceptedAsync();

    [Fact]
    public Task Report_PartialAttendance_ByUnitAbsenteesAndWorkbook_ScopedToTheEventsUnit() => Report_PartialAttendance_ByUnitAbsenteesAndWorkbook_ScopedToTheEventsUnitAsync();

    [Fact]
    public Task CheckIn_OfficerScansTheVenuesCode_RecordedOnceAsQr() => CheckIn_OfficerScansTheVenuesCode_RecordedOnceAsQrAsync();

    [Fact]
    public Task Study_TimetableRecordsAndParticipation_OverTheSubtree() => Study_TimetableRecordsAndParticipation_OverTheSubtreeAsync();

    [Fact]
    public Task Rectifications_LeadersOnly_OverdueCountsAndNoNamesInTheReport() => Rectifications_LeadersOnly_OverdueCountsAndNoNamesInTheReportAsync();

    [Fact]
    public Task ServiceActivities_LinkedAndReportedPerUnitAndMonth() => ServiceActivities_LinkedAndReportedPerUnitAndMonthAsync();

    [Fact]
    public Task Materials_SanitizedChapterQuizProgressCopiesAndReport() => Materials_SanitizedChapterQuizProgressCopiesAndReportAsync();

    [Fact]
    public Task DashboardPage_CommitteeSeesTheTree_OfficerRefused() => DashboardPage_CommitteeSeesTheTree_OfficerRefusedAsync();

    [Fact]
    public Task CheckInPage_OfficerConfirmsOnThePhone_Recorded() => CheckInPage_OfficerConfirmsOnThePhone_RecordedAsync();
}

/// <summary>The same journeys on PostgreSQL (skipped on a machine without DOCKET_TEST_POSTGRES; run in CI).</summary>
public sealed class PostgresEducationTests(PostgresAppFactory app) : EducationTestsBase(app), IClassFixture<PostgresAppFactory>
{
    [PostgresFact]
    public Task OrgUnits_EachRole_SeesItsOwnPartOfTheTree() => OrgUnits_EachRole_SeesItsOwnPartOfTheTreeAsync();

    [PostgresFact]
    public Task Officers_DemoRolls_SeededOnceDeterministicAndPaged() => Officers_DemoRolls_SeededOnceDeterministicAndPagedAsync();

    [PostgresFact]
    public Task CreateEvent_BadVenuesSessionsOrUnits_400WithFieldErrors() => CreateEvent_BadVenuesSessionsOrUnits_400WithFieldErrorsAsync();

    [PostgresFact]
    public Task Attendance_All5798OfficersInOneCall_CountedOnceAndReported() => Attendance_All5798OfficersInOneCall_CountedOnceAndReportedAsync();

    [PostgresFact]
    public Task AttendanceImport_VenueRollFromExcel_RowsCheckedLikeTheJsonCall() => AttendanceImport_VenueRollFromExcel_RowsCheckedLikeTheJsonCallAsync();

    [PostgresFact]
    public Task LinkAccount_ManagerLinksAnAccountToARollEntry_OfficerRecordsOwnStudy() => LinkAccount_ManagerLinksAnAccountToARollEntry_OfficerRecordsOwnStudyAsync();

    [PostgresFact]
    public Task Attendance_BadRecords_RejectedWithReasonsTheRestAccepted() => Attendance_BadRecords_RejectedWithReasonsTheRestAcceptedAsync();

    [PostgresFact]
    public Task Report_PartialAttendance_ByUnitAbsenteesAndWorkbook_ScopedToTheEventsUnit() => Report_PartialAttendance_ByUnitAbsenteesAndWorkbook_ScopedToTheEventsUnitAsync();

    [PostgresFact]
    public Task CheckIn_OfficerScansTheVenuesCode_RecordedOnceAsQr() => CheckIn_OfficerScansTheVenuesCode_RecordedOnceAsQrAsync();

    [PostgresFact]
    public Task Study_TimetableRecordsAndParticipation_OverTheSubtree() => Study_TimetableRecordsAndParticipation_OverTheSubtreeAsync();

    [PostgresFact]
    public Task Rectifications_LeadersOnly_OverdueCountsAndNoNamesInTheReport() => Rectifications_LeadersOnly_OverdueCountsAndNoNamesInTheReportAsync();

    [PostgresFact]
    public Task ServiceActivities_LinkedAndReportedPerUnitAndMonth() => ServiceActivities_LinkedAndReportedPerUnitAndMonthAsync();

    [PostgresFact]
    public Task Materials_SanitizedChapterQuizProgressCopiesAndReport() => Materials_SanitizedChapterQuizProgressCopiesAndReportAsync();
}
