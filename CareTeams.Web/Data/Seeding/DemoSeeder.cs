namespace CareTeams.Web.Data.Seeding;

/// <summary>The deterministic demo county. (Being written.)</summary>
public static class DemoSeeder
{
    public static Task SeedAsync(IServiceProvider services, IHostEnvironment environment, Action<string> progress, CancellationToken cancellationToken = default)
    {
        if (environment.IsProduction())
            throw new InvalidOperationException("The demo seed refuses to run in the Production environment. 生产环境不能写入演示数据。");
        return Task.CompletedTask;
    }
}
