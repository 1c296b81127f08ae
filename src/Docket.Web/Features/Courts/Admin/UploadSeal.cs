using Docket.Web.Features.Notices;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Courts.Admin;

/// <summary>
/// The court's seal image, printed on its notices (filing.md: otherwise "(电子文本，未加盖印章)"). Stored in the
/// document store by its SHA-256; PNG or JPEG by content, at most 1 MiB, and only if a notice can actually be
/// rendered with it — an image the PDF writer cannot embed would otherwise break every notice of the court.
/// </summary>
public sealed class UploadSeal(DocketDbContext db, IDocumentStore store, ILogger<UploadSeal> log)
{
    public const long MaxBytes = 1024 * 1024;

    public sealed record Response(string Sha256, string MediaType, long Bytes);
    public sealed record Image(Stream Stream, string MediaType);

    public async Task<Result<Response>> HandleAsync(CourtManager manager, string courtId, Stream? content, CancellationToken ct)
    {
        var court = await CourtAdminScope.Courts(db, manager).FirstOrDefaultAsync(c => c.Id == courtId, ct);
        if (court is null) return Error.NotFound("court.not-found");
        if (content is null) return Error.Validation("file", "court.seal-missing");

        await using var pending = store.BeginWrite();
        using var copy = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await content.ReadAsync(buffer, ct)) > 0)
        {
            if (pending.Length + n > MaxBytes) return FieldError(StatusCodes.Status413PayloadTooLarge, "court.seal-too-large");
            await pending.WriteAsync(buffer.AsMemory(0, n), ct);
            copy.Write(buffer, 0, n);
        }
        if (pending.Length == 0) return Error.Validation("file", "court.seal-missing");
        var mediaType = MediaSniffer.Sniff(pending.Head);
        if (mediaType is not ("image/png" or "image/jpeg")) return FieldError(StatusCodes.Status415UnsupportedMediaType, "court.seal-type-invalid");
        if (!Renders(copy.ToArray())) return Error.Validation("file", "court.seal-unreadable");

        var length = pending.Length;
        var sha = await pending.CommitAsync();
        court.SealSha256 = sha;
        await db.SaveChangesAsync(ct);
        return new Response(sha, mediaType, length);
    }

    public async Task<Result<bool>> RemoveAsync(CourtManager manager, string courtId, CancellationToken ct)
    {
        var court = await CourtAdminScope.Courts(db, manager).FirstOrDefaultAsync(c => c.Id == courtId, ct);
        if (court is null) return Error.NotFound("court.not-found");
        // The file stays: it is content-addressed and may be shared; notices simply render without a seal from now on.
        court.SealSha256 = null;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Result<Image>> OpenAsync(CourtManager manager, string courtId, CancellationToken ct)
    {
        var sha = await CourtAdminScope.Courts(db, manager).Where(c => c.Id == courtId).Select(c => c.SealSha256).FirstOrDefaultAsync(ct);
        if (sha is null || !store.Exists(sha)) return Error.NotFound();
        var stream = store.OpenRead(sha);
        var head = new byte[16];
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        stream.Position = 0;
        return new Image(stream, MediaSniffer.Sniff(head.AsSpan(0, read)) ?? "application/octet-stream");
    }

    bool Renders(byte[] image)
    {
        try
        {
            NoticePdfs.Correction(new CorrectionNoticeModel("法院", "0", "—", "—", ["—"], new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1),
                "—", null, image, "https://example.invalid/"));
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            log.LogInformation(e, "Seal image refused: the notice writer cannot embed it");
            return false;
        }
    }

    static Error FieldError(int status, string code) => new(status, code, new Dictionary<string, string[]> { ["file"] = [code] });
}
