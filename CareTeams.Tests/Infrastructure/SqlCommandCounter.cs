using System.Data.Common;
using CareTeams.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CareTeams.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements EF Core sends (and keeps their text), for tests that a query stays one
/// statement however many rows it returns. Register it with <see cref="AddTo"/> through the
/// <see cref="TestDatabase"/> constructor; <see cref="Reset"/> before the call under test.
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
                return _commands.ToList();
        }
    }

    public int Count => Commands.Count;

    public void Reset()
    {
        lock (_commands)
            _commands.Clear();
    }

    /// <summary>Adds this counter to every context the database's factory makes.</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureDbContext<SqliteCareTeamsDbContext>(options => options.AddInterceptors(this), ServiceLifetime.Scoped);

    private void Record(DbCommand command)
    {
        lock (_commands)
            _commands.Add(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
