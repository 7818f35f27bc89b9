using CareTeams.Web.Documents.Contracts;

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
        endpoints.MapGet("/residents/import/template", async (string centre, Imports.ResidentImporter importer, CancellationToken cancellationToken) =>
                await importer.TemplateAsync(centre, cancellationToken) is { } template
                    ? Results.File(template, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"居民导入模板-{centre}.xlsx")
                    : Results.NotFound())
            .RequireAuthorization(policy => policy.RequireRole(Security.Roles.Admin, Security.Roles.CentreManager));
        return endpoints;
    }
}
