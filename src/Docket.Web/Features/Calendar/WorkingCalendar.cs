using System.Collections.Frozen;
using System.Globalization;

namespace Docket.Web.Features.Calendar;

/// <summary>A calendar row: an official holiday, or an adjusted working day (调休上班, e.g. a Saturday).</summary>
public enum CalendarDayKind
{
    Holiday,
    Workday,
}

/// <summary>
/// The last day of a period. <see cref="Shifted"/>: start + days was not a working day and was moved.
/// <see cref="CalendarLoaded"/>: every year from the start's to the deadline's is in the calendar; otherwise the
/// missing years were computed with weekends only.
/// </summary>
public sealed record DeadlineResult(DateOnly Start, int Days, DateOnly Deadline, bool Shifted, bool CalendarLoaded);

/// <summary>
/// Working days for periods (CPL Art. 85: a period does not include its first day, and a period whose last day
/// is a holiday ends on the first day after it; 登记立案规定 Art. 8). Saturdays and Sundays are not working
/// days unless listed as adjusted working days; listed holidays are not. Pure: the caller supplies the rows.
/// </summary>
public sealed class WorkingCalendar
{
    public const int MaxDays = 3650;

    private readonly FrozenDictionary<DateOnly, CalendarDayKind> _days;

    public WorkingCalendar(IEnumerable<(DateOnly Date, CalendarDayKind Kind)> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var map = new Dictionary<DateOnly, CalendarDayKind>();
        foreach ((DateOnly date, CalendarDayKind kind) in days)
        {
            if (!Enum.IsDefined(kind))
            {
                throw new ArgumentException($"Unknown calendar day kind {(int)kind} for {date:yyyy-MM-dd}.", nameof(days));
            }

            if (!map.TryAdd(date, kind))
            {
                throw new ArgumentException($"Date {date:yyyy-MM-dd} is listed more than once.", nameof(days));
            }
        }

        _days = map.ToFrozenDictionary();
        LoadedYears = map.Keys.Select(d => d.Year).ToFrozenSet();
    }

    /// <summary>Years that have at least one row.</summary>
    public IReadOnlySet<int> LoadedYears { get; }

    /// <summary>
    /// Parses the <c>cn-calendar.csv</c> format: a header <c>date,kind,name</c>, then one row per line with
    /// <c>yyyy-MM-dd</c>, <c>holiday</c> or <c>workday</c>, and a name (everything after the second comma; may be empty).
    /// Blank lines are skipped. Throws <see cref="FormatException"/> naming the (1-based) line of a bad line.
    /// </summary>
    public static WorkingCalendar ParseCsv(string csvText)
    {
        ArgumentNullException.ThrowIfNull(csvText);
        string[] lines = csvText.Split('\n');
        var rows = new List<(DateOnly, CalendarDayKind)>();
        var seen = new HashSet<DateOnly>();
        bool headerSeen = false;

        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (!headerSeen)
            {
                string[] header = line.Split(',');
                if (header.Length != 3
                    || !header[0].Trim().Equals("date", StringComparison.OrdinalIgnoreCase)
                    || !header[1].Trim().Equals("kind", StringComparison.OrdinalIgnoreCase)
                    || !header[2].Trim().Equals("name", StringComparison.OrdinalIgnoreCase))
                {
                    throw Bad(lineNumber, "expected the header 'date,kind,name'");
                }

                headerSeen = true;
                continue;
            }

            string[] fields = line.Split(',', 3);
            if (fields.Length < 2)
            {
                throw Bad(lineNumber, "expected 'date,kind,name'");
            }

            string dateText = fields[0].Trim();
            if (!DateOnly.TryParseExact(
                    dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                throw Bad(lineNumber, $"'{dateText}' is not a date (yyyy-MM-dd)");
            }

            string kindText = fields[1].Trim();
            CalendarDayKind kind = kindText.ToLowerInvariant() switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "workday" => CalendarDayKind.Workday,
                _ => throw Bad(lineNumber, $"kind '{kindText}' is neither 'holiday' nor 'workday'"),
            };

            if (!seen.Add(date))
            {
                throw Bad(lineNumber, $"{dateText} is listed more than once");
            }

            rows.Add((date, kind));
        }

        if (!headerSeen)
        {
            throw Bad(1, "expected the header 'date,kind,name'");
        }

        return new WorkingCalendar(rows);
    }

    /// <summary>Saturday and Sunday are not working days unless adjusted working days; a listed holiday is not.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_days.TryGetValue(date, out CalendarDayKind kind))
        {
            return kind == CalendarDayKind.Workday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// The last day of a period of <paramref name="days"/> days counted from the day after
    /// <paramref name="start"/> (= start + days), moved to the next working day if it is not one (CPL Art. 85).
    /// </summary>
    public DeadlineResult Deadline(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);

        DateOnly end = start.AddDays(days);
        DateOnly deadline = NextWorkingDayOnOrAfter(end);
        bool loaded = true;
        for (int year = start.Year; year <= deadline.Year; year++)
        {
            if (!LoadedYears.Contains(year))
            {
                loaded = false;
                break;
            }
        }

        return new DeadlineResult(start, days, deadline, deadline != end, loaded);
    }

    private static FormatException Bad(int lineNumber, string message) =>
        new($"Calendar CSV line {lineNumber}: {message}.");
}
