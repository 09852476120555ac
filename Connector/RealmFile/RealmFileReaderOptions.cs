namespace Connector.RealmFile;

/// <summary>How <see cref="RealmFileReader"/> presents a file.</summary>
public sealed record RealmFileReaderOptions
{
    public static RealmFileReaderOptions Default { get; } = new();

    /// <summary>
    /// Include SDK bookkeeping tables (<c>metadata</c>, <c>pk</c>, <c>flx_*</c>, <c>sync_*</c>) and the legacy
    /// permission classes (<c>__Class</c>, <c>__Permission</c>, <c>__Realm</c>, <c>__Role</c>, <c>__User</c>).
    /// </summary>
    public bool IncludeBookkeepingTables { get; init; }

    /// <summary>
    /// Read UUIDs in .NET <see cref="Guid.ToByteArray()"/> order, as Realm .NET before 10.20 wrote them
    /// (the SDK converts such files on open; this reader does not know whether a file was converted).
    /// </summary>
    public bool LegacyDotNetGuidOrder { get; init; }
}
