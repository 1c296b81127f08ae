using System.Globalization;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Docket.Web.Features.Fees;

public sealed record FeeSliceDto(decimal From, decimal? To, decimal? Rate, decimal Fee);
public sealed record FeeRangeDto(decimal Min, decimal Max);
public sealed record FeeQuoteDto(string Matter, decimal? Amount, decimal Fee, FeeRangeDto? Range, IReadOnlyList<FeeSliceDto> Basis, string? Reduction);

public static class FeesModule
{
    public static void MapFeesApi(this RouteGroupBuilder api)
    {
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
