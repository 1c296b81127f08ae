using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;

namespace Docket.Web.Features.Accounts;

/// <summary>Sends a text message. A real gateway plugs in by configuration; the demo keeps messages in a developer inbox.</summary>
public interface ISmsSender
{
    bool Enabled { get; }
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>A message the demo stand-in "sent": shown in the developer inbox, never in the log.</summary>
public sealed class DevSmsMessage
{
    public string Id { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTime At { get; set; }
}

public sealed class DevSmsMessageConfiguration : IEntityTypeConfiguration<DevSmsMessage>
{
    public void Configure(EntityTypeBuilder<DevSmsMessage> b)
    {
        b.ToTable("dev_sms_outbox");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).HasMaxLength(32);
        b.Property(m => m.Phone).HasMaxLength(30);
        b.Property(m => m.Text).HasMaxLength(500);
        b.HasIndex(m => new { m.Phone, m.At });
    }
}

/// <summary>Demo mode: the "sent" messages go to the database (so every node's inbox shows them).</summary>
public sealed class DevSmsOutbox(IServiceScopeFactory scopes, TimeProvider clock) : ISmsSender
{
    public bool Enabled => true;

    public async Task SendAsync(string phone, string text, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DocketDbContext>();
        db.DevSmsMessages.Add(new DevSmsMessage { Id = Guid.CreateVersion7().ToString("N"), Phone = phone, Text = text, At = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>No gateway configured outside demo mode: nothing can be sent, and the caller is told so.</summary>
public sealed class NoSmsSender(ILogger<NoSmsSender> log) : ISmsSender
{
    public bool Enabled => false;

    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        log.LogWarning("No SMS gateway is configured (Docket__Sms__Gateway); a message to a phone ending {Tail} was not sent.", phone.Length > 4 ? phone[^4..] : "");
        throw new SmsUnavailableException();
    }
}

public sealed class SmsUnavailableException() : InvalidOperationException("No SMS gateway is configured.");

public sealed class SmsOptions
{
    /// <summary><c>dev-outbox</c> (the default in demo mode) or <c>none</c>; a real gateway adds its own name.</summary>
    public string? Gateway { get; set; }
}

public static class SmsSetup
{
    public static IServiceCollection AddSms(this IServiceCollection services, IConfiguration config, DocketOptions options)
    {
        var gateway = config["Docket:Sms:Gateway"] ?? (options.Demo ? "dev-outbox" : "none");
        if (gateway == "dev-outbox") services.AddSingleton<ISmsSender, DevSmsOutbox>();
        else services.AddSingleton<ISmsSender, NoSmsSender>();
        return services;
    }
}
