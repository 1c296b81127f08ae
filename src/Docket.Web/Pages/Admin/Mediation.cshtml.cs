using System.Globalization;
using Docket.Web.Features.Accounts;
using Docket.Web.Features.Courts;
using Docket.Web.Features.Courts.Admin;
using Docket.Web.Features.Mediation;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Admin;

/// <summary>
/// A basic court's mediation rooms and mediators (<see cref="ManageRooms"/>): the list, a new room, a new mediator
/// account for a room, locking a mediator out. A court admin manages their own court; a system admin picks a basic
/// court with <c>?court=</c>. Another court, room or mediator is not found.
/// </summary>
[Authorize(Roles = $"{Roles.CourtAdmin},{Roles.Admin}")]
public sealed class MediationModel(ManageRooms rooms, DocketDbContext db, UserManager<User> users, IStringLocalizer<Messages> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "court")] public string? CourtQuery { get; set; }

    // New room (room.id, room.name, room.township).
    [BindProperty] public string? RoomId { get; set; }
    [BindProperty] public string? RoomName { get; set; }
    [BindProperty] public string? Township { get; set; }
    // New mediator (mediator.roomId, mediator.email, …).
    [BindProperty] public string? MediatorRoomId { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? FullName { get; set; }
    [BindProperty] public string? Password { get; set; }

    public CourtManager Manager { get; private set; } = null!;
    public string? CourtId { get; private set; }
    public string? CourtName { get; private set; }
    public IReadOnlyList<AdminRoomDto> Rooms { get; private set; } = [];
    public IReadOnlyList<Court> Courts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRoomAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await rooms.AddRoomAsync(Manager, CourtId ?? "", new ManageRooms.AddRoomRequest(RoomId, RoomName, Township), ct);
        return r.IsOk
            ? Done(string.Format(CultureInfo.CurrentCulture, l["已添加调解室 {0}。"].Value, r.Value.Name))
            : await ShowAsync(r.Error!, "room", ct);
    }

    public async Task<IActionResult> OnPostMediatorAsync(CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await rooms.AddMediatorAsync(Manager, CourtId ?? "", new ManageRooms.AddMediatorRequest(MediatorRoomId, Email, FullName, Password), ct);
        return r.IsOk
            ? Done(string.Format(CultureInfo.CurrentCulture, l["已创建人民调解员账号 {0}，请将初始密码当面告知本人。"].Value, r.Value.Email))
            : await ShowAsync(r.Error!, "mediator", ct);
    }

    public Task<IActionResult> OnPostLockAsync(string? userId, CancellationToken ct) => LockAsync(userId, true, ct);

    public Task<IActionResult> OnPostUnlockAsync(string? userId, CancellationToken ct) => LockAsync(userId, false, ct);

    async Task<IActionResult> LockAsync(string? userId, bool locked, CancellationToken ct)
    {
        if (await ResolveAsync() is { } denied) return denied;
        var r = await rooms.SetLockedAsync(Manager, CourtId ?? "", userId ?? "", locked, ct);
        if (!r.IsOk) return await ShowAsync(r.Error!, "lock", ct);
        return Done(string.Format(CultureInfo.CurrentCulture, locked ? l["已锁定账号 {0}。"].Value : l["已解锁账号 {0}。"].Value, r.Value.Email));
    }

    async Task<IActionResult?> ResolveAsync()
    {
        var m = await CourtAdminScope.ManagerAsync(users, User);
        if (!m.IsOk) return Forbid();
        Manager = m.Value;
        CourtId = CourtAdminScope.DefaultCourtId(Manager, CourtQuery);
        return null;
    }

    IActionResult Done(string message)
    {
        TempData["Flash"] = message;
        return RedirectToPage(new { court = Manager.IsSystemAdmin ? CourtId : null });
    }

    /// <summary>A refusal beside the fields of the form posted (form names prefixed: room.id, mediator.email); not found is 404.</summary>
    async Task<IActionResult> ShowAsync(Error error, string form, CancellationToken ct)
    {
        if (error.Status == 404) return NotFound();
        error.AddTo(ModelState, l, form);
        return await LoadAsync(ct) ?? Page();
    }

    async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Manager.IsSystemAdmin)
            Courts = await db.Courts.AsNoTracking().Where(c => c.Level == ManageRooms.BasicLevel).OrderBy(c => c.Id).ToListAsync(ct);
        if (CourtId is null) return null; // a system admin picks a court first
        var r = await rooms.ListAsync(Manager, CourtId, ct);
        if (!r.IsOk) return NotFound();
        Rooms = r.Value;
        CourtName = await db.Courts.AsNoTracking().Where(c => c.Id == CourtId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return null;
    }
}
