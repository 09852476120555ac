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

        try
        {
            Target = Describe(connectionString);
        }
        catch (ArgumentException e)
        {
            // The parser's message can quote the string; keep only the fact that it is malformed.
            throw new ConnectorException(
                "SqlServer.ConnectionString is not a valid SQL Server connection string (keyword=value pairs separated by ';'); correct it.",
                ExitCodes.Usage, e.InnerException);
        }

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

    /// <summary>Server and database of a connection string, nothing else (no user, no password).</summary>
    public static string Describe(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        var database = string.IsNullOrEmpty(builder.InitialCatalog) ? "(the login's default)" : builder.InitialCatalog;
        return $"server '{builder.DataSource}', database '{database}'";
    }

    public override string ToString() => Target;
}
