using System.Globalization;
using CareTeams.Domain.SeedWork;
using CareTeams.Web.Components;
using CareTeams.Web.Data;
using CareTeams.Web.Documents;
using CareTeams.Web.Localization;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor;
using MudBlazor.Services;

namespace CareTeams.Web;

/// <summary>How the web app and the command-line jobs are put together, in one place for both and for tests.</summary>
public static class CareTeamsApp
{
    /// <summary>Creates the builder with the root appsettings.json and every service the app and the jobs share.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        UseRootAppSettings(builder);
        configure?.Invoke(builder);

        var services = builder.Services;
        services.AddSingleton<IClock, SystemClock>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddCareTeamsDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddScoped(sp => sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CareTeamsDbContext>>().CreateDbContext());
        services.AddCareTeamsIdentity(builder.Environment);
        AddSharedKeyRing(services, builder.Configuration);
        services.AddCareTeamsServices(builder.Configuration);
        services.AddCareTeamsDocuments(builder.Configuration);

        services.AddRazorComponents().AddInteractiveServerComponents(o =>
            o.DetailedErrors = builder.Environment.IsDevelopment());
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler, CircuitActivityHandler>();
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            o.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        services.AddLocalization();
        services.AddHealthChecks().AddDbContextCheck<CareTeamsDbContext>("database");
        return builder;
    }

    /// <summary>
    /// One Data Protection key ring for every web instance on the database, so a sign-in cookie or an
    /// antiforgery token issued by one instance is read by the others (several instances behind a proxy,
    /// or a restart on another machine). The repository resolves <see cref="CareTeamsDbContext"/> from a
    /// fresh DI scope, through the configured provider's factory, so the same line serves SQLite and SQL
    /// Server. That scope's user is nobody at start-up (or whoever's request needs the ring): it does not
    /// matter, the key table has no scope filter, and the audit interceptor leaves key rows alone.
    /// </summary>
    /// <remarks>
    /// At rest the keys are XML in the database. With <c>DataProtection:CertificatePath</c> (a .pfx, and
    /// <c>DataProtection:CertificatePassword</c>) every key is encrypted with that certificate, which every
    /// instance must have (docs/DEPLOYMENT.md).
    /// </remarks>
    private static void AddSharedKeyRing(IServiceCollection services, IConfiguration configuration)
    {
        var keyRing = services.AddDataProtection()
            .SetApplicationName("CareTeams")
            .PersistKeysToDbContext<CareTeamsDbContext>();
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, configuration["DataProtection:CertificatePassword"]);
            keyRing.ProtectKeysWithCertificate(certificate);
        }
    }

    /// <summary>
    /// Headers every response carries: no framing by other sites (clickjacking), no MIME sniffing, no
    /// referrer to other sites (URLs hold record ids), and no camera, microphone or location for scripts.
    /// </summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        // Set as the response starts, over whatever the pipeline added (antiforgery adds its own X-Frame-Options).
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Frame-Options"] = "SAMEORIGIN";
            headers["Content-Security-Policy"] = "frame-ancestors 'self'; object-src 'none'; base-uri 'self'";
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>The HTTP pipeline and endpoints.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(SecurityHeaders);

        var cultures = Text.Cultures.Select(c => new CultureInfo(c)).ToList();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Text.Chinese),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            // The user's choice (a cookie) wins; the browser's language is not consulted: Chinese first.
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapCareTeamsEndpoints();
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The one appsettings.json sits at the repository root; the build copies it beside the binaries.
    /// `dotnet run` uses the project folder as content root, where there is none, so the copy is read
    /// in its place (same position: environment files, secrets, variables and arguments still override it).
    /// </summary>
    private static void UseRootAppSettings(WebApplicationBuilder builder)
    {
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, "appsettings.json")))
            return;
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: "appsettings.json" } json)
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = "appsettings.json",
                    Optional = true,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
                };
                break;
            }
        }
    }
}
