using System.Globalization;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

/// <summary>
/// 一次性告知补正 (登记立案规定 Art. 7): every deficiency in one notice with a due date, once per filing ever; the
/// filer corrects online and resubmits. A cooperating court never issues one (it cannot see the filing as competent).
/// </summary>
public sealed class RequestCorrection(DocketDbContext db, CalendarService calendar, TimeProvider clock)
{
    public sealed record Item(string? Message);
    public sealed record Request(List<Item?>? Items, string? DueDate);

    public const int MaxItems = 50;

    public async Task<Result<FilingDto>> HandleAsync(Clerk clerk, string id, Request? request, CancellationToken ct)
    {
        var filing = await ReviewScope.Competent(db, clerk.CourtId).FirstOrDefaultAsync(f => f.Id == id, ct);
        if (filing is null) return Error.NotFound();

        var e = new FieldErrors();
        var items = (request?.Items ?? []).Select(i => i?.Message?.Trim() ?? "").ToList();
        if (items.Count == 0) e.Add("items", "review.correction-items-required");
        else if (items.Count > MaxItems) e.Add("items", "review.correction-too-many-items");
        for (var i = 0; i < items.Count && i < MaxItems; i++)
        {
            if (items[i].Length == 0) e.Add($"items[{i}].message", "review.correction-item-empty");
            else if (items[i].Length > 1000) e.Add($"items[{i}].message", "review.correction-item-too-long");
        }
        var now = ChinaTime.UtcNow(clock);
        var today = ChinaTime.DateOf(now);
        var work = await calendar.GetAsync(ct);
        var court = await db.Courts.FirstAsync(c => c.Id == filing.CourtId, ct);
        DateOnly due;
        if (string.IsNullOrWhiteSpace(request?.DueDate)) due = work.Deadline(today, court.Policy.CorrectionDays).Deadline;
        else if (!DateOnly.TryParseExact(request.DueDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var given)
                 || given <= today || given > today.AddYears(1))
        {
            e.Add("dueDate", "review.correction-due-date-invalid");
            due = default;
        }
        else due = work.NextWorkingDayOnOrAfter(given); // a due date is moved past non-working days like every period
        if (e.Any) return e.ToError();

        if (filing.CorrectionCount > 0) return Error.Conflict("filing.correction-already-requested");
        filing.RequestCorrection(clerk.Actor, items, due, now);
        var receipt = await db.Receipts.Where(r => r.FilingId == filing.Id).OrderByDescending(r => r.Version).Select(r => r.ReceiptNumber).FirstAsync(ct);
        var owner = await db.Users.Where(u => u.Id == filing.OwnerId).Select(u => new { u.FullName, u.Email }).FirstAsync(ct);
        db.Notices.Add(NoticeIssuer.Correction(filing, court, receipt, owner.FullName ?? owner.Email ?? "", clerk.User.DisplayName, now));
        Outbox.Notify(db, filing.OwnerId, filing.Id, "correction-requested", "notify.correction-requested", now,
            items.Count.ToString(CultureInfo.InvariantCulture), $"{due:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        return FilingDto.From(filing);
    }
}
