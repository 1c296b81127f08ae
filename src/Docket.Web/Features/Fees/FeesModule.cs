using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Review;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Fees;

public sealed record FeeSliceDto(decimal From, decimal? To, decimal? Rate, decimal Fee);
public sealed record FeeRangeDto(decimal Min, decimal Max);
public sealed record FeeQuoteDto(string Matter, decimal? Amount, decimal Fee, FeeRangeDto? Range, IReadOnlyList<FeeSliceDto> Basis, string? Reduction);

public static class FeesModule
{
    public static IServiceCollection AddFees(this IServiceCollection services, DocketOptions options)
    {
        var gateway = options.PaymentGateway ?? (options.Demo ? "stand-in" : "none");
        if (gateway == "stand-in") services.AddSingleton<IPaymentGateway, StandInPaymentGateway>();
        else services.AddSingleton<IPaymentGateway, NoPaymentGateway>();
        services.AddScoped<UploadFeeVoucher>();
        services.AddScoped<PayFee>();
        services.AddScoped<ApplyForJudicialAid>();
        services.AddScoped<ConfirmFee>();
        services.AddScoped<DecideJudicialAid>();
        services.AddScoped<WithdrawForUnpaidFee>();
        return services;
    }

    public static void MapFeesApi(this RouteGroupBuilder api)
    {
        MapFilerApi(api.MapGroup("/filings/{id}").WithTags("Fees").RequireAuthorization(AccountsModule.ApiPolicy));
        MapClerkApi(api.MapGroup("/review/filings/{id}").WithTags("Fees").RequireAuthorization(ReviewModule.ReviewPolicy));

        api.MapGet("/fees/quote", Results<Ok<FeeQuoteDto>, ProblemHttpResult> (string? matter, string? amount, string? reduction, HttpContext http) =>
        {
            decimal? value = null;
            if (!string.IsNullOrWhiteSpace(amount))
            {
                if (!decimal.TryParse(amount, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
                    return Error.Validation("amount", "fee.amount-invalid").ToProblem(http);
                value = v;
            }
            var r = Quote(matter ?? "", value, string.IsNullOrWhiteSpace(reduction) ? null : reduction);
            return r.IsOk ? TypedResults.Ok(r.Value) : r.Error!.ToProblem(http);
        }).WithTags("Fees").AllowAnonymous();
    }

    /// <summary>The owner's side: pay (voucher or gateway) and apply for judicial aid; anyone else's filing is 404.</summary>
    static void MapFilerApi(RouteGroupBuilder g)
    {
        g.MapPost("/fee/voucher", async Task<Results<Created<DocumentDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, UploadFeeVoucher h, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(http.User) is not { } filer) return new Error(401, "auth.required").ToProblem(http);
            var r = await h.HandleAsync(filer, id, http.Request, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/filings/{id}/documents/{r.Value.Id}", r.Value) : r.Error!.ToProblem(http);
        }).Accepts<IFormFile>("multipart/form-data").DisableAntiforgery().RequireRateLimiting(RateLimits.Upload);

        g.MapPost("/fee/pay", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, PayFee h, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(http.User) is not { } filer) return new Error(401, "auth.required").ToProblem(http);
            return (await h.HandleAsync(filer, id, ct)).ToHttp(http);
        });

        g.MapPost("/judicial-aid", async Task<Results<Created<JudicialAidDto>, ProblemHttpResult>> (string id, ApplyForJudicialAid.Request? body, HttpContext http, UserManager<User> users, ApplyForJudicialAid h, CancellationToken ct) =>
        {
            if (await users.GetUserAsync(http.User) is not { } filer) return new Error(401, "auth.required").ToProblem(http);
            var r = await h.HandleAsync(filer, id, body, ct);
            return r.IsOk ? TypedResults.Created($"/api/v1/filings/{id}", r.Value) : r.Error!.ToProblem(http);
        });
    }

    /// <summary>The competent court's clerks (no claim needed); a filer is 403, another court's clerk 404.</summary>
    static void MapClerkApi(RouteGroupBuilder g)
    {
        g.MapPost("/fee/confirm", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, ConfirmFee.ConfirmRequest? body, HttpContext http, UserManager<User> users, ConfirmFee h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.ConfirmAsync(c, id, body, ct)));
        g.MapPost("/fee/reject-voucher", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, ConfirmFee.RejectRequest? body, HttpContext http, UserManager<User> users, ConfirmFee h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.RejectVoucherAsync(c, id, body, ct)));
        g.MapPost("/judicial-aid/decide", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, DecideJudicialAid.Request? body, HttpContext http, UserManager<User> users, DecideJudicialAid h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, body, ct)));
        g.MapPost("/fee/unpaid-withdrawn", async Task<Results<Ok<FilingDto>, ProblemHttpResult>> (string id, HttpContext http, UserManager<User> users, WithdrawForUnpaidFee h, CancellationToken ct) =>
            await AsClerk(http, users, c => h.HandleAsync(c, id, ct)));
    }

    static async Task<Results<Ok<T>, ProblemHttpResult>> AsClerk<T>(HttpContext http, UserManager<User> users, Func<Clerk, Task<Result<T>>> action)
    {
        var clerk = await ReviewScope.ClerkAsync(users, http.User);
        if (!clerk.IsOk) return clerk.Error!.ToProblem(http);
        return (await action(clerk.Value)).ToHttp(http);
    }

    /// <summary>A quote, or the field error the calculator's code names (fees.md).</summary>
    public static Result<FeeQuoteDto> Quote(string matter, decimal? amount, string? reduction)
    {
        try
        {
            var q = FeeCalculator.Quote(matter, amount, reduction);
            return new FeeQuoteDto(q.Matter, Money.Yuan(q.Amount), Money.Yuan(q.Fee), q.Range is { } r ? new FeeRangeDto(Money.Yuan(r.Min), Money.Yuan(r.Max)) : null,
                [.. q.Basis.Select(s => new FeeSliceDto(Money.Yuan(s.From), Money.Yuan(s.To), s.Rate, Money.Yuan(s.Fee)))], q.Reduction);
        }
        catch (FeeInputException e)
        {
            var field = e.Code switch
            {
                "fee.unknown-matter" => "matter",
                "fee.unknown-reduction" => "reduction",
                _ => "amount",
            };
            return Error.Validation(field, e.Code);
        }
    }
}
