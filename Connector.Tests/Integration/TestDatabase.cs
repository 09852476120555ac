using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Connector.SqlServer.Sql;

namespace Connector.Tests.Integration;

/// <summary>
/// A database of its own for one integration test: created with Change Tracking and snapshot isolation on,
/// dropped afterwards. Names go through <see cref="SqlIdentifier.Quote(string)"/> like everywhere else.
/// </summary>
public sealed partial class TestDatabase : IAsyncDisposable
{
    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string server, CancellationToken cancellationToken)
    {
        var database = new TestDatabase(server, "realmsync_test_" + Guid.NewGuid().ToString("N"));
        var name = SqlIdentifier.Quote(database.Name);
        await database.ExecuteOnServerAsync(
            $"CREATE DATABASE {name}; " +
            $"ALTER DATABASE {name} SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON); " +
            $"ALTER DATABASE {name} SET ALLOW_SNAPSHOT_ISOLATION ON;",
            cancellationToken);
        return database;
    }

    /// <summary>Runs a script with <c>GO</c> separators batch by batch on one connection, as sqlcmd does.</summary>
    public async Task RunScriptAsync(string script, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var batch in SqlBatches.Split(script))
        {
            await using var command = new SqlCommand(batch, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Every row of a query, each as its column values (DBNull as null).</summary>
    public async Task<List<object?[]>> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken) => (await QueryAsync(sql, cancellationToken)).Single()[0];

    public async ValueTask DisposeAsync()
    {
        SqlConnection.ClearAllPools();
        var name = SqlIdentifier.Quote(Name);
        await ExecuteOnServerAsync($"ALTER DATABASE {name} SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE {name};", CancellationToken.None);
    }

    /// <summary>Runs a statement in master as the server administrator (logins, databases).</summary>
    public async Task ExecuteOnServerAsync(string sql, CancellationToken cancellationToken, params SqlParameter[] parameters)
    {
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master" }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new SqlCommand(sql, connection) { CommandTimeout = 300 };
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

}
