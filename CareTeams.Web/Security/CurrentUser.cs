using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CareTeams.Web.Security;

/// <summary>
/// The user on whose behalf this DI scope works: in a Blazor circuit, the circuit's user (kept current
/// by <see cref="CurrentUserCircuitHandler"/>); in a plain HTTP request, the request's user; in a
/// command-line job, the system.
/// </summary>
public interface ICurrentUser
{
    UserScope Scope { get; }
    ClaimsPrincipal? Principal { get; }
}

public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    private ClaimsPrincipal? _circuitUser;

    public ClaimsPrincipal? Principal => _circuitUser ?? httpContextAccessor.HttpContext?.User;

    public UserScope Scope => UserScope.From(Principal);

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;
}

/// <summary>The user of a command-line job: sees everything, audited as "system".</summary>
public sealed class SystemUser : ICurrentUser
{
    public UserScope Scope => UserScope.System;
    public ClaimsPrincipal? Principal => null;
}

/// <summary>
/// Keeps <see cref="CurrentUser"/> in step with the circuit's authentication state (the pattern the
/// ASP.NET Core docs give for reaching the user from services in Blazor Server).
/// </summary>
public sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, ICurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationChanged;
        if (currentUser is CurrentUser user)
            user.SetCircuitUser((await authenticationStateProvider.GetAuthenticationStateAsync()).User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (currentUser is CurrentUser user)
                user.SetCircuitUser((await authenticationStateProvider.GetAuthenticationStateAsync()).User);
            await next(context);
        };

    private void OnAuthenticationChanged(Task<AuthenticationState> task)
    {
        _ = Update();

        async Task Update()
        {
            var state = await task;
            if (currentUser is CurrentUser user)
                user.SetCircuitUser(state.User);
        }
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationChanged;
}
