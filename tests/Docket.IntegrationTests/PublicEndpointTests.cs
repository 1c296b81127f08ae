using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>The anonymous endpoints: courts, policy, fee quotes, the working calendar, health and OpenAPI.</summary>
[Collection(SqliteCollection.Name)]
public sealed class PublicEndpointTests(SqliteAppFactory app)
{
    [Fact]
    public async Task Courts_List_ContainsGulangWithAbbreviation()
    {
        var courts = await (await app.GetAsync("/api/v1/courts")).ShouldBe(HttpStatusCode.OK);
        var gulang = courts.EnumerateArray().Single(c => c.Str("id") == "620622");
        Assert.Equal("甘0622", gulang.Str("abbreviation"));
        Assert.Equal("古浪县人民法院", gulang.Str("name"));
        Assert.Equal("620600", gulang.Str("parentId"));
        Assert.Equal("甘肃省", gulang.Str("province"));
        Assert.All(courts.EnumerateArray(), c =>
        {
            foreach (var p in new[] { "id", "name", "nameEn", "abbreviation", "level", "province" }) Assert.False(string.IsNullOrEmpty(c.Str(p)));
        });
    }

    [Fact]
    public async Task CourtPolicy_Default_HasSpecLimitsAndMediaTypes()
    {
        var policy = await (await app.GetAsync("/api/v1/courts/620622/policy")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("620622", policy.Str("courtId"));
        Assert.Equal(52428800, policy.GetProperty("maxDocumentBytes").GetInt64());
        Assert.Equal(524288000, policy.GetProperty("maxFilingBytes").GetInt64());
        Assert.Equal(["application/pdf", "image/jpeg", "image/png"],
            policy.GetProperty("acceptedMediaTypes").EnumerateArray().Select(t => t.GetString()!).Order());
        Assert.Contains("civil-first-instance", policy.GetProperty("caseTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(15, policy.GetProperty("correctionDays").GetInt32());
        Assert.Equal(JsonValueKind.True, policy.GetProperty("crossRegion").GetProperty("accepts").ValueKind);
    }

    [Fact]
    public async Task CourtPolicy_UnknownCourt_NotFoundProblem()
    {
        await (await app.GetAsync("/api/v1/courts/999999/policy")).ShouldBeProblem(404);
    }

    [Fact]
    public async Task FeeQuote_Property130000_Is2900()
    {
        var q = await (await app.GetAsync("/api/v1/fees/quote?matter=property&amount=130000")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2900m, q.GetProperty("fee").GetDecimal());
        Assert.Equal("property", q.Str("matter"));
        Assert.Equal(130000m, q.GetProperty("amount").GetDecimal());
        Assert.Equal(q.GetProperty("fee").GetDecimal(), q.GetProperty("basis").EnumerateArray().Sum(s => s.GetProperty("fee").GetDecimal()));
    }

    [Theory]
    [InlineData("/api/v1/fees/quote?matter=no-such-matter&amount=1000", "matter")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=-5", "amount")]
    [InlineData("/api/v1/fees/quote?matter=property", "amount")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=abc", "amount")]
    [InlineData("/api/v1/fees/quote?amount=1000", "matter")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=100.001", "amount")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=1e5", "amount")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=79228162514264337593543950335", "amount")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=0", "amount")]
    [InlineData("/api/v1/fees/quote?matter=payment-order", "amount")]
    [InlineData("/api/v1/fees/quote?matter=preservation", "amount")]
    [InlineData("/api/v1/fees/quote?matter=property&amount=1000&reduction=friendly", "reduction")]
    public async Task FeeQuote_BadInput_ValidationProblem(string url, string field)
    {
        await (await app.GetAsync(url)).ShouldBeFieldError(field, url);
    }

    [Fact]
    public async Task CalendarDeadline_EndsInNationalDayHolidays_ShiftedToNextWorkingDay()
    {
        var d = await (await app.GetAsync("/api/v1/calendar/deadline?start=2026-09-28&days=7")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("2026-09-28", d.Str("start"));
        Assert.Equal(7, d.GetProperty("days").GetInt32());
        Assert.Equal("2026-10-08", d.Str("deadline"));
        Assert.True(d.GetProperty("shifted").GetBoolean());
        Assert.True(d.GetProperty("calendarLoaded").GetBoolean());
    }

    [Theory]
    [InlineData("2026-10-03", 7, "2026-10-10", false, true)]  // lands on an adjusted working Saturday (调休上班)
    [InlineData("2026-09-21", 5, "2026-09-28", true, true)]   // 26th (Sat) is also 中秋节: next working day is Monday
    [InlineData("2026-01-05", 7, "2026-01-12", false, true)]  // an ordinary Monday
    [InlineData("2029-12-29", 7, "2030-01-07", true, false)]  // outside the loaded calendar: weekends only, flagged
    public async Task CalendarDeadline_Cases_AsFilingRules(string start, int days, string deadline, bool shifted, bool loaded)
    {
        var d = await (await app.GetAsync($"/api/v1/calendar/deadline?start={start}&days={days}")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(deadline, d.Str("deadline"));
        Assert.Equal(shifted, d.GetProperty("shifted").GetBoolean());
        Assert.Equal(loaded, d.GetProperty("calendarLoaded").GetBoolean());
    }

    [Theory]
    [InlineData("start=2026-02-30&days=7", "start")]
    [InlineData("start=28.09.2026&days=7", "start")]
    [InlineData("start=abc&days=7", "start")]
    [InlineData("days=7", "start")]
    [InlineData("start=2026-09-28&days=-1", "days")]
    [InlineData("start=2026-09-28&days=x", "days")]
    [InlineData("start=2026-09-28&days=99999999999", "days")]
    public async Task CalendarDeadline_BadInput_ValidationProblem(string query, string field)
    {
        await (await app.GetAsync("/api/v1/calendar/deadline?" + query)).ShouldBeFieldError(field, query);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_Get_Ok(string path)
    {
        await (await app.GetAsync(path)).ShouldBe(HttpStatusCode.OK, path);
    }

    [Fact]
    public async Task OpenApi_Get_ListsFilingsPath()
    {
        var doc = await (await app.GetAsync("/openapi/v1.json")).ShouldBe(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/filings", out _), "no /api/v1/filings in the OpenAPI document");
        Assert.True(paths.TryGetProperty("/api/v1/filings/{id}/submit", out _));
    }
}
