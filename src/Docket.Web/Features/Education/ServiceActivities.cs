using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Education;

public sealed record ServiceActivityDto(
    string Id, string UnitId, string Title, string Date, string Theme, int Beneficiaries, string Description, string Outcome,
    string? MediationCaseId, string? FilingId)
{
    public static ServiceActivityDto From(ServiceActivity a) => new(
        a.Id, a.UnitId, a.Title, TrainingEventDto.Iso(a.Date), a.Theme, a.Beneficiaries, a.Description, a.Outcome, a.MediationCaseId, a.FilingId);
}

public sealed record ServiceMonthDto(string UnitId, string Month, int Activities, int Beneficiaries);

public sealed record ServiceReportDto(string UnitId, string From, string To, int Activities, int Beneficiaries, List<ServiceMonthDto> ByUnitAndMonth);

/// <summary>The service-to-the-people ledger (为民办实事): activities per unit, optionally linked to a mediation case or a filing.</summary>
public sealed class ServiceActivities(DocketDbContext db, TimeProvider clock)
{
    public sealed record Request(
        string? UnitId, string? Title, string? Date, string? Theme, int? Beneficiaries, string? Description, string? Outcome, string? MediationCaseId,
        string? FilingId);

    public async Task<Result<ServiceActivityDto>> CreateAsync(OrgCaller caller, Request? r, CancellationToken ct)
    {
        if (r is null) return Error.BadRequest("request.malformed");
        var unit = EducationInput.Optional(r.UnitId);
        if (unit is not null && !caller.Sees(unit)) return Error.NotFound();
        var e = new FieldErrors();
        if (unit is null) e.Add("unitId", "education.text-required");
        var title = EducationInput.Text(r.Title, "title", 200, e);
        var date = EducationInput.RequiredDate(r.Date, "date", e);
        var theme = EducationInput.Text(r.Theme, "theme", 100, e, required: false);
        if (r.Beneficiaries is not (>= 0 and <= 10_000_000)) e.Add("beneficiaries", "education.beneficiaries-invalid");
        var description = EducationInput.Text(r.Description, "description", 4000, e);
        var outcome = EducationInput.Text(r.Outcome, "outcome", 2000, e, required: false);
        var caseId = EducationInput.Optional(r.MediationCaseId);
        var filingId = EducationInput.Optional(r.FilingId);
        if (caseId is not null && (caseId.Length > 64 || !await db.MediationCases.AnyAsync(c => c.Id == caseId, ct)))
            e.Add("mediationCaseId", "education.link-unknown");
        if (filingId is not null && (filingId.Length > 64 || !await db.Filings.AnyAsync(f => f.Id == filingId, ct)))
            e.Add("filingId", "education.link-unknown");
        if (e.Any) return e.ToError();
        var a = new ServiceActivity
        {
            Id = EducationInput.NewId(), UnitId = unit!, Title = title, Date = date!.Value, Theme = theme, Beneficiaries = r.Beneficiaries!.Value,
            Description = description, Outcome = outcome, MediationCaseId = caseId, FilingId = filingId, CreatedBy = caller.User.Id,
            CreatedAt = ChinaTime.UtcNow(clock),
        };
        db.ServiceActivities.Add(a);
        await db.SaveChangesAsync(ct);
        return ServiceActivityDto.From(a);
    }

    /// <summary>The ledger itself: the activities of the unit's subtree, newest first.</summary>
    public async Task<Result<Filings.Page<ServiceActivityDto>>> ListAsync(OrgCaller caller, string? unitId, int page, int pageSize, CancellationToken ct)
    {
        var root = EducationInput.Optional(unitId) ?? caller.HomeUnit;
        if (root is null || !caller.Sees(root)) return Error.NotFound();
        var units = caller.Subtree(root).ToList();
        var q = db.ServiceActivities.AsNoTracking().Where(a => units.Contains(a.UnitId));
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, 100);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(a => a.Date).ThenByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Filings.Page<ServiceActivityDto>(total, [.. rows.Select(ServiceActivityDto.From)]);
    }

    /// <summary>Per unit and month over the unit's subtree; defaults: this calendar year.</summary>
    public async Task<Result<ServiceReportDto>> ReportAsync(OrgCaller caller, string? unitId, string? from, string? to, CancellationToken ct)
    {
        var root = EducationInput.Optional(unitId) ?? caller.HomeUnit;
        if (root is null || !caller.Sees(root)) return Error.NotFound();
        var e = new FieldErrors();
        var today = ChinaTime.DateOf(ChinaTime.UtcNow(clock));
        var f = from is null ? new DateOnly(today.Year, 1, 1) : EducationInput.RequiredDate(from, "from", e);
        var t = to is null ? new DateOnly(today.Year, 12, 31) : EducationInput.RequiredDate(to, "to", e);
        if (f is { } f0 && t is { } t0 && t0 < f0) e.Add("to", "education.period-invalid");
        if (e.Any) return e.ToError();
        var (fd, td) = (f!.Value, t!.Value);
        var units = caller.Subtree(root).ToList();
        var rows = await db.ServiceActivities.AsNoTracking().Where(a => units.Contains(a.UnitId) && a.Date >= fd && a.Date <= td)
            .Select(a => new { a.UnitId, a.Date, a.Beneficiaries }).ToListAsync(ct);
        var months = rows.GroupBy(a => (a.UnitId, Month: a.Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(g => g.Key.UnitId, StringComparer.Ordinal).ThenBy(g => g.Key.Month, StringComparer.Ordinal)
            .Select(g => new ServiceMonthDto(g.Key.UnitId, g.Key.Month, g.Count(), g.Sum(a => a.Beneficiaries))).ToList();
        return new ServiceReportDto(root, TrainingEventDto.Iso(fd), TrainingEventDto.Iso(td), rows.Count, rows.Sum(a => a.Beneficiaries), months);
    }
}
