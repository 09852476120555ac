using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>Timestamps: <c>[seconds (nullable ints), nanoseconds]</c>; a null second count is a null date.</summary>
internal sealed class TimestampLeaf : IValueLeaf
{
    private readonly IntLeaf seconds;
    private readonly RealmNode nanoseconds;

    public TimestampLeaf(RealmNodeReader reader, RealmNode node)
    {
        seconds = new IntLeaf(reader.Child(node, 0), nullable: true);
        nanoseconds = reader.Child(node, 1);
    }

    public int Count => seconds.Count;

    public RealmValue Get(int index)
    {
        if (seconds.Get(index) is not IntValue second)
        {
            return RealmValue.Null;
        }

        var nanos = nanoseconds.Get(index);
        if (nanos is <= -1_000_000_000 or >= 1_000_000_000)
        {
            throw nanoseconds.Corrupt($"timestamp {index} has {nanos} nanoseconds");
        }

        return new TimestampValue(second.Value, (int)nanos);
    }
}
