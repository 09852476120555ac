using System.Data;
using Connector.Configuration;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Operations;

/// <summary>
/// The connection <c>install</c>, <c>status</c> and <c>doctor</c> use. A failure to connect or a refused
/// statement becomes a <see cref="ConnectorException"/> naming server and database (never the credentials),
/// the SQL error number and the fix.
/// </summary>
public sealed class OperationsConnection : IAsyncDisposable
{
    private readonly SqlConnection connection;
    private readonly int commandTimeoutSeconds;
    private readonly int schemaCommandTimeoutSeconds;

    private OperationsConnection(SqlConnection connection, string target, int commandTimeoutSeconds, int schemaCommandTimeoutSeconds)
    {
        this.connection = connection;
        Target = target;
        this.commandTimeoutSeconds = commandTimeoutSeconds;
        this.schemaCommandTimeoutSeconds = schemaCommandTimeoutSeconds;
    }

    /// <summary><c>server 'x', database 'y'</c>.</summary>
    public string Target { get; }

    public static async Task<OperationsConnection> OpenAsync(SqlServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var target = ConnectionStringDisplay.Describe(options.ConnectionString);
        var connection = new SqlConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new OperationsConnection(connection, target, Sql.SqlConnectionFactory.Seconds(options.CommandTimeout), Sql.SqlConnectionFactory.Seconds(options.SchemaCommandTimeout));
        }
        catch (Exception e) when (e is SqlException or InvalidOperationException or ArgumentException)
        {
            await connection.DisposeAsync();
            throw new ConnectorException(
                $"cannot connect to SQL Server ({target}): {e.Message}{Number(e)} Check that the server is running and reachable " +
                "(host, port, firewall), that the database exists, and that the login of RealmSqlServer__SqlServer__ConnectionString may connect to it.",
                ExitCodes.SqlUnavailable, e);
        }
    }

    public async Task<T> QueryAsync<T>(OperationsQuery query, Func<SqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var command = Command(query, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        catch (SqlException e)
        {
            throw Refused(query, e);
        }
    }

    public async Task ExecuteAsync(OperationsQuery query, CancellationToken cancellationToken, SqlTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(query, parameters);
        command.Transaction = transaction;
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqlException e)
        {
            throw Refused(query, e);
        }
    }

    public async Task<SqlTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    public ConnectorException Refused(OperationsQuery query, SqlException e)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(e);
        return new ConnectorException(
            $"SQL Server ({Target}) refused '{query.Name}': {e.Message} (SQL error {e.Number}, line {e.LineNumber}{(string.IsNullOrEmpty(e.Procedure) ? "" : ", procedure " + e.Procedure)}). " +
            "Run 'realm-sqlserver doctor' to see which permission or setting is missing.",
            ExitCodes.NotReady, e);
    }

#pragma warning disable CA2100 // The text is one of the fixed statements of OperationsSql; values are parameters.
    private SqlCommand Command(OperationsQuery query, (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new SqlCommand(query.Sql, connection) { CommandTimeout = query.SchemaChange ? schemaCommandTimeoutSeconds : commandTimeoutSeconds };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
#pragma warning restore CA2100

    private static string Number(Exception e) => e is SqlException sql ? $" (SQL error {sql.Number})." : "";
}
