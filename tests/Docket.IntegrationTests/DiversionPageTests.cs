using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// 诉前调解 from the clerk's review page: the room is picked from a list (the court's own rooms first), the filer's
/// consent is required, and a failed mediation brings the filing back to the queue with its original submission.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class DiversionPageTests(SqliteAppFactory app)
{
    [Fact]
    public async Task ReviewPage_DivertToDajingFromTheList_FailedMediationBackInTheQueue()
    {
        var filer = await app.NewFilerAsync();
        var clerkToken = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerkToken);
        var submittedAt = (await app.FilingAsync(id, filer.Token)).GetProperty("submittedAt").GetDateTimeOffset();

        using var clerk = new PageBrowser(app.Http.BaseAddress!);
        await clerk.LoginAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var review = await clerk.GetAsync($"/Review/Filing?id={id}");
        var select = Regex.Match(review, "<select[^>]*name=\"MediationRoomId\"[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        Assert.StartsWith("<option value=\"dajing\"", select.Trim());
        Assert.Contains("大靖镇人民调解工作室", select);

        // Without the filer's consent: refused, still under review.
        var (status, _, _) = await clerk.PostFormAsync($"/Review/Filing?id={id}&handler=Divert", PageBrowser.Token(review), new() { ["MediationRoomId"] = "dajing" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("under-review", (await app.FilingAsync(id, filer.Token)).Str("status"));

        (status, _, _) = await clerk.PostFormAsync($"/Review/Filing?id={id}&handler=Divert", PageBrowser.Token(review),
            new() { ["MediationRoomId"] = "dajing", ["FilerConsent"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, status);
        var diverted = await app.FilingAsync(id, filer.Token);
        Assert.Equal("diverted-to-mediation", diverted.Str("status"));
        Assert.Matches(@"^（20\d\d）甘0622民诉前调\d+号$", diverted.Str("preLitigationNumber"));

        var caseId = await app.ReadDbAsync(db => db.MediationCases.Where(c => c.FilingId == id).Select(c => c.Id).SingleAsync());
        var mediator = await app.StaffAsync("mediator.dajing@demo.docket");
        await (await app.PostAsync($"/api/v1/mediation/cases/{caseId}/close", new { outcome = "failed" }, mediator)).ShouldBe(HttpStatusCode.OK);
        var back = await app.FilingAsync(id, filer.Token);
        Assert.Equal(("submitted", submittedAt), (back.Str("status"), back.GetProperty("submittedAt").GetDateTimeOffset()));
        Assert.Contains(id, await clerk.GetAsync("/Review?status=submitted&pageSize=100"));
    }
}
