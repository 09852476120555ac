using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>Booleans as integers; 3 is null in a nullable array.</summary>
internal sealed class BoolLeaf(RealmNode node, bool nullable) : IValueLeaf
{
    private const long NullValue = 3;

    public int Count => node.Size;

    public RealmValue Get(int index)
    {
        var value = node.Get(index);
        return nullable && value == NullValue ? RealmValue.Null : new BoolValue(value != 0);
    }
}
