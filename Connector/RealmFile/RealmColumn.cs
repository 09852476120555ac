using Connector.RealmSchema;

namespace Connector.RealmFile;

/// <summary>A public column of a table, as the spec describes it, and the property it becomes.</summary>
internal sealed record RealmColumn(
    RealmProperty Property,
    RealmColumnType Type,
    int Attributes,
    int LeafIndex,
    long ColumnKey,
    StringLeaf? EnumKeys)
{
    public const int AttrIndexed = 1;
    public const int AttrNullable = 16;
    public const int AttrList = 32;
    public const int AttrDictionary = 64;
    public const int AttrSet = 128;

    public bool Nullable => (Attributes & AttrNullable) != 0;

    /// <summary>The spec of one value (a scalar) or one element (a collection).</summary>
    public ElementSpec Element => new(
        Type == RealmColumnType.LinkList ? RealmColumnType.Link : Type, Nullable, Property.ObjectType, EnumKeys);
}
