using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Organisation;

public sealed record LinkedOfficerDto(string Id, string Name, string UnitId, string UserId);

/// <summary>
/// A manager links an existing account to an officer on a roll they see, so that the officer can check in by QR and
/// record their own study: the account gets the officer role and the officer's unit (an account of another unit, or
/// one already linked to another officer, is refused with 409).
/// </summary>
public sealed class LinkOfficerAccount(DocketDbContext db, UserManager<User> users)
{
    public sealed record Request(string? Email);

    public async Task<Result<LinkedOfficerDto>> HandleAsync(OrgCaller caller, string officerId, Request? r, CancellationToken ct)
    {
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == officerId, ct);
        if (officer is null || !caller.Sees(officer.UnitId)) return Error.NotFound();
        var email = r?.Email?.Trim();
        if (string.IsNullOrEmpty(email) || email.Length > 256) return Error.Validation("email", "org.account-unknown");
        var user = await users.FindByEmailAsync(email);
        if (user is null) return Error.Validation("email", "org.account-unknown");
        if (officer.UserId == user.Id) return new LinkedOfficerDto(officer.Id, officer.Name, officer.UnitId, user.Id);
        if (officer.UserId is not null || await db.Officers.AnyAsync(o => o.UserId == user.Id, ct)) return Error.Conflict("org.account-linked");
        if (user.UnitId is not null && user.UnitId != officer.UnitId) return Error.Conflict("org.account-other-unit");
        user.UnitId = officer.UnitId;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return Error.Conflict("request.concurrent-change");
        if (!await users.IsInRoleAsync(user, Roles.Officer)) await users.AddToRoleAsync(user, Roles.Officer);
        officer.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        return new LinkedOfficerDto(officer.Id, officer.Name, officer.UnitId, user.Id);
    }
}
