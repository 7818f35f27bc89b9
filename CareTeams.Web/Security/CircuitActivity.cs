using CareTeams.Domain.SeedWork;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CareTeams.Web.Security;

/// <summary>When the user of this circuit last did something (a click, a keystroke, a navigation).</summary>
public sealed class CircuitActivity(IClock clock)
{
    public DateTimeOffset LastActivity { get; private set; } = clock.Now;

    internal void Touch() => LastActivity = clock.Now;

    public TimeSpan IdleFor => clock.Now - LastActivity;
}

/// <summary>Records every inbound event of a circuit in <see cref="CircuitActivity"/>.</summary>
public sealed class CircuitActivityHandler(CircuitActivity activity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Touch();
            return next(context);
        };
}
