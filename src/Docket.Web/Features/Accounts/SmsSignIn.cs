using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Accounts;

/// <summary>
/// Sign-in by mobile number (most litigants' only channel): a code by SMS; the first sign-in creates a filer
/// account, later ones sign into the account whose verified phone it is. Also: adding and verifying a phone on an
/// e-mail account, and resetting a password by SMS.
/// </summary>
public sealed class SmsSignIn(UserManager<User> users, SmsCodes codes, TimeProvider clock)
{
    public sealed record CodeRequest(string? Phone, string? Purpose);
    public sealed record LoginRequest(string? Phone, string? Code);
    public sealed record PhoneRequest(string? Phone, string? Code);
    public sealed record ResetRequest(string? Phone, string? Code, string? NewPassword);
    public sealed record CodeSent(int ExpiresIn);

    public async Task<Result<CodeSent>> SendCodeAsync(CodeRequest? request, string? clientAddress, CancellationToken ct)
    {
        var phone = SmsCodeRules.NormalizeMobile(request?.Phone);
        if (phone is null) return Error.Validation("phone", "sms.phone-invalid");
        var purpose = request?.Purpose ?? "login";
        if (purpose is not ("login" or "reset-password")) return Error.Validation("purpose", "sms.purpose-invalid");
        // A reset code goes only to a verified phone; the answer is the same either way (no account probing).
        var send = purpose == "login" || await FindByVerifiedPhoneAsync(phone, ct) is not null;
        var r = await codes.IssueAsync(phone, purpose, clientAddress, send, ct);
        return r.IsOk ? new CodeSent((int)r.Value.TotalSeconds) : r.Error!;
    }

    /// <summary>Checks the code and returns the account to sign in (created on first use).</summary>
    public async Task<Result<User>> LoginAsync(LoginRequest? request, CancellationToken ct)
    {
        var phone = SmsCodeRules.NormalizeMobile(request?.Phone);
        if (phone is null) return Error.Validation("phone", "sms.phone-invalid");
        var ok = await codes.VerifyAsync(phone, "login", request?.Code, ct);
        if (!ok.IsOk) return ok.Error!;
        var user = await FindByVerifiedPhoneAsync(phone, ct);
        if (user is not null) return user;
        user = new User
        {
            UserName = "m" + phone, PhoneNumber = phone, PhoneNumberConfirmed = true, ProfilePhone = phone, CreatedAt = ChinaTime.UtcNow(clock),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            // The same phone signed in twice at once: take the account the other request created.
            return await FindByVerifiedPhoneAsync(phone, ct) is { } other ? other : Error.Conflict("request.concurrent-change");
        }
        await users.AddToRoleAsync(user, Roles.Filer);
        return user;
    }

    public async Task<Result<CodeSent>> SendVerifyCodeAsync(string userId, PhoneRequest? request, string? clientAddress, CancellationToken ct)
    {
        var phone = SmsCodeRules.NormalizeMobile(request?.Phone);
        if (phone is null) return Error.Validation("phone", "sms.phone-invalid");
        if (await FindByVerifiedPhoneAsync(phone, ct) is { } owner && owner.Id != userId) return Error.Conflict("sms.phone-taken");
        var r = await codes.IssueAsync(phone, "verify-phone", clientAddress, send: true, ct);
        return r.IsOk ? new CodeSent((int)r.Value.TotalSeconds) : r.Error!;
    }

    public async Task<Result<string>> VerifyPhoneAsync(string userId, PhoneRequest? request, CancellationToken ct)
    {
        var phone = SmsCodeRules.NormalizeMobile(request?.Phone);
        if (phone is null) return Error.Validation("phone", "sms.phone-invalid");
        var ok = await codes.VerifyAsync(phone, "verify-phone", request?.Code, ct);
        if (!ok.IsOk) return ok.Error!;
        if (await FindByVerifiedPhoneAsync(phone, ct) is { } owner && owner.Id != userId) return Error.Conflict("sms.phone-taken");
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();
        user.PhoneNumber = phone;
        user.PhoneNumberConfirmed = true;
        if (string.IsNullOrEmpty(user.ProfilePhone)) user.ProfilePhone = phone;
        var saved = await users.UpdateAsync(user);
        return saved.Succeeded ? phone : Error.Conflict("request.concurrent-change");
    }

    public async Task<Result<bool>> ResetPasswordAsync(ResetRequest? request, CancellationToken ct)
    {
        var phone = SmsCodeRules.NormalizeMobile(request?.Phone);
        var e = new FieldErrors();
        if (phone is null) e.Add("phone", "sms.phone-invalid");
        if (request?.NewPassword is not { Length: >= 8 }) e.Add("newPassword", "auth.password-too-short");
        else if (request.NewPassword.Length > 128) e.Add("newPassword", "auth.password-too-long");
        if (e.Any) return e.ToError();
        var ok = await codes.VerifyAsync(phone!, "reset-password", request!.Code, ct);
        if (!ok.IsOk) return ok.Error!;
        var user = await FindByVerifiedPhoneAsync(phone!, ct);
        if (user is null) return Error.Validation("code", "sms.code-invalid");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, request.NewPassword!);
        if (!reset.Succeeded) return Error.Validation("newPassword", "auth.password-rejected");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    Task<User?> FindByVerifiedPhoneAsync(string phone, CancellationToken ct) =>
        users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed, ct);
}
