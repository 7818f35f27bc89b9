using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CareTeams.Domain.Elder2111;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// A team's 2111 worklist on a database with plans (made by <c>plan-2111</c>): the team with the most
/// plans, as a nurse of that team, through <see cref="ElderCareWorklist.WorklistAsync"/> — median, p95 and
/// the SQL statements per call for each state filter, and the route sheet PDF of the largest list.
/// <c>--fill</c> first plans that team's eligible elders itself (capacity planner, a share of the past
/// months' items done) when the database has no plans for the year.
/// </summary>
internal static class WorklistBench
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("db", out var dbPath) || !File.Exists(dbPath))
        {
            Console.Error.WriteLine("Usage: CareTeams.Bench worklist --db <sqlite file with 2111 plans> [--year yyyy] [--runs 50] [--fill] [--sql] [--pdf route-sheet.pdf] [--out results.md]");
            return 2;
        }
        var runs = options.TryGetValue("runs", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 50;
        var connectionString = $"Data Source={Path.GetFullPath(dbPath)};Default Timeout=30";
        var counter = new CommandCounter();
        var user = new SwitchableUser();
        var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite={connectionString}", "--Logging:LogLevel:Default=Warning"]);
        builder.Services.AddScoped<ICurrentUser>(_ => user);
        builder.Services.ConfigureDbContext<SqliteCareTeamsDbContext>(o => o.AddInterceptors(counter), ServiceLifetime.Scoped);
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var clock = services.GetRequiredService<IClock>();
        var year = options.TryGetValue("year", out var y) ? int.Parse(y, CultureInfo.InvariantCulture) : clock.Today.Year;

        int? teamId;
        await using (var db = await SystemContexts.CreateAsync(services))
        {
            teamId = await db.ElderPlans.Where(p => p.Year == year && p.TeamId != null).GroupBy(p => p.TeamId)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync();
            if (teamId is null && options.ContainsKey("fill"))
            {
                teamId = await FillLargestTeamAsync(db, year, clock.Today, services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Plan2111Options>>().Value);
                await FillRestOfCountyAsync(db, year, clock.Today);
            }
            if (teamId is null)
            {
                Console.Error.WriteLine($"No 2111 plan for {year} in {dbPath}: run `plan-2111 --year {year}` first, or pass --fill.");
                return 1;
            }
            var team = await db.Teams.IgnoreQueryFilters().SingleAsync(t => t.Id == teamId);
            var centre = await db.Centres.IgnoreQueryFilters().SingleAsync(c => c.Id == team.CentreId);
            user.Scope = new UserScope(ScopeLevel.Team, centre.CountyId, centre.Id, team.Id, "bench-nurse", null);
        }

        var worklist = services.GetRequiredService<ElderCareWorklist>();
        await using (var db = await SystemContexts.CreateAsync(services))
        {
            var plans = await db.ElderPlans.CountAsync(p => p.Year == year);
            var teamPlans = await db.ElderPlans.CountAsync(p => p.Year == year && p.TeamId == teamId);
            var residents = await db.Residents.CountAsync();
            Console.WriteLine($"Database: {dbPath} — {residents:N0} residents, {plans:N0} plans for {year}; team {teamId} has {teamPlans:N0}. Today {clock.Today:yyyy-MM-dd}.");
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"| filter | rows | median (ms) | p95 (ms) | SQL statements per call |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var state in WorklistTerms.AllStates)
        {
            var filter = new WorklistFilter { Year = year, State = state };
            counter.Reset();
            var list = await worklist.WorklistAsync(filter);
            var statements = counter.Count;
            if (options.ContainsKey("sql"))
                Console.WriteLine(counter.LastCommand);
            var timing = await Timing.OfAsync(state.ToString(), runs, _ => worklist.WorklistAsync(filter));
            var line = $"| {state.ChineseName()} ({state}) | {list.Count:N0} | {timing.MedianMs:F2} | {timing.P95Ms:F2} | {statements} |";
            Console.WriteLine(line);
            report.AppendLine(line);
        }

        var pdf = services.GetRequiredService<CareTeams.Web.Documents.Elder2111.RouteSheetPdf>();
        var all = new WorklistFilter { Year = year, State = WorklistState.AllOpen };
        var document = await pdf.RenderAsync(all);
        if (options.TryGetValue("pdf", out var pdfPath))
            await File.WriteAllBytesAsync(pdfPath, document.Pdf);
        var pdfTiming = await Timing.OfAsync("route sheet", Math.Max(5, runs / 5), _ => pdf.RenderAsync(all), warmUp: 2);
        var pdfLine = $"Route sheet of the whole open list ({document.Items:N0} items): median {pdfTiming.MedianMs:F0} ms, p95 {pdfTiming.P95Ms:F0} ms, {document.Pdf.Length / 1024.0:F0} KB.";
        Console.WriteLine(pdfLine);
        report.AppendLine().AppendLine(pdfLine);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.TryGetValue("out", out var outPath))
            await File.WriteAllTextAsync(outPath, report.ToString());
        return 0;
    }

    /// <summary>Plans the eligible elders of the team with the most residents (village by village through the capacity planner) and records the months gone by as mostly done.</summary>
    private static async Task<int?> FillLargestTeamAsync(CareTeamsDbContext db, int year, DateOnly today, Plan2111Options options)
    {
        var started = Stopwatch.StartNew();
        var teamId = await db.Residents.Where(x => x.TeamId != null).GroupBy(x => x.TeamId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var staff = await db.Staff.Where(s => s.TeamId == teamId && s.IsActive).Select(s => s.Id).ToListAsync();
        var bornBy = new DateOnly(year - Plan2111Rules.EligibleAge, 12, 31);
        var elders = (await db.Residents.Where(x => x.TeamId == teamId && x.DateOfBirth <= bornBy).ToListAsync())
            .Where(x => Plan2111Rules.IsEligible(x, year)).ToList();
        var starts = elders.ToDictionary(e => e.Id, e => Plan2111Rules.StartOf(e.DateOfBirth, year, new DateOnly(year, 1, 1)));
        var (months, _) = CapacityPlanner.Spread(elders.Select(e => new PlanCandidate(e.Id, e.VillageId, starts[e.Id].Month)).ToList(),
            Math.Max(staff.Count, 1) * options.VisitsPerStaffPerMonth);
        var random = new Random(2111);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var plans = elders.Select(e => ElderPlan2111.Create(e, year, starts[e.Id], months[e.Id])).ToList();
        db.ElderPlans.AddRange(plans);
        await db.SaveChangesAsync();
        foreach (var plan in plans)
        {
            // Items whose month has passed: 85 % done on the 10th of their month, the rest left open (overdue).
            foreach (var item in plan.ItemsInOrder.Where(i => i.IsOpen && i.Due < today).ToList())
            {
                if (random.NextDouble() < 0.85 && item.IsOpen && item.WindowStart.AddDays(9) is var on && on <= today)
                {
                    try
                    {
                        plan.RecordDone(item.Id, on, staff.Count > 0 ? staff[random.Next(staff.Count)] : 0, today);
                    }
                    catch (DomainException)
                    {
                        // The second integrated care service too soon after the first: left open.
                    }
                }
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        Console.WriteLine($"Filled team {teamId}: {plans.Count:N0} plans, {plans.Sum(p => p.Items.Count):N0} items in {started.Elapsed.TotalSeconds:F1} s.");
        return teamId;
    }

    /// <summary>
    /// Gives every other eligible elder a plan straight in SQL (first visit in month 1–9 by id, the second three
    /// months later, 85 % of the past months' items done), so the tables have their county size around the measured team.
    /// </summary>
    private static async Task FillRestOfCountyAsync(CareTeamsDbContext db, int year, DateOnly today)
    {
        var started = Stopwatch.StartNew();
        var firstNew = (await db.ElderPlans.MaxAsync(p => (int?)p.Id) ?? 0) + 1;
        var y = year.ToString(CultureInfo.InvariantCulture);
        var bornBy = new DateOnly(year - Plan2111Rules.EligibleAge, 12, 31).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var insertPlans = $"""
            INSERT INTO ElderPlans2111 (CountyId, CentreId, TeamId, VillageId, ResidentId, Year, StartsOn, Version)
            SELECT r.CountyId, r.CentreId, r.TeamId, r.VillageId, r.Id, {y}, '{y}-01-01', upper(hex(randomblob(16)))
            FROM Residents r
            WHERE r.Status = 1 AND r.LivingArrangement = 1 AND r.DateOfBirth <= '{bornBy}'
              AND NOT EXISTS (SELECT 1 FROM ElderPlans2111 e WHERE e.ResidentId = r.Id AND e.Year = {y})
            """;
        var insertItems = $"""
            WITH p AS (SELECT Id, printf('{y}-%02d-01', (Id % 9) + 1) AS First, printf('{y}-%02d-01', (Id % 9) + 4) AS Second
                       FROM ElderPlans2111 WHERE Id >= {firstNew}),
                 k(Kind) AS (VALUES (1), (2), (3), (4))
            INSERT INTO PlanItems2111 (ElderPlan2111Id, Kind, Sequence, Earliest, WindowStart, Due, Status)
            SELECT p.Id, k.Kind, 1, '{y}-01-01', p.First, date(p.First, '+1 month', '-1 day'), 1 FROM p, k
            UNION ALL
            SELECT p.Id, 1, 2, '{y}-04-01', p.Second, date(p.Second, '+1 month', '-1 day'), 1 FROM p
            """;
        var markDone = $"""
            UPDATE PlanItems2111 SET Status = 2, ClosedOn = date(WindowStart, '+9 days')
            WHERE ElderPlan2111Id >= {firstNew} AND Due < '{day}' AND Id % 100 < 85
            """;
        // The SQL is made here from numbers and dates only: no input reaches it.
        var plans = await db.Database.ExecuteSqlRawAsync(insertPlans);
        var items = await db.Database.ExecuteSqlRawAsync(insertItems);
        var done = await db.Database.ExecuteSqlRawAsync(markDone);
        await db.Database.ExecuteSqlRawAsync("ANALYZE;");
        Console.WriteLine($"Filled the rest of the county in SQL: {plans:N0} plans, {items:N0} items ({done:N0} done) in {started.Elapsed.TotalSeconds:F1} s.");
    }

    /// <summary>Counts the statements EF Core sends.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public string? LastCommand { get; private set; }

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            LastCommand = command.CommandText;
            return ValueTask.FromResult(result);
        }
    }
}
