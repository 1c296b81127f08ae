using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Docket.Web.Features.Calendar;

/// <summary>One row of the official calendar: a holiday, or an adjusted working day (调休上班).</summary>
public sealed class CalendarDay
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public string Name { get; set; } = "";
}

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> b)
    {
        b.ToTable("calendar_days");
        b.HasKey(d => d.Date);
        b.Property(d => d.Kind).HasConversion(k => k == CalendarDayKind.Holiday ? "holiday" : "workday",
            s => s == "holiday" ? CalendarDayKind.Holiday : CalendarDayKind.Workday).HasMaxLength(10);
        b.Property(d => d.Name).HasMaxLength(50);
    }
}
