using Microsoft.AspNetCore.Http.HttpResults;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Filings;

/// <summary>How a document leaves the server: never sniffed as something else; a preview is sandboxed (api.md).</summary>
public static class DocumentResponses
{
    public static FileStreamHttpResult Download(HttpContext http, Documents.Content c)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(c.Stream, c.MediaType, c.FileName);
    }

    public static FileStreamHttpResult Preview(HttpContext http, Documents.Content c)
    {
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        http.Response.Headers.ContentDisposition = "inline; filename*=UTF-8''" + Uri.EscapeDataString(c.FileName);
        return TypedResults.File(c.Stream, c.MediaType);
    }

    /// <summary>The caller asks for a PDF: <c>?format=pdf</c> (for links) or <c>Accept: application/pdf</c>.</summary>
    public static bool WantsPdf(HttpContext http, string? format) =>
        format == "pdf" || http.Request.Headers.Accept.Any(a => a?.Contains("application/pdf", StringComparison.OrdinalIgnoreCase) == true);
}

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
        if (!await DocumentReferences.InUseAsync(db, doc.Sha256, ct)) store.Delete(doc.Sha256);
        return true;
    }
}
