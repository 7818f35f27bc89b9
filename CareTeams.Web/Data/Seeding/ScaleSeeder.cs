namespace CareTeams.Web.Data.Seeding;

/// <summary>A synthetic county for measurements. (Being written.)</summary>
public static class ScaleSeeder
{
    public static Task SeedAsync(IServiceProvider services, int residents, Action<string> progress, CancellationToken cancellationToken = default)
        => Task.CompletedTask;
}
