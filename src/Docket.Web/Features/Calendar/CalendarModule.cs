using System.Globalization;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Calendar;

/// <summary>The official calendar, read once from the database and cached until an import changes it.</summary>
public sealed class CalendarService(IServiceScopeFactory scopes)
{
    volatile WorkingCalendar? cached;
    readonly SemaphoreSlim gate = new(1, 1);

    public async Task<WorkingCalendar> GetAsync(CancellationToken ct = default)
    {
        if (cached is { } c) return c;
        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again) return again;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
            var days = await db.CalendarDays.AsNoTracking().Select(d => new { d.Date, d.Kind }).ToListAsync(ct);
            return cached = new WorkingCalendar(days.Select(d => (d.Date, d.Kind)));
        }
        finally { gate.Release(); }
    }

    public void Invalidate() => cached = null;
}

public sealed record DeadlineDto(DateOnly Start, int Days, DateOnly Deadline, bool Shifted, bool CalendarLoaded);

public static class CalendarModule
{
    public static void MapCalendarApi(this RouteGroupBuilder api)
    {
        api.MapGet("/calendar/deadline", async Task<Results<Ok<DeadlineDto>, ProblemHttpResult>> (string? start, string? days, CalendarService calendar, HttpContext http, CancellationToken ct) =>
        {
            var e = new FieldErrors();
            if (!DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)) e.Add("start", "calendar.start-invalid");
            if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 3650) e.Add("days", "calendar.days-invalid");
            if (e.Any) return e.ToError().ToProblem(http);
            var r = (await calendar.GetAsync(ct)).Deadline(s, n);
            return TypedResults.Ok(new DeadlineDto(r.Start, r.Days, r.Deadline, r.Shifted, r.CalendarLoaded));
        }).WithTags("Calendar").AllowAnonymous();
    }
}
