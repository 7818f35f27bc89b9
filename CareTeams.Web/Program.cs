using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Jobs;

// `dotnet run --project CareTeams.Web -- <command>` runs a job; with no command, the web app.
if (args.Length > 0 && !args[0].StartsWith('-'))
    return await JobRunner.RunAsync(args);

var app = CareTeamsApp.Build(CareTeamsApp.CreateBuilder(args));
await DatabaseInitializer.PrepareForWebAsync(app.Services, app.Configuration, app.Environment, app.Logger);
app.Lifetime.ApplicationStarted.Register(() =>
    app.Logger.LogInformation("CareTeams 已启动 / is running at {Urls}", string.Join(", ", app.Urls)));
await app.RunAsync();
return 0;

/// <summary>Visible to tests that start the app.</summary>
public partial class Program;
