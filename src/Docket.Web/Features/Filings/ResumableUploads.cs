using System.Globalization;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Filings;

/// <summary>A large upload sent in chunks, so a dropped phone connection resumes where it stopped.</summary>
public sealed class UploadSession
{
    public string Id { get; set; } = "";
    public string FilingId { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string FileName { get; set; } = "";
    public long TotalBytes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public string? DocumentId { get; set; }
}

public sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSession>
{
    public void Configure(EntityTypeBuilder<UploadSession> b)
    {
        b.ToTable("upload_sessions");
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).HasMaxLength(32);
        b.Property(u => u.FilingId).HasMaxLength(32);
        b.Property(u => u.OwnerId).HasMaxLength(64);
        b.Property(u => u.Kind).HasMaxLength(30);
        b.Property(u => u.FileName).HasMaxLength(255);
        b.Property(u => u.DocumentId).HasMaxLength(32);
        b.HasIndex(u => u.ExpiresAt);
    }
}

public sealed record UploadSessionDto(string UploadId, long Offset, long Bytes, DateTimeOffset ExpiresAt, string? DocumentId);

/// <summary>
/// Resumable uploads (a small protocol in the spirit of tus): start with the kind, name and size; send chunks with
/// <c>Upload-Offset</c>; ask for the offset after a dropped connection and go on from there. Every acknowledged
/// chunk is on disk. The finished file goes through the same checks as a one-piece upload (kind, court limits,
/// type by content) and lands content-addressed like every document.
/// </summary>
public sealed class ResumableUploads(DocketDbContext db, IDocumentStore store, IVirusScanner scanner, TimeProvider clock, ILogger<ResumableUploads> log)
{
    public sealed record StartRequest(string? Kind, string? FileName, long? Bytes);
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Either the upload goes on (the new offset) or it is complete (the new document).</summary>
    public sealed record ChunkResult(long Offset, DocumentDto? Document);

    public async Task<Result<UploadSessionDto>> StartAsync(string ownerId, string filingId, StartRequest? request, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, filingId, ownerId).FirstOrDefaultAsync(ct);
        if (filing is null) return Error.NotFound();
        if (!UploadDocument.Materials.MayStart(filing)) return Error.InvalidTransition;
        if (UploadDocument.Materials.Check(filing, request?.Kind) is { } refused) return refused;
        if (request?.Bytes is not > 0) return Error.Validation("bytes", "upload.bytes-invalid");
        var policy = (await db.Courts.AsNoTracking().FirstAsync(c => c.Id == filing.CourtId, ct)).Policy;
        var used = filing.Documents.Sum(d => d.Bytes);
        if (request.Bytes > policy.MaxDocumentBytes)
            return Error.TooLarge("document.too-large") with { Extensions = new Dictionary<string, object?> { ["maxBytes"] = policy.MaxDocumentBytes } };
        if (used + request.Bytes > policy.MaxFilingBytes)
            return Error.TooLarge("document.filing-too-large") with { Extensions = new Dictionary<string, object?> { ["maxBytes"] = policy.MaxFilingBytes } };

        var now = ChinaTime.UtcNow(clock);
        // Sessions past their lifetime go when a new one starts (their partial files with them).
        foreach (var old in await db.UploadSessions.Where(u => u.ExpiresAt < now).OrderBy(u => u.ExpiresAt).Take(20).ToListAsync(ct))
        {
            store.DiscardPartial(old.Id);
            db.UploadSessions.Remove(old);
        }
        var session = new UploadSession
        {
            Id = Guid.NewGuid().ToString("N"), FilingId = filing.Id, OwnerId = ownerId, Kind = request.Kind!,
            FileName = FileNames.Sanitize(request.FileName), TotalBytes = request.Bytes.Value, CreatedAt = now, ExpiresAt = now + Lifetime,
        };
        db.UploadSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return ToDto(session, 0);
    }

    public async Task<Result<UploadSessionDto>> StatusAsync(string ownerId, string filingId, string uploadId, CancellationToken ct)
    {
        var s = await FindAsync(ownerId, filingId, uploadId, ct);
        return s is null ? Error.NotFound() : ToDto(s, s.DocumentId is null ? store.PartialLength(s.Id) : s.TotalBytes);
    }

    public async Task<Result<ChunkResult>> AppendAsync(string ownerId, string filingId, string uploadId, HttpRequest request, CancellationToken ct)
    {
        var s = await FindAsync(ownerId, filingId, uploadId, ct);
        if (s is null) return Error.NotFound();
        if (s.DocumentId is not null) return Error.Conflict("upload.already-complete") with { Extensions = Offset(s.TotalBytes) };
        if (!long.TryParse(request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return Error.Validation("Upload-Offset", "upload.offset-required");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = Math.Max(s.TotalBytes - offset, 0) + 1;

        long length;
        try { length = await store.AppendPartialAsync(s.Id, offset, request.Body, s.TotalBytes, ct); }
        catch (PartialTooLargeException) { return Error.TooLarge("upload.chunk-too-large") with { Extensions = Offset(offset) }; }
        if (length < 0) return Error.Conflict("upload.offset-mismatch") with { Extensions = Offset(store.PartialLength(s.Id)) };
        if (length >= 8 && offset < 8 && MediaSniffer.Sniff(store.PartialHead(s.Id, 16)) is null)
        {
            await DiscardAsync(s, ct);
            return Error.UnsupportedMediaType("document.type-not-accepted");
        }
        if (length < s.TotalBytes) return new ChunkResult(length, null);
        return await CompleteAsync(s, ct);
    }

    async Task<Result<ChunkResult>> CompleteAsync(UploadSession s, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, s.FilingId, s.OwnerId).FirstAsync(ct);
        var policy = (await db.Courts.AsNoTracking().FirstAsync(c => c.Id == filing.CourtId, ct)).Policy;
        var mediaType = MediaSniffer.Sniff(store.PartialHead(s.Id, 16));
        if (mediaType is null || !UploadDocument.Materials.Accepts(policy, mediaType))
        {
            await DiscardAsync(s, ct);
            return Error.UnsupportedMediaType("document.type-not-accepted");
        }
        if (UploadDocument.Materials.Check(filing, s.Kind) is { } refused)
        {
            await DiscardAsync(s, ct); // the filing moved on meanwhile (submitted, withdrawn): nothing to resume into
            return refused;
        }
        if (filing.Documents.Sum(d => d.Bytes) + s.TotalBytes > policy.MaxFilingBytes) return Error.TooLarge("document.filing-too-large");
        // Chunks came in separate requests: the content scan reads the assembled file once.
        var scan = new ContentScan();
        await using (var partial = store.OpenPartial(s.Id))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await partial.ReadAsync(buffer, ct)) > 0) scan.Feed(buffer.AsSpan(0, read));
        }
        if (scan.Refusal(mediaType) is { } unsafeContent)
        {
            await DiscardAsync(s, ct);
            return Error.UnsupportedMediaType(unsafeContent);
        }
        if (await VirusCheck.RefusalAsync(scanner, () => Task.FromResult(store.OpenPartial(s.Id)), log, ct) is { } infected)
        {
            if (infected.Status != StatusCodes.Status503ServiceUnavailable) await DiscardAsync(s, ct);
            return infected;
        }

        var sha = await store.CommitPartialAsync(s.Id, ct);
        var now = ChinaTime.UtcNow(clock);
        var doc = await UploadDocument.AttachAsync(db, store, filing, UploadDocument.Materials,
            new UploadDocument.StoredFile(s.Kind, FileNames.WithExtension(s.FileName, mediaType), mediaType, s.TotalBytes, sha), now, ct,
            beforeSave: d => s.DocumentId = d.Id);
        log.LogInformation("Resumable upload {UploadId} completed as document {DocumentId} ({Bytes} bytes)", s.Id, doc.Id, doc.Bytes);
        return new ChunkResult(s.TotalBytes, FilingDto.DocumentDtoFrom(doc));
    }

    public async Task<Result<bool>> CancelAsync(string ownerId, string filingId, string uploadId, CancellationToken ct)
    {
        var s = await FindAsync(ownerId, filingId, uploadId, ct);
        if (s is null) return Error.NotFound();
        if (s.DocumentId is null) await DiscardAsync(s, ct);
        return true;
    }

    async Task DiscardAsync(UploadSession s, CancellationToken ct)
    {
        store.DiscardPartial(s.Id);
        db.UploadSessions.Remove(s);
        await db.SaveChangesAsync(ct);
    }

    async Task<UploadSession?> FindAsync(string ownerId, string filingId, string uploadId, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        if (uploadId.Length != 32 || !uploadId.All(Uri.IsHexDigit)) return null;
        return await db.UploadSessions.FirstOrDefaultAsync(u => u.Id == uploadId && u.FilingId == filingId && u.OwnerId == ownerId && u.ExpiresAt > now, ct);
    }

    static UploadSessionDto ToDto(UploadSession s, long offset) => new(s.Id, offset, s.TotalBytes, ChinaTime.ToOffset(s.ExpiresAt), s.DocumentId);

    static Dictionary<string, object?> Offset(long offset) => new() { ["offset"] = offset };
}
