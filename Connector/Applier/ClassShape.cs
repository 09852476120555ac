using System.Collections.Frozen;
using System.Collections.Immutable;
using Connector.SchemaGeneration;
using Connector.Sql;
using Connector.SqlServer.Schema;

namespace Connector.Applier;

/// <summary>
/// Everything the planner needs about one class, computed once per mapping: the row type's columns, where each
/// property goes (its row slot or its child table), and the row templates of an INSERT (Realm defaults for
/// required columns) and a SET (nothing set).
/// </summary>
public sealed class ClassShape
{
    public ClassShape(ClassMapping mapped, SqlTableDefinition table, ClassRoutines routines)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(routines);
        Mapped = mapped;
        Routines = routines;
        KeyType = SqlColumnType.Parse(mapped.KeySqlType);
        RowColumns = [.. ClassRoutineWriter.RowTypeColumns(table, routines).Select(c => new TableColumn(c.Name, SqlColumnType.Parse(c.SqlType)))];
        var columnIndex = table.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        Properties = mapped.Properties.ToFrozenDictionary(
            p => p.Property.Name,
            p => new PropertySlot(p, p.Column is null ? -1 : columnIndex[p.Column], p.SqlType is null ? null : SqlColumnType.Parse(p.SqlType)),
            StringComparer.Ordinal);
        ColumnCount = table.Columns.Length;
        InsertTemplate = new object?[RowColumns.Length];
        UpdateTemplate = new object?[RowColumns.Length];
        foreach (var slot in Properties.Values.Where(s => s.Column > 0))
        {
            var column = table.Columns[slot.Column];
            InsertTemplate[slot.Column + 1] = column.Nullable ? null : SqlValueConverter.Default(slot.Mapping.Property.Type);
            InsertTemplate[ColumnCount + slot.Column] = Boxed.False;
            UpdateTemplate[ColumnCount + slot.Column] = Boxed.False;
        }
    }

    public ClassMapping Mapped { get; }

    public ClassRoutines Routines { get; }

    public SqlColumnType KeyType { get; }

    /// <summary>Ordinal, key, the other columns, then a set flag per column after the key.</summary>
    public ImmutableArray<TableColumn> RowColumns { get; }

    public FrozenDictionary<string, PropertySlot> Properties { get; }

    /// <summary>Columns of the class table, key included.</summary>
    public int ColumnCount { get; }

    public object?[] InsertTemplate { get; }

    public object?[] UpdateTemplate { get; }
}
