using System.Net;
using System.Text.Json;
using Docket.Web.Features.Filings;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// The clerk's review API on an app of its own (it counts case numbers and reads whole queues of some courts, which
/// must not race with the filing tests' traffic).
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteReviewCollection : ICollectionFixture<SqliteAppFactory>
{
    public const string Name = "sqlite-review";
}

/// <summary>Every move of the review API (filing.md, "States and transitions") and every refusal, on SQLite.</summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class ReviewTransitionTests(SqliteAppFactory app)
{
    // --- claim / release --------------------------------------------------------------------------------------

    [Fact]
    public async Task Claim_SubmittedFiling_UnderReviewAssignedToTheClerk()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);

        var claimed = await app.ReviewAsync("claim", id, clerk);
        Assert.Equal("under-review", claimed.Str("status"));
        Assert.Equal(await app.UserIdAsync(clerk), claimed.GetProperty("assignee").Str("id"));
        Assert.Contains("立案庭书记员", claimed.GetProperty("assignee").Str("name"));

        var queued = (await app.QueueAsync(clerk, "status=under-review&pageSize=100")).Single(i => i.Str("filingId") == id);
        Assert.Equal(await app.UserIdAsync(clerk), queued.GetProperty("assignee").Str("id"));

        var history = await app.HistoryAsync(id, filer.Token);
        var claim = history[^1];
        Assert.Equal("claim", claim.Str("action"));
        Assert.Equal("submitted", claim.Str("fromStatus"));
        Assert.Equal("under-review", claim.Str("toStatus"));
        Assert.Equal("clerk", claim.GetProperty("actor").Str("role"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 3);
    }

    [Fact]
    public async Task Claim_Twice_ConflictAndStillTheFirstAssignee()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var second = await app.NewClerkAsync(Courts.Gulang);
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await app.ReviewAsync("claim", id, clerk);

        await (await app.ReviewCallAsync("claim", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition", "claim again");
        await (await app.ReviewCallAsync("claim", id, second.Token)).ShouldBeProblem(409, "filing.invalid-transition", "claim by another clerk");
        var f = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal(await app.UserIdAsync(clerk), f.GetProperty("assignee").Str("id"));
    }

    [Fact]
    public async Task Claim_Draft_NotFoundBecauseDraftsAreInvisibleToClerks()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.DraftFilingAsync(filer.Token);

        await (await app.ReviewCallAsync("claim", id, clerk)).ShouldBeProblem(404, "not-found");
        await (await app.GetAsync($"/api/v1/review/filings/{id}", clerk)).ShouldBeProblem(404, "not-found");
        Assert.Equal("draft", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    [Fact]
    public async Task Release_ByTheAssignee_SubmittedAndUnassigned()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        var released = await app.ReviewAsync("release", id, clerk);
        Assert.Equal("submitted", released.Str("status"));
        Assert.Equal(JsonValueKind.Null, released.GetProperty("assignee").ValueKind);
        Assert.Equal("release", (await app.HistoryAsync(id, filer.Token))[^1].Str("action"));

        // Released, anyone of the court may claim it again; releasing an unclaimed filing is refused.
        await (await app.ReviewCallAsync("release", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition");
        await app.ReviewAsync("claim", id, clerk);
    }

    [Fact]
    public async Task Release_ByAnotherClerkOfTheSameCourt_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var other = await app.NewClerkAsync(Courts.Gulang);
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        await (await app.ReviewCallAsync("release", id, other.Token)).ShouldBeProblem(409, "filing.invalid-transition");
        var f = await app.ReviewFilingAsync(id, other.Token);
        Assert.Equal("under-review", f.Str("status"));
        Assert.Equal(await app.UserIdAsync(clerk), f.GetProperty("assignee").Str("id"));
    }

    // --- request-correction -----------------------------------------------------------------------------------

    public static TheoryData<string, string> BadCorrections => new()
    {
        { """{}""", "items" },
        { """{"items":[]}""", "items" },
        { """{"items":null}""", "items" },
        { """{"items":[{"message":""}]}""", "items[0].message" },
        { """{"items":[{"message":"请补充证据目录"},{"message":"   "}]}""", "items[1].message" },
        { """{"items":[{}]}""", "items[0].message" },
        { """{"items":[{"message":"请补充证据目录"}],"dueDate":"2026-13-01"}""", "dueDate" },
        { """{"items":[{"message":"请补充证据目录"}],"dueDate":"next week"}""", "dueDate" },
        { """{"items":[{"message":"请补充证据目录"}],"dueDate":"2020-01-06"}""", "dueDate" },
        { """{"items":[{"message":"请补充证据目录"}],"dueDate":"TODAY"}""", "dueDate" },
        { """{"items":[{"message":"请补充证据目录"}],"dueDate":"IN_TWO_YEARS"}""", "dueDate" },
    };

    [Theory]
    [MemberData(nameof(BadCorrections))]
    public async Task RequestCorrection_InvalidBody_BadRequestAndNothingChanges(string body, string field)
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var today = ReviewKit.ShanghaiToday();
        body = body.Replace("TODAY", $"{today:yyyy-MM-dd}").Replace("IN_TWO_YEARS", $"{today.AddYears(2):yyyy-MM-dd}");

        var r = await app.SendAsync(HttpMethod.Post, $"/api/v1/review/filings/{id}/request-correction", clerk, DocketAppFactory.RawJson(body));
        await r.ShouldBeFieldError(field, body);
        var f = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal("under-review", f.Str("status"));
        Assert.Equal(JsonValueKind.Null, f.GetProperty("correction").ValueKind);
        Assert.DoesNotContain(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == id && n.Str("kind") == "correction-requested");
    }

    [Fact]
    public async Task RequestCorrection_NoDueDate_DueAfterThePolicysCorrectionDaysAndFilerSeesItems()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var policy = await (await app.GetAsync($"/api/v1/courts/{Courts.Gulang}/policy")).ShouldBe(HttpStatusCode.OK);
        var days = policy.GetProperty("correctionDays").GetInt32();
        Assert.Equal(15, days);

        var items = new[] { new { message = "请补充被告的身份信息" }, new { message = "请提交证据目录" } };
        var corrected = await app.ReviewAsync("request-correction", id, clerk, new { items });
        var expectedDue = await app.DeadlineAsync(ReviewKit.ShanghaiToday(), days);
        Assert.Equal("correction-requested", corrected.Str("status"));
        Assert.Equal(JsonValueKind.Null, corrected.GetProperty("assignee").ValueKind);
        Assert.Equal(expectedDue, corrected.GetProperty("correction").Date("dueDate"));

        var seen = await app.FilingAsync(id, filer.Token);
        Assert.Equal("correction-requested", seen.Str("status"));
        Assert.Equal(["请补充被告的身份信息", "请提交证据目录"], seen.GetProperty("correction").GetProperty("items").EnumerateArray().Select(i => i.Str("message")));
        Assert.Equal(expectedDue, seen.GetProperty("correction").Date("dueDate"));

        var ev = (await app.HistoryAsync(id, filer.Token))[^1];
        Assert.Equal("request-correction", ev.Str("action"));
        Assert.Equal("under-review", ev.Str("fromStatus"));
        Assert.Equal("correction-requested", ev.Str("toStatus"));
        Assert.Contains("请提交证据目录", ev.Str("note"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 4);

        // The filer may edit again while the correction is open.
        await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(120000m), filer.Token)).ShouldBe(HttpStatusCode.OK, "edit under correction");
    }

    [Fact]
    public async Task RequestCorrection_ExplicitDueDate_KeptOnAWorkingDayMovedPastADayOff()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var today = ReviewKit.ShanghaiToday();

        // A working day ten or more days ahead, and the first Saturday after it, by the public calendar.
        var workday = today.AddDays(10);
        while (await app.DeadlineAsync(workday.AddDays(-1), 1) != workday) workday = workday.AddDays(1);
        var saturday = workday.AddDays(1);
        while (saturday.DayOfWeek != DayOfWeek.Saturday) saturday = saturday.AddDays(1);
        var afterSaturday = await app.DeadlineAsync(saturday.AddDays(-1), 1);
        Assert.True(afterSaturday > saturday);

        var a = await app.ClaimedFilingAsync(filer.Token, clerk);
        var ca = await app.ReviewAsync("request-correction", a, clerk, new { items = new[] { new { message = "请补充证据" } }, dueDate = $"{workday:yyyy-MM-dd}" });
        Assert.Equal(workday, ca.GetProperty("correction").Date("dueDate"));

        var b = await app.ClaimedFilingAsync(filer.Token, clerk);
        var cb = await app.ReviewAsync("request-correction", b, clerk, new { items = new[] { new { message = "请补充证据" } }, dueDate = $"{saturday:yyyy-MM-dd}" });
        Assert.Equal(afterSaturday, cb.GetProperty("correction").Date("dueDate"));
    }

    [Fact]
    public async Task RequestCorrection_Unclaimed_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await (await app.ReviewCallAsync("request-correction", id, clerk, new { items = new[] { new { message = "x" } } }))
            .ShouldBeProblem(409, "filing.invalid-transition");
        Assert.Equal("submitted", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    [Fact]
    public async Task RequestCorrection_Second_ConflictBeforeAndAfterResubmission()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var body = new { items = new[] { new { message = "请补充证据目录" } } };
        await app.ReviewAsync("request-correction", id, clerk, body);

        await (await app.ReviewCallAsync("request-correction", id, clerk, body)).ShouldBeProblem(409, "filing.correction-already-requested", "while open");

        await app.SubmitAsync(id, filer.Token);
        await app.ReviewAsync("claim", id, clerk);
        await (await app.ReviewCallAsync("request-correction", id, clerk, body)).ShouldBeProblem(409, "filing.correction-already-requested", "after resubmission");
        var f = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal("under-review", f.Str("status"));
        Assert.Single(f.GetProperty("correction").GetProperty("items").EnumerateArray());
        Assert.Single(f.GetProperty("history").EnumerateArray(), e => e.Str("action") == "request-correction");

        // Register (or reject) remain possible.
        var reg = await app.ReviewAsync("register", id, clerk);
        Assert.Equal("甘0622", ReviewKit.ParseCaseNumber(reg.Str("caseNumber")).Court);
    }

    /// <summary>filing.md: "After a resubmission the only decisions are register or reject".</summary>
    [Fact]
    public async Task DivertToMediation_AfterResubmission_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("request-correction", id, clerk, new { items = new[] { new { message = "请补充证据目录" } } });
        await app.SubmitAsync(id, filer.Token);
        await app.ReviewAsync("claim", id, clerk);

        await (await app.ReviewCallAsync("divert-to-mediation", id, clerk, new { mediationRoomId = "dajing", filerConsent = true }))
            .ShouldBeProblem(409, "filing.invalid-transition");
    }

    // --- resubmission -----------------------------------------------------------------------------------------

    [Fact]
    public async Task Resubmit_AfterCorrection_ReceiptVersion2DeadlineRestartsAndOnlyNewDocumentsDeletable()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, v1) = await app.SubmittedFilingAsync(filer.Token);
        await app.ReviewAsync("claim", id, clerk);
        await app.ReviewAsync("request-correction", id, clerk, new { items = new[] { new { message = "请补充证据目录" } } });

        // An old decision deadline (as if submitted days ago): the resubmission restarts the period from today.
        var old = ReviewKit.ShanghaiToday().AddDays(-3);
        await app.WithDbAsync(db => db.Filings.Where(f => f.Id == id).ExecuteUpdateAsync(s => s.SetProperty(f => f.DecisionDeadline, old)));
        Assert.Equal(old, (await app.FilingAsync(id, filer.Token)).Date("decisionDeadline"));

        var filing = await app.FilingAsync(id, filer.Token);
        var v1Doc = filing.GetProperty("documents")[0].Str("id");
        Assert.True(filing.GetProperty("documents")[0].GetProperty("locked").GetBoolean());
        await (await app.DeleteAsync($"/api/v1/filings/{id}/documents/{v1Doc}", filer.Token)).ShouldBeProblem(409, "filing.invalid-transition", "delete a v1 document");

        var added = (await (await app.UploadAsync(id, filer.Token, "evidence", "证据目录.pdf", TestFiles.Pdf("evidence list"))).ShouldBe(HttpStatusCode.Created)).Str("id");
        var mistake = (await (await app.UploadAsync(id, filer.Token, "other", "wrong.pdf", TestFiles.Pdf("wrong"))).ShouldBe(HttpStatusCode.Created)).Str("id");
        await (await app.DeleteAsync($"/api/v1/filings/{id}/documents/{mistake}", filer.Token)).ShouldBe(HttpStatusCode.NoContent, "delete a new document");

        var v2 = await app.SubmitAsync(id, filer.Token);
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.NotEqual(v1.Str("receiptNumber"), v2.Str("receiptNumber"));
        var listed = v2.GetProperty("documents").EnumerateArray().Select(d => d.Str("id")).ToList();
        Assert.Contains(added, listed);
        Assert.Contains(v1Doc, listed);
        Assert.DoesNotContain(mistake, listed);
        Assert.Equal(3, listed.Count);

        var after = await app.FilingAsync(id, filer.Token);
        Assert.Equal("submitted", after.Str("status"));
        Assert.Equal(2, after.GetProperty("receiptVersion").GetInt32());
        Assert.Equal(await app.DeadlineAsync(ReviewKit.ShanghaiToday(), 7), after.Date("decisionDeadline"));
        Assert.Equal(v2.Str("receiptNumber"), (await (await app.GetAsync($"/api/v1/filings/{id}/receipt", filer.Token)).ShouldBe(HttpStatusCode.OK)).Str("receiptNumber"));
        var resubmit = (await app.HistoryAsync(id, filer.Token))[^1];
        Assert.Equal("resubmit", resubmit.Str("action"));
        Assert.Equal("correction-requested", resubmit.Str("fromStatus"));
        Assert.Equal("submitted", resubmit.Str("toStatus"));

        // Resubmitted, the new document is now on a receipt and can no longer go; a repeat submit keeps version 2.
        await (await app.DeleteAsync($"/api/v1/filings/{id}/documents/{added}", filer.Token)).ShouldBeProblem(409, "filing.invalid-transition");
        Assert.Equal(2, (await app.SubmitAsync(id, filer.Token)).GetProperty("version").GetInt32());
        var review = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal([1, 2], review.GetProperty("receipts").EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
    }

    // --- register ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Register_SubmittedWithoutClaim_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await (await app.ReviewCallAsync("register", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition");
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("submitted", f.Str("status"));
        Assert.Equal(JsonValueKind.Null, f.GetProperty("caseNumber").ValueKind);
    }

    [Fact]
    public async Task Register_ByAClerkWhoIsNotTheAssignee_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var other = await app.NewClerkAsync(Courts.Gulang);
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        await (await app.ReviewCallAsync("register", id, other.Token)).ShouldBeProblem(409, "filing.invalid-transition", "register");
        await (await app.ReviewCallAsync("reject", id, other.Token, new { reasons = "理由" })).ShouldBeProblem(409, "filing.invalid-transition", "reject");
        await (await app.ReviewCallAsync("request-correction", id, other.Token, new { items = new[] { new { message = "x" } } }))
            .ShouldBeProblem(409, "filing.invalid-transition", "request-correction");
        await (await app.ReviewCallAsync("divert-to-mediation", id, other.Token, new { mediationRoomId = "dajing", filerConsent = true }))
            .ShouldBeProblem(409, "filing.invalid-transition", "divert");
        Assert.Equal("under-review", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    public static TheoryData<string, string> BadRegistrations => new()
    {
        { """{"procedure":"summary"}""", "procedure" },
        { """{"procedure":"Simplified"}""", "procedure" },
        { """{"matter":"enforcement"}""", "matter" },
        { """{"matter":"no-such-matter"}""", "matter" },
        { """{"claimAmount":0}""", "claimAmount" },
        { """{"claimAmount":-100}""", "claimAmount" },
        { """{"claimAmount":1.234}""", "claimAmount" },
        { """{"claimAmount":2000000000000}""", "claimAmount" },
        { "{\"cause\":\"" + new string('纠', 101) + "\"}", "cause" },
    };

    [Theory]
    [MemberData(nameof(BadRegistrations))]
    public async Task Register_InvalidCorrections_BadRequestAndStillUnderReview(string body, string field)
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var r = await app.SendAsync(HttpMethod.Post, $"/api/v1/review/filings/{id}/register", clerk, DocketAppFactory.RawJson(body));
        await r.ShouldBeFieldError(field, body);
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("under-review", f.Str("status"));
        Assert.Equal("property", f.Str("matter"));
        Assert.Equal(130000m, f.GetProperty("claimAmount").GetDecimal());
    }

    [Fact]
    public async Task Register_WithCorrections_CauseMatterAmountAndProcedureApplied()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        var reg = await app.ReviewAsync("register", id, clerk, new { cause = "民间借贷纠纷", matter = "property", claimAmount = 100000m, procedure = "ordinary" });
        Assert.Equal(2300m, reg.GetProperty("fee").GetProperty("amount").GetDecimal());
        Assert.Equal("due", reg.GetProperty("fee").Str("status"));

        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("registered", f.Str("status"));
        Assert.Equal("民间借贷纠纷", f.Str("cause"));
        Assert.Equal(100000m, f.GetProperty("claimAmount").GetDecimal());
        Assert.Equal("ordinary", f.Str("procedure"));
        Assert.Equal(reg.Str("caseNumber"), f.Str("caseNumber"));
        Assert.Equal(2300m, f.GetProperty("fee").GetProperty("amount").GetDecimal());
        Assert.NotEmpty(f.GetProperty("fee").GetProperty("basis").EnumerateArray());

        // Cause and amount changed with the registration: the matter switch (labour → property) too.
        var other = await app.ClaimedFilingAsync(filer.Token, clerk, edit: b => { b["matter"] = "labour"; b["claimAmount"] = null; b["cause"] = "劳动争议"; });
        var reg2 = await app.ReviewAsync("register", other, clerk, new { matter = "property", claimAmount = 8000m, cause = "买卖合同纠纷" });
        Assert.Equal(50m, reg2.GetProperty("fee").GetProperty("amount").GetDecimal());
        var f2 = await app.FilingAsync(other, filer.Token);
        Assert.Equal("property", f2.Str("matter"));
        Assert.Equal("买卖合同纠纷", f2.Str("cause"));
    }

    [Fact]
    public async Task Register_CivilFirstInstance_CaseNumberOfTheShanghaiYearAndFeeDueInSevenDays()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        var reg = await app.ReviewAsync("register", id, clerk);
        var registeredAt = reg.GetProperty("registeredAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromHours(8), registeredAt.Offset);
        Assert.InRange(registeredAt, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        var year = ReviewKit.ShanghaiDate(registeredAt).Year;
        Assert.Matches($"^（{year}）甘0622民初[1-9][0-9]*号$", reg.Str("caseNumber"));
        Assert.DoesNotContain(" ", reg.Str("caseNumber"));

        var fee = reg.GetProperty("fee");
        Assert.Equal(2900m, fee.GetProperty("amount").GetDecimal());
        Assert.Equal("due", fee.Str("status"));
        Assert.Equal(await app.DeadlineAsync(ReviewKit.ShanghaiDate(registeredAt), 7), fee.Date("dueDate"));

        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("registered", f.Str("status"));
        Assert.Equal(reg.Str("caseNumber"), f.Str("caseNumber"));
        Assert.Equal("ordinary", f.Str("procedure"));
        var ev = (await app.HistoryAsync(id, filer.Token))[^1];
        Assert.Equal("register", ev.Str("action"));
        Assert.Equal(reg.Str("caseNumber"), ev.Str("note"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 4);

        // A registered filing is final: every review action is refused.
        await (await app.ReviewCallAsync("register", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition", "register again");
        await (await app.ReviewCallAsync("claim", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition", "claim");
        await (await app.ReviewCallAsync("release", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition", "release");
        await (await app.ReviewCallAsync("reject", id, clerk, new { reasons = "理由" })).ShouldBeProblem(409, "filing.invalid-transition", "reject");
        await (await app.ReviewCallAsync("request-correction", id, clerk, new { items = new[] { new { message = "x" } } })).ShouldBeProblem(409, "filing.invalid-transition", "correct");
        await (await app.ReviewCallAsync("divert-to-mediation", id, clerk, new { mediationRoomId = "dajing", filerConsent = true })).ShouldBeProblem(409, "filing.invalid-transition", "divert");
        await (await app.ReviewCallAsync("forward", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition", "forward");
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, filer.Token)).ShouldBeProblem(409, "filing.invalid-transition", "withdraw");
    }

    [Fact]
    public async Task Register_SimplifiedProcedure_PrepaidFeeIsHalfTheFullFee()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        var reg = await app.ReviewAsync("register", id, clerk, new { procedure = "simplified" });
        var fee = reg.GetProperty("fee");
        Assert.Equal(1450m, fee.GetProperty("amount").GetDecimal());
        Assert.Equal(2900m, fee.GetProperty("fullAmount").GetDecimal());
        Assert.Equal("due", fee.Str("status"));
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("simplified", f.Str("procedure"));
        Assert.Equal(1450m, f.GetProperty("fee").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Register_Enforcement_FeeAfterEnforcementAndNoFeeNotice()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk, caseType: "enforcement", amount: 130000m,
            edit: b => { b["cause"] = "申请执行"; b["claims"] = new[] { "强制执行（2025）甘0622民初100号民事判决书" }; });

        var reg = await app.ReviewAsync("register", id, clerk);
        var (_, court, type, _) = ReviewKit.ParseCaseNumber(reg.Str("caseNumber"));
        Assert.Equal(("甘0622", "执"), (court, type));
        var fee = reg.GetProperty("fee");
        Assert.Equal("after-enforcement", fee.Str("status"));
        Assert.Equal(0m, fee.GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, fee.GetProperty("dueDate").ValueKind);
        Assert.Equal("after-enforcement", (await app.FilingAsync(id, filer.Token)).GetProperty("fee").Str("status"));

        var notices = (await (await app.GetAsync($"/api/v1/filings/{id}/notices", filer.Token)).ShouldBe(HttpStatusCode.OK)).EnumerateArray().Select(n => n.Str("kind")).Order().ToList();
        Assert.Equal(["acceptance", "receipt"], notices);
    }

    [Fact]
    public async Task Register_LabourRemunerationClaim_FeeNotPrepaid()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk, amount: 36000m,
            edit: b => { b["matter"] = "labour"; b["cause"] = "追索劳动报酬纠纷"; b["laborRemuneration"] = true; });

        var reg = await app.ReviewAsync("register", id, clerk);
        Assert.Equal("not-prepaid", reg.GetProperty("fee").Str("status"));
        Assert.Equal(0m, reg.GetProperty("fee").GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, reg.GetProperty("fee").GetProperty("dueDate").ValueKind);
        var f = await app.FilingAsync(id, filer.Token);
        Assert.True(f.GetProperty("laborRemuneration").GetBoolean());
        Assert.Equal("not-prepaid", f.GetProperty("fee").Str("status"));
    }

    [Fact]
    public async Task Register_PaymentOrder_FiveDayDecisionPeriodMinDuCodeAndAThirdOfTheFee()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, receipt) = await app.SubmittedFilingAsync(filer.Token, caseType: "payment-order", amount: 130000m,
            edit: b => b["cause"] = "申请支付令");
        var submittedOn = ReviewKit.ShanghaiDate(receipt.GetProperty("submittedAt").GetDateTimeOffset());
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal(await app.DeadlineAsync(submittedOn, 5), f.Date("decisionDeadline"));

        await app.ReviewAsync("claim", id, clerk);
        var reg = await app.ReviewAsync("register", id, clerk);
        Assert.Equal("民督", ReviewKit.ParseCaseNumber(reg.Str("caseNumber")).Type);
        Assert.Equal(966.67m, reg.GetProperty("fee").GetProperty("amount").GetDecimal());
        Assert.Equal("due", reg.GetProperty("fee").Str("status"));
    }

    // --- reject -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("""{"reasons":""}""")]
    [InlineData("""{"reasons":"   "}""")]
    [InlineData("""{"reasons":null,"legalBasis":"民事诉讼法第一百二十六条"}""")]
    [InlineData("""{}""")]
    public async Task Reject_BlankReasons_BadRequest(string body)
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var r = await app.SendAsync(HttpMethod.Post, $"/api/v1/review/filings/{id}/reject", clerk, DocketAppFactory.RawJson(body));
        await r.ShouldBeFieldError("reasons", body);
        Assert.Equal("under-review", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    [Fact]
    public async Task Reject_UnderReview_RulingWithReasonsAndAppealToTheIntermediateCourtWithinTenDays()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        var rejected = await app.ReviewAsync("reject", id, clerk, new { reasons = "不属于人民法院受理民事诉讼的范围", judge = "王法官" });
        Assert.Equal("rejected", rejected.Str("status"));

        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("rejected", f.Str("status"));
        Assert.Equal("不属于人民法院受理民事诉讼的范围", f.Str("rejectionReasons"));
        var ruling = f.GetProperty("ruling");
        Assert.Equal("不属于人民法院受理民事诉讼的范围", ruling.Str("reasons"));
        Assert.Equal(Courts.Wuwei, ruling.Str("appealCourtId"));
        Assert.Equal(10, ruling.GetProperty("appealDays").GetInt32());
        Assert.Equal("王法官", ruling.Str("judge"));
        Assert.False(string.IsNullOrWhiteSpace(ruling.Str("legalBasis")), "a ruling states its legal basis");
        Assert.Equal(ReviewKit.ShanghaiToday(), ruling.Date("date"));
        Assert.Equal(JsonValueKind.Null, f.GetProperty("caseNumber").ValueKind);

        var ev = (await app.HistoryAsync(id, filer.Token))[^1];
        Assert.Equal("reject", ev.Str("action"));
        Assert.Equal("rejected", ev.Str("toStatus"));
        await app.AssertChainVerifiesAsync(id, filer.Token, 4);
        var note = Assert.Single(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == id && n.Str("kind") == "rejected");
        Assert.Contains("古浪县人民法院", note.Str("message"));

        await (await app.ReviewCallAsync("register", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition");
        await (await app.ReviewCallAsync("reject", id, clerk, new { reasons = "再次" })).ShouldBeProblem(409, "filing.invalid-transition");
    }

    [Fact]
    public async Task Reject_DefaultJudgeAndLegalBasis_FilledIn()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("reject", id, clerk, new { reasons = "起诉不符合法定条件" });
        var ruling = (await app.FilingAsync(id, filer.Token)).GetProperty("ruling");
        Assert.Contains("民事诉讼法", ruling.Str("legalBasis"));
        Assert.Contains("立案庭书记员", ruling.Str("judge"));
    }

    [Fact]
    public async Task Reject_Unclaimed_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await (await app.ReviewCallAsync("reject", id, clerk, new { reasons = "理由" })).ShouldBeProblem(409, "filing.invalid-transition");
        Assert.Equal("submitted", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    // --- divert-to-mediation ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("""{"mediationRoomId":"dajing","filerConsent":false}""", "filerConsent")]
    [InlineData("""{"mediationRoomId":"dajing"}""", "filerConsent")]
    [InlineData("""{"filerConsent":true}""", "mediationRoomId")]
    [InlineData("""{"mediationRoomId":"  ","filerConsent":true}""", "mediationRoomId")]
    public async Task DivertToMediation_NoConsentOrRoom_BadRequest(string body, string field)
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        var r = await app.SendAsync(HttpMethod.Post, $"/api/v1/review/filings/{id}/divert-to-mediation", clerk, DocketAppFactory.RawJson(body));
        await r.ShouldBeFieldError(field, body);
        Assert.Equal("under-review", (await app.FilingAsync(id, filer.Token)).Str("status"));
    }

    [Fact]
    public async Task DivertToMediation_WithConsent_DivertedWithTheRoom()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);

        var diverted = await app.ReviewAsync("divert-to-mediation", id, clerk, new { mediationRoomId = "dajing", filerConsent = true });
        Assert.Equal("diverted-to-mediation", diverted.Str("status"));
        Assert.Equal("dajing", diverted.Str("mediationRoomId"));
        var f = await app.FilingAsync(id, filer.Token);
        Assert.Equal("diverted-to-mediation", f.Str("status"));
        Assert.Equal("dajing", f.Str("mediationRoomId"));
        Assert.Equal("divert-to-mediation", (await app.HistoryAsync(id, filer.Token))[^1].Str("action"));
        Assert.Contains(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == id && n.Str("kind") == "diverted-to-mediation");
        await (await app.ReviewCallAsync("register", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition");
    }

    [Fact]
    public async Task DivertToMediation_Unclaimed_Conflict()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        await (await app.ReviewCallAsync("divert-to-mediation", id, clerk, new { mediationRoomId = "dajing", filerConsent = true }))
            .ShouldBeProblem(409, "filing.invalid-transition");
    }

    // --- withdrawal during review -----------------------------------------------------------------------------

    [Fact]
    public async Task Withdraw_UnderReview_WithdrawnAndClerkCanNoLongerDecide()
    {
        var filer = await app.SharedFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", new { reason = "已和解" }, filer.Token)).ShouldBe(HttpStatusCode.OK);

        await (await app.ReviewCallAsync("reject", id, clerk, new { reasons = "理由" })).ShouldBeProblem(409, "filing.invalid-transition");
        await (await app.ReviewCallAsync("release", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition");
        await (await app.ReviewCallAsync("claim", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition");
        Assert.Equal("withdrawn", (await app.ReviewFilingAsync(id, clerk)).Str("status"));
    }
}
