using Docket.Web.Infrastructure;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

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
                o.User.RequireUniqueEmail = true;
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
        services.AddScoped<Profile>();
        return services;
    }

    public const string ApiPolicy = "api";

    public static void MapAccountsApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").AllowAnonymous();
        auth.MapPost("/register", async Task<Results<Ok<Register.Response>, ProblemHttpResult>> (RegisterRequest? body, Register handler, HttpContext http, CancellationToken ct) =>
            (await handler.HandleAsync(body, ct)).ToHttp(http));
        auth.MapPost("/login", Login.PasswordAsync);
        auth.MapPost("/refresh", Login.RefreshAsync);

        var me = api.MapGroup("/me").WithTags("Accounts").RequireAuthorization(ApiPolicy);
        me.MapGet("", async Task<Results<Ok<MeDto>, ProblemHttpResult>> (Profile profile, HttpContext http) =>
            (await profile.GetAsync(http.User.Id())).ToHttp(http));
        me.MapPut("/profile", async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> (ProfileRequest? body, Profile profile, HttpContext http, CancellationToken ct) =>
            (await profile.UpdateProfileAsync(http.User.Id(), body, ct)).ToHttp(http));
        me.MapPut("/service-address", async Task<Results<Ok<ServiceAddressDto>, ProblemHttpResult>> (ServiceAddressRequest? body, Profile profile, HttpContext http) =>
            (await profile.UpdateServiceAddressAsync(http.User.Id(), body)).ToHttp(http));
    }
}
