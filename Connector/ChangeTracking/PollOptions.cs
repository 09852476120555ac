using Connector.Applier;

namespace Connector.ChangeTracking;

/// <summary>
/// How a pass reads and cuts: <see cref="PageSize"/> rows (or collection owners) per read bounds memory;
/// <see cref="InstructionsPerTransaction"/> bounds each outbound transaction.
/// </summary>
public sealed record PollOptions
{
    public int PageSize { get; init; } = 1000;

    public int InstructionsPerTransaction { get; init; } = OutboundBatcher.DefaultSize;

    /// <summary>The applier's context: rows whose SYS_CHANGE_CONTEXT equals it are the connector's own writes.</summary>
    public ReadOnlyMemory<byte> ConnectorContext { get; init; } = ChangeTrackingContext.Value;
}
