using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Docket.IntegrationTests;

/// <summary>Court ids of the demo data (courts.csv) the review tests use.</summary>
public static class Courts
{
    /// <summary>古浪县人民法院 (甘0622), the competent court of most tests.</summary>
    public const string Gulang = "620622";
    public const string GulangName = "古浪县人民法院";
    /// <summary>武威市中级人民法院, the court above Gulang (appeals against a ruling).</summary>
    public const string Wuwei = "620600";
    /// <summary>民勤县人民法院: queue filters and paging (no other test files there).</summary>
    public const string Minqin = "620621";
    /// <summary>凉州区人民法院: queue order and flags (no other test files there).</summary>
    public const string Liangzhou = "620602";
    /// <summary>天祝县人民法院: an uninvolved court.</summary>
    public const string Tianzhu = "620623";
    /// <summary>东营区人民法院 (Shandong): the cooperating court of cross-region filings.</summary>
    public const string Dongying = "370502";
}

/// <summary>Review-side helpers: staff sign-in, filings of each case type brought to a given state, PDFs, dates.</summary>
public static class ReviewKit
{
    static readonly ConditionalWeakTable<DocketAppFactory, ConcurrentDictionary<string, Task<string>>> Tokens = new();

    public static readonly TimeZoneInfo Shanghai = FindShanghai();

    static TimeZoneInfo FindShanghai()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST"); }
    }

    public static string ClerkEmail(string courtId) => $"clerk.{courtId}@demo.docket";

    /// <summary>The demo clerk of a court, signed in once per app (a bearer token lives an hour of real time).</summary>
    public static Task<string> ClerkAsync(this DocketAppFactory app, string courtId = Courts.Gulang) =>
        app.StaffAsync(ClerkEmail(courtId));

    public static Task<string> StaffAsync(this DocketAppFactory app, string email) =>
        Tokens.GetOrCreateValue(app).GetOrAdd(email, e => app.LoginAsync(e));

    /// <summary>
    /// A second clerk of a court (the demo seeds one per court), created the way the court admin's page does it:
    /// an Identity account with the clerk role and the court. Returns its email, id and token.
    /// </summary>
    public static async Task<(string Email, string Id, string Token)> NewClerkAsync(this DocketAppFactory app, string courtId, string fullName = "第二书记员")
    {
        var email = $"clerk{Guid.NewGuid():N}"[..17] + "@it.test";
        const string password = "It-clerk-2026";
        string id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, CourtId = courtId, CreatedAt = DateTime.UtcNow };
            var created = await users.CreateAsync(user, password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            Assert.True((await users.AddToRoleAsync(user, Roles.Clerk)).Succeeded);
            id = user.Id;
        }
        return (email, id, await app.LoginAsync(email, password));
    }

    public static async Task<string> UserIdAsync(this DocketAppFactory app, string token) =>
        (await (await app.GetAsync("/api/v1/me", token)).ShouldBe(HttpStatusCode.OK, "me")).Str("id");

    // --- filings ----------------------------------------------------------------------------------------------

    /// <summary>The matter a filing of this case type is filed under (the only one, or the property matter).</summary>
    public static string DefaultMatter(string caseType) => caseType switch
    {
        "enforcement" => "enforcement",
        "payment-order" => "payment-order",
        "judicial-confirmation" => "special-procedure",
        "civil-retrial-application" or "criminal-private-prosecution" => "none",
        "administrative-first-instance" => "administrative",
        _ => "property",
    };

    /// <summary>
    /// A complete draft of any case type (its matter, the complaint and identity PDFs and whatever else the type
    /// needs), ready to submit. <paramref name="edit"/> may change the PUT body.
    /// </summary>
    public static async Task<string> DraftFilingAsync(this DocketAppFactory app, string token, string courtId = Courts.Gulang,
        string caseType = "civil-first-instance", decimal? amount = 130000m, string? cooperatingCourtId = null,
        Action<Dictionary<string, object?>>? edit = null, object[]? parties = null)
    {
        var created = await app.PostAsync("/api/v1/filings", new { courtId, caseType, cooperatingCourtId }, token);
        var id = (await created.ShouldBe(HttpStatusCode.Created, "create filing")).Str("id");
        var body = TestData.FilingBody(amount, parties);
        body["matter"] = DefaultMatter(caseType);
        edit?.Invoke(body);
        await (await app.PutAsync($"/api/v1/filings/{id}", body, token)).ShouldBe(HttpStatusCode.OK, "update filing");
        var kinds = new List<string> { "complaint", "identity" };
        if (caseType is "enforcement" or "civil-retrial-application") kinds.Add("effective-judgment");
        if (caseType == "judicial-confirmation") kinds.Add("mediation-agreement");
        foreach (var kind in kinds)
            await (await app.UploadAsync(id, token, kind, kind + ".pdf", TestFiles.Pdf(kind))).ShouldBe(HttpStatusCode.Created, "upload " + kind);
        return id;
    }

    /// <summary>A submitted filing (awaiting-forward when <paramref name="cooperatingCourtId"/> is set): its id and receipt.</summary>
    public static async Task<(string Id, JsonElement Receipt)> SubmittedFilingAsync(this DocketAppFactory app, string token,
        string courtId = Courts.Gulang, string caseType = "civil-first-instance", decimal? amount = 130000m, string? cooperatingCourtId = null,
        Action<Dictionary<string, object?>>? edit = null, object[]? parties = null)
    {
        var id = await app.DraftFilingAsync(token, courtId, caseType, amount, cooperatingCourtId, edit, parties);
        return (id, await app.SubmitAsync(id, token));
    }

    /// <summary>A filing submitted by <paramref name="filerToken"/> and claimed by <paramref name="clerk"/>.</summary>
    public static async Task<string> ClaimedFilingAsync(this DocketAppFactory app, string filerToken, string clerk, string courtId = Courts.Gulang,
        string caseType = "civil-first-instance", decimal? amount = 130000m, Action<Dictionary<string, object?>>? edit = null)
    {
        var (id, _) = await app.SubmittedFilingAsync(filerToken, courtId, caseType, amount, null, edit);
        await app.ReviewAsync("claim", id, clerk);
        return id;
    }

    /// <summary>POST /api/v1/review/filings/{id}/{action}, asserting the status (200 by default).</summary>
    public static async Task<JsonElement> ReviewAsync(this DocketAppFactory app, string action, string id, string clerk, object? body = null,
        HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await app.PostAsync($"/api/v1/review/filings/{id}/{action}", body, clerk)).ShouldBe(expected, action);

    public static Task<HttpResponseMessage> ReviewCallAsync(this DocketAppFactory app, string action, string id, string? token, object? body = null) =>
        app.PostAsync($"/api/v1/review/filings/{id}/{action}", body, token);

    public static async Task<JsonElement> FilingAsync(this DocketAppFactory app, string id, string filerToken) =>
        await (await app.GetAsync($"/api/v1/filings/{id}", filerToken)).ShouldBe(HttpStatusCode.OK, "GET filing");

    public static async Task<JsonElement> ReviewFilingAsync(this DocketAppFactory app, string id, string clerk) =>
        await (await app.GetAsync($"/api/v1/review/filings/{id}", clerk)).ShouldBe(HttpStatusCode.OK, "GET review filing");

    public static async Task<List<JsonElement>> QueueAsync(this DocketAppFactory app, string clerk, string query = "pageSize=100") =>
        [.. (await (await app.GetAsync("/api/v1/review/queue?" + query, clerk)).ShouldBe(HttpStatusCode.OK, "queue")).GetProperty("items").EnumerateArray()];

    public static async Task<List<JsonElement>> HistoryAsync(this DocketAppFactory app, string id, string filerToken) =>
        [.. (await (await app.GetAsync($"/api/v1/filings/{id}/history", filerToken)).ShouldBe(HttpStatusCode.OK, "history")).EnumerateArray()];

    /// <summary>The hash chain verifies through the API and has <paramref name="events"/> events.</summary>
    public static async Task AssertChainVerifiesAsync(this DocketAppFactory app, string id, string filerToken, int? events = null)
    {
        var v = await (await app.GetAsync($"/api/v1/filings/{id}/history/verify", filerToken)).ShouldBe(HttpStatusCode.OK, "verify");
        Assert.True(v.GetProperty("valid").GetBoolean(), $"chain does not verify: {v}");
        if (events is not null) Assert.Equal(events.Value, v.GetProperty("events").GetInt32());
    }

    public static async Task<List<JsonElement>> NotificationsAsync(this DocketAppFactory app, string token, string? language = null, string query = "pageSize=100")
    {
        var r = await app.GetAsync("/api/v1/notifications?" + query, token,
            language is null ? null : m => m.Headers.AcceptLanguage.ParseAdd(language));
        return [.. (await r.ShouldBe(HttpStatusCode.OK, "notifications")).GetProperty("items").EnumerateArray()];
    }

    // --- case numbers -----------------------------------------------------------------------------------------

    static readonly Regex CaseNumberPattern = new(@"^（(\d{4})）(\S+?)(民初|民终|民申|民特|民督|民催|民诉前调|刑初|行初|执异|执|财保)(\d+)号$");

    public static (int Year, string Court, string Type, int Sequence) ParseCaseNumber(string caseNumber)
    {
        var m = CaseNumberPattern.Match(caseNumber);
        Assert.True(m.Success, $"not a case number: '{caseNumber}'");
        return (int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value, int.Parse(m.Groups[4].Value));
    }

    public static int Sequence(string caseNumber) => ParseCaseNumber(caseNumber).Sequence;

    // --- dates ------------------------------------------------------------------------------------------------

    public static DateOnly ShanghaiDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Shanghai).DateTime);

    public static DateOnly ShanghaiToday() => ShanghaiDate(DateTimeOffset.UtcNow);

    /// <summary>The UTC instant of a wall-clock time in Asia/Shanghai.</summary>
    public static DateTimeOffset ShanghaiInstant(DateOnly date, TimeOnly time) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(time, DateTimeKind.Unspecified), Shanghai), TimeSpan.Zero);

    /// <summary>The deadline the public calendar API computes: the period of <paramref name="days"/> after <paramref name="start"/>.</summary>
    public static async Task<DateOnly> DeadlineAsync(this DocketAppFactory app, DateOnly start, int days)
    {
        var d = await (await app.GetAsync($"/api/v1/calendar/deadline?start={start:yyyy-MM-dd}&days={days}")).ShouldBe(HttpStatusCode.OK, "deadline");
        return DateOnly.ParseExact(d.Str("deadline"), "yyyy-MM-dd");
    }

    public static DateOnly Date(this JsonElement e, string property) => DateOnly.ParseExact(e.Str(property), "yyyy-MM-dd");

    // --- PDFs -------------------------------------------------------------------------------------------------

    /// <summary>GETs a notice URL (absolute, as the API lists it) and asserts a PDF comes back.</summary>
    public static async Task<byte[]> PdfAsync(this DocketAppFactory app, string url, string token)
    {
        var r = await app.GetAsync(new Uri(url).PathAndQuery, token);
        await r.ShouldBe(HttpStatusCode.OK, "PDF " + url);
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 5 && bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8), $"{url} is not a PDF");
        return bytes;
    }

    /// <summary>The text of a PDF, whitespace removed (lines break anywhere in Chinese text).</summary>
    public static string PdfText(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        var sb = new StringBuilder();
        foreach (var page in doc.GetPages())
            foreach (var letter in page.Letters)
                sb.Append(letter.Value);
        return new string(sb.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
    }

    // --- database ---------------------------------------------------------------------------------------------

    /// <summary>Reads from the running app's database in a scope of its own.</summary>
    public static async Task<T> ReadDbAsync<T>(this DocketAppFactory app, Func<DocketDbContext, Task<T>> read)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<DocketDbContext>());
    }
}
