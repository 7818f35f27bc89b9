using System.Globalization;
using CareTeams.Bench;
using CareTeams.Domain.Residents;
using CareTeams.Web;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

// Resident search on a seed-scale database, through the app's own service (EF Core, scope filter,
// count + page) beside hand-written SQL for the same rows on the same file.
//   dotnet run -c Release --project bench/CareTeams.Bench -- search --db <file> [--runs 200]
var options = args.Skip(1).Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => args.Skip(1).ElementAtOrDefault(x.i + 1) ?? "");
if (args.Length > 0 && args[0] == "contracts")
    return await ContractBench.RunAsync(options);
if (args.Length > 0 && args[0] == "load")
    return await LoadBench.RunAsync(options);
if (args.Length > 0 && args[0] == "worklist")
    return await WorklistBench.RunAsync(options);
if (args.Length > 0 && args[0] == "plan2111")
    return await Plan2111Bench.RunAsync(options);
if (args.Length > 0 && args[0] == "import")
    return await ImportBench.RunAsync(options);
if (args.Length > 0 && args[0] == "report")
    return await ReportBench.RunAsync(options);
if (args.Length > 0 && args[0] == "visits")
    return await VisitBench.RunAsync(options);
if (args.Length > 0 && args[0] == "referrals")
    return await ReferralBench.RunAsync(options);
if (args.Length == 0 || args[0] != "search" || !options.TryGetValue("db", out var dbPath) || !File.Exists(dbPath))
{
    Console.Error.WriteLine("Usage: CareTeams.Bench search --db <seed-scale sqlite file> [--runs 200] [--out results.md]");
    Console.Error.WriteLine("       CareTeams.Bench contracts --work <empty folder> [--count 10000] [--out results.md]");
    Console.Error.WriteLine("       CareTeams.Bench worklist --db <sqlite file with 2111 plans> [--year yyyy] [--runs 50] [--fill] [--sql] [--pdf route-sheet.pdf] [--out results.md]");
    Console.Error.WriteLine("       CareTeams.Bench plan2111 --db <seed-scale sqlite file> [--work <folder>] [--no-audit] [--out results.md]");
    Console.Error.WriteLine("       CareTeams.Bench report --db <seed-scale sqlite file> --month yyyy-MM [--scope centre|all|both] [--synthesise] [--runs 3]");
    Console.Error.WriteLine("       CareTeams.Bench visits --db <seed-scale sqlite file> [--count 2000000] [--runs 200] [--out results.md]");
    Console.Error.WriteLine("       CareTeams.Bench referrals --db <seed-scale sqlite file> [--count 200000] [--runs 100] [--out results.md]");
    return 2;
}
var runs = options.TryGetValue("runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 200;
var connectionString = $"Data Source={Path.GetFullPath(dbPath)};Default Timeout=30";

// The sample: the largest centre, one of its teams and villages, and real ID numbers and name prefixes from it.
// Table statistics first (what `migrate` leaves behind with PRAGMA optimize), so both the app's and the raw queries get the planner's best.
await using (var analyze = new SqliteConnection(connectionString))
{
    await analyze.OpenAsync();
    await using var command = analyze.CreateCommand();
    command.CommandText = "ANALYZE;";
    await command.ExecuteNonQueryAsync();
}
await using var raw = new SqliteConnection(connectionString + ";Mode=ReadOnly");
await raw.OpenAsync();
var (countyId, centreId) = await QueryPair(raw, "SELECT CountyId, CentreId FROM Residents GROUP BY CentreId ORDER BY COUNT(*) DESC LIMIT 1");
var villageIds = await QueryInts(raw, $"SELECT Id FROM Villages WHERE CentreId = {centreId} ORDER BY Id");
var idNumbers = await QueryStrings(raw, $"SELECT IdNumber FROM Residents WHERE CentreId = {centreId} AND Status = 1 ORDER BY Id LIMIT 400");
var namePrefixes = (await QueryStrings(raw, $"SELECT substr(Name, 1, 2) FROM Residents WHERE CentreId = {centreId} AND Status = 1 ORDER BY Id LIMIT 400")).ToArray();
var totalResidents = (await QueryInts(raw, "SELECT COUNT(*) FROM Residents"))[0];
Console.WriteLine($"Database: {dbPath} — {totalResidents:N0} residents; centre {centreId} with {villageIds.Count} villages.");

var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite={connectionString}", "--Logging:LogLevel:Default=Warning"]);
var manager = new UserScope(ScopeLevel.Centre, countyId, centreId, -1, "bench-manager", null);
builder.Services.AddScoped<ICurrentUser>(_ => new BenchUser(manager));
await using var app = builder.Build();
await using var scope = app.Services.CreateAsyncScope();
var residents = scope.ServiceProvider.GetRequiredService<ResidentDirectory>();

const string rowSql = """
    SELECT r.Id, r.Name, r.Sex, r.DateOfBirth, r.IdNumber, r.Phone, r.Status, r.Tags,
           (SELECT v.Name FROM Villages v WHERE v.Id = r.VillageId), (SELECT t.Name FROM Teams t WHERE t.Id = r.TeamId)
    FROM Residents r WHERE r.CentreId = $centre AND r.Status = 1 AND {0} ORDER BY {1} LIMIT 25
    """;
const string countSql = "SELECT COUNT(*) FROM Residents r WHERE r.CentreId = $centre AND r.Status = 1 AND {0}";

async Task RawAsync(string where, string order, params (string, object)[] parameters)
{
    foreach (var sql in new[] { string.Format(CultureInfo.InvariantCulture, countSql, where), string.Format(CultureInfo.InvariantCulture, rowSql, where, order) })
    {
        await using var command = raw.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$centre", centreId);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}

static (string, string) Range(string prefix) => (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

var results = new List<(Timing App, Timing Raw, int Rows)>();
async Task Compare(string name, Func<int, ResidentQuery> query, Func<int, Task> rawQuery)
{
    var rows = (await residents.SearchAsync(query(0))).TotalCount;
    var app = await Timing.OfAsync(name, runs, i => residents.SearchAsync(query(i)));
    var sql = await Timing.OfAsync(name, runs, rawQuery);
    results.Add((app, sql, rows));
    Console.WriteLine($"{name,-28} app median {app.MedianMs,7:F2} ms p95 {app.P95Ms,7:F2} | raw SQL median {sql.MedianMs,7:F2} ms p95 {sql.P95Ms,7:F2} | ratio {app.MedianMs / sql.MedianMs,5:F2} | e.g. {rows} rows");
}

await Compare("by ID number (exact)", i => new ResidentQuery { Search = idNumbers[i % idNumbers.Count] },
    i => RawAsync("r.IdNumber = $id", "r.Name, r.Id", ("$id", idNumbers[i % idNumbers.Count])));
await Compare("by name prefix (2 chars)", i => new ResidentQuery { Search = namePrefixes[i % namePrefixes.Length] },
    i =>
    {
        var (from, to) = Range(namePrefixes[i % namePrefixes.Length]);
        return RawAsync("r.Name >= $from AND r.Name < $to", "r.Name, r.Id", ("$from", from), ("$to", to));
    });
await Compare("by village (first page)", i => new ResidentQuery { VillageId = villageIds[i % villageIds.Count] },
    i => RawAsync("r.VillageId = $village", "r.Name, r.Id", ("$village", villageIds[i % villageIds.Count])));

await BenchReport.EmitAsync(
    string.Create(CultureInfo.InvariantCulture, $"Resident search on {totalResidents:N0} residents (seed-scale), as a centre manager (centre {centreId}), {runs} runs each after 5 warm-up runs; page of 25 with the total count."),
    "| search | app median (ms) | app p95 (ms) | raw SQL median (ms) | raw SQL p95 (ms) | app ÷ raw (median) | matching rows (first sample) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    results.Select(x => string.Create(CultureInfo.InvariantCulture,
        $"| {x.App.Name} | {x.App.MedianMs:F2} | {x.App.P95Ms:F2} | {x.Raw.MedianMs:F2} | {x.Raw.P95Ms:F2} | {x.App.MedianMs / x.Raw.MedianMs:F2} | {x.Rows:N0} |")),
    options);
return 0;

static async Task<List<int>> QueryInts(SqliteConnection c, string sql)
{
    await using var command = c.CreateCommand();
    command.CommandText = sql;
    var list = new List<int>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
        list.Add(reader.GetInt32(0));
    return list;
}

static async Task<List<string>> QueryStrings(SqliteConnection c, string sql)
{
    await using var command = c.CreateCommand();
    command.CommandText = sql;
    var list = new List<string>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
        list.Add(reader.GetString(0));
    return list;
}

static async Task<(int, int)> QueryPair(SqliteConnection c, string sql)
{
    await using var command = c.CreateCommand();
    command.CommandText = sql;
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt32(0), reader.GetInt32(1));
}

internal sealed class BenchUser(UserScope scope) : ICurrentUser
{
    public UserScope Scope { get; } = scope;
    public System.Security.Claims.ClaimsPrincipal? Principal => null;
}
