using System.Globalization;
using Bunit;
using CareTeams.Domain.HomeBeds;
using CareTeams.Domain.SeedWork;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CareTeams.Tests.Components;

/// <summary>
/// The shared bUnit base for page tests: MudBlazor services with loose JS interop and no transitions,
/// the UI in Chinese (zh-CN), an interactive Server renderer (pages load once interactive: see
/// <see cref="RenderPage{TPage}"/>), and the
/// application's own services over a real SQLite <see cref="TestDatabase"/> with the
/// <see cref="SmallCounty"/> fixture. <see cref="SignInAs"/> says who uses the page; it must come before
/// the first render.
/// </summary>
public abstract class MudBunitTest : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _previousUiCulture = CultureInfo.CurrentUICulture;
    private readonly List<IServiceScope> _scopes = [];
    private bool _cleanedUp;

    protected MudBunitTest()
    {
        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        CultureInfo.CurrentCulture = chinese;
        CultureInfo.CurrentUICulture = chinese;

        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        // MudBlazor's own texts (pager, grid menus) in Chinese, as the app registers them (the class is internal to the app).
        Services.AddTransient(typeof(MudLocalizer), typeof(CareTeamsApp).Assembly.GetType("CareTeams.Web.Localization.ChineseMudLocalizer", throwOnError: true)!);

        Database = new TestDatabase();
        County = SmallCounty.Create(Database);
    }

    protected TestDatabase Database { get; }
    protected SmallCounty County { get; }

    /// <summary>The app's services as <paramref name="user"/> gets them (a DI scope of the test database acting as that user).</summary>
    protected void SignInAs(UserScope user)
    {
        var scope = Database.As(user);
        _scopes.Add(scope);
        var app = scope.ServiceProvider;
        Services.AddSingleton(app.GetRequiredService<ResidentDirectory>());
        Services.AddSingleton(app.GetRequiredService<InstitutionDirectory>());
        Services.AddSingleton(app.GetRequiredService<AuditLog>());
        Services.AddSingleton(app.GetRequiredService<ElderCareWorklist>());
        Services.AddSingleton(app.GetRequiredService<ElderCareRecording>());
        Services.AddSingleton(app.GetRequiredService<HomeBedService>());
        Services.AddSingleton(app.GetRequiredService<IOptions<HomeBedSettings>>());
        Services.AddSingleton(app.GetRequiredService<VisitLogService>());
        Services.AddSingleton(app.GetRequiredService<VisitCalendar>());
        Services.AddSingleton(app.GetRequiredService<ReferralService>());
        Services.AddSingleton(app.GetRequiredService<AllianceDirectory>());
        Services.AddSingleton(app.GetRequiredService<ICurrentUser>());
        Services.AddSingleton(app.GetRequiredService<IClock>());
        AddAuthorization().SetAuthorized(user.UserName);
    }

    /// <summary>Renders a page after the popover provider its selects and pickers need.</summary>
    protected IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        PrepareRenderer();
        return parameters is null ? Render<TPage>() : Render(parameters);
    }

    /// <summary>
    /// Renders a page known by its type (e.g. from a table of pages) with one parameter, given as the page
    /// gets it: a route parameter directly, a [SupplyParameterFromQuery] one in the address. May be called
    /// again for other pages.
    /// </summary>
    protected IRenderedComponent<IComponent> RenderPage(Type page, string parameter, object? value)
    {
        PrepareRenderer();
        var fromQuery = page.GetProperty(parameter)?.GetCustomAttributes(typeof(SupplyParameterFromQueryAttribute), inherit: true)
            .Cast<SupplyParameterFromQueryAttribute>().FirstOrDefault();
        if (fromQuery is not null)
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            // From the base address: only this page's parameter in the query, none left over from the page rendered before.
            navigation.NavigateTo(navigation.GetUriWithQueryParameters(navigation.BaseUri,
                new Dictionary<string, object?> { [fromQuery.Name ?? parameter] = Convert.ToString(value, CultureInfo.InvariantCulture) }));
        }
        return Render(builder =>
        {
            builder.OpenComponent(0, page);
            if (fromQuery is null)
                builder.AddAttribute(1, parameter, value);
            builder.CloseComponent();
        });
    }

    private bool _rendererPrepared;

    private void PrepareRenderer()
    {
        if (_rendererPrepared)
            return;
        _rendererPrepared = true;
        // Setting the renderer builds the service provider: it comes after the services, before the first render.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    /// <summary>Where the page sent the browser, relative to the base address.</summary>
    protected string CurrentPath
    {
        get
        {
            var navigation = Services.GetRequiredService<NavigationManager>();
            return "/" + navigation.ToBaseRelativePath(navigation.Uri);
        }
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// xUnit disposes a test class synchronously, but MudBlazor's services can only be disposed
    /// asynchronously: xUnit calls this first, and the later synchronous Dispose finds everything done.
    /// </summary>
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        CleanUp();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            CleanUp();
    }

    private void CleanUp()
    {
        if (_cleanedUp)
            return;
        _cleanedUp = true;
        foreach (var scope in _scopes)
            scope.Dispose();
        Database.Dispose();
        CultureInfo.CurrentCulture = _previousCulture;
        CultureInfo.CurrentUICulture = _previousUiCulture;
    }
}
