namespace CareTeams.Web.Services;

public static class Endpoints
{
    /// <summary>The app's non-page endpoints (downloads), each authorised and scoped like every read.</summary>
    public static IEndpointRouteBuilder MapCareTeamsEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
