namespace Connector.Catalog;

/// <summary>
/// A row changed on both sides, as realmsync.Conflict keeps it. <see cref="Policy"/> implies the winner;
/// <see cref="RealmValues"/> is the Realm change as JSON (the values of an INSERT or SET; for a replaced collection,
/// that property alone; null for a DELETE and a LIST_*); <see cref="SqlValues"/> is SQL's side when it is known: for a
/// replaced collection, SQL's rows of it as they stood (JSON, FOR JSON PATH), which realm-wins overwrites; otherwise null.
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
