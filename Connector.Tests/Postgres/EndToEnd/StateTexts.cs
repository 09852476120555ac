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
    public static SortedSet<string> FromModel(RealmModel model)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var realmClass in model.Classes)
        {
            var keyType = realmClass.PrimaryKeyProperty?.Type ?? RealmPropertyType.String;
            foreach (var identity in model.Identities(realmClass.Name))
            {
                var values = model.Values(realmClass.Name, identity).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                lines.Add(Line(realmClass, Canon.Model(identity, keyType), p => ModelValue(model, p, values[p.Name])));
            }
        }

        return lines;
    }

    public static async Task<SortedSet<string>> FromDatabaseAsync(NpgsqlConnection connection, string realmPath)
    {
        var realm = await PgCatalogStore.FindRealmAsync(connection, realmPath, CancellationToken.None) ?? throw new InvalidOperationException($"{realmPath} is not mapped");
        var mapping = await PgCatalogStore.LoadMappingAsync(connection, realm.RealmId, CancellationToken.None) ?? throw new InvalidOperationException("no mapping");
        var keyTypes = mapping.Classes.ToDictionary(c => c.Class.Name, c => c.Class.PrimaryKeyProperty?.Type ?? RealmPropertyType.String, StringComparer.Ordinal);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var mapped in mapping.Classes)
        {
            var table = mapping.Tables.First(t => t.Name == mapped.Table);
            var rows = await ReadAsync(connection, $"SELECT {string.Join(", ", table.Columns.Select(c => PgIdentifier.Quote(c.Name) + "::text"))} FROM {PgIdentifier.Quote(table.Schema, table.Name)}");
            var collections = new Dictionary<string, Dictionary<string, List<(string Key, string Value)>>>(StringComparer.Ordinal);
            foreach (var property in mapped.Properties.Where(p => p.ChildTable is not null))
            {
                collections[property.Property.Name] = await ReadCollectionAsync(connection, mapping, property, keyTypes);
            }

            foreach (var row in rows)
            {
                var identity = Canon.Database(row[0], keyTypes[mapped.Class.Name]);
                lines.Add(Line(mapped.Class, identity, p =>
                {
                    var slot = mapped.Properties.First(m => m.Property.Name == p.Name);
                    if (slot.Column is { } column)
                    {
                        var text = row[table.Columns.IndexOf(table.Columns.First(c => c.Name == column))];
                        return Canon.Database(text, p.IsLink ? keyTypes[p.ObjectType!] : p.Type);
                    }

                    var items = collections[p.Name].GetValueOrDefault(identity) ?? [];
                    return Collection(p, items);
                }));
            }
        }

        return lines;
    }

    private static async Task<Dictionary<string, List<(string Key, string Value)>>> ReadCollectionAsync(
        NpgsqlConnection connection, SchemaMapping mapping, PropertyMapping property, Dictionary<string, RealmPropertyType> keyTypes)
    {
        var table = mapping.Tables.First(t => t.Name == property.ChildTable);
        var owner = mapping.Classes.First(c => c.Properties.Contains(property));
        var (second, element) = (table.Columns[1].Name, table.Columns[2].Name);
        var order = table.Role == TableRole.Dictionary ? "" : $" ORDER BY {PgIdentifier.Quote(table.Columns[0].Name)}, {PgIdentifier.Quote(second)}";
        var rows = await ReadAsync(connection,
            $"SELECT {PgIdentifier.Quote(table.Columns[0].Name)}::text, {PgIdentifier.Quote(second)}::text, {PgIdentifier.Quote(element)}::text FROM {PgIdentifier.Quote(table.Schema, table.Name)}{order}");
        var elementType = property.Property.IsLink ? keyTypes[property.Property.ObjectType!] : property.Property.Type;
        var byOwner = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = Canon.Database(row[0], keyTypes[owner.Class.Name]);
            (byOwner.TryGetValue(key, out var list) ? list : byOwner[key] = []).Add((row[1]!, Canon.Database(row[2], elementType)));
        }

        return byOwner;
    }

    private static string ModelValue(RealmModel model, RealmProperty property, RealmValue value)
    {
        var elementType = property.IsLink ? model.Classes.First(c => c.Name == property.ObjectType).PrimaryKeyProperty?.Type ?? RealmPropertyType.String : property.Type;
        return value switch
        {
            ListValue list when property.Collection != CollectionKind.None => Collection(property, [.. list.Items.Select(i => ("", Canon.Model(i, elementType)))]),
            DictionaryValue dictionary when property.Collection == CollectionKind.Dictionary =>
                Collection(property, [.. dictionary.Entries.Select(e => (e.Key, Canon.Model(e.Value, elementType)))]),
            _ => Canon.Model(value, elementType),
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

    private static async Task<List<string?[]>> ReadAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetString(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
