using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Docket.IntegrationTests;

/// <summary>
/// The calendar import on /Admin/Calendar: preview, confirm, per-row report of a bad file, and only the system admin.
/// An app of its own: importing 2027 changes every deadline that reaches into 2027.
/// </summary>
public sealed class CalendarImportPageTests(SqliteAppFactory app) : IClassFixture<SqliteAppFactory>
{
    const string Good2027 = "\uFEFFdate,kind,name\r\n2027-01-01,holiday,元旦\r\n2027-09-26,workday,国庆节调休上班\r\n"
        + "2027-10-01,holiday,国庆节\r\n2027-10-02,holiday,国庆节\r\n2027-10-03,holiday,国庆节\r\n2027-10-04,holiday,国庆节\r\n"
        + "2027-10-05,holiday,国庆节\r\n2027-10-06,holiday,国庆节\r\n2027-10-07,holiday,国庆节\r\n2027-10-09,workday,国庆节调休上班\r\n";

    const string Bad2027 = "date,kind,name\n2027-10-01,holiday,国庆节\n2027-10-32,holiday,国庆节\n2027-10-03,vacation,国庆节\n"
        + "2027-10-01,holiday,国庆节\n2028-01-01,holiday,元旦\n";

    /// <summary>A browser: cookies, no redirects followed, the antiforgery token read from each form.</summary>
    sealed class Browser(Uri baseAddress) : PageBrowser(baseAddress)
    {
        public Task<(HttpStatusCode Status, string Body, string? Location)> UploadAsync(string path, string token, string csv, string? year = null)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            if (year is not null) form.Add(new StringContent(year), "Year");
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            form.Add(part, "calendarFile", "2027.csv");
            return SendAsync(HttpMethod.Post, path, form);
        }
    }

    async Task<JsonElement> DeadlineAsync()
    {
        var r = await app.GetAsync("/api/v1/calendar/deadline?start=2027-09-28&days=7");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    static string HiddenToken(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"Token\" value=\"([^\"]+)\"").Groups[1].Value);

    static bool Refused((HttpStatusCode Status, string Body, string? Location) r) =>
        r.Status == HttpStatusCode.Forbidden || (r.Status == HttpStatusCode.Redirect && r.Location!.Contains("/Account/Denied", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task CalendarImport_BadFileReportsEveryRow_TamperedTokenRefused_GoodFilePreviewedThenConfirmed()
    {
        var before = await DeadlineAsync();
        Assert.Equal(("2027-10-05", false), (before.GetProperty("deadline").GetString(), before.GetProperty("calendarLoaded").GetBoolean()));

        using var admin = new Browser(app.Http.BaseAddress!);
        await admin.LoginAsync("admin@demo.docket");
        var page = await admin.GetAsync("/Admin/Calendar");
        Assert.Contains("name=\"calendarFile\"", page);

        // A bad file: every bad row with its line and reason, no preview, nothing imported.
        var bad = await admin.UploadAsync("/Admin/Calendar?handler=Preview", Browser.Token(page), Bad2027);
        Assert.Equal(HttpStatusCode.OK, bad.Status);
        foreach (var (line, code) in new[] { (3, "calendar.row-date-invalid"), (4, "calendar.row-kind-unknown"), (5, "calendar.row-duplicate"), (6, "calendar.row-wrong-year") })
            Assert.Contains($"data-line=\"{line}\" data-code=\"{code}\"", bad.Body);
        Assert.Equal(4, Regex.Matches(bad.Body, "data-line=").Count);
        Assert.Contains("该日期已在第 2 行出现。", bad.Body);
        Assert.DoesNotContain("name=\"Token\"", bad.Body);
        Assert.False((await DeadlineAsync()).GetProperty("calendarLoaded").GetBoolean());

        // A preview of the good file: the year, the holidays by name with their range, the adjusted working days.
        var preview = await admin.UploadAsync("/Admin/Calendar?handler=Preview", Browser.Token(page), Good2027);
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("2027 年节假日安排预览", preview.Body);
        Assert.Contains("国庆节</strong>：2027-10-01 – 2027-10-07", preview.Body);
        Assert.Contains("2027-09-26（星期日）国庆节调休上班", preview.Body);
        Assert.Contains("2027 年尚未导入", preview.Body);
        var token = HiddenToken(preview.Body);
        Assert.NotEmpty(token);
        Assert.False((await DeadlineAsync()).GetProperty("calendarLoaded").GetBoolean()); // the preview stores nothing

        // A token changed in transit is refused.
        var tampered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];
        var refused = await admin.PostFormAsync("/Admin/Calendar?handler=Confirm", Browser.Token(preview.Body), new() { ["Token"] = tampered });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("预览已失效或内容被改动", refused.Body);
        Assert.False((await DeadlineAsync()).GetProperty("calendarLoaded").GetBoolean());

        // Confirm: imported, and deadlines use it at once (the cache was dropped).
        var done = await admin.PostFormAsync("/Admin/Calendar?handler=Confirm", Browser.Token(preview.Body), new() { ["Token"] = token });
        Assert.True(done.Status == HttpStatusCode.Redirect, $"confirm: {(int)done.Status} {done.Body[..Math.Min(done.Body.Length, 600)]}");
        var after = await DeadlineAsync();
        Assert.Equal(("2027-10-08", true, true),
            (after.GetProperty("deadline").GetString(), after.GetProperty("shifted").GetBoolean(), after.GetProperty("calendarLoaded").GetBoolean()));
        Assert.Contains("2027 年：节假日 8 天，调休上班 2 天", await admin.GetAsync("/Admin/Calendar"));

        // The same token again after the year changed: refused, nothing changed.
        var again = await admin.PostFormAsync("/Admin/Calendar?handler=Confirm", Browser.Token(preview.Body), new() { ["Token"] = token });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("预览后已被修改", again.Body);

        // A second file for 2027 previews what changes against the loaded rows.
        var changed = Good2027.Replace("2027-10-07,holiday,国庆节\r\n", "", StringComparison.Ordinal) + "2027-10-08,holiday,国庆节\r\n";
        var diff = await admin.UploadAsync("/Admin/Calendar?handler=Preview", Browser.Token(page), changed, "2027");
        Assert.Contains("data-change=\"removed\"", diff.Body);
        Assert.Contains("data-change=\"added\"", diff.Body);
        Assert.Contains("已导入的 2027 年日历（10 行）将被整体替换", diff.Body);
    }

    [Fact]
    public async Task CalendarImport_CourtAdmin_SeesYearsButNoForm_AndACraftedPostIsRefused()
    {
        using var courtAdmin = new Browser(app.Http.BaseAddress!);
        await courtAdmin.LoginAsync("courtadmin.620622@demo.docket");
        var index = await courtAdmin.GetAsync("/Admin");
        Assert.Contains("2025 年：节假日", index);          // the loaded years are shown
        Assert.DoesNotContain("calendarFile", index);        // but no import form
        Assert.DoesNotContain("/Admin/Calendar", index);
        Assert.Contains("name=\"AcceptedCaseTypes\"", index); // their other settings still work

        var antiforgery = Browser.Token(index);
        Assert.True(Refused(await courtAdmin.SendAsync(HttpMethod.Get, "/Admin/Calendar")));
        Assert.True(Refused(await courtAdmin.UploadAsync("/Admin/Calendar?handler=Preview", antiforgery, Good2027)));
        Assert.True(Refused(await courtAdmin.PostFormAsync("/Admin/Calendar?handler=Confirm", antiforgery, new() { ["Token"] = "x" })));
        Assert.True(Refused(await courtAdmin.UploadAsync("/Admin?handler=Calendar", antiforgery, Good2027)));
    }
}
