using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>Reading and removing the owner's documents.</summary>
public sealed class Documents(DocketDbContext db, IDocumentStore store, TimeProvider clock)
{
    public sealed record Content(Stream Stream, string MediaType, string FileName);

    public async Task<Result<Content>> OpenAsync(string ownerId, string filingId, string documentId, CancellationToken ct)
    {
        var doc = await db.FilingDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.FilingId == filingId && db.Filings.Any(f => f.Id == filingId && f.OwnerId == ownerId))
            .FirstOrDefaultAsync(ct);
        if (doc is null || !store.Exists(doc.Sha256)) return Error.NotFound();
        return new Content(store.OpenRead(doc.Sha256), doc.MediaType, doc.FileName);
    }

    public async Task<Result<bool>> DeleteAsync(string ownerId, string filingId, string documentId, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, filingId, ownerId).FirstOrDefaultAsync(ct);
        var doc = filing?.Documents.FirstOrDefault(d => d.Id == documentId);
        if (filing is null || doc is null) return Error.NotFound();
        if (!FilingStatus.IsEditable(filing.Status) || doc.FirstReceiptVersion is not null) return Error.InvalidTransition;
        filing.RemoveDocument(doc, ChinaTime.UtcNow(clock));
        db.FilingDocuments.Remove(doc);
        await db.SaveChangesAsync(ct);
        if (!await db.FilingDocuments.AnyAsync(d => d.Sha256 == doc.Sha256, ct)) store.Delete(doc.Sha256);
        return true;
    }
}
