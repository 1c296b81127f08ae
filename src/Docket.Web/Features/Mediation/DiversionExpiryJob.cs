using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Jobs;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

/// <summary>
/// 诉前调解 lasts at most 30 days (mediation.md): once the 30th day after the diversion has passed (Asia/Shanghai)
/// without an agreement, the case closes as failed and its filing returns to the court's queue with its original
/// submission date — both recorded, the filer told. Safe on several nodes: the case's and the filing's version
/// tokens let only one change commit (a mediator closing the case at that moment wins or loses cleanly).
/// </summary>
public sealed class DiversionExpiryJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DiversionExpiryJob> log) : BackgroundService
{
    public const string ReturnNote = "诉前调解期限届满";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Diversion expiry round failed"); }
            try { await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        // Diverted on day D: day D+30 is the last (0 days left); from D+31 on it has expired.
        var divertedBefore = ChinaTime.StartOfDay(today.AddDays(-MediationRules.PreLitigationDays));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        var diversion = scope.ServiceProvider.GetRequiredService<CourtDiversion>();
        var ids = await db.MediationCases.AsNoTracking()
            .Where(c => c.Source == MediationSources.CourtDiversion && c.Status == MediationStatus.Open && c.CreatedAt < divertedBefore)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).Take(500).ToListAsync(ct);
        var expired = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var c = await db.MediationCases.FirstOrDefaultAsync(x => x.Id == id && x.Status == MediationStatus.Open, ct);
            if (c is null) continue;
            c.Close(MediationStatus.Failed, null, LapseJob.System, now, today);
            await diversion.EndAsync(c, LapseJob.System, ReturnNote, now, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                expired++;
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(e))
            {
                // The mediator closed it at this moment, or another node expired it first.
            }
        }
        if (expired > 0) log.LogInformation("{Count} court diversion(s) returned after 30 days without agreement", expired);
        return expired;
    }
}
