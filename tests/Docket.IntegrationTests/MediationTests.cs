using System.Net;
using System.Text.Json;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Mediation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// People's mediation through HTTP (mediation.md; api.md, "Mediation"): a walk-in case from opening to the agreement,
/// its PDF and judicial confirmation at the room's court; a court's diversion with its 民诉前调 number and the
/// filing's return or settlement; every refusal and who sees what.
/// </summary>
[Collection(SqliteReviewCollection.Name)]
public sealed class MediationTests(SqliteAppFactory app)
{
    const string Room = "dajing";
    const string MediatorEmail = "mediator.dajing@demo.docket";

    Task<string> MediatorAsync() => app.StaffAsync(MediatorEmail);

    static object Party(string role, string name, string? phone = null) => new
    {
        role,
        kind = "person",
        name,
        idType = "resident-id",
        idNumber = TestIds.ResidentId(),
        phone,
        address = "甘肃省武威市古浪县大靖镇",
    };

    static object WalkIn(string plaintiffPhone = "13700000001", string disputeType = "neighbourhood", decimal? amount = 5000m) => new
    {
        roomId = Room,
        source = "walk-in",
        disputeType,
        amount,
        summary = "宅基地排水沟纠纷",
        parties = new[] { Party("plaintiff", "王大山", plaintiffPhone), Party("defendant", "赵小河", "13700000002") },
    };

    static object Agreement(decimal amount = 3000m) => new
    {
        outcome = "agreement",
        agreement = new
        {
            facts = "双方因排水沟走向发生争执，赵小河修建的排水沟致王大山院墙受损，赵小河负主要责任。",
            terms = "赵小河赔偿王大山院墙修复费用，并将排水沟改道至村道一侧。",
            performance = "赔偿款于协议签订之日起十日内一次性现金支付；排水沟于三十日内改道完毕。",
            amount,
        },
    };

    async Task<JsonElement> OpenAsync(string mediator, object? body = null) =>
        await (await app.PostAsync("/api/v1/mediation/cases", body ?? WalkIn(), mediator)).ShouldBe(HttpStatusCode.Created, "open case");

    async Task<JsonElement> CloseAsync(string id, string mediator, object body) =>
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/close", body, mediator)).ShouldBe(HttpStatusCode.OK, "close");

    /// <summary>A Gulang filing claimed and diverted to the room: the filing's id and the case's id.</summary>
    async Task<(string FilingId, string CaseId, DocketAppFactory.Filer Filer)> DivertedAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("divert-to-mediation", id, clerk, new { mediationRoomId = Room, filerConsent = true });
        var caseId = await app.ReadDbAsync(db => db.MediationCases.Where(c => c.FilingId == id).Select(c => c.Id).SingleAsync());
        return (id, caseId, filer);
    }

    /// <summary>A mediator of a room of their own (created as the admin would: a room row and an Identity account).</summary>
    async Task<(string RoomId, string Token)> OtherRoomMediatorAsync()
    {
        var roomId = "it-" + Guid.NewGuid().ToString("N")[..10];
        var email = $"med{Guid.NewGuid():N}"[..15] + "@it.test";
        const string password = "It-mediator-2026";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Docket.Web.Infrastructure.Data.DocketDbContext>();
            db.MediationRooms.Add(new MediationRoom { Id = roomId, Name = "测试镇人民调解工作室", Township = "测试镇", CourtId = Courts.Tianzhu });
            await db.SaveChangesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = email, Email = email, EmailConfirmed = true, FullName = "测试调解员", RoomId = roomId, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Mediator)).Succeeded);
        }
        return (roomId, await app.LoginAsync(email, password));
    }

    // --- rooms and accounts ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Rooms_Anonymous_DajingWithItsCourtAndMediator()
    {
        var rooms = await (await app.GetAsync("/api/v1/mediation/rooms")).ShouldBe(HttpStatusCode.OK, "rooms");
        var dajing = rooms.EnumerateArray().Single(r => r.Str("id") == Room);
        Assert.Equal(("大靖镇人民调解工作室", "大靖镇", Courts.Gulang), (dajing.Str("name"), dajing.Str("township"), dajing.Str("courtId")));
        Assert.Contains("马调解", dajing.GetProperty("mediators").EnumerateArray().Select(m => m.GetString()));

        var me = await (await app.GetAsync("/api/v1/me", await MediatorAsync())).ShouldBe(HttpStatusCode.OK, "me");
        Assert.Equal(Room, me.Str("roomId"));
        Assert.Contains("mediator", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    // --- a walk-in case ------------------------------------------------------------------------------------------

    [Fact]
    public async Task WalkIn_SessionAgreementFeedback_EachStepAndItsRefusals()
    {
        var mediator = await MediatorAsync();
        var opened = await OpenAsync(mediator);
        var id = opened.Str("id");
        Assert.Equal(("open", "walk-in", Room), (opened.Str("status"), opened.Str("source"), opened.Str("roomId")));
        Assert.Equal(5000m, opened.GetProperty("amount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, opened.GetProperty("daysLeft").ValueKind);

        var withSession = await (await app.PostAsync($"/api/v1/mediation/cases/{id}/sessions",
            new { at = DateTimeOffset.UtcNow.AddHours(-2), notes = "双方到场，初步沟通。" }, mediator)).ShouldBe(HttpStatusCode.Created, "session");
        Assert.Equal("马调解", withSession.GetProperty("sessions")[0].Str("mediator"));
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/sessions", new { notes = "无时间" }, mediator)).ShouldBeProblem(400, "validation.failed");

        // Feedback only once closed.
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/feedback", new { rating = 5 }, mediator)).ShouldBeProblem(409, "mediation.case-open");
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/close", new { outcome = "settled" }, mediator)).ShouldBeProblem(400, "validation.failed");

        var closed = await CloseAsync(id, mediator, Agreement());
        Assert.Equal("agreement", closed.Str("status"));
        Assert.Equal(ReviewKit.ShanghaiToday(), closed.Date("agreementDate"));
        Assert.Equal(3000m, closed.GetProperty("agreement").GetProperty("amount").GetDecimal());
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/close", new { outcome = "failed" }, mediator)).ShouldBeProblem(409, "mediation.case-closed");
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/sessions", new { at = DateTimeOffset.UtcNow, notes = "回访" }, mediator))
            .ShouldBeProblem(409, "mediation.case-closed");

        foreach (var rating in new[] { 0, 6 })
        {
            var bad = await (await app.PostAsync($"/api/v1/mediation/cases/{id}/feedback", new { rating }, mediator)).ShouldBeProblem(400, "validation.failed");
            Assert.True(bad.GetProperty("errors").TryGetProperty("rating", out _), bad.GetRawText());
        }
        var rated = await (await app.PostAsync($"/api/v1/mediation/cases/{id}/feedback", new { rating = 5, comment = "满意", banner = true }, mediator))
            .ShouldBe(HttpStatusCode.OK, "feedback");
        Assert.Equal(5, rated.GetProperty("feedback").GetProperty("rating").GetInt32());
        Assert.True(rated.GetProperty("feedback").GetProperty("banner").GetBoolean());

        var read = await (await app.GetAsync($"/api/v1/mediation/cases/{id}", mediator)).ShouldBe(HttpStatusCode.OK, "GET case");
        Assert.Single(read.GetProperty("sessions").EnumerateArray());
    }

    [Theory]
    [InlineData("facts")]
    [InlineData("terms")]
    [InlineData("performance")]
    [InlineData("amount")]
    public async Task Close_AgreementMissingAField_400NamingIt(string missing)
    {
        var mediator = await MediatorAsync();
        var id = (await OpenAsync(mediator)).Str("id");
        var agreement = new Dictionary<string, object?> { ["facts"] = "事实", ["terms"] = "协议内容", ["performance"] = "十日内履行", ["amount"] = 100m };
        agreement.Remove(missing);
        var problem = await (await app.PostAsync($"/api/v1/mediation/cases/{id}/close", new { outcome = "agreement", agreement }, mediator))
            .ShouldBeProblem(400, "validation.failed");
        var errors = problem.GetProperty("errors");
        Assert.Equal(new[] { "agreement." + missing }, errors.EnumerateObject().Select(p => p.Name));
        // Nothing closed.
        Assert.Equal("open", (await (await app.GetAsync($"/api/v1/mediation/cases/{id}", mediator)).ShouldBe(HttpStatusCode.OK)).Str("status"));
    }

    [Fact]
    public async Task Close_AgreementWithoutAnyContent_EveryFieldNamed()
    {
        var mediator = await MediatorAsync();
        var id = (await OpenAsync(mediator)).Str("id");
        var problem = await (await app.PostAsync($"/api/v1/mediation/cases/{id}/close", new { outcome = "agreement" }, mediator)).ShouldBeProblem(400);
        Assert.Equal(new[] { "agreement.amount", "agreement.facts", "agreement.performance", "agreement.terms" },
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AgreementPdf_PartiesTermsMediatorAndRoom()
    {
        var mediator = await MediatorAsync();
        var id = (await OpenAsync(mediator)).Str("id");
        await (await app.GetAsync($"/api/v1/mediation/cases/{id}/agreement", mediator)).ShouldBeProblem(409, "mediation.no-agreement");
        await CloseAsync(id, mediator, Agreement());
        var r = await app.GetAsync($"/api/v1/mediation/cases/{id}/agreement", mediator);
        await r.ShouldBe(HttpStatusCode.OK, "agreement PDF");
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        var text = ReviewKit.PdfText(await r.Content.ReadAsByteArrayAsync());
        foreach (var expected in new[] { "人民调解协议书", "大靖镇人民调解工作室", "王大山", "赵小河", "赵小河赔偿王大山院墙修复费用", "三十日内改道完毕", "3000.00元", "人民调解员（签名）：马调解" })
            Assert.Contains(expected, text);
    }

    [Fact]
    public async Task OpenCase_BadInput_EachFieldNamed()
    {
        var mediator = await MediatorAsync();
        var problem = await (await app.PostAsync("/api/v1/mediation/cases", new
        {
            roomId = "other-room",
            source = "court-diversion",
            disputeType = "gossip",
            amount = 1.234m,
            summary = " ",
            parties = new[] { Party("plaintiff", "王大山") },
            filingId = "x",
        }, mediator)).ShouldBeProblem(400, "validation.failed");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var f in new[] { "roomId", "source", "disputeType", "amount", "summary", "parties", "filingId" }) Assert.Contains(f, fields);
    }

    // --- judicial confirmation -----------------------------------------------------------------------------------

    [Fact]
    public async Task JudicialConfirmation_Agreement_SubmittedAtGulangRegisteredAsMinTe()
    {
        var mediator = await MediatorAsync();
        // The applicant has an account with this phone verified: the filing is theirs.
        var filer = await app.NewFilerAsync();
        var phone = "137" + Random.Shared.Next(0, 100_000_000).ToString("D8");
        await app.ReadDbAsync(db => db.Users.Where(u => u.Email == filer.Email).ExecuteUpdateAsync(s => s.SetProperty(u => u.ProfilePhone, phone)));
        var id = (await OpenAsync(mediator, WalkIn(phone))).Str("id");
        await CloseAsync(id, mediator, Agreement());

        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/judicial-confirmation", new { partiesConsent = false }, mediator))
            .ShouldBeProblem(400, "validation.failed");
        var filing = await (await app.PostAsync($"/api/v1/mediation/cases/{id}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBe(HttpStatusCode.Created, "judicial confirmation");
        var filingId = filing.Str("id");
        Assert.Equal(("judicial-confirmation", "submitted", Courts.Gulang), (filing.Str("caseType"), filing.Str("status"), filing.Str("courtId")));
        Assert.Equal(0m, filing.GetProperty("feeEstimate").GetDecimal());
        Assert.Equal(1, filing.GetProperty("receiptVersion").GetInt32());
        Assert.Equal(await app.DeadlineAsync(ReviewKit.ShanghaiToday(), 3), filing.Date("decisionDeadline"));
        var doc = Assert.Single(filing.GetProperty("documents").EnumerateArray());
        Assert.Equal("mediation-agreement", doc.Str("kind"));
        Assert.Equal(filingId, (await app.FilingAsync(filingId, filer.Token)).Str("id"));
        var pdf = await (await app.GetAsync($"/api/v1/filings/{filingId}/documents/{doc.Str("id")}/content", filer.Token)).Content.ReadAsByteArrayAsync();
        Assert.Contains("赵小河赔偿王大山院墙修复费用", ReviewKit.PdfText(pdf));
        Assert.Equal(filingId, (await (await app.GetAsync($"/api/v1/mediation/cases/{id}", mediator)).ShouldBe(HttpStatusCode.OK)).Str("judicialConfirmationFilingId"));
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBeProblem(409, "mediation.confirmation-already-applied");

        // The normal review at Gulang: in the queue, claimed, registered as 民特, no fee.
        var clerk = await app.ClerkAsync();
        Assert.Contains(await app.QueueAsync(clerk, "caseType=judicial-confirmation&pageSize=100"), q => q.Str("filingId") == filingId);
        await app.ReviewAsync("claim", filingId, clerk);
        var registered = await app.ReviewAsync("register", filingId, clerk);
        var number = ReviewKit.ParseCaseNumber(registered.Str("caseNumber"));
        Assert.Equal((ReviewKit.ShanghaiToday().Year, "甘0622", "民特"), (number.Year, number.Court, number.Type));
        Assert.Equal(0m, registered.GetProperty("fee").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task JudicialConfirmation_NoAccountWithThePhone_CounterStyleAccountOwnsIt()
    {
        var mediator = await MediatorAsync();
        var id = (await OpenAsync(mediator, WalkIn("136" + Random.Shared.Next(0, 100_000_000).ToString("D8")))).Str("id");
        await CloseAsync(id, mediator, Agreement());
        var filingId = (await (await app.PostAsync($"/api/v1/mediation/cases/{id}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBe(HttpStatusCode.Created)).Str("id");
        var owner = await app.ReadDbAsync(db => (from f in db.Filings join u in db.Users on f.OwnerId equals u.Id where f.Id == filingId select u).SingleAsync());
        Assert.True(owner.CounterLitigant);
        Assert.Equal("王大山", owner.FullName);
    }

    [Fact]
    public async Task JudicialConfirmation_FailedCase_Conflict()
    {
        var mediator = await MediatorAsync();
        var id = (await OpenAsync(mediator)).Str("id");
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBeProblem(409, "mediation.not-an-agreement");
        await CloseAsync(id, mediator, new { outcome = "failed" });
        await (await app.PostAsync($"/api/v1/mediation/cases/{id}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBeProblem(409, "mediation.not-an-agreement");
    }

    [Fact]
    public async Task JudicialConfirmation_After30Days_Conflict_On30thDayAccepted()
    {
        var mediator = await MediatorAsync();
        var late = (await OpenAsync(mediator)).Str("id");
        var last = (await OpenAsync(mediator)).Str("id");
        await CloseAsync(late, mediator, Agreement());
        await CloseAsync(last, mediator, Agreement());
        var today = ReviewKit.ShanghaiToday();
        await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == late).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreementDate, today.AddDays(-31))));
        await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == last).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgreementDate, today.AddDays(-30))));
        await (await app.PostAsync($"/api/v1/mediation/cases/{late}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBeProblem(409, "mediation.confirmation-period-passed");
        await (await app.PostAsync($"/api/v1/mediation/cases/{last}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBe(HttpStatusCode.Created, "on the 30th day");
    }

    // --- diversion from a filing ---------------------------------------------------------------------------------

    [Fact]
    public async Task Diversion_TwoFilings_CasesWithGapFreePreLitigationNumbers()
    {
        var clerk = await app.ClerkAsync();
        var mediator = await MediatorAsync();
        var (first, firstCase, filer) = await DivertedAsync();

        // An unknown room is refused and consumes no number.
        var refused = await app.ClaimedFilingAsync(filer.Token, clerk);
        await (await app.ReviewCallAsync("divert-to-mediation", refused, clerk, new { mediationRoomId = "no-such-room", filerConsent = true }))
            .ShouldBeProblem(400, "review.mediation-room-unknown");
        Assert.Equal("under-review", (await app.FilingAsync(refused, filer.Token)).Str("status"));

        var (second, secondCase, _) = await DivertedAsync();
        var a = await app.FilingAsync(first, filer.Token);
        var n1 = ReviewKit.ParseCaseNumber(a.Str("preLitigationNumber"));
        Assert.Equal((ReviewKit.ShanghaiToday().Year, "甘0622", "民诉前调"), (n1.Year, n1.Court, n1.Type));
        var c2 = await (await app.GetAsync($"/api/v1/mediation/cases/{secondCase}", mediator)).ShouldBe(HttpStatusCode.OK);
        var n2 = ReviewKit.ParseCaseNumber(c2.Str("preLitigationNumber"));
        // Gap-free unless another test diverted in between (the collection runs its classes one at a time).
        Assert.Equal(n1.Sequence + 1, n2.Sequence);
        Assert.Equal(second, c2.Str("filingId"));

        var c1 = await (await app.GetAsync($"/api/v1/mediation/cases/{firstCase}", mediator)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("court-diversion", "open", first, a.Str("preLitigationNumber")), (c1.Str("source"), c1.Str("status"), c1.Str("filingId"), c1.Str("preLitigationNumber")));
        Assert.Equal(30, c1.GetProperty("daysLeft").GetInt32());
        Assert.Equal("sale-contract", c1.Str("disputeType"));
        Assert.Contains("买卖合同纠纷", c1.Str("summary"));
        Assert.Contains("判令被告支付货款", c1.Str("summary"));
        Assert.Equal(new[] { "张三", "李四" }, c1.GetProperty("parties").EnumerateArray().Select(p => p.Str("name")));
        Assert.Equal(130000m, c1.GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Diversion_Failed_FilingBackInTheQueueWithItsSubmission()
    {
        var (filingId, caseId, filer) = await DivertedAsync();
        var before = await app.FilingAsync(filingId, filer.Token);
        var closed = await CloseAsync(caseId, await MediatorAsync(), new { outcome = "failed" });
        Assert.Equal("failed", closed.Str("status"));

        var after = await app.FilingAsync(filingId, filer.Token);
        Assert.Equal("submitted", after.Str("status"));
        Assert.Equal(before.GetProperty("submittedAt").GetDateTimeOffset(), after.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.Equal(before.Str("preLitigationNumber"), after.Str("preLitigationNumber"));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("assignee").ValueKind);
        Assert.Contains(await app.QueueAsync(await app.ClerkAsync(), "status=submitted&pageSize=100"), q => q.Str("filingId") == filingId);
        var actions = (await app.HistoryAsync(filingId, filer.Token)).Select(e => e.Str("action")).ToList();
        Assert.Equal(new[] { "divert-to-mediation", "mediation-failed" }, actions.TakeLast(2));
        await app.AssertChainVerifiesAsync(filingId, filer.Token);
        Assert.Contains(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == filingId && n.Str("kind") == "mediation-failed");

        // Back in review: the clerk may claim and register it without a new submission.
        var clerk = await app.ClerkAsync();
        await app.ReviewAsync("claim", filingId, clerk);
        await app.ReviewAsync("register", filingId, clerk);
    }

    /// <summary>30 days without agreement: from the 31st day after the diversion the job fails the case and returns the filing.</summary>
    [Fact]
    public async Task Diversion_30DaysWithoutAgreement_JobReturnsTheFilingOnDay31NotOnDay30()
    {
        var (expiring, expiringCase, filer) = await DivertedAsync();
        var (lastDay, lastDayCase, lastDayFiler) = await DivertedAsync();
        var before = await app.FilingAsync(expiring, filer.Token);
        var today = ReviewKit.ShanghaiToday();
        // Diverted at noon 31 and 30 days ago (Asia/Shanghai).
        var day31 = ReviewKit.ShanghaiInstant(today.AddDays(-31), new TimeOnly(12, 0)).UtcDateTime;
        var day30 = ReviewKit.ShanghaiInstant(today.AddDays(-30), new TimeOnly(12, 0)).UtcDateTime;
        await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == expiringCase).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, day31)));
        await app.ReadDbAsync(db => db.MediationCases.Where(c => c.Id == lastDayCase).ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, day30)));
        var mediator = await MediatorAsync();
        Assert.Equal(0, (await (await app.GetAsync($"/api/v1/mediation/cases/{lastDayCase}", mediator)).ShouldBe(HttpStatusCode.OK)).GetProperty("daysLeft").GetInt32());

        await app.Services.GetRequiredService<DiversionExpiryJob>().RunOnceAsync(default);

        var expired = await (await app.GetAsync($"/api/v1/mediation/cases/{expiringCase}", mediator)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("failed", expired.Str("status"));
        var after = await app.FilingAsync(expiring, filer.Token);
        Assert.Equal("submitted", after.Str("status"));
        Assert.Equal(before.GetProperty("submittedAt").GetDateTimeOffset(), after.GetProperty("submittedAt").GetDateTimeOffset());
        var history = await app.HistoryAsync(expiring, filer.Token);
        Assert.Equal(new[] { "divert-to-mediation", "mediation-failed" }, history.Select(e => e.Str("action")).TakeLast(2));
        Assert.Equal(DiversionExpiryJob.ReturnNote, history.Last().Str("note"));
        Assert.Contains(await app.QueueAsync(await app.ClerkAsync(), "status=submitted&pageSize=100"), q => q.Str("filingId") == expiring);
        Assert.Equal("open", (await (await app.GetAsync($"/api/v1/mediation/cases/{lastDayCase}", mediator)).ShouldBe(HttpStatusCode.OK)).Str("status"));
        Assert.Equal("diverted-to-mediation", (await app.FilingAsync(lastDay, lastDayFiler.Token)).Str("status"));

        // A second round finds nothing more; the mediator can no longer close the expired case.
        Assert.Equal(0, await app.Services.GetRequiredService<DiversionExpiryJob>().RunOnceAsync(default));
        await (await app.PostAsync($"/api/v1/mediation/cases/{expiringCase}/close", new { outcome = "failed" }, mediator)).ShouldBeProblem(409, "mediation.case-closed");
    }

    [Fact]
    public async Task Diversion_Withdrawn_CountsAsFailedForTheFiling()
    {
        var (filingId, caseId, filer) = await DivertedAsync();
        await CloseAsync(caseId, await MediatorAsync(), new { outcome = "withdrawn" });
        Assert.Equal("submitted", (await app.FilingAsync(filingId, filer.Token)).Str("status"));
        Assert.Equal("mediation-failed", (await app.HistoryAsync(filingId, filer.Token))[^1].Str("action"));
    }

    [Fact]
    public async Task Diversion_Agreement_FilingSettledByMediation()
    {
        var (filingId, caseId, filer) = await DivertedAsync();
        await CloseAsync(caseId, await MediatorAsync(), Agreement(130000m));
        var f = await app.FilingAsync(filingId, filer.Token);
        Assert.Equal("settled-by-mediation", f.Str("status"));
        var history = await app.HistoryAsync(filingId, filer.Token);
        Assert.Equal(("mediation-settled", "diverted-to-mediation", "settled-by-mediation"),
            (history[^1].Str("action"), history[^1].Str("fromStatus"), history[^1].Str("toStatus")));
        await app.AssertChainVerifiesAsync(filingId, filer.Token);
        Assert.Contains(await app.NotificationsAsync(filer.Token), n => n.Str("filingId") == filingId && n.Str("kind") == "mediation-settled");
        // No longer waiting for the court.
        Assert.DoesNotContain(await app.QueueAsync(await app.ClerkAsync()), q => q.Str("filingId") == filingId);
    }

    // --- who sees what -------------------------------------------------------------------------------------------

    [Fact]
    public async Task Scoping_RoomCourtAndAdminSee_OthersNotFoundOrForbidden()
    {
        var (filingId, caseId, filer) = await DivertedAsync();
        var mediator = await MediatorAsync();
        var walkIn = (await OpenAsync(mediator)).Str("id");
        var (_, other) = await OtherRoomMediatorAsync();
        var gulang = await app.ClerkAsync();
        var tianzhu = await app.ClerkAsync(Courts.Tianzhu);
        var admin = await app.StaffAsync("admin@demo.docket");

        // The diverting court's clerk and the admin see the diverted case; the court sees no walk-in case of the room.
        await (await app.GetAsync($"/api/v1/mediation/cases/{caseId}", gulang)).ShouldBe(HttpStatusCode.OK, "gulang clerk");
        await (await app.GetAsync($"/api/v1/mediation/cases/{caseId}", admin)).ShouldBe(HttpStatusCode.OK, "admin");
        await (await app.GetAsync($"/api/v1/mediation/cases/{walkIn}", admin)).ShouldBe(HttpStatusCode.OK, "admin walk-in");
        await (await app.GetAsync($"/api/v1/mediation/cases/{walkIn}", gulang)).ShouldBeProblem(404, "not-found");
        var listed = await (await app.GetAsync("/api/v1/mediation/cases?pageSize=100", gulang)).ShouldBe(HttpStatusCode.OK);
        Assert.All(listed.GetProperty("items").EnumerateArray(), c => Assert.Equal("court-diversion", c.Str("source")));

        // Another court's clerk and another room's mediator: not found, for reads and for moves.
        foreach (var token in new[] { tianzhu, other })
        {
            await (await app.GetAsync($"/api/v1/mediation/cases/{caseId}", token)).ShouldBeProblem(404, "not-found");
            await (await app.GetAsync($"/api/v1/mediation/cases/{caseId}/agreement", token)).ShouldBeProblem(404, "not-found");
            var list = await (await app.GetAsync("/api/v1/mediation/cases?pageSize=100", token)).ShouldBe(HttpStatusCode.OK);
            Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.Str("id") == caseId || c.Str("id") == walkIn);
        }
        await (await app.PostAsync($"/api/v1/mediation/cases/{caseId}/close", new { outcome = "failed" }, other)).ShouldBeProblem(404, "not-found");
        await (await app.PostAsync($"/api/v1/mediation/cases/{walkIn}/sessions", new { at = DateTimeOffset.UtcNow, notes = "x" }, other)).ShouldBeProblem(404, "not-found");

        // A filer may never call them; court staff may read but never act as the mediator.
        await (await app.GetAsync($"/api/v1/mediation/cases/{caseId}", filer.Token)).ShouldBeProblem(403);
        await (await app.GetAsync("/api/v1/mediation/cases", filer.Token)).ShouldBeProblem(403);
        await (await app.PostAsync("/api/v1/mediation/cases", WalkIn(), filer.Token)).ShouldBeProblem(403);
        await (await app.PostAsync($"/api/v1/mediation/cases/{caseId}/close", new { outcome = "failed" }, gulang)).ShouldBeProblem(403);
        await (await app.PostAsync("/api/v1/mediation/cases", WalkIn(), admin)).ShouldBeProblem(403);
        await (await app.GetAsync("/api/v1/mediation/cases")).ShouldBeProblem(401);
        Assert.Equal("diverted-to-mediation", (await app.FilingAsync(filingId, filer.Token)).Str("status"));
    }

    [Fact]
    public async Task Stats_OwnRoom_CountsRateAmountTypesAndRating()
    {
        var (roomId, mediator) = await OtherRoomMediatorAsync();
        object Body(string type, decimal amount) => new
        {
            roomId,
            source = "walk-in",
            disputeType = type,
            amount,
            summary = "纠纷",
            parties = new[] { Party("plaintiff", "甲"), Party("defendant", "乙") },
        };
        var a = (await OpenAsync(mediator, Body("loan", 8000m))).Str("id");
        var b = (await OpenAsync(mediator, Body("loan", 2000m))).Str("id");
        await OpenAsync(mediator, Body("land", 0m));
        await CloseAsync(a, mediator, Agreement(1234.5m));
        await CloseAsync(b, mediator, new { outcome = "failed" });
        await (await app.PostAsync($"/api/v1/mediation/cases/{a}/feedback", new { rating = 5 }, mediator)).ShouldBe(HttpStatusCode.OK);
        await (await app.PostAsync($"/api/v1/mediation/cases/{b}/feedback", new { rating = 2 }, mediator)).ShouldBe(HttpStatusCode.OK);

        var today = ReviewKit.ShanghaiToday();
        var s = await (await app.GetAsync($"/api/v1/mediation/stats?roomId={roomId}&from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}", mediator))
            .ShouldBe(HttpStatusCode.OK, "stats");
        Assert.Equal((3, 2, 1), (s.GetProperty("cases").GetInt32(), s.GetProperty("closed").GetInt32(), s.GetProperty("agreements").GetInt32()));
        Assert.Equal(0.5m, s.GetProperty("successRate").GetDecimal());
        Assert.Equal(1234.5m, s.GetProperty("amountResolved").GetDecimal());
        Assert.Equal(2, s.GetProperty("byDisputeType").GetProperty("loan").GetInt32());
        Assert.Equal(1, s.GetProperty("byDisputeType").GetProperty("land").GetInt32());
        Assert.Equal(3.5m, s.GetProperty("averageRating").GetDecimal());
        var room = Assert.Single(s.GetProperty("byRoom").EnumerateArray());
        Assert.Equal((roomId, 3, 2, 1, 0.5m), (room.Str("roomId"), room.GetProperty("cases").GetInt32(), room.GetProperty("closed").GetInt32(),
            room.GetProperty("agreements").GetInt32(), room.GetProperty("successRate").GetDecimal()));
        Assert.DoesNotContain("甲", s.GetRawText());

        // A period before the cases: nothing; a bad date: 400.
        var empty = await (await app.GetAsync($"/api/v1/mediation/stats?roomId={roomId}&to={today.AddDays(-1):yyyy-MM-dd}", mediator)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, empty.GetProperty("cases").GetInt32());
        await (await app.GetAsync("/api/v1/mediation/stats?from=2026-13-01", mediator)).ShouldBeProblem(400, "validation.failed");

        // The room is under Tianzhu: that court's staff and admins see its figures; Gulang's and the Dajing mediator do not.
        var tianzhu = await (await app.GetAsync($"/api/v1/mediation/stats?roomId={roomId}", await app.ClerkAsync(Courts.Tianzhu))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(3, tianzhu.GetProperty("cases").GetInt32());
        var all = await (await app.GetAsync("/api/v1/mediation/stats", await app.StaffAsync("admin@demo.docket"))).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(all.GetProperty("byRoom").EnumerateArray(), r => r.Str("roomId") == roomId);
        await (await app.GetAsync($"/api/v1/mediation/stats?roomId={roomId}", await app.ClerkAsync())).ShouldBeProblem(404, "not-found");
        await (await app.GetAsync($"/api/v1/mediation/stats?roomId={roomId}", await MediatorAsync())).ShouldBeProblem(404, "not-found");
        var gulang = await (await app.GetAsync("/api/v1/mediation/stats", await app.ClerkAsync())).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(gulang.GetProperty("byRoom").EnumerateArray(), r => r.Str("roomId") == roomId);
    }
}
