using Docket.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// The outbox worker (filing.md, "Notifications"): pending rows are delivered (e-mail when enabled), a failed send is
/// retried after a back-off, and two rounds at once (two nodes) never send one notification twice. A recording
/// e-mail sender stands in for SMTP; the clock is fake, the worker's loop is off and its rounds are run by hand.
/// </summary>
public sealed class NotificationDeliveryTests(EmailAppFactory app) : IClassFixture<EmailAppFactory>
{
    NotificationDelivery Delivery => app.Services.GetRequiredService<NotificationDelivery>();

    Task<List<Notification>> RowsAsync(string userId) =>
        app.ReadDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId).ToListAsync());

    /// <summary>A filer with <paramref name="filings"/> submitted filings: one "submitted" notification each, all distinct.</summary>
    async Task<(DocketAppFactory.Filer Filer, string UserId, List<string> Receipts)> FilerWithSubmissionsAsync(int filings)
    {
        var filer = await app.NewFilerAsync();
        var receipts = new List<string>();
        for (var i = 0; i < filings; i++) receipts.Add((await app.SubmittedFilingAsync(filer.Token)).Receipt.Str("receiptNumber"));
        return (filer, await app.UserIdAsync(filer.Token), receipts);
    }

    [Fact]
    public async Task RunOnce_FirstSendFails_OthersDeliveredFailedOneRetriedAfterBackOffAndEachSentOnce()
    {
        // Deliver whatever other tests left pending first, so that the failure hits one of this filer's rows.
        app.Email.Reset(failures: 0, delay: TimeSpan.Zero);
        await Delivery.RunOnceAsync(default);
        var (filer, userId, receipts) = await FilerWithSubmissionsAsync(3);
        Assert.All(await RowsAsync(userId), n => Assert.Null(n.DeliveredAt));
        app.Email.Reset(failures: 1, delay: TimeSpan.Zero);
        var start = app.Now;

        await Delivery.RunOnceAsync(default);
        var sent = app.Email.To(filer.Email);
        Assert.Single(sent, c => c.Failed);
        Assert.Equal(2, sent.Count(c => !c.Failed));
        var rows = await RowsAsync(userId);
        var failed = Assert.Single(rows, n => n.DeliveredAt is null);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("SMTP", failed.LastError);
        Assert.Null(failed.LeaseUntil);
        Assert.Equal(start.UtcDateTime.AddMinutes(2), failed.NextAttemptAt);
        Assert.All(rows.Where(n => n.Id != failed.Id), n =>
        {
            Assert.Equal(start.UtcDateTime, n.DeliveredAt);
            Assert.Equal(0, n.Attempts);
            Assert.Null(n.LastError);
        });

        // Not before the back-off is over.
        app.Advance(TimeSpan.FromSeconds(119));
        await Delivery.RunOnceAsync(default);
        Assert.Equal(3, app.Email.To(filer.Email).Count);
        Assert.Null((await RowsAsync(userId)).Single(n => n.Id == failed.Id).DeliveredAt);

        app.Advance(TimeSpan.FromSeconds(1));
        await Delivery.RunOnceAsync(default);
        var delivered = (await RowsAsync(userId)).Single(n => n.Id == failed.Id);
        Assert.Equal(app.Now.UtcDateTime, delivered.DeliveredAt);
        Assert.Null(delivered.LastError);
        await Delivery.RunOnceAsync(default);

        sent = app.Email.To(filer.Email);
        var ok = sent.Where(c => !c.Failed).ToList();
        Assert.Equal(3, ok.Count);
        Assert.Equal(3, ok.Select(c => c.Body).Distinct().Count());
        foreach (var receipt in receipts) Assert.Single(ok, c => c.Body.Contains(receipt));
        Assert.All(ok, c => Assert.False(string.IsNullOrWhiteSpace(c.Subject)));
        Assert.All(await RowsAsync(userId), n => Assert.NotNull(n.DeliveredAt));
        // In-app the notifications are unaffected: all listed, unread.
        Assert.Equal(3, (await app.NotificationsAsync(filer.Token)).Count(n => !n.GetProperty("read").GetBoolean()));
    }

    /// <summary>
    /// A round that listed a notification before another round's send of it failed must not send it at once: the
    /// back-off holds whoever picks the row up next (the claim must also require the row to be due).
    /// </summary>
    [Fact]
    public async Task RunOnce_RoundListedTheRowBeforeAnotherRoundsSendFailed_BackOffStillHolds()
    {
        app.Email.Reset(failures: 0, delay: TimeSpan.Zero);
        await Delivery.RunOnceAsync(default);
        var (filer, userId, receipts) = await FilerWithSubmissionsAsync(2);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Email.Script = async n =>
        {
            if (n == 1) { entered.TrySetResult(); await gate.Task; }        // round B stalls on its first send
            else if (n == 2) throw new IOException("SMTP server unavailable (test)"); // round A's send fails
        };

        var roundB = Task.Run(() => Delivery.RunOnceAsync(default));        // lists both rows, sends the first
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Delivery.RunOnceAsync(default);                                // round A: the other row; its send fails
        var failed = Assert.Single(await RowsAsync(userId), n => n.Attempts == 1);
        Assert.Null(failed.DeliveredAt);
        Assert.Equal(app.Now.UtcDateTime.AddMinutes(2), failed.NextAttemptAt);

        gate.SetResult();
        await roundB.WaitAsync(TimeSpan.FromSeconds(30));
        var row = (await RowsAsync(userId)).Single(n => n.Id == failed.Id);
        Assert.True(row.DeliveredAt is null, "a failed notification was sent again before its back-off was over");
        Assert.Equal(2, app.Email.To(filer.Email).Count);

        app.Email.Script = null;
        app.Advance(TimeSpan.FromMinutes(2));
        await Delivery.RunOnceAsync(default);
        var ok = app.Email.To(filer.Email).Where(c => !c.Failed).ToList();
        foreach (var receipt in receipts) Assert.Single(ok, c => c.Body.Contains(receipt));
    }

    [Fact]
    public async Task RunOnce_TwoRoundsAtOnce_EachNotificationSentExactlyOnce()
    {
        var (filer, userId, receipts) = await FilerWithSubmissionsAsync(5);
        app.Email.Reset(failures: 1, delay: TimeSpan.FromMilliseconds(40));

        var rounds = await Task.WhenAll(Delivery.RunOnceAsync(default), Delivery.RunOnceAsync(default));
        app.Advance(TimeSpan.FromMinutes(2));
        await Delivery.RunOnceAsync(default);
        app.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(Delivery.RunOnceAsync(default), Delivery.RunOnceAsync(default));

        var ok = app.Email.To(filer.Email).Where(c => !c.Failed).ToList();
        foreach (var receipt in receipts) Assert.Single(ok, c => c.Body.Contains(receipt));
        Assert.Equal(5, ok.Count);
        Assert.Single(app.Email.Calls, c => c.Failed);
        var rows = await RowsAsync(userId);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, n => Assert.NotNull(n.DeliveredAt));
        Assert.All(rows, n => Assert.Null(n.LeaseUntil));
        Assert.True(rounds.Sum() >= 4, $"the two rounds delivered {rounds.Sum()}");
    }
}
