using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Docket.IntegrationTests;

/// <summary>
/// Fees after registration through HTTP (fees.md; filing.md "Registration"; api.md): the voucher (image or PDF,
/// else 415) and the clerk's confirmation or rejection, online payment through the demo gateway, judicial aid
/// (缓、减、免交) applied for at filing or after registration and decided by the clerk, the fee-overdue queue and
/// 按撤诉处理 by a fake clock, notifications, and who may do what (others' filings 404, filers on review 403).
/// </summary>
public sealed class FeeTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    const decimal Fee130000 = 2900m;

    /// <summary>A fresh token: the fake clock moves, and tokens expire by it.</summary>
    Task<string> ClerkAsync(string courtId = Courts.Gulang) => app.LoginAsync(ReviewKit.ClerkEmail(courtId));

    async Task<(DocketAppFactory.Filer Filer, string Token)> FilerAsync()
    {
        var filer = await app.NewFilerAsync();
        return (filer, filer.Token);
    }

    /// <summary>A filing registered by the court's clerk (130,000 yuan claim: fee 2,900 due in 7 days).</summary>
    async Task<(string Id, DateOnly Due, string Clerk)> RegisteredAsync(string filerToken, string courtId = Courts.Gulang, object? register = null,
        Action<Dictionary<string, object?>>? edit = null)
    {
        var clerk = await ClerkAsync(courtId);
        var id = await app.ClaimedFilingAsync(filerToken, clerk, courtId, edit: edit);
        var reg = await app.ReviewAsync("register", id, clerk, register);
        return (id, reg.GetProperty("fee").Date("dueDate"), clerk);
    }

    Task<HttpResponseMessage> VoucherAsync(string id, string token, byte[] bytes, string fileName = "回单.jpg", string mediaType = "image/jpeg") =>
        app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/fee/voucher", token, TestFiles.Multipart(null, fileName, bytes, mediaType));

    Task<HttpResponseMessage> AidAsync(string id, string token, string kind, string? reasons = "家庭经济困难，有低保证明") =>
        app.PostAsync($"/api/v1/filings/{id}/judicial-aid", new { kind, reasons }, token);

    static JsonElement Fee(JsonElement filing) => filing.GetProperty("fee");

    static string FeeStatus(JsonElement filing) => Fee(filing).Str("status");

    // --- the fee as the filer sees it -------------------------------------------------------------------------

    [Fact]
    public async Task GetFiling_Registered_FeeWithAmountBasisDueDateAndTheCourtsPayee()
    {
        await app.WithDbAsync(async db =>
        {
            var court = await db.Courts.FirstAsync(c => c.Id == Courts.Gulang);
            court.PayeeName = "古浪县人民法院";
            court.PayeeBank = "中国农业银行古浪县支行";
            court.PayeeAccount = "2703 0101 0920 0012 345";
        });
        var (_, token) = await FilerAsync();
        var (id, due, _) = await RegisteredAsync(token);
        Assert.Equal(await app.DeadlineAsync(app.Today, 7), due);

        var fee = Fee(await app.FilingAsync(id, token));
        Assert.Equal(Fee130000, fee.GetProperty("amount").GetDecimal());
        Assert.Equal(Fee130000, fee.GetProperty("fullAmount").GetDecimal());
        Assert.Equal(due, fee.Date("dueDate"));
        Assert.Equal("due", fee.Str("status"));
        var basis = fee.GetProperty("basis").EnumerateArray().ToList();
        Assert.Equal(Fee130000, basis.Sum(s => s.GetProperty("fee").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, basis[0].GetProperty("rate").ValueKind); // the flat first band
        Assert.Equal(0.025m, basis[1].GetProperty("rate").GetDecimal());
        var payee = fee.GetProperty("payee");
        Assert.Equal(("古浪县人民法院", "中国农业银行古浪县支行", "2703 0101 0920 0012 345"), (payee.Str("name"), payee.Str("bank"), payee.Str("account")));
        Assert.True(fee.GetProperty("voucher").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined);
        Assert.True(fee.GetProperty("judicialAid").ValueKind is JsonValueKind.Null or JsonValueKind.Undefined);
    }

    [Fact]
    public async Task GetFiling_SimplifiedProcedure_AmountIsHalfAndFullAmountTheWholeFee()
    {
        var (_, token) = await FilerAsync();
        var (id, _, _) = await RegisteredAsync(token, register: new { procedure = "simplified" });
        var fee = Fee(await app.FilingAsync(id, token));
        Assert.Equal((1450m, Fee130000), (fee.GetProperty("amount").GetDecimal(), fee.GetProperty("fullAmount").GetDecimal()));
    }

    // --- voucher ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Voucher_PhotoAfterRegistration_CreatedPendingConfirmationAndTheClerkSeesIt()
    {
        var (_, token) = await FilerAsync();
        var (id, _, clerk) = await RegisteredAsync(token);

        var jpeg = TestFiles.Jpeg();
        var doc = await (await VoucherAsync(id, token, jpeg)).ShouldBe(HttpStatusCode.Created, "voucher");
        Assert.Equal(("fee-voucher", "image/jpeg", (long)jpeg.Length), (doc.Str("kind"), doc.Str("mediaType"), doc.GetProperty("bytes").GetInt64()));

        var filing = await app.FilingAsync(id, token);
        Assert.Equal("paid-pending-confirmation", FeeStatus(filing));
        Assert.Equal(doc.Str("id"), Fee(filing).GetProperty("voucher").Str("documentId"));
        Assert.Equal("registered", filing.Str("status"));
        Assert.Equal("fee-voucher", (await app.HistoryAsync(id, token))[^1].Str("action"));
        await app.AssertChainVerifiesAsync(id, token);

        var content = await app.GetAsync($"/api/v1/review/filings/{id}/documents/{doc.Str("id")}/content", clerk);
        await content.ShouldBe(HttpStatusCode.OK, "clerk downloads the voucher");
        Assert.Equal(jpeg, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal("paid-pending-confirmation", FeeStatus(await app.ReviewFilingAsync(id, clerk)));
    }

    [Fact]
    public async Task Voucher_ExecutableOrText_UnsupportedMediaTypeAndFeeStillDue()
    {
        var (_, token) = await FilerAsync();
        var (id, _, _) = await RegisteredAsync(token);
        await (await VoucherAsync(id, token, TestFiles.Executable(), "回单.jpg", "image/jpeg")).ShouldBeProblem(415, "document.type-not-accepted", "EXE named .jpg");
        await (await VoucherAsync(id, token, TestFiles.Text(), "回单.pdf", "application/pdf")).ShouldBeProblem(415, "document.type-not-accepted", "text");
        Assert.Equal("due", FeeStatus(await app.FilingAsync(id, token)));
        // A PDF bank slip is fine.
        await (await VoucherAsync(id, token, TestFiles.Pdf("slip"), "slip.pdf", "application/pdf")).ShouldBe(HttpStatusCode.Created, "PDF voucher");
    }

    [Fact]
    public async Task Voucher_BeforeRegistrationOrWhenNoFeeIsDue_Conflict()
    {
        var (_, token) = await FilerAsync();
        var draft = await app.DraftFilingAsync(token);
        await (await VoucherAsync(draft, token, TestFiles.Png())).ShouldBeProblem(409, "filing.invalid-transition", "draft");
        await app.SubmitAsync(draft, token);
        await (await VoucherAsync(draft, token, TestFiles.Png())).ShouldBeProblem(409, "filing.invalid-transition", "submitted");

        var (id, _, _) = await RegisteredAsync(token);
        await (await VoucherAsync(id, token, TestFiles.Png())).ShouldBe(HttpStatusCode.Created, "first voucher");
        await (await VoucherAsync(id, token, TestFiles.Png())).ShouldBeProblem(409, "filing.invalid-transition", "second voucher while pending");

        // A judicial-confirmation filing costs nothing: fee "none", nothing to pay.
        var clerk = await ClerkAsync();
        var free = await app.ClaimedFilingAsync(token, clerk, caseType: "judicial-confirmation", amount: null);
        Assert.Equal("none", (await app.ReviewAsync("register", free, clerk)).GetProperty("fee").Str("status"));
        await (await VoucherAsync(free, token, TestFiles.Png())).ShouldBeProblem(409, "filing.invalid-transition", "no fee");
        await (await app.PostAsync($"/api/v1/filings/{free}/fee/pay", null, token)).ShouldBeProblem(409, "filing.invalid-transition", "pay no fee");
    }

    [Fact]
    public async Task ConfirmFee_AmountOtherThanTheFeeDue_BadRequestThenTheRightAmountPaidAndNotified()
    {
        var (_, token) = await FilerAsync();
        var (id, _, clerk) = await RegisteredAsync(token);
        // Nothing to confirm before a voucher.
        await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = Fee130000, paidAt = $"{app.Today:yyyy-MM-dd}" }))
            .ShouldBeProblem(409, "filing.invalid-transition", "confirm without voucher");
        await (await VoucherAsync(id, token, TestFiles.Jpeg())).ShouldBe(HttpStatusCode.Created, "voucher");

        var wrong = await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = 2899.99m, paidAt = $"{app.Today:yyyy-MM-dd}" }))
            .ShouldBeProblem(400, "fee.amount-mismatch", "wrong amount");
        Assert.True(wrong.GetProperty("errors").TryGetProperty("amount", out _));
        await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = 2900.001m, paidAt = $"{app.Today:yyyy-MM-dd}" })).ShouldBeFieldError("amount", "3 decimals");
        await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = Fee130000 })).ShouldBeFieldError("paidAt", "no paidAt");
        await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = Fee130000, paidAt = $"{app.Today.AddDays(2):yyyy-MM-dd}" }))
            .ShouldBeFieldError("paidAt", "future");
        Assert.Equal("paid-pending-confirmation", FeeStatus(await app.FilingAsync(id, token)));

        var paid = await app.ReviewAsync("fee/confirm", id, clerk, new { amount = Fee130000, paidAt = $"{app.Today:yyyy-MM-dd}" });
        Assert.Equal("paid", FeeStatus(paid));
        Assert.Equal(app.Today, ReviewKit.ShanghaiDate(Fee(paid).GetProperty("paidAt").GetDateTimeOffset()));
        Assert.Equal("paid", FeeStatus(await app.FilingAsync(id, token)));
        Assert.Equal("fee-paid", (await app.HistoryAsync(id, token))[^1].Str("action"));
        await app.AssertChainVerifiesAsync(id, token);
        Assert.Contains(await app.NotificationsAsync(token), n => n.Str("filingId") == id && n.Str("kind") == "fee-paid" && n.Str("message").Contains("2900"));
        // Paid: nothing more to confirm or upload.
        await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = Fee130000, paidAt = $"{app.Today:yyyy-MM-dd}" })).ShouldBeProblem(409);
        await (await VoucherAsync(id, token, TestFiles.Jpeg())).ShouldBeProblem(409);
    }

    [Fact]
    public async Task RejectVoucher_WithoutReasons_BadRequestThenWithReasonsDueAgainAndNotified()
    {
        var (_, token) = await FilerAsync();
        var (id, _, clerk) = await RegisteredAsync(token);
        await (await VoucherAsync(id, token, TestFiles.Jpeg())).ShouldBe(HttpStatusCode.Created, "voucher");

        await (await app.ReviewCallAsync("fee/reject-voucher", id, clerk, new { reasons = "  " })).ShouldBeFieldError("reasons", "blank reasons");
        await (await app.ReviewCallAsync("fee/reject-voucher", id, clerk, new { })).ShouldBeFieldError("reasons", "no reasons");

        var rejected = await app.ReviewAsync("fee/reject-voucher", id, clerk, new { reasons = "未查到该笔款项" });
        Assert.Equal("due", FeeStatus(rejected));
        var filing = await app.FilingAsync(id, token);
        Assert.Equal("未查到该笔款项", Fee(filing).GetProperty("voucher").Str("rejectedReasons"));
        Assert.Equal("fee-voucher-rejected", (await app.HistoryAsync(id, token))[^1].Str("action"));
        var n = Assert.Single(await app.NotificationsAsync(token), x => x.Str("filingId") == id && x.Str("kind") == "fee-voucher-rejected");
        Assert.Contains("未查到该笔款项", n.Str("message"));
        // Not pending any more: nothing to reject; a new voucher may follow.
        await (await app.ReviewCallAsync("fee/reject-voucher", id, clerk, new { reasons = "again" })).ShouldBeProblem(409, "filing.invalid-transition");
        await (await VoucherAsync(id, token, TestFiles.Png())).ShouldBe(HttpStatusCode.Created, "second voucher");
        Assert.True(Fee(await app.FilingAsync(id, token)).GetProperty("voucher").GetProperty("rejectedReasons").ValueKind is JsonValueKind.Null);
        await app.AssertChainVerifiesAsync(id, token);
    }

    [Fact]
    public async Task Pay_DemoGateway_PaidAtOnceWithoutConfirmation()
    {
        var (_, token) = await FilerAsync();
        var (id, _, _) = await RegisteredAsync(token);
        var paid = await (await app.PostAsync($"/api/v1/filings/{id}/fee/pay", null, token)).ShouldBe(HttpStatusCode.OK, "pay");
        Assert.Equal("paid", FeeStatus(paid));
        var last = (await app.HistoryAsync(id, token))[^1];
        Assert.Equal(("fee-paid", "filer"), (last.Str("action"), last.GetProperty("actor").Str("role")));
        await (await app.PostAsync($"/api/v1/filings/{id}/fee/pay", null, token)).ShouldBeProblem(409, "filing.invalid-transition", "pay twice");
    }

    // --- judicial aid -----------------------------------------------------------------------------------------

    [Fact]
    public async Task JudicialAid_WaiverWhenAPlaintiffIsAnOrganization_BadRequestButReductionAccepted()
    {
        var (_, token) = await FilerAsync();
        var org = new { role = "plaintiff", kind = "organization", name = "古浪县某某商贸有限公司", uscc = TestIds.Uscc(), legalRepresentative = "王五", address = "古浪县" };
        var id = await app.CreateDraftAsync(token);
        await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(130000m, [org, TestData.Defendant()]), token)).ShouldBe(HttpStatusCode.OK, "org plaintiff");

        var problem = await (await AidAsync(id, token, "waiver")).ShouldBeProblem(400, "fee.aid-waiver-natural-persons-only", "waiver by organization");
        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True((await app.FilingAsync(id, token)).GetProperty("judicialAid").ValueKind is JsonValueKind.Null);

        var aid = await (await AidAsync(id, token, "reduction", "资金周转困难")).ShouldBe(HttpStatusCode.Created, "reduction by organization");
        Assert.Equal(("reduction", "资金周转困难"), (aid.Str("kind"), aid.Str("reasons")));
        Assert.True(aid.GetProperty("decision").ValueKind is JsonValueKind.Null);
    }

    [Fact]
    public async Task JudicialAid_BadInputAndSecondApplication_BadRequestAndConflict()
    {
        var (_, token) = await FilerAsync();
        var id = await app.DraftFilingAsync(token);
        await (await AidAsync(id, token, "discount")).ShouldBeFieldError("kind", "unknown kind");
        await (await AidAsync(id, token, "deferral", " ")).ShouldBeFieldError("reasons", "blank reasons");
        await (await AidAsync(id, token, "deferral", new string('困', 2001))).ShouldBeFieldError("reasons", "too long");
        await (await AidAsync(id, token, "waiver")).ShouldBe(HttpStatusCode.Created, "waiver by a person");
        await (await AidAsync(id, token, "deferral")).ShouldBeProblem(409, "fee.aid-pending", "second while pending");
        Assert.Equal("judicial-aid", (await app.HistoryAsync(id, token))[^1].Str("action"));
    }

    [Fact]
    public async Task JudicialAid_AppliedAtFiling_EvidenceAfterSubmissionAndDecidedOnlyAfterRegistration()
    {
        var (_, token) = await FilerAsync();
        var clerk = await ClerkAsync();
        var id = await app.DraftFilingAsync(token);
        await (await AidAsync(id, token, "deferral")).ShouldBe(HttpStatusCode.Created, "apply in draft");
        await app.SubmitAsync(id, token);

        // After submission only aid evidence (kind other) may still be added.
        await (await app.UploadAsync(id, token, "other", "低保证明.pdf", TestFiles.Pdf("dibao"))).ShouldBe(HttpStatusCode.Created, "aid evidence");
        await (await app.UploadAsync(id, token, "evidence", "证据.pdf", TestFiles.Pdf("ev"))).ShouldBeProblem(409, "filing.invalid-transition", "other kinds");
        var fee = await app.FilingAsync(id, token);
        Assert.True(fee.GetProperty("fee").ValueKind is JsonValueKind.Null);
        Assert.Equal("deferral", fee.GetProperty("judicialAid").Str("kind"));

        await app.ReviewAsync("claim", id, clerk);
        await (await app.ReviewCallAsync("judicial-aid/decide", id, clerk, new { granted = true, deferredUntil = $"{app.Today.AddDays(30):yyyy-MM-dd}", reasons = "同意" }))
            .ShouldBeProblem(409, null, "decide before registration");
        var reg = await app.ReviewAsync("register", id, clerk);
        Assert.Equal("due", reg.GetProperty("fee").Str("status"));
        var review = await app.ReviewFilingAsync(id, clerk);
        Assert.Equal("deferral", Fee(review).GetProperty("judicialAid").Str("kind"));
        Assert.Contains(review.GetProperty("documents").EnumerateArray(), d => d.Str("kind") == "other" && d.Str("fileName") == "低保证明.pdf");

        var until = app.Today.AddDays(30);
        var decided = await app.ReviewAsync("judicial-aid/decide", id, clerk, new { granted = true, deferredUntil = $"{until:yyyy-MM-dd}", reasons = "确有暂时困难，准予缓交" });
        Assert.Equal(("deferred", until), (FeeStatus(decided), Fee(decided).Date("dueDate")));
        var decision = Fee(decided).GetProperty("judicialAid").GetProperty("decision");
        Assert.True(decision.GetProperty("granted").GetBoolean());
        Assert.Equal("确有暂时困难，准予缓交", decision.Str("reasons"));
        // Decided: evidence is closed, a second decision refused.
        await (await app.UploadAsync(id, token, "other", "更多.pdf", TestFiles.Pdf("more"))).ShouldBeProblem(409, "filing.invalid-transition", "after decision");
        await (await app.ReviewCallAsync("judicial-aid/decide", id, clerk, new { granted = false, reasons = "x" })).ShouldBeProblem(409, "fee.aid-not-pending");
        Assert.Contains(await app.NotificationsAsync(token), n => n.Str("filingId") == id && n.Str("kind") == "judicial-aid-decided" && n.Str("message").Contains($"{until:yyyy-MM-dd}"));
        // The fee notice follows the decision: a second one, served, with the deferral and the new due date.
        var notices = (await (await app.GetAsync($"/api/v1/filings/{id}/notices", token)).ShouldBe(HttpStatusCode.OK))
            .EnumerateArray().Where(n => n.Str("kind") == "fee").ToList();
        Assert.Equal(2, notices.Count);
        var revised = notices.OrderBy(n => n.GetProperty("issuedAt").GetDateTimeOffset()).Last();
        Assert.Equal(JsonValueKind.String, revised.GetProperty("servedAt").ValueKind);
        var text = ReviewKit.PdfText(await app.PdfAsync(revised.Str("url"), token));
        Assert.Contains("缓交", text);
        Assert.Contains($"{until.Year}年{until.Month}月{until.Day}日", text);
        // A deferred fee is still paid: by voucher.
        await (await VoucherAsync(id, token, TestFiles.Jpeg())).ShouldBe(HttpStatusCode.Created, "voucher after deferral");
        await app.AssertChainVerifiesAsync(id, token);
    }

    [Fact]
    public async Task JudicialAid_ReductionGrantedAfterRegistration_ReducedAndTheReducedAmountIsWhatIsConfirmed()
    {
        var (_, token) = await FilerAsync();
        var (id, due, clerk) = await RegisteredAsync(token);
        await (await AidAsync(id, token, "reduction")).ShouldBe(HttpStatusCode.Created, "apply after registration");

        await (await app.ReviewCallAsync("judicial-aid/decide", id, clerk, new { granted = true, reasons = "" })).ShouldBeFieldError("reasons", "no reasons");
        await (await app.ReviewCallAsync("judicial-aid/decide", id, clerk, new { reasons = "r" })).ShouldBeFieldError("granted", "no granted");
        await (await app.ReviewCallAsync("judicial-aid/decide", id, clerk, new { granted = true, reasons = "r" })).ShouldBeFieldError("reducedAmount", "no amount");
        await (await app.ReviewCallAsync("judicial-aid/decide", id, clerk, new { granted = true, reducedAmount = 2900m, reasons = "r" })).ShouldBeFieldError("reducedAmount", "not less");

        var decided = await app.ReviewAsync("judicial-aid/decide", id, clerk, new { granted = true, reducedAmount = 1000m, reasons = "部分困难，准予减交" });
        Assert.Equal(("reduced", 1000m, Fee130000, due), (FeeStatus(decided), Fee(decided).GetProperty("amount").GetDecimal(), Fee(decided).GetProperty("fullAmount").GetDecimal(), Fee(decided).Date("dueDate")));
        Assert.Equal("reduced", FeeStatus(await app.FilingAsync(id, token)));

        await (await VoucherAsync(id, token, TestFiles.Jpeg())).ShouldBe(HttpStatusCode.Created, "voucher for the reduced amount");
        await (await app.ReviewCallAsync("fee/confirm", id, clerk, new { amount = Fee130000, paidAt = $"{app.Today:yyyy-MM-dd}" })).ShouldBeProblem(400, "fee.amount-mismatch", "the full fee");
        Assert.Equal("paid", FeeStatus(await app.ReviewAsync("fee/confirm", id, clerk, new { amount = 1000m, paidAt = $"{app.Today:yyyy-MM-dd}" })));
        await app.AssertChainVerifiesAsync(id, token);
    }

    [Fact]
    public async Task JudicialAid_WaiverGrantedOrRefused_WaivedOrStillDue()
    {
        var (_, token) = await FilerAsync();
        var (waived, _, clerk) = await RegisteredAsync(token);
        await (await AidAsync(waived, token, "waiver")).ShouldBe(HttpStatusCode.Created, "waiver");
        var w = await app.ReviewAsync("judicial-aid/decide", waived, clerk, new { granted = true, reasons = "低保户，准予免交" });
        Assert.Equal(("waived", 0m), (FeeStatus(w), Fee(w).GetProperty("amount").GetDecimal()));
        await (await VoucherAsync(waived, token, TestFiles.Jpeg())).ShouldBeProblem(409, "filing.invalid-transition", "nothing to pay");
        await (await AidAsync(waived, token, "deferral")).ShouldBeProblem(409, "filing.invalid-transition", "apply when waived");

        var (refused, due, _) = await RegisteredAsync(token);
        await (await AidAsync(refused, token, "deferral")).ShouldBe(HttpStatusCode.Created, "deferral");
        var r = await app.ReviewAsync("judicial-aid/decide", refused, clerk, new { granted = false, reasons = "不符合缓交条件" });
        Assert.Equal(("due", due, Fee130000), (FeeStatus(r), Fee(r).Date("dueDate"), Fee(r).GetProperty("amount").GetDecimal()));
        Assert.False(Fee(r).GetProperty("judicialAid").GetProperty("decision").GetProperty("granted").GetBoolean());
        Assert.Contains(await app.NotificationsAsync(token), n => n.Str("filingId") == refused && n.Str("kind") == "judicial-aid-decided" && n.Str("message").Contains("不符合缓交条件"));
    }

    // --- overdue: the queue and 按撤诉处理 --------------------------------------------------------------------

    [Fact]
    public async Task FeeOverdueQueue_TimePassesTheDueDate_ListedOnlyAfterItByDueDateWithoutPendingAid()
    {
        var (filer, token) = await FilerAsync();
        var (first, firstDue, _) = await RegisteredAsync(token, Courts.Minqin);
        var (pending, _, _) = await RegisteredAsync(token, Courts.Minqin);
        await (await AidAsync(pending, token, "deferral")).ShouldBe(HttpStatusCode.Created, "aid pending");
        var (paid, _, _) = await RegisteredAsync(token, Courts.Minqin);
        await (await app.PostAsync($"/api/v1/filings/{paid}/fee/pay", null, token)).ShouldBe(HttpStatusCode.OK, "pay");
        app.Advance(TimeSpan.FromDays(2));
        token = await app.LoginAsync(filer.Email, filer.Password);
        var (second, secondDue, _) = await RegisteredAsync(token, Courts.Minqin);
        Assert.True(secondDue > firstDue);

        async Task<List<string>> Overdue()
        {
            var items = await app.QueueAsync(await ClerkAsync(Courts.Minqin), "status=fee-overdue&pageSize=100");
            return [.. items.Select(i => i.Str("filingId"))];
        }

        app.MoveTo(ReviewKit.ShanghaiInstant(firstDue, new TimeOnly(23, 59)));
        Assert.Empty((await Overdue()).Intersect([first, second, pending, paid]));

        app.MoveTo(ReviewKit.ShanghaiInstant(firstDue.AddDays(1), new TimeOnly(0, 1)));
        Assert.Equal([first], (await Overdue()).Intersect([first, second, pending, paid]));
        var item = Assert.Single(await app.QueueAsync(await ClerkAsync(Courts.Minqin), "status=fee-overdue"), i => i.Str("filingId") == first);
        Assert.Equal((firstDue, "due", "registered"), (item.Date("feeDueDate"), item.Str("feeStatus"), item.Str("status")));
        // Another court's clerk never sees it.
        Assert.DoesNotContain(await app.QueueAsync(await ClerkAsync(Courts.Gulang), "status=fee-overdue&pageSize=100"), i => i.Str("filingId") == first);

        app.MoveTo(ReviewKit.ShanghaiInstant(secondDue.AddDays(1), new TimeOnly(9, 0)));
        Assert.Equal([first, second], (await Overdue()).Intersect([first, second, pending, paid]));
    }

    [Fact]
    public async Task UnpaidWithdrawn_BeforeTheDueDateOrWhileAidIsPending_ConflictThenAfterItWithdrawnAndNotified()
    {
        var (filer, token) = await FilerAsync();
        var (id, due, clerk) = await RegisteredAsync(token);
        var (aided, _, _) = await RegisteredAsync(token);
        await (await AidAsync(aided, token, "reduction")).ShouldBe(HttpStatusCode.Created, "aid");

        await (await app.ReviewCallAsync("fee/unpaid-withdrawn", id, clerk)).ShouldBeProblem(409, "fee.not-overdue", "before the due date");
        app.MoveTo(ReviewKit.ShanghaiInstant(due, new TimeOnly(22, 0)));
        clerk = await ClerkAsync();
        await (await app.ReviewCallAsync("fee/unpaid-withdrawn", id, clerk)).ShouldBeProblem(409, "fee.not-overdue", "on the due date");

        app.MoveTo(ReviewKit.ShanghaiInstant(due.AddDays(1), new TimeOnly(8, 30)));
        clerk = await ClerkAsync();
        token = await app.LoginAsync(filer.Email, filer.Password);
        await (await app.ReviewCallAsync("fee/unpaid-withdrawn", aided, clerk)).ShouldBeProblem(409, "fee.aid-pending", "aid pending");
        Assert.DoesNotContain(await app.QueueAsync(clerk, "status=fee-overdue&pageSize=100"), i => i.Str("filingId") == aided);

        var withdrawn = await app.ReviewAsync("fee/unpaid-withdrawn", id, clerk);
        Assert.Equal(("withdrawn", "unpaid-withdrawn"), (withdrawn.Str("status"), FeeStatus(withdrawn)));
        var last = (await app.HistoryAsync(id, token))[^1];
        Assert.Equal(("withdraw", "registered", "withdrawn"), (last.Str("action"), last.Str("fromStatus"), last.Str("toStatus")));
        Assert.Contains("按撤诉处理", last.Str("note"));
        await app.AssertChainVerifiesAsync(id, token);
        Assert.Contains(await app.NotificationsAsync(token), n => n.Str("filingId") == id && n.Str("kind") == "fee-unpaid-withdrawn");
        Assert.DoesNotContain(await app.QueueAsync(clerk, "status=fee-overdue&pageSize=100"), i => i.Str("filingId") == id);
        await (await app.ReviewCallAsync("fee/unpaid-withdrawn", id, clerk)).ShouldBeProblem(409, "filing.invalid-transition", "twice");

        // A refusal ends the pending application: then the overdue fee may be treated as withdrawn.
        await app.ReviewAsync("judicial-aid/decide", aided, clerk, new { granted = false, reasons = "不符合条件" });
        Assert.Contains(await app.QueueAsync(clerk, "status=fee-overdue&pageSize=100"), i => i.Str("filingId") == aided);
    }

    // --- pages --------------------------------------------------------------------------------------------------

    /// <summary>A browser: cookies, no redirects followed, the antiforgery token read from each form.</summary>
    sealed class Browser(Uri baseAddress) : PageBrowser(baseAddress)
    {
        /// <summary>Posts a form (multipart when a file is given) and returns where it redirects.</summary>
        public async Task<string> PostAsync(string path, string token, Dictionary<string, string> fields, (string Name, byte[] Bytes, string Type)? file = null)
        {
            HttpContent content;
            if (file is { } f)
            {
                var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
                foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
                var part = new ByteArrayContent(f.Bytes);
                part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.Type);
                form.Add(part, "file", f.Name);
                content = form;
            }
            else
            {
                content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
            }
            var r = await Http.PostAsync(path, content);
            var body = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"POST {path}: {(int)r.StatusCode} {body[..Math.Min(body.Length, 600)]}");
            return r.Headers.Location!.OriginalString;
        }
    }

    [Fact]
    public async Task Pages_FilerAndClerkFeeForms_RenderAndPostThroughTheSameUseCases()
    {
        var (filer, token) = await FilerAsync();
        var (id, _, _) = await RegisteredAsync(token);
        using var f = new Browser(app.Http.BaseAddress!);
        await f.LoginAsync(filer.Email, filer.Password);

        var detail = await f.GetAsync($"/Filings/Detail?id={id}");
        Assert.Contains("accept=\"image/*,application/pdf\" capture=\"environment\"", detail);
        Assert.Contains("2,900.00", detail);
        Assert.Contains("/Filings/Voucher/" + id, detail);
        Assert.Contains("handler=Pay", detail);          // the demo gateway is available
        Assert.Contains("name=\"AidKind\"", detail);      // may apply for judicial aid while the fee is due

        await f.PostAsync($"/Filings/Voucher/{id}", Browser.Token(detail), [], ("回单.jpg", TestFiles.Jpeg(), "image/jpeg"));
        Assert.Equal("paid-pending-confirmation", FeeStatus(await app.FilingAsync(id, token)));
        detail = await f.GetAsync($"/Filings/Detail?id={id}");
        Assert.DoesNotContain("/Filings/Voucher/" + id, detail);

        using var c = new Browser(app.Http.BaseAddress!);
        await c.LoginAsync(ReviewKit.ClerkEmail(Courts.Gulang), DocketAppFactory.DemoPassword);
        var review = await c.GetAsync($"/Review/Filing?id={id}");
        Assert.Contains("handler=ConfirmFee", review);
        Assert.Contains("value=\"2900.00\"", review);  // prefilled with the amount due
        Assert.Contains("preview=true", review);
        await c.PostAsync($"/Review/Filing?id={id}&handler=ConfirmFee", Browser.Token(review),
            new() { ["FeeAmount"] = "2900.00", ["PaidOn"] = $"{app.Today:yyyy-MM-dd}" });
        Assert.Equal("paid", FeeStatus(await app.FilingAsync(id, token)));

        // Judicial aid from the page, then the clerk's decision form and the queue filter.
        var (aided, _, _) = await RegisteredAsync(token);
        detail = await f.GetAsync($"/Filings/Detail?id={aided}");
        await f.PostAsync($"/Filings/Detail?id={aided}&handler=Aid", Browser.Token(detail), new() { ["AidKind"] = "deferral", ["AidReasons"] = "暂时困难" });
        detail = await f.GetAsync($"/Filings/Detail?id={aided}");
        Assert.Contains("/Filings/Upload/" + aided + "?back=detail", detail);
        review = await c.GetAsync($"/Review/Filing?id={aided}");
        Assert.Contains("handler=DecideAid", review);
        await c.PostAsync($"/Review/Filing?id={aided}&handler=DecideAid", Browser.Token(review),
            new() { ["AidGranted"] = "true", ["AidDeferredUntil"] = $"{app.Today.AddDays(20):yyyy-MM-dd}", ["AidDecisionReasons"] = "准予缓交" });
        Assert.Equal("deferred", FeeStatus(await app.FilingAsync(aided, token)));
        Assert.Contains("fee-overdue", await c.GetAsync("/Review?status=fee-overdue"));
    }

    // --- who may do what ----------------------------------------------------------------------------------------

    [Fact]
    public async Task FeeEndpoints_OtherFilerOtherCourtOrFilerOnReview_NotFoundOrForbidden()
    {
        var (_, token) = await FilerAsync();
        var (id, _, clerk) = await RegisteredAsync(token);
        await (await VoucherAsync(id, token, TestFiles.Jpeg())).ShouldBe(HttpStatusCode.Created, "voucher");
        var (_, other) = await FilerAsync();
        var stranger = await ClerkAsync(Courts.Tianzhu);

        await (await VoucherAsync(id, other, TestFiles.Jpeg())).ShouldBeProblem(404, null, "other filer's voucher");
        await (await app.PostAsync($"/api/v1/filings/{id}/fee/pay", null, other)).ShouldBeProblem(404, null, "other filer pays");
        await (await AidAsync(id, other, "deferral")).ShouldBeProblem(404, null, "other filer's aid");
        await (await VoucherAsync(id, clerk, TestFiles.Jpeg())).ShouldBeProblem(404, null, "clerk on the filer's endpoint");
        await (await VoucherAsync("no-such-filing", token, TestFiles.Jpeg())).ShouldBeProblem(404, null, "unknown filing");

        var bodies = new Dictionary<string, object>
        {
            ["fee/confirm"] = new { amount = Fee130000, paidAt = $"{app.Today:yyyy-MM-dd}" },
            ["fee/reject-voucher"] = new { reasons = "x" },
            ["judicial-aid/decide"] = new { granted = false, reasons = "x" },
            ["fee/unpaid-withdrawn"] = new { },
        };
        foreach (var (action, body) in bodies)
        {
            await (await app.ReviewCallAsync(action, id, stranger, body)).ShouldBeProblem(404, null, "another court: " + action);
            await (await app.ReviewCallAsync(action, id, token, body)).ShouldBeProblem(403, null, "filer: " + action);
            await (await app.ReviewCallAsync(action, id, null, body)).ShouldBeProblem(401, null, "anonymous: " + action);
        }
        Assert.Equal("paid-pending-confirmation", FeeStatus(await app.FilingAsync(id, token)));
    }
}

/// <summary>Without a payment gateway (a deployment that configures none) online payment is refused with a clear code.</summary>
public sealed class FeeGatewayTests(FeeGatewayTests.NoGatewayAppFactory app) : IClassFixture<FeeGatewayTests.NoGatewayAppFactory>
{
    public sealed class NoGatewayAppFactory : ClockedAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Docket:PaymentGateway", "none");
        }
    }

    [Fact]
    public async Task Pay_NoGatewayConfigured_ConflictGatewayUnavailableAndTheVoucherStillWorks()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.LoginAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var id = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("register", id, clerk);
        await (await app.PostAsync($"/api/v1/filings/{id}/fee/pay", null, filer.Token)).ShouldBeProblem(409, "fee.gateway-unavailable");
        Assert.Equal("due", (await app.FilingAsync(id, filer.Token)).GetProperty("fee").Str("status"));
        await (await app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{id}/fee/voucher", filer.Token,
            TestFiles.Multipart(null, "slip.png", TestFiles.Png(), "image/png"))).ShouldBe(HttpStatusCode.Created, "voucher");
    }
}

/// <summary>
/// One fee journey on each provider (real clock; the due date is moved into the past in the database): a voucher
/// rejected then confirmed, a reduction granted and left unpaid until it is treated as withdrawn — the fee-overdue
/// query and the hash chain after a round trip through the database.
/// </summary>
public abstract class FeeJourneyTestsBase(DocketAppFactory app)
{
    protected async Task JourneyAsync()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.ClerkAsync();
        var paid = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("register", paid, clerk);
        var upload = () => app.SendAsync(HttpMethod.Post, $"/api/v1/filings/{paid}/fee/voucher", filer.Token,
            TestFiles.Multipart(null, "回单.png", TestFiles.Png(), "image/png"));
        await (await upload()).ShouldBe(HttpStatusCode.Created, "voucher");
        await app.ReviewAsync("fee/reject-voucher", paid, clerk, new { reasons = "金额不符" });
        await (await upload()).ShouldBe(HttpStatusCode.Created, "second voucher");
        var confirmed = await app.ReviewAsync("fee/confirm", paid, clerk, new { amount = 2900m, paidAt = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O") });
        Assert.Equal("paid", confirmed.GetProperty("fee").Str("status"));
        await app.AssertChainVerifiesAsync(paid, filer.Token);

        var reduced = await app.ClaimedFilingAsync(filer.Token, clerk);
        await app.ReviewAsync("register", reduced, clerk);
        await (await app.PostAsync($"/api/v1/filings/{reduced}/judicial-aid", new { kind = "reduction", reasons = "收入微薄" }, filer.Token))
            .ShouldBe(HttpStatusCode.Created, "aid");
        await app.ReviewAsync("judicial-aid/decide", reduced, clerk, new { granted = true, reducedAmount = 500.5m, reasons = "准予减交" });
        Assert.Equal(500.5m, (await app.FilingAsync(reduced, filer.Token)).GetProperty("fee").GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(await app.QueueAsync(clerk, "status=fee-overdue&pageSize=100"), i => i.Str("filingId") == reduced);

        var yesterday = ReviewKit.ShanghaiToday().AddDays(-1);
        await app.WithDbAsync(async db => await db.Filings.Where(f => f.Id == reduced)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.FeeDueDate, yesterday)));
        var item = Assert.Single(await app.QueueAsync(clerk, "status=fee-overdue&pageSize=100"), i => i.Str("filingId") == reduced);
        Assert.Equal((yesterday, "reduced"), (item.Date("feeDueDate"), item.Str("feeStatus")));
        var withdrawn = await app.ReviewAsync("fee/unpaid-withdrawn", reduced, clerk);
        Assert.Equal(("withdrawn", "unpaid-withdrawn"), (withdrawn.Str("status"), withdrawn.GetProperty("fee").Str("status")));
        await app.AssertChainVerifiesAsync(reduced, filer.Token);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFeeJourneyTests(SqliteAppFactory app) : FeeJourneyTestsBase(app)
{
    [Fact]
    public Task Journey_VoucherAndReductionOnSqlite_PaidAndTreatedAsWithdrawn() => JourneyAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresFeeJourneyTests(PostgresAppFactory app) : FeeJourneyTestsBase(app)
{
    [PostgresFact]
    public Task Journey_VoucherAndReductionOnPostgres_PaidAndTreatedAsWithdrawn() => JourneyAsync();
}
