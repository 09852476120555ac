namespace Connector.Catalog;

/// <summary>A bad inbound transaction as realmsync.DeadLetter keeps it: whole, with the error and where it is.</summary>
public sealed record DeadLetterRecord(int RealmId, long Version, int? InstructionIndex, string Error, string Transaction);
