using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Accounts;

public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, DocketOptions options)
    {
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "docket.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
        });
        services.AddIdentityCore<User>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // Accounts made by SMS sign-in have no e-mail; Register keeps e-mails unique itself.
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DocketDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

        var verifier = options.IdentityVerifier ?? (options.Demo ? "stand-in" : "none");
        if (verifier == "stand-in") services.AddSingleton<IIdentityVerifier, StandInIdentityVerifier>();
        else services.AddSingleton<IIdentityVerifier, NoIdentityVerifier>();

        services.AddScoped<Register>();
        services.AddScoped<SmsCodes>();
        services.AddScoped<SmsSignIn>();
        services.AddScoped<Profile>();
        return services;
    }

    public const string ApiPolicy = "api";

    public static string? ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    /// <summary>Demo only: what the stand-in SMS sender "sent", newest first (404 when demo is off).</summary>
    public static void MapDevApi(this RouteGroupBuilder api, DocketOptions options)
    {
        if (!options.Demo) return;
        api.MapGet("/dev/sms-outbox", async (string? phone, DocketDbContext db, CancellationToken ct) =>
        {
            var q = db.DevSmsMessages.AsNoTracking();
            var normalized = SmsCodeRules.NormalizeMobile(phone) ?? phone;
            if (!string.IsNullOrWhiteSpace(normalized)) q = q.Where(m => m.Phone == normalized);
            var rows = await q.OrderByDescending(m => m.At).Take(100).ToListAsync(ct);
            return TypedResults.Ok(rows.Select(m => new { m.Phone, m.Text, At = Infrastructure.Time.ChinaTime.ToOffset(m.At) }));
        }).WithTags("Dev").AllowAnonymous();
    }

    public static void MapAccountsApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").AllowAnonymous();
        auth.MapPost("/register", async Task<Results<Ok<Register.Response>, ProblemHttpResult>> (RegisterRequest? body, Register handler, HttpContext http, CancellationToken ct) =>
            (await handler.HandleAsync(body, ct)).ToHttp(http)).RequireRateLimiting(RateLimits.Register);
        auth.MapPost("/login", Login.PasswordAsync).RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/sms-code", async Task<Results<Accepted<SmsSignIn.CodeSent>, ProblemHttpResult>> (SmsSignIn.CodeRequest? body, SmsSignIn h, HttpContext http, CancellationToken ct) =>
        {
            var r = await h.SendCodeAsync(body, ClientAddress(http), ct);
            return r.IsOk ? TypedResults.Accepted((string?)null, r.Value) : r.Error!.ToProblem(http);
        });
        auth.MapPost("/login-sms", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (SmsSignIn.LoginRequest? body, SmsSignIn h, SignInManager<User> signIn, HttpContext http, CancellationToken ct) =>
        {
            var r = await h.LoginAsync(body, ct);
            if (!r.IsOk) return r.Error!.ToProblem(http);
            if (await signIn.UserManager.IsLockedOutAsync(r.Value)) return new Error(429, "auth.locked-out").ToProblem(http);
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            await signIn.SignInAsync(r.Value, isPersistent: false); // the bearer handler writes the token response
            return TypedResults.Empty;
        }).RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/password-reset", async Task<Results<NoContent, ProblemHttpResult>> (SmsSignIn.ResetRequest? body, SmsSignIn h, HttpContext http, CancellationToken ct) =>
        {
            var r = await h.ResetPasswordAsync(body, ct);
            return r.IsOk ? TypedResults.NoContent() : r.Error!.ToProblem(http);
        });
        auth.MapPost("/refresh", Login.RefreshAsync);

        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization(ApiPolicy);
        me.MapGet("", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (Profile profile, HttpContext http) =>
            (await profile.GetAsync(http.User.Id())).ToHttp(http));
        me.MapPut("/profile", async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> (ProfileRequest? body, Profile profile, HttpContext http, CancellationToken ct) =>
            (await profile.UpdateProfileAsync(http.User.Id(), body, ct)).ToHttp(http));
        me.MapPost("/phone/code", async Task<Results<Accepted<SmsSignIn.CodeSent>, ProblemHttpResult>> (SmsSignIn.PhoneRequest? body, SmsSignIn h, HttpContext http, CancellationToken ct) =>
        {
            var r = await h.SendVerifyCodeAsync(http.User.Id(), body, ClientAddress(http), ct);
            return r.IsOk ? TypedResults.Accepted((string?)null, r.Value) : r.Error!.ToProblem(http);
        });
        me.MapPut("/phone", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (SmsSignIn.PhoneRequest? body, SmsSignIn h, Profile profile, HttpContext http, CancellationToken ct) =>
        {
            var r = await h.VerifyPhoneAsync(http.User.Id(), body, ct);
            return r.IsOk ? (await profile.GetAsync(http.User.Id())).ToHttp(http) : r.Error!.ToProblem(http);
        });
        me.MapGet("/service-address", async Task<Results<Ok<ServiceAddressDto>, FileContentHttpResult, ProblemHttpResult>> (string? format, Profile profile, HttpContext http) =>
        {
            if (Filings.DocumentResponses.WantsPdf(http, format))
            {
                var pdf = await profile.ConfirmationPdfAsync(http.User.Id());
                return pdf.IsOk ? TypedResults.File(pdf.Value, "application/pdf", "service-address.pdf") : pdf.Error!.ToProblem(http);
            }
            var me = await profile.GetAsync(http.User.Id());
            if (!me.IsOk) return me.Error!.ToProblem(http);
            return me.Value.ServiceAddress is { } a ? TypedResults.Ok(a) : Error.NotFound("service-address.missing").ToProblem(http);
        });
        me.MapGet("/service-address/history", async (Profile profile, HttpContext http, CancellationToken ct) =>
            TypedResults.Ok(await profile.HistoryAsync(http.User.Id(), ct)));
        me.MapPut("/service-address", async Task<Results<Ok<ServiceAddressDto>, ProblemHttpResult>> (ServiceAddressRequest? body, Profile profile, HttpContext http) =>
            (await profile.UpdateServiceAddressAsync(http.User.Id(), body)).ToHttp(http));
    }
}
