namespace Connector.RealmFile;

/// <summary>What decoding needs beyond a node: the file, class names of table keys, and the options.</summary>
internal sealed class RealmDecodeContext(
    RealmNodeReader reader,
    Func<long, RealmNode, string> classNameOfTableKey,
    bool legacyGuidOrder)
{
    public RealmNodeReader Reader { get; } = reader;

    public int FileFormat => Reader.FileFormat;

    public bool LegacyGuidOrder { get; } = legacyGuidOrder;

    /// <summary>No collection can hold more elements than a file of this size could describe.</summary>
    public long MaxCollectionElements => (Reader.FileLength * 8) + (1 << 16);

    /// <summary>The class a typed link's table key names; <paramref name="where"/> is reported if it names none.</summary>
    public string ClassNameOfTableKey(long tableKey, RealmNode where) => classNameOfTableKey(tableKey, where);
}
