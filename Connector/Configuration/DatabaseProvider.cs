namespace Connector.Configuration;

/// <summary>
/// The database the connector serves (<c>RealmSqlServer:Database:Provider</c>): the engine is the same, the
/// schema, the applier's statements and the checks are each database's own (DESIGN.md section 11).
/// </summary>
public enum DatabaseProvider
{
    SqlServer,
    Postgres,
}

/// <summary><c>RealmSqlServer:Database</c>: which database the connector serves.</summary>
public sealed class DatabaseOptions
{
    public const string SqlServerName = "sqlserver";
    public const string PostgresName = "postgres";

    /// <summary>'sqlserver' (the default) or 'postgres'.</summary>
    public string Provider { get; set; } = SqlServerName;

    /// <summary>The provider named by <paramref name="text"/>, or null when it names none.</summary>
    public static DatabaseProvider? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        SqlServerName => DatabaseProvider.SqlServer,
        PostgresName or "postgresql" => DatabaseProvider.Postgres,
        _ => null,
    };
}
