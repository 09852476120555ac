namespace Connector.Configuration;

/// <summary>
/// The whole configuration, bound from the <c>RealmSqlServer</c> section of connector.config.json
/// (DESIGN.md section 9); README.md documents every key.
/// </summary>
public sealed class ConnectorOptions
{
    /// <summary>The configuration section every key lives under.</summary>
    public const string SectionName = "RealmSqlServer";

    public DatabaseOptions Database { get; set; } = new();
    public SqlServerOptions SqlServer { get; set; } = new();
    public PostgresOptions Postgres { get; set; } = new();
    public RealmOptions Realm { get; set; } = new();
    public SchemaOptions Schema { get; set; } = new();
    public SyncOptions Sync { get; set; } = new();
    public SchedulerOptions Scheduler { get; set; } = new();
    public ChangeTrackingOptions ChangeTracking { get; set; } = new();
    public SqlFirstOptions SqlFirst { get; set; } = new();
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>The database served; an invalid provider is reported by the validator and means SQL Server until then.</summary>
    public DatabaseProvider Served() => DatabaseOptions.Parse(Database.Provider) ?? DatabaseProvider.SqlServer;
}
