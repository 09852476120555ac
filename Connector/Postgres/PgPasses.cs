using Connector.ChangeTracking;
using Connector.Applier;
using Connector.Catalog;
using Connector.Configuration;
using Connector.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Postgres;

/// <summary>
/// The passes of <c>run</c> and <c>sync</c> when <c>Database:Provider</c> is 'postgres': the inbound pass applies the
/// journal through <see cref="PgTransactionApplier"/>; the poll pass reads each served path's replication slot into the
/// outbox (<see cref="PgCapturePass"/>); the ship pass writes the outbox to the outbound journal (<see cref="OutboxShipper"/>,
/// shared with SQL Server).
/// </summary>
public static class PgPasses
{
    public static void Add(IServiceCollection services, ConnectorOptions options, ApplierOptions applier)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(PgConnectionFactory.For(options.Postgres));
        services.AddSingleton<IRealmCatalog, PgRealmCatalog>();
        // Before each Realm transaction of a captured path, a capture pass finds what SQL changed (Sync.ConflictPolicy).
        services.AddSingleton<IInboundStore>(s => new PgTransactionApplier(s.GetRequiredService<PgConnectionFactory>())
        {
            Capture = s.GetRequiredService<PgCapturePass>(),
            Policy = applier.ConflictPolicy,
        });
        services.AddSingleton(s => new InboundApplier(
            s.GetRequiredService<IInboundStore>(), s.GetRequiredService<Journal.JournalPaths>(), applier, s.GetRequiredService<ILogger<InboundApplier>>()));
        services.AddSingleton<ServedRealms>();
        services.AddSingleton<IInboundPass, InboundApplyPass>();
        services.AddSingleton(new PollOptions
        {
            InstructionsPerTransaction = options.Sync.TransactionSize,
            MaxRetries = applier.MaxRetries,
            RetryDelay = applier.EffectiveRetryDelay,
        });
        services.AddSingleton(s => new PgCapturePass(options.Postgres.ConnectionString, s.GetRequiredService<PollOptions>()));
        services.AddSingleton<IPollPass, PgPollPass>();
        services.AddSingleton<IShipPass, PgShipPass>();
    }

    /// <summary>Checks the configured database answers and holds the catalog, so that a wrong setting fails at once with its reason.</summary>
    public static async Task CheckAsync(PostgresOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var connections = PgConnectionFactory.For(options);
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await PgCatalogStore.ListRealmsAsync(connection, cancellationToken);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new ConnectorException(
                $"cannot use the PostgreSQL database {PostgresOptionsValidator.Masked(options.ConnectionString)}: {e.Message} " +
                "(check Postgres:ConnectionString; deploy the catalog with bootstrap --provider postgres --apply).", ExitCodes.Failure);
        }
    }

    private sealed class PgRealmCatalog(PgConnectionFactory connections) : IRealmCatalog
    {
        public async Task<IReadOnlyList<MappedRealm>> ListAsync(CancellationToken cancellationToken)
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            return await PgCatalogStore.ListRealmsAsync(connection, cancellationToken);
        }
    }
}
