using System.Net;
using System.Text.Json;

namespace Docket.IntegrationTests;

/// <summary>
/// The filer's in-app notifications (filing.md, "Notifications"; api.md <c>GET /notifications</c>): one per state
/// change that concerns them, newest first, in the caller's language, only their own; marking them read.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class NotificationTests(SqliteAppFactory app)
{
    /// <summary>A new filer whose one filing went submit → correction → resubmit → register.</summary>
    async Task<(DocketAppFactory.Filer Filer, string Id, string CaseNumber, JsonElement V1, JsonElement V2)> JourneyAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, v1) = await app.SubmittedFilingAsync(filer.Token);
        await app.ReviewAsync("claim", id, clerk);
        await app.ReviewAsync("request-correction", id, clerk, new { items = new[] { new { message = "请补充证据目录" }, new { message = "请补充被告地址" } } });
        var v2 = await app.SubmitAsync(id, filer.Token);
        await app.ReviewAsync("claim", id, clerk);
        var caseNumber = (await app.ReviewAsync("register", id, clerk)).Str("caseNumber");
        return (filer, id, caseNumber, v1, v2);
    }

    [Fact]
    public async Task Notifications_SubmitCorrectResubmitRegister_NewestFirstInChinese()
    {
        var (filer, id, caseNumber, v1, v2) = await JourneyAsync();
        var list = await app.NotificationsAsync(filer.Token);

        Assert.All(list, n => Assert.Equal(id, n.Str("filingId")));
        Assert.All(list, n => Assert.False(n.GetProperty("read").GetBoolean()));
        var kinds = list.Select(n => n.Str("kind")).ToList();
        Assert.Equal(5, kinds.Count);
        // Registration writes two at the same instant (registered, fee-due); the rest are strictly ordered.
        Assert.Equal(["fee-due", "registered"], kinds[..2].Order());
        Assert.Equal(["resubmitted", "correction-requested", "submitted"], kinds[2..]);
        var at = list.Select(n => n.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(at.OrderDescending(), at);
        Assert.All(at, a => Assert.Equal(TimeSpan.FromHours(8), a.Offset));

        string Message(string kind) => list.Single(n => n.Str("kind") == kind).Str("message");
        Assert.Contains(v1.Str("receiptNumber"), Message("submitted"));
        Assert.Contains("已提交", Message("submitted"));
        Assert.Contains("补正", Message("correction-requested"));
        Assert.Contains("2", Message("correction-requested"));
        Assert.Contains(v2.Str("receiptNumber"), Message("resubmitted"));
        Assert.Contains(caseNumber, Message("registered"));
        Assert.Contains("古浪县人民法院", Message("registered"));
        Assert.Contains("2900", Message("fee-due"));
        Assert.Contains("交纳", Message("fee-due"));
    }

    [Fact]
    public async Task Notifications_AcceptLanguageEn_EnglishMessages()
    {
        var (filer, _, caseNumber, v1, _) = await JourneyAsync();
        var en = await app.NotificationsAsync(filer.Token, "en");
        var zh = await app.NotificationsAsync(filer.Token, "zh-CN");
        Assert.Equal(zh.Select(n => n.Str("id")), en.Select(n => n.Str("id")));

        string Message(List<JsonElement> l, string kind) => l.Single(n => n.Str("kind") == kind).Str("message");
        Assert.StartsWith("Your filing was submitted", Message(en, "submitted"));
        Assert.Contains(v1.Str("receiptNumber"), Message(en, "submitted"));
        Assert.Contains("Your case is registered as " + caseNumber, Message(en, "registered"));
        Assert.Contains("correct 2 item(s)", Message(en, "correction-requested"));
        Assert.All(en, n => Assert.True(char.IsAsciiLetter(n.Str("message")[0]), n.Str("message")));
        Assert.All(zh, n => Assert.True(n.Str("message")[0] is >= '\u4e00' and <= '\u9fff', n.Str("message")));
    }

    [Fact]
    public async Task Notifications_AnotherUser_SeesNoneOfThem()
    {
        var (_, id, _, _, _) = await JourneyAsync();
        var other = await app.NewFilerAsync();
        Assert.Empty(await app.NotificationsAsync(other.Token));
        Assert.DoesNotContain(await app.NotificationsAsync(await app.ClerkAsync()), n => n.Str("filingId") == id);
        await (await app.GetAsync("/api/v1/notifications")).ShouldBeProblem(401, "auth.required");
    }

    [Fact]
    public async Task NotificationsRead_Post_MarksTheCallersNotificationsRead()
    {
        var (filer, _, _, _, _) = await JourneyAsync();
        var other = await app.NewFilerAsync();
        await app.SubmittedFilingAsync(other.Token);

        var unread = await (await app.GetAsync("/api/v1/notifications?unread=true", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(5, unread.GetProperty("total").GetInt32());

        var marked = await (await app.PostAsync("/api/v1/notifications/read", null, filer.Token)).ShouldBe(HttpStatusCode.OK, "read");
        Assert.Equal(5, marked.GetProperty("marked").GetInt32());
        Assert.All(await app.NotificationsAsync(filer.Token), n => Assert.True(n.GetProperty("read").GetBoolean()));
        unread = await (await app.GetAsync("/api/v1/notifications?unread=true", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, unread.GetProperty("total").GetInt32());
        var again = await (await app.PostAsync("/api/v1/notifications/read", null, filer.Token)).ShouldBe(HttpStatusCode.OK, "read again");
        Assert.Equal(0, again.GetProperty("marked").GetInt32());

        // Someone else's stay unread.
        var theirs = Assert.Single(await app.NotificationsAsync(other.Token));
        Assert.False(theirs.GetProperty("read").GetBoolean());

        // One at a time: only one's own (another user's id is not found).
        await (await app.PostAsync($"/api/v1/notifications/{theirs.Str("id")}/read", null, filer.Token)).ShouldBeProblem(404, "not-found");
        await (await app.PostAsync($"/api/v1/notifications/{theirs.Str("id")}/read", null, other.Token)).ShouldBe(HttpStatusCode.NoContent);
        Assert.True(Assert.Single(await app.NotificationsAsync(other.Token)).GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task Notifications_WithdrawAfterSubmission_NotifiedButNotForADraft()
    {
        var filer = await app.NewFilerAsync();
        var draft = await app.DraftFilingAsync(filer.Token);
        await (await app.PostAsync($"/api/v1/filings/{draft}/withdraw", null, filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(await app.NotificationsAsync(filer.Token));

        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(["withdrawn", "submitted"], (await app.NotificationsAsync(filer.Token)).Select(n => n.Str("kind")));
    }
}
