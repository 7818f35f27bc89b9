using System.Diagnostics;
using System.Globalization;
using CareTeams.Domain.SeedWork;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// "2111" plan generation (issue 4) through <see cref="ElderPlanGeneration"/> as the plan-2111 job runs it (the
/// system scope), for the current year as if on 1 January (so the months spread over the whole year), on a copy
/// of a seed-scale database; then the second, idempotent run. Reports wall and CPU time, peak working set and
/// allocated bytes. With --no-audit the contexts are built without the audit interceptor, to measure its share.
/// </summary>
internal static class Plan2111Bench
{
    private sealed class FixedClock(DateTimeOffset now) : IClock
    {
        public DateTimeOffset Now => now;
    }

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("db", out var source) || !File.Exists(source))
        {
            Console.Error.WriteLine("Usage: CareTeams.Bench plan2111 --db <seed-scale sqlite file> [--work <folder>] [--no-audit] [--out results.md]");
            return 2;
        }
        var noAudit = options.ContainsKey("no-audit");
        var work = Path.GetFullPath(options.TryGetValue("work", out var w) && w.Length > 0 ? w : Path.Combine(Path.GetTempPath(), "careteams-bench-plan2111"));
        Directory.CreateDirectory(work);
        var file = Path.Combine(work, noAudit ? "plan2111-noaudit.db" : "plan2111.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(file + suffix);
        File.Copy(source, file);
        var connectionString = $"Data Source={file};Default Timeout=30";

        var year = ChinaTime.DateOf(DateTimeOffset.UtcNow).Year;
        var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite={connectionString}", "--Logging:LogLevel:Default=Warning"]);
        builder.Services.AddScoped<ICurrentUser, SystemUser>();
        builder.Services.AddSingleton<IClock>(new FixedClock(new DateTimeOffset(year, 1, 1, 8, 0, 0, ChinaTime.Offset)));
        if (noAudit)
        {
            var plain = new DbContextOptionsBuilder<SqliteCareTeamsDbContext>().UseSqlite(connectionString).Options;
            builder.Services.AddScoped<IDbContextFactory<CareTeamsDbContext>>(sp => new PlainFactory(plain, sp.GetRequiredService<ICurrentUser>()));
        }
        await using var app = builder.Build();

        long elders;
        await using (var raw = new SqliteConnection(connectionString))
        {
            await raw.OpenAsync();
            await using var command = raw.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM Residents WHERE Status = 1 AND LivingArrangement = 1 AND DateOfBirth <= $bornBy";
            command.Parameters.AddWithValue("$bornBy", $"{year - 65}-12-31");
            elders = (long)(await command.ExecuteScalarAsync())!;
        }
        Console.WriteLine($"Database copy: {file}; {elders:N0} eligible elders for {year}; audit {(noAudit ? "OFF" : "on")}.");

        var (first, firstRun) = await TimedAsync(app.Services, year);
        Console.WriteLine($"First run: {first}");
        Console.WriteLine(firstRun.Line);
        var (second, secondRun) = await TimedAsync(app.Services, year);
        Console.WriteLine($"Second run: {second}");
        Console.WriteLine(secondRun.Line);

        long auditRows, items;
        await using (var raw = new SqliteConnection(connectionString))
        {
            await raw.OpenAsync();
            await using var command = raw.CreateCommand();
            command.CommandText = "SELECT (SELECT COUNT(*) FROM AuditEntries WHERE EntityType IN ('ElderPlan2111', 'PlanItem')), (SELECT COUNT(*) FROM PlanItems2111)";
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (auditRows, items) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var size = new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"| {elders:N0} | {(noAudit ? "off" : "on")} | {firstRun.Wall.TotalSeconds:F1} | {firstRun.Cpu.TotalSeconds:F1} | {firstRun.PeakMb:N0} | {firstRun.AllocatedMb:N0} | {secondRun.Wall.TotalSeconds:F1} | {secondRun.Cpu.TotalSeconds:F1} | {first.PlansCreated:N0} | {items:N0} | {auditRows:N0} | {size / 1048576.0:N0} |");
        Console.WriteLine("| elders | audit | 1st run wall (s) | 1st run CPU (s) | peak working set (MB) | allocated (MB) | 2nd run wall (s) | 2nd run CPU (s) | plans | items | audit rows | database (MB) |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(summary);
        if (options.TryGetValue("out", out var outPath) && outPath.Length > 0)
            await File.AppendAllTextAsync(outPath, summary + Environment.NewLine);
        return first.PlansCreated > 0 && second.ChangedNothing && second.PlansCreated == 0 ? 0 : 1;
    }

    private sealed record Run(TimeSpan Wall, TimeSpan Cpu, double PeakMb, double AllocatedMb)
    {
        public string Line => string.Create(CultureInfo.InvariantCulture,
            $"  wall {Wall.TotalSeconds:F1} s, CPU {Cpu.TotalSeconds:F1} s, peak working set {PeakMb:N0} MB, allocated {AllocatedMb:N0} MB");
    }

    private static async Task<(Plan2111GenerationResult, Run)> TimedAsync(IServiceProvider root, int year)
    {
        await using var scope = root.CreateAsyncScope();
        var generation = scope.ServiceProvider.GetRequiredService<ElderPlanGeneration>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var stopwatch = Stopwatch.StartNew();
        var last = DateTime.UtcNow;
        var result = await generation.GenerateAsync(year, null, new Progress(p =>
        {
            if ((DateTime.UtcNow - last).TotalSeconds >= 30 || p.TeamsDone == p.Teams)
            {
                last = DateTime.UtcNow;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {stopwatch.Elapsed.TotalSeconds,6:F0} s  {p.Stage} teams {p.TeamsDone}/{p.Teams}: {p.PlansCreated:N0} plans"));
            }
        }));
        stopwatch.Stop();
        process.Refresh();
        return (result, new Run(stopwatch.Elapsed, process.TotalProcessorTime - cpuBefore, process.PeakWorkingSet64 / 1048576.0,
            (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1048576.0));
    }

    private sealed class Progress(Action<Plan2111Progress> report) : IProgress<Plan2111Progress>
    {
        public void Report(Plan2111Progress value) => report(value);
    }

    /// <summary>Contexts without the audit interceptor (for the comparison only; the app never builds one).</summary>
    private sealed class PlainFactory(DbContextOptions<SqliteCareTeamsDbContext> options, ICurrentUser user) : IDbContextFactory<CareTeamsDbContext>
    {
        public CareTeamsDbContext CreateDbContext() => new SqliteCareTeamsDbContext(options, user);
    }
}
