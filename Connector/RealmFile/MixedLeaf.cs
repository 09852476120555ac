using Connector.Adapter;

namespace Connector.RealmFile;

/// <summary>
/// Mixed values: <c>[composite, ints, int pairs, strings, refs, keys]</c>. A composite value packs the type,
/// the payload array and an inline value or payload index; format 24 adds nested lists, sets and dictionaries.
/// </summary>
internal sealed class MixedLeaf : IValueLeaf
{
    private const int NestedList = 19;
    private const int NestedSet = 20;
    private const int NestedDictionary = 21;

    private readonly RealmDecodeContext context;
    private readonly RealmNode node;
    private readonly RealmNode composite;
    private readonly string? linkTarget;
    private readonly NodeGuard? guard;
    private readonly int depth;
    private RealmNode? ints;
    private RealmNode? pairs;
    private StringLeaf? strings;
    private RealmNode? refs;

    public MixedLeaf(RealmDecodeContext context, RealmNode node, string? linkTarget, NodeGuard? guard, int depth)
    {
        this.context = context;
        this.node = node;
        this.linkTarget = linkTarget;
        this.guard = guard;
        this.depth = depth;
        composite = context.Reader.Child(node, 0);
    }

    public int Count => composite.Size;

    public RealmValue Get(int index)
    {
        var packed = composite.Get(index);
        if (packed == 0)
        {
            return RealmValue.Null;
        }

        var type = (int)(packed & 0x1F) - 1;
        var fromPayload = ((packed >> 5) & 7) != 0;
        var value = packed >> 8;
        return type switch
        {
            (int)RealmColumnType.Int => new IntValue(fromPayload ? Ints().Get(Index(value, Ints())) : value),
            (int)RealmColumnType.Bool => new BoolValue(value != 0),
            (int)RealmColumnType.Float => new FloatValue(BitConverter.Int32BitsToSingle((int)Ints().Get(Index(value, Ints())))),
            (int)RealmColumnType.Double => new DoubleValue(BitConverter.Int64BitsToDouble(Ints().Get(Index(value, Ints())))),
            (int)RealmColumnType.String => Strings().Get(Index(value, Strings().Count)),
            (int)RealmColumnType.Binary => Binary(value),
            (int)RealmColumnType.ObjectId => new ObjectIdValue(Convert.ToHexStringLower(FixedBytes(value, 12))),
            (int)RealmColumnType.Uuid => FixedBytesLeaf.Uuid(FixedBytes(value, 16), context.LegacyGuidOrder),
            (int)RealmColumnType.Timestamp => Timestamp(value),
            (int)RealmColumnType.Decimal => Decimal128Decoder.FromBid128((ulong)Pair(value, 0), (ulong)Pair(value, 1)),
            (int)RealmColumnType.Link => Link(value),
            (int)RealmColumnType.TypedLink => TypedLink(value),
            NestedList or NestedSet or NestedDictionary => Nested(type, value),
            _ => throw composite.Corrupt($"Mixed value {index} has unknown type {type}"),
        };
    }

    private RealmValue Binary(long value)
    {
        var bytes = Strings().GetBytes(Index(value, Strings().Count));
        return bytes is null ? RealmValue.Null : new DataValue(bytes.Value);
    }

    private ReadOnlySpan<byte> FixedBytes(long value, int size)
    {
        var bytes = Strings().GetBytes(Index(value, Strings().Count));
        if (bytes is null || bytes.Value.Length < size)
        {
            throw node.Corrupt($"a Mixed {size}-byte value is stored in {bytes?.Length ?? 0} bytes");
        }

        return bytes.Value.Span[..size];
    }

    private TimestampValue Timestamp(long value)
    {
        var nanos = Pair(value, 1);
        if (nanos is <= -1_000_000_000 or >= 1_000_000_000)
        {
            throw node.Corrupt($"a Mixed timestamp has {nanos} nanoseconds");
        }

        return new TimestampValue(Pair(value, 0), (int)nanos);
    }

    private ObjectLinkValue Link(long value)
    {
        var target = linkTarget ?? throw node.Corrupt("a Mixed link outside a link collection");
        return ObjectLinkValue.FromStoredKey(target, Ints().Get(Index(value, Ints())));
    }

    private ObjectLinkValue TypedLink(long value)
    {
        var tableKey = (long)(uint)Pair(value, 0);
        return ObjectLinkValue.FromStoredKey(context.ClassNameOfTableKey(tableKey, node), Pair(value, 1));
    }

    private RealmValue Nested(int type, long value)
    {
        var collectionRef = RealmNodeReader.RefAt(Refs(), Index(value, Refs()));
        var nestedGuard = guard ?? new NodeGuard();
        var element = new ElementSpec(RealmColumnType.Mixed, Nullable: true, linkTarget);
        // Marked as nested in mixed, so that the protocol writes it tagged: ["list", [...]], ["dictionary", {...}].
        // realm-core refuses a set nested in mixed; one read here is written as a list.
        return type == NestedDictionary
            ? CollectionReader.ReadDictionary(context, collectionRef, element, nestedGuard, depth + 1) with { InMixed = true }
            : CollectionReader.ReadList(context, collectionRef, element, nestedGuard, depth + 1) with { InMixed = true };
    }

    private long Pair(long value, int half)
    {
        pairs ??= context.Reader.Child(node, 2);
        var index = (value * 2) + half;
        return pairs.Get(index is < 0 or > int.MaxValue ? -1 : (int)index);
    }

    private RealmNode Ints() => ints ??= context.Reader.Child(node, 1);

    private StringLeaf Strings() =>
        strings ??= new StringLeaf(context.Reader, context.Reader.Child(node, 3), binary: false, nullable: true);

    private RealmNode Refs() => refs ??= context.Reader.Child(node, 4);

    private int Index(long value, RealmNode array) => Index(value, array.Size);

    private int Index(long value, int count)
    {
        if (value < 0 || value >= count)
        {
            throw node.Corrupt($"a Mixed payload index {value} outside its {count}-element array");
        }

        return (int)value;
    }
}
