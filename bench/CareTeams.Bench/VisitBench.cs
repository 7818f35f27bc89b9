using System.Diagnostics;
using System.Globalization;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.SeedWork;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// The visit log at scale: adds synthetic visit logs (bulk, prepared ADO inserts like the scale seeder) to a seed-scale
/// database until it holds <c>--count</c> (default 2,000,000), gives the busiest team's elders this year's 2111 plans,
/// then measures, as a nurse of that team through the app's services: a resident's visit history (first page of 20),
/// the vitals trend (12 months) and the team's month calendar — median, p95 and SQL statements per call.
///   dotnet run -c Release --project bench/CareTeams.Bench -- visits --db &lt;file&gt; [--count 2000000] [--runs 200]
/// </summary>
internal static class VisitBench
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("db", out var dbPath) || !File.Exists(dbPath))
        {
            Console.Error.WriteLine("Usage: CareTeams.Bench visits --db <seed-scale sqlite file> [--count 2000000] [--runs 200] [--out results.md]");
            return 2;
        }
        var target = options.TryGetValue("count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 2_000_000;
        var runs = options.TryGetValue("runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 200;
        var connectionString = $"Data Source={Path.GetFullPath(dbPath)};Default Timeout=30";

        var user = new SwitchableUser();
        await using var app = await BenchApp.StartAsync(connectionString, user);

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var insert = await InsertVisitsAsync(connection, target);
        await BenchSql.Exec(connection, "ANALYZE;");

        // The busiest team, one of its nurses (or any member), its residents with visits.
        var busiest = await BenchSql.Ints(connection,
            "SELECT CountyId, CentreId, TeamId FROM Residents WHERE TeamId IS NOT NULL GROUP BY TeamId ORDER BY COUNT(*) DESC LIMIT 1");
        var (countyId, centreId, teamId) = (busiest[0], busiest[1], busiest[2]);
        var staffId = (await BenchSql.Ints(connection, $"SELECT Id FROM Staff WHERE TeamId = {teamId} ORDER BY TeamRole DESC LIMIT 1"))[0];
        var residentIds = await BenchSql.Ints(connection, $"SELECT Id FROM Residents WHERE TeamId = {teamId} ORDER BY Id LIMIT 400");
        var totalVisits = (await BenchSql.Ints(connection, "SELECT COUNT(*) FROM VisitLogs"))[0];
        var teamVisits = (await BenchSql.Ints(connection, $"SELECT COUNT(*) FROM VisitLogs WHERE TeamId = {teamId}"))[0];
        var plans = await EnsurePlansAsync(app.Services, user, teamId);

        user.Scope = new UserScope(ScopeLevel.Team, countyId, centreId, teamId, "bench-nurse", null) { StaffMemberId = staffId };
        await using var scope = app.Services.CreateAsyncScope();
        var visits = scope.ServiceProvider.GetRequiredService<VisitLogService>();
        var calendar = scope.ServiceProvider.GetRequiredService<VisitCalendar>();
        var today = scope.ServiceProvider.GetRequiredService<IClock>().Today;

        var rows = new List<(Timing Timing, double Statements, string Example)>();
        async Task Measure(string name, Func<int, Task<string>> operation)
        {
            var example = await operation(0);
            using var counter = new CommandCounter();
            var timing = await Timing.OfAsync(name, runs, async i => await operation(i));
            rows.Add((timing, counter.Count / (double)(runs + 5), example));
            Console.WriteLine($"{name,-34} median {timing.MedianMs,7:F2} ms p95 {timing.P95Ms,7:F2} ms, {counter.Count / (double)(runs + 5):F1} statements; {example}");
        }

        await Measure("resident history (page of 20)", async i =>
        {
            var page = await visits.HistoryAsync(residentIds[i % residentIds.Count], 0, 20);
            return $"{page.TotalCount} visits, {page.Items.Count} rows";
        });
        await Measure("resident vitals trend (12 months)", async i =>
            $"{(await visits.VitalsTrendAsync(residentIds[i % residentIds.Count])).Count} points");
        await Measure("team month calendar (this month)", async i =>
            $"{(await calendar.MonthAsync(today.Year, today.Month)).Count} due entries");

        await BenchReport.EmitAsync(
            string.Create(CultureInfo.InvariantCulture,
                $"Visit log on {totalVisits:N0} visit logs ({insert}); team {teamId}: {residentIds.Count} sampled residents, {teamVisits:N0} visits, {plans:N0} 2111 plans this year. As a nurse of the team, {runs} runs after 5 warm-up runs."),
            "| query | median (ms) | p95 (ms) | SQL statements per call | first sample |",
            "| --- | ---: | ---: | ---: | --- |",
            rows.Select(x => string.Create(CultureInfo.InvariantCulture,
                $"| {x.Timing.Name} | {x.Timing.MedianMs:F2} | {x.Timing.P95Ms:F2} | {x.Statements:F1} | {x.Example} |")),
            options);
        return 0;
    }

    /// <summary>Bulk-inserts synthetic visits (spread over every resident and the last three years) up to the target.</summary>
    private static async Task<string> InsertVisitsAsync(SqliteConnection connection, int target)
    {
        var existing = (await BenchSql.Ints(connection, "SELECT COUNT(*) FROM VisitLogs"))[0];
        if (existing >= target)
            return $"{existing:N0} already present";
        var residents = new List<(int Id, int County, int Centre, int? Team, int Village)>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, CountyId, CentreId, TeamId, VillageId FROM Residents WHERE Status = 1 ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                residents.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetInt32(4)));
        }
        var staffByCentre = new Dictionary<int, List<int>>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT CentreId, Id FROM Staff ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!staffByCentre.TryGetValue(reader.GetInt32(0), out var list))
                    staffByCentre[reader.GetInt32(0)] = list = [];
                list.Add(reader.GetInt32(1));
            }
        }

        var started = Stopwatch.GetTimestamp();
        var random = new Random(20261201);
        var now = ChinaTime.LocalTimeOf(DateTimeOffset.UtcNow);
        var toInsert = target - existing;
        await BenchSql.Exec(connection, "PRAGMA cache_size = -131072;");
        const int batch = 50_000;
        for (var done = 0; done < toInsert; done += batch)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO VisitLogs (CountyId, CentreId, TeamId, VillageId, ResidentId, StaffMemberId, StartedAt, EndedAt, Place, Kind, Service,
                    Systolic, Diastolic, Pulse, FastingGlucose, VitalFlags, Notes, FormKind, FormResult, Version)
                VALUES ($county, $centre, $team, $village, $resident, $staff, $start, $end, $place, $kind, $service,
                    $sys, $dia, $pulse, $glucose, $flags, $notes, $formKind, $result, $version)
                """;
            var p = new Dictionary<string, SqliteParameter>();
            foreach (var name in new[] { "county", "centre", "team", "village", "resident", "staff", "start", "end", "place", "kind", "service",
                         "sys", "dia", "pulse", "glucose", "flags", "notes", "formKind", "result", "version" })
                p[name] = command.Parameters.Add("$" + name, SqliteType.Text);
            command.Prepare();
            for (var i = done; i < Math.Min(done + batch, toInsert); i++)
            {
                var resident = residents[i % residents.Count];
                var staff = staffByCentre.TryGetValue(resident.Centre, out var members) ? members[random.Next(members.Count)] : staffByCentre.First().Value[0];
                var start = now.AddMinutes(-random.Next(60, 3 * 365 * 24 * 60));
                var followUp = random.Next(3) == 0;
                var bp = random.Next(5) < 3;
                var systolic = bp ? random.Next(105, 185) : (int?)null;
                var diastolic = bp ? Math.Min(systolic!.Value - 20, random.Next(60, 112)) : (int?)null;
                decimal? glucose = random.Next(4) == 0 ? Math.Round((decimal)(3.5 + random.NextDouble() * 12), 1) : null;
                p["county"].Value = resident.County;
                p["centre"].Value = resident.Centre;
                p["team"].Value = resident.Team is { } team ? team : DBNull.Value;
                p["village"].Value = resident.Village;
                p["resident"].Value = resident.Id;
                p["staff"].Value = staff;
                p["start"].Value = start.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                p["end"].Value = start.AddMinutes(20 + random.Next(40)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                p["place"].Value = 1 + random.Next(3);
                p["kind"].Value = followUp ? 4 : 9;
                p["service"].Value = followUp ? 3 : 8;
                p["sys"].Value = systolic is { } s ? s : DBNull.Value;
                p["dia"].Value = diastolic is { } d ? d : DBNull.Value;
                p["pulse"].Value = random.Next(55, 105);
                p["glucose"].Value = glucose is { } g ? g.ToString(CultureInfo.InvariantCulture) : DBNull.Value;
                p["flags"].Value = systolic >= 140 ? "收缩压偏高（≥140 mmHg）" : DBNull.Value;
                p["notes"].Value = "上门了解近况，测量血压，健康指导";
                p["formKind"].Value = followUp ? 5 : 0;
                p["result"].Value = followUp ? (systolic >= 140 ? "控制不满意；调整治疗，2周内随访" : "控制满意；常规随访（3个月内）") : DBNull.Value;
                p["version"].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
            Console.WriteLine($"  {Math.Min(done + batch, toInsert):N0} / {toInsert:N0} visits inserted");
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return $"{toInsert:N0} inserted in {seconds:F1} s, {toInsert / seconds:N0} rows/s";
    }

    /// <summary>This year's 2111 plans for the team's elders (made through the domain, as the plan job would), if there are none.</summary>
    private static async Task<int> EnsurePlansAsync(IServiceProvider services, SwitchableUser user, int teamId)
    {
        user.Scope = UserScope.System;
        await using var scope = services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContextAsync();
        var year = scope.ServiceProvider.GetRequiredService<IClock>().Today.Year;
        var existing = await db.ElderPlans.CountAsync(p => p.TeamId == teamId && p.Year == year);
        if (existing > 0)
            return existing;
        var residents = await db.Residents.Where(r => r.TeamId == teamId).ToListAsync();
        var random = new Random(2111);
        var count = 0;
        foreach (var resident in residents.Where(r => Plan2111Rules.IsEligible(r, year)))
        {
            var first = 1 + random.Next(12);
            db.ElderPlans.Add(ElderPlan2111.Create(resident, year, new DateOnly(year, 1, 1), new VisitMonths(first, first + 3 <= 12 ? first + 3 : null)));
            count++;
        }
        await db.SaveChangesAsync();
        return count;
    }
}
