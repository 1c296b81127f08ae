using Docket.Web.Features.Accounts;
using Docket.Web.Features.Notices;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>The owner's reads: list, detail, check, receipt, history.</summary>
public sealed class FilingReads(DocketDbContext db)
{
    public async Task<Page<FilingSummaryDto>> ListAsync(string ownerId, int page, int pageSize, CancellationToken ct)
    {
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var q = db.Filings.AsNoTracking().Where(f => f.OwnerId == ownerId);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(f => new { f.Id, f.CourtId, f.CaseType, f.Status, f.Title, f.Cause, f.SubmittedAt, f.DecisionDeadline, f.CreatedAt, f.UpdatedAt })
            .ToListAsync(ct);
        return new Page<FilingSummaryDto>(total, [.. rows.Select(f => new FilingSummaryDto(f.Id, f.CourtId, f.CaseType, f.Status, f.Title, f.Cause,
            f.SubmittedAt is { } s ? ChinaTime.ToOffset(s) : null, f.DecisionDeadline, ChinaTime.ToOffset(f.CreatedAt), ChinaTime.ToOffset(f.UpdatedAt)))]);
    }

    public async Task<Result<FilingDto>> GetAsync(string ownerId, string id, CancellationToken ct)
    {
        var f = await FilingQueries.Owned(db, id, ownerId).AsNoTracking().FirstOrDefaultAsync(ct);
        if (f is null) return Error.NotFound();
        // The court's payee account goes with the fee (fees.md: pay by bank transfer to the court's account).
        var court = f.FeeStatus is null ? null : await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == f.CourtId, ct);
        return FilingDto.From(f, court);
    }

    public async Task<Result<IReadOnlyList<CheckItem>>> CheckAsync(User owner, string id, CancellationToken ct)
    {
        var f = await FilingQueries.Owned(db, id, owner.Id).AsNoTracking().FirstOrDefaultAsync(ct);
        if (f is null) return Error.NotFound();
        return Result<IReadOnlyList<CheckItem>>.Ok(FilingCheck.Run(f, owner));
    }

    public async Task<Result<Receipt>> LatestReceiptAsync(string ownerId, string id, CancellationToken ct)
    {
        if (!await db.Filings.AnyAsync(f => f.Id == id && f.OwnerId == ownerId, ct)) return Error.NotFound();
        var r = await db.Receipts.AsNoTracking().Where(r => r.FilingId == id).OrderByDescending(r => r.Version).FirstOrDefaultAsync(ct);
        return r is null ? Error.Conflict("filing.not-submitted") : r;
    }

    public async Task<Result<byte[]>> ReceiptPdfAsync(string ownerId, string id, string verifyBaseUrl, CancellationToken ct)
    {
        var r = await LatestReceiptAsync(ownerId, id, ct);
        if (!r.IsOk) return r.Error!;
        return await ReceiptPdfs.RenderAsync(db, r.Value, verifyBaseUrl, ct);
    }

    public static string PartyLabel(CaseType? t, string role) => role switch
    {
        "plaintiff" => t?.PlaintiffLabel ?? "原告",
        "defendant" => t?.DefendantLabel ?? "被告",
        _ => "第三人",
    };

    public async Task<Result<List<FilingEvent>>> HistoryAsync(string ownerId, string id, CancellationToken ct)
    {
        if (!await db.Filings.AnyAsync(f => f.Id == id && f.OwnerId == ownerId, ct)) return Error.NotFound();
        return await db.FilingEvents.AsNoTracking().Where(e => e.FilingId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
    }
}

public static class ReceiptPdfs
{
    /// <summary>A receipt version as PDF: the frozen document list and hashes, with a QR code to verify it.</summary>
    public static async Task<byte[]> RenderAsync(DocketDbContext db, Receipt receipt, string verifyBaseUrl, CancellationToken ct)
    {
        var f = await db.Filings.AsNoTracking().FirstAsync(x => x.Id == receipt.FilingId, ct);
        var court = await db.Courts.AsNoTracking().FirstAsync(c => c.Id == receipt.CourtId, ct);
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == f.OwnerId, ct);
        var caseType = CaseTypes.Find(f.CaseType);
        var parties = f.Parties.Select(p => $"{FilingReads.PartyLabel(caseType, p.Role)}：{p.Name}").ToList();
        var model = new ReceiptPdfModel(receipt.ReceiptNumber, receipt.Version, court.Name, caseType?.NameZh ?? f.CaseType, f.Title, f.Cause,
            receipt.SubmittedAt, owner.DisplayName, parties,
            [.. receipt.Documents.Select(d => new ReceiptPdfDocument(d.FileName, d.Bytes, d.Sha256))],
            $"{verifyBaseUrl.TrimEnd('/')}/verify/receipt/{Uri.EscapeDataString(receipt.ReceiptNumber)}");
        return ReceiptPdf.Render(model);
    }
}

public static class Paging
{
    /// <summary>page from 1, pageSize default 20 and at most 100; the offset never overflows (api.md).</summary>
    public static (int Page, int PageSize) Clamp(int page, int pageSize)
    {
        var size = pageSize <= 0 ? 20 : Math.Min(pageSize, 100);
        return (Math.Clamp(page, 1, int.MaxValue / size), size);
    }
}
