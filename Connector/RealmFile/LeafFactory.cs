namespace Connector.RealmFile;

/// <summary>Chooses the decoder of a leaf array from the element type.</summary>
internal static class LeafFactory
{
    /// <param name="linksPlusOne">Whether link keys are stored + 1 (to-one link columns) or raw (lists of links).</param>
    /// <param name="guard">The traversal a nested value belongs to; null to start a new one per value.</param>
    public static IValueLeaf Create(
        RealmDecodeContext context, ElementSpec spec, RealmNode node, bool linksPlusOne, NodeGuard? guard, int depth)
    {
        var reader = context.Reader;
        return spec.Type switch
        {
            RealmColumnType.Int => new IntLeaf(node, spec.Nullable),
            RealmColumnType.Bool => new BoolLeaf(node, spec.Nullable),
            RealmColumnType.String => new StringLeaf(reader, node, binary: false, spec.Nullable, spec.EnumKeys),
            RealmColumnType.Binary => new StringLeaf(reader, node, binary: true, spec.Nullable),
            RealmColumnType.Timestamp => new TimestampLeaf(reader, node),
            RealmColumnType.Float => new FloatingLeaf(node, spec.Nullable, isDouble: false),
            RealmColumnType.Double => new FloatingLeaf(node, spec.Nullable, isDouble: true),
            RealmColumnType.Decimal => new DecimalLeaf(node),
            RealmColumnType.Link => new LinkLeaf(node, Target(spec, node), linksPlusOne),
            RealmColumnType.LinkList => new LinkLeaf(node, Target(spec, node), storedPlusOne: false),
            RealmColumnType.ObjectId => new FixedBytesLeaf(node, 12, legacyGuidOrder: false),
            RealmColumnType.Uuid => new FixedBytesLeaf(node, 16, context.LegacyGuidOrder),
            RealmColumnType.Mixed => new MixedLeaf(context, node, spec.TargetClass, guard, depth),
            _ => throw node.Corrupt($"values of column type {(int)spec.Type} are not supported"),
        };
    }

    private static string Target(ElementSpec spec, RealmNode node) =>
        spec.TargetClass ?? throw node.Corrupt("a link column without a target table");
}
