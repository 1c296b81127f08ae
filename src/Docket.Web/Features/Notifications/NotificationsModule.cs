using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Features.Notifications;

public sealed record NotificationDto(string Id, DateTimeOffset At, string? FilingId, string Kind, string Message, bool Read);

public sealed class NotificationReads(DocketDbContext db, IStringLocalizer<Messages> l)
{
    public async Task<Page<NotificationDto>> ListAsync(string userId, bool unreadOnly, int page, int pageSize, CancellationToken ct)
    {
        (page, pageSize) = Paging.Clamp(page, pageSize);
        var q = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unreadOnly) q = q.Where(n => n.ReadAt == null);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Page<NotificationDto>(total, [.. rows.Select(n => new NotificationDto(n.Id, ChinaTime.ToOffset(n.CreatedAt), n.FilingId, n.Kind,
            l.Text(n.MessageKey, [.. n.Args]), n.ReadAt is not null))]);
    }

    /// <summary>Marks the caller's own notifications read (all of them, or up to the given one).</summary>
    public async Task<int> MarkReadAsync(string userId, string? id, DateTime now, CancellationToken ct)
    {
        var q = db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null);
        if (id is not null) q = q.Where(n => n.Id == id);
        return await q.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}

public static class NotificationsModule
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<NotificationReads>();
        services.Configure<SmtpOptions>(config.GetSection("Docket:Smtp"));
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<NotificationDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDelivery>());
        return services;
    }

    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization(AccountsModule.ApiPolicy);
        g.MapGet("", async (bool? unread, int? page, int? pageSize, HttpContext http, NotificationReads reads, CancellationToken ct) =>
            TypedResults.Ok(await reads.ListAsync(http.User.Id(), unread == true, page ?? 1, pageSize ?? 20, ct)));
        g.MapPost("/read", async (HttpContext http, NotificationReads reads, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(new { marked = await reads.MarkReadAsync(http.User.Id(), null, ChinaTime.UtcNow(clock), ct) }));
        g.MapPost("/{id}/read", async Task<Results<NoContent, ProblemHttpResult>> (string id, HttpContext http, NotificationReads reads, TimeProvider clock, CancellationToken ct) =>
            await reads.MarkReadAsync(http.User.Id(), id, ChinaTime.UtcNow(clock), ct) > 0 || await Exists(http, id, ct)
                ? TypedResults.NoContent() : Error.NotFound().ToProblem(http));
    }

    static Task<bool> Exists(HttpContext http, string id, CancellationToken ct) =>
        http.RequestServices.GetRequiredService<DocketDbContext>().Notifications.AnyAsync(n => n.Id == id && n.UserId == http.User.Id(), ct);
}
