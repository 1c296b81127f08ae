using System.Security.Claims;
using Docket.Web.Features.Accounts;
using Docket.Web.Infrastructure.Data;
using Docket.Web.Infrastructure.Problems;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Docket.Web.Features.Organisation;

/// <summary>
/// A signed-in member of the organisation and the units they see (api.md, "Staff education"): admins every unit,
/// committee and unit admins their own unit and everything below it, officers their own unit only. A unit outside
/// <see cref="Visible"/> is not found, never forbidden.
/// </summary>
public sealed record OrgCaller(User User, bool IsManager, bool IsCommittee, IReadOnlySet<string> Visible, IReadOnlyList<OrgUnit> Units)
{
    public string? UnitId => User.UnitId;

    public bool Sees(string? unitId) => unitId is not null && Visible.Contains(unitId);

    /// <summary>The ids of <paramref name="rootId"/> and all units below it, from the tree already loaded.</summary>
    public HashSet<string> Subtree(string rootId) => OrgTree.Subtree(Units, rootId);

    /// <summary>The caller's own unit, or the root of what they see (an admin without a unit sees from the top).</summary>
    public string? HomeUnit => UnitId is { } u && Visible.Contains(u) ? u : Units.FirstOrDefault(x => x.ParentId is null && Visible.Contains(x.Id))?.Id;
}

public static class OrgScope
{
    public static async Task<Result<OrgCaller>> CallerAsync(UserManager<User> users, DocketDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return new Error(403, "auth.forbidden");
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        var admin = principal.IsInRole(Roles.Admin);
        var committee = principal.IsInRole(Roles.CommitteeAdmin);
        var unitAdmin = principal.IsInRole(Roles.UnitAdmin);
        IReadOnlySet<string> visible =
            admin ? units.Select(u => u.Id).ToHashSet()
            : (committee || unitAdmin) && user.UnitId is { } root ? OrgTree.Subtree(units, root)
            : principal.IsInRole(Roles.Officer) && user.UnitId is { } own && units.Any(u => u.Id == own) ? new HashSet<string> { own }
            : null!;
        if (visible is null) return new Error(403, "auth.forbidden");
        return new OrgCaller(user, admin || committee || unitAdmin, admin || committee, visible, units);
    }

    /// <summary>Managers only (unit admins, the committee, admins); an officer gets 403.</summary>
    public static async Task<Result<OrgCaller>> ManagerAsync(UserManager<User> users, DocketDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        var c = await CallerAsync(users, db, principal, ct);
        if (c.IsOk && !c.Value.IsManager) return new Error(403, "auth.forbidden");
        return c;
    }
}

public static class OrgTree
{
    public static HashSet<string> Subtree(IReadOnlyList<OrgUnit> units, string rootId)
    {
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, u => u.Id);
        var result = new HashSet<string>();
        if (units.All(u => u.Id != rootId)) return result;
        var stack = new Stack<string>([rootId]);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!result.Add(id)) continue;
            foreach (var c in children[id]) stack.Push(c);
        }
        return result;
    }

    /// <summary>Depth first from the roots, children in id order: the order a tree view shows them.</summary>
    public static List<OrgUnit> Ordered(IReadOnlyList<OrgUnit> units, IReadOnlySet<string> only)
    {
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!);
        var result = new List<OrgUnit>();
        void Walk(OrgUnit u)
        {
            if (only.Contains(u.Id)) result.Add(u);
            foreach (var c in children[u.Id].OrderBy(c => c.Id, StringComparer.Ordinal)) Walk(c);
        }
        foreach (var r in units.Where(u => u.ParentId is null || units.All(p => p.Id != u.ParentId)).OrderBy(u => u.Id, StringComparer.Ordinal)) Walk(r);
        return result;
    }
}
