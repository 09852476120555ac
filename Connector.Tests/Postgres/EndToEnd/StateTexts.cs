using System.Globalization;
using System.Text;
using Connector.Adapter;
using Connector.Postgres;
using Connector.RealmSchema;
using Connector.SchemaGeneration;
using Connector.Tests.Model;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// A Realm's state as text, one line per object (<c>Class identity: property=value; ...</c>), sorted: read from the
/// model, or read back from the generated PostgreSQL tables through the mapping in force. Equal texts, equal states.
/// </summary>
internal static class StateTexts
{
    /// <summary>The model's state; dates folded to <paramref name="dateUnit"/> ticks (<see cref="Canon.Tick"/> for SQL Server).</summary>
    public static SortedSet<string> FromModel(RealmModel model, long dateUnit = Canon.Microsecond)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var realmClass in model.Classes)
        {
            var keyType = realmClass.PrimaryKeyProperty?.Type ?? RealmPropertyType.String;
            foreach (var identity in model.Identities(realmClass.Name))
            {
                var values = model.Values(realmClass.Name, identity).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                lines.Add(Line(realmClass, Canon.Model(identity, keyType, dateUnit), p => ModelValue(model, p, values[p.Name], dateUnit)));
            }
        }

        return lines;
    }

    public static async Task<SortedSet<string>> FromDatabaseAsync(NpgsqlConnection connection, string realmPath)
    {
        var realm = await PgCatalogStore.FindRealmAsync(connection, realmPath, CancellationToken.None) ?? throw new InvalidOperationException($"{realmPath} is not mapped");
        var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.PartitionOf ?? realm.RealmId, CancellationToken.None) ?? throw new InvalidOperationException("no mapping");
        if (realm.PartitionOf is null)
        {
            return await FromTablesAsync(mapping, Postgres, sql => ReadAsync(connection, sql));
        }

        // One Realm of a partitioned mapping: its rows, through the per-Realm views, in a transaction that names it.
        await using var transaction = await connection.BeginTransactionAsync();
        await PgScopeViews.SelectAsync(connection, realm.RealmId, CancellationToken.None);

        return await FromTablesAsync(mapping.ForRealm(realmPath), Postgres, sql => ReadAsync(connection, sql));
    }

    /// <summary>
    /// The state held in the tables of <paramref name="mapping"/>: every class table and child table read whole through
    /// <paramref name="query"/> (one SELECT each, written by <paramref name="dialect"/>), each value made canonical by it.
    /// </summary>
    public static async Task<SortedSet<string>> FromTablesAsync(SchemaMapping mapping, StateDialect dialect, Func<string, Task<List<object?[]>>> query)
    {
        var keyTypes = mapping.Classes.ToDictionary(c => c.Class.Name, c => c.Class.PrimaryKeyProperty?.Type ?? RealmPropertyType.String, StringComparer.Ordinal);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var mapped in mapping.Classes)
        {
            var table = mapping.Tables.First(t => t.Name == mapped.Table);
            var rows = await query(dialect.Select(table, [.. table.Columns.Select(c => c.Name)], []));
            var collections = new Dictionary<string, Dictionary<string, List<(string Key, string Value)>>>(StringComparer.Ordinal);
            foreach (var property in mapped.Properties.Where(p => p.ChildTable is not null))
            {
                collections[property.Property.Name] = await ReadCollectionAsync(mapping, property, keyTypes, dialect, query);
            }

            foreach (var row in rows)
            {
                var identity = dialect.ValueText(row[0], keyTypes[mapped.Class.Name]);
                lines.Add(Line(mapped.Class, identity, p =>
                {
                    var slot = mapped.Properties.First(m => m.Property.Name == p.Name);
                    if (slot.Column is { } column)
                    {
                        var value = row[table.Columns.IndexOf(table.Columns.First(c => c.Name == column))];
                        return dialect.ValueText(value, p.IsLink ? keyTypes[p.ObjectType!] : p.Type);
                    }

                    var items = collections[p.Name].GetValueOrDefault(identity) ?? [];
                    return Collection(p, items);
                }));
            }
        }

        return lines;
    }

    /// <summary>
    /// PostgreSQL: every column read as its text (<c>column::text</c>) and folded by <see cref="Canon.Database"/>; a SQL-first
    /// table's timestamp with time zone as its UTC timestamp, as the connector reads it.
    /// </summary>
    private static StateDialect Postgres { get; } = new(
        (table, columns, order) =>
            $"SELECT {string.Join(", ", columns.Select(c => (table.Columns.Any(d => d.Name == c && d.SqlType.EndsWith(" with time zone", StringComparison.Ordinal))
                ? $"({PgIdentifier.Quote(c)} AT TIME ZONE 'UTC')" : PgIdentifier.Quote(c)) + "::text"))} FROM {PgIdentifier.Quote(table.Schema, table.Name)}" +
            (order.Count == 0 ? "" : " ORDER BY " + string.Join(", ", order.Select(c => PgIdentifier.Quote(c)))),
        (value, type) => Canon.Database((string?)value, type));

    private static async Task<Dictionary<string, List<(string Key, string Value)>>> ReadCollectionAsync(
        SchemaMapping mapping, PropertyMapping property, Dictionary<string, RealmPropertyType> keyTypes, StateDialect dialect, Func<string, Task<List<object?[]>>> query)
    {
        var table = mapping.Tables.First(t => t.Name == property.ChildTable);
        var owner = mapping.Classes.First(c => c.Properties.Contains(property));
        var (first, second, element) = (table.Columns[0].Name, table.Columns[1].Name, table.Columns[2].Name);
        var rows = await query(dialect.Select(table, [first, second, element], table.Role == TableRole.Dictionary ? [] : [first, second]));
        var elementType = property.Property.IsLink ? keyTypes[property.Property.ObjectType!] : property.Property.Type;
        var byOwner = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = dialect.ValueText(row[0], keyTypes[owner.Class.Name]);
            (byOwner.TryGetValue(key, out var list) ? list : byOwner[key] = []).Add(
                (Convert.ToString(row[1], CultureInfo.InvariantCulture)!, dialect.ValueText(row[2], elementType)));
        }

        return byOwner;
    }

    private static string ModelValue(RealmModel model, RealmProperty property, RealmValue value, long dateUnit)
    {
        var elementType = property.IsLink ? model.Classes.First(c => c.Name == property.ObjectType).PrimaryKeyProperty?.Type ?? RealmPropertyType.String : property.Type;
        return value switch
        {
            ListValue list when property.Collection != CollectionKind.None => Collection(property, [.. list.Items.Select(i => ("", Canon.Model(i, elementType, dateUnit)))]),
            DictionaryValue dictionary when property.Collection == CollectionKind.Dictionary =>
                Collection(property, [.. dictionary.Entries.Select(e => (e.Key, Canon.Model(e.Value, elementType, dateUnit)))]),
            _ => Canon.Model(value, elementType, dateUnit),
        };
    }

    /// <summary>A list or set in order; a dictionary sorted by key (it has no order).</summary>
    private static string Collection(RealmProperty property, List<(string Key, string Value)> items) =>
        property.Collection == CollectionKind.Dictionary
            ? "{" + string.Join(", ", items.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => System.Text.Json.JsonSerializer.Serialize(i.Key) + ": " + i.Value)) + "}"
            : "[" + string.Join(", ", items.Select(i => i.Value)) + "]";

    private static string Line(RealmClass realmClass, string identity, Func<RealmProperty, string> value)
    {
        var line = new StringBuilder().Append(realmClass.Name).Append(' ').Append(identity).Append(':');
        foreach (var property in realmClass.Properties.Where(p => p.Type != RealmPropertyType.LinkingObjects && p.Name != realmClass.PrimaryKey))
        {
            line.Append(' ').Append(property.Name).Append('=').Append(value(property)).Append(';');
        }

        return line.ToString();
    }

    private static async Task<List<object?[]>> ReadAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>
/// How one database's tables are read into state text: the SELECT of some columns of a table in an order
/// (<c>(table, columns, orderBy) =&gt; sql</c>), and the canonical text (as <see cref="Canon"/> writes it) of a value it returns for a
/// property of a type.
/// </summary>
internal sealed record StateDialect(
    Func<SqlTableDefinition, IReadOnlyList<string>, IReadOnlyList<string>, string> Select,
    Func<object?, RealmPropertyType, string> ValueText);
