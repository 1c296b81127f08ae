using Docket.Web.Features.Calendar;
using Docket.Web.Infrastructure.Time;

namespace Docket.Web.Features.Notices;

/// <summary>Legal periods that run from service (电子送达): counted from the Asia/Shanghai day of the instant served.</summary>
public static class ServicePeriods
{
    /// <summary>Fee measures Art. 22: prepay within 7 days from the day after the fee notice is served.</summary>
    public const int FeeDays = 7;

    public static DateOnly FeeDueDate(DateTime servedAtUtc, WorkingCalendar calendar) =>
        calendar.Deadline(ChinaTime.DateOf(servedAtUtc), FeeDays).Deadline;
}
