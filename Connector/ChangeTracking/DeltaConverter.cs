using System.Collections.Immutable;
using System.Data.Common;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.SqlServer.ChangeTracking;

namespace Connector.ChangeTracking;

/// <summary>
/// Turns rows read by <see cref="ChangeTrackingQueries"/> into Adapter instructions (ADAPTER-PROTOCOL.md section 6),
/// one row at a time, so that memory is bounded by the page a caller reads. Pure: no SQL runs here. Rows carrying
/// the connector's own Change Tracking context are filtered in SQL and ignored here as well.
/// </summary>
public sealed class DeltaConverter
{
    private readonly ReadOnlyMemory<byte> connectorContext;
    private readonly Dictionary<string, ClassMapping> classes;
    private readonly Dictionary<string, SqlTableDefinition> tables;
    private readonly Dictionary<string, ClassShape> shapes = new(StringComparer.Ordinal);

    public DeltaConverter(SchemaMapping mapping, ReadOnlyMemory<byte> connectorContext)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        Mapping = mapping;
        Order = new ChangeOrder(mapping);
        this.connectorContext = connectorContext;
        classes = mapping.Classes.ToDictionary(c => c.Class.Name, StringComparer.Ordinal);
        tables = mapping.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public SchemaMapping Mapping { get; }

    public ChangeOrder Order { get; }

    public SqlTableDefinition TableOf(ClassMapping mapping) => tables[(mapping ?? throw new ArgumentNullException(nameof(mapping))).Table];

    public SqlTableDefinition TableOf(PropertyMapping collection) =>
        tables[(collection ?? throw new ArgumentNullException(nameof(collection))).ChildTable ?? throw new ArgumentException($"property {collection.Property.Name} has no child table", nameof(collection))];

    /// <summary>
    /// Adds the instructions of one class row (<see cref="ClassRow"/> shape) for <paramref name="phase"/> to
    /// <paramref name="output"/>; returns the row's key as read (for keyset paging).
    /// </summary>
    public object ConvertClassRow(ClassMapping mapping, DbDataReader row, DeltaPhase phase, ICollection<Instruction> output)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(output);
        var shape = Shape(mapping);
        var key = row.GetValue(ClassRow.Key);
        if (IsConnectorsOwn(row))
        {
            return key;
        }

        try
        {
            Convert(shape, row, key, phase, output);
        }
        catch (Exception e) when (e is AdapterFormatException or InvalidCastException or ArgumentException or FormatException or OverflowException)
        {
            throw new ChangeTrackingException(
                $"Row {Describe(key)} of table [{shape.Table.Schema}].[{shape.Table.Name}] cannot be sent to Realm: {e.Message}. Correct the row in SQL Server; the next pass sends it.", e);
        }

        return key;
    }

    /// <summary>Whether the class needs a <see cref="DeltaPhase.DeferredLinks"/> pass: it has deferred links or mixed values (which may hold links).</summary>
    public bool HasLateValues(ClassMapping mapping) =>
        Shape(mapping ?? throw new ArgumentNullException(nameof(mapping))).Slots.Any(s => s.Deferred || s.Property.Property.Type == RealmPropertyType.Mixed);

    /// <summary>A collection converter for one child table of <paramref name="owner"/>.</summary>
    public CollectionDeltaConverter Collection(ClassMapping owner, PropertyMapping property)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(property);
        var target = property.Property.IsLink ? classes[property.Property.ObjectType!] : null;
        return new CollectionDeltaConverter(owner, property, TableOf(property), target, key => Identity(owner, key));
    }

    /// <summary>The Adapter identity of a key read from SQL: the primary-key value, or the opaque object id string.</summary>
    public static RealmValue Identity(ClassMapping mapping, object key)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (key is null or DBNull)
        {
            return RealmValue.Null;
        }

        return mapping.Class.PrimaryKeyProperty is { } primaryKey
            ? SqlValueDecoder.Decode(key, primaryKey.Type)
            : new StringValue((string)key);
    }

    private static void Convert(ClassShape shape, DbDataReader row, object key, DeltaPhase phase, ICollection<Instruction> output)
    {
        var operation = row.GetString(ClassRow.Operation);
        var gone = operation == ClassRow.Delete || row.IsDBNull(shape.RowKeyOrdinal);
        var className = shape.Mapping.Class.Name;
        if (phase == DeltaPhase.Deletes)
        {
            // An embedded object lives and dies with its owner in Realm: the owner's DELETE, or the SET that replaced
            // or nulled its link, deletes it there; a DELETE of its own would name an object Realm already removed.
            if (gone && shape.Mapping.Class.Kind != RealmSchema.ClassKind.Embedded)
            {
                output.Add(new DeleteInstruction(className, Identity(shape.Mapping, key)));
            }

            return;
        }

        if (gone)
        {
            return;
        }

        var inserted = operation == ClassRow.Insert;
        var values = ImmutableArray.CreateBuilder<KeyValuePair<string, RealmValue>>(shape.Slots.Length);
        foreach (var slot in shape.Slots)
        {
            if (!inserted && slot.IsPrimaryKey)
            {
                continue; // Realm refuses to set a primary key, even to the value it has.
            }

            var value = Decode(slot, row);
            var late = slot.Deferred || (slot.Property.Property.Type == RealmPropertyType.Mixed && ContainsLink(value));
            if (phase == DeltaPhase.Upserts ? !late : late && (!inserted || value is not NullValue))
            {
                values.Add(KeyValuePair.Create(slot.Property.Property.Name, value));
            }
        }

        var identity = Identity(shape.Mapping, key);
        if (phase == DeltaPhase.Upserts)
        {
            output.Add(inserted
                ? new InsertInstruction(className, identity, new PropertyValues(values.ToImmutable()))
                : new SetInstruction(className, identity, new PropertyValues(values.ToImmutable())));
        }
        else if (values.Count > 0)
        {
            output.Add(new SetInstruction(className, identity, new PropertyValues(values.ToImmutable())));
        }
    }

    private static RealmValue Decode(ColumnSlot slot, DbDataReader row) => slot.Target is { } target
        ? Identity(target, row.GetValue(slot.Ordinal))
        : SqlValueDecoder.Decode(row, slot.Ordinal, slot.Property.Property.Type);

    private bool IsConnectorsOwn(DbDataReader row)
    {
        if (row.IsDBNull(ClassRow.Context))
        {
            return false;
        }

        var context = (byte[])row.GetValue(ClassRow.Context);
        return context.AsSpan().SequenceEqual(connectorContext.Span);
    }

    private static bool ContainsLink(RealmValue value) => value switch
    {
        LinkValue => true,
        ListValue list => list.Items.Any(ContainsLink),
        DictionaryValue dictionary => dictionary.Entries.Any(e => ContainsLink(e.Value)),
        _ => false,
    };

    private static string Describe(object key) => key switch
    {
        byte[] bytes => "0x" + System.Convert.ToHexString(bytes),
        _ => "'" + key + "'",
    };

    private ClassShape Shape(ClassMapping mapping)
    {
        if (shapes.TryGetValue(mapping.Class.Name, out var shape))
        {
            return shape;
        }

        var table = TableOf(mapping);
        int Ordinal(string column) => ClassRow.FirstColumn + table.Columns.IndexOf(table.Columns.First(c => c.Name == column));
        var slots = mapping.Properties
            .Where(p => p.Column is not null)
            .Select(p => new ColumnSlot(
                p,
                Ordinal(p.Column!),
                p.Property.Name == mapping.Class.PrimaryKey,
                Order.IsDeferred(mapping.Class.Name, p.Property.Name),
                p.Property.IsLink ? classes[p.Property.ObjectType!] : null))
            .ToImmutableArray();
        shape = new ClassShape(mapping, table, Ordinal(mapping.KeyColumn), slots);
        shapes.Add(mapping.Class.Name, shape);
        return shape;
    }

    private sealed record ColumnSlot(PropertyMapping Property, int Ordinal, bool IsPrimaryKey, bool Deferred, ClassMapping? Target);

    /// <summary><see cref="RowKeyOrdinal"/>: the table's own key column, null when the row no longer exists.</summary>
    private sealed record ClassShape(ClassMapping Mapping, SqlTableDefinition Table, int RowKeyOrdinal, ImmutableArray<ColumnSlot> Slots);
}
