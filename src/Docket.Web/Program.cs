using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Calendar;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Courts.Admin;
using Docket.Web.Features.Demo;
using Docket.Web.Features.Fees;
using Docket.Web.Features.Mediation;
using Docket.Web.Features.Screening;
using Docket.Web.Features.Filings;
using Docket.Web.Features.Notices;
using Docket.Web.Features.Notifications;
using Docket.Web.Features.Review;
using Docket.Web.Features.Counter;
using Docket.Web.Features.Education;
using Docket.Web.Features.Organisation;
using Docket.Web.Features.Statistics;
using Docket.Web.Infrastructure.Jobs;
using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Storage;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("Docket").Get<DocketOptions>() ?? new DocketOptions();
builder.Services.Configure<DocketOptions>(builder.Configuration.GetSection("Docket"));

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDocketDatabase(builder.Configuration, options);
builder.Services.AddSingleton<IDocumentStore>(new FileSystemDocumentStore(Path.Combine(options.FullDataPath, "documents")));
builder.Services.AddSingleton<CalendarService>();
builder.Services.AddAccounts(options);
builder.Services.AddSms(builder.Configuration, options);
builder.Services.AddFilings();
builder.Services.AddReview();
builder.Services.AddCounter();
builder.Services.AddMediation();
builder.Services.AddScreening();
builder.Services.AddOrganisation();
builder.Services.AddEducation();
builder.Services.AddFees(options);
builder.Services.AddCourtAdmin();
builder.Services.AddStatistics();
builder.Services.AddDocketTelemetry(builder.Configuration);
builder.Services.AddReverseProxy(options);
builder.Services.AddDocketRateLimits(builder.Configuration);
builder.Services.AddVirusScanning(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddScoped<NumberAllocator>();
builder.Services.AddScoped<FilingNotices>();
builder.Services.AddSingleton<LapseJob>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<LapseJob>());

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    CultureInfo[] cultures = [new("zh-CN"), new("en")];
    o.DefaultRequestCulture = new RequestCulture("zh-CN");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    o.FallBackToParentCultures = true;
    o.FallBackToParentUICultures = true;
});
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResults.Customize);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddOpenApi();
builder.Services.AddRazorPages();
// Secure over HTTPS (directly or as a trusted proxy forwards it), still usable on plain-HTTP localhost.
builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest);
// Pages are Chinese first: emit CJK as characters, not as &#x…; entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
// JSON bodies are small; uploads raise the limit per request from the court's policy.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 4 * 1024 * 1024);

var app = builder.Build();

if (args.Contains("migrate"))
{
    await DatabaseSetup.MigrateAsync(app.Services);
    app.Logger.LogInformation("Database migrated ({Provider}).", options.IsPostgres ? "postgres" : "sqlite");
    return 0;
}

CjkFonts.Register();
app.Logger.LogInformation("{Fonts}", CjkFonts.Describe());
if (!options.IsPostgres) await DatabaseSetup.MigrateAsync(app.Services);
else await DatabaseSetup.EnsureMigratedAsync(app.Services);
await Seeding.SeedAsync(app.Services, options.Demo);
if (options.Demo) app.Logger.LogWarning("Demo mode: demo courts and accounts are seeded (password {Password}).", Seeding.DemoPassword);

if (ReverseProxy.Enabled(options)) app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment()) app.UseHsts();
// Localization first, so that errors written by the exception handler and status-code pages speak the caller's language.
app.UseRequestLocalization();
app.UseExceptionHandler();
// The API answers bare status codes as ProblemDetails; pages show a friendly page in the user's language.
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapGet("/healthz", () => TypedResults.Text("ok")).ExcludeFromDescription();
app.MapGet("/readyz", async Task<IResult> (DocketDbContext db, CancellationToken ct) =>
    await db.Database.CanConnectAsync(ct) ? TypedResults.Text("ready") : TypedResults.Problem(statusCode: 503, detail: "database unreachable"))
    .ExcludeFromDescription();

var api = app.MapGroup("/api/v1");
api.MapAccountsApi();
api.MapDevApi(options);
api.MapCourtsApi();
api.MapCalendarApi();
api.MapFeesApi();
api.MapFilingsApi();
api.MapNoticesApi();
api.MapNotificationsApi();
api.MapReviewApi();
api.MapCounterApi();
api.MapMediationApi();
api.MapScreeningApi();
api.MapOrganisationApi();
api.MapEducationApi();
api.MapStatisticsApi();

app.MapRazorPages();
app.Run();
return 0;

public partial class Program;
