using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>
/// Court statistics (api.md, "Statistics"; cross-region.md, "Timings") with a fake clock, so that registrations take
/// known times. Each test works on days of its own (it first moves the clock to a fresh day) and asks for those days.
/// </summary>
public sealed class CourtStatsTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    /// <summary>Moves the clock to 09:00 Asia/Shanghai of a day no other test of this class used.</summary>
    DateOnly FreshDay()
    {
        var day = app.Today.AddDays(2);
        app.MoveTo(ReviewKit.ShanghaiInstant(day, new TimeOnly(9, 0)));
        return day;
    }

    Task<string> ClerkAsync(string courtId = Courts.Gulang) => app.LoginAsync(ReviewKit.ClerkEmail(courtId));

    async Task<JsonElement> StatsAsync(string token, string courtId = Courts.Gulang, string query = "") =>
        await (await app.GetAsync($"/api/v1/stats/courts/{courtId}?{query}", token)).ShouldBe(HttpStatusCode.OK, "stats " + query);

    static string Range(DateOnly from, DateOnly to) => $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";

    static double? Num(JsonElement e, string property) =>
        e.GetProperty(property).ValueKind == JsonValueKind.Null ? null : e.GetProperty(property).GetDouble();

    static void AssertTimes(JsonElement e, double median, double p90)
    {
        Assert.Equal(median, Num(e, "medianMinutesToRegistration"));
        Assert.Equal(p90, Num(e, "p90MinutesToRegistration"));
    }

    [Fact]
    public async Task CourtStats_RegistrationsAfter10To40Minutes_CountsMedian20AndP90Of40()
    {
        var day = FreshDay();
        var filer = await app.NewFilerAsync();
        var clerk = await ClerkAsync();
        var registered = new List<string>();
        for (var i = 0; i < 4; i++) registered.Add((await app.SubmittedFilingAsync(filer.Token)).Id);
        var rejected = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("reject", rejected, clerk, new { reasons = "不属于本院管辖" });
        var corrected = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("request-correction", corrected, clerk, new { items = new[] { new { message = "请补充证据" } } });

        foreach (var id in registered)
        {
            app.Advance(TimeSpan.FromMinutes(10));
            await app.ReviewAsync("claim", id, clerk);
            await app.ReviewAsync("register", id, clerk);
        }

        var s = await StatsAsync(clerk, query: Range(day, day));
        Assert.Equal(Courts.Gulang, s.Str("courtId"));
        Assert.Equal(6, s.GetProperty("submitted").GetInt32());
        Assert.Equal(4, s.GetProperty("registered").GetInt32());
        Assert.Equal(1, s.GetProperty("rejected").GetInt32());
        Assert.Equal(1, s.GetProperty("correctionRequested").GetInt32());
        Assert.Equal(20, Num(s, "medianMinutesToRegistration"));
        Assert.Equal(40, Num(s, "p90MinutesToRegistration"));
        var type = Assert.Single(s.GetProperty("byCaseType").EnumerateArray());
        Assert.Equal("civil-first-instance", type.Str("caseType"));
        Assert.Equal(4, type.GetProperty("registered").GetInt32());
        AssertTimes(type, 20, 40);
        var cause = Assert.Single(s.GetProperty("byCause").EnumerateArray());
        Assert.Equal("买卖合同纠纷", cause.Str("cause"));
        AssertTimes(cause, 20, 40);
        Assert.Equal(0, s.GetProperty("crossRegion").GetProperty("count").GetInt32());
        Assert.Null(Num(s.GetProperty("crossRegion"), "medianResponseMinutes"));

        // The default period is the last 30 days up to today (Asia/Shanghai), inclusive.
        var byDefault = await StatsAsync(clerk);
        Assert.Equal(day.AddDays(-29), byDefault.Date("from"));
        Assert.Equal(day, byDefault.Date("to"));
        Assert.Equal((await StatsAsync(clerk, query: Range(day.AddDays(-29), day))).ToString(), byDefault.ToString());

        // Another period holds none of it.
        var empty = await StatsAsync(clerk, query: Range(day.AddDays(1), day.AddDays(1)));
        Assert.Equal(0, empty.GetProperty("submitted").GetInt32());
        Assert.Equal(0, empty.GetProperty("registered").GetInt32());
        Assert.Null(Num(empty, "medianMinutesToRegistration"));
        Assert.Null(Num(empty, "p90MinutesToRegistration"));

        // The court's admin and a system admin may read it as well.
        await StatsAsync(await app.LoginAsync($"courtadmin.{Courts.Gulang}@demo.docket"), query: Range(day, day));
        Assert.Equal(4, (await StatsAsync(await app.LoginAsync("admin@demo.docket"), query: Range(day, day))).GetProperty("registered").GetInt32());

        // The public summary (last 30 days): anonymous, per court, no personal data.
        var pub = (await (await app.GetAsync("/api/v1/stats/public")).ShouldBe(HttpStatusCode.OK, "public")).EnumerateArray().ToList();
        Assert.Contains(pub, c => c.Str("courtId") == Courts.Minqin);
        var gulang = pub.Single(c => c.Str("courtId") == Courts.Gulang);
        Assert.Equal(byDefault.GetProperty("registered").GetInt32(), gulang.GetProperty("registered").GetInt32());
        Assert.Equal(Num(byDefault, "medianMinutesToRegistration"), Num(gulang, "medianMinutesToRegistration"));
        Assert.All(pub, c => Assert.Equal(["courtId", "medianMinutesToRegistration", "registered"], c.EnumerateObject().Select(p => p.Name).Order()));
        Assert.DoesNotContain("张三", string.Join(",", pub));
    }

    [Fact]
    public async Task CourtStats_WhoMayRead_ClerksOfTheCourtAndAdminsOnly()
    {
        FreshDay();
        var filer = await app.NewFilerAsync();
        await (await app.GetAsync($"/api/v1/stats/courts/{Courts.Gulang}", filer.Token)).ShouldBeProblem(403, "auth.forbidden", "filer");
        await (await app.GetAsync($"/api/v1/stats/courts/{Courts.Gulang}")).ShouldBeProblem(401, "auth.required", "anonymous");
        var stranger = await ClerkAsync(Courts.Minqin);
        await (await app.GetAsync($"/api/v1/stats/courts/{Courts.Gulang}", stranger)).ShouldBeProblem(404, "not-found", "another court's clerk");
        await StatsAsync(stranger, Courts.Minqin);
        var admin = await app.LoginAsync("admin@demo.docket");
        await (await app.GetAsync("/api/v1/stats/courts/999999", admin)).ShouldBeProblem(404, null, "unknown court");
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026/11/01", "from")]
    [InlineData("to=2026-02-30", "to")]
    [InlineData("from=2026-11-10&to=2026-11-01", "to")]
    [InlineData("from=2000-01-01&to=2026-01-01", "to")]
    public async Task CourtStats_BadPeriod_BadRequest(string query, string field)
    {
        var clerk = await ClerkAsync();
        await (await app.GetAsync($"/api/v1/stats/courts/{Courts.Gulang}?{query}", clerk)).ShouldBeFieldError(field, query);
    }

    /// <summary>
    /// cross-region.md, "Timings": the response time is forward → the competent court's first action (claim or
    /// decision); the national measure is the share of filings whose competent court responded within 30 minutes.
    /// </summary>
    [Fact]
    public async Task CourtStats_CrossRegionFiling_ResponseTimeFromForwardingToTheCompetentCourtsClaim()
    {
        var day = FreshDay();
        var filer = await app.NewFilerAsync();
        var coop = await ClerkAsync(Courts.Dongying);
        var comp = await ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token, cooperatingCourtId: Courts.Dongying);
        app.Advance(TimeSpan.FromMinutes(40));
        await app.ReviewAsync("forward", id, coop);
        app.Advance(TimeSpan.FromMinutes(10));
        await app.ReviewAsync("claim", id, comp);
        app.Advance(TimeSpan.FromMinutes(15));
        comp = await ClerkAsync();               // bearer tokens live an hour of the fake clock
        coop = await ClerkAsync(Courts.Dongying);
        await app.ReviewAsync("register", id, comp);

        var s = await StatsAsync(comp, query: Range(day, day));
        Assert.Equal(1, s.GetProperty("registered").GetInt32());
        Assert.Equal(65, Num(s, "medianMinutesToRegistration"));
        var cross = s.GetProperty("crossRegion");
        Assert.Equal(1, cross.GetProperty("count").GetInt32());
        Assert.Equal(65, Num(cross, "medianMinutesToRegistration"));
        var pair = Assert.Single(cross.GetProperty("byCourtPair").EnumerateArray());
        Assert.Equal((Courts.Dongying, Courts.Gulang, 1), (pair.Str("cooperatingCourtId"), pair.Str("courtId"), pair.GetProperty("count").GetInt32()));

        // The cooperating court sees the filing in its own cross-region figures, but not as its registration.
        var atCoop = await StatsAsync(coop, Courts.Dongying, Range(day, day));
        Assert.Equal(1, atCoop.GetProperty("crossRegion").GetProperty("count").GetInt32());
        Assert.Equal(0, atCoop.GetProperty("registered").GetInt32());

        // Forwarded after 40 minutes, claimed 10 minutes later: the competent court responded in 10 minutes.
        Assert.Equal(10, Num(cross, "medianResponseMinutes"));
        Assert.Equal(10, Num(pair, "medianResponseMinutes"));
        Assert.Equal(1.0, Num(cross, "within30MinutesShare"));
    }

    /// <summary>cross-region.md, "Timings": submit → registration with a correction's waiting time excluded.</summary>
    [Fact]
    public async Task CourtStats_CrossRegionFilingWithCorrection_WaitingForTheFilerExcludedFromTimeToRegistration()
    {
        var day = FreshDay();
        var filer = await app.NewFilerAsync();
        var coop = await ClerkAsync(Courts.Dongying);
        var comp = await ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token, cooperatingCourtId: Courts.Dongying);
        app.Advance(TimeSpan.FromMinutes(5));
        await app.ReviewAsync("forward", id, coop);
        app.Advance(TimeSpan.FromMinutes(5));
        await app.ReviewAsync("claim", id, comp);
        app.Advance(TimeSpan.FromMinutes(10));
        await app.ReviewAsync("request-correction", id, comp, new { items = new[] { new { message = "请补充证据" } } });

        app.Advance(TimeSpan.FromDays(1));           // the filer takes a day to correct
        var token = await app.LoginAsync(filer.Email, filer.Password);
        await app.SubmitAsync(id, token);
        app.Advance(TimeSpan.FromMinutes(4));
        comp = await ClerkAsync();
        await app.ReviewAsync("claim", id, comp);
        app.Advance(TimeSpan.FromMinutes(6));
        await app.ReviewAsync("register", id, comp);

        var cross = (await StatsAsync(comp, query: Range(day, day.AddDays(1)))).GetProperty("crossRegion");
        Assert.Equal(1, cross.GetProperty("count").GetInt32());
        // 20 minutes before the correction notice + 10 minutes after the resubmission.
        Assert.Equal(30, Num(cross, "medianMinutesToRegistration"));
    }
}
