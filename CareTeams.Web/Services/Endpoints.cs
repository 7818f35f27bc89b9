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
        endpoints.MapGet("/home-beds/{id:int}/pdf", async (int id, Documents.HomeBeds.HomeBedPdf pdf, CancellationToken cancellationToken) =>
                await pdf.RenderAsync(id, cancellationToken) is { } document
                    ? Results.File(document.Pdf, "application/pdf", document.FileName)
                    : Results.NotFound())
            .RequireAuthorization();
        return endpoints;
    }
}
