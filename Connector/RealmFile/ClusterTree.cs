namespace Connector.RealmFile;

/// <summary>
/// Walks a cluster tree (a table's objects, or a format 21-22 dictionary) lazily, leaf by leaf, with each
/// leaf's object keys. Inner node: <c>[keys ref or 0, tagged depth, tagged size, children...]</c>; leaf:
/// <c>[tagged count or keys ref, column leaves...]</c>.
/// </summary>
internal static class ClusterTree
{
    /// <summary>Cluster leaves hold at most 256 objects (1000 in older files); anything far above is corrupt.</summary>
    private const long MaxLeafObjects = 1 << 16;

    /// <summary>Key offset of child i in an inner node without a keys array: i shifted by 8 bits per level.</summary>
    private const int NodeShiftFactor = 8;

    public static IEnumerable<ClusterLeaf> Leaves(RealmNodeReader reader, long rootRef)
    {
        if (rootRef == 0)
        {
            yield break;
        }

        var guard = new NodeGuard();
        var pending = new Stack<(long Ref, long KeyOffset, int Depth)>();
        pending.Push((rootRef, 0, 0));
        while (pending.Count > 0)
        {
            var (nodeRef, keyOffset, depth) = pending.Pop();
            guard.Enter(nodeRef, depth);
            var node = reader.Load(nodeRef);
            if (!node.HasRefs || node.Size < 1)
            {
                throw node.Corrupt("a cluster node without refs");
            }

            if (!node.IsInner)
            {
                yield return new ClusterLeaf(node, LeafKeys(reader, node), keyOffset);
                continue;
            }

            var children = InnerChildren(reader, node, keyOffset);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((children[i].Ref, children[i].KeyOffset, depth + 1));
            }
        }
    }

    private static List<(long Ref, long KeyOffset)> InnerChildren(RealmNodeReader reader, RealmNode node, long keyOffset)
    {
        if (node.Size < 4)
        {
            throw node.Corrupt($"an inner cluster node with {node.Size} elements");
        }

        var keysRef = RealmNodeReader.RefAt(node, 0);
        var keys = keysRef == 0 ? null : reader.Load(keysRef);
        var shift = (int)Math.Min(RealmNodeReader.TaggedAt(node, 1) * NodeShiftFactor, 62);
        var children = new List<(long, long)>(node.Size - 3);
        for (var i = 3; i < node.Size; i++)
        {
            var childRef = RealmNodeReader.RefAt(node, i);
            if (childRef == 0)
            {
                throw node.Corrupt($"child {i - 3} of an inner cluster node is null");
            }

            var offset = keys is null ? (long)(i - 3) << shift : keys.GetUnsigned(i - 3);
            children.Add((childRef, keyOffset + offset));
        }

        return children;
    }

    private static RealmNode? LeafKeys(RealmNodeReader reader, RealmNode leaf)
    {
        var first = leaf.Get(0);
        if ((first & 1) != 0)
        {
            var count = (long)((ulong)first >> 1);
            if (count > MaxLeafObjects)
            {
                throw leaf.Corrupt($"a cluster leaf claims {count} objects");
            }

            return null;
        }

        return first == 0 ? null : reader.Load(RealmNodeReader.RefAt(leaf, 0));
    }
}
