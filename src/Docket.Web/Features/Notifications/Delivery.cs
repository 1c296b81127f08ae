using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Time;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Docket.Web.Features.Notifications;

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "docket@localhost";
    public bool StartTls { get; set; } = true;
    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}

public interface IEmailSender
{
    bool Enabled { get; }
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>E-mail through SMTP (MailKit) when <c>Docket__Smtp__Host</c> is configured; otherwise disabled.</summary>
public sealed class SmtpEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient();
        await client.ConnectAsync(o.Host!, o.Port, o.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(o.User)) await client.AuthenticateAsync(o.User, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>
/// Delivers outbox notifications (written in the same transaction as the change they report) on the outside
/// channels, with retries and back-off. A row is claimed with a conditional UPDATE on its lease, so several nodes
/// can run this without sending anything twice; a crash after sending and before recording can repeat one e-mail
/// after the lease expires (at-least-once), never lose one.
/// </summary>
public sealed class NotificationDelivery(IServiceScopeFactory scopes, IEmailSender email, Accounts.ISmsSender sms, TimeProvider clock, ILogger<NotificationDelivery> log)
    : BackgroundService
{
    public const int MaxAttempts = 10;
    static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Notification delivery round failed"); }
            try { await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<Messages>>();
        // Outside a request: messages go out in the platform's first language, whatever the server's locale.
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");
        var now = ChinaTime.UtcNow(clock);
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.DeliveredAt == null && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
            .OrderBy(n => n.CreatedAt).Select(n => n.Id).Take(50).ToListAsync(ct);
        var delivered = 0;
        foreach (var id in due)
        {
            var until = now + Lease;
            var claimed = await db.Notifications
                .Where(n => n.Id == id && n.DeliveredAt == null && n.NextAttemptAt <= now && (n.LeaseUntil == null || n.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.LeaseUntil, until), ct);
            if (claimed == 0) continue; // another node has it
            var n = await db.Notifications.FirstAsync(x => x.Id == id, ct);
            var user = await db.Users.AsNoTracking().Where(u => u.Id == n.UserId)
                .Select(u => new { u.ServiceEmail, u.Email, u.ElectronicServiceConsent, u.ServicePhone, u.PhoneNumber, u.PhoneNumberConfirmed })
                .FirstOrDefaultAsync(ct);
            try
            {
                // In-app delivery is the row itself; e-mail goes out when configured and the filer gave an address.
                var text = l.Text(n.MessageKey, [.. n.Args]);
                // Electronic service is delivery to the account plus an SMS (the channel most litigants read).
                // Each channel is recorded once sent, so a retry after a failure on the other never repeats it.
                var phone = user?.ServicePhone ?? (user?.PhoneNumberConfirmed == true ? user.PhoneNumber : null);
                if (sms.Enabled && phone is not null && n.SmsSentAt is null)
                {
                    await sms.SendAsync(phone, "【网上立案】" + text, ct);
                    n.SmsSentAt = ChinaTime.UtcNow(clock);
                    await db.SaveChangesAsync(ct);
                }
                var to = user?.ServiceEmail ?? user?.Email;
                if (email.Enabled && to is not null && user?.ElectronicServiceConsent == true && n.EmailSentAt is null)
                {
                    await email.SendAsync(to, l.Text("notify.subject"), text, ct);
                    n.EmailSentAt = ChinaTime.UtcNow(clock);
                }
                n.DeliveredAt = ChinaTime.UtcNow(clock);
                n.LeaseUntil = null;
                n.LastError = null;
                delivered++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                n.Attempts++;
                n.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                n.LeaseUntil = null;
                n.NextAttemptAt = n.Attempts >= MaxAttempts ? DateTime.MaxValue.AddDays(-1) : now + TimeSpan.FromMinutes(Math.Min(Math.Pow(2, n.Attempts), 60));
                log.LogWarning("Notification {Id} delivery failed (attempt {Attempts}): {Error}", n.Id, n.Attempts, n.LastError);
            }
            await db.SaveChangesAsync(ct);
        }
        return delivered;
    }
}
