using Connector.Configuration;
using Npgsql;

namespace Connector.Postgres;

/// <summary>
/// Opens connections to the configured PostgreSQL database: one pooled data source per process, the command timeout
/// in the connection string (so every command has it), and the application name a DBA sees in pg_stat_activity.
/// </summary>
public sealed class PgConnectionFactory : IAsyncDisposable
{
    public const string ApplicationName = "realm-sqlserver";

    private readonly NpgsqlDataSource _dataSource;

    public PgConnectionFactory(string connectionString, TimeSpan? commandTimeout = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            CommandTimeout = (int)Math.Ceiling((commandTimeout ?? TimeSpan.FromSeconds(30)).TotalSeconds),
        };
        builder.ApplicationName ??= ApplicationName;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public static PgConnectionFactory For(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PgConnectionFactory(options.ConnectionString, options.CommandTimeout);
    }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
