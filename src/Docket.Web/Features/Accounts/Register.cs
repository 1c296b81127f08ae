using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Accounts;

/// <summary>Signs up a filer with e-mail and password (written on UserManager so it can assign the role and speak our codes).</summary>
public sealed class Register(UserManager<User> users, TimeProvider clock)
{
    public sealed record Response(string Id, string Email, IReadOnlyList<string> Roles);

    public async Task<Result<Response>> HandleAsync(RegisterRequest? request, CancellationToken ct)
    {
        var e = new FieldErrors();
        var email = request?.Email?.Trim() ?? "";
        if (!AccountRules.IsEmail(email)) e.Add("email", "auth.email-invalid");
        if (request?.Password is not { Length: >= 8 }) e.Add("password", "auth.password-too-short");
        else if (request.Password.Length > 128) e.Add("password", "auth.password-too-long");
        if (e.Any) return e.ToError();
        if (await users.FindByEmailAsync(email) is not null) return Error.Validation("email", "auth.email-taken");

        var user = new User { UserName = email, Email = email, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, request!.Password!);
        if (!created.Succeeded) return FromIdentity(created);
        await users.AddToRoleAsync(user, Roles.Filer);
        return new Response(user.Id, email, [Roles.Filer]);
    }

    static Error FromIdentity(IdentityResult r)
    {
        var e = new FieldErrors();
        foreach (var err in r.Errors)
        {
            if (err.Code.Contains("Password", StringComparison.Ordinal)) e.Add("password", "auth.password-rejected");
            else if (err.Code.Contains("Duplicate", StringComparison.Ordinal)) e.Add("email", "auth.email-taken");
            else e.Add("email", "auth.email-invalid");
        }
        return e.ToError();
    }
}
