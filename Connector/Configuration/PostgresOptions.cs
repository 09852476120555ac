namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:Postgres</c>: the connector's database when <c>Database:Provider</c> is 'postgres'.</summary>
public sealed class PostgresOptions
{
    public const string DefaultSchema = "public";

    /// <summary>
    /// An Npgsql connection string naming host and database. In production it comes from the environment
    /// (<c>RealmSqlServer__Postgres__ConnectionString</c>); it is never logged or printed with its password.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema of the generated tables.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>How long one statement may run before it is abandoned.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
