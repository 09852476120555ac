namespace Connector.RealmFile;

/// <summary>
/// Detects cycles and shared nodes in one traversal (a tree, or a value with nested collections): realm-core
/// never shares a node, so a ref met twice means corruption, and stopping there bounds the work by the file size.
/// </summary>
internal sealed class NodeGuard
{
    public const int MaxDepth = 64;

    private readonly HashSet<long> visited = [];

    public void Enter(long nodeRef, int depth)
    {
        if (depth > MaxDepth)
        {
            throw RealmFileException.At(nodeRef, $"nodes nest deeper than {MaxDepth} levels");
        }

        if (!visited.Add(nodeRef))
        {
            throw RealmFileException.At(nodeRef, "a node is reached twice (a cycle or a shared subtree)");
        }
    }
}
