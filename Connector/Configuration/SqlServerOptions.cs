namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:SqlServer</c>: the connector's database.</summary>
public sealed class SqlServerOptions
{
    public const string DefaultSchema = "dbo";

    /// <summary>
    /// A Microsoft.Data.SqlClient connection string naming server and database. In production it comes from
    /// the environment (<c>RealmSqlServer__SqlServer__ConnectionString</c>); it is never logged or printed.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The SQL schema of the generated tables.</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>How long one SQL command may run before it is abandoned.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one batch of a schema change may run (ADD_TYPE/ADD_PROPERTIES deployed by the applier): DacFx
    /// may build an index or rebuild a table, which on a large table takes far longer than an ordinary command.
    /// A batch that times out rolls the whole transaction back and is retried: too short a value retries for ever.
    /// </summary>
    public TimeSpan SchemaCommandTimeout { get; set; } = TimeSpan.FromMinutes(30);
}
