using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// Object keys of links. A to-one link column stores key + 1 (0 = null); a list of links stores raw keys.
/// </summary>
internal sealed class LinkLeaf(RealmNode node, string targetClass, bool storedPlusOne) : IValueLeaf
{
    public int Count => node.Size;

    public RealmValue Get(int index)
    {
        var stored = node.Get(index);
        if (!storedPlusOne)
        {
            return ObjectLinkValue.FromStoredKey(targetClass, stored);
        }

        return stored == 0 ? RealmValue.Null : ObjectLinkValue.FromStoredKey(targetClass, stored - 1);
    }
}
