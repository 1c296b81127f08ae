using System.Collections.Concurrent;
using Docket.Web.Features.Notifications;
using Docket.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Docket.IntegrationTests;

/// <summary>
/// A SQLite app whose <see cref="TimeProvider"/> is a <see cref="FakeTimeProvider"/> the test moves (deadlines,
/// lapses, statistics, back-off). The background loops (lapse job, notification delivery, diversion expiry) are not started:
/// a fake clock would wake them at every move and race the test; the tests call their <c>RunOnceAsync</c> instead.
/// Bearer tokens expire by this clock too, so a test that moves it by more than an hour signs in again.
/// One instance per test class (each moves the clock forward only).
/// </summary>
public class ClockedAppFactory() : DocketAppFactory(DatabaseProvider.Sqlite)
{
    /// <summary>Starts at the real time (whole seconds), so that data-protection keys made at start are valid.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            foreach (var loop in services.Where(IsJobLoop).ToList()) services.Remove(loop);
            ConfigureTestServices(services);
        });
    }

    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    /// <summary>The hosted-service registrations of <see cref="LapseJob"/> and <see cref="NotificationDelivery"/> (factory registrations).</summary>
    static bool IsJobLoop(ServiceDescriptor d) =>
        d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && d.ImplementationFactory is { } f
        && f.GetType().GenericTypeArguments.LastOrDefault() is { } t && (t == typeof(LapseJob) || t == typeof(NotificationDelivery) || t == typeof(Docket.Web.Features.Mediation.DiversionExpiryJob));

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Moves the clock to a later instant (never back).</summary>
    public void MoveTo(DateTimeOffset instant)
    {
        Assert.True(instant >= Clock.GetUtcNow(), $"the fake clock only moves forward ({Clock.GetUtcNow():O} → {instant:O})");
        Clock.SetUtcNow(instant);
    }

    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>The Asia/Shanghai date of the fake now.</summary>
    public DateOnly Today => ReviewKit.ShanghaiDate(Now);
}

/// <summary>A clocked app with a recording e-mail sender registered as <see cref="IEmailSender"/>.</summary>
public sealed class EmailAppFactory : ClockedAppFactory
{
    public RecordingEmailSender Email { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IEmailSender>(Email);
}

/// <summary>
/// Enabled; records every call; fails the first <see cref="FailuresLeft"/> calls (an SMTP outage) and can take a
/// while per message (so that two delivery rounds overlap).
/// </summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public sealed record Call(string To, string Subject, string Body, bool Failed);

    int failuresLeft;
    int calls;

    public ConcurrentQueue<Call> Calls { get; } = new();
    public TimeSpan Delay { get; set; }
    public int FailuresLeft => Volatile.Read(ref failuresLeft);
    public bool Enabled => true;

    /// <summary>Runs before each send with the call's number (1-based since <see cref="Reset"/>): may wait, or throw to fail it.</summary>
    public Func<int, Task>? Script { get; set; }

    public void Reset(int failures, TimeSpan delay)
    {
        Calls.Clear();
        Volatile.Write(ref failuresLeft, failures);
        Volatile.Write(ref calls, 0);
        Delay = delay;
        Script = null;
    }

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref calls);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ct);
        if (Script is { } script)
        {
            try { await script(n); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Calls.Enqueue(new Call(to, subject, body, true));
                throw;
            }
        }
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            Calls.Enqueue(new Call(to, subject, body, true));
            throw new IOException("SMTP server unavailable (test)");
        }
        Calls.Enqueue(new Call(to, subject, body, false));
    }

    public IReadOnlyList<Call> To(string address) => [.. Calls.Where(c => c.To == address)];
}
