using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Docket.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// Dispute screening through HTTP (mediation.md; api.md, "Dispute screening"): an officer logs a dispute, follows it
/// up and ends it on the spot, at a mediation room (which opens a case there) or at a court (a draft for the party,
/// who signs in by SMS and completes it); open high-risk disputes first and flagged after 7 quiet days; statistics
/// without names; who sees what.
/// </summary>
public static class ScreeningKit
{
    /// <summary>An officer account of <paramref name="unitId"/>, made as a unit admin would: its e-mail and password.</summary>
    public static async Task<(string Email, string Password)> NewOfficerAsync(this DocketAppFactory app, string unitId)
    {
        var email = $"off{Guid.NewGuid():N}"[..15] + "@it.test";
        const string password = "It-officer-2026";
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, FullName = "测试民警", UnitId = unitId, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Officer)).Succeeded);
        return (email, password);
    }
}

public abstract partial class ScreeningTestsBase(DocketAppFactory app)
{
    const string OfficerEmail = "officer.dachaigou@demo.docket";
    const string Dachaigou = "dachaigou";
    static int nextPhone;

    Task<string> OfficerAsync() => app.StaffAsync(OfficerEmail);

    static string NewPhone() => "136" + (20_000_000 + Interlocked.Increment(ref nextPhone) * 7919 % 79_999_999).ToString("D8");

    static object Party(string role, string name, string? phone = null) => new
    {
        role, kind = "person", name, idType = "resident-id", idNumber = TestIds.ResidentId("620623"), phone, address = "甘肃省武威市天祝县打柴沟镇",
    };

    static object Family(string unitId = Dachaigou, string risk = "high", string? claimantPhone = null, string type = "family-marriage") => new
    {
        unitId,
        disputeType = type,
        location = "天祝县打柴沟镇金强驿村",
        riskLevel = risk,
        summary = "夫妻因赡养老人和家庭财产分配多次争吵，女方要求离婚。",
        parties = new[] { Party("plaintiff", "李秀兰", claimantPhone ?? NewPhone()), Party("defendant", "张建国", "13909350001") },
    };

    async Task<JsonElement> LogAsync(string officer, object? body = null) =>
        await (await app.PostAsync("/api/v1/disputes", body ?? Family(), officer)).ShouldBe(HttpStatusCode.Created, "log dispute");

    Task<HttpResponseMessage> ResolveAsync(string id, object body, string officer) => app.PostAsync($"/api/v1/disputes/{id}/resolve", body, officer);

    async Task<string> OfficerOfAsync(string unitId)
    {
        var (email, password) = await app.NewOfficerAsync(unitId);
        return await app.LoginAsync(email, password);
    }

    protected async Task Log_FamilyDispute_OpenWithPartiesAndNoActionsAsync()
    {
        var d = await LogAsync(await OfficerAsync());
        Assert.Equal(("open", Dachaigou, "family-marriage", "high"), (d.Str("status"), d.Str("unitId"), d.Str("disputeType"), d.Str("riskLevel")));
        Assert.Equal(2, d.GetProperty("parties").GetArrayLength());
        Assert.Equal(0, d.GetProperty("actions").GetArrayLength());
        Assert.False(d.GetProperty("needsFollowUp").GetBoolean());
        var got = await (await app.GetAsync($"/api/v1/disputes/{d.Str("id")}", await OfficerAsync())).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(d.Str("summary"), got.Str("summary"));
    }

    /// <summary>The issue's journey: a family dispute handed to Dajing, two sessions, an agreement, confirmed by Gulang as 民特.</summary>
    protected async Task HandToDajing_MediatorMediatesToAgreement_GulangRegistersJudicialConfirmationAsync()
    {
        var officer = await OfficerAsync();
        var d = await LogAsync(officer);
        var id = d.Str("id");
        var visit = DateTimeOffset.UtcNow;
        var followed = await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = visit, action = "入户走访", notes = "双方情绪激动，约定三日后再谈" }, officer))
            .ShouldBe(HttpStatusCode.Created, "action");
        Assert.Equal("入户走访", followed.GetProperty("actions")[0].Str("action"));
        // The last action is the visit (an action written up for a time before the dispute was logged leaves the logging time).
        Assert.Equal(visit.ToUnixTimeSeconds(), followed.GetProperty("lastActionAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.True(followed.GetProperty("lastActionAt").GetDateTimeOffset() >= d.GetProperty("createdAt").GetDateTimeOffset());

        var handed = await (await ResolveAsync(id, new { how = "mediation", mediationRoomId = "dajing", notes = "双方同意调解" }, officer)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("handed-to-mediation", handed.Str("status"));
        var caseId = handed.Str("mediationCaseId");

        var mediator = await app.StaffAsync("mediator.dajing@demo.docket");
        var c = await (await app.GetAsync($"/api/v1/mediation/cases/{caseId}", mediator)).ShouldBe(HttpStatusCode.OK, "mediator sees the case");
        Assert.Equal(("screening", id, "family-marriage", "open"), (c.Str("source"), c.Str("disputeId"), c.Str("disputeType"), c.Str("status")));
        Assert.Equal(["李秀兰", "张建国"], c.GetProperty("parties").EnumerateArray().Select(p => p.Str("name")).ToArray());

        foreach (var notes in new[] { "第一次调解：听取双方意见", "第二次调解：双方就赡养费达成一致" })
            await (await app.PostAsync($"/api/v1/mediation/cases/{caseId}/sessions", new { at = DateTimeOffset.UtcNow.AddMinutes(-5), notes }, mediator))
                .ShouldBe(HttpStatusCode.Created, "session");
        var agreed = await (await app.PostAsync($"/api/v1/mediation/cases/{caseId}/close", new
        {
            outcome = "agreement",
            agreement = new
            {
                facts = "双方因赡养老人及家庭财产分配发生争执。",
                terms = "张建国每月向老人支付赡养费800元，家庭财产按双方约定分配。",
                performance = "赡养费每月5日前转账支付，自下月起履行。",
                amount = 9600m,
            },
        }, mediator)).ShouldBe(HttpStatusCode.OK, "agreement");
        Assert.Equal(2, agreed.GetProperty("sessions").GetArrayLength());

        var jc = await (await app.PostAsync($"/api/v1/mediation/cases/{caseId}/judicial-confirmation", new { partiesConsent = true }, mediator))
            .ShouldBe(HttpStatusCode.Created, "judicial confirmation");
        Assert.Equal(("judicial-confirmation", "submitted", Courts.Gulang), (jc.Str("caseType"), jc.Str("status"), jc.Str("courtId")));
        var clerk = await app.ClerkAsync();
        await app.ReviewAsync("claim", jc.Str("id"), clerk);
        var registered = await app.ReviewAsync("register", jc.Str("id"), clerk);
        Assert.Matches(@"^（20\d\d）甘0622民特\d+号$", registered.Str("caseNumber"));

        // The dispute stays handed over; it takes no more actions.
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = DateTimeOffset.UtcNow, action = "回访" }, officer))
            .ShouldBeProblem(409, "screening.dispute-closed");
    }

    protected async Task ReferToCourt_DraftForThePartysPhone_PartySignsInBySmsAndSeesItPrefilledAsync()
    {
        var officer = await OfficerAsync();
        var phone = NewPhone();
        var d = await LogAsync(officer, Family(risk: "medium", claimantPhone: phone, type: "loan"));
        var referred = await (await ResolveAsync(d.Str("id"), new { how = "court", courtId = Courts.Tianzhu, notes = "引导当事人诉讼" }, officer))
            .ShouldBe(HttpStatusCode.OK, "refer");
        Assert.Equal(("referred-to-court", Courts.Tianzhu), (referred.Str("status"), referred.Str("courtId")));
        var filingId = referred.Str("filingId");

        // The party signs in with the phone the officer recorded: the draft is theirs, pre-filled, and only theirs.
        await (await app.PostAsync("/api/v1/auth/sms-code", new { phone })).ShouldBe(HttpStatusCode.Accepted, "sms code");
        var outbox = await (await app.GetAsync("/api/v1/dev/sms-outbox?phone=" + phone)).ShouldBe(HttpStatusCode.OK);
        var code = SixDigits().Match(outbox.EnumerateArray().Select(m => m.Str("text")).First(t => t.Contains("验证码"))).Value;
        var tokens = await (await app.PostAsync("/api/v1/auth/login-sms", new { phone, code })).ShouldBe(HttpStatusCode.OK, "login-sms");
        var party = tokens.Str("accessToken");
        var f = await app.FilingAsync(filingId, party);
        Assert.Equal(("draft", Courts.Tianzhu, "civil-first-instance"), (f.Str("status"), f.Str("courtId"), f.Str("caseType")));
        Assert.Equal(d.Str("summary"), f.Str("factsAndReasons"));
        Assert.Equal(["李秀兰", "张建国"], f.GetProperty("parties").EnumerateArray().Select(p => p.Str("name")).ToArray());
        Assert.Contains(await app.NotificationsAsync(party), n => n.Str("filingId") == filingId && n.Str("kind") == "referral");
        var mine = await (await app.GetAsync("/api/v1/filings", party)).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), x => x.Str("id") == filingId);

        // The party completes it like any draft (the claims were left to them); another filer never sees it.
        await (await app.PutAsync($"/api/v1/filings/{filingId}", new
        {
            title = f.Str("title"), cause = "民间借贷纠纷", matter = "property", claimAmount = 20000m, claims = new[] { "判令被告偿还借款20000元" },
            factsAndReasons = f.Str("factsAndReasons"), parties = f.GetProperty("parties"),
        }, party)).ShouldBe(HttpStatusCode.OK, "party edits the draft");
        await (await app.GetAsync($"/api/v1/filings/{filingId}", (await app.NewFilerAsync()).Token)).ShouldBeProblem(404, "not-found");

        // A second referral for the same phone goes to the same account.
        var again = await LogAsync(officer, Family(risk: "low", claimantPhone: phone, type: "loan"));
        var second = await (await ResolveAsync(again.Str("id"), new { how = "court", courtId = Courts.Tianzhu, notes = "" }, officer)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("draft", (await app.FilingAsync(second.Str("filingId"), party)).Str("status"));
    }

    protected async Task ResolveOnTheSpot_NeedsNotes_ThenClosedForActionsAndResolvingAsync()
    {
        var officer = await OfficerAsync();
        var id = (await LogAsync(officer, Family(risk: "low", type: "neighbourhood"))).Str("id");
        await (await ResolveAsync(id, new { how = "on-the-spot", notes = " " }, officer)).ShouldBeFieldError("notes");
        var done = await (await ResolveAsync(id, new { how = "on-the-spot", notes = "民警现场说和，双方握手言和" }, officer)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("resolved-on-the-spot", done.Str("status"));
        Assert.Equal("民警现场说和，双方握手言和", done.Str("resolutionNotes"));
        await (await ResolveAsync(id, new { how = "mediation", mediationRoomId = "dajing" }, officer)).ShouldBeProblem(409, "screening.dispute-closed");
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = DateTimeOffset.UtcNow, action = "回访" }, officer))
            .ShouldBeProblem(409, "screening.dispute-closed");
    }

    protected async Task BadInput_EachFieldNamed_NothingWrittenAsync()
    {
        var officer = await OfficerAsync();
        var before = await app.ReadDbAsync(db => db.Disputes.CountAsync());
        var bad = await (await app.PostAsync("/api/v1/disputes", new
        {
            unitId = "gulang-psb", disputeType = "quarrel", location = "", riskLevel = "extreme", summary = "",
            parties = new[] { Party("plaintiff", "甲") },
        }, officer)).ShouldBeProblem(400);
        foreach (var field in new[] { "unitId", "disputeType", "location", "riskLevel", "summary", "parties" })
            Assert.True(bad.GetProperty("errors").TryGetProperty(field, out _), $"{field} named in {bad}");
        Assert.Contains("风险等级", bad.GetProperty("errors").GetProperty("riskLevel")[0].GetString());
        await (await app.PostAsync("/api/v1/disputes", "not json", officer)).ShouldBeProblem(400);
        Assert.Equal(before, await app.ReadDbAsync(db => db.Disputes.CountAsync()));

        var id = (await LogAsync(officer, Family(risk: "low"))).Str("id");
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = DateTimeOffset.UtcNow.AddDays(2), action = "走访" }, officer)).ShouldBeFieldError("at");
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { action = "走访" }, officer)).ShouldBeFieldError("at");
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = DateTimeOffset.UtcNow, action = "" }, officer)).ShouldBeFieldError("action");
        await (await ResolveAsync(id, new { how = "arbitration" }, officer)).ShouldBeFieldError("how");
        await (await ResolveAsync(id, new { how = "mediation" }, officer)).ShouldBeFieldError("mediationRoomId");
        await (await ResolveAsync(id, new { how = "mediation", mediationRoomId = "nowhere" }, officer)).ShouldBeFieldError("mediationRoomId");
        await (await ResolveAsync(id, new { how = "court" }, officer)).ShouldBeFieldError("courtId");
        await (await ResolveAsync(id, new { how = "court", courtId = "999999" }, officer)).ShouldBeFieldError("courtId");
        var noPhone = (await LogAsync(officer, new
        {
            unitId = Dachaigou, disputeType = "land", location = "村口", riskLevel = "low", summary = "地界纠纷",
            parties = new[] { Party("plaintiff", "甲"), Party("defendant", "乙") },
        })).Str("id");
        await (await ResolveAsync(noPhone, new { how = "court", courtId = Courts.Tianzhu }, officer)).ShouldBeFieldError("parties");
        await (await app.GetAsync("/api/v1/disputes?riskLevel=extreme", officer)).ShouldBeFieldError("riskLevel");
        await (await app.GetAsync("/api/v1/disputes?status=closed", officer)).ShouldBeFieldError("status");
        await (await app.GetAsync("/api/v1/disputes/stats?from=2026-02-30", officer)).ShouldBeFieldError("from");
        Assert.Equal("open", (await (await app.GetAsync($"/api/v1/disputes/{id}", officer)).ShouldBe(HttpStatusCode.OK)).Str("status"));
    }

    protected async Task Scoping_UnitAndUnitsAbove_OthersNotFound_OtherRolesForbiddenAsync()
    {
        var officer = await OfficerAsync();
        var id = (await LogAsync(officer)).Str("id");
        var county = await OfficerOfAsync("tianzhu-psb");
        var neighbour = await OfficerOfAsync("gulang-psb");
        var admin = await app.StaffAsync("admin@demo.docket");

        // The county bureau above the station sees and acts; the admin reads.
        await (await app.GetAsync($"/api/v1/disputes/{id}", county)).ShouldBe(HttpStatusCode.OK, "county bureau");
        await (await app.GetAsync($"/api/v1/disputes/{id}", admin)).ShouldBe(HttpStatusCode.OK, "admin");
        var countyList = await (await app.GetAsync($"/api/v1/disputes?unitId={Dachaigou}&pageSize=100", county)).ShouldBe(HttpStatusCode.OK);
        Assert.Contains(countyList.GetProperty("items").EnumerateArray(), x => x.Str("id") == id);
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = DateTimeOffset.UtcNow, action = "电话回访" }, county)).ShouldBe(HttpStatusCode.Created);

        // A station officer cannot log for the bureau above, nor see the neighbouring county's disputes.
        await (await app.PostAsync("/api/v1/disputes", Family(unitId: "tianzhu-psb"), officer)).ShouldBeFieldError("unitId");
        await (await app.GetAsync($"/api/v1/disputes/{id}", neighbour)).ShouldBeProblem(404, "not-found");
        await (await app.PostAsync($"/api/v1/disputes/{id}/actions", new { at = DateTimeOffset.UtcNow, action = "走访" }, neighbour)).ShouldBeProblem(404, "not-found");
        await (await ResolveAsync(id, new { how = "on-the-spot", notes = "x" }, neighbour)).ShouldBeProblem(404, "not-found");
        var list = await (await app.GetAsync("/api/v1/disputes?pageSize=100", neighbour)).ShouldBe(HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), x => x.Str("id") == id);
        await (await app.GetAsync($"/api/v1/disputes?unitId={Dachaigou}", neighbour)).ShouldBeProblem(404, "not-found");
        await (await app.GetAsync($"/api/v1/disputes/stats?unitId={Dachaigou}", neighbour)).ShouldBeProblem(404, "not-found");

        // Other roles: forbidden; the admin reads but does not act; anonymous: 401.
        foreach (var token in new[] { await app.ClerkAsync(), await app.StaffAsync("mediator.dajing@demo.docket"), (await app.NewFilerAsync()).Token })
        {
            await (await app.GetAsync($"/api/v1/disputes/{id}", token)).ShouldBeProblem(403);
            await (await app.PostAsync("/api/v1/disputes", Family(), token)).ShouldBeProblem(403);
        }
        await (await app.PostAsync("/api/v1/disputes", Family(), admin)).ShouldBeProblem(403);
        await (await ResolveAsync(id, new { how = "on-the-spot", notes = "x" }, admin)).ShouldBeProblem(403);
        await (await app.GetAsync("/api/v1/disputes")).ShouldBeProblem(401);
    }

    protected async Task List_OpenHighRiskFirst_FlaggedAfterSevenQuietDays_AnActionClearsItAsync()
    {
        var officer = await OfficerOfAsync("liangzhou-psb");
        var low = (await LogAsync(officer, Family("liangzhou-psb", "low"))).Str("id");
        var quiet = (await LogAsync(officer, Family("liangzhou-psb", "high"))).Str("id");
        var fresh = (await LogAsync(officer, Family("liangzhou-psb", "high"))).Str("id");
        var eightDaysAgo = DateTime.UtcNow.AddDays(-8);
        await app.ReadDbAsync(db => db.Disputes.Where(d => d.Id == quiet).ExecuteUpdateAsync(s => s.SetProperty(d => d.LastActionAt, eightDaysAgo)));

        var items = (await (await app.GetAsync("/api/v1/disputes?unitId=liangzhou-psb&pageSize=100", officer)).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([quiet, fresh, low], items.Select(x => x.Str("id")).ToArray());
        Assert.Equal([true, false, false], items.Select(x => x.GetProperty("needsFollowUp").GetBoolean()).ToArray());
        var stats = await (await app.GetAsync("/api/v1/disputes/stats?unitId=liangzhou-psb", officer)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(1, stats.GetProperty("needsFollowUp").GetInt32());

        var after = await (await app.PostAsync($"/api/v1/disputes/{quiet}/actions", new { at = DateTimeOffset.UtcNow, action = "约谈双方" }, officer))
            .ShouldBe(HttpStatusCode.Created);
        Assert.False(after.GetProperty("needsFollowUp").GetBoolean());
        var onlyHigh = (await (await app.GetAsync("/api/v1/disputes?unitId=liangzhou-psb&riskLevel=high", officer)).ShouldBe(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(x => x.Str("id")).ToList();
        Assert.Equal(2, onlyHigh.Count);
        Assert.DoesNotContain(low, onlyHigh);
    }

    protected async Task Stats_CountsByTypeUnitAndStatus_ResolvedShareOpenHighRisk_NoNamesAsync()
    {
        var bureau = await OfficerOfAsync("minqin-psb");
        var a = (await LogAsync(bureau, Family("minqin-psb", "high"))).Str("id");
        await LogAsync(bureau, Family("minqin-psb", "high"));
        var c = (await LogAsync(bureau, Family("minqin-psb", "low", type: "land"))).Str("id");
        await LogAsync(bureau, Family("minqin-psb", "medium", type: "labour"));
        await (await ResolveAsync(a, new { how = "on-the-spot", notes = "化解" }, bureau)).ShouldBe(HttpStatusCode.OK);
        await (await ResolveAsync(c, new { how = "mediation", mediationRoomId = "dajing" }, bureau)).ShouldBe(HttpStatusCode.OK);

        var today = ReviewKit.ShanghaiToday();
        var s = await (await app.GetAsync($"/api/v1/disputes/stats?unitId=minqin-psb&from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}", bureau))
            .ShouldBe(HttpStatusCode.OK, "stats");
        Assert.Equal(4, s.GetProperty("total").GetInt32());
        Assert.Equal(2, s.GetProperty("byType").GetProperty("family-marriage").GetInt32());
        Assert.Equal(1, s.GetProperty("byType").GetProperty("land").GetInt32());
        Assert.Equal(0.5m, s.GetProperty("resolvedShare").GetDecimal());
        Assert.Equal(1, s.GetProperty("openHighRisk").GetInt32());
        Assert.Equal(4, s.GetProperty("byUnit").GetProperty("minqin-psb").GetInt32());
        Assert.Equal(1, s.GetProperty("byStatus").GetProperty("handed-to-mediation").GetInt32());
        Assert.DoesNotContain("李秀兰", s.GetRawText());
        Assert.DoesNotContain("13909350001", s.GetRawText());

        var before = await (await app.GetAsync($"/api/v1/disputes/stats?unitId=minqin-psb&to={today.AddDays(-1):yyyy-MM-dd}", bureau)).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        await (await app.GetAsync($"/api/v1/disputes/stats?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", bureau)).ShouldBeFieldError("to");
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex SixDigits();
}

[Collection(SqliteReviewCollection.Name)]
public sealed class ScreeningTests(SqliteAppFactory app) : ScreeningTestsBase(app)
{
    [Fact]
    public Task Log_FamilyDispute_OpenWithPartiesAndNoActions() => Log_FamilyDispute_OpenWithPartiesAndNoActionsAsync();

    [Fact]
    public Task HandToDajing_MediatorMediatesToAgreement_GulangRegistersJudicialConfirmation() => HandToDajing_MediatorMediatesToAgreement_GulangRegistersJudicialConfirmationAsync();

    [Fact]
    public Task ReferToCourt_DraftForThePartysPhone_PartySignsInBySmsAndSeesItPrefilled() => ReferToCourt_DraftForThePartysPhone_PartySignsInBySmsAndSeesItPrefilledAsync();

    [Fact]
    public Task ResolveOnTheSpot_NeedsNotes_ThenClosedForActionsAndResolving() => ResolveOnTheSpot_NeedsNotes_ThenClosedForActionsAndResolvingAsync();

    [Fact]
    public Task BadInput_EachFieldNamed_NothingWritten() => BadInput_EachFieldNamed_NothingWrittenAsync();

    [Fact]
    public Task Scoping_UnitAndUnitsAbove_OthersNotFound_OtherRolesForbidden() => Scoping_UnitAndUnitsAbove_OthersNotFound_OtherRolesForbiddenAsync();

    [Fact]
    public Task List_OpenHighRiskFirst_FlaggedAfterSevenQuietDays_AnActionClearsIt() => List_OpenHighRiskFirst_FlaggedAfterSevenQuietDays_AnActionClearsItAsync();

    [Fact]
    public Task Stats_CountsByTypeUnitAndStatus_ResolvedShareOpenHighRisk_NoNames() => Stats_CountsByTypeUnitAndStatus_ResolvedShareOpenHighRisk_NoNamesAsync();
}

/// <summary>The journeys and the queries that order, scope and count (CASE ordering, unit sets) on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresScreeningTests(PostgresAppFactory app) : ScreeningTestsBase(app)
{
    [PostgresFact]
    public Task HandToDajing_MediatorMediatesToAgreement_GulangRegistersJudicialConfirmation() => HandToDajing_MediatorMediatesToAgreement_GulangRegistersJudicialConfirmationAsync();

    [PostgresFact]
    public Task ReferToCourt_DraftForThePartysPhone_PartySignsInBySmsAndSeesItPrefilled() => ReferToCourt_DraftForThePartysPhone_PartySignsInBySmsAndSeesItPrefilledAsync();

    [PostgresFact]
    public Task Scoping_UnitAndUnitsAbove_OthersNotFound_OtherRolesForbidden() => Scoping_UnitAndUnitsAbove_OthersNotFound_OtherRolesForbiddenAsync();

    [PostgresFact]
    public Task List_OpenHighRiskFirst_FlaggedAfterSevenQuietDays_AnActionClearsIt() => List_OpenHighRiskFirst_FlaggedAfterSevenQuietDays_AnActionClearsItAsync();

    [PostgresFact]
    public Task Stats_CountsByTypeUnitAndStatus_ResolvedShareOpenHighRisk_NoNames() => Stats_CountsByTypeUnitAndStatus_ResolvedShareOpenHighRisk_NoNamesAsync();
}
