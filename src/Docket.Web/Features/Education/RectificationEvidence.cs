using Docket.Web.Features.Filings;
using Docket.Web.Features.Organisation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Education;

public sealed record EvidenceDocumentDto(string Id, string FileName, string MediaType, long Bytes, string Sha256, DateTimeOffset UploadedAt)
{
    public static EvidenceDocumentDto From(RectificationEvidenceDocument d) =>
        new(d.Id, d.FileName, d.MediaType, d.Bytes, d.Sha256, ChinaTime.ToOffset(d.UploadedAt));
}

/// <summary>
/// Closure evidence of a rectification item as documents (PDF, JPEG, PNG, decided by their first bytes), stored by
/// SHA-256 in the same <see cref="IDocumentStore"/> as filing documents. Only those who see the item (the committee
/// and the unit's leaders) add or read them; for anyone else the item is not found. Closing with files is one unit of
/// work: a refused file leaves the item open and keeps no file that no row names.
/// </summary>
public sealed class RectificationEvidence(DocketDbContext db, IDocumentStore store, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    public const int MaxFiles = 10;

    sealed record Stored(string FileName, string MediaType, long Bytes, string Sha256);

    Task<Rectification?> FindAsync(OrgCaller caller, string id, CancellationToken ct)
    {
        var units = caller.Visible.ToList();
        return db.Rectifications.FirstOrDefaultAsync(r => r.Id == id && units.Contains(r.UnitId), ct);
    }

    public async Task<Result<List<EvidenceDocumentDto>>> ListAsync(OrgCaller caller, string id, CancellationToken ct)
    {
        if (await FindAsync(caller, id, ct) is null) return Error.NotFound();
        return (await db.RectificationEvidence.AsNoTracking().Where(d => d.RectificationId == id).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id).ToListAsync(ct))
            .Select(EvidenceDocumentDto.From).ToList();
    }

    public async Task<Result<Documents.Content>> OpenAsync(OrgCaller caller, string id, string documentId, CancellationToken ct)
    {
        if (await FindAsync(caller, id, ct) is null) return Error.NotFound();
        var doc = await db.RectificationEvidence.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.RectificationId == id, ct);
        if (doc is null || !store.Exists(doc.Sha256)) return Error.NotFound();
        return new Documents.Content(store.OpenRead(doc.Sha256), doc.MediaType, doc.FileName);
    }

    /// <summary>Adds documents to an item (open or closed).</summary>
    public async Task<Result<List<EvidenceDocumentDto>>> AddAsync(OrgCaller caller, string id, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var item = await FindAsync(caller, id, ct);
        if (item is null) return Error.NotFound();
        if (files.Count == 0) return Error.Validation("files", "document.file-missing");
        var stored = await StoreAsync(files, ct);
        if (!stored.IsOk) return stored.Error!;
        var rows = await SaveAsync(caller, id, stored.Value, null, ct);
        return rows.Select(EvidenceDocumentDto.From).ToList();
    }

    /// <summary>Closes the item with the evidence text and at least one document, all or nothing.</summary>
    public async Task<Result<RectificationDto>> CloseAsync(OrgCaller caller, string id, string? evidence, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var item = await FindAsync(caller, id, ct);
        if (item is null) return Error.NotFound();
        var e = new FieldErrors();
        var text = EducationInput.Text(evidence, "evidence", 4000, e);
        if (files.Count == 0) e.Add("files", "document.file-missing");
        else if (files.Count > MaxFiles) e.Add("files", "education.too-many-items");
        if (e.Any) return e.ToError();
        if (item.Status == RectificationStatuses.Closed) return Error.Conflict("education.rectification-closed");
        var stored = await StoreAsync(files, ct);
        if (!stored.IsOk) return stored.Error!;
        var now = ChinaTime.UtcNow(clock);
        await SaveAsync(caller, id, stored.Value, () =>
        {
            item.Status = RectificationStatuses.Closed;
            item.Evidence = text;
            item.ClosedAt = now;
        }, ct);
        return RectificationDto.From(item, ChinaTime.DateOf(now));
    }

    async Task<List<RectificationEvidenceDocument>> SaveAsync(OrgCaller caller, string id, List<Stored> files, Action? also, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        var rows = files.Select(f => new RectificationEvidenceDocument
        {
            Id = EducationInput.NewId(),
            RectificationId = id,
            FileName = f.FileName,
            MediaType = f.MediaType,
            Bytes = f.Bytes,
            Sha256 = f.Sha256,
            UploadedBy = caller.User.Id,
            UploadedAt = now,
        }).ToList();
        try
        {
            db.RectificationEvidence.AddRange(rows);
            also?.Invoke();
            await db.SaveChangesAsync(ct);
            return rows;
        }
        catch
        {
            db.ChangeTracker.Clear();
            await ForgetAsync(files.Select(f => f.Sha256));
            throw;
        }
    }

    /// <summary>Streams each file into the store, refusing by content; on a refusal the files already kept go again.</summary>
    async Task<Result<List<Stored>>> StoreAsync(IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var stored = new List<Stored>();
        foreach (var f in files)
        {
            Error? refused = null;
            if (f.Length == 0) refused = Error.Validation("files", "document.file-missing");
            else if (f.Length > MaxBytes) refused = Error.TooLarge("document.too-large");
            else
            {
                await using var pending = store.BeginWrite();
                await using (var source = f.OpenReadStream())
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await source.ReadAsync(buffer, ct)) > 0 && pending.Length <= MaxBytes)
                        await pending.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                var type = MediaSniffer.Sniff(pending.Head);
                if (pending.Length == 0) refused = Error.Validation("files", "document.file-missing");
                else if (pending.Length > MaxBytes) refused = Error.TooLarge("document.too-large");
                else if (type is null) refused = Error.UnsupportedMediaType("document.type-not-accepted");
                else
                {
                    var sha = await pending.CommitAsync();
                    stored.Add(new Stored(FileNames.WithExtension(FileNames.Sanitize(f.FileName), type), type, pending.Length, sha));
                }
            }
            if (refused is not null)
            {
                await ForgetAsync(stored.Select(s => s.Sha256));
                return refused;
            }
        }
        return stored;
    }

    async Task ForgetAsync(IEnumerable<string> shas)
    {
        foreach (var sha in shas.Distinct())
            if (!await DocumentReferences.InUseAsync(db, sha, CancellationToken.None)) store.Delete(sha);
    }
}
