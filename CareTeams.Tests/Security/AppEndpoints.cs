using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;

namespace CareTeams.Tests.Security;

/// <summary>A non-page endpoint that sends a record's file: its route, the record it names, what it sends.</summary>
public sealed record DownloadEndpoint(string Name, string Route, Func<TeamRecords, int> RecordId, string MediaType)
{
    public string UrlFor(TeamRecords records) => AppEndpoints.Fill(Route, RecordId(records));

    public override string ToString() => Name;
}

/// <summary>
/// Every download endpoint. A new one (the 2111 route sheet, the monthly report workbook) adds its row
/// here; <see cref="DownloadEndpoints.Every_download_endpoint_has_a_row"/> fails until it does.
/// </summary>
public static class DownloadEndpointRows
{
    public static readonly IReadOnlyList<DownloadEndpoint> All =
    [
        new("签约协议 PDF", "/contracts/{id:int}/pdf", r => r.ContractId, "application/pdf"),
        new("家庭病床记录 PDF", "/home-beds/{id:int}/pdf", r => r.HomeBedId, "application/pdf"),
        new("双向转诊单 PDF", "/referrals/{id:int}/slip.pdf", r => r.ReferralId, "application/pdf"),
    ];
}

/// <summary>
/// A download of a list the user's own scope fills (the 2111 route sheet), not of one record: asked for
/// with another team's or centre's filter, it must hold none of their records (and a centre's template
/// is refused outside it). <see cref="Url"/> has {0} for the other team's id and {1} for its centre's code.
/// </summary>
public sealed record ListDownload(string Name, string Route, string Url, string MediaType)
{
    public string UrlFor(TeamRecords records) =>
        string.Format(CultureInfo.InvariantCulture, Url, records.TeamId, Uri.EscapeDataString(records.CentreCode));

    public override string ToString() => Name;
}

public static class ListDownloadRows
{
    public static readonly IReadOnlyList<ListDownload> All =
    [
        new("2111 路线单 PDF", "/elder-care/route-sheet", "elder-care/route-sheet?team={0}&state=AllOpen", "application/pdf"),
        new("居民导入模板 xlsx", "/residents/import/template", "residents/import/template?centre={1}",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        new("月度报表 xlsx", "/reports/monthly", "reports/monthly?centre={1}&month=2026-10",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ];
}

/// <summary>The running app's endpoints, read from its routing (what the app really maps, not what we think it maps).</summary>
public static partial class AppEndpoints
{
    /// <summary>Endpoints anyone may reach without signing in, on purpose: a new one must be added here after review.</summary>
    public static readonly IReadOnlySet<string> OpenOnPurpose = new HashSet<string>(StringComparer.Ordinal)
    {
        "/Account/Login", "/Account/Lockout", "/Account/AccessDenied", "/Error", "/not-found", // pages marked [AllowAnonymous]
        "/culture/{culture}", "/health",
        // Signing out needs no sign-in (and is a POST with the antiforgery token: see AntiforgeryTokens).
        "/Account/Logout",
    };

    public static IReadOnlyList<RouteEndpoint> All(CareTeams.Tests.Infrastructure.RunningApp app) =>
        ((IEndpointRouteBuilder)app.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().ToList();

    public static string Route(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText ?? string.Empty;

    public static Type? PageOf(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;

    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];

    public static bool AllowsAnonymous(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    public static bool RequiresSignIn(RouteEndpoint endpoint) =>
        !AllowsAnonymous(endpoint) && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;

    /// <summary>The framework's own endpoints: the circuit's hub, static files, Blazor's redirect helper.</summary>
    public static bool IsInfrastructure(RouteEndpoint endpoint)
    {
        var route = Route(endpoint);
        return route.StartsWith("/_blazor", StringComparison.Ordinal) || route.StartsWith("/_framework", StringComparison.Ordinal)
            || (endpoint.DisplayName ?? string.Empty).StartsWith("Fallback ", StringComparison.Ordinal)
            || (PageOf(endpoint) is null && Methods(endpoint) is ["GET", "HEAD"] && route.Contains('.', StringComparison.Ordinal));
    }

    /// <summary>The app's page routes by reflection: every [Route] of every component in the web assembly.</summary>
    public static IEnumerable<(Type Page, string Route, bool Anonymous, string? Roles)> Pages() =>
        typeof(CareTeams.Web.CareTeamsApp).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>()
                .Select(r => (t, r.Template, t.IsDefined(typeof(AllowAnonymousAttribute), inherit: true),
                    t.GetCustomAttributes(typeof(AuthorizeAttribute), inherit: true).Cast<AuthorizeAttribute>()
                        .Select(a => a.Roles).FirstOrDefault(r => !string.IsNullOrEmpty(r)))))
            .OrderBy(p => p.Template, StringComparer.Ordinal);

    /// <summary>A route with every parameter ({Id:int}, {id:int}) filled with the id.</summary>
    public static string Fill(string route, int id) =>
        Parameter().Replace(route, id.ToString(CultureInfo.InvariantCulture)).TrimStart('/');

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
