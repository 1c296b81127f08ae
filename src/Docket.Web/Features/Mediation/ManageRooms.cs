using System.Text.RegularExpressions;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts.Admin;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Docket.Web.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Mediation;

public sealed record RoomMediatorDto(string Id, string? Email, string? FullName, bool LockedOut);

public sealed record AdminRoomDto(string Id, string Name, string Township, string CourtId, IReadOnlyList<RoomMediatorDto> Mediators);

/// <summary>
/// A basic court's mediation rooms and their mediators, managed by the court's admin (or a system admin): rooms are
/// added (never removed: cases name them), mediator accounts created for a room and locked out or let back in.
/// Every call loads the court through <see cref="CourtAdminScope.Courts"/>, so another court's id, room or mediator
/// is not found. Rooms live in the database; <see cref="MediationRooms.SeedAsync"/> only adds missing shipped rows.
/// </summary>
public sealed partial class ManageRooms(DocketDbContext db, UserManager<User> users, TimeProvider clock)
{
    public const string BasicLevel = "basic";

    public sealed record AddRoomRequest(string? Id, string? Name, string? Township);
    public sealed record AddMediatorRequest(string? RoomId, string? Email, string? FullName, string? Password);

    /// <summary>As <c>ManageClerks</c>: a far date rather than MaxValue, which PostgreSQL would store as infinity.</summary>
    static readonly DateTimeOffset LockedUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Rooms belong to basic courts (mediation.md): a manager's court of that level, else not found.</summary>
    Task<bool> CourtAsync(CourtManager manager, string courtId, CancellationToken ct) =>
        CourtAdminScope.Courts(db, manager).AnyAsync(c => c.Id == courtId && c.Level == BasicLevel, ct);

    public async Task<Result<IReadOnlyList<AdminRoomDto>>> ListAsync(CourtManager manager, string courtId, CancellationToken ct)
    {
        if (!await CourtAsync(manager, courtId, ct)) return Error.NotFound("court.not-found");
        var rooms = await db.MediationRooms.AsNoTracking().Where(r => r.CourtId == courtId).OrderBy(r => r.Id).ToListAsync(ct);
        var ids = rooms.Select(r => r.Id).ToList();
        var mediators = await Mediators().Where(u => ids.Contains(u.RoomId!)).AsNoTracking()
            .OrderBy(u => u.CreatedAt).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.FullName, u.RoomId, u.LockoutEnd }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return Result<IReadOnlyList<AdminRoomDto>>.Ok([.. rooms.Select(r => new AdminRoomDto(r.Id, r.Name, r.Township, r.CourtId,
            [.. mediators.Where(m => m.RoomId == r.Id).Select(m => new RoomMediatorDto(m.Id, m.Email, m.FullName, m.LockoutEnd > now))]))]);
    }

    public async Task<Result<AdminRoomDto>> AddRoomAsync(CourtManager manager, string courtId, AddRoomRequest? request, CancellationToken ct)
    {
        if (!await CourtAsync(manager, courtId, ct)) return Error.NotFound("court.not-found");
        var e = new FieldErrors();
        var id = (request?.Id ?? "").Trim().ToLowerInvariant();
        var name = (request?.Name ?? "").Trim();
        var township = (request?.Township ?? "").Trim();
        if (!RoomId().IsMatch(id)) e.Add("id", "mediation.room-id-invalid");
        if (name.Length == 0) e.Add("name", "mediation.room-name-required");
        else if (name.Length > 200) e.Add("name", "mediation.text-too-long");
        if (township.Length == 0) e.Add("township", "mediation.township-required");
        else if (township.Length > 100) e.Add("township", "mediation.text-too-long");
        if (e.Any) return e.ToError();
        // Room ids are public (GET /mediation/rooms): naming a taken one reveals nothing.
        if (await db.MediationRooms.AnyAsync(r => r.Id == id, ct)) return Error.Validation("id", "mediation.room-id-taken");
        var room = new MediationRoom { Id = id, Name = name, Township = township, CourtId = courtId };
        db.MediationRooms.Add(room);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Error.Validation("id", "mediation.room-id-taken");
        }
        return new AdminRoomDto(room.Id, room.Name, room.Township, room.CourtId, []);
    }

    public async Task<Result<RoomMediatorDto>> AddMediatorAsync(CourtManager manager, string courtId, AddMediatorRequest? request, CancellationToken ct)
    {
        if (!await CourtAsync(manager, courtId, ct)) return Error.NotFound("court.not-found");
        var roomId = (request?.RoomId ?? "").Trim();
        if (roomId.Length == 0) return Error.Validation("roomId", "mediation.room-choose");
        if (!await db.MediationRooms.AnyAsync(r => r.Id == roomId && r.CourtId == courtId, ct)) return Error.NotFound();
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
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = fullName,
            RoomId = roomId,
            CreatedAt = ChinaTime.UtcNow(clock),
        };
        // The account and its role commit together: never a room account without a role.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, request!.Password!);
        if (!created.Succeeded) return FromIdentity(created);
        var role = await users.AddToRoleAsync(user, Roles.Mediator);
        if (!role.Succeeded) return FromIdentity(role);
        await tx.CommitAsync(ct);
        return new RoomMediatorDto(user.Id, user.Email, user.FullName, false);
    }

    /// <summary>Locks a mediator out (until unlocked, their sessions ended) or lets them back in.</summary>
    public async Task<Result<RoomMediatorDto>> SetLockedAsync(CourtManager manager, string courtId, string userId, bool locked, CancellationToken ct)
    {
        if (!await CourtAsync(manager, courtId, ct)) return Error.NotFound("court.not-found");
        var rooms = db.MediationRooms.Where(r => r.CourtId == courtId).Select(r => r.Id);
        var id = await Mediators().Where(u => u.Id == userId && rooms.Contains(u.RoomId!)).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (id is null || await users.FindByIdAsync(id) is not { } user) return Error.NotFound();
        IdentityResult r;
        if (locked)
        {
            r = await users.SetLockoutEnabledAsync(user, true);
            if (r.Succeeded) r = await users.SetLockoutEndDateAsync(user, LockedUntil);
            if (r.Succeeded) r = await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            r = await users.SetLockoutEndDateAsync(user, null);
            if (r.Succeeded) r = await users.ResetAccessFailedCountAsync(user);
        }
        if (!r.Succeeded) return Error.Conflict("request.concurrent-change");
        return new RoomMediatorDto(user.Id, user.Email, user.FullName, locked);
    }

    IQueryable<User> Mediators()
    {
        var role = db.Roles.Where(r => r.Name == Roles.Mediator).Select(r => r.Id);
        return db.Users.Where(u => u.RoomId != null && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)));
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

    /// <summary>A slug: lower-case letters, digits and hyphens, starting with a letter or digit, at most 64 characters.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex RoomId();
}
