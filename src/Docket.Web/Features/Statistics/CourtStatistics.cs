using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Statistics;

public sealed record GroupStatsDto(string Key, int Registered, double? MedianMinutesToRegistration, double? P90MinutesToRegistration);
public sealed record CaseTypeStatsDto(string CaseType, int Registered, double? MedianMinutesToRegistration, double? P90MinutesToRegistration);
public sealed record CauseStatsDto(string Cause, int Registered, double? MedianMinutesToRegistration, double? P90MinutesToRegistration);
public sealed record CourtPairDto(string CooperatingCourtId, string CourtId, int Count, double? MedianResponseMinutes);
public sealed record CrossRegionStatsDto(int Count, double? MedianMinutesToRegistration, double? MedianResponseMinutes, double? Within30MinutesShare, IReadOnlyList<CourtPairDto> ByCourtPair);
public sealed record CourtStatsDto(
    string CourtId, DateOnly From, DateOnly To, int Submitted, int Registered, int Rejected, int CorrectionRequested,
    double? MedianMinutesToRegistration, double? P90MinutesToRegistration, IReadOnlyList<CaseTypeStatsDto> ByCaseType,
    IReadOnlyList<CauseStatsDto> ByCause, CrossRegionStatsDto CrossRegion);
public sealed record PublicCourtStatsDto(string CourtId, int Registered, double? MedianMinutesToRegistration);

/// <summary>
/// Volumes and time to registration per court (api.md, "Statistics"; cross-region.md, "Timings"). Time to
/// registration runs from the first complete submission — for a cross-region filing, the one at the cooperating
/// court — to registration, without the time the filer took to answer a correction notice. A cross-region
/// filing's response time runs from forwarding to the competent court's first action (claim or decision).
/// Percentiles by nearest rank.
/// </summary>
public sealed class CourtStatistics(DocketDbContext db, TimeProvider clock)
{
    public async Task<Result<CourtStatsDto>> ForCourtAsync(string courtId, string? from, string? to, CancellationToken ct)
    {
        var rows = await RowsAsync(courtId, from, to, ct);
        return rows.IsOk ? Summarize(rows.Value) : rows.Error!;
    }

    /// <summary>The figures of <see cref="ForCourtAsync"/> and the same volumes and times per day or month, from one read.</summary>
    public async Task<Result<CourtReport>> ReportAsync(string courtId, string? from, string? to, CancellationToken ct)
    {
        var rows = await RowsAsync(courtId, from, to, ct);
        if (!rows.IsOk) return rows.Error!;
        var r = rows.Value;
        return new CourtReport(Summarize(r), StatisticsSeries.GranularityOf(r.From, r.To),
            StatisticsSeries.Periods([.. r.Rows.Where(f => f.CourtId == courtId)], r.From, r.To));
    }

    /// <summary>The filings of a court (its own and those it cooperates on) with any event in the period.</summary>
    internal sealed record CourtRows(string CourtId, DateOnly From, DateOnly To, List<Row> Rows);

    async Task<Result<CourtRows>> RowsAsync(string courtId, string? from, string? to, CancellationToken ct)
    {
        var range = Range(from, to);
        if (!range.IsOk) return range.Error!;
        var (start, end) = range.Value;
        var (s, e) = (ChinaTime.StartOfDay(start), ChinaTime.StartOfDay(end.AddDays(1)));
        var rows = await db.Filings.AsNoTracking()
            .Where(f => f.CourtId == courtId || f.CooperatingCourtId == courtId)
            .Where(f => (f.FirstSubmittedAt >= s && f.FirstSubmittedAt < e) || (f.RegisteredAt >= s && f.RegisteredAt < e)
                        || (f.DecidedAt >= s && f.DecidedAt < e) || (f.CorrectionRequestedAt >= s && f.CorrectionRequestedAt < e))
            .Select(f => new Row(f.CourtId, f.CooperatingCourtId, f.CaseType, f.Cause, f.Status, f.FirstSubmittedAt, f.SubmittedAt,
                f.RegisteredAt, f.DecidedAt, f.ForwardedAt, f.FirstActionAt, f.CorrectionRequestedAt))
            .ToListAsync(ct);
        return new CourtRows(courtId, start, end, rows);
    }

    static CourtStatsDto Summarize(CourtRows data)
    {
        var (courtId, start, end, rows) = data;
        var (s, e) = (ChinaTime.StartOfDay(start), ChinaTime.StartOfDay(end.AddDays(1)));
        bool In(DateTime? t) => t >= s && t < e;
        var own = rows.Where(f => f.CourtId == courtId).ToList();
        var volumes = Volumes(own, s, e);
        var registered = volumes.Registered;

        var all = ToRegistration(registered);
        var byType = registered.GroupBy(f => f.CaseType).OrderBy(g => g.Key).Select(g =>
        {
            var m = ToRegistration(g);
            return new CaseTypeStatsDto(g.Key, g.Count(), Percentile(m, 50), Percentile(m, 90));
        }).ToList();
        var byCause = registered.GroupBy(f => f.Cause).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var m = ToRegistration(g);
            return new CauseStatsDto(g.Key, g.Count(), Percentile(m, 50), Percentile(m, 90));
        }).ToList();

        // Cross-region: filings this court decided or cooperated on, submitted in the period.
        var cross = rows.Where(f => f.CooperatingCourtId is not null && In(f.FirstSubmittedAt)).ToList();
        var crossRegistered = rows.Where(f => f.CooperatingCourtId is not null && f.CourtId == courtId && In(f.RegisteredAt) && f.FirstSubmittedAt is not null).ToList();
        var responses = cross.Where(f => f.ResponseMinutes is not null).Select(f => f.ResponseMinutes!.Value).ToList();
        var pairs = cross.GroupBy(f => (f.CooperatingCourtId!, f.CourtId)).OrderBy(g => g.Key.Item1).ThenBy(g => g.Key.CourtId)
            .Select(g => new CourtPairDto(g.Key.Item1, g.Key.CourtId, g.Count(),
                Percentile([.. g.Where(f => f.ResponseMinutes is not null).Select(f => f.ResponseMinutes!.Value)], 50)))
            .ToList();

        return new CourtStatsDto(courtId, start, end,
            volumes.Submitted, registered.Count, volumes.Rejected, volumes.CorrectionRequested,
            Percentile(all, 50), Percentile(all, 90), byType, byCause,
            new CrossRegionStatsDto(cross.Count, Percentile(ToRegistration(crossRegistered), 50), Percentile(responses, 50),
                responses.Count == 0 ? null : Math.Round(responses.Count(m => m <= 30) / (double)responses.Count, 4), pairs));
    }

    /// <summary>
    /// A court's own volumes in [<paramref name="s"/>, <paramref name="e"/>): submitted (first submission), rejected
    /// and sent back for correction then, and the filings registered then (those with a first submission, so timed).
    /// One definition for the period's headline and for each day or month of it.
    /// </summary>
    internal static (int Submitted, List<Row> Registered, int Rejected, int CorrectionRequested) Volumes(IReadOnlyList<Row> own, DateTime s, DateTime e)
    {
        bool In(DateTime? t) => t >= s && t < e;
        return (own.Count(f => In(f.FirstSubmittedAt)), [.. own.Where(f => In(f.RegisteredAt) && f.FirstSubmittedAt is not null)],
            own.Count(f => f.Status == FilingStatus.Rejected && In(f.DecidedAt)), own.Count(f => In(f.CorrectionRequestedAt)));
    }

    internal static List<double> ToRegistration(IEnumerable<Row> xs) => [.. xs.Select(x => x.MinutesToRegistration)];

    internal sealed record Row(
        string CourtId, string? CooperatingCourtId, string CaseType, string Cause, string Status, DateTime? FirstSubmittedAt,
        DateTime? SubmittedAt, DateTime? RegisteredAt, DateTime? DecidedAt, DateTime? ForwardedAt, DateTime? FirstActionAt,
        DateTime? CorrectionRequestedAt)
    {
        /// <summary>First submission → registration, less the filer's time between a correction notice and the resubmission.</summary>
        public double MinutesToRegistration
        {
            get
            {
                var total = (RegisteredAt!.Value - FirstSubmittedAt!.Value).TotalMinutes;
                var waiting = CorrectionRequestedAt is { } r && SubmittedAt is { } again && again > r ? (again - r).TotalMinutes : 0;
                return total - waiting;
            }
        }

        /// <summary>Forwarding → the competent court's first action (cross-region.md, "Timings").</summary>
        public double? ResponseMinutes => ForwardedAt is { } f && FirstActionAt is { } a && a >= f ? (a - f).TotalMinutes : null;
    }

    /// <summary>Per court, the last 30 days: registrations and the median time to registration, as on the court's own page.</summary>
    public async Task<List<PublicCourtStatsDto>> PublicAsync(CancellationToken ct)
    {
        var (start, end) = Range(null, null).Value;
        var (s, e) = (ChinaTime.StartOfDay(start), ChinaTime.StartOfDay(end.AddDays(1)));
        var rows = await db.Filings.AsNoTracking().Where(f => f.RegisteredAt >= s && f.RegisteredAt < e && f.FirstSubmittedAt != null)
            .Select(f => new Row(f.CourtId, f.CooperatingCourtId, f.CaseType, f.Cause, f.Status, f.FirstSubmittedAt, f.SubmittedAt,
                f.RegisteredAt, f.DecidedAt, f.ForwardedAt, f.FirstActionAt, f.CorrectionRequestedAt))
            .ToListAsync(ct);
        var courts = await db.Courts.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        return [.. courts.Select(id =>
        {
            var m = ToRegistration(rows.Where(r => r.CourtId == id));
            return new PublicCourtStatsDto(id, m.Count, Percentile(m, 50));
        })];
    }

    /// <summary>Nearest-rank percentile, rounded to 0.1 minute; null for no data.</summary>
    public static double? Percentile(List<double> values, int p)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var rank = (int)Math.Ceiling(p / 100.0 * values.Count);
        return Math.Round(values[Math.Clamp(rank, 1, values.Count) - 1], 1);
    }

    Result<(DateOnly, DateOnly)> Range(string? from, string? to)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var e = new FieldErrors();
        DateOnly start = today.AddDays(-29), end = today;
        if (!string.IsNullOrWhiteSpace(from) && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)) e.Add("from", "stats.date-invalid");
        if (!string.IsNullOrWhiteSpace(to) && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end)) e.Add("to", "stats.date-invalid");
        if (!e.Any && (end < start || end.DayNumber - start.DayNumber > 3660)) e.Add("to", "stats.range-invalid");
        if (e.Any) return e.ToError();
        return (start, end);
    }
}

public static class StatisticsModule
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services.AddScoped<CourtStatistics>();

    public static void MapStatisticsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/stats").WithTags("Statistics");
        g.MapGet("/public", async (CourtStatistics stats, CancellationToken ct) => TypedResults.Ok(await stats.PublicAsync(ct))).AllowAnonymous();
        g.MapGet("/courts/{id}", async Task<Results<Ok<CourtStatsDto>, ProblemHttpResult>> (string id, string? from, string? to, HttpContext http,
            UserManager<User> users, DocketDbContext db, CourtStatistics stats, CancellationToken ct) =>
        {
            var court = await StatisticsScope.CourtAsync(users, db, http.User, id, ct);
            if (!court.IsOk) return court.Error!.ToProblem(http);
            return (await stats.ForCourtAsync(court.Value!, from, to, ct)).ToHttp(http);
        }).RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireRole(Roles.Clerk, Roles.CourtAdmin, Roles.Admin));
    }
}
