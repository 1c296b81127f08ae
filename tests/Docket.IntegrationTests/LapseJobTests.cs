using System.Net;
using Docket.Web.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Docket.IntegrationTests;

/// <summary>
/// A correction not answered by its due date lapses at the end of that day, Asia/Shanghai (filing.md, "Correction"):
/// recorded in the hash-chained history, told to the filer, once — however many times (or nodes) the job runs.
/// </summary>
public sealed class LapseJobTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    static readonly object Correction = new { items = new[] { new { message = "请补充证据目录" } } };

    [Fact]
    public async Task RunOnce_DayAfterTheCorrectionDueDate_LapsedRecordedNotifiedOnce()
    {
        var filer = await app.NewFilerAsync();
        var clerk = await app.LoginAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var job = app.Services.GetRequiredService<LapseJob>();

        async Task<(string Id, DateOnly Due)> Corrected(object body)
        {
            var id = await app.ClaimedFilingAsync(filer.Token, clerk);
            var f = await app.ReviewAsync("request-correction", id, clerk, body);
            return (id, f.GetProperty("correction").Date("dueDate"));
        }
        var (lapsing, due) = await Corrected(Correction);
        var (lapsing2, due2) = await Corrected(Correction);
        var (inTime, _) = await Corrected(Correction);
        Assert.Equal(due, due2);
        Assert.Equal(await app.DeadlineAsync(app.Today, 15), due);
        var (later, laterDue) = await Corrected(new { items = new[] { new { message = "请补充证据目录" } }, dueDate = $"{due.AddDays(10):yyyy-MM-dd}" });
        Assert.True(laterDue > due);

        // The whole due date is still in time: nothing lapses, and a resubmission on that day counts.
        app.MoveTo(ReviewKit.ShanghaiInstant(due, new TimeOnly(23, 59, 0)));
        Assert.Equal(0, await job.RunOnceAsync(default));
        var token = await app.LoginAsync(filer.Email, filer.Password);
        Assert.Equal(2, (await app.SubmitAsync(inTime, token)).GetProperty("version").GetInt32());
        Assert.Equal("correction-requested", (await app.FilingAsync(lapsing, token)).Str("status"));

        // Just after midnight the round lapses both; a second round finds nothing (rounds at once: LapseRaceTests).
        app.MoveTo(ReviewKit.ShanghaiInstant(due.AddDays(1), new TimeOnly(0, 0, 30)));
        Assert.Equal(2, await job.RunOnceAsync(default));
        Assert.Equal(0, await job.RunOnceAsync(default));

        token = await app.LoginAsync(filer.Email, filer.Password);
        foreach (var id in new[] { lapsing, lapsing2 })
        {
            var f = await app.FilingAsync(id, token);
            Assert.Equal("lapsed", f.Str("status"));
            var history = await app.HistoryAsync(id, token);
            var lapse = Assert.Single(history, e => e.Str("action") == "lapse");
            Assert.Equal(lapse.GetProperty("sequence").GetInt32(), history.Count);
            Assert.Equal("correction-requested", lapse.Str("fromStatus"));
            Assert.Equal("lapsed", lapse.Str("toStatus"));
            Assert.Equal("system", lapse.GetProperty("actor").Str("role"));
            Assert.Equal($"{due:yyyy-MM-dd}", lapse.Str("note"));
            Assert.Equal(app.Now, lapse.GetProperty("at").GetDateTimeOffset());
            await app.AssertChainVerifiesAsync(id, token, 5);

            var note = Assert.Single(await app.NotificationsAsync(token), n => n.Str("filingId") == id && n.Str("kind") == "lapsed");
            Assert.Contains($"{due:yyyy-MM-dd}", note.Str("message"));

            // Lapsed is final for the filer: no resubmission, no edit, no withdrawal.
            await (await app.PostAsync($"/api/v1/filings/{id}/submit", null, token)).ShouldBeProblem(409, "filing.invalid-transition");
            await (await app.PutAsync($"/api/v1/filings/{id}", TestData.FilingBody(), token)).ShouldBeProblem(409, "filing.invalid-transition");
            await (await app.PostAsync($"/api/v1/filings/{id}/withdraw", null, token)).ShouldBeProblem(409, "filing.invalid-transition");
        }

        Assert.Equal("submitted", (await app.FilingAsync(inTime, token)).Str("status"));
        Assert.DoesNotContain(await app.HistoryAsync(inTime, token), e => e.Str("action") == "lapse");
        Assert.Equal("correction-requested", (await app.FilingAsync(later, token)).Str("status"));
        Assert.DoesNotContain(await app.NotificationsAsync(token), n => n.Str("kind") == "lapsed" && (n.Str("filingId") == inTime || n.Str("filingId") == later));

        clerk = await app.LoginAsync(ReviewKit.ClerkEmail(Courts.Gulang));
        var lapsed = await app.QueueAsync(clerk, "status=lapsed&pageSize=100");
        Assert.Contains(lapsed, i => i.Str("filingId") == lapsing);
        Assert.Contains(lapsed, i => i.Str("filingId") == lapsing2);
        await (await app.ReviewCallAsync("claim", lapsing, clerk)).ShouldBeProblem(409, "filing.invalid-transition");

        // The later due date lapses in its turn.
        app.MoveTo(ReviewKit.ShanghaiInstant(laterDue.AddDays(1), new TimeOnly(0, 5)));
        Assert.Equal(1, await job.RunOnceAsync(default));
        token = await app.LoginAsync(filer.Email, filer.Password);
        Assert.Equal("lapsed", (await app.FilingAsync(later, token)).Str("status"));
        Assert.Equal("submitted", (await app.FilingAsync(inTime, token)).Str("status"));
    }
}
