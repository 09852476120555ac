using System.Collections.Immutable;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// Reads whole collections: lists and sets are B+trees of elements (sets sorted); dictionaries are
/// <c>[keys B+tree, values B+tree of Mixed]</c> from format 23, a cluster tree of (key, value) before.
/// </summary>
internal static class CollectionReader
{
    public static ListValue ReadList(
        RealmDecodeContext context, long rootRef, ElementSpec element, NodeGuard guard, int depth)
    {
        if (rootRef == 0)
        {
            return new ListValue([]);
        }

        var items = ImmutableArray.CreateBuilder<RealmValue>();
        BPlusTree.ForEachLeaf(context.Reader, rootRef, guard, leafNode =>
        {
            var leaf = LeafFactory.Create(context, element, leafNode, linksPlusOne: false, guard, depth);
            CheckSize(context, items.Count + (long)leaf.Count, leafNode);
            for (var i = 0; i < leaf.Count; i++)
            {
                items.Add(leaf.Get(i));
            }
        });
        return new ListValue(items.ToImmutable());
    }

    public static DictionaryValue ReadDictionary(
        RealmDecodeContext context, long rootRef, ElementSpec value, NodeGuard guard, int depth)
    {
        if (rootRef == 0)
        {
            return new DictionaryValue([]);
        }

        guard.Enter(rootRef, depth);
        var root = context.Reader.Load(rootRef);
        return context.FileFormat >= 23 && !root.IsInner && root.Size == 2
            ? ReadKeyValueTrees(context, root, value, guard, depth)
            : ReadDictionaryCluster(context, rootRef, value, guard, depth);
    }

    private static DictionaryValue ReadKeyValueTrees(
        RealmDecodeContext context, RealmNode root, ElementSpec value, NodeGuard guard, int depth)
    {
        var keySpec = new ElementSpec(RealmColumnType.String, Nullable: false);
        var keys = ReadList(context, RealmNodeReader.RefAt(root, 0), keySpec, guard, depth + 1).Items;
        var values = ReadList(context, RealmNodeReader.RefAt(root, 1), value, guard, depth + 1).Items;
        if (keys.Length != values.Length)
        {
            throw root.Corrupt($"a dictionary has {keys.Length} keys but {values.Length} values");
        }

        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            entries.Add(new(KeyText(keys[i], root), values[i]));
        }

        return new DictionaryValue(entries.MoveToImmutable());
    }

    private static DictionaryValue ReadDictionaryCluster(
        RealmDecodeContext context, long rootRef, ElementSpec value, NodeGuard guard, int depth)
    {
        var entries = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>();
        var keySpec = new ElementSpec(RealmColumnType.String, Nullable: false);
        foreach (var leaf in ClusterTree.Leaves(context.Reader, rootRef))
        {
            if (leaf.Node.Size < 3)
            {
                throw leaf.Node.Corrupt("a dictionary cluster without key and value columns");
            }

            var keys = LeafFactory.Create(context, keySpec, context.Reader.Child(leaf.Node, 1), false, guard, depth);
            var values = LeafFactory.Create(context, value, context.Reader.Child(leaf.Node, 2), false, guard, depth);
            CheckSize(context, entries.Count + (long)leaf.Count, leaf.Node);
            for (var i = 0; i < leaf.Count; i++)
            {
                entries.Add(new(KeyText(keys.Get(i), leaf.Node), values.Get(i)));
            }
        }

        return new DictionaryValue(entries.ToImmutable());
    }

    private static string KeyText(RealmValue key, RealmNode where) => key switch
    {
        StringValue text => text.Value,
        IntValue number => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw where.Corrupt($"a dictionary key of kind {key.GetType().Name}"),
    };

    private static void CheckSize(RealmDecodeContext context, long count, RealmNode where)
    {
        if (count > context.MaxCollectionElements)
        {
            throw where.Corrupt($"a collection of {count} elements is more than the file can hold");
        }
    }
}
