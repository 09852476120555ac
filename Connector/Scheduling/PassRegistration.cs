using Connector.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Scheduling;

/// <summary>
/// Where the three passes are registered for <c>run</c> and <c>sync</c>: the applier, the poller and the
/// outbox shipper (<see cref="IInboundPass"/>, <see cref="IPollPass"/>, <see cref="IShipPass"/>) with what they
/// share (the connection factory, the journal, the options). A build without one of them stops both commands
/// with a message naming what is missing rather than running a pass that does nothing.
/// </summary>
public static class PassRegistration
{
    public static readonly Type[] Required = [typeof(IInboundPass), typeof(IPollPass), typeof(IShipPass)];

    public static void Add(IServiceCollection services, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(new Journal.JournalPaths(options.Realm.JournalPath));
        var applier = ApplierOptions(options);
        services.AddSingleton(applier);
        if (options.Served() == DatabaseProvider.Postgres)
        {
            Postgres.PgPasses.Add(services, options, applier);
            return;
        }

        services.AddSingleton(SqlServer.Sql.SqlConnectionFactory.For(options.SqlServer));
        services.AddSingleton(PollOptions(options, applier));
        services.AddSingleton<ServedRealms>();
        // One applier per process: it keeps each Realm path's journal position between passes.
        services.AddSingleton<Applier.InboundApplier>();
        services.AddSingleton<SqlServer.ChangeTracking.ChangeTrackingPoller>();
        services.AddSingleton<IInboundPass, Applier.InboundApplyPass>();
        services.AddSingleton<IPollPass, SqlServer.ChangeTracking.ChangeTrackingPollPass>();
        services.AddSingleton<IShipPass, SqlServer.ChangeTracking.OutboxShipPass>();
    }

    /// <summary>The applier's options, from the validated configuration.</summary>
    public static Applier.ApplierOptions ApplierOptions(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Applier.ApplierOptions.Parse(
            options.Schema.ApplyMode, options.Sync.OnBadTransaction, options.Sync.ConflictPolicy, options.Sync.MaxRetries, options.Sync.RetryDelay);
    }

    /// <summary>The poller's options (and <c>resend</c>'s): it retries a Realm path's pass as the applier retries a transaction, with the same validated settings.</summary>
    public static ChangeTracking.PollOptions PollOptions(ConnectorOptions options, Applier.ApplierOptions applier)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(applier);
        return new ChangeTracking.PollOptions
        {
            InstructionsPerTransaction = options.Sync.TransactionSize,
            MaxRetries = applier.MaxRetries,
            RetryDelay = applier.EffectiveRetryDelay,
        };
    }

    /// <summary>The pass interfaces nothing is registered for.</summary>
    public static IReadOnlyList<string> Missing(IServiceCollection services) =>
        [.. Required.Where(t => !services.Any(d => d.ServiceType == t)).Select(t => t.Name)];

    public static void ThrowIfMissing(IServiceCollection services)
    {
        var missing = Missing(services);
        if (missing.Count > 0)
        {
            throw new ConnectorException(
                $"this build of realm-sqlserver has no implementation registered for {string.Join(", ", missing)} " +
                "(Scheduling/PassRegistration.cs); it cannot run passes. Use a release build that includes the applier and the poller.",
                ExitCodes.Failure);
        }
    }
}
