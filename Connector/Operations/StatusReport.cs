namespace Connector.Operations;

/// <summary>What <c>status</c> read, as rows of the five result sets of <see cref="OperationsSql.Status"/>.</summary>
public sealed record StatusReport(
    IReadOnlyList<StatusReport.Realm> Realms,
    IReadOnlyList<StatusReport.Watermark> Watermarks,
    IReadOnlyDictionary<int, (long Unshipped, long OldestAgeSeconds)> Outbox,
    IReadOnlyDictionary<int, (long Count, DateTime Latest)> DeadLetters,
    IReadOnlyDictionary<int, (long Count, DateTime Latest)> Conflicts)
{
    public sealed record Realm(int RealmId, string RealmPath, string SqlSchema, string MappingMode, long? InboundVersion, DateTime? InboundUpdatedAt);

    public sealed record Watermark(int RealmId, string SqlSchema, string SqlTable, long Version, long? CurrentVersion, long? MinValidVersion);
}
