using System.Net;
using Docket.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// Review rules that depend on the time (a fake clock): the case-number year is the Asia/Shanghai year, the decision
/// period restarts at a resubmission, overdue flags follow the calendar, and in-app delivery without e-mail.
/// </summary>
public sealed class ClockedReviewTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    Task<string> ClerkAsync(string courtId = Courts.Gulang) => app.LoginAsync(ReviewKit.ClerkEmail(courtId));

    [Fact]
    public async Task Register_AroundMidnightOfNewYearsEveInShanghai_CaseNumberOfTheShanghaiYearAndNewYearStartsAtOne()
    {
        // The next 31 December at 15:59Z (23:59 in Shanghai) and at 16:30Z (00:30 on 1 January in Shanghai).
        var year = app.Today.Year;
        if (new DateTimeOffset(year, 12, 31, 15, 0, 0, TimeSpan.Zero) <= app.Now) year++;
        var filer = await app.NewFilerAsync();
        var clerk = await ClerkAsync();
        var a = await app.ClaimedFilingAsync(filer.Token, clerk);
        var b = await app.ClaimedFilingAsync(filer.Token, clerk);

        app.MoveTo(new DateTimeOffset(year, 12, 31, 15, 59, 0, TimeSpan.Zero));
        clerk = await ClerkAsync();
        var regA = await app.ReviewAsync("register", a, clerk);
        var numberA = ReviewKit.ParseCaseNumber(regA.Str("caseNumber"));
        Assert.Equal((year, "甘0622", "民初"), (numberA.Year, numberA.Court, numberA.Type));
        Assert.Equal(new DateTimeOffset(year, 12, 31, 23, 59, 0, TimeSpan.FromHours(8)), regA.GetProperty("registeredAt").GetDateTimeOffset());

        app.MoveTo(new DateTimeOffset(year, 12, 31, 16, 30, 0, TimeSpan.Zero));
        var regB = await app.ReviewAsync("register", b, clerk);
        Assert.Equal($"（{year + 1}）甘0622民初1号", regB.Str("caseNumber"));
        Assert.Equal(new DateOnly(year + 1, 1, 1), ReviewKit.ShanghaiDate(regB.GetProperty("registeredAt").GetDateTimeOffset()));
        Assert.Equal(await app.DeadlineAsync(new DateOnly(year + 1, 1, 1), 7), regB.GetProperty("fee").Date("dueDate"));
    }

    [Fact]
    public async Task Queue_TimeReachesAndPassesTheDecisionDeadline_DueTodayThenOverdue()
    {
        var filer = await app.NewFilerAsync();
        var (id, receipt) = await app.SubmittedFilingAsync(filer.Token, Courts.Liangzhou);
        var submittedOn = ReviewKit.ShanghaiDate(receipt.GetProperty("submittedAt").GetDateTimeOffset());
        var deadline = (await app.FilingAsync(id, filer.Token)).Date("decisionDeadline");
        Assert.Equal(await app.DeadlineAsync(submittedOn, 7), deadline);

        async Task<(bool Overdue, bool DueToday)> Flags(string clerk)
        {
            var item = Assert.Single(await app.QueueAsync(clerk), i => i.Str("filingId") == id);
            return (item.GetProperty("overdue").GetBoolean(), item.GetProperty("dueToday").GetBoolean());
        }

        var clerk = await ClerkAsync(Courts.Liangzhou);
        Assert.Equal((false, false), await Flags(clerk));

        app.MoveTo(ReviewKit.ShanghaiInstant(deadline, new TimeOnly(0, 0, 1)));
        clerk = await ClerkAsync(Courts.Liangzhou);
        Assert.Equal((false, true), await Flags(clerk));
        app.MoveTo(ReviewKit.ShanghaiInstant(deadline, new TimeOnly(23, 59, 0)));
        clerk = await ClerkAsync(Courts.Liangzhou);
        Assert.Equal((false, true), await Flags(clerk));

        app.MoveTo(ReviewKit.ShanghaiInstant(deadline.AddDays(1), new TimeOnly(0, 1)));
        clerk = await ClerkAsync(Courts.Liangzhou);
        Assert.Equal((true, false), await Flags(clerk));
        await app.ReviewAsync("claim", id, clerk);
        Assert.Equal((true, false), await Flags(clerk));
        var underReview = Assert.Single(await app.QueueAsync(clerk, "status=under-review"), i => i.Str("filingId") == id);
        Assert.True(underReview.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Resubmit_DaysAfterTheCorrection_DecisionPeriodRestartsFromTheResubmissionDate()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await ClerkAsync();
        var (id, v1) = await app.SubmittedFilingAsync(filer.Token);
        var firstDeadline = (await app.FilingAsync(id, filer.Token)).Date("decisionDeadline");
        await app.ReviewAsync("claim", id, clerk);
        var due = (await app.ReviewAsync("request-correction", id, clerk, new { items = new[] { new { message = "请补充证据" } } }))
            .GetProperty("correction").Date("dueDate");

        app.Advance(TimeSpan.FromDays(4));
        var token = await app.LoginAsync(filer.Email, filer.Password);
        var v2 = await app.SubmitAsync(id, token);
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.Equal(app.Now, v2.GetProperty("submittedAt").GetDateTimeOffset());
        Assert.True(v2.GetProperty("submittedAt").GetDateTimeOffset() > v1.GetProperty("submittedAt").GetDateTimeOffset());

        var f = await app.FilingAsync(id, token);
        var restarted = await app.DeadlineAsync(app.Today, 7);
        Assert.Equal(restarted, f.Date("decisionDeadline"));
        Assert.True(restarted > firstDeadline, $"{restarted} after {firstDeadline}");
        Assert.Equal(due, f.GetProperty("correction").Date("dueDate"));
        Assert.Equal(app.Now, f.GetProperty("submittedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task DeliveryRunOnce_NoEmailConfigured_PendingRowsMarkedDeliveredInApp()
    {
        var filer = await app.NewFilerAsync();
        var (id, _) = await app.SubmittedFilingAsync(filer.Token);
        var userId = await app.UserIdAsync(filer.Token);
        var pending = await app.ReadDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).ToListAsync());
        Assert.Equal(id, Assert.Single(pending).FilingId);
        Assert.Null(pending[0].DeliveredAt);

        var delivered = await app.Services.GetRequiredService<NotificationDelivery>().RunOnceAsync(default);
        Assert.True(delivered >= 1);
        var row = await app.ReadDbAsync(db => db.Notifications.AsNoTracking().SingleAsync(n => n.UserId == userId));
        Assert.Equal(app.Now.UtcDateTime, row.DeliveredAt);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.LeaseUntil);
        Assert.Null(row.ReadAt);
        Assert.Equal(0, await app.Services.GetRequiredService<NotificationDelivery>().RunOnceAsync(default));
    }
}
