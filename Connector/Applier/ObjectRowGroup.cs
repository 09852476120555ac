using System.Collections.Immutable;
using Connector.Adapter;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Sql;

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
    private readonly ClassMapping _class;
    private readonly SqlTableDefinition _table;
    private readonly ClassRoutines _routines;
    private readonly ImmutableArray<TableColumn> _columns;
    private readonly Dictionary<object, object?[]> _rows = new(KeyComparer.Instance);
    private readonly List<object> _order = [];
    private readonly Dictionary<string, Dictionary<object, List<object?[]>>> _collections = new(StringComparer.Ordinal);

    public ObjectRowGroup(MappingContext context, ClassMapping mapped, bool insert, int firstInstruction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapped);
        _context = context;
        _class = mapped;
        _table = context.Table(mapped.Table);
        _routines = context.Objects.Classes[mapped.Table];
        Insert = insert;
        FirstInstruction = LastInstruction = firstInstruction;
        _columns = [
            new TableColumn(_routines.OrdinalColumn, SqlColumnType.Parse("int")),
            .. _table.Columns.Select(c => new TableColumn(c.Name, SqlColumnType.Parse(c.SqlType))),
            .. _routines.SetFlags.Select(f => new TableColumn(f, SqlColumnType.Parse("bit"))),
        ];
    }

    public bool Insert { get; }

    public string ClassName => _class.Class.Name;

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
            row = NewRow(key, index);
            _rows[key] = row;
            _order.Add(key);
        }

        foreach (var (name, value) in values.Entries)
        {
            var valuePath = path + ".values" + JsonReadContext.Member(name);
            var property = MappingContext.Property(_class, name, valuePath);
            evolution.RequireKnownAt(index, ClassName, name, valuePath);
            var coerced = ValueCoercion.Coerce(value, property.Property, valuePath);
            if (property.Property.Name == _class.Class.PrimaryKey)
            {
                var given = IdentityConverter.Convert(coerced, _class, valuePath);
                if (!KeyComparer.Instance.Equals(given, key))
                {
                    throw new AdapterFormatException($"the primary key '{name}' differs from the instruction's identity; a primary key cannot change", valuePath);
                }
            }
            else if (property.Column is not null)
            {
                var at = _table.Columns.Select(c => c.Name).ToList().IndexOf(property.Column);
                row[at + 1] = ColumnValue(property, coerced, valuePath);
                row[_table.Columns.Length + at] = true;
            }
            else if (property.ChildTable is not null)
            {
                SetCollection(property, key, coerced, valuePath);
            }
        }
    }

    public IEnumerable<PlannedCall> Calls()
    {
        var rows = _order.Select(k => _rows[k]).ToList();
        yield return new PlannedCall(
            Insert ? _routines.Upsert : _routines.Update,
            Insert ? CallKind.Upsert : CallKind.Update,
            ClassName,
            [new TableArgument("@rows", _routines.RowType, _columns, rows)],
            FirstInstruction,
            LastInstruction);
        foreach (var (table, byOwner) in _collections)
        {
            var routines = _context.Objects.Collections[table];
            var child = _context.Table(table);
            var keyColumn = new TableColumn(KeyTypeWriter.KeyColumn, SqlColumnType.Parse(_class.KeySqlType));
            yield return new PlannedCall(
                routines.Replace!,
                CallKind.Replace,
                ClassName,
                [
                    new TableArgument("@owners", _context.Objects.KeyTypes[_class.KeySqlType], [keyColumn], [.. byOwner.Keys.Select(k => new[] { k })]),
                    new TableArgument("@items", routines.ItemType!, [.. child.Columns.Select(c => new TableColumn(c.Name, SqlColumnType.Parse(c.SqlType)))], [.. byOwner.Values.SelectMany(items => items)]),
                ],
                FirstInstruction,
                LastInstruction);
        }
    }

    private object?[] NewRow(object key, int index)
    {
        var row = new object?[_columns.Length];
        row[0] = index;
        row[1] = key;
        for (var i = 1; i < _table.Columns.Length; i++)
        {
            var column = _table.Columns[i];
            var property = _class.Properties.First(p => p.Column == column.Name).Property;
            row[i + 1] = Insert && !column.Nullable ? SqlValueConverter.Default(property.Type) : null;
            row[_table.Columns.Length + i] = false;
        }

        return row;
    }

    private object? ColumnValue(PropertyMapping property, RealmValue coerced, string path)
    {
        if (property.Property.IsLink)
        {
            return coerced is NullValue ? null : IdentityConverter.Convert(coerced, _context.Class(property.Property.ObjectType!, path), path);
        }

        return SqlValueConverter.Convert(coerced, property.Property.Type, SqlColumnType.Parse(property.SqlType!), path);
    }

    private void SetCollection(PropertyMapping property, object owner, RealmValue coerced, string path)
    {
        var child = _context.Table(property.ChildTable!);
        var elementType = SqlColumnType.Parse(child.Columns[2].SqlType);
        var items = new List<object?[]>();
        object? Element(RealmValue element, string elementPath) => property.Property.IsLink
            ? element is NullValue ? null : IdentityConverter.Convert(element, _context.Class(property.Property.ObjectType!, elementPath), elementPath)
            : SqlValueConverter.Convert(element, property.Property.Type, elementType, elementPath);
        if (coerced is DictionaryValue dictionary)
        {
            var keyType = SqlColumnType.Parse(child.Columns[1].SqlType);
            foreach (var (key, element) in dictionary.Entries)
            {
                var elementPath = path + JsonReadContext.Member(key);
                items.Add([owner, SqlValueConverter.Convert(new StringValue(key), RealmPropertyType.String, keyType, elementPath), Element(element, elementPath)]);
            }
        }
        else if (coerced is ListValue list)
        {
            var seen = new HashSet<RealmValue>();
            for (var i = 0; i < list.Items.Length; i++)
            {
                // A set holds each value once (Realm drops repeats); a list keeps them.
                if (property.Property.Collection == CollectionKind.Set && !seen.Add(list.Items[i]))
                {
                    continue;
                }

                items.Add([owner, items.Count, Element(list.Items[i], path + JsonReadContext.Element(i))]);
            }
        }

        if (!_collections.TryGetValue(child.Name, out var byOwner))
        {
            _collections[child.Name] = byOwner = new Dictionary<object, List<object?[]>>(KeyComparer.Instance);
        }

        byOwner[owner] = items;
    }
}
