namespace Connector.SqlServer.Operations;

/// <summary>
/// What <c>status</c> read: the five result sets of <see cref="OperationsSql.Status"/>, and Change Tracking's
/// retention (null when off or hidden from the login, see <see cref="DatabaseState"/>).
/// </summary>
public sealed record StatusReport(
    IReadOnlyList<StatusReport.Realm> Realms,
    IReadOnlyList<StatusReport.Watermark> Watermarks,
    IReadOnlyDictionary<int, (long Unshipped, long OldestAgeSeconds)> Outbox,
    IReadOnlyDictionary<int, (long Count, DateTime Latest)> DeadLetters,
    IReadOnlyDictionary<int, (long Count, DateTime Latest)> Conflicts,
    RetentionPeriod? Retention)
{
    public sealed record Realm(int RealmId, string RealmPath, string SqlSchema, string MappingMode, long? InboundVersion, DateTime? InboundUpdatedAt);

    /// <param name="Age">How long ago the watermark was last advanced (its UpdatedAt, on the server's clock).</param>
    public sealed record Watermark(int RealmId, string SqlSchema, string SqlTable, long Version, TimeSpan Age, long? CurrentVersion, long? MinValidVersion);
}
