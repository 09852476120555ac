namespace Connector.RealmFile;

/// <summary>
/// Walks a B+tree's leaves in order. An inner node holds <c>[elements per child or offsets ref, child refs...,
/// tagged total count]</c>; a leaf is any node without the inner flag.
/// </summary>
internal static class BPlusTree
{
    public static void ForEachLeaf(RealmNodeReader reader, long rootRef, NodeGuard guard, Action<RealmNode> onLeaf) =>
        Visit(reader, rootRef, guard, 0, onLeaf);

    private static void Visit(RealmNodeReader reader, long nodeRef, NodeGuard guard, int depth, Action<RealmNode> onLeaf)
    {
        guard.Enter(nodeRef, depth);
        var node = reader.Load(nodeRef);
        if (!node.IsInner)
        {
            onLeaf(node);
            return;
        }

        if (!node.HasRefs || node.Size < 3)
        {
            throw node.Corrupt($"an inner B+tree node with {node.Size} elements");
        }

        for (var i = 1; i < node.Size - 1; i++)
        {
            var childRef = RealmNodeReader.RefAt(node, i);
            if (childRef == 0)
            {
                throw node.Corrupt($"child {i} of an inner B+tree node is null");
            }

            Visit(reader, childRef, guard, depth + 1, onLeaf);
        }
    }
}
