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
        ];
    }
}
