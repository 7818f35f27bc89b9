using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareTeams.Domain.Residents;
using CareTeams.Tests.Infrastructure;
using CareTeams.Web;
using CareTeams.Web.Data;
using CareTeams.Web.Jobs;
using CareTeams.Web.Security;
using CareTeams.Web.Services;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Integration;

/// <summary>
/// The `backup` and `restore` jobs, run as `dotnet run -- backup …` runs them, on a real database that
/// the app's own services write to meanwhile.
/// </summary>
public sealed class Backups : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly SmallCounty _county;

    public Backups() => _county = SmallCounty.Create(_database);

    public void Dispose() => _database.Dispose();

    private string PathOf(string name) => Path.Combine(_database.Folder, name);

    private static string On(string databaseFile) => $"--ConnectionStrings:Sqlite=Data Source={databaseFile};Default Timeout=30";

    private Task<int> BackupAsync(string outFile) =>
        JobRunner.RunAsync(["backup", "--out", outFile, On(_database.FilePath)], new StringWriter());

    private static Task<int> RestoreAsync(string fromFile, string intoDatabase, bool force = false) =>
        JobRunner.RunAsync(force ? ["restore", "--from", fromFile, "--force", On(intoDatabase)] : ["restore", "--from", fromFile, On(intoDatabase)],
            new StringWriter());

    // Names are Chinese characters only: 居民一二 for 12.
    private static ResidentInput Input(int i) =>
        ResidentInputs.Valid("居民" + string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(d => "零一二三四五六七八九"[d - '0'])), new DateOnly(1940, 1, 1).AddDays(i), i % 2 == 0 ? Sex.Female : Sex.Male, 1);

    private async Task RegisterAsync(int from, int count)
    {
        var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
        for (var i = from; i < from + count; i++)
        {
            var result = await residents.RegisterAsync(Input(i), _county.VillageA.Id);
            Assert.True(result.Succeeded, result.Summary);
        }
    }

    [Fact]
    public async Task A_backup_taken_while_residents_are_being_registered_is_sound_consistent_and_restores_to_an_identical_database()
    {
        var backup = PathOf("backup.db");
        var written = 0;
        using var stop = new CancellationTokenSource();
        // A nurse registering residents one after another through the service, as the page does.
        var writer = Task.Run(async () =>
        {
            var residents = _database.Service<ResidentDirectory>(_county.NurseOfTeamA);
            while (!stop.IsCancellationRequested)
            {
                var result = await residents.RegisterAsync(Input(written + 1), _county.VillageA.Id);
                Assert.True(result.Succeeded, result.Summary);
                Interlocked.Increment(ref written);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref written) >= 20, writer);

        var exit = await BackupAsync(backup);
        var writtenByThen = Volatile.Read(ref written);
        await WaitUntilAsync(() => Volatile.Read(ref written) >= writtenByThen + 20, writer);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(0, exit);
        Assert.False(File.Exists(backup + ".partial"));
        await using var copy = OpenReadOnly(backup);
        Assert.Equal(["ok"], Query(copy, "PRAGMA integrity_check"));
        Assert.Equal(["delete"], Query(copy, "PRAGMA journal_mode"));
        Assert.Empty(Query(copy, "PRAGMA foreign_key_check"));
        // Taken in the middle: some of the registrations, not all.
        var inBackup = int.Parse(Query(copy, "SELECT COUNT(*) FROM Residents").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(inBackup, 20, Volatile.Read(ref written) - 1);
        // At one instant: the first N registrations without a gap, each with the audit row saved in its transaction.
        Assert.Equal([inBackup.ToString(CultureInfo.InvariantCulture)],
            Query(copy, "SELECT MAX(Id) - MIN(Id) + 1 FROM Residents"));
        Assert.Equal([inBackup.ToString(CultureInfo.InvariantCulture)],
            Query(copy, $"SELECT COUNT(*) FROM AuditEntries WHERE EntityType = 'Resident' AND Action = {(int)AuditAction.Created}"));
        Assert.Empty(Query(copy, $"SELECT r.Id FROM Residents r WHERE NOT EXISTS (SELECT 1 FROM AuditEntries a " +
            $"WHERE a.EntityType = 'Resident' AND a.Action = {(int)AuditAction.Created} AND a.EntityKey = CAST(r.Id AS TEXT))"));

        var restored = PathOf("restored.db");
        Assert.Equal(0, await RestoreAsync(backup, restored));

        var expected = Fingerprint.Of(backup);
        var actual = Fingerprint.Of(restored);
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Tables, actual.Tables);
        Assert.Contains(expected.Tables, t => t.Table == "Residents" && t.Rows == inBackup);
        await using var restoredConnection = OpenReadOnly(restored);
        Assert.Equal(["wal"], Query(restoredConnection, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Restore_refuses_to_replace_a_database_holding_data_without_force_and_replaces_it_with_force()
    {
        await RegisterAsync(1, 2);
        var backup = PathOf("two-residents.db");
        Assert.Equal(0, await BackupAsync(backup));
        await RegisterAsync(3, 1);
        SqliteConnection.ClearAllPools();
        var before = Fingerprint.Of(_database.FilePath);

        Assert.Equal(1, await RestoreAsync(backup, _database.FilePath));
        using (var scope = _database.As(UserScope.System))
        {
            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(scope.ServiceProvider, backup, force: false));
            Assert.Contains("已有数据", refusal.Message, StringComparison.Ordinal);
            Assert.Contains("--force", refusal.Message, StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(before.Tables, Fingerprint.Of(_database.FilePath).Tables);
        Assert.Contains(before.Tables, t => t.Table == "Residents" && t.Rows == 3);

        Assert.Equal(0, await RestoreAsync(backup, _database.FilePath, force: true));

        SqliteConnection.ClearAllPools();
        Assert.Equal(Fingerprint.Of(backup).Tables, Fingerprint.Of(_database.FilePath).Tables);
    }

    [Fact]
    public async Task Restore_into_a_freshly_migrated_database_needs_no_force()
    {
        await RegisterAsync(1, 2);
        var backup = PathOf("backup.db");
        Assert.Equal(0, await BackupAsync(backup));
        var fresh = PathOf("fresh.db");
        Assert.Equal(0, await JobRunner.RunAsync(["migrate", On(fresh)], new StringWriter()));
        SqliteConnection.ClearAllPools();

        Assert.Equal(0, await RestoreAsync(backup, fresh));

        Assert.Equal(Fingerprint.Of(backup).Tables, Fingerprint.Of(fresh).Tables);
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_is_not_a_database_a_foreign_database_and_a_damaged_backup_even_with_force()
    {
        await RegisterAsync(1, 2);
        SqliteConnection.ClearAllPools();
        var before = Fingerprint.Of(_database.FilePath);

        var text = PathOf("notes.txt");
        await File.WriteAllTextAsync(text, "这不是数据库 / not a database, just text long enough to look like a file header.");
        var foreign = PathOf("foreign.db");
        await using (var other = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await other.OpenAsync();
            await using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE Notes (Id INTEGER PRIMARY KEY, Body TEXT); INSERT INTO Notes (Body) VALUES ('x');";
            await create.ExecuteNonQueryAsync();
        }
        var damaged = PathOf("damaged.db");
        Assert.Equal(0, await BackupAsync(damaged));
        await using (var file = File.Open(damaged, FileMode.Open, FileAccess.ReadWrite))
        {
            // Pages 2–4 (the first tables' b-trees) overwritten with rubbish.
            file.Position = 4096;
            file.Write(Enumerable.Repeat((byte)0xA5, 3 * 4096).ToArray());
        }

        using var scope = _database.As(UserScope.System);
        var notADatabase = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(scope.ServiceProvider, text, force: true));
        var notOurs = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(scope.ServiceProvider, foreign, force: true));
        var broken = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(scope.ServiceProvider, damaged, force: true));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(scope.ServiceProvider, PathOf("none.db"), force: true));

        Assert.Contains("不是完好的 SQLite 数据库", notADatabase.Message, StringComparison.Ordinal);
        Assert.Contains("不是 CareTeams 数据库", notOurs.Message, StringComparison.Ordinal);
        Assert.True(broken.Message.Contains("integrity_check", StringComparison.Ordinal) || broken.Message.Contains("不是完好的", StringComparison.Ordinal),
            broken.Message);
        Assert.Contains("备份文件不存在", missing.Message, StringComparison.Ordinal);
        Assert.Equal(1, await RestoreAsync(damaged, _database.FilePath, force: true));
        SqliteConnection.ClearAllPools();
        Assert.Equal(before.Tables, Fingerprint.Of(_database.FilePath).Tables);
        // Nor is a refused restore into a new place left behind as a file.
        Assert.Equal(1, await RestoreAsync(text, PathOf("new.db")));
        Assert.False(File.Exists(PathOf("new.db")));
    }

    [Fact]
    public async Task Backup_refuses_to_write_over_the_database_and_asks_for_the_out_option()
    {
        await RegisterAsync(1, 1);
        SqliteConnection.ClearAllPools();
        var before = Fingerprint.Of(_database.FilePath);

        Assert.Equal(1, await BackupAsync(_database.FilePath));
        Assert.Equal(2, await JobRunner.RunAsync(["backup", On(_database.FilePath)], new StringWriter()));

        SqliteConnection.ClearAllPools();
        Assert.Equal(before.Tables, Fingerprint.Of(_database.FilePath).Tables);
    }

    [Fact]
    public async Task On_SQL_Server_backup_and_restore_refuse_and_point_at_the_deployment_guide_without_touching_any_file()
    {
        const string sqlServer = "--ConnectionStrings:SqlServer=Server=tcp:careteams-nowhere.invalid,1433;Database=CareTeams;User ID=sa;Password=unused;TrustServerCertificate=True;Connect Timeout=1";
        var output = PathOf("sqlserver.bak");
        var builder = CareTeamsApp.CreateBuilder(["--Database:Provider=SqlServer", sqlServer]);
        builder.Services.AddScoped<ICurrentUser, SystemUser>();
        await using var app = builder.Build();
        using var scope = app.Services.CreateScope();

        var backup = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.BackupAsync(scope.ServiceProvider, output));
        var restore = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteBackup.RestoreAsync(scope.ServiceProvider, _database.FilePath, force: true));

        Assert.Contains("docs/DEPLOYMENT.md", backup.Message, StringComparison.Ordinal);
        Assert.Contains("SQL Server", backup.Message, StringComparison.Ordinal);
        Assert.Equal(backup.Message, restore.Message);
        Assert.Equal(1, await JobRunner.RunAsync(["backup", "--out", output, "--Database:Provider=SqlServer", sqlServer], new StringWriter()));
        Assert.False(File.Exists(output));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Task writer)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            if (writer.IsCompleted)
                await writer; // its failure, if any
            Assert.True(DateTime.UtcNow < deadline, "The writer made no progress.");
            await Task.Delay(20);
        }
    }

    private static SqliteConnection OpenReadOnly(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return values;
    }

    /// <summary>A database's schema, and each table's row count and a hash of its rows (every column, in key order).</summary>
    private sealed record Fingerprint(IReadOnlyList<string> Schema, IReadOnlyList<(string Table, int Rows, string Hash)> Tables)
    {
        public static Fingerprint Of(string file)
        {
            using var connection = OpenReadOnly(file);
            var schema = Query(connection, "SELECT type || ' ' || name || ': ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name");
            var tables = new List<(string, int, string)>();
            foreach (var table in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
                using var reader = command.ExecuteReader();
                var rows = 0;
                while (reader.Read())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.GetValue(i);
                        var text = value switch
                        {
                            DBNull => "\u2400",
                            byte[] bytes => Convert.ToHexString(bytes),
                            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                        };
                        hash.AppendData(Encoding.UTF8.GetBytes($"{value.GetType().Name}:{text}\u001f"));
                    }
                    hash.AppendData("\u001e"u8);
                }
                tables.Add((table, rows, Convert.ToHexString(hash.GetHashAndReset())));
            }
            return new Fingerprint(schema, tables);
        }
    }
}
