using System.Security.Claims;
using Docket.Web.Features.Filings;

namespace Docket.Web.Features.Accounts;

public static class CurrentUser
{
    public static string Id(this ClaimsPrincipal p) =>
        p.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public static string PrimaryRole(this ClaimsPrincipal p) =>
        Roles.All.Reverse().FirstOrDefault(p.IsInRole) ?? Roles.Filer;

    public static Actor Actor(this User u, string role) => new(u.Id, u.DisplayName, role);
}
