using System.Security.Claims;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Filings;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;

namespace Docket.Web.Features.Mediation;

/// <summary>A signed-in mediator, clerk, court admin or admin, and what they may see of mediation.</summary>
public sealed record MediationStaff(User User, bool IsAdmin)
{
    public string? RoomId => User.RoomId;
    public string? CourtId => User.CourtId;
    public Actor Actor => User.Actor(Roles.Mediator);
}

/// <summary>
/// Who sees a mediation case (api.md, "Mediation"): the mediators of its room, the staff of the court that diverted
/// it, admins. Anything else is not found — never forbidden, never leaked. Only a room's mediators act on its cases.
/// </summary>
public static class MediationScope
{
    public static async Task<Result<MediationStaff>> StaffAsync(UserManager<User> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return new Error(403, "auth.forbidden");
        return new MediationStaff(user, principal.IsInRole(Roles.Admin));
    }

    /// <summary>A mediator with a room: the only one who opens, records and closes that room's cases.</summary>
    public static async Task<Result<MediationStaff>> MediatorAsync(UserManager<User> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user?.RoomId is null || !principal.IsInRole(Roles.Mediator)) return new Error(403, "auth.forbidden");
        return new MediationStaff(user, false);
    }

    public static IQueryable<MediationCase> Visible(DocketDbContext db, MediationStaff s) =>
        s.IsAdmin ? db.MediationCases
        : s.RoomId is { } room ? db.MediationCases.Where(c => c.RoomId == room)
        : s.CourtId is { } court ? db.MediationCases.Where(c => c.DivertingCourtId == court)
        : db.MediationCases.Where(c => false);

    /// <summary>
    /// Whose figures the statistics show (API and page alike; counts and amounts, never a party): a mediator their
    /// room, court staff the rooms under their court, admins every room.
    /// </summary>
    public static IQueryable<MediationRoom> StatisticsRooms(DocketDbContext db, MediationStaff s) =>
        s.IsAdmin ? db.MediationRooms
        : s.RoomId is { } room ? db.MediationRooms.Where(r => r.Id == room)
        : s.CourtId is { } court ? db.MediationRooms.Where(r => r.CourtId == court)
        : db.MediationRooms.Where(r => false);

    /// <summary>The cases a mediator acts on: their own room's.</summary>
    public static IQueryable<MediationCase> Room(DocketDbContext db, MediationStaff mediator) =>
        db.MediationCases.Where(c => c.RoomId == mediator.RoomId);
}
