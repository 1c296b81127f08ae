using Docket.Web.Features.Filings;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Infrastructure.Jobs;

/// <summary>
/// At the end of a correction's due date (Asia/Shanghai) a filing not resubmitted lapses (退回), recorded in its
/// history and told to the filer (filing.md, "Correction"). Safe on several nodes: each filing's version token lets
/// only one node's change commit.
/// </summary>
public sealed class LapseJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LapseJob> log) : BackgroundService
{
    public static readonly Actor System = new("system", "系统", "system");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Lapse round failed"); }
            try { await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        var ids = await db.Filings.AsNoTracking()
            .Where(f => f.Status == FilingStatus.CorrectionRequested && f.CorrectionDueDate < today)
            .OrderBy(f => f.CorrectionDueDate).ThenBy(f => f.Id).Select(f => f.Id).Take(500).ToListAsync(ct);
        var lapsed = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var f = await db.Filings.FirstOrDefaultAsync(x => x.Id == id && x.Status == FilingStatus.CorrectionRequested, ct);
            if (f is null) continue;
            f.Lapse(System, now);
            Outbox.Notify(db, f.OwnerId, f.Id, "lapsed", "notify.lapsed", now, $"{f.CorrectionDueDate:yyyy-MM-dd}");
            try
            {
                await db.SaveChangesAsync(ct);
                lapsed++;
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
            {
                // The filer resubmitted at this moment, or another round or node lapsed it first.
            }
        }
        if (lapsed > 0) log.LogInformation("{Count} filing(s) lapsed after their correction due date", lapsed);
        return lapsed;
    }
}
