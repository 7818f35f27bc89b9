using System.Globalization;
using CareTeams.Web.Data;
using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Security;

namespace CareTeams.Web.Jobs;

/// <summary>What a job gets: its services (acting as the system user), its options, and where to write.</summary>
public sealed class JobContext(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextWriter output,
    IHostEnvironment environment, CancellationToken cancellationToken)
{
    public IServiceProvider Services { get; } = services;
    public IReadOnlyDictionary<string, string> Options { get; } = options;
    public TextWriter Output { get; } = output;
    public IHostEnvironment Environment { get; } = environment;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string Required(string name) =>
        Options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new JobUsageException($"--{name} is required.");

    public string? Optional(string name) => Options.TryGetValue(name, out var value) ? value : null;

    public int RequiredInt(string name, int min, int max)
    {
        var text = Required(name);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new JobUsageException($"--{name} must be a whole number from {min} to {max}.");
    }
}

/// <summary>Reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the thread pool, so lines could interleave).</summary>
public sealed class LineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

public sealed class JobUsageException(string message) : Exception(message);

/// <summary>
/// The command-line jobs of the web project: `dotnet run --project CareTeams.Web -- &lt;command&gt; [--option value]`.
/// Unknown commands and bad options print the usage and exit non-zero.
/// </summary>
public static class JobRunner
{
    public sealed record Job(string Name, string Usage, string Description, Func<JobContext, Task<int>> Run);

    public static readonly IReadOnlyList<Job> Jobs =
    [
        new("migrate", "migrate", "Apply the database migrations of the configured provider (SQLite or SQL Server).",
            async c => { await DatabaseInitializer.MigrateAsync(c.Services, c.CancellationToken); c.Output.WriteLine("Database is up to date."); return 0; }),
        new("seed-demo", "seed-demo", "Migrate and fill an empty database with the demo county (refused in Production).",
            async c =>
            {
                await DatabaseInitializer.MigrateAsync(c.Services, c.CancellationToken);
                await DemoSeeder.SeedAsync(c.Services, c.Environment, c.Output.WriteLine, c.CancellationToken);
                return 0;
            }),
        new("seed-scale", "seed-scale --residents N", "Migrate and add a synthetic county of N residents over ~25 centres and ~200 teams.",
            async c =>
            {
                var residents = c.RequiredInt("residents", 1, 10_000_000);
                await DatabaseInitializer.MigrateAsync(c.Services, c.CancellationToken);
                await ScaleSeeder.SeedAsync(c.Services, residents, c.Output.WriteLine, c.CancellationToken);
                return 0;
            }),
        new("plan-2111", "plan-2111 --year <yyyy> [--centre <code>]",
            "Make the year's \"2111\" plans of eligible elders (all centres, or one), spread over the months by team capacity; a second run changes nothing.",
            async c =>
            {
                var year = c.RequiredInt("year", 2000, 2100);
                var generation = c.Services.GetRequiredService<Services.ElderPlanGeneration>();
                var progress = new LineProgress<Services.Plan2111Progress>(p =>
                {
                    if (p.Teams > 0 && (p.TeamsDone % 10 == 0 || p.TeamsDone == p.Teams))
                        c.Output.WriteLine($"  teams {p.TeamsDone}/{p.Teams}: {p.PlansCreated:N0} plans, {p.ItemsCreated:N0} items so far");
                });
                var started = System.Diagnostics.Stopwatch.StartNew();
                var result = await generation.GenerateAsync(year, c.Optional("centre"), progress, c.CancellationToken);
                c.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{year}: {result.PlansCreated:N0} plans and {result.ItemsCreated:N0} items made, {result.ItemsClosed:N0} open items closed (died or moved away), "
                    + $"{result.PlansMoved:N0} plans moved with their resident, {result.PlansExisting:N0} plans already there ({started.Elapsed.TotalSeconds:F1} s)."));
                return 0;
            }),
        new("expire-referrals", "expire-referrals",
            "Expire the referral requests nobody answered within Referrals:ExpiryDays (default 7); run it daily. A second run changes nothing.",
            async c =>
            {
                var expired = await c.Services.GetRequiredService<Services.ReferralService>().ExpireUnansweredAsync(c.CancellationToken);
                c.Output.WriteLine($"{expired:N0} unanswered referral request(s) expired.");
                return 0;
            }),
        new("contract-pdf", "contract-pdf --contract <id> --out <file>", "Write a contract's printed PDF (家庭医生签约服务协议书) to a file.",
            c => WritePdfAsync(c, "contract", "Contract", c.Services.GetRequiredService<Documents.Contracts.ContractPdf>().RenderAsync)),
        new("referral-slip", "referral-slip --referral <id> --out <file>", "Write a referral's printed slip (双向转诊单) to a file.",
            c => WritePdfAsync(c, "referral", "Referral", c.Services.GetRequiredService<Documents.Referrals.ReferralSlipPdf>().RenderAsync)),
        new("backup", "backup --out <file>", "SQLite: a consistent copy of the database while the app runs (online backup), checked. SQL Server: see docs/DEPLOYMENT.md.",
            async c =>
            {
                var done = await SqliteBackup.BackupAsync(c.Services, c.Required("out"), c.CancellationToken);
                c.Output.WriteLine($"Backed up {done.Database} to {done.File}: {done.Bytes:N0} bytes in {done.Elapsed.TotalSeconds:F1} s, " +
                    $"integrity ok, migration {done.LatestMigration}.");
                return 0;
            }),
        new("restore", "restore --from <file> [--force]", "SQLite: check a backup and copy it into the configured database (stop the app first; --force replaces data).",
            async c =>
            {
                var done = await SqliteBackup.RestoreAsync(c.Services, c.Required("from"), c.Optional("force") == "true", c.CancellationToken);
                c.Output.WriteLine($"Restored {done.File} into {done.Database} in {done.Elapsed.TotalSeconds:F1} s, integrity ok, migration {done.LatestMigration}.");
                if (done.PendingMigrations > 0)
                    c.Output.WriteLine($"The backup is {done.PendingMigrations} migration(s) behind this version: `migrate` (or starting the app) applies them.");
                return 0;
            }),
        new("import-residents", "import-residents --centre <code> --file <file.xlsx> [--report <result.xlsx>]",
            "Import a centre's residents from the template sheet; invalid rows are listed and left out, the rest in one transaction.",
            ImportResidentsAsync),
        new("export-report", "export-report --centre <code|all> --month <yyyy-MM> --out <file.xlsx>",
            "Write the monthly report workbook (家庭医生签约服务月度报表) of a centre or the whole county.",
            async c =>
            {
                var centre = c.Required("centre");
                var output = c.Required("out");
                var clock = c.Services.GetRequiredService<Domain.SeedWork.IClock>();
                if (!Reports.ReportMonth.TryParse(c.Required("month"), clock.Today, out var month, out var error))
                    throw new JobUsageException(error);
                var outcome = await c.Services.GetRequiredService<Reports.MonthlyReportQuery>().BuildAsync(centre, month, cancellationToken: c.CancellationToken);
                if (outcome.Report is not { } report)
                {
                    await Console.Error.WriteLineAsync($"Centre '{centre}' was not found.");
                    return 1;
                }
                var workbook = Reports.MonthlyReportWorkbook.Write(report);
                await File.WriteAllBytesAsync(output, workbook, c.CancellationToken);
                c.Output.WriteLine($"Wrote {output} ({workbook.Length:N0} bytes): {report.ScopeName} {report.Month.Text}, {report.Total.Signed:N0} of {report.Total.Population:N0} residents signed.");
                return 0;
            }),
    ];

    /// <summary>A one-record PDF job: <c>--{option} &lt;id&gt; --out &lt;file&gt;</c>; exits 1 when there is no such record.</summary>
    private static async Task<int> WritePdfAsync(JobContext c, string option, string what,
        Func<int, CancellationToken, Task<(byte[] Pdf, string FileName)?>> render)
    {
        var id = c.RequiredInt(option, 1, int.MaxValue);
        var output = c.Required("out");
        if (await render(id, c.CancellationToken) is not { } document)
        {
            await Console.Error.WriteLineAsync($"{what} {id} was not found.");
            return 1;
        }
        await File.WriteAllBytesAsync(output, document.Pdf, c.CancellationToken);
        c.Output.WriteLine($"Wrote {output} ({document.Pdf.Length:N0} bytes).");
        return 0;
    }

    private static async Task<int> ImportResidentsAsync(JobContext c)
    {
        var centre = c.Required("centre");
        var file = c.Required("file");
        var report = c.Optional("report");
        var importer = c.Services.GetRequiredService<Imports.ResidentImporter>();
        var lastLine = DateTime.MinValue;
        var progress = new LineProgress<Imports.ImportProgress>(p =>
        {
            if (DateTime.UtcNow - lastLine < TimeSpan.FromSeconds(1) && p.Done < p.Total)
                return;
            lastLine = DateTime.UtcNow;
            c.Output.WriteLine(p.Total > 0 ? $"{p.Phase} {p.Done:N0}/{p.Total:N0}" : p.Phase);
        });
        var result = await importer.ImportAsync(centre, await File.ReadAllBytesAsync(file, c.CancellationToken), progress, c.CancellationToken);
        foreach (var error in result.Errors.Take(200))
            c.Output.WriteLine($"第 {error.RowNumber} 行 【{error.Column}】{error.Message}");
        if (result.Errors.Count > 200)
            c.Output.WriteLine($"… 另有 {result.Errors.Count - 200:N0} 条错误，见结果文件。");
        if (report is not null)
        {
            await File.WriteAllBytesAsync(report, result.ResultWorkbook, c.CancellationToken);
            c.Output.WriteLine($"Wrote {report}.");
        }
        c.Output.WriteLine($"{result.Rows:N0} rows: {result.Added:N0} added, {result.Updated:N0} updated, {result.Unchanged:N0} unchanged, {result.FailedRows:N0} not imported.");
        return result.FailedRows > 0 ? 3 : 0;
    }


    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, Action<WebApplicationBuilder>? configure = null)
    {
        output ??= Console.Out;
        var job = args.Length == 0 ? null : Jobs.FirstOrDefault(j => j.Name == args[0]);
        if (job is null)
        {
            await Console.Error.WriteLineAsync(args.Length == 0 ? "No command given." : $"Unknown command '{args[0]}'.");
            PrintUsage(Console.Error);
            return 2;
        }
        Dictionary<string, string> options;
        try
        {
            options = ParseOptions(args.Skip(1).ToArray());
        }
        catch (JobUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            PrintUsage(Console.Error);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Options are not configuration: only settings (--Database:Provider=… and the like) reach the builder.
            var settings = args.Skip(1).Where(a => a.Contains('=', StringComparison.Ordinal)).ToArray();
            var builder = CareTeamsApp.CreateBuilder(settings, configure);
            builder.Services.AddScoped<ICurrentUser, SystemUser>();
            await using var host = builder.Build();
            await using var scope = host.Services.CreateAsyncScope();
            return await job.Run(new JobContext(scope.ServiceProvider, options, output, host.Environment, cancel.Token));
        }
        catch (JobUsageException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync($"Usage: {job.Usage}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or Domain.SeedWork.DomainException or OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{job.Name} failed: {e.Message}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    internal static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.Contains('=', StringComparison.Ordinal))
                continue; // a configuration setting
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new JobUsageException($"Unexpected argument '{arg}'.");
            var name = arg[2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            options[name] = value;
        }
        return options;
    }

    public static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("Usage: dotnet run --project CareTeams.Web -- <command> [options]");
        writer.WriteLine("       (no command starts the web app)");
        writer.WriteLine("Commands:");
        foreach (var job in Jobs)
            writer.WriteLine($"  {job.Usage,-48} {job.Description}");
        writer.WriteLine("Any command also takes settings such as --Database:Provider=SqlServer --ConnectionStrings:SqlServer=\"…\".");
    }
}
