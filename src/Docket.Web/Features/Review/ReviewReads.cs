using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Review;

public sealed record FilerDto(string Id, string? Name, string? IdType, string? IdNumber, string? Phone, bool Verified);

/// <summary>What the clerk sees of a filing: everything the filer sees, plus the filer, the check result and the history.</summary>
public sealed record ReviewFilingDto : FilingDto
{
    public ReviewFilingDto(FilingDto filing) : base(filing) { }
    public required FilerDto Filer { get; init; }
    public required IReadOnlyList<CheckItem> Check { get; init; }
    public required IReadOnlyList<HistoryEventDto> History { get; init; }
    public required IReadOnlyList<ReceiptDto> Receipts { get; init; }
    public required bool CrossRegion { get; init; }
}

public sealed class ReviewReads(DocketDbContext db, IDocumentStore store, TimeProvider clock)
{
    public async Task<Result<ReviewFilingDto>> GetAsync(Clerk clerk, string id, CancellationToken ct)
    {
        var f = await ReviewScope.Visible(db, clerk.CourtId).Include(x => x.Documents).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return Error.NotFound();
        var owner = await db.Users.AsNoTracking().FirstAsync(u => u.Id == f.OwnerId, ct);
        var events = await db.FilingEvents.AsNoTracking().Where(e => e.FilingId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.FilingId == id).OrderBy(r => r.Version).ToListAsync(ct);
        var court = f.FeeStatus is null ? null : await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == f.CourtId, ct);
        await StaffReadLog.RecordAsync(db, clerk, id, "filing", clock, ct);
        return new ReviewFilingDto(FilingDto.From(f, court))
        {
            Filer = new FilerDto(owner.Id, owner.FullName, owner.IdType, owner.IdNumber, owner.ProfilePhone, owner.Verified),
            Check = FilingCheck.Run(f, owner),
            History = [.. events.Select(HistoryEventDto.From)],
            Receipts = [.. receipts.Select(ReceiptDto.From)],
            CrossRegion = f.CooperatingCourtId is not null,
        };
    }

    public async Task<Result<Documents.Content>> OpenDocumentAsync(Clerk clerk, string filingId, string documentId, CancellationToken ct)
    {
        var visible = ReviewScope.Visible(db, clerk.CourtId).Where(f => f.Id == filingId).Select(f => f.Id);
        var doc = await db.FilingDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && visible.Contains(d.FilingId), ct);
        if (doc is null || !store.Exists(doc.Sha256)) return Error.NotFound();
        await StaffReadLog.RecordAsync(db, clerk, filingId, "document:" + documentId, clock, ct);
        return new Documents.Content(store.OpenRead(doc.Sha256), doc.MediaType, doc.FileName);
    }
}
