using Connector.Configuration;
using Microsoft.Data.SqlClient;

namespace Connector.SqlServer.Sql;

/// <summary>
/// Opens connections to the connector's database. The connection string holds secrets: it is never logged
/// and never part of a message; <see cref="Target"/> (server and database only) is what logs and errors name.
/// Every command on its connections times out after <c>SqlServer.CommandTimeout</c>: the timeout is written
/// into the connection string (<c>Command Timeout</c>), which SqlClient makes the default of every
/// <see cref="SqlCommand"/> created on the connection, so no command can fall back to SqlClient's 30 s.
/// Schema batches (DacFx deployments: index builds, table rebuilds) take <see cref="SchemaCommandTimeoutSeconds"/>.
/// </summary>
public sealed class SqlConnectionFactory
{
    private readonly string _connectionString;

    /// <summary>The connection factory of the configured database, with its command timeouts.</summary>
    public static SqlConnectionFactory For(SqlServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqlConnectionFactory(options.ConnectionString, options.CommandTimeout, options.SchemaCommandTimeout);
    }

    public SqlConnectionFactory(string connectionString, TimeSpan? commandTimeout = null, TimeSpan? schemaCommandTimeout = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConnectorException(
                "SqlServer.ConnectionString is empty: set it in connector.config.json or, better, in the environment variable RealmSqlServer__SqlServer__ConnectionString.",
                ExitCodes.Usage);
        }

        // The parser's message can quote the string: only the fact that it is malformed is reported.
        if (ConnectionStringDisplay.TryParse(connectionString) is null)
        {
            throw new ConnectorException(
                "SqlServer.ConnectionString is not a valid SQL Server connection string (keyword=value pairs separated by ';'); correct it.",
                ExitCodes.Usage);
        }

        Target = ConnectionStringDisplay.Describe(connectionString);
        var timeout = commandTimeout ?? new SqlServerOptions().CommandTimeout;
        SchemaCommandTimeoutSeconds = Seconds(schemaCommandTimeout ?? new SqlServerOptions().SchemaCommandTimeout);
        _connectionString = new SqlConnectionStringBuilder(connectionString) { CommandTimeout = Seconds(timeout) }.ConnectionString;
    }

    /// <summary>The timeout, in seconds, of one batch of a schema deployment.</summary>
    public int SchemaCommandTimeoutSeconds { get; }

    /// <summary>The server and database, for logs and messages (<c>server 'db1', database 'RealmSync'</c>).</summary>
    public string Target { get; }

    public async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Create();
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection that is not open yet (its commands' default timeout is the configured one).</summary>
    public SqlConnection Create() => new(_connectionString);

    public override string ToString() => Target;

    /// <summary>A timeout as SqlClient takes it: whole seconds, at least 1 (0 would mean "no limit").</summary>
    public static int Seconds(TimeSpan timeout) => (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, int.MaxValue);
}
