using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>Integers; the nullable form keeps its null sentinel at element 0 and the values after it.</summary>
internal sealed class IntLeaf(RealmNode node, bool nullable) : IValueLeaf
{
    public int Count => nullable ? Math.Max(0, node.Size - 1) : node.Size;

    public RealmValue Get(int index)
    {
        if (!nullable)
        {
            return new IntValue(node.Get(index));
        }

        node.CheckIndex(index + 1);
        var value = node.Get(index + 1);
        return value == node.Get(0) ? RealmValue.Null : new IntValue(value);
    }
}
