using Connector.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Scheduling;

/// <summary>
/// Where the three passes are registered for <c>run</c> and <c>sync</c>. The applier, the poller and the
/// outbox shipper implement <see cref="IInboundPass"/>, <see cref="IPollPass"/> and <see cref="IShipPass"/>
/// in their own folders and are added in <see cref="Add"/>; until they are, both commands stop with a
/// message naming what is missing rather than running a pass that does nothing.
/// </summary>
public static class PassRegistration
{
    public static readonly Type[] Required = [typeof(IInboundPass), typeof(IPollPass), typeof(IShipPass)];

    public static void Add(IServiceCollection services, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        // Registered by the applier and Change Tracking work, for example:
        //   services.AddSingleton<IInboundPass, Applier.InboundApplyPass>();
        //   services.AddSingleton<IPollPass, ChangeTracking.PollPass>();
        //   services.AddSingleton<IShipPass, ChangeTracking.OutboxShipPass>();
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
