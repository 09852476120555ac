namespace Connector.ChangeTracking;

/// <summary>One outbox row: an outbound transaction's version and its JSON (one line, no newline).</summary>
public sealed record OutboxEntry(long Version, string TransactionJson);
