using CareTeams.Web.Data;
using CareTeams.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CareTeams.Tests.Integration;

/// <summary>
/// No SQL Server engine runs here, so the production provider's migrations are checked by generating
/// the script a DBA would run and parsing it with Microsoft's own T-SQL parser; and both providers'
/// migrations must describe the current model (nobody added a migration for one provider only).
/// </summary>
public sealed class SqlServerMigrationScript
{
    private const string DummySqlServer = "Server=tcp:careteams-nowhere.invalid,1433;Database=CareTeams;User ID=sa;Password=unused;TrustServerCertificate=True;Connect Timeout=1";

    private static SqlServerCareTeamsDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerCareTeamsDbContext>()
            .UseSqlServer(DummySqlServer, o => o.MigrationsHistoryTable("__EFMigrationsHistory")).Options, new SystemUser());

    private static SqliteCareTeamsDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteCareTeamsDbContext>()
            .UseSqlite("Data Source=:memory:", o => o.MigrationsHistoryTable("__EFMigrationsHistory")).Options, new SystemUser());

    private static string IdempotentScript()
    {
        using var context = SqlServer();
        return context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    /// <summary>Everything the parser found, including statements EF wraps in EXEC(N'…') for their own batch.</summary>
    private sealed class Collector : TSqlFragmentVisitor
    {
        public List<CreateTableStatement> Tables { get; } = [];
        public List<CreateIndexStatement> Indexes { get; } = [];
        public List<string> DynamicSql { get; } = [];

        public override void Visit(CreateTableStatement node) => Tables.Add(node);
        public override void Visit(CreateIndexStatement node) => Indexes.Add(node);

        public override void Visit(ExecuteStatement node)
        {
            // A variable spliced into the text (EF drops a default constraint by its looked-up name) stands for a name.
            if (node.ExecuteSpecification.ExecutableEntity is ExecutableStringList list)
                DynamicSql.Add(string.Concat(list.Strings.Select(s => s is StringLiteral literal ? literal.Value : "placeholder_name")));
        }
    }

    private static (TSqlFragment Tree, IList<ParseError> Errors) Parse(string sql)
    {
        var parser = new TSql180Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var tree = parser.Parse(reader, out var errors);
        return (tree, errors);
    }

    private static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;

    [Fact]
    public void The_newest_parser_in_the_ScriptDom_package_is_the_one_used()
    {
        var newest = typeof(TSqlParser).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(TSqlParser)) && !t.IsAbstract)
            .Select(t => (Type: t, Match: System.Text.RegularExpressions.Regex.Match(t.Name, @"^TSql(\d+)Parser$")))
            .Where(t => t.Match.Success)
            .Select(t => (t.Type, Version: int.Parse(t.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .MaxBy(t => t.Version).Type;

        Assert.Equal(typeof(TSql180Parser), newest);
    }

    [Fact]
    public void The_full_idempotent_SQL_Server_script_parses_without_errors()
    {
        var script = IdempotentScript();

        var (tree, errors) = Parse(script);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        var found = new Collector();
        tree.Accept(found);
        // Statements EF runs through EXEC(N'…') (filtered indexes and the like) are parsed as well.
        Assert.All(found.DynamicSql, sql =>
        {
            var (_, inner) = Parse(sql);
            Assert.True(inner.Count == 0, $"{sql}: {string.Join("; ", inner.Select(e => e.Message))}");
        });
        // Idempotent: every migration is guarded by the history table, and the script runs in batches.
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("__EFMigrationsHistory", script, StringComparison.Ordinal);
        Assert.IsType<TSqlScript>(tree);
        Assert.True(((TSqlScript)tree).Batches.Count >= 2);
    }

    [Fact]
    public void The_script_creates_the_Residents_table_and_its_unique_index_on_the_ID_number()
    {
        var (tree, errors) = Parse(IdempotentScript());
        Assert.Empty(errors);
        var found = new Collector();
        tree.Accept(found);

        var residents = Assert.Single(found.Tables, t => Name(t.SchemaObjectName) == "Residents");
        var idNumber = Assert.Single(residents.Definition.ColumnDefinitions, c => c.ColumnIdentifier.Value == "IdNumber");
        var type = Assert.IsType<SqlDataTypeReference>(idNumber.DataType);
        Assert.Equal(SqlDataTypeOption.VarChar, type.SqlDataTypeOption);
        Assert.Equal("18", Assert.Single(type.Parameters).Value);
        Assert.Contains(idNumber.Constraints, c => c is NullableConstraintDefinition { Nullable: false });
        Assert.Contains(residents.Definition.ColumnDefinitions, c => c.ColumnIdentifier.Value == "Version");

        var unique = Assert.Single(found.Indexes, i => i.Unique && Name(i.OnName) == "Residents"
            && i.Columns.Any(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value == "IdNumber"));
        Assert.Equal(["IdNumber", "CountyId"], unique.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value));
        Assert.Null(unique.FilterPredicate);

        // The other tables the app cannot run without.
        var tables = found.Tables.Select(t => Name(t.SchemaObjectName)).ToHashSet();
        Assert.Superset(new HashSet<string> { "__EFMigrationsHistory", "AspNetUsers", "AspNetRoles", "AuditEntries", "Counties", "Centres", "Villages", "Teams", "Staff", "Households" }, tables);
    }

    [Fact]
    public void Both_providers_migration_snapshots_hold_the_same_entity_types_as_the_model()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();

        // An owned type is named differently in a snapshot (Owner.Navigation#Type) than at run time: compare it by its owner and navigation.
        static string Key(Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType type) =>
            type.FindOwnership() is { PrincipalToDependent: { } navigation } ownership
                ? $"{Key(ownership.PrincipalEntityType)}.{navigation.Name} (owned)"
                : type.Name;
        static string[] Names(IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType> types) =>
            types.Select(Key).Order(StringComparer.Ordinal).ToArray();
        static Dictionary<string, string?> Tables(IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IReadOnlyEntityType> types) =>
            types.ToDictionary(Key, t => t.GetTableName());

        var model = Names(sqlServer.Model.GetEntityTypes());
        Assert.Equal(model, Names(sqlite.Model.GetEntityTypes()));
        Assert.Contains("CareTeams.Domain.Residents.Resident", model);

        var sqlServerSnapshot = sqlServer.GetService<IMigrationsAssembly>().ModelSnapshot;
        var sqliteSnapshot = sqlite.GetService<IMigrationsAssembly>().ModelSnapshot;
        Assert.NotNull(sqlServerSnapshot);
        Assert.NotNull(sqliteSnapshot);
        Assert.Equal(model, Names(sqlServerSnapshot.Model.GetEntityTypes()));
        Assert.Equal(model, Names(sqliteSnapshot.Model.GetEntityTypes()));
        Assert.Equal(Tables(sqliteSnapshot.Model.GetEntityTypes()), Tables(sqlServerSnapshot.Model.GetEntityTypes()));

        // Each provider's migrations are its own: the same steps, found by the context they belong to.
        var sqlServerMigrations = sqlServer.Database.GetMigrations().Select(m => m[15..]).ToArray();
        var sqliteMigrations = sqlite.Database.GetMigrations().Select(m => m[15..]).ToArray();
        Assert.NotEmpty(sqlServerMigrations);
        Assert.Equal(sqliteMigrations, sqlServerMigrations);
    }

    [Fact]
    public void Neither_provider_has_model_changes_without_a_migration()
    {
        using var sqlServer = SqlServer();
        using var sqlite = Sqlite();

        Assert.False(sqlServer.Database.HasPendingModelChanges(),
            "The model has changes with no SQL Server migration: dotnet ef migrations add <Name> --context SqlServerCareTeamsDbContext --output-dir Data/Migrations/SqlServer");
        Assert.False(sqlite.Database.HasPendingModelChanges(),
            "The model has changes with no SQLite migration: dotnet ef migrations add <Name> --context SqliteCareTeamsDbContext --output-dir Data/Migrations/Sqlite");
        // Proof that no server was needed: the dummy server does not exist.
        Assert.False(sqlServer.Database.GetDbConnection().State == System.Data.ConnectionState.Open);
    }
}
