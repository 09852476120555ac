using Connector.Configuration;
using Microsoft.Data.SqlClient;

namespace Connector.Sql;

/// <summary>
/// Opens connections to the connector's database. The connection string holds secrets: it is never logged
/// and never part of a message; <see cref="Target"/> (server and database only) is what logs and errors name.
/// </summary>
public sealed class SqlConnectionFactory
{
    private readonly string _connectionString;

    public SqlConnectionFactory(string connectionString)
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

        _connectionString = connectionString;
    }

    /// <summary>The server and database, for logs and messages (<c>server 'db1', database 'RealmSync'</c>).</summary>
    public string Target { get; }

    public async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(_connectionString);
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

    public override string ToString() => Target;
}
