using System.Collections.Immutable;
using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>Reads a table's objects leaf by leaf: each cluster leaf's column arrays are decoded on demand.</summary>
internal sealed class RealmObjectReader(RealmDecodeContext context)
{
    public IEnumerable<RealmFileObject> Read(RealmTable table)
    {
        foreach (var leaf in ClusterTree.Leaves(context.Reader, table.ClusterRoot))
        {
            var columns = new IValueLeaf[table.Columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = ColumnLeaf(leaf, table.Columns[c]);
            }

            for (var row = 0; row < leaf.Count; row++)
            {
                var values = ImmutableArray.CreateBuilder<RealmValue>(columns.Length);
                foreach (var column in columns)
                {
                    values.Add(column.Get(row));
                }

                yield return new RealmFileObject(table.Class.Name, leaf.KeyAt(row), values.MoveToImmutable());
            }
        }
    }

    /// <summary>One column's value per object key, without decoding the other columns.</summary>
    public IEnumerable<(long ObjKey, RealmValue Value)> ReadColumn(RealmTable table, RealmColumn column)
    {
        foreach (var leaf in ClusterTree.Leaves(context.Reader, table.ClusterRoot))
        {
            var values = ColumnLeaf(leaf, column);
            for (var row = 0; row < leaf.Count; row++)
            {
                yield return (leaf.KeyAt(row), values.Get(row));
            }
        }
    }

    public long Count(RealmTable table)
    {
        long count = 0;
        foreach (var leaf in ClusterTree.Leaves(context.Reader, table.ClusterRoot))
        {
            count += leaf.Count;
        }

        return count;
    }

    private IValueLeaf ColumnLeaf(ClusterLeaf leaf, RealmColumn column)
    {
        var node = context.Reader.Child(leaf.Node, 1 + column.LeafIndex);
        var values = column.Property.IsCollection
            ? new CollectionColumnLeaf(context, node, column)
            : LeafFactory.Create(context, column.Element, node, linksPlusOne: true, guard: null, depth: 0);
        if (values.Count < leaf.Count)
        {
            throw node.Corrupt($"column '{column.Property.Name}' holds {values.Count} values for {leaf.Count} objects");
        }

        return values;
    }
}
