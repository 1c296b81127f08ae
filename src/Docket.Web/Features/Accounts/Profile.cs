using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Accounts;

/// <summary>The signed-in user's own account: the real-name profile and the service address (送达地址确认书).</summary>
public sealed class Profile(UserManager<User> users, IIdentityVerifier verifier, TimeProvider clock)
{
    public async Task<Result<MeDto>> GetAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();
        return await ToDtoAsync(user);
    }

    public async Task<Result<ProfileDto>> UpdateProfileAsync(string userId, ProfileRequest? request, CancellationToken ct)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var errors = AccountRules.ValidateProfile(request);
        if (errors.Any) return errors.ToError();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();

        var idNumber = request.IdType == "resident-id" ? IdentityNumbers.Normalize(request.IdNumber!) : request.IdNumber!.Trim();
        var changed = user.FullName != request.FullName!.Trim() || user.IdType != request.IdType || user.IdNumber != idNumber;
        user.FullName = request.FullName.Trim();
        user.IdType = request.IdType;
        user.IdNumber = idNumber;
        user.ProfilePhone = AccountRules.NormalizePhone(request.Phone);
        if (changed || !user.Verified)
        {
            // A changed identity must be verified again; only the verifier may say so.
            user.Verified = await verifier.VerifyAsync(user, ct);
            user.VerifiedAt = user.Verified ? clock.GetUtcNow().UtcDateTime : null;
        }
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) return Error.Conflict("request.concurrent-change");
        return ToProfile(user);
    }

    public async Task<Result<ServiceAddressDto>> UpdateServiceAddressAsync(string userId, ServiceAddressRequest? request)
    {
        if (request is null) return Error.BadRequest("request.malformed");
        var errors = AccountRules.ValidateServiceAddress(request);
        if (errors.Any) return errors.ToError();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Error.NotFound();
        user.ElectronicServiceConsent = request.ElectronicConsent;
        user.ServicePhone = AccountRules.NormalizePhone(request.Phone);
        user.ServiceEmail = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        user.PostalAddress = request.PostalAddress!.Trim();
        user.ServiceAddressConfirmedAt = ChinaTime.UtcNow(clock);
        var saved = await users.UpdateAsync(user);
        if (!saved.Succeeded) return Error.Conflict("request.concurrent-change");
        return ToServiceAddress(user)!;
    }

    async Task<MeDto> ToDtoAsync(User u) => new(
        u.Id, u.Email, u.PhoneNumber ?? u.ProfilePhone, [.. await users.GetRolesAsync(u)], u.CourtId, null, null,
        ToProfile(u), u.Verified, ToServiceAddress(u));

    static ProfileDto ToProfile(User u) => new(u.FullName, u.IdType, u.IdNumber, u.ProfilePhone);

    static ServiceAddressDto? ToServiceAddress(User u) => u.ServiceAddressConfirmedAt is { } at
        ? new(u.ElectronicServiceConsent == true, u.ServicePhone, u.ServiceEmail, u.PostalAddress, ChinaTime.ToOffset(at))
        : null;
}
