using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Infrastructure.Storage;

/// <summary>
/// The store is content-addressed and shared: a filing document and a rectification's evidence may name the same
/// file. A file goes only when no row of either names it.
/// </summary>
public static class DocumentReferences
{
    public static async Task<bool> InUseAsync(DocketDbContext db, string sha256, CancellationToken ct) =>
        await db.FilingDocuments.AnyAsync(d => d.Sha256 == sha256, ct) || await db.RectificationEvidence.AnyAsync(d => d.Sha256 == sha256, ct);
}
