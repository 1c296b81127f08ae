namespace Docket.Web.Features.Courts.Admin;

/// <summary>Court administration: settings and policy, seal, staff, holiday calendar (pages under /Admin).</summary>
public static class CourtAdminModule
{
    public static IServiceCollection AddCourtAdmin(this IServiceCollection services)
    {
        services.AddScoped<UpdateCourtSettings>();
        services.AddScoped<UploadSeal>();
        services.AddScoped<ManageClerks>();
        services.AddScoped<ImportCalendar>();
        return services;
    }
}
