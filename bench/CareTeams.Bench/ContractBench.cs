using System.Diagnostics;
using System.Globalization;
using System.Text;
using CareTeams.Domain.Contracts;
using CareTeams.Domain.Institutions;
using CareTeams.Domain.Residents;
using CareTeams.Domain.SeedWork;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Documents.Contracts;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// Contract PDF generation (median time and size after warm-up) and the batch renewal of N contracts,
/// on a fresh SQLite file: a seed-scale county, a catalogue in one centre, N contracts ending within 30 days.
/// </summary>
internal static class ContractBench
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var count = options.TryGetValue("count", out var c) ? int.Parse(c, CultureInfo.InvariantCulture) : 10_000;
        var work = Path.GetFullPath(options.TryGetValue("work", out var w) ? w : Path.Combine(Path.GetTempPath(), "careteams-bench-contracts"));
        Directory.CreateDirectory(work);
        var file = Path.Combine(work, "contracts.db");
        if (File.Exists(file))
            File.Delete(file);
        var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite=Data Source={file};Default Timeout=30", "--Logging:LogLevel:Default=Warning"]);
        builder.Services.AddScoped<ICurrentUser, SystemUser>();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await DatabaseInitializer.MigrateAsync(services);
        // Residents in one centre's worth: seed-scale puts 2,000 per centre, so ask for enough centres.
        await ScaleSeeder.SeedAsync(services, Math.Max(count + (count / 4), 2_000) * 2, _ => { });

        var clock = services.GetRequiredService<IClock>();
        var today = clock.Today;
        var contractIds = new List<int>();
        await using (var db = await SystemContexts.CreateAsync(services))
        {
            var centres = await db.Centres.OrderBy(x => x.Id).ToListAsync();
            var packagesByCentre = new Dictionary<int, (ServicePackage Basic, ServicePackage Elder)>();
            foreach (var centre in centres)
            {
                var basic = new ServicePackage(centre, "JC", "基础服务包", PackageKind.Basic, KeyPopulation.None, null,
                    [new PackageItemSpec(ServiceKind.HealthRecord, "建立健康档案", 1, Money.Zero), new PackageItemSpec(ServiceKind.HealthGuidance, "健康指导", 4, Money.Zero)], Money.Zero);
                var elder = new ServicePackage(centre, "LN", "老年人健康包", PackageKind.KeyPopulation, KeyPopulation.Elderly65, null,
                    [new PackageItemSpec(ServiceKind.PhysicalExam, "健康体检", 1, Money.Of(120)), new PackageItemSpec(ServiceKind.IntegratedCare, "医养结合服务", 2, Money.Of(45))], Money.Of(100));
                db.ServicePackages.AddRange(basic, elder);
                packagesByCentre[centre.Id] = (basic, elder);
            }
            await db.SaveChangesAsync();
            var doctors = (await db.Staff.Where(s => s.TeamId != null).ToListAsync()).Where(s => s.TeamRole!.Value.IsDoctor())
                .GroupBy(s => s.TeamId!.Value).ToDictionary(g => g.Key, g => g.First());
            var teams = await db.Teams.ToDictionaryAsync(t => t.Id);
            var start = today.AddDays(-350); // ends in 15 days: renewable now
            var residents = await db.Residents.Where(r => r.Status == ResidentStatus.Active && r.TeamId != null && r.DateOfBirth <= today.AddYears(-19))
                .OrderBy(r => r.Id).Take(count).ToListAsync();
            var sequence = new Dictionary<int, int>();
            foreach (var batch in residents.Chunk(1_000))
            {
                foreach (var resident in batch)
                {
                    var team = teams[resident.TeamId!.Value];
                    var (basic, elder) = packagesByCentre[resident.CentreId];
                    var chosen = elder.Suits(resident, start) ? new[] { basic, elder } : new[] { basic };
                    sequence[resident.CentreId] = sequence.GetValueOrDefault(resident.CentreId) + 1;
                    var contract = Contract.Draft(centres.First(x => x.Id == resident.CentreId), sequence[resident.CentreId], resident, team,
                        doctors[team.Id], ContractTerm.OneYearFrom(start), chosen, Signatory.Resident, start);
                    contract.Sign(start, doctors[team.Id], start);
                    db.Contracts.Add(contract);
                }
                await db.SaveChangesAsync();
                contractIds.AddRange(db.ChangeTracker.Entries<Contract>().Select(e => e.Entity.Id));
                db.ChangeTracker.Clear();
            }
        }
        Console.WriteLine($"{contractIds.Count:N0} contracts ending {today.AddDays(15):yyyy-MM-dd} in {file}.");

        // PDF: the same service the endpoint uses.
        var pdf = services.GetRequiredService<ContractPdf>();
        var sizes = new List<int>();
        var pdfTiming = await Timing.OfAsync("contract PDF", 200, async i =>
        {
            var document = await pdf.RenderAsync(contractIds[i % contractIds.Count]);
            sizes.Add(document!.Value.Pdf.Length);
        }, warmUp: 10);
        Console.WriteLine($"contract PDF: median {pdfTiming.MedianMs:F1} ms, p95 {pdfTiming.P95Ms:F1} ms, size median {Median(sizes) / 1024.0:F1} KB, max {sizes.Max() / 1024.0:F1} KB");

        // Batch renewal, as the contract list's button runs it.
        var contracts = services.GetRequiredService<ContractService>();
        var process = Process.GetCurrentProcess();
        var stopwatch = Stopwatch.StartNew();
        var outcomes = await contracts.RenewManyAsync(contractIds, new Progress<int>(done =>
        {
            if (done % 1000 == 0)
                Console.WriteLine($"  renewed {done:N0}/{contractIds.Count:N0} ({stopwatch.Elapsed.TotalSeconds:F0} s)");
        }));
        stopwatch.Stop();
        process.Refresh();
        var renewed = outcomes.Count(o => o.Renewed);
        Console.WriteLine($"batch renewal: {renewed:N0} of {outcomes.Count:N0} renewed in {stopwatch.Elapsed.TotalSeconds:F1} s ({stopwatch.Elapsed.TotalMilliseconds / outcomes.Count:F1} ms each); peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB");
        foreach (var failure in outcomes.Where(o => !o.Renewed).Take(3))
            Console.WriteLine($"  not renewed: {failure.Number} {failure.Message}");

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Contract PDF through `ContractPdf` (the endpoint's service), {pdfTiming.Runs} documents after 10 warm-up renders: median {pdfTiming.MedianMs:F1} ms, p95 {pdfTiming.P95Ms:F1} ms; size median {Median(sizes) / 1024.0:F1} KB, largest {sizes.Max() / 1024.0:F1} KB.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Batch renewal (`ContractService.RenewManyAsync`, each contract its own transaction): {renewed:N0} of {outcomes.Count:N0} renewed in {stopwatch.Elapsed.TotalSeconds:F1} s, {stopwatch.Elapsed.TotalMilliseconds / outcomes.Count:F1} ms per contract; peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB.");
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.TryGetValue("out", out var outPath))
            await File.WriteAllTextAsync(outPath, report.ToString());
        return outcomes.All(o => o.Renewed) ? 0 : 1;
    }

    private static double Median(List<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
