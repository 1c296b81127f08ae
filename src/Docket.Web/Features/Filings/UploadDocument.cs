using System.Text;
using Docket.Web.Features.Courts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Docket.Web.Features.Filings;

/// <summary>
/// Adds a document to a filing: the multipart body is streamed straight into the store (never buffered), hashed
/// while it streams, its type decided by its first bytes, and refused once it passes the court's limits. Which
/// filings take which documents, and how one lands on the filing, is a <see cref="Rule"/>: filing materials here,
/// fee vouchers in <c>Features/Fees</c>, through the same streaming core.
/// </summary>
public sealed class UploadDocument(DocketDbContext db, IDocumentStore store, IVirusScanner scanner, TimeProvider clock, ILogger<UploadDocument> log)
{
    public static readonly IReadOnlyList<string> Kinds =
    [
        "complaint", "identity", "business-licence", "legal-rep-certificate", "power-of-attorney", "agent-identity",
        "lawyer-licence", "law-firm-letter", "effective-judgment", "mediation-agreement", "evidence", "other",
    ];

    /// <summary>A file that was streamed, sniffed and stored, before it is attached to the filing.</summary>
    public sealed record StoredFile(string? Kind, string FileName, string MediaType, long Bytes, string Sha256);

    /// <summary>
    /// What one kind of upload accepts. <paramref name="MayStart"/> is asked before the body is read (false → 409);
    /// <paramref name="Check"/> once the <c>kind</c> field is known (a 400 or 409, before the file is kept);
    /// <paramref name="Accepts"/> decides the sniffed media type (false → 415); <paramref name="Attach"/> adds the
    /// document to the filing through the entity, in the same unit of work.
    /// </summary>
    public sealed record Rule(
        Func<Filing, bool> MayStart,
        Func<Filing, string?, Error?> Check,
        Func<CourtPolicy, string, bool> Accepts,
        Func<Filing, StoredFile, DateTime, FilingDocument> Attach);

    /// <summary>Filing materials: any kind while the filing is editable, judicial-aid evidence while an application is pending.</summary>
    public static readonly Rule Materials = new(
        f => f.MayAddAnyDocument,
        (f, kind) => kind is null || !Kinds.Contains(kind) ? Error.Validation("kind", "document.kind-invalid")
            : f.MayAddDocument(kind) ? null : Error.InvalidTransition,
        (policy, mediaType) => policy.AcceptedMediaTypes.Contains(mediaType),
        (f, file, now) => f.AddDocument(file.Kind!, file.FileName, file.MediaType, file.Bytes, file.Sha256, now));

    /// <summary>Room for the multipart framing and the small form fields around the file.</summary>
    const long MultipartOverhead = 64 * 1024;

    public async Task<Result<DocumentDto>> HandleAsync(string ownerId, string id, HttpRequest request, CancellationToken ct)
    {
        var r = await ReceiveAsync(ownerId, id, request, Materials, ct);
        return r.IsOk ? FilingDto.DocumentDtoFrom(r.Value.Document) : r.Error!;
    }

    /// <summary>Streams one upload into the owner's filing under <paramref name="rule"/>; returns the filing and its new document.</summary>
    public async Task<Result<(Filing Filing, FilingDocument Document)>> ReceiveAsync(string ownerId, string id, HttpRequest request, Rule rule, CancellationToken ct)
    {
        var opened = await OpenAsync(ownerId, id, request, rule, ct);
        if (!opened.IsOk) return opened.Error!;
        var (filing, policy, boundary, used, allowed) = opened.Value;

        string? kind = null;
        string? fileName = null;
        string? mediaType = null;
        PendingDocument? file = null;
        var scan = new ContentScan();
        try
        {
            var buffered = request.HttpContext.Features.Get<IFormFeature>() is { Form: not null };
            if (buffered)
            {
                var form = request.HttpContext.Features.Get<IFormFeature>()!.Form!;
                // A page form posted without script: antiforgery has already read (and buffered) the form.
                kind = form["kind"].ToString().Trim();
                if (form.Files.GetFile("file") is { } posted)
                {
                    fileName = FileNames.Sanitize(posted.FileName);
                    file = store.BeginWrite();
                    await using var source = posted.OpenReadStream();
                    var outcome = await CopyAsync(source, file, allowed, policy.MaxDocumentBytes, used, scan, ct);
                    if (outcome is not null) return outcome;
                    mediaType = MediaSniffer.Sniff(file.Head);
                }
            }
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
            while (!buffered && await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data")) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (disposition.IsFileDisposition() && name == "file" && file is null)
                {
                    fileName = FileNames.Sanitize(disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value);
                    file = store.BeginWrite();
                    var outcome = await CopyAsync(section.Body, file, allowed, policy.MaxDocumentBytes, used, scan, ct);
                    if (outcome is not null) return outcome;
                    mediaType = MediaSniffer.Sniff(file.Head);
                }
                else if (name == "kind")
                {
                    using var sr = new StreamReader(section.Body, Encoding.UTF8);
                    var buffer = new char[64];
                    var n = await sr.ReadBlockAsync(buffer, ct);
                    kind = new string(buffer, 0, n).Trim();
                }
            }
            if (rule.Check(filing, kind) is { } refused) return refused;
            if (file is null || file.Length == 0) return Error.Validation("file", "document.file-missing");
            if (mediaType is null || !rule.Accepts(policy, mediaType))
                return Error.UnsupportedMediaType("document.type-not-accepted");
            if (scan.Refusal(mediaType) is { } unsafeContent) return Error.UnsupportedMediaType(unsafeContent);
            if (await VirusCheck.RefusalAsync(scanner, () => file.ReadBackAsync(ct), log, ct) is { } infected) return infected;

            var sha = await file.CommitAsync();
            var now = ChinaTime.UtcNow(clock);
            var doc = await AttachAsync(db, store, filing, rule, new StoredFile(kind, FileNames.WithExtension(fileName, mediaType), mediaType, file.Length, sha), now, ct);
            log.LogInformation("Document {DocumentId} ({Kind}, {Bytes} bytes, {MediaType}) added to filing {FilingId}", doc.Id, doc.Kind, doc.Bytes, doc.MediaType, filing.Id);
            return (filing, doc);
        }
        catch (BadHttpRequestException)
        {
            throw; // Kestrel's own verdict (e.g. 413): the exception handler answers with its status
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Broken multipart framing: truncated parts, no closing boundary, oversized part headers.
            log.LogDebug(e, "Malformed multipart upload to filing {FilingId}", id);
            return Error.BadRequest("request.malformed");
        }
        finally
        {
            if (file is not null) await file.DisposeAsync();
        }
    }

    /// <summary>
    /// Attaches a file already at its content address to the filing and saves; if the row cannot be written the file
    /// goes again, unless another document has the same content — no file that no row names.
    /// </summary>
    internal static async Task<FilingDocument> AttachAsync(DocketDbContext db, IDocumentStore store, Filing filing, Rule rule,
        StoredFile file, DateTime now, CancellationToken ct, Action<FilingDocument>? beforeSave = null)
    {
        try
        {
            var doc = rule.Attach(filing, file, now);
            beforeSave?.Invoke(doc); // a change of the caller's that must commit with the document
            await db.SaveChangesAsync(ct);
            return doc;
        }
        catch
        {
            db.ChangeTracker.Clear();
            if (!await DocumentReferences.InUseAsync(db, file.Sha256, CancellationToken.None)) store.Delete(file.Sha256);
            throw;
        }
    }

    sealed record Opened(Filing Filing, CourtPolicy Policy, string Boundary, long Used, long Allowed);

    /// <summary>The owner's filing, its court's limits and the multipart boundary; the body limit raised from the policy.</summary>
    async Task<Result<Opened>> OpenAsync(string ownerId, string id, HttpRequest request, Rule rule, CancellationToken ct)
    {
        var filing = await FilingQueries.Owned(db, id, ownerId).FirstOrDefaultAsync(ct);
        if (filing is null) return Error.NotFound();
        if (!rule.MayStart(filing)) return Error.InvalidTransition;
        var policy = (await db.Courts.AsNoTracking().FirstAsync(c => c.Id == filing.CourtId, ct)).Policy;

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Error.UnsupportedMediaType("document.not-multipart");
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200) return Error.BadRequest("request.malformed");

        var used = filing.Documents.Sum(d => d.Bytes);
        var allowed = Math.Min(policy.MaxDocumentBytes, policy.MaxFilingBytes - used);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = Math.Max(policy.MaxDocumentBytes, 0) + MultipartOverhead;
        if (request.ContentLength is { } declared && declared > policy.MaxDocumentBytes + MultipartOverhead)
            return Error.TooLarge("document.too-large") with { Extensions = Limit(policy.MaxDocumentBytes) };
        return new Opened(filing, policy, boundary, used, allowed);
    }

    /// <summary>At most this many photos make one document.</summary>
    public const int MaxPhotos = 30;

    /// <summary>
    /// Several photos of one paper (multipart: <c>kind</c>, then <c>file</c> parts in page order, JPEG or PNG) become
    /// one PDF document, each page turned upright by its EXIF orientation. The photos together stay within the
    /// court's limit for one document, and so does the PDF.
    /// </summary>
    public async Task<Result<DocumentDto>> ReceivePhotosAsync(string ownerId, string id, HttpRequest request, CancellationToken ct)
    {
        var opened = await OpenAsync(ownerId, id, request, Materials, ct);
        if (!opened.IsOk) return opened.Error!;
        var (filing, policy, boundary, used, allowed) = opened.Value;
        var photos = new List<PendingDocument>();
        string? kind = null;
        string? firstName = null;
        try
        {
            long total = 0;
            async Task<Error?> AddPhotoAsync(Stream body, string? name)
            {
                if (photos.Count == MaxPhotos) return Error.Validation("file", "document.too-many-photos");
                firstName ??= FileNames.Sanitize(name);
                var photo = store.BeginWrite();
                photos.Add(photo);
                var scan = new ContentScan();
                var outcome = await CopyAsync(body, photo, allowed - total, policy.MaxDocumentBytes, used + total, scan, ct);
                if (outcome is not null) return outcome;
                if (photo.Length == 0) return Error.Validation("file", "document.file-missing");
                var type = MediaSniffer.Sniff(photo.Head);
                if (type is not ("image/jpeg" or "image/png")) return Error.UnsupportedMediaType("document.photo-type-not-accepted");
                if (scan.Refusal(type) is { } unsafeContent) return Error.UnsupportedMediaType(unsafeContent);
                await photo.CloseAsync();
                if (await VirusCheck.RefusalAsync(scanner, () => Task.FromResult<Stream>(File.OpenRead(photo.TempPath)), log, ct) is { } infected) return infected;
                total += photo.Length;
                return null;
            }

            if (request.HttpContext.Features.Get<IFormFeature>() is { Form: { } form })
            {
                // A page form whose body antiforgery has already read (and buffered).
                kind = form["kind"].ToString().Trim();
                foreach (var posted in form.Files.GetFiles("file"))
                {
                    await using var source = posted.OpenReadStream();
                    if (await AddPhotoAsync(source, posted.FileName) is { } bad) return bad;
                }
            }
            else
            {
                var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
                while (await reader.ReadNextSectionAsync(ct) is { } section)
                {
                    if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                    var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                    if (name == "kind" && !disposition.IsFileDisposition())
                    {
                        using var sr = new StreamReader(section.Body, Encoding.UTF8);
                        var buffer = new char[64];
                        kind = new string(buffer, 0, await sr.ReadBlockAsync(buffer, ct)).Trim();
                    }
                    else if (name == "file" && disposition.IsFileDisposition()
                             && await AddPhotoAsync(section.Body, disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value) is { } bad)
                        return bad;
                }
            }
            if (Materials.Check(filing, kind) is { } refused) return refused;
            if (photos.Count == 0) return Error.Validation("file", "document.file-missing");

            await using var pdf = store.BeginWrite();
            await using (var stream = new MemoryStream())
            {
                try { PhotoPdf.Combine([.. photos.Select(p => p.TempPath)], stream, kind!); }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or IndexOutOfRangeException)
                {
                    log.LogDebug(e, "Photos for filing {FilingId} could not be read as images", id);
                    return Error.UnsupportedMediaType("document.photo-type-not-accepted");
                }
                if (stream.Length > allowed)
                    return Error.TooLarge(stream.Length > policy.MaxDocumentBytes ? "document.too-large" : "document.filing-too-large");
                await pdf.WriteAsync(stream.GetBuffer().AsMemory(0, (int)stream.Length), ct);
            }
            var sha = await pdf.CommitAsync();
            var now = ChinaTime.UtcNow(clock);
            var name2 = Path.GetFileNameWithoutExtension(string.IsNullOrEmpty(firstName) ? "photos" : firstName) + ".pdf";
            var doc = await AttachAsync(db, store, filing, Materials, new StoredFile(kind, name2, "application/pdf", pdf.Length, sha), now, ct);
            log.LogInformation("{Count} photos combined into document {DocumentId} ({Bytes} bytes) of filing {FilingId}", photos.Count, doc.Id, doc.Bytes, filing.Id);
            return FilingDto.DocumentDtoFrom(doc);
        }
        catch (BadHttpRequestException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            log.LogDebug(e, "Malformed multipart photos upload to filing {FilingId}", id);
            return Error.BadRequest("request.malformed");
        }
        finally
        {
            foreach (var p in photos) await p.DisposeAsync(); // never committed: the temp files go
        }
    }

    /// <summary>Streams the section into the store; answers 413 as soon as a limit is passed, 415 as soon as the head is not a known type.</summary>
    static async Task<Error?> CopyAsync(Stream body, PendingDocument file, long allowed, long maxDocument, long used, ContentScan scan, CancellationToken ct)
    {
        var buffer = new byte[81920];
        int read;
        var sniffed = false;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (file.Length + read > allowed)
                return file.Length + read > maxDocument
                    ? Error.TooLarge("document.too-large") with { Extensions = Limit(maxDocument) }
                    : Error.TooLarge("document.filing-too-large") with { Extensions = Limit(allowed + used) };
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
            scan.Feed(buffer.AsSpan(0, read));
            if (!sniffed && file.Length >= 8)
            {
                sniffed = true;
                if (MediaSniffer.Sniff(file.Head) is null) return Error.UnsupportedMediaType("document.type-not-accepted");
            }
        }
        return null;
    }

    static Dictionary<string, object?> Limit(long bytes) => new() { ["maxBytes"] = bytes };
}

public static class FileNames
{
    static readonly char[] Forbidden = ['<', '>', ':', '"', '/', '\\', '|', '?', '*', ';'];

    /// <summary>The last path segment only, without control or reserved characters, at most 120 characters.</summary>
    public static string Sanitize(string? name)
    {
        var s = (name ?? "").Replace('\\', '/');
        s = s[(s.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune.Value is 0x200B or 0x200E or 0x200F or 0x202A or 0x202B or 0x202C or 0x202D or 0x202E or 0xFEFF) continue;
            if (rune.IsBmp && Forbidden.Contains((char)rune.Value)) { sb.Append('_'); continue; }
            sb.Append(rune.ToString());
        }
        s = sb.ToString().Trim().Trim('.').Trim();
        if (s.Length > 120)
        {
            var ext = Path.GetExtension(s);
            if (ext.Length > 10) ext = "";
            s = s[..(120 - ext.Length)] + ext;
            if (char.IsHighSurrogate(s[^(ext.Length + 1)])) s = s.Remove(s.Length - ext.Length - 1, 1);
        }
        return s;
    }

    /// <summary>Makes the name end in the extension of the type its content was found to be.</summary>
    public static string WithExtension(string? name, string mediaType)
    {
        var ext = mediaType switch { "application/pdf" => ".pdf", "image/jpeg" => ".jpg", "image/png" => ".png", _ => "" };
        var n = string.IsNullOrWhiteSpace(name) ? "document" : name;
        var current = Path.GetExtension(n).ToLowerInvariant();
        if (current == ext || (ext == ".jpg" && current == ".jpeg")) return n;
        return n + ext;
    }
}
