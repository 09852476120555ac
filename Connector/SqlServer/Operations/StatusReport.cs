namespace Connector.SqlServer.Operations;

/// <summary>
/// What <c>status</c> read: the five result sets of <see cref="OperationsSql.Status"/>, Change Tracking's
/// retention (null when off or hidden from the login, see <see cref="DatabaseState"/>), and each partitioned mapping's
/// rows of no registered Realm (<see cref="PartitionReport"/>).
/// </summary>
public sealed record StatusReport(
    IReadOnlyList<StatusReport.Realm> Realms,
    IReadOnlyList<StatusReport.Watermark> Watermarks,
    IReadOnlyDictionary<int, (long Unshipped, long OldestAgeSeconds)> Outbox,
    IReadOnlyDictionary<int, (long Count, DateTime Latest)> DeadLetters,
    IReadOnlyDictionary<int, (long Count, DateTime Latest)> Conflicts,
    RetentionPeriod? Retention)
{
    /// <summary>The partitioned mappings of the catalog with their rows of no registered Realm; none when it has none.</summary>
    public IReadOnlyList<PartitionReport.Mapping> Partitioned { get; init; } = [];

    /// <param name="PartitionOf">The partitioned mapping of a Realm path registered under one (mode 'partition'); null otherwise.</param>
    public sealed record Realm(int RealmId, string RealmPath, string SqlSchema, string MappingMode, long? InboundVersion, DateTime? InboundUpdatedAt, int? PartitionOf = null)
    {
        public bool IsPartitionedMapping => MappingMode == MappedSchemas.Partitioned;
    }

    /// <param name="Age">How long ago the watermark was last advanced (its UpdatedAt, on the server's clock).</param>
    public sealed record Watermark(int RealmId, string SqlSchema, string SqlTable, long Version, TimeSpan Age, long? CurrentVersion, long? MinValidVersion);
}
