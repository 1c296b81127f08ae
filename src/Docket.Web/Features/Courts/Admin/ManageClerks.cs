using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Courts.Admin;

public sealed record StaffDto(string Id, string? Email, string? FullName, IReadOnlyList<string> Roles, bool LockedOut, DateTimeOffset CreatedAt);

/// <summary>
/// A court's filing-office staff: the accounts of that court with the clerk or court-admin role. A court admin
/// creates clerk accounts for their own court and locks or unlocks them (a locked account cannot sign in).
/// </summary>
public sealed class ManageClerks(DocketDbContext db, UserManager<User> users, TimeProvider clock)
{
    public sealed record CreateRequest(string? Email, string? FullName, string? Password);

    static readonly string[] StaffRoles = [Roles.Clerk, Roles.CourtAdmin];

    /// <summary>"Until unlocked": a fixed far date rather than MaxValue, which PostgreSQL would store as infinity.</summary>
    static readonly DateTimeOffset LockedUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public async Task<Result<IReadOnlyList<StaffDto>>> ListAsync(CourtManager manager, string courtId, CancellationToken ct)
    {
        if (!await CourtAdminScope.Courts(db, manager).AnyAsync(c => c.Id == courtId, ct)) return Error.NotFound("court.not-found");
        var staff = await Staff(manager, courtId).AsNoTracking()
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.FullName, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(ct);
        var ids = staff.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return Result<IReadOnlyList<StaffDto>>.Ok([.. staff.Select(u => new StaffDto(u.Id, u.Email, u.FullName,
            [.. roles.Where(r => r.UserId == u.Id && r.Name is not null).Select(r => r.Name!).Order(StringComparer.Ordinal)],
            u.LockoutEnd > now, ChinaTime.ToOffset(u.CreatedAt)))]);
    }

    /// <summary>A new clerk account of the court, signed in with e-mail and the initial password.</summary>
    public async Task<Result<StaffDto>> CreateAsync(CourtManager manager, string courtId, CreateRequest? request, CancellationToken ct)
    {
        if (!await CourtAdminScope.Courts(db, manager).AnyAsync(c => c.Id == courtId, ct)) return Error.NotFound("court.not-found");
        var e = new FieldErrors();
        var email = request?.Email?.Trim() ?? "";
        var fullName = request?.FullName?.Trim() ?? "";
        if (!AccountRules.IsEmail(email)) e.Add("email", "auth.email-invalid");
        if (fullName.Length == 0) e.Add("fullName", "profile.full-name-required");
        else if (fullName.Length > 100) e.Add("fullName", "profile.full-name-too-long");
        if (request?.Password is not { Length: >= 8 }) e.Add("password", "auth.password-too-short");
        else if (request.Password.Length > 128) e.Add("password", "auth.password-too-long");
        if (e.Any) return e.ToError();
        if (await users.FindByEmailAsync(email) is not null) return Error.Validation("email", "auth.email-taken");

        var user = new User
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, CourtId = courtId,
            CreatedAt = ChinaTime.UtcNow(clock),
        };
        // The account and its role commit together: never a court account without a role.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, request!.Password!);
        if (!created.Succeeded) return FromIdentity(created);
        var role = await users.AddToRoleAsync(user, Roles.Clerk);
        if (!role.Succeeded) return FromIdentity(role);
        await tx.CommitAsync(ct);
        return new StaffDto(user.Id, user.Email, user.FullName, [Roles.Clerk], false, ChinaTime.ToOffset(user.CreatedAt));
    }

    /// <summary>Locks (until unlocked) or unlocks a staff account of the court. Nobody locks themselves out.</summary>
    public async Task<Result<StaffDto>> SetLockedAsync(CourtManager manager, string courtId, string userId, bool locked, CancellationToken ct)
    {
        if (!await CourtAdminScope.Courts(db, manager).AnyAsync(c => c.Id == courtId, ct)) return Error.NotFound("court.not-found");
        var id = await Staff(manager, courtId).Where(u => u.Id == userId).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (id is null || await users.FindByIdAsync(id) is not { } user) return Error.NotFound();
        if (locked && user.Id == manager.User.Id) return Error.Validation("userId", "staff.cannot-lock-self");

        IdentityResult r;
        if (locked)
        {
            r = await users.SetLockoutEnabledAsync(user, true);
            if (r.Succeeded) r = await users.SetLockoutEndDateAsync(user, LockedUntil);
            // A new security stamp ends the account's existing sessions at their next validation.
            if (r.Succeeded) r = await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            r = await users.SetLockoutEndDateAsync(user, null);
            if (r.Succeeded) r = await users.ResetAccessFailedCountAsync(user);
        }
        if (!r.Succeeded) return Error.Conflict("request.concurrent-change");
        var roles = await users.GetRolesAsync(user);
        return new StaffDto(user.Id, user.Email, user.FullName, [.. roles.Order(StringComparer.Ordinal)], locked, ChinaTime.ToOffset(user.CreatedAt));
    }

    /// <summary>The court's staff accounts, within the manager's courts (a foreign court yields nothing).</summary>
    IQueryable<User> Staff(CourtManager manager, string courtId)
    {
        var staffRoleIds = db.Roles.Where(r => StaffRoles.Contains(r.Name!)).Select(r => r.Id);
        var courts = CourtAdminScope.Courts(db, manager).Select(c => c.Id);
        return db.Users.Where(u => u.CourtId == courtId && courts.Contains(u.CourtId!)
            && db.UserRoles.Any(ur => ur.UserId == u.Id && staffRoleIds.Contains(ur.RoleId)));
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
