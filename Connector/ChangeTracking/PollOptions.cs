using Connector.Applier;
using Connector.SqlServer.Applier;

namespace Connector.ChangeTracking;

/// <summary>
/// How a pass reads and cuts: <see cref="PageSize"/> rows (or collection owners) per read bounds memory;
/// <see cref="InstructionsPerTransaction"/> bounds each outbound transaction. A Realm path's pass that fails with a
/// transient error is run again up to <see cref="MaxRetries"/> times, as the applier retries (Sync.MaxRetries,
/// Sync.RetryDelay, validated by <see cref="ApplierOptions"/>).
/// </summary>
public sealed record PollOptions
{
    public int PageSize { get; init; } = 1000;

    public int InstructionsPerTransaction { get; init; } = OutboundBatcher.DefaultSize;

    /// <summary>The applier's context: rows whose SYS_CHANGE_CONTEXT equals it are the connector's own writes.</summary>
    public ReadOnlyMemory<byte> ConnectorContext { get; init; } = ChangeTrackingContext.Value;

    public int MaxRetries { get; init; } = 5;

    public TimeSpan RetryDelay { get; init; } = ApplierOptions.DefaultRetryDelay;
}
