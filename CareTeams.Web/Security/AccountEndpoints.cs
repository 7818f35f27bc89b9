using System.Globalization;
using CareTeams.Web.Data;
using CareTeams.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CareTeams.Web.Security;

public static class AccountEndpoints
{
    /// <summary>Sign-out (a POST with the antiforgery token, from the menu) and the language switch.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (SignInManager<ApplicationUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(LocalOnly(returnUrl))));
        });

        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!Text.Cultures.Contains(culture))
                return Results.BadRequest();
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            return Results.LocalRedirect("~/" + LocalOnly(returnUrl ?? string.Empty).TrimStart('/'));
        }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>Keeps redirects on this site (no "//host" or absolute URLs).</summary>
    public static string LocalOnly(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url
        : Uri.IsWellFormedUriString(url, UriKind.Relative) && !url.Contains(':', StringComparison.Ordinal) && !url.StartsWith('\\') ? "/" + url
        : "/";
}
