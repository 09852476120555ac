using Microsoft.Extensions.Options;

namespace Connector.Configuration;

/// <summary>Every section's validator, run together so that one start-up reports every failure at once.</summary>
public sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options) => ValidationResults.Of(Check(options));

    public static IReadOnlyList<string> Check(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            .. PostgresOptionsValidator.CheckProvider(options.Database),
            .. (DatabaseOptions.Parse(options.Database.Provider) == DatabaseProvider.Postgres
                ? PostgresOptionsValidator.Check(options.Postgres)
                : SqlServerOptionsValidator.Check(options.SqlServer)),
            .. RealmOptionsValidator.Check(options.Realm),
            .. SchemaOptionsValidator.Check(options.Schema),
            .. SyncOptionsValidator.Check(options.Sync),
            .. SchedulerOptionsValidator.Check(options.Scheduler),
            .. ChangeTrackingOptionsValidator.Check(options.ChangeTracking),
            .. SqlFirstOptionsValidator.Check(options.SqlFirst),
            .. MetricsOptionsValidator.Check(options.Metrics),
            .. PostgresLimits(options),
        ];
    }

    /// <summary>What the PostgreSQL target does not have: a clustered job store, schema scripts.</summary>
    private static IEnumerable<string> PostgresLimits(ConnectorOptions options)
    {
        if (options.Served() != DatabaseProvider.Postgres)
        {
            yield break;
        }

        if (options.Scheduler.Clustered)
        {
            yield return "Scheduler:Clustered is true, but clustering uses Quartz's SQL Server job store; with Database:Provider 'postgres' run one node and set it to false.";
        }

        if (string.Equals(options.Schema.ApplyMode, "script", StringComparison.OrdinalIgnoreCase))
        {
            yield return "Schema:ApplyMode is 'script', but on PostgreSQL the applier grows the schema itself, in the transaction that needs it (additive DDL only); with Database:Provider 'postgres' set it to 'auto'.";
        }
    }
}
