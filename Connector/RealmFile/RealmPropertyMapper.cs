using Connector.RealmSchema;

namespace Connector.RealmFile;

/// <summary>Maps a column's type and attributes to the property the SDK declared.</summary>
internal static class RealmPropertyMapper
{
    public static RealmProperty ToProperty(string name, RealmColumnType type, int attributes, string? target, RealmNode spec)
    {
        var propertyType = type switch
        {
            RealmColumnType.Int => RealmPropertyType.Int,
            RealmColumnType.Bool => RealmPropertyType.Bool,
            RealmColumnType.String => RealmPropertyType.String,
            RealmColumnType.Binary => RealmPropertyType.Data,
            RealmColumnType.Mixed => RealmPropertyType.Mixed,
            RealmColumnType.Timestamp => RealmPropertyType.Date,
            RealmColumnType.Float => RealmPropertyType.Float,
            RealmColumnType.Double => RealmPropertyType.Double,
            RealmColumnType.Decimal => RealmPropertyType.Decimal128,
            RealmColumnType.Link or RealmColumnType.LinkList => RealmPropertyType.Object,
            RealmColumnType.ObjectId => RealmPropertyType.ObjectId,
            RealmColumnType.Uuid => RealmPropertyType.Uuid,
            _ => throw spec.Corrupt($"column '{name}' has unsupported type {(int)type}"),
        };
        var collection = (attributes & RealmColumn.AttrList) != 0 || type == RealmColumnType.LinkList
            ? CollectionKind.List
            : (attributes & RealmColumn.AttrSet) != 0 ? CollectionKind.Set
            : (attributes & RealmColumn.AttrDictionary) != 0 ? CollectionKind.Dictionary
            : CollectionKind.None;
        return new RealmProperty(
            name,
            propertyType,
            collection,
            Optional: (attributes & RealmColumn.AttrNullable) != 0,
            ObjectType: target,
            Indexed: (attributes & RealmColumn.AttrIndexed) != 0);
    }
}
