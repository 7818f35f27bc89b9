using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using CareTeams.Domain.SeedWork;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Reports;
using CareTeams.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// The monthly report (query + workbook) on a seed-scale database, for the largest centre and for the
/// whole county: wall time, bytes allocated and the process's peak working set.
///   report --db &lt;seed-scale file&gt; --month yyyy-MM [--scope centre|all|both] [--synthesise] [--runs 3]
/// seed-scale makes residents only; <c>--synthesise</c> first adds (once, by plain SQL) contracts for 60 %
/// of the residents with terms spread over 18 months and 2 % terminated, their items and fulfilment
/// records, a 2026 "2111" plan for every elder with items done through the year, and one visit per eight
/// residents in the month, so every statement of the report has rows to aggregate. Referrals are not synthesised here:
/// run the <c>referrals</c> benchmark on the file first; the time of the report's referral statements is printed apart.
/// </summary>
internal static class ReportBench
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("db", out var dbPath) || !File.Exists(dbPath) || !options.TryGetValue("month", out var monthText)
            || !ReportMonth.TryParse(monthText, ChinaTime.DateOf(DateTimeOffset.UtcNow), out var month, out var error))
        {
            Console.Error.WriteLine("Usage: CareTeams.Bench report --db <seed-scale sqlite file> --month yyyy-MM [--scope centre|all|both] [--synthesise] [--runs 3]");
            return 2;
        }
        var scopeChoice = options.TryGetValue("scope", out var s) ? s : "both";
        var runs = options.TryGetValue("runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var connectionString = $"Data Source={Path.GetFullPath(dbPath)};Default Timeout=60";
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            if (options.ContainsKey("synthesise"))
                await SynthesiseAsync(connection, month);
            await ExecuteAsync(connection, "ANALYZE;");
        }
        int countyId, centreId, residents, centreResidents, contracts, plans, visits;
        await using (var connection = new SqliteConnection(connectionString + ";Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            (countyId, centreId, centreResidents) = await Triple(connection, "SELECT CountyId, CentreId, COUNT(*) FROM Residents GROUP BY CentreId ORDER BY COUNT(*) DESC LIMIT 1");
            residents = await Scalar(connection, "SELECT COUNT(*) FROM Residents");
            contracts = await Scalar(connection, "SELECT COUNT(*) FROM Contracts");
            plans = await Scalar(connection, "SELECT COUNT(*) FROM ElderPlans2111");
            visits = await Scalar(connection, "SELECT COUNT(*) FROM VisitLogs");
        }
        var centreCode = await StringScalar(connectionString, $"SELECT Code FROM Centres WHERE Id = {centreId}");
        Console.WriteLine($"Database: {dbPath} — {residents:N0} residents, {contracts:N0} contracts, {plans:N0} 2111 plans, {visits:N0} visits; "
            + $"largest centre {centreCode} with {centreResidents:N0} residents. Month {month.Text}.");

        var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite={connectionString}", "--Logging:LogLevel:Default=Warning"]);
        var users = new Dictionary<string, UserScope>
        {
            ["centre"] = new(ScopeLevel.Centre, countyId, centreId, -1, "bench-manager", null),
            ["all"] = new(ScopeLevel.County, countyId, -1, -1, "bench-admin", null),
        };
        var current = new SwitchableUser();
        builder.Services.AddScoped<ICurrentUser>(_ => current);
        var referralStatements = new ReferralStatementTimer();
        builder.Services.ConfigureDbContext<SqliteCareTeamsDbContext>(o => o.AddInterceptors(referralStatements), ServiceLifetime.Scoped);
        await using var app = builder.Build();

        foreach (var which in scopeChoice == "both" ? ["centre", "all"] : new[] { scopeChoice })
        {
            current.Scope = users[which];
            var centre = which == "all" ? MonthlyReportQuery.AllCentres : centreCode;
            for (var run = 0; run < runs; run++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var query = scope.ServiceProvider.GetRequiredService<MonthlyReportQuery>();
                referralStatements.Reset();
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                var outcome = await query.BuildAsync(centre, month);
                var queried = Stopwatch.GetElapsedTime(started);
                var workbook = MonthlyReportWorkbook.Write(outcome.Report!);
                var total = Stopwatch.GetElapsedTime(started);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                using var process = Process.GetCurrentProcess();
                var report = outcome.Report!;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{which,-6} run {run + 1}: query {queried.TotalMilliseconds,8:F0} ms, workbook {(total - queried).TotalMilliseconds,6:F0} ms, total {total.TotalMilliseconds,8:F0} ms; "
                    + $"{workbook.Length / 1024.0,7:F0} KB; allocated {allocated / 1048576.0,7:F1} MB; peak working set {process.PeakWorkingSet64 / 1048576.0,6:F0} MB; "
                    + $"{report.Total.Population:N0} residents, {report.Total.Signed:N0} signed, {report.Residents.Count:N0} detail rows; "
                    + $"referral statements {referralStatements.Count} in {referralStatements.Elapsed.TotalMilliseconds:F0} ms for {report.Total.Referrals.Total:N0} referrals "
                    + $"({report.Total.Referrals.DownFollowedUp:N0} of {report.Total.Referrals.DownToFollowUp:N0} down-referrals followed up)"));
            }
        }
        return 0;
    }

    private sealed class SwitchableUser : ICurrentUser
    {
        public UserScope Scope { get; set; } = UserScope.Nobody;
        public System.Security.Claims.ClaimsPrincipal? Principal => null;
    }

    /// <summary>Wall time of the statements reading the Referrals table, from execution to the reader's disposal.</summary>
    private sealed class ReferralStatementTimer : DbCommandInterceptor
    {
        private readonly Dictionary<DbCommand, long> _started = [];
        private long _elapsedTicks;

        public int Count { get; private set; }
        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _elapsedTicks);

        public void Reset() => (Count, _elapsedTicks) = (0, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"Referrals\"", StringComparison.Ordinal))
            {
                lock (_started)
                    _started[command] = Stopwatch.GetTimestamp();
            }
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            lock (_started)
            {
                if (_started.Remove(command, out var started))
                {
                    Count++;
                    _elapsedTicks += Stopwatch.GetTimestamp() - started;
                }
            }
            return result;
        }
    }

    private const string Guid = "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))";

    private static async Task SynthesiseAsync(SqliteConnection connection, ReportMonth month)
    {
        if (await Scalar(connection, "SELECT COUNT(*) FROM Contracts") > 0)
        {
            Console.WriteLine("Contracts already present: nothing synthesised.");
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        const string start = "date('2025-06-01', '+' || ((r.Id * 7) % 540) || ' days')";
        await ExecuteAsync(connection, $"""
            INSERT INTO Contracts (CountyId, CentreId, Sequence, ResidentId, TeamId, ResponsibleDoctorId, TermStart, TermEnd, Status, SignedOn,
                                   SignedByStaffId, Settlement, Version, EndedOn, TerminationReason)
            SELECT r.CountyId, r.CentreId, r.Id, r.Id, r.TeamId, d.Id, {start}, date({start}, '+1 year', '-1 day'),
                   CASE WHEN r.Id % 50 = 0 THEN 4 ELSE 2 END, {start}, d.Id, 0, {Guid},
                   CASE WHEN r.Id % 50 = 0 THEN date({start}, '+100 days') END, CASE WHEN r.Id % 50 = 0 THEN 5 END
            FROM Residents r JOIN (SELECT TeamId, MIN(Id) AS Id FROM Staff WHERE TeamId IS NOT NULL GROUP BY TeamId) d ON d.TeamId = r.TeamId
            WHERE r.Id % 10 < 6 AND r.Status = 1;
            """, transaction);
        await ExecuteAsync(connection, """
            INSERT INTO ContractItem (ContractId, PackageCode, PackageName, ServiceKind, Name, Planned, Done, UnitPrice)
            SELECT Id, 'JC', '基础服务包', 12, '健康指导', 4, Id % 5, 0 FROM Contracts
            UNION ALL SELECT Id, 'JC', '基础服务包', 1, '建立健康档案', 1, 1, 0 FROM Contracts;
            """, transaction);
        // A free basic package and a paid personalised package (120.00, subsidy 80.00) per centre; every contract has the basic one, one in three the paid one.
        await ExecuteAsync(connection, $"""
            INSERT INTO ServicePackages (CentreId, Code, Name, Kind, TargetPopulation, Description, Subsidy, IsActive, PriceVersion, Version)
            SELECT Id, 'BJC', '基础服务包', 1, 0, NULL, 0, 1, 1, {Guid} FROM Centres
            UNION ALL SELECT Id, 'BGX', '个性服务包', 2, 0, NULL, 8000, 1, 1, {Guid} FROM Centres;
            """, transaction);
        await ExecuteAsync(connection, """
            INSERT INTO ContractPackage (Code, ContractId, Kind, Name, Price, PriceVersion, ServicePackageId, Subsidy)
            SELECT 'BJC', c.Id, 1, '基础服务包', 0, 1, p.Id, 0 FROM Contracts c JOIN ServicePackages p ON p.CentreId = c.CentreId AND p.Code = 'BJC'
            UNION ALL SELECT 'BGX', c.Id, 2, '个性服务包', 12000, 1, p.Id, 8000 FROM Contracts c JOIN ServicePackages p ON p.CentreId = c.CentreId AND p.Code = 'BGX' WHERE c.Id % 3 = 0;
            """, transaction);
        await ExecuteAsync(connection, """
            INSERT INTO FulfilmentRecord (ContractId, ContractItemId, "On", Source, SourceId, StaffMemberId)
            SELECT i.ContractId, i.Id, date(c.TermStart, '+' || (i.Id % 200) || ' days'), 'Bench', i.Id, NULL
            FROM ContractItem i JOIN Contracts c ON c.Id = i.ContractId WHERE i.Done > 0;
            """, transaction);
        await ExecuteAsync(connection, $"""
            INSERT INTO ElderPlans2111 (CountyId, CentreId, TeamId, VillageId, ResidentId, Year, StartsOn, Version)
            SELECT r.CountyId, r.CentreId, r.TeamId, r.VillageId, r.Id, 2026, '2026-01-01', {Guid}
            FROM Residents r WHERE r.DateOfBirth <= '1961-12-31' AND r.Status = 1 AND r.LivingArrangement = 1;
            """, transaction);
        // Kind 1 twice, kinds 2–4 once; two residents in three have each item done on a day spread over the year.
        await ExecuteAsync(connection, """
            INSERT INTO PlanItems2111 (ElderPlan2111Id, Kind, Sequence, Earliest, WindowStart, Due, Status, ClosedOn, StaffMemberId, Reason)
            SELECT p.Id, k.Kind, k.Sequence, '2026-01-01', '2026-03-01', '2026-12-31',
                   CASE WHEN (p.Id + k.Kind) % 3 = 0 THEN 1 ELSE 2 END,
                   CASE WHEN (p.Id + k.Kind) % 3 = 0 THEN NULL ELSE date('2026-01-01', '+' || ((p.Id * 13 + k.Kind * 31) % 330) || ' days') END,
                   NULL, NULL
            FROM ElderPlans2111 p CROSS JOIN (SELECT 1 AS Kind, 1 AS Sequence UNION ALL SELECT 1, 2 UNION ALL SELECT 2, 1 UNION ALL SELECT 3, 1 UNION ALL SELECT 4, 1) k;
            """, transaction);
        await ExecuteAsync(connection, $"""
            INSERT INTO VisitLogs (CountyId, CentreId, TeamId, VillageId, ResidentId, StaffMemberId, StartedAt, EndedAt, Place, Kind, Service, FormKind, Version)
            SELECT r.CountyId, r.CentreId, r.TeamId, r.VillageId, r.Id, d.Id,
                   datetime('{month.First:yyyy-MM-dd}', '+' || (r.Id % 28) || ' days', '+9 hours'),
                   datetime('{month.First:yyyy-MM-dd}', '+' || (r.Id % 28) || ' days', '+9 hours', '+20 minutes'),
                   1, CASE r.Id % 3 WHEN 0 THEN 1 WHEN 1 THEN 4 ELSE 3 END, 12, 0, {Guid}
            FROM Residents r JOIN (SELECT TeamId, MAX(Id) AS Id FROM Staff WHERE TeamId IS NOT NULL GROUP BY TeamId) d ON d.TeamId = r.TeamId
            WHERE r.Id % 8 = 0;
            """, transaction);
        await transaction.CommitAsync();
        Console.WriteLine($"Synthesised contracts, items, fulfilments, plans and visits in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<string> StringScalar(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(int, int, int)> Triple(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
