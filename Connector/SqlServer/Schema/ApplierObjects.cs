using System.Collections.Immutable;
using System.Text;
using Connector.Catalog;
using Connector.SchemaGeneration;

namespace Connector.SqlServer.Schema;

/// <summary>
/// The names of the types and procedures generated for the applier, all in schema <c>realmsync</c> so that
/// they can never collide with a user's table. Derived deterministically from the mapping; they hold no
/// data, so a later schema version may name them differently without loss.
/// </summary>
public sealed record ApplierObjects(
    ImmutableDictionary<string, ClassRoutines> Classes,
    ImmutableDictionary<string, CollectionRoutines> Collections,
    ImmutableDictionary<string, string> KeyTypes,
    ImmutableDictionary<string, string> RekeyTypes)
{
    public static ApplierObjects Name(SchemaMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var scope = new NameScope();
        var keyTypes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var rekeyTypes = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var sqlType in mapping.Classes.Select(c => c.KeySqlType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            keyTypes[sqlType] = scope.Claim("keys$" + Compact(sqlType), out _);
        }

        foreach (var sqlType in mapping.Classes.Where(c => c.Class.PrimaryKey is null).Select(c => c.KeySqlType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            rekeyTypes[sqlType] = scope.Claim("rekey$" + Compact(sqlType), out _);
        }

        var classes = ImmutableDictionary.CreateBuilder<string, ClassRoutines>(StringComparer.Ordinal);
        var collections = ImmutableDictionary.CreateBuilder<string, CollectionRoutines>(StringComparer.Ordinal);
        foreach (var table in mapping.Tables)
        {
            var prefix = mapping.SqlSchema + "." + table.Name + "$";
            string Claim(string suffix) => scope.Claim(prefix + suffix, out _);
            if (table.Role == TableRole.Class)
            {
                var keyed = mapping.Classes.FirstOrDefault(c => c.Table == table.Name)?.Class.PrimaryKey is not null;
                classes[table.Name] = NameClass(table, keyed, Claim);
            }
            else if (table.Role == TableRole.LinkList)
            {
                collections[table.Name] = new CollectionRoutines(table.Name, null, null, Claim("list_insert"), Claim("list_set"), Claim("list_erase"), Claim("list_clear"));
            }
            else
            {
                collections[table.Name] = new CollectionRoutines(table.Name, Claim("items"), Claim("replace"), null, null, null, null);
            }
        }

        return new ApplierObjects(classes.ToImmutable(), collections.ToImmutable(), keyTypes.ToImmutable(), rekeyTypes.ToImmutable());
    }

    /// <summary><c>[realmsync].[name]</c>.</summary>
    public static string Quote(string name) => Sql.SqlIdentifier.Quote(CatalogSchema.SchemaName, name);

    private static ClassRoutines NameClass(SqlTableDefinition table, bool keyed, Func<string, string> claim)
    {
        var columns = new NameScope(table.Columns.Select(c => c.Name));
        var ordinal = columns.Claim("_ordinal", out _);
        var flags = table.Columns.Skip(1).Select(c => columns.Claim(c.Name + "$set", out _)).ToImmutableArray();
        return new ClassRoutines(
            table.Name, claim("rows"), ordinal, flags, claim("upsert"), claim("update"), claim("delete"), claim("clear"),
            keyed ? null : claim("rekey"));
    }

    private static string Compact(string sqlType)
    {
        var builder = new StringBuilder(sqlType.Length);
        foreach (var c in sqlType)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
