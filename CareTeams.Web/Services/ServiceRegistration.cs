namespace CareTeams.Web.Services;

public static class ServiceRegistration
{
    /// <summary>The application services pages and jobs use; each takes its context from the scoped factory.</summary>
    public static IServiceCollection AddCareTeamsServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<Plan2111Options>(configuration.GetSection(Plan2111Options.Section));
        services.AddScoped<ResidentDirectory>();
        services.AddScoped<InstitutionDirectory>();
        services.AddScoped<AuditLog>();
        services.AddScoped<ContractService>();
        services.AddScoped<ElderCareWorklist>();
        services.AddScoped<Documents.Elder2111.RouteSheetPdf>();
        services.AddScoped<ElderPlanGeneration>();
        services.AddScoped<Documents.Contracts.ContractPdf>();
        services.AddScoped<PackageCatalogue>();
        services.AddScoped<TeamAdministration>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<ElderCareRecording>();
        services.AddScoped<Imports.ResidentImporter>();
        services.AddScoped<Reports.MonthlyReportQuery>();
        services.Configure<Domain.HomeBeds.HomeBedSettings>(configuration.GetSection(Domain.HomeBeds.HomeBedSettings.Section));
        services.AddScoped<HomeBedService>();
        services.AddScoped<Documents.HomeBeds.HomeBedPdf>();
        services.AddScoped<Documents.Referrals.ReferralSlipPdf>();
        services.AddScoped<VisitLogService>();
        // Due visits for "我的日程": each source adds its own (the home-bed one plugs in here as another IDueVisitSource).
        services.AddScoped<IDueVisitSource, Plan2111DueVisits>();
        services.AddScoped<IDueVisitSource, HomeBedDueVisits>();
        services.AddScoped<IDueVisitSource, ReferralFollowUpDueVisits>();
        services.AddScoped<VisitCalendar>();
        services.Configure<ReferralSettings>(configuration.GetSection("Referrals"));
        services.AddScoped<ReferralService>();
        services.AddScoped<AllianceDirectory>();
        return services;
    }
}
