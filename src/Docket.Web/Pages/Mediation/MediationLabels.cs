using Docket.Web.Features.Mediation;
using Microsoft.Extensions.Localization;

namespace Docket.Web.Pages.Mediation;

/// <summary>The Chinese names (resource keys) of mediation's codes, shown in the page language.</summary>
public static class MediationLabels
{
    public static string DisputeType(IStringLocalizer<Messages> l, string type) => l[AgreementPdf.DisputeTypeName(type)];

    public static string Status(IStringLocalizer<Messages> l, string status) => l[status switch
    {
        MediationStatus.Open => "调解中",
        MediationStatus.Agreement => "达成协议",
        MediationStatus.Failed => "调解不成",
        MediationStatus.Withdrawn => "撤回调解",
        _ => status,
    }];

    public static string Source(IStringLocalizer<Messages> l, string source) => l[source switch
    {
        MediationSources.WalkIn => "当事人来访",
        MediationSources.Screening => "矛盾纠纷排查移交",
        MediationSources.CourtDiversion => "法院委派诉前调解",
        _ => source,
    }];

    public static string Role(IStringLocalizer<Messages> l, string? role) => l[role switch
    {
        "plaintiff" => "申请人",
        "defendant" => "被申请人",
        _ => "第三人",
    }];
}

/// <summary>Who opens the mediation pages: mediators, court staff and admins; anyone else is told nothing exists.</summary>
public static class MediationPages
{
    public static bool IsStaff(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Docket.Web.Features.Accounts.Roles.Mediator) || user.IsInRole(Docket.Web.Features.Accounts.Roles.Clerk)
        || user.IsInRole(Docket.Web.Features.Accounts.Roles.CourtAdmin) || user.IsInRole(Docket.Web.Features.Accounts.Roles.Admin);

    public static async Task<Docket.Web.Infrastructure.Problems.Result<MediationStaff>> StaffAsync(
        Microsoft.AspNetCore.Identity.UserManager<Docket.Web.Features.Accounts.User> users, System.Security.Claims.ClaimsPrincipal user) =>
        IsStaff(user) ? await MediationScope.StaffAsync(users, user) : Docket.Web.Infrastructure.Problems.Error.NotFound();
}
