using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Docket.Web.Features.Notices;

public sealed record NoticeDto(string Id, string Kind, string Title, string Number, DateTimeOffset IssuedAt, string Url,
    DateTimeOffset? ServedAt, DateTimeOffset? ReadAt, string? FilingId = null);

/// <summary>A filing's court documents: every receipt version and every notice issued on it, each as a PDF.</summary>
public sealed class FilingNotices(DocketDbContext db, IDocumentStore store, IOptions<DocketOptions> options, TimeProvider clock)
{
    public async Task<List<NoticeDto>> ListAsync(string filingId, string urlBase, CancellationToken ct)
    {
        var receipts = await db.Receipts.AsNoTracking().Where(r => r.FilingId == filingId)
            .Select(r => new { r.Id, r.Version, r.ReceiptNumber, r.SubmittedAt }).ToListAsync(ct);
        var notices = await db.Notices.AsNoTracking().Where(n => n.FilingId == filingId)
            .Select(n => new { n.Id, n.Kind, n.Title, n.Number, n.IssuedAt, n.ServedAt, n.ReadAt }).ToListAsync(ct);
        return
        [
            .. receipts.Select(r => new NoticeDto("receipt-" + r.Version, NoticeKinds.Receipt, $"网上立案电子回执（第{r.Version}版）", r.ReceiptNumber,
                // A receipt is handed over in the answer to the submission itself: served and read at once.
                ChinaTime.ToOffset(r.SubmittedAt), $"{urlBase}/receipt-{r.Version}", ChinaTime.ToOffset(r.SubmittedAt), ChinaTime.ToOffset(r.SubmittedAt))),
            .. notices.Select(n => new NoticeDto(n.Id, n.Kind, n.Title, n.Number, ChinaTime.ToOffset(n.IssuedAt), $"{urlBase}/{n.Id}",
                ChinaTime.ToOffset(n.ServedAt), n.ReadAt is { } read ? ChinaTime.ToOffset(read) : null)),
        ];
    }

    /// <summary>The filer opened it: the first time is recorded as read.</summary>
    public Task MarkReadAsync(string filingId, string noticeId, CancellationToken ct)
    {
        var now = ChinaTime.UtcNow(clock);
        return db.Notices.Where(n => n.FilingId == filingId && n.Id == noticeId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>Every document served on the owner's filings, newest first (the filer's 送达文书 list).</summary>
    public async Task<List<NoticeDto>> ServedToAsync(string ownerId, string siteBase, CancellationToken ct)
    {
        var owned = db.Filings.Where(f => f.OwnerId == ownerId).Select(f => f.Id);
        var rows = await db.Notices.AsNoTracking().Where(n => owned.Contains(n.FilingId)).OrderByDescending(n => n.ServedAt).Take(200)
            .Select(n => new { n.Id, n.FilingId, n.Kind, n.Title, n.Number, n.IssuedAt, n.ServedAt, n.ReadAt }).ToListAsync(ct);
        return [.. rows.Select(n => new NoticeDto(n.Id, n.Kind, n.Title, n.Number, ChinaTime.ToOffset(n.IssuedAt),
            $"{siteBase}/api/v1/filings/{n.FilingId}/notices/{n.Id}", ChinaTime.ToOffset(n.ServedAt),
            n.ReadAt is { } read ? ChinaTime.ToOffset(read) : null, n.FilingId))];
    }

    /// <summary>The PDF of one notice (or receipt version) of a filing whose access the caller has already proven.</summary>
    public async Task<Result<byte[]>> PdfAsync(string filingId, string noticeId, string siteBase, CancellationToken ct)
    {
        if (noticeId.StartsWith("receipt-", StringComparison.Ordinal) && int.TryParse(noticeId["receipt-".Length..], out var version))
        {
            var receipt = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.FilingId == filingId && r.Version == version, ct);
            if (receipt is null) return Error.NotFound();
            return await ReceiptPdfs.RenderAsync(db, receipt, siteBase, ct);
        }
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.FilingId == filingId && n.Id == noticeId, ct);
        if (notice is null) return Error.NotFound();
        var seal = await db.Courts.Where(c => c.Id == notice.CourtId).Select(c => c.SealSha256).FirstOrDefaultAsync(ct);
        byte[]? sealBytes = null;
        if (seal is not null && store.Exists(seal))
        {
            await using var s = store.OpenRead(seal);
            using var ms = new MemoryStream();
            await s.CopyToAsync(ms, ct);
            sealBytes = ms.ToArray();
        }
        return NoticeIssuer.Render(notice, sealBytes, $"{options.Value.PublicBaseUrl?.TrimEnd('/') ?? siteBase}/verify/notice/{notice.Id}");
    }
}

public static class NoticesModule
{
    public static void MapNoticesApi(this RouteGroupBuilder api)
    {
        var filer = api.MapGroup("/filings/{id}/notices").WithTags("Notices").RequireAuthorization(AccountsModule.ApiPolicy);
        filer.MapGet("", async Task<Results<Ok<List<NoticeDto>>, ProblemHttpResult>> (string id, HttpContext http, DocketDbContext db, FilingNotices notices, CancellationToken ct) =>
        {
            if (!await db.Filings.AnyAsync(f => f.Id == id && f.OwnerId == http.User.Id(), ct)) return Error.NotFound().ToProblem(http);
            return TypedResults.Ok(await notices.ListAsync(id, $"{SiteBase(http)}/api/v1/filings/{id}/notices", ct));
        });
        filer.MapGet("/{noticeId}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, string noticeId, HttpContext http, DocketDbContext db, FilingNotices notices, CancellationToken ct) =>
        {
            if (!await db.Filings.AnyAsync(f => f.Id == id && f.OwnerId == http.User.Id(), ct)) return Error.NotFound().ToProblem(http);
            var pdf = await notices.PdfAsync(id, noticeId, SiteBase(http), ct);
            if (!pdf.IsOk) return pdf.Error!.ToProblem(http);
            await notices.MarkReadAsync(id, noticeId, ct);
            return TypedResults.File(pdf.Value, "application/pdf", $"{noticeId}.pdf");
        });

        api.MapGet("/me/served-documents", async (HttpContext http, FilingNotices notices, CancellationToken ct) =>
            TypedResults.Ok(await notices.ServedToAsync(http.User.Id(), SiteBase(http), ct)))
            .WithTags("Notices").RequireAuthorization(AccountsModule.ApiPolicy);

        var clerk = api.MapGroup("/review/filings/{id}/notices").WithTags("Review").RequireAuthorization(ReviewModule.ReviewPolicy);
        clerk.MapGet("", async Task<Results<Ok<List<NoticeDto>>, ProblemHttpResult>> (string id, HttpContext http, DocketDbContext db, UserManager<User> users, FilingNotices notices, CancellationToken ct) =>
        {
            var c = await ReviewScope.ClerkAsync(users, http.User);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            if (!await ReviewScope.Visible(db, c.Value.CourtId).AnyAsync(f => f.Id == id, ct)) return Error.NotFound().ToProblem(http);
            return TypedResults.Ok(await notices.ListAsync(id, $"{SiteBase(http)}/api/v1/review/filings/{id}/notices", ct));
        });
        clerk.MapGet("/{noticeId}", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string id, string noticeId, HttpContext http, DocketDbContext db, UserManager<User> users, FilingNotices notices, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await ReviewScope.ClerkAsync(users, http.User);
            if (!c.IsOk) return c.Error!.ToProblem(http);
            if (!await ReviewScope.Visible(db, c.Value.CourtId).AnyAsync(f => f.Id == id, ct)) return Error.NotFound().ToProblem(http);
            var pdf = await notices.PdfAsync(id, noticeId, SiteBase(http), ct);
            if (!pdf.IsOk) return pdf.Error!.ToProblem(http);
            await StaffReadLog.RecordAsync(db, c.Value, id, "notice:" + noticeId, clock, ct);
            return TypedResults.File(pdf.Value, "application/pdf", $"{noticeId}.pdf");
        });
    }

    public static string SiteBase(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
