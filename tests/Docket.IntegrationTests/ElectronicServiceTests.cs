using System.Net;
using Docket.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// 电子送达 (CPL Art. 90; online litigation rules): notices are served on delivery to the account plus an SMS;
/// each records servedAt and readAt; the fee's 7 days run from service; the service address keeps its history
/// and prints as a 送达地址确认书.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class ElectronicServiceTests(SqliteAppFactory app)
{
    [Fact]
    public async Task Notices_AfterRegistration_ServedAtIssueReadWhenTheFilerFirstOpensThem()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var reg = await app.ReviewAsync("register", id, clerk);

        var notices = await (await app.GetAsync($"/api/v1/filings/{id}/notices", filer.Token)).ShouldBe(HttpStatusCode.OK);
        var fee = notices.EnumerateArray().Single(n => n.Str("kind") == "fee");
        var servedAt = fee.GetProperty("servedAt").GetDateTimeOffset();
        Assert.Equal(JsonNull, fee.GetProperty("readAt").ValueKind);
        // The fee is due 7 days from the day after service, moved past non-working days (fee measures Art. 22).
        Assert.Equal(await app.DeadlineAsync(ReviewKit.ShanghaiDate(servedAt), 7), reg.GetProperty("fee").Date("dueDate"));

        // A clerk opening it does not make it read; the filer opening it does, once.
        await app.PdfAsync(fee.Str("url").Replace("/api/v1/filings/", "/api/v1/review/filings/"), clerk);
        var again = (await (await app.GetAsync($"/api/v1/filings/{id}/notices", filer.Token)).ShouldBe(HttpStatusCode.OK))
            .EnumerateArray().Single(n => n.Str("kind") == "fee");
        Assert.Equal(JsonNull, again.GetProperty("readAt").ValueKind);
        await app.PdfAsync(fee.Str("url"), filer.Token);
        var read = (await (await app.GetAsync($"/api/v1/filings/{id}/notices", filer.Token)).ShouldBe(HttpStatusCode.OK))
            .EnumerateArray().Single(n => n.Str("kind") == "fee");
        Assert.True(read.GetProperty("readAt").GetDateTimeOffset() >= servedAt);

        var served = await (await app.GetAsync("/api/v1/me/served-documents", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(served.EnumerateArray(), n => n.Str("kind") == "acceptance" && n.Str("filingId") == id);
        var other = await app.NewFilerAsync();
        var none = await (await app.GetAsync("/api/v1/me/served-documents", other.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(none.EnumerateArray(), n => n.Str("filingId") == id);
    }

    [Fact]
    public async Task Delivery_NotificationOfService_TextedToTheServicePhoneOnce()
    {
        var filer = await app.NewFilerAsync();
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        await (await app.PutAsync("/api/v1/me/service-address", new { electronicConsent = true, phone, postalAddress = "甘肃省武威市古浪县" }, filer.Token))
            .ShouldBe(HttpStatusCode.OK);
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var caseNumber = (await app.ReviewAsync("register", id, clerk)).Str("caseNumber");

        // The app's own worker delivers too (every 5 s); a round of ours skips rows its lease holds. Either way the
        // text must arrive, and only once.
        var delivery = app.Services.GetRequiredService<NotificationDelivery>();
        List<string> texts = [];
        for (var round = 0; round < 40 && !texts.Any(t => t.Contains(caseNumber)); round++)
        {
            await delivery.RunOnceAsync(CancellationToken.None);
            var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK);
            texts = [.. outbox.EnumerateArray().Select(m => m.Str("text"))];
            if (!texts.Any(t => t.Contains(caseNumber))) await Task.Delay(250);
        }
        await delivery.RunOnceAsync(CancellationToken.None);
        texts = [.. (await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK)).EnumerateArray().Select(m => m.Str("text"))];
        Assert.Single(texts, t => t.Contains(caseNumber));
        Assert.All(texts, t => Assert.StartsWith("【网上立案】", t));
    }

    [Fact]
    public async Task ServiceAddress_ChangedTwice_HistoryKeptAndPrintableAsPdf()
    {
        var filer = await app.NewFilerAsync();
        await (await app.PutAsync("/api/v1/me/service-address", new { electronicConsent = true, phone = "13912340000", email = "a@it.test", postalAddress = "甘肃省武威市凉州区东大街1号" }, filer.Token))
            .ShouldBe(HttpStatusCode.OK);
        var history = await (await app.GetAsync("/api/v1/me/service-address/history", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, history.GetArrayLength()); // the one NewFilerAsync confirmed, and this change
        Assert.Equal("甘肃省武威市凉州区东大街1号", history[0].Str("postalAddress"));
        Assert.Equal("甘肃省武威市古浪县古浪镇", history[1].Str("postalAddress"));

        var current = await (await app.GetAsync("/api/v1/me/service-address", filer.Token)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("13912340000", current.Str("phone"));
        var pdf = await app.PdfAsync(new Uri(app.Http.BaseAddress!, "/api/v1/me/service-address?format=pdf").ToString(), filer.Token);
        var text = ReviewKit.PdfText(pdf);
        Assert.Contains("送达地址确认书", text);
        Assert.Contains("东大街1号", text);
        Assert.Contains("13912340000", text);
    }

    [Fact]
    public async Task ServiceAddress_NeverConfirmed_NotFound()
    {
        var email = $"n{Guid.NewGuid():N}"[..12] + "@it.test";
        await (await app.PostAsync("/api/v1/auth/register", new { email, password = "It-pass-2026-x" })).ShouldBe(HttpStatusCode.OK);
        var token = await app.LoginAsync(email, "It-pass-2026-x");
        await (await app.GetAsync("/api/v1/me/service-address", token)).ShouldBeProblem(404, "service-address.missing");
        await (await app.GetAsync("/api/v1/me/service-address?format=pdf", token)).ShouldBeProblem(404, "service-address.missing");
    }

    const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
