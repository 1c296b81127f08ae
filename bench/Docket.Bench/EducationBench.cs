using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Docket.Bench;

/// <summary>Staff education (issue 10): the Wuwei training's 5,798 officers recorded in one call, and the 参学率 report.</summary>
public sealed partial class Suite
{
    async Task EducationAsync()
    {
        using var plc = NewClient();
        await Journeys.LoginAsync(plc, "plc.admin@demo.docket");
        List<string> officers;
        await using (var db = NewContext())
            officers = await db.Officers.Where(o => o.Id.StartsWith("o-")).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync();

        var ev = await plc.CallAsync(HttpMethod.Post, "/api/v1/education/events", new
        {
            title = "全市政法队伍教育整顿政治轮训班", startDate = "2026-03-01", endDate = "2026-03-03",
            sessions = new[] { new { date = "2026-03-01", part = "am" }, new { date = "2026-03-01", part = "pm" } },
            venues = new[] { new { name = "市委党校礼堂", kind = "main" }, new { name = "网络直播", kind = "online" } },
            unitIds = new[] { "wuwei-plc" },
        }, System.Net.HttpStatusCode.Created);
        var id = ev.GetProperty("id").GetString();
        var main = ev.GetProperty("venues")[0].GetProperty("id").GetString();
        // The yardstick: a trivial indexed query through the same stack — the event read by its primary key (with the
        // caller's scope check), median of 20 after a warm-up. The two figures below are also printed as ratios to it.
        for (var i = 0; i < 5; i++) await plc.CallAsync(HttpMethod.Get, $"/api/v1/education/events/{id}");
        var trivial = new List<double>();
        for (var i = 0; i < 20; i++) trivial.Add((await plc.SendAsync(HttpMethod.Get, $"/api/v1/education/events/{id}")).Ms);
        var trivialMs = Report.Percentile(trivial, 50);
        Report.Log("trivial_indexed_ms: GET /api/v1/education/events/{id} (a primary-key read), median of 20");
        Report.Emit("trivial_indexed_ms", trivialMs, "ms");

        // One officer in the second session first, so that the measured call finds the attendance path warm (JIT).
        await plc.CallAsync(HttpMethod.Post, $"/api/v1/education/events/{id}/attendance",
            new { records = new[] { new { officerId = officers[0], sessionIndex = 1, venueId = main, method = "roll" } } });
        var records = officers.Select(o => new { officerId = o, sessionIndex = 0, venueId = main, method = "roll" }).ToList();
        Report.Log($"attendance_5798_ms: {records.Count} officers' attendance in one call");
        var (status, body, ms) = await plc.SendAsync(HttpMethod.Post, $"/api/v1/education/events/{id}/attendance", ApiClient.JsonBody(new { records }));
        var accepted = status == System.Net.HttpStatusCode.OK ? System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32() : -1;
        if (accepted != records.Count) throw new ApiException($"attendance: {(int)status}, {accepted} of {records.Count} accepted");
        Report.Emit("attendance_5798_ms", ms, "ms");
        Report.Emit("attendance_5798_ratio", ms / trivialMs, "x");

        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var study = officers.Where((_, i) => i % 3 != 0)
            .Select(o => new { officerId = o, date = today, mode = "plenary", minutes = 90, topic = "全员集中学" }).ToList();
        await plc.CallAsync(HttpMethod.Post, "/api/v1/education/study-records", new { records = study });
        Report.Log("participation_report_ms: the committee's participation tree over all units, median of 20");
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
            times.Add((await plc.SendAsync(HttpMethod.Get, "/api/v1/education/participation?unitId=wuwei-plc")).Ms);
        var participationMs = Report.Percentile(times, 50);
        Report.Emit("participation_report_ms", participationMs, "ms");
        Report.Emit("participation_report_ratio", participationMs / trivialMs, "x");
    }
}
