using System.Globalization;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Fees;

/// <summary>What the fee use cases share: the filing as the caller sees it (with the court's payee), and input parsing.</summary>
public static class FeeFilings
{
    public const int MaxReasons = 2000;

    public static async Task<FilingDto> DtoAsync(DocketDbContext db, Filing filing, CancellationToken ct) =>
        FilingDto.From(filing, await db.Courts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == filing.CourtId, ct));

    /// <summary>Reasons are required (non-blank) and at most <see cref="MaxReasons"/> characters.</summary>
    public static string CheckReasons(string? reasons, FieldErrors e, string field = "reasons")
    {
        var r = reasons?.Trim() ?? "";
        if (r.Length == 0) e.Add(field, "fee.reasons-required");
        else if (r.Length > MaxReasons) e.Add(field, "fee.reasons-too-long");
        return r;
    }

    /// <summary>Yuan as the API sends it (at most 2 decimals) to fen; null with a field error otherwise.</summary>
    public static long? Fen(decimal? amount, string field, FieldErrors e, string requiredCode)
    {
        if (amount is not { } a)
        {
            e.Add(field, requiredCode);
            return null;
        }
        if (decimal.Round(a, 2) != a)
        {
            e.Add(field, "money.too-many-decimals");
            return null;
        }
        if (a < 0 || a > UpdateFiling.MaxAmount)
        {
            e.Add(field, "fee.amount-mismatch");
            return null;
        }
        return (long)(a * 100);
    }

    /// <summary>A legal date (YYYY-MM-DD, Asia/Shanghai).</summary>
    public static DateOnly? Date(string? s) =>
        DateOnly.TryParseExact(s?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// When a payment was made: an instant with an offset, or a plain date (the clerk reads it off a bank slip),
    /// taken as the start of that day in Asia/Shanghai. Null when it is neither.
    /// </summary>
    public static DateTime? Instant(string? s)
    {
        var text = s?.Trim() ?? "";
        if (Date(text) is { } date)
            return ChinaTime.StartOfDay(date);
        return text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? ChinaTime.TruncateToMicroseconds(at.UtcDateTime)
            : null;
    }

    public static string Yuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
