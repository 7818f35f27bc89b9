using System.Diagnostics;
using CareTeams.Web;
using CareTeams.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CareTeams.Bench;

/// <summary>Timings of one operation over many runs: median and 95th percentile, after warm-up.</summary>
public sealed record Timing(string Name, int Runs, double MedianMs, double P95Ms, double MinMs)
{
    public static async Task<Timing> OfAsync(string name, int runs, Func<int, Task> operation, int warmUp = 5)
    {
        for (var i = 0; i < warmUp; i++)
            await operation(i);
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await operation(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return new Timing(name, runs, Percentile(samples, 0.5), Percentile(samples, 0.95), samples[0]);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}

/// <summary>A benchmark's markdown report (a sentence, then a table): printed, and written to the <c>--out</c> file when one is given.</summary>
public static class BenchReport
{
    public static async Task EmitAsync(string intro, string header, string alignment, IEnumerable<string> rows, IReadOnlyDictionary<string, string> options)
    {
        var report = string.Join(Environment.NewLine, [intro, "", header, alignment, .. rows]) + Environment.NewLine;
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.TryGetValue("out", out var outPath))
            await File.WriteAllTextAsync(outPath, report);
    }
}

/// <summary>The bench's user: set <see cref="Scope"/> before creating a DI scope; the app's services read it.</summary>
internal sealed class SwitchableUser : ICurrentUser
{
    public UserScope Scope { get; set; } = UserScope.System;
    public System.Security.Claims.ClaimsPrincipal? Principal => null;
}

/// <summary>Counts the SQL commands EF Core executes while alive (through its diagnostic events).</summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private int _count;

    public CommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public int Count => _count;

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name)
            Interlocked.Increment(ref _count);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
            subscription.Dispose();
    }
}

/// <summary>Plain SQL on the bench's own connection (reading the sample, ANALYZE), beside the app's services.</summary>
internal static class BenchSql
{
    public static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every column of every row, in order, as integers.</summary>
    public static async Task<List<int>> Ints(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<int>();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                values.Add(reader.GetInt32(i));
        }
        return values;
    }
}

internal static class BenchApp
{
    /// <summary>The app on the bench's SQLite file, its services reading <paramref name="user"/>, migrated.</summary>
    public static async Task<WebApplication> StartAsync(string connectionString, SwitchableUser user)
    {
        var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite={connectionString}", "--Logging:LogLevel:Default=Warning"]);
        builder.Services.AddScoped<ICurrentUser>(_ => user);
        var app = builder.Build();
        await using (var migrate = app.Services.CreateAsyncScope())
            await DatabaseInitializer.MigrateAsync(migrate.ServiceProvider);
        return app;
    }
}
