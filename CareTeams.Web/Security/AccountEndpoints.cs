using System.Globalization;
using CareTeams.Web.Data;
using CareTeams.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Antiforgery;

namespace CareTeams.Web.Security;

public static class AccountEndpoints
{
    /// <summary>Sign-out (a POST with the antiforgery token, from the menu) and the language switch.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (HttpContext context, SignInManager<ApplicationUser> signInManager) =>
        {
            // The antiforgery middleware has checked the token (the metadata below asks it to). A post without a
            // valid one is refused here, before the form is read, with a body: binding the form with [FromForm]
            // threw, and so did the error or status page re-run on the same post — a 500 for every forged sign-out.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                return Results.Text("请求无效或已过期，请刷新页面后重试。", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            var returnUrl = (await context.Request.ReadFormAsync()).TryGetValue("returnUrl", out var value) ? value.ToString() : null;
            await signInManager.SignOutAsync();
            return Results.LocalRedirect("~/Account/Login" + (string.IsNullOrEmpty(returnUrl) ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(LocalOnly(returnUrl))));
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());

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
