namespace Docket.Web.Infrastructure.Time;

/// <summary>Legal dates (deadlines, case-number years) are Asia/Shanghai calendar dates.</summary>
public static class ChinaTime
{
    // China has kept UTC+8 without daylight saving since 1991; fall back to a fixed zone when tzdata is absent.
    public static readonly TimeZoneInfo Zone = FindZone();

    static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "CST");
        }
    }

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    public static DateTimeOffset ToOffset(DateTime utc)
    {
        var local = ToLocal(utc);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>The UTC instant an Asia/Shanghai calendar day begins.</summary>
    public static DateTime StartOfDay(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone);

    /// <summary>What a form's datetime-local input sends (minutes, or seconds), read as Asia/Shanghai time; null when unreadable.</summary>
    public static DateTimeOffset? FromLocalInput(string? value)
    {
        if (!DateTime.TryParseExact(value?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
            return null;
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>UTC now truncated to whole microseconds, so a value survives a PostgreSQL round trip unchanged.</summary>
    public static DateTime UtcNow(TimeProvider clock) => TruncateToMicroseconds(clock.GetUtcNow().UtcDateTime);

    public static DateTime TruncateToMicroseconds(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
