using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Docket.Web.Features.Filings;

public sealed record CheckItemDto(string Code, string Message, bool Blocking, string Rule, string? Field);
public sealed record CheckDto(bool Ready, IReadOnlyList<CheckItemDto> Items);
public sealed record ChainVerificationDto(bool Valid, int Events, int? FirstBrokenSequence);

public static class FilingsModule
{
    public static IServiceCollection AddFilings(this IServiceCollection services)
    {
        services.AddScoped<CreateFiling>();
        services.AddScoped<UpdateFiling>();
        services.AddScoped<UploadDocument>();
        services.AddScoped<ResumableUploads>();
        services.AddScoped<Documents>();
        services.AddScoped<SubmitFiling>();
        services.AddScoped<WithdrawFiling>();
        services.AddScoped<FilingReads>();
        return services;
    }

    static Result<FilingDto> WithETag(HttpContext http, Result<FilingDto> r)
    {
        if (r.IsOk) http.Response.Headers.ETag = r.Value.ETag;
        return r;
    }

    public static CheckItemDto Localize(this IStringLocalizer<Messages> l, CheckItem i) =>
        new(i.Code, l.Text(i.Code), i.Blocking, i.Rule, i.Field);

    public static void MapFilingsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/filings").WithTags("Filings").RequireAuthorization(AccountsModule.ApiPolicy);

        g.MapPost("", async Task<Results<Created<FilingDto>, Ok<FilingDto>, ProblemHttpResult>> (
            CreateFiling.Request? body, HttpContext http, CreateFiling handler, UserManager<User> users, CancellationToken ct) =>
        {
            var owner = await users.GetUserAsync(http.User);
            if (owner is null) return new Error(401, "auth.required").ToProblem(http);
            var key = http.Request.Headers["Idempotency-Key"].ToString();
            var r = await handler.HandleAsync(owner, body, string.IsNullOrEmpty(key) ? null : key, ct);
            if (!r.IsOk) return r.Error!.ToProblem(http);
            return r.Value.Created ? TypedResults.Created($"/api/v1/filings/{r.Value.Filing.Id}", r.Value.Filing) : TypedResults.Ok(r.Value.Filing);
        });

        g.MapGet("", async (int? page, int? pageSize, HttpContext http, FilingReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.ListAsync(http.User.Id(), page ?? 1, pageSize ?? 20, ct)));

        g.MapGet("/{id}", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, FilingReads reads, CancellationToken ct) =>
            WithETag(http, await reads.GetAsync(http.User.Id(), id, ct)).ToHttp(http));

        // Optimistic concurrency: If-Match with the ETag (the filing's version) refuses an edit of a stale read (409).
        g.MapPut("/{id}", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, UpdateFiling.Request? body, HttpContext http, UpdateFiling handler, CancellationToken ct) =>
        {
            var ifMatch = http.Request.Headers.IfMatch.ToString();
            int? expected = null;
            if (ifMatch.Length > 0 && ifMatch != "*")
            {
                if (!int.TryParse(ifMatch.Trim().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v))
                    return Error.Validation("If-Match", "request.if-match-invalid").ToProblem(http);
                expected = v;
            }
            return WithETag(http, await handler.HandleAsync(http.User.Id(), id, body, ct, expected)).ToHttp(http);
        });

        g.MapPost("/{id}/documents", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (string id, HttpContext http, UploadDocument handler, CancellationToken ct) =>
        {
            var r = await handler.HandleAsync(http.User.Id(), id, http.Request, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/filings/{id}/documents/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireRateLimiting(RateLimits.Upload);

        g.MapPost("/{id}/documents/photos", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (string id, HttpContext http, UploadDocument handler, CancellationToken ct) =>
        {
            var r = await handler.ReceivePhotosAsync(http.User.Id(), id, http.Request, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/filings/{id}/documents/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireRateLimiting(RateLimits.Upload);

        g.MapPost("/{id}/uploads", async Task<Results<Created<UploadSessionDto>, ProblemHttpResult>> (string id, ResumableUploads.StartRequest? body, HttpContext http, ResumableUploads h, CancellationToken ct) =>
        {
            var r = await h.StartAsync(http.User.Id(), id, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/filings/{id}/uploads/{r.Value.UploadId}", r.Value) : r.Error!.ToProblem(http);
        });
        g.MapGet("/{id}/uploads/{uploadId}", async Task<Results<Ok<UploadSessionDto>, ProblemHttpResult>> (string id, string uploadId, HttpContext http, ResumableUploads h, CancellationToken ct) =>
        {
            var r = await h.StatusAsync(http.User.Id(), id, uploadId, ct);
            if (r.IsOk) http.Response.Headers["Upload-Offset"] = r.Value.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return r.ToHttp(http);
        });
        g.MapMethods("/{id}/uploads/{uploadId}", ["PATCH"], async Task<Results<NoContent, Created<DocumentDto>, ProblemHttpResult>> (string id, string uploadId, HttpContext http, ResumableUploads h, CancellationToken ct) =>
        {
            var r = await h.AppendAsync(http.User.Id(), id, uploadId, http.Request, ct);
            if (!r.IsOk) return r.Error!.ToProblem(http);
            http.Response.Headers["Upload-Offset"] = r.Value.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return r.Value.Document is { } doc ? TypedResults.Created($"/api/v1/filings/{id}/documents/{doc.Id}", doc) : TypedResults.NoContent();
        }).RequireRateLimiting(RateLimits.Upload);
        g.MapDelete("/{id}/uploads/{uploadId}", async Task<Results<NoContent, ProblemHttpResult>> (string id, string uploadId, HttpContext http, ResumableUploads h, CancellationToken ct) =>
        {
            var r = await h.CancelAsync(http.User.Id(), id, uploadId, ct);
            return r.IsOk ? TypedResults.NoContent() : r.Error!.ToProblem(http);
        });

        g.MapGet("/{id}/documents/{docId}/content", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (string id, string docId, HttpContext http, Documents docs, CancellationToken ct) =>
        {
            var r = await docs.OpenAsync(http.User.Id(), id, docId, ct);
            return r.IsOk ? DocumentResponses.Download(http, r.Value) : r.Error!.ToProblem(http);
        });

        g.MapGet("/{id}/documents/{docId}/preview", async Task<Results<FileStreamHttpResult, ProblemHttpResult>> (string id, string docId, HttpContext http, Documents docs, CancellationToken ct) =>
        {
            var r = await docs.OpenAsync(http.User.Id(), id, docId, ct);
            return r.IsOk ? DocumentResponses.Preview(http, r.Value) : r.Error!.ToProblem(http);
        });

        g.MapDelete("/{id}/documents/{docId}", async Task<Results<NoContent, ProblemHttpResult>> (string id, string docId, HttpContext http, Documents docs, CancellationToken ct) =>
        {
            var r = await docs.DeleteAsync(http.User.Id(), id, docId, ct);
            return r.IsOk ? TypedResults.NoContent() : r.Error!.ToProblem(http);
        });

        g.MapGet("/{id}/check", async Task<Results<Ok<CheckDto>, ProblemHttpResult>> (string id, HttpContext http, FilingReads reads, UserManager<User> users, IStringLocalizer<Messages> l, CancellationToken ct) =>
        {
            var owner = await users.GetUserAsync(http.User);
            if (owner is null) return new Error(401, "auth.required").ToProblem(http);
            var r = await reads.CheckAsync(owner, id, ct);
            if (!r.IsOk) return r.Error!.ToProblem(http);
            return TypedResults.Ok(new CheckDto(!r.Value.Any(i => i.Blocking), [.. r.Value.Select(l.Localize)]));
        });

        g.MapPost("/{id}/submit", async Task<Results<Ok<ReceiptDto>, ProblemHttpResult>> (string id, HttpContext http, SubmitFiling handler, UserManager<User> users, IStringLocalizer<Messages> l, CancellationToken ct) =>
        {
            var owner = await users.GetUserAsync(http.User);
            if (owner is null) return new Error(401, "auth.required").ToProblem(http);
            var r = await handler.HandleAsync(owner, id, ct);
            if (r.IsOk) return TypedResults.Ok(r.Value);
            var error = r.Error!;
            if (error.Extensions?.GetValueOrDefault("items") is IEnumerable<CheckItem> items)
                error = error with { Extensions = new Dictionary<string, object?> { ["items"] = items.Select(l.Localize).ToList() } };
            return error.ToProblem(http);
        });

        g.MapGet("/{id}/receipt", async Task<Results<Ok<ReceiptDto>, FileContentHttpResult, ProblemHttpResult>> (string id, string? format, HttpContext http, FilingReads reads, IOptions<DocketOptions> options, CancellationToken ct) =>
        {
            if (DocumentResponses.WantsPdf(http, format))
            {
                var baseUrl = options.Value.PublicBaseUrl ?? $"{http.Request.Scheme}://{http.Request.Host}";
                var pdf = await reads.ReceiptPdfAsync(http.User.Id(), id, baseUrl, ct);
                return pdf.IsOk ? TypedResults.File(pdf.Value, "application/pdf", $"receipt-{id}.pdf") : pdf.Error!.ToProblem(http);
            }
            var r = await reads.LatestReceiptAsync(http.User.Id(), id, ct);
            return r.IsOk ? TypedResults.Ok(ReceiptDto.From(r.Value)) : r.Error!.ToProblem(http);
        });

        g.MapPost("/{id}/withdraw", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, WithdrawFiling.Request? body, HttpContext http, WithdrawFiling handler, UserManager<User> users, CancellationToken ct) =>
        {
            var owner = await users.GetUserAsync(http.User);
            if (owner is null) return new Error(401, "auth.required").ToProblem(http);
            return (await handler.HandleAsync(owner, id, body, ct)).ToHttp(http);
        });

        g.MapGet("/{id}/history", async Task<Results<Ok<List<HistoryEventDto>>, ProblemHttpResult>> (string id, HttpContext http, FilingReads reads, CancellationToken ct) =>
        {
            var r = await reads.HistoryAsync(http.User.Id(), id, ct);
            return r.IsOk ? TypedResults.Ok(r.Value.Select(HistoryEventDto.From).ToList()) : r.Error!.ToProblem(http);
        });

        g.MapGet("/{id}/history/verify", async Task<Results<Ok<ChainVerificationDto>, ProblemHttpResult>> (string id, HttpContext http, FilingReads reads, CancellationToken ct) =>
        {
            var r = await reads.HistoryAsync(http.User.Id(), id, ct);
            if (!r.IsOk) return r.Error!.ToProblem(http);
            var broken = AuditChain.FirstBroken(r.Value);
            return TypedResults.Ok(new ChainVerificationDto(broken is null, r.Value.Count, broken));
        });
    }
}
