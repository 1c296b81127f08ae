using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Docket.Web.Features.Accounts;

/// <summary>
/// Password sign-in for the API: Identity's bearer-token scheme writes <c>{tokenType, accessToken, expiresIn,
/// refreshToken}</c>; failures count towards the lockout (5 tries).
/// </summary>
public static class Login
{
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> PasswordAsync(
        LoginRequest? request, SignInManager<User> signIn, HttpContext http)
    {
        var fields = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request?.Email)) fields.Add("email", "auth.email-invalid");
        if (string.IsNullOrEmpty(request?.Password)) fields.Add("password", "auth.password-required");
        if (fields.Any) return fields.ToError().ToProblem(http);

        var user = await signIn.UserManager.FindByEmailAsync(request!.Email!.Trim());
        if (user is null) return new Error(401, "auth.invalid-credentials").ToProblem(http);
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty; // the bearer handler has written the token response
        if (result.IsLockedOut) return new Error(429, "auth.locked-out").ToProblem(http);
        return new Error(401, "auth.invalid-credentials").ToProblem(http);
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest? request, SignInManager<User> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request?.RefreshToken)) return Error.Validation("refreshToken", "auth.refresh-token-required").ToProblem(http);
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            return new Error(401, "auth.refresh-token-invalid").ToProblem(http);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
