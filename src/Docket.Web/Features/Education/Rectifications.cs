using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Education;

public sealed record RectificationDto(
    string Id, string UnitId, string Category, string Description, string Responsible, string DueDate, string Measures, string Status,
    bool Overdue, string? Note, string? Evidence, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt)
{
    public static RectificationDto From(Rectification r, DateOnly today) => new(
        r.Id, r.UnitId, r.Category, r.Description, r.Responsible, TrainingEventDto.Iso(r.DueDate), r.Measures, r.Status, r.IsOverdue(today), r.Note,
        r.Evidence, ChinaTime.ToOffset(r.CreatedAt), r.ClosedAt is { } c ? ChinaTime.ToOffset(c) : null);
}

public sealed record CategoryCountsDto(int Open, int Overdue, int Closed);

/// <summary>Counts only: an aggregate never carries a responsible person's name or an item's text.</summary>
/// <remarks><c>byCategory</c> counts every item of a category (as <c>byDisputeType</c> does for mediation); <c>categories</c> splits them by status.</remarks>
public sealed record RectificationReportDto(
    string UnitId, int Open, int Overdue, int Closed, Dictionary<string, int> ByCategory, Dictionary<string, CategoryCountsDto> Categories);

/// <summary>
/// The rectification ledger (查纠整改): only the committee and the unit's leaders (unit admins of that unit or a unit
/// above it) see a unit's items; for anyone else the items and the unit are not found. A due date in the past is
/// accepted (items are often entered late) and the item shows as overdue at once.
/// </summary>
public sealed class Rectifications(DocketDbContext db, TimeProvider clock)
{
    public sealed record CreateRequest(string? UnitId, string? Category, string? Description, string? Responsible, string? DueDate, string? Measures);

    public sealed record StatusRequest(string? Status, string? Note);

    public sealed record CloseRequest(string? Evidence);

    DateOnly Today => ChinaTime.DateOf(ChinaTime.UtcNow(clock));

    IQueryable<Rectification> Visible(OrgCaller c)
    {
        var units = c.Visible.ToList();
        return db.Rectifications.Where(r => units.Contains(r.UnitId));
    }

    public async Task<Result<RectificationDto>> CreateAsync(OrgCaller caller, CreateRequest? r, CancellationToken ct)
    {
        if (r is null) return Error.BadRequest("request.malformed");
        var unit = EducationInput.Optional(r.UnitId);
        if (unit is not null && !caller.Sees(unit)) return Error.NotFound();
        var e = new FieldErrors();
        if (unit is null) e.Add("unitId", "education.text-required");
        if (r.Category is null || !RectificationCategories.All.Contains(r.Category)) e.Add("category", "education.category-invalid");
        var description = EducationInput.Text(r.Description, "description", 4000, e);
        var responsible = EducationInput.Text(r.Responsible, "responsible", 100, e);
        var due = EducationInput.RequiredDate(r.DueDate, "dueDate", e);
        var measures = EducationInput.Text(r.Measures, "measures", 4000, e);
        if (e.Any) return e.ToError();
        var item = new Rectification
        {
            Id = EducationInput.NewId(), UnitId = unit!, Category = r.Category!, Description = description, Responsible = responsible, DueDate = due!.Value,
            Measures = measures, CreatedBy = caller.User.Id, CreatedAt = ChinaTime.UtcNow(clock),
        };
        db.Rectifications.Add(item);
        await db.SaveChangesAsync(ct);
        return RectificationDto.From(item, Today);
    }

    public async Task<Result<RectificationDto>> SetStatusAsync(OrgCaller caller, string id, StatusRequest? r, CancellationToken ct)
    {
        var item = await Visible(caller).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (item is null) return Error.NotFound();
        if (r is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        if (r.Status is not (RectificationStatuses.Open or RectificationStatuses.InProgress)) e.Add("status", "education.status-invalid");
        var note = EducationInput.Text(r.Note, "note", 2000, e, required: false);
        if (e.Any) return e.ToError();
        if (item.Status == RectificationStatuses.Closed) return Error.Conflict("education.rectification-closed");
        item.Status = r.Status!;
        if (note.Length > 0) item.Note = note;
        await db.SaveChangesAsync(ct);
        return RectificationDto.From(item, Today);
    }

    public async Task<Result<RectificationDto>> CloseAsync(OrgCaller caller, string id, CloseRequest? r, CancellationToken ct)
    {
        var item = await Visible(caller).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (item is null) return Error.NotFound();
        if (r is null) return Error.BadRequest("request.malformed");
        var e = new FieldErrors();
        var evidence = EducationInput.Text(r.Evidence, "evidence", 4000, e);
        if (e.Any) return e.ToError();
        if (item.Status == RectificationStatuses.Closed) return Error.Conflict("education.rectification-closed");
        item.Status = RectificationStatuses.Closed;
        item.Evidence = evidence;
        item.ClosedAt = ChinaTime.UtcNow(clock);
        await db.SaveChangesAsync(ct);
        return RectificationDto.From(item, Today);
    }

    public async Task<Result<Page<RectificationDto>>> ListAsync(OrgCaller caller, string? unitId, string? status, int page, int pageSize, CancellationToken ct,
        string? category = null)
    {
        var root = EducationInput.Optional(unitId) ?? caller.HomeUnit;
        if (root is null || !caller.Sees(root)) return Error.NotFound();
        var units = caller.Subtree(root).Where(caller.Sees).ToList();
        var q = db.Rectifications.AsNoTracking().Where(r => units.Contains(r.UnitId));
        if (EducationInput.Optional(status) is { } s) q = q.Where(r => r.Status == s);
        if (EducationInput.Optional(category) is { } c) q = q.Where(r => r.Category == c);
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(r => r.DueDate).ThenBy(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var today = Today;
        return new Page<RectificationDto>(total, [.. rows.Select(r => RectificationDto.From(r, today))]);
    }

    public async Task<Result<RectificationReportDto>> ReportAsync(OrgCaller caller, string? unitId, CancellationToken ct)
    {
        var root = EducationInput.Optional(unitId) ?? caller.HomeUnit;
        if (root is null || !caller.Sees(root)) return Error.NotFound();
        var units = caller.Subtree(root).ToList();
        var rows = await db.Rectifications.AsNoTracking().Where(r => units.Contains(r.UnitId))
            .Select(r => new { r.Category, r.Status, r.DueDate }).ToListAsync(ct);
        var today = Today;
        CategoryCountsDto Count(IEnumerable<(string Status, DateOnly Due)> items)
        {
            var list = items.ToList();
            return new CategoryCountsDto(
                list.Count(x => x.Status != RectificationStatuses.Closed),
                list.Count(x => x.Status != RectificationStatuses.Closed && x.Due < today),
                list.Count(x => x.Status == RectificationStatuses.Closed));
        }
        var all = Count(rows.Select(r => (r.Status, r.DueDate)));
        var byCategory = RectificationCategories.All.ToDictionary(c => c,
            c => Count(rows.Where(r => r.Category == c).Select(r => (r.Status, r.DueDate))));
        return new RectificationReportDto(root, all.Open, all.Overdue, all.Closed,
            RectificationCategories.All.ToDictionary(c => c, c => rows.Count(r => r.Category == c)), byCategory);
    }
}
