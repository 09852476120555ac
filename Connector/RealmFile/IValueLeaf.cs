using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>One leaf array decoded on demand: a cluster column leaf or a B+tree leaf.</summary>
internal interface IValueLeaf
{
    int Count { get; }

    RealmValue Get(int index);
}
