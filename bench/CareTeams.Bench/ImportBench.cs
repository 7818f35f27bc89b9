using System.Diagnostics;
using System.Globalization;
using CareTeams.Domain.Residents;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Data.Seeding;
using CareTeams.Web.Imports;
using CareTeams.Web.Security;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Bench;

/// <summary>
/// Importing N residents (default 50,000) from a filled-in template into one centre of a small
/// seed-scale county, on a fresh SQLite file: the first import (all new, with households), then the
/// same file again (all unchanged). Time and peak working set.
///   dotnet run -c Release --project bench/CareTeams.Bench -- import [--rows 50000] [--work dir]
/// </summary>
internal static class ImportBench
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options)
    {
        var rows = options.TryGetValue("rows", out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : 50_000;
        var work = Path.GetFullPath(options.TryGetValue("work", out var w) ? w : Path.Combine(Path.GetTempPath(), "careteams-bench-import"));
        Directory.CreateDirectory(work);
        var file = Path.Combine(work, "import.db");
        foreach (var old in Directory.GetFiles(work, "import.db*"))
            File.Delete(old);
        var builder = CareTeamsApp.CreateBuilder([$"--ConnectionStrings:Sqlite=Data Source={file};Default Timeout=30", "--Logging:LogLevel:Default=Error", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=None"]);
        builder.Services.AddScoped<ICurrentUser, SystemUser>();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await DatabaseInitializer.MigrateAsync(services);
        await ScaleSeeder.SeedAsync(services, 2_000, _ => { });

        string centreCode;
        List<string> villages;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CareTeamsDbContext>>().CreateDbContextAsync())
        {
            var centre = await db.Centres.OrderBy(c => c.Id).FirstAsync();
            centreCode = centre.Code;
            villages = await db.Villages.Where(v => v.CentreId == centre.Id).OrderBy(v => v.Name).Select(v => v.Name).ToListAsync();
        }

        var started = Stopwatch.StartNew();
        var workbook = Sheet(rows, villages);
        Console.WriteLine($"Sheet of {rows:N0} rows: {workbook.Length / 1024.0 / 1024.0:F1} MB, written in {started.Elapsed.TotalSeconds:F1} s");

        var importer = services.GetRequiredService<ResidentImporter>();
        GC.Collect();
        var first = await TimedAsync(() => importer.ImportAsync(centreCode, workbook));
        Console.WriteLine($"First import:  {first.Seconds:F1} s wall, {first.CpuSeconds:F1} s CPU — {first.Result.Added:N0} added, {first.Result.FailedRows:N0} failed; peak working set {Environment.WorkingSet / 1048576.0:F0} MB / {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB peak");
        var second = await TimedAsync(() => importer.ImportAsync(centreCode, workbook));
        Console.WriteLine($"Second import: {second.Seconds:F1} s wall, {second.CpuSeconds:F1} s CPU — {second.Result.Added:N0} added, {second.Result.Unchanged:N0} unchanged; peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        return first.Result.FailedRows == 0 && second.Result.Added == 0 ? 0 : 1;
    }

    /// <summary>Wall time, and the process's CPU time (the fair figure on a shared machine).</summary>
    private static async Task<(double Seconds, double CpuSeconds, ResidentImportResult Result)> TimedAsync(Func<Task<ResidentImportResult>> import)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await import();
        return (watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, result);
    }

    /// <summary>Households of three: a head aged 40–89 and two members naming the head; every ID valid and distinct.</summary>
    private static byte[] Sheet(int rows, IReadOnlyList<string> villages)
    {
        using var workbook = new XLWorkbook(new MemoryStream(ResidentImportSheet.Template(villages)));
        var sheet = workbook.Worksheet(ResidentImportSheet.DataSheetName);
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
        string[] given = ["建国", "秀英", "志强", "桂兰", "海燕", "明", "丽", "伟", "芳", "军"];
        string? head = null;
        for (var i = 0; i < rows; i++)
        {
            var born = new DateOnly(1936, 1, 1).AddDays(i % 18_000);
            var id = IdNumber("330699", born, i / 18_000 + 1);
            if (i % 3 == 0)
                head = id;
            var row = i + 2;
            sheet.Cell(row, 1).SetValue(surnames[i % 10] + given[(i / 10) % 10]);
            sheet.Cell(row, 3).SetValue(id);
            sheet.Cell(row, 4).SetValue($"139{i:00000000}");
            sheet.Cell(row, 5).SetValue(villages[(i / 3) % villages.Count]);
            sheet.Cell(row, 6).SetValue(head);
            sheet.Cell(row, 7).SetValue("居家");
            sheet.Cell(row, 8).SetValue(i % 7 == 0 ? "高血压" : i % 11 == 0 ? "高血压、2型糖尿病" : "");
        }
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string IdNumber(string region, DateOnly born, int sequence) => ResidentIdNumber.Compose(region, born, sequence).Value;
}
