using Connector.Adapter;
using Connector.RealmSchema;

namespace Connector.RealmFile;

/// <summary>A collection column's leaf: one ref per object to that object's list, set or dictionary.</summary>
internal sealed class CollectionColumnLeaf(RealmDecodeContext context, RealmNode node, RealmColumn column) : IValueLeaf
{
    public int Count => node.Size;

    public RealmValue Get(int index)
    {
        var collectionRef = RealmNodeReader.RefAt(node, index);
        var guard = new NodeGuard();
        return column.Property.Collection == CollectionKind.Dictionary
            ? CollectionReader.ReadDictionary(context, collectionRef, DictionaryValueSpec(), guard, 0)
            : CollectionReader.ReadList(context, collectionRef, column.Element, guard, 0);
    }

    /// <summary>Dictionary values are stored as Mixed whatever the declared type; links as typed links.</summary>
    private ElementSpec DictionaryValueSpec() =>
        new(RealmColumnType.Mixed, Nullable: true, column.Property.ObjectType);
}
