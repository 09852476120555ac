namespace Connector.Catalog;

/// <summary>
/// A row changed on both sides, as realmsync.Conflict keeps it. <see cref="Policy"/> implies the winner;
/// <see cref="RealmValues"/> is the Realm change as JSON; <see cref="SqlValues"/> may be unknown (null).
/// </summary>
public sealed record ConflictRecord(
    int RealmId,
    long Version,
    int InstructionIndex,
    string ClassName,
    string ObjectIdentity,
    string Policy,
    long SqlChangeVersion,
    string? RealmValues,
    string? SqlValues);
