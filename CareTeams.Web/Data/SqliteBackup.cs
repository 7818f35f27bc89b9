using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CareTeams.Web.Data;

/// <summary>
/// Backup and restore of the SQLite database with SQLite's online backup API (the `backup` and `restore`
/// jobs). A backup copies every page in one step inside one read transaction: in WAL mode the app keeps
/// writing meanwhile and the copy is the database as it was at one instant, never half a save. Both ways
/// the result is checked (<c>PRAGMA integrity_check</c>, and that it is a CareTeams database by its
/// migrations history). SQL Server has its own backups (docs/DEPLOYMENT.md).
/// </summary>
public static class SqliteBackup
{
    public sealed record Outcome(string Database, string File, long Bytes, TimeSpan Elapsed, string LatestMigration, int PendingMigrations);

    /// <summary>
    /// What a database holds before anyone used it (a fresh `migrate`, a first start): the migrations, the
    /// roles and their audit rows, a key ring. A database with nothing else is empty.
    /// </summary>
    private static readonly HashSet<string> NotData = new(StringComparer.OrdinalIgnoreCase)
        { "__EFMigrationsHistory", "AspNetRoles", "DataProtectionKeys" };

    private const string DataInAuditTrail = "WHERE EntityType <> 'IdentityRole'";

    private sealed record ConfiguredDatabase(string ConnectionString, string Path, IReadOnlyList<string> KnownMigrations);

    /// <summary>Writes a consistent copy of the configured database to <paramref name="outFile"/> (replaced only once the copy is complete and checked).</summary>
    public static async Task<Outcome> BackupAsync(IServiceProvider services, string outFile, CancellationToken cancellationToken = default)
    {
        var database = await ConfiguredAsync(services, cancellationToken);
        var target = Path.GetFullPath(outFile);
        if (SamePath(target, database.Path))
            throw new InvalidOperationException($"备份文件不能是数据库本身（{target}）。 / The backup cannot be written over the database itself.");
        if (!File.Exists(database.Path))
            throw new InvalidOperationException($"数据库文件不存在：{database.Path}。 / There is no database at {database.Path}.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        var watch = Stopwatch.StartNew();
        string latest;
        try
        {
            File.Delete(partial);
            using (var source = Open(database.ConnectionString, SqliteOpenMode.ReadWrite))
            using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(() => source.BackupDatabase(copy), "备份失败 / The backup failed");
                // One self-contained file: no -wal or -shm beside it.
                Scalar(copy, "PRAGMA journal_mode=DELETE;");
                latest = Verify(copy, database.KnownMigrations, "备份");
            }
            File.Move(partial, target, overwrite: true);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        return new Outcome(database.Path, target, new FileInfo(target).Length, watch.Elapsed, latest,
            database.KnownMigrations.Count(m => string.CompareOrdinal(m, latest) > 0));
    }

    /// <summary>
    /// Checks the backup <paramref name="fromFile"/> and copies it, page by page through the backup API,
    /// into the configured database. A database that holds data is replaced only with <paramref name="force"/>.
    /// </summary>
    public static async Task<Outcome> RestoreAsync(IServiceProvider services, string fromFile, bool force, CancellationToken cancellationToken = default)
    {
        var database = await ConfiguredAsync(services, cancellationToken);
        var source = Path.GetFullPath(fromFile);
        if (!File.Exists(source))
            throw new InvalidOperationException($"备份文件不存在：{source}。 / There is no backup at {source}.");
        if (SamePath(source, database.Path))
            throw new InvalidOperationException("备份文件就是数据库本身，无需恢复。 / The backup is the database itself.");
        var watch = Stopwatch.StartNew();
        using var backup = Open(source, SqliteOpenMode.ReadOnly);
        var latest = Verify(backup, database.KnownMigrations, "备份文件");
        if (!force && TableWithData(database) is { } table)
        {
            throw new InvalidOperationException(
                $"数据库 {database.Path} 中已有数据（如 {table} 表），恢复会覆盖它。确认要覆盖时请加 --force（建议先备份当前数据库）。 / " +
                $"The database holds data ({table}) that the restore would replace: add --force to replace it (back it up first).");
        }
        cancellationToken.ThrowIfCancellationRequested();
        using (var target = Open(database.ConnectionString, SqliteOpenMode.ReadWriteCreate))
        {
            Run(() => backup.BackupDatabase(target), "恢复失败 / The restore failed");
            Scalar(target, "PRAGMA journal_mode=WAL;");
            Verify(target, database.KnownMigrations, "恢复后的数据库");
        }
        SqliteConnection.ClearAllPools();
        return new Outcome(database.Path, source, new FileInfo(source).Length, watch.Elapsed, latest,
            database.KnownMigrations.Count(m => string.CompareOrdinal(m, latest) > 0));
    }

    private static async Task<ConfiguredDatabase> ConfiguredAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = await SystemContexts.CreateAsync(services, cancellationToken);
        if (!db.Database.IsSqlite())
        {
            throw new InvalidOperationException(
                "backup/restore 只用于 SQLite 数据库；SQL Server 请用其自带的备份（BACKUP DATABASE / 维护计划），见 docs/DEPLOYMENT.md。 / " +
                "backup and restore are for SQLite: back up SQL Server with its own backups, see docs/DEPLOYMENT.md.");
        }
        var connectionString = db.Database.GetConnectionString()!;
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || !Path.IsPathRooted(path))
            throw new InvalidOperationException($"配置的 SQLite 数据库不是文件（{path}）。 / The configured SQLite database is not a file.");
        return new ConfiguredDatabase(connectionString, path, db.Database.GetMigrations().ToList());
    }

    /// <summary>A connection of its own (not pooled, so the file is released when it closes).</summary>
    private static SqliteConnection Open(string connectionStringOrPath, SqliteOpenMode mode)
    {
        var builder = connectionStringOrPath.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(connectionStringOrPath)
            : new SqliteConnectionStringBuilder { DataSource = connectionStringOrPath };
        builder.Mode = mode;
        builder.Pooling = false;
        if (builder.DefaultTimeout <= 0)
            builder.DefaultTimeout = 30;
        var connection = new SqliteConnection(builder.ToString());
        Run(connection.Open, $"无法打开 {builder.DataSource} / Cannot open {builder.DataSource}");
        return connection;
    }

    /// <summary>
    /// The file passes <c>PRAGMA integrity_check</c> and is a CareTeams database: it has the migrations
    /// history, and no migration this build does not know (a backup from a newer version). Returns its latest migration.
    /// </summary>
    private static string Verify(SqliteConnection connection, IReadOnlyList<string> knownMigrations, string what)
    {
        List<string> problems = [];
        Run(() => problems = Column(connection, "PRAGMA integrity_check;"), $"{what}不是完好的 SQLite 数据库（not a sound SQLite database）");
        if (problems is not ["ok"])
        {
            throw new InvalidOperationException(
                $"{what}未通过完整性检查（integrity_check failed）：{string.Join("; ", problems.Take(5))}");
        }
        if (Column(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';").Count == 0)
            throw new InvalidOperationException($"{what}不是 CareTeams 数据库：没有迁移记录（not a CareTeams database: no __EFMigrationsHistory）。");
        var migrations = Column(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;");
        if (migrations.Count == 0)
            throw new InvalidOperationException($"{what}不是 CareTeams 数据库：迁移记录为空（not a CareTeams database: empty migrations history）。");
        var unknown = migrations.Except(knownMigrations, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{what}来自更新版本的 CareTeams，请先升级本程序（from a newer CareTeams: upgrade first; unknown migrations {string.Join(", ", unknown)}）。");
        }
        return migrations[^1];
    }

    /// <summary>A table of the database that holds data, or null when it is empty (a missing or fresh file).</summary>
    private static string? TableWithData(ConfiguredDatabase database)
    {
        if (!File.Exists(database.Path) || new FileInfo(database.Path).Length == 0)
            return null;
        using var connection = Open(database.ConnectionString, SqliteOpenMode.ReadWrite);
        string? found = null;
        Run(() =>
        {
            var tables = Column(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;");
            found = tables.Where(t => !NotData.Contains(t)).FirstOrDefault(t =>
                Scalar(connection, $"SELECT EXISTS (SELECT 1 FROM \"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\" " +
                    $"{(t == "AuditEntries" ? DataInAuditTrail : string.Empty)});") is 1L);
        }, $"无法读取 {database.Path} / Cannot read {database.Path}");
        return found;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }

    /// <summary>SQLite's own errors (not a database, locked, disk full) become the job's clear refusal.</summary>
    private static void Run(Action action, string what)
    {
        try
        {
            action();
        }
        catch (SqliteException e)
        {
            throw new InvalidOperationException($"{what}: {e.Message}", e);
        }
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
