using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.SqlServer.Schema;

namespace Connector.Applier;

/// <summary>
/// Consecutive INSERTs (or SETs) of one class gathered into one table-valued call, plus one replace call per
/// primitive collection they set. Rows are keyed by object: a later instruction on an object already in the
/// group merges into its row (nothing between them could observe the difference), so the group's result is the
/// result of applying the instructions one by one.
/// </summary>
public sealed class ObjectRowGroup
{
    private readonly MappingContext _context;
    private readonly ClassShape _shape;
    private readonly Dictionary<object, object?[]> _rows;
    private readonly List<object> _order = [];
    private readonly Dictionary<string, Dictionary<object, List<object?[]>>> _collections = new(StringComparer.Ordinal);

    public ObjectRowGroup(MappingContext context, ClassMapping mapped, bool insert, int firstInstruction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapped);
        _context = context;
        _rows = new(context.Keys);
        _shape = context.Shape(mapped);
        Insert = insert;
        FirstInstruction = LastInstruction = firstInstruction;
    }

    public bool Insert { get; }

    public string ClassName => _shape.Mapped.Class.Name;

    public int FirstInstruction { get; }

    public int LastInstruction { get; private set; }

    /// <summary>Whether the object <paramref name="key"/> already has a row here (a SET on it can merge).</summary>
    public bool Holds(object key) => _rows.ContainsKey(key);

    public void Add(object key, PropertyValues values, int index, string path, SchemaEvolution evolution)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(evolution);
        LastInstruction = index;
        if (!_rows.TryGetValue(key, out var row))
        {
            row = (object?[])(Insert ? _shape.InsertTemplate : _shape.UpdateTemplate).Clone();
            row[0] = index;
            row[1] = key;
            _rows[key] = row;
            _order.Add(key);
        }

        foreach (var (name, value) in values.Entries)
        {
            // Paths are relative (empty) on the way in and made whole only for an error: no string per value.
            try
            {
                AddValue(row, key, name, value, index, evolution);
            }
            catch (AdapterFormatException e)
            {
                throw Located(e, path + ".values" + JsonReadContext.Member(name));
            }
        }
    }

    public IEnumerable<PlannedCall> Calls()
    {
        var rows = _order.Select(k => _rows[k]).ToList();
        var routines = _shape.Routines;
        yield return new PlannedCall(
            Insert ? routines.Upsert : routines.Update,
            Insert ? CallKind.Upsert : CallKind.Update,
            ClassName,
            [new TableArgument("@rows", routines.RowType, _shape.RowColumns, rows)],
            FirstInstruction,
            LastInstruction);
        foreach (var (table, byOwner) in _collections)
        {
            var collection = _context.Objects.Collections[table];
            var child = _context.Table(table);
            var keyColumn = new TableColumn(KeyTypeWriter.KeyColumn, _shape.KeyType);
            yield return new PlannedCall(
                collection.Replace!,
                CallKind.Replace,
                ClassName,
                [
                    new TableArgument("@owners", _context.Objects.KeyTypes[_shape.Mapped.KeySqlType], [keyColumn], [.. byOwner.Keys.Select(k => new[] { k })]),
                    new TableArgument("@items", collection.ItemType!, [.. child.Columns.Select(c => new TableColumn(c.Name, SqlColumnType.Parse(c.SqlType)))], [.. byOwner.Values.SelectMany(items => items)]),
                ],
                FirstInstruction,
                LastInstruction);
        }
    }

    private void AddValue(object?[] row, object key, string name, RealmValue value, int index, SchemaEvolution evolution)
    {
        if (!_shape.Properties.TryGetValue(name, out var slot))
        {
            throw new AdapterFormatException($"class '{ClassName}' has no property '{name}'", string.Empty);
        }

        evolution.RequireKnownAt(index, ClassName, name, string.Empty);
        var property = slot.Mapping;
        var coerced = ValueCoercion.Coerce(value, property.Property, string.Empty);
        if (slot.Column == 0)
        {
            var given = IdentityConverter.Convert(coerced, _shape.Mapped, string.Empty, _context.Provider);
            if (!_context.Keys.Equals(given, key))
            {
                throw new AdapterFormatException($"the primary key '{name}' differs from the instruction's identity; a primary key cannot change", string.Empty);
            }
        }
        else if (slot.Column > 0)
        {
            row[slot.Column + 1] = ColumnValue(slot, coerced, string.Empty);
            row[_shape.ColumnCount + slot.Column] = Boxed.True;
        }
        else if (property.ChildTable is not null)
        {
            SetCollection(property, key, coerced);
        }
    }

    /// <summary>The same problem at <paramref name="prefix"/> + its relative path.</summary>
    private static AdapterFormatException Located(AdapterFormatException e, string prefix) =>
        new(e.Problem, prefix + e.JsonPath, e.Version, e.LineNumber, e.InnerException);

    private object? ColumnValue(PropertySlot slot, RealmValue coerced, string path)
    {
        var property = slot.Mapping.Property;
        if (property.IsLink)
        {
            return coerced is NullValue ? null : IdentityConverter.Convert(coerced, _context.Class(property.ObjectType!, path), path, _context.Provider);
        }

        return SqlValueConverter.Convert(coerced, property.Type, slot.Type!, path, (ClassName, property.Name), _context.Provider);
    }

    private void SetCollection(PropertyMapping property, object owner, RealmValue coerced)
    {
        var child = _context.Table(property.ChildTable!);
        var elementType = SqlColumnType.Parse(child.Columns[2].SqlType);
        var target = property.Property.IsLink ? _context.Class(property.Property.ObjectType!, string.Empty) : null;
        var items = new List<object?[]>();
        object? Element(RealmValue element) => target is not null
            ? element is NullValue ? null : IdentityConverter.Convert(element, target, string.Empty, _context.Provider)
            : SqlValueConverter.Convert(element, property.Property.Type, elementType, string.Empty, (ClassName, property.Property.Name), _context.Provider);
        if (coerced is DictionaryValue dictionary)
        {
            var keyType = SqlColumnType.Parse(child.Columns[1].SqlType);
            foreach (var (key, element) in dictionary.Entries)
            {
                try
                {
                    items.Add([owner, SqlValueConverter.Convert(new StringValue(key), RealmPropertyType.String, keyType, string.Empty, provider: _context.Provider), Element(element)]);
                }
                catch (AdapterFormatException e)
                {
                    throw Located(e, JsonReadContext.Member(key));
                }
            }
        }
        else if (coerced is ListValue list)
        {
            var seen = property.Property.Collection == CollectionKind.Set ? new HashSet<RealmValue>() : null;
            for (var i = 0; i < list.Items.Length; i++)
            {
                // A set holds each value once (Realm drops repeats); a list keeps them.
                if (seen is not null && !seen.Add(list.Items[i]))
                {
                    continue;
                }

                try
                {
                    items.Add([owner, items.Count, Element(list.Items[i])]);
                }
                catch (AdapterFormatException e)
                {
                    throw Located(e, JsonReadContext.Element(i));
                }
            }
        }

        if (!_collections.TryGetValue(child.Name, out var byOwner))
        {
            _collections[child.Name] = byOwner = new Dictionary<object, List<object?[]>>(_context.Keys);
        }

        byOwner[owner] = items;
    }
}
