namespace Connector.RealmFile;

/// <summary>A cluster leaf: its node, its keys array (null when keys are 0..n-1) and the key offset of its path.</summary>
internal sealed class ClusterLeaf(RealmNode node, RealmNode? keys, long keyOffset)
{
    public RealmNode Node { get; } = node;

    public int Count => keys?.Size ?? (int)((ulong)Node.Get(0) >> 1);

    public long KeyAt(int index) => keyOffset + (keys is null ? index : keys.GetUnsigned(index));
}
