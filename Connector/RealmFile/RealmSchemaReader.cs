using System.Collections.Immutable;
using Connector.RealmSchema;

namespace Connector.RealmFile;

/// <summary>
/// Reads the group's tables and each table's spec into <see cref="RealmTable"/>s. Top array: [0] table names,
/// [1] table refs. Table top: [0] spec, [2] cluster tree, [7] opposite tables, [11] primary-key column key,
/// [12] flags. Spec: [0] types, [1] names, [2] attributes, [4] enum keys, [5] column keys.
/// </summary>
internal sealed class RealmSchemaReader
{
    private const long NoTable = 0x7FFFFFFF;

    private readonly RealmNodeReader reader;
    private readonly List<string?> tableNames = [];

    public RealmSchemaReader(RealmNodeReader reader) => this.reader = reader;

    /// <summary>The class a table key names (its low 16 bits index the group's table list).</summary>
    public string ClassNameOfTableKey(long tableKey, RealmNode where)
    {
        var index = tableKey & 0xFFFF;
        if (tableKey == NoTable || index >= tableNames.Count || tableNames[(int)index] is not { } name)
        {
            throw where.Corrupt($"table key {tableKey} names no table");
        }

        return RealmTableNames.ClassName(name);
    }

    public IReadOnlyList<RealmTable> ReadTables(long topRef)
    {
        if (topRef == 0)
        {
            return [];
        }

        var top = reader.Load(topRef);
        if (!top.HasRefs || top.Size < 2)
        {
            throw top.Corrupt("the group's top array lacks table names and tables");
        }

        var names = new StringLeaf(reader, reader.Child(top, 0), binary: false, nullable: false);
        var refs = reader.Child(top, 1);
        if (names.Count != refs.Size)
        {
            throw refs.Corrupt($"{names.Count} table names but {refs.Size} table refs");
        }

        for (var i = 0; i < names.Count; i++)
        {
            var value = refs.Get(i);
            tableNames.Add(value == 0 || (value & 1) != 0 ? null : names.GetString(i) ?? string.Empty);
        }

        var tables = new List<RealmTable>();
        for (var i = 0; i < tableNames.Count; i++)
        {
            if (tableNames[i] is { } name)
            {
                tables.Add(ReadTable(name, refs.Get(i)));
            }
        }

        return tables;
    }

    private RealmTable ReadTable(string tableName, long tableRef)
    {
        var top = reader.Load(tableRef);
        if (!top.HasRefs || top.Size < 3)
        {
            throw top.Corrupt($"table '{tableName}' has a top array of {top.Size} elements");
        }

        var opposite = top.Size > 7 && RealmNodeReader.RefAt(top, 7) != 0 ? reader.Child(top, 7) : null;
        var columns = ReadColumns(reader.Child(top, 0), opposite);
        var pkKey = top.Size > 11 ? top.Get(11) : 0;
        var primaryKey = (pkKey & 1) == 0 ? null : columns.FirstOrDefault(c => c.ColumnKey == pkKey >> 1);
        var flags = top.Size > 12 && (top.Get(12) & 1) != 0 ? RealmNodeReader.TaggedAt(top, 12) & 3 : 0;
        var kind = flags switch
        {
            1 => ClassKind.Embedded,
            2 => ClassKind.Asymmetric,
            _ => ClassKind.TopLevel,
        };
        var realmClass = new RealmClass(
            RealmTableNames.ClassName(tableName), [.. columns.Select(c => c.Property)], primaryKey?.Property.Name, kind);
        return new RealmTable(
            tableName, realmClass, RealmTableNames.IsBookkeeping(tableName), RealmNodeReader.RefAt(top, 2), columns, primaryKey);
    }

    private ImmutableArray<RealmColumn> ReadColumns(RealmNode spec, RealmNode? opposite)
    {
        if (!spec.HasRefs || spec.Size < 6)
        {
            throw spec.Corrupt($"a table spec of {spec.Size} elements");
        }

        var types = reader.Child(spec, 0);
        var names = new StringLeaf(reader, reader.Child(spec, 1), binary: false, nullable: false);
        var attributes = reader.Child(spec, 2);
        var enumKeysRef = RealmNodeReader.RefAt(spec, 4);
        var enumKeys = enumKeysRef == 0 ? null : reader.Load(enumKeysRef);
        var keys = reader.Child(spec, 5);
        var columns = ImmutableArray.CreateBuilder<RealmColumn>();
        for (var i = 0; i < names.Count; i++)
        {
            var type = (RealmColumnType)(types.Get(i) & 0xFFFF);
            if (type == RealmColumnType.BackLink)
            {
                continue;
            }

            var columnKey = keys.Get(i);
            var leafIndex = (int)(columnKey & 0xFFFF);
            var target = type is RealmColumnType.Link or RealmColumnType.LinkList
                ? TargetClass(opposite ?? throw spec.Corrupt("link columns without opposite tables"), leafIndex)
                : null;
            var columnEnumKeys = enumKeys is not null && i < enumKeys.Size && RealmNodeReader.RefAt(enumKeys, i) != 0
                ? new StringLeaf(reader, reader.Child(enumKeys, i), binary: false, nullable: true)
                : null;
            var attr = (int)attributes.Get(i);
            var property = RealmPropertyMapper.ToProperty(names.GetString(i) ?? string.Empty, type, attr, target, spec);
            columns.Add(new RealmColumn(property, type, attr, leafIndex, columnKey, columnEnumKeys));
        }

        return columns.ToImmutable();
    }

    private string TargetClass(RealmNode opposite, int leafIndex) =>
        ClassNameOfTableKey(opposite.Get(leafIndex), opposite);
}
