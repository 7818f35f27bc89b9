using CareTeams.Domain.Elder2111;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Documents.Elder2111;

namespace CareTeams.Web.Services;

public static class Endpoints
{
    /// <summary>The app's non-page endpoints (downloads), each authorised and scoped like every read.</summary>
    public static IEndpointRouteBuilder MapCareTeamsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/contracts/{id:int}/pdf", async (int id, ContractPdf pdf, CancellationToken cancellationToken) =>
                await pdf.RenderAsync(id, cancellationToken) is { } document
                    ? Results.File(document.Pdf, "application/pdf", document.FileName)
                    : Results.NotFound())
            .RequireAuthorization();
        // The 2111 route sheet of the worklist's filter (the query string of WorklistFilter.ToQueryString); scoped like the list.
        endpoints.MapGet("/elder-care/route-sheet", async (int? year, int? team, int? village, PlanItemKind? kind, WorklistState? state,
                string? search, RouteSheetPdf pdf, CareTeams.Domain.SeedWork.IClock clock, CancellationToken cancellationToken) =>
            {
                var filter = new WorklistFilter
                {
                    Year = year ?? clock.Today.Year, TeamId = team, VillageId = village, Kind = kind,
                    State = state ?? WorklistState.DueThisMonth, Search = search,
                };
                var document = await pdf.RenderAsync(filter, cancellationToken);
                return Results.File(document.Pdf, "application/pdf", document.FileName);
            })
            .RequireAuthorization();
        endpoints.MapGet("/residents/import/template", async (string centre, Imports.ResidentImporter importer, CancellationToken cancellationToken) =>
                await importer.TemplateAsync(centre, cancellationToken) is { } template
                    ? Results.File(template, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"居民导入模板-{centre}.xlsx")
                    : Results.NotFound())
            .RequireAuthorization(policy => policy.RequireRole(Security.Roles.Admin, Security.Roles.CentreManager));
        return endpoints;
    }
}
