using System.Runtime.CompilerServices;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// Once per test run: test classes run in parallel on a 2-core CI machine, and bUnit's waits, the
/// in-process web apps and the browser tests all need thread-pool threads at once. A higher minimum
/// keeps the pool from starving while it grows one thread at a time, and bUnit waits longer before it
/// gives up on a busy machine (a wait that succeeds returns as soon as it can, so passing tests are not slower).
/// </summary>
internal static class TestAssemblySetup
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
        Bunit.BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
    }
}
